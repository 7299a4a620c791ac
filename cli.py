"""The `socai` command."""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Sequence
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socai", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create the store and adopt the program (once)")
    demo = sub.add_parser("demo", help="load a demo commune (clearly marked demo data)")
    demo.add_argument(
        "--force", action="store_true", help="load even into a store holding non-demo units"
    )
    sub.add_parser("serve", help="serve GraphQL on HOST:PORT (default 127.0.0.1:8000)")
    sub.add_parser("schema", help="print the GraphQL SDL")
    return parser


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "serve": cmd_serve, "schema": cmd_schema}


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
