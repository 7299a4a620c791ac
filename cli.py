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


def _system_request(key: str, reason: str = "") -> Request:
    from domain.authority import SYSTEM
    from domain.ledger import Request

    return Request(SYSTEM, idempotency_key=key, correlation_id=f"cli-{uuid.uuid4()}", reason=reason)


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


def cmd_permissions(settings: Settings, args: argparse.Namespace) -> int:
    from access.matrix import permission_matrix

    sys.stdout.write(permission_matrix())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socai", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create the store and adopt the program (once)")
    sub.add_parser("serve", help="serve GraphQL on HOST:PORT (default 127.0.0.1:8000)")
    sub.add_parser("schema", help="print the GraphQL SDL")
    forget = sub.add_parser("forget", help="erase a person's personal data (deletes their key)")
    forget.add_argument("person", help="the person id")
    forget.add_argument("--reason", default="", help="why: the request or decision")
    sub.add_parser("permissions", help="print who may record what, as a Markdown table")
    from access.cli import add_token_parser

    add_token_parser(sub)
    return parser


COMMANDS = {
    "init": cmd_init,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "token": cmd_token,
    "permissions": cmd_permissions,
    "forget": cmd_forget,
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
