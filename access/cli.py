"""`socai token create | revoke | list`: the administrator's side of the API tokens."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

from access.tokens import GRANTABLE, TokenError, create_token, list_tokens, revoke_token
from domain.authority import Role
from domain.unit import unit_id_for
from projections.units import get_unit

if TYPE_CHECKING:
    from domain.application import Ledger

VIETNAM = timezone(timedelta(hours=7))
_DURATION = re.compile(r"^(\d{1,5})([dh])$")


def parse_expiry(value: str, now: datetime | None = None) -> datetime | None:
    """`never`, a duration (`90d`, `12h`), a date (valid through that day, Vietnam time) or an
    ISO date-time with its time zone."""
    now = now or datetime.now(UTC)
    value = value.strip()
    if value == "never":
        return None
    if match := _DURATION.match(value):
        amount, unit = int(match[1]), match[2]
        return now + (timedelta(days=amount) if unit == "d" else timedelta(hours=amount))
    try:
        return datetime.combine(date.fromisoformat(value) + timedelta(days=1), time(), VIETNAM)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise TokenError(
            f"--expires '{value}': use never, 90d, 12h, a date or a date-time"
        ) from None
    if moment.tzinfo is None:
        raise TokenError("--expires: give the date-time a time zone, e.g. +07:00")
    return moment


def add_token_parser(sub: Any) -> None:
    token = sub.add_parser("token", help="create, revoke and list API tokens")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a token; it is shown once")
    create.add_argument("--role", required=True, choices=[r.value for r in GRANTABLE])
    create.add_argument("--unit", help="a reporter's unit code")
    create.add_argument("--expires", default="never", help="never (default), 90d, 12h, a date")
    create.add_argument("--name", default="", help="who holds it, for the list")
    revoke = actions.add_parser("revoke", help="end a token now")
    revoke.add_argument("id")
    actions.add_parser("list", help="every token, without the secrets")


def token_command(ledger: Ledger, args: argparse.Namespace) -> int:
    try:
        if args.action == "create":
            return _create(ledger, args)
        if args.action == "revoke":
            with ledger.store.writing() as sql:
                token = revoke_token(sql, args.id)
            print(f"Revoked token {token.id} ({token.role.value}, {token.name}).")
            return 0
    except TokenError as error:
        print(f"socai token: {error}", file=sys.stderr)
        return 2
    with ledger.reading() as sql:
        tokens = list_tokens(sql)
    now = datetime.now(UTC)
    print(f"{'id':<12}  {'role':<9}  {'unit':<12}  {'state':<8}  {'expires':<25}  name")
    for t in tokens:
        state = "revoked" if t.revoked_at else "active" if t.usable_at(now) else "expired"
        expires = t.expires_at.isoformat(timespec="minutes") if t.expires_at else "never"
        print(
            f"{t.id:<12}  {t.role.value:<9}  {t.unit_code or '—':<12}  {state:<8}  "
            f"{expires:<25}  {t.name}"
        )
    return 0


def _create(ledger: Ledger, args: argparse.Namespace) -> int:
    role = Role(args.role)
    expires_at = parse_expiry(args.expires)
    with ledger.store.writing() as sql:
        if args.unit and get_unit(sql, str(unit_id_for(args.unit))) is None:
            raise TokenError(f"no unit with code '{args.unit}' is registered")
        token, secret = create_token(
            sql, role=role, name=args.name, unit_code=args.unit, expires_at=expires_at
        )
    print(
        f"Token {token.id} for role {role.value}"
        f"{' of unit ' + token.unit_code if token.unit_code else ''}"
        f", expires {expires_at.isoformat(timespec='minutes') if expires_at else 'never'}."
    )
    print("Keep it now: only its hash is stored, it cannot be shown again.")
    print(secret)
    return 0
