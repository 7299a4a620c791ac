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


def _system_request(key: str, reason: str = "") -> Request:
    from domain.authority import SYSTEM
    from domain.ledger import Request

    return Request(SYSTEM, idempotency_key=key, correlation_id=f"cli-{uuid.uuid4()}", reason=reason)


def cmd_init(settings: Settings, args: argparse.Namespace) -> int:
    from projections.audit.notes import NoteError, create_key_file, public_key_path

    try:
        signer, created = create_key_file(settings.key_path, settings.log_origin)
    except (NoteError, OSError) as error:
        print(f"socai: {error}", file=sys.stderr)
        return 1
    if signer.name != settings.log_origin:
        print(
            f"socai: the key in {settings.key_path} signs for '{signer.name}', "
            f"but SOCAI_LOG_ORIGIN is '{settings.log_origin}'",
            file=sys.stderr,
        )
        return 1
    if created:
        print(f"Created the ledger's signing key {settings.key_path} (keep it secret).")
    print(f"Public key (pin it): {public_key_path(settings.key_path)}: {signer.verifier}")
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


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    import demo

    ledger = _ledger(settings)
    try:
        summary = demo.load(ledger, force=args.force)
    except demo.NotADemoStore as error:
        print(f"socai: refusing to load the demo: {error}", file=sys.stderr)
        return 1
    finally:
        ledger.close()
    print(summary.line())
    return 0


def cmd_checkpoint(settings: Settings, args: argparse.Namespace) -> int:
    from server import ledger_follower, signing_key

    signer = signing_key(settings)
    if signer is None:
        print(f"socai: no signing key at {settings.key_path}: run `socai init`", file=sys.stderr)
        return 1
    ledger = _ledger(settings)
    try:
        state = ledger_follower(settings, ledger, signer).catch_up(checkpoint=True)
    finally:
        ledger.close()
    print(f"The ledger's tree holds {state.size} events, signed up to position {state.position}.")
    return 0


def cmd_verify(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from projections.audit.notes import NoteError, load_verifier, public_key_path
    from projections.audit.verify import verify

    pinned = Path(args.public_key) if args.public_key else public_key_path(settings.key_path)
    try:
        verifier = load_verifier(pinned)
        kept = Path(args.checkpoint).read_text(encoding="utf-8") if args.checkpoint else None
    except (NoteError, OSError, UnicodeDecodeError) as error:
        print(f"socai: {error}", file=sys.stderr)
        return 2
    ledger = _ledger(settings)
    try:
        outcome = verify(ledger, verifier, kept)
    finally:
        ledger.close()
    print(outcome.line())
    return 0 if outcome.ok else 1


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from server import bootstrap, check_workers

    workers: int = args.workers
    if workers == 1:
        app = bootstrap(settings)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
        return 0
    check_workers(settings, workers)
    # Each worker process builds the application from the same environment.
    uvicorn.run(
        "server:app_from_environment",
        factory=True,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level="info",
    )
    return 0


def cmd_deliver(settings: Settings, args: argparse.Namespace) -> int:
    import logging
    import signal
    import threading

    from projections.delivery import ConfigError, Deliverer, DeliveryConfig

    try:
        config = DeliveryConfig.from_env(poll_interval=settings.poll_interval)
    except ConfigError as error:
        print(f"socai: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    ledger = _ledger(settings)
    deliverer = Deliverer(ledger, config)
    try:
        if args.once:
            print(f"Delivered {deliverer.run_once()} events.")
        else:
            deliverer.run(stop)
    finally:
        deliverer.close()
        ledger.close()
    return 0


def cmd_schema(settings: Settings, args: argparse.Namespace) -> int:
    from schema import schema

    sys.stdout.write(schema.as_str() + "\n")
    return 0


def cmd_asyncapi(settings: Settings, args: argparse.Namespace) -> int:
    from schema.asyncapi import as_yaml

    sys.stdout.write(as_yaml())
    return 0


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    from access.cli import token_command

    ledger = _ledger(settings)
    try:
        return token_command(ledger, args)
    finally:
        ledger.close()


def cmd_forget(settings: Settings, args: argparse.Namespace) -> int:
    from domain.base import DomainError
    from schema.common import parse_id

    ledger = _ledger(settings)
    try:
        person_id = parse_id("PERSON", args.person)
        request = _system_request(f"forget:{person_id}", args.reason)
        done = ledger.forget_person(request, person_id=person_id)
    except DomainError as error:
        print(f"socai forget: {error}", file=sys.stderr)
        return 2
    finally:
        ledger.close()
    print(
        f"Forgot person {person_id}: key deleted, PersonalDataErased at position {done.position}."
    )
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


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1")
    return int(text)


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
    from projections.rebuild import RebuildStopped, rebuild_views

    ledger = _ledger(settings)
    advance, close = _progress("rebuild")
    try:
        done = rebuild_views(ledger, progress=advance)
    except RebuildStopped as error:
        print(f"rebuild stopped: {error}; the views are as they were", file=sys.stderr)
        return 1
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


def cmd_permissions(settings: Settings, args: argparse.Namespace) -> int:
    from access.matrix import permission_matrix

    sys.stdout.write(permission_matrix())
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
    demo = sub.add_parser("demo", help="load a demo commune (clearly marked demo data)")
    demo.add_argument(
        "--force", action="store_true", help="load even into a store holding non-demo units"
    )
    serve = sub.add_parser("serve", help="serve GraphQL on HOST:PORT (default 127.0.0.1:8000)")
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="server processes sharing the port (PostgreSQL only; rate limits shared or off)",
    )
    sub.add_parser("schema", help="print the GraphQL SDL")
    sub.add_parser("checkpoint", help="bring the ledger's tree up to date and sign a checkpoint")
    verify = sub.add_parser(
        "verify", help="recompute the ledger's tree from the stored events and check checkpoints"
    )
    verify.add_argument(
        "--public-key", metavar="FILE", help="the pinned verifier key (default: <key file>.pub)"
    )
    verify.add_argument(
        "--checkpoint", metavar="FILE", help="a signed checkpoint note kept from earlier"
    )
    sub.add_parser("asyncapi", help="print the AsyncAPI contract of the feed and webhooks")
    deliver = sub.add_parser("deliver", help="deliver events to webhook subscribers until stopped")
    deliver.add_argument("--once", action="store_true", help="one round, then exit")
    forget = sub.add_parser("forget", help="erase a person's personal data (deletes their key)")
    forget.add_argument("person", help="the person id")
    forget.add_argument("--reason", default="", help="why: the request or decision")
    sub.add_parser("permissions", help="print who may record what, as a Markdown table")
    from access.cli import add_token_parser

    add_token_parser(sub)
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
    "demo": cmd_demo,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "checkpoint": cmd_checkpoint,
    "verify": cmd_verify,
    "deliver": cmd_deliver,
    "asyncapi": cmd_asyncapi,
    "token": cmd_token,
    "permissions": cmd_permissions,
    "forget": cmd_forget,
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
    try:
        return COMMANDS[args.command](settings, args)
    except SettingsError as error:
        print(f"socai: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
