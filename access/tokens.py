"""API tokens: shown once when created, stored only as a hash, revocable, optionally expiring.

A token is 32 random bytes (256 bits) from the operating system's generator, so it cannot be
guessed and a plain SHA-256 of it is enough to store: a slow password hash (bcrypt, Argon2)
protects low-entropy secrets chosen by people, and would only slow every request here. The hash
is also the lookup key, so checking a token is one indexed read."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from domain.authority import Actor, Role
from domain.unit import unit_id_for
from projections.storage import DDL_PROVIDERS, Row, Sql

TOKEN_PREFIX = "socai_"
GRANTABLE = tuple(r for r in Role if r not in (Role.PUBLIC, Role.SYSTEM))


class TokenError(ValueError):
    """A token cannot be created or revoked as asked."""


@dataclass(frozen=True)
class ApiToken:
    id: str
    name: str
    role: Role
    unit_code: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    @property
    def actor(self) -> Actor:
        unit = unit_id_for(self.unit_code) if self.unit_code else None
        return Actor(f"{self.role.value}:{self.id}", self.role, unit)

    def usable_at(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


def _ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {table('api_tokens')} (id TEXT PRIMARY KEY, "
        "name TEXT NOT NULL, role TEXT NOT NULL, unit_code TEXT, token_hash TEXT NOT NULL UNIQUE, "
        "created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT)"
    ]


DDL_PROVIDERS.append(_ddl)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _token(row: Row) -> ApiToken:
    return ApiToken(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        unit_code=row["unit_code"],
        created_at=datetime.fromisoformat(row["created_at"]),
        expires_at=_time(row["expires_at"]),
        revoked_at=_time(row["revoked_at"]),
    )


_COLUMNS = "id, name, role, unit_code, created_at, expires_at, revoked_at"


def create_token(
    sql: Sql,
    *,
    role: Role,
    name: str,
    unit_code: str | None = None,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Stores a new token's hash and returns the token itself, which is never stored."""
    now = now or datetime.now(UTC)
    if role not in GRANTABLE:
        raise TokenError(f"role '{role.value}' cannot be given to a token")
    if role is Role.REPORTER and not unit_code:
        raise TokenError("a reporter token needs --unit: the code of the unit it reports for")
    if role is not Role.REPORTER and unit_code:
        raise TokenError("only a reporter token is bound to a unit")
    if expires_at is not None and expires_at.tzinfo is None:
        raise TokenError("the expiry needs a time zone")
    if expires_at is not None and expires_at <= now:
        raise TokenError("the expiry is in the past")
    token_id = secrets.token_hex(6)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        id=token_id,
        name=name.strip() or role.value,
        role=role,
        unit_code=unit_code,
        created_at=now,
        expires_at=expires_at,
        revoked_at=None,
    )
    sql.execute(
        f"INSERT INTO {sql.table('api_tokens')} (id, name, role, unit_code, token_hash, "
        "created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        (
            record.id,
            record.name,
            role.value,
            unit_code,
            token_hash(secret),
            now.isoformat(),
            expires_at.isoformat() if expires_at else None,
        ),
    )
    return record, secret


def revoke_token(sql: Sql, token_id: str, now: datetime | None = None) -> ApiToken:
    now = now or datetime.now(UTC)
    found = find_token(sql, token_id)
    if found is None:
        raise TokenError(f"no token with id '{token_id}'")
    if found.revoked_at is not None:
        return found
    sql.execute(
        f"UPDATE {sql.table('api_tokens')} SET revoked_at = ? WHERE id = ?",
        (now.isoformat(), token_id),
    )
    return replace(found, revoked_at=now)


def find_token(sql: Sql, token_id: str) -> ApiToken | None:
    row = sql.one(f"SELECT {_COLUMNS} FROM {sql.table('api_tokens')} WHERE id = ?", (token_id,))
    return _token(row) if row else None


def list_tokens(sql: Sql) -> list[ApiToken]:
    rows = sql.all(f"SELECT {_COLUMNS} FROM {sql.table('api_tokens')} ORDER BY created_at, id")
    return [_token(r) for r in rows]


def actor_for_token(sql: Sql, secret: str, now: datetime | None = None) -> Actor | None:
    """The actor a token stands for, or None when it is unknown, revoked or expired."""
    row = sql.one(
        f"SELECT {_COLUMNS} FROM {sql.table('api_tokens')} WHERE token_hash = ?",
        (token_hash(secret),),
    )
    if row is None:
        return None
    token = _token(row)
    return token.actor if token.usable_at(now or datetime.now(UTC)) else None
