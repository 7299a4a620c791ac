"""The `socai` command."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from settings import Settings, SettingsError


def _ledger(settings: Settings):  # type: ignore[no-untyped-def]
    from domain.application import Ledger
    from projections.storage import Database

    return Ledger(Database.from_url(settings.database_url))


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
    sub.add_parser("serve", help="serve GraphQL on HOST:PORT (default 127.0.0.1:8000)")
    sub.add_parser("schema", help="print the GraphQL SDL")
    return parser


COMMANDS = {"serve": cmd_serve, "schema": cmd_schema}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"socai: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    status = COMMANDS[args.command](settings, args)
    if args.command not in ("serve", "schema"):
        print(f"({time.monotonic() - started:.1f} s)", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
