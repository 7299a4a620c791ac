"""The `socai` command."""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from settings import Settings, SettingsError

if TYPE_CHECKING:
    from domain.application import Ledger
    from domain.ledger import Request


def _ledger(settings: Settings) -> Ledger:
    from domain.application import Ledger
    from projections.storage import Database

    return Ledger(Database.from_url(settings.database_url))


def _system_request(key: str) -> Request:
    from domain.authority import SYSTEM
    from domain.ledger import Request

    return Request(SYSTEM, idempotency_key=key, correlation_id=f"cli-{uuid.uuid4()}")


def cmd_init(settings: Settings, args: argparse.Namespace) -> int:
    ledger = _ledger(settings)
    try:
        done = ledger.adopt_program(_system_request("init:adopt-program"))
    finally:
        ledger.close()
    if done is None:
        print("The program is already adopted; nothing recorded.")
    else:
        print(f"Adopted the Nghi Dương 2026–2030 program: log positions 1–{done.position}.")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from server import bootstrap

    app = bootstrap(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def cmd_schema(settings: Settings, args: argparse.Namespace) -> int:
    from schema import schema

    sys.stdout.write(schema.as_str() + "\n")
    return 0


# --- the log: rebuild, export, import, replay, digest ---------------------------------------


def _progress(label: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress bar on a terminal; elsewhere a line on stderr at every tenth of the way."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc=label, unit=" events", unit_scale=True, file=sys.stderr)

        def advance(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        return advance, bar.close
    shown = [-1]

    def line(done: int, total: int) -> None:
        tenth = done * 10 // total if total else 10
        if tenth > shown[0]:
            shown[0] = tenth
            print(f"{label}: {done:,}/{total:,} events ({tenth * 10}%)", file=sys.stderr)

    return line, lambda: None


def _as_of(text: str) -> int | datetime:
    """A log position, or a date-time with its UTC offset."""
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is neither a log position nor a date-time"
        ) from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give the date-time's offset, e.g. 2026-06-30T17:00+07:00")
    return moment


def cmd_rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from projections.rebuild import rebuild_views

    ledger = _ledger(settings)
    advance, close = _progress("rebuild")
    try:
        done = rebuild_views(ledger, progress=advance)
    finally:
        close()
        ledger.close()
    rate = done.events / done.seconds if done.seconds else 0.0
    print(
        f"Rebuilt every view from {done.events:,} events (up to position {done.position:,}) "
        f"in {done.seconds:.1f} s, {rate:,.0f} events/s; writers waited "
        f"{done.locked_seconds:.2f} s for the switch."
    )
    return 0


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from projections.export import export_log

    ledger = _ledger(settings)
    advance, close = _progress("export")
    try:
        if args.file in (None, "-"):
            done = export_log(ledger, sys.stdout.buffer, progress=advance)
        else:
            with open(args.file, "wb") as out:
                done = export_log(ledger, out, progress=advance)
    finally:
        close()
        ledger.close()
    print(
        f"Exported {done.events:,} events (up to position {done.position:,}) and "
        f"{done.checkpoints:,} checkpoints.",
        file=sys.stderr,
    )
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from projections.restore import ExportUnreadable, StoreNotEmpty, import_log

    ledger = _ledger(settings)
    advance, close = _progress("import")
    try:
        done = import_log(ledger, Path(args.file), progress=advance)
    except (ExportUnreadable, StoreNotEmpty, OSError) as error:
        print(f"socai import: {error}", file=sys.stderr)
        return 1
    finally:
        close()
        ledger.close()
    print(
        f"Imported {done.events:,} events (positions up to {done.position:,}) and "
        f"{done.checkpoints:,} checkpoints; every view rebuilt."
    )
    return 0


def cmd_replay(settings: Settings, args: argparse.Namespace) -> int:
    from domain.application import Ledger
    from projections.digest import views_digest
    from projections.restore import ExportUnreadable, StoreNotEmpty, import_log, position_as_of
    from projections.storage import Database

    path = Path(args.file)
    with tempfile.TemporaryDirectory(prefix="socai-replay-") as scratch:
        url = args.into or f"sqlite:///{Path(scratch) / 'replay.db'}"
        ledger = Ledger(Database.from_url(url))
        advance, close = _progress("replay")
        try:
            upto = (
                position_as_of(path, args.as_of) if isinstance(args.as_of, datetime) else args.as_of
            )
            done = import_log(ledger, path, upto=upto, progress=advance)
            with ledger.reading() as sql:
                digest = views_digest(sql)
        except (ExportUnreadable, StoreNotEmpty, OSError) as error:
            print(f"socai replay: {error}", file=sys.stderr)
            return 1
        finally:
            close()
            ledger.close()
    print(f"{digest}  views at position {done.position} ({done.events} events)")
    return 0


def cmd_digest(settings: Settings, args: argparse.Namespace) -> int:
    from projections.digest import views_digest
    from projections.read import head_position, position_at

    ledger = _ledger(settings)
    try:
        with ledger.reading() as sql:
            at = args.as_of
            if isinstance(at, datetime):
                at = position_at(sql, at.astimezone(UTC).isoformat(timespec="microseconds"))
            digest = views_digest(sql, at)
            position = head_position(sql) if at is None else min(at, head_position(sql))
    finally:
        ledger.close()
    print(f"{digest}  views at position {position}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socai", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create the store and adopt the program (once)")
    sub.add_parser("serve", help="serve GraphQL on HOST:PORT (default 127.0.0.1:8000)")
    sub.add_parser("schema", help="print the GraphQL SDL")
    sub.add_parser("rebuild", help="rebuild every view from the log, aside, then switch")
    export = sub.add_parser("export", help="write the log as CloudEvents JSON Lines")
    export.add_argument("file", nargs="?", help="where to write (default: standard output)")
    load = sub.add_parser("import", help="restore an export into an empty store")
    load.add_argument("file")
    replay = sub.add_parser("replay", help="rebuild the views from an export; print their digest")
    replay.add_argument("file")
    replay.add_argument("--as-of", type=_as_of, help="a log position or a date-time with offset")
    replay.add_argument("--into", help="a database URL to keep the result in (default: none)")
    digest = sub.add_parser("digest", help="print the digest of the store's views")
    digest.add_argument("--as-of", type=_as_of, help="a log position or a date-time with offset")
    return parser


COMMANDS = {
    "init": cmd_init,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "rebuild": cmd_rebuild,
    "export": cmd_export,
    "import": cmd_import,
    "replay": cmd_replay,
    "digest": cmd_digest,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"socai: {error}", file=sys.stderr)
        return 2
    return COMMANDS[args.command](settings, args)


if __name__ == "__main__":
    raise SystemExit(main())
