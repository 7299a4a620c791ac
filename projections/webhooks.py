"""Webhook subscribers and their delivery attempts, kept beside the log."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.webhook import ACTIVE, Subscriber
from projections.storage import DDL_PROVIDERS, Row, Sql, dumps

_COLUMNS = (
    "id, url, event_types, unit_ids, secret, audience, status, position, failures, "
    "next_attempt_at, last_error, registered_by, registered_at, changed_at"
)


def _ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    big, real = ("BIGINT", "DOUBLE PRECISION") if dialect == "postgres" else ("INTEGER", "REAL")
    serial = (
        "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        if dialect == "postgres"
        else "INTEGER PRIMARY KEY AUTOINCREMENT"
    )
    return [
        f"CREATE TABLE IF NOT EXISTS {table('webhook_subscribers')} (id TEXT PRIMARY KEY, "
        "url TEXT NOT NULL, event_types TEXT NOT NULL, unit_ids TEXT NOT NULL, "
        "secret TEXT NOT NULL, audience TEXT NOT NULL, status TEXT NOT NULL, "
        f"position {big} NOT NULL, failures INTEGER NOT NULL, next_attempt_at {real}, "
        "last_error TEXT, registered_by TEXT NOT NULL, registered_at TEXT NOT NULL, "
        "changed_at TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {table('webhook_attempts')} (id {serial}, "
        f"subscriber_id TEXT NOT NULL, position {big} NOT NULL, webhook_id TEXT NOT NULL, "
        "attempted_at TEXT NOT NULL, status_code INTEGER, outcome TEXT NOT NULL, "
        "error TEXT, duration_ms INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS webhook_attempts_subscriber ON "
        f"{table('webhook_attempts')} (subscriber_id, id)",
    ]


DDL_PROVIDERS.append(_ddl)


def _subscriber(row: Row) -> Subscriber:
    return Subscriber(
        id=UUID(row["id"]),
        url=row["url"],
        event_types=tuple(json.loads(row["event_types"])),
        unit_ids=tuple(json.loads(row["unit_ids"])),
        secret=row["secret"],
        audience=row["audience"],
        status=row["status"],
        position=int(row["position"]),
        failures=int(row["failures"]),
        next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"],
        registered_by=row["registered_by"],
        registered_at=row["registered_at"],
        changed_at=row["changed_at"],
    )


def _values(s: Subscriber) -> tuple[Any, ...]:
    return (
        str(s.id),
        s.url,
        dumps(list(s.event_types)),
        dumps(list(s.unit_ids)),
        s.secret,
        s.audience,
        s.status,
        s.position,
        s.failures,
        s.next_attempt_at,
        s.last_error,
        s.registered_by,
        s.registered_at,
        s.changed_at,
    )


def get_subscriber(sql: Sql, subscriber_id: str) -> Subscriber | None:
    row = sql.one(
        f"SELECT {_COLUMNS} FROM {sql.table('webhook_subscribers')} WHERE id = ?",
        (subscriber_id,),
    )
    return _subscriber(row) if row else None


def hold_subscriber(sql: Sql, subscriber_id: str) -> Subscriber | None:
    """Reads a subscriber to change it: writing first takes the row's lock on PostgreSQL and
    the write lock on SQLite, so that no other writer changes it between read and write."""
    touched = sql.one(
        f"UPDATE {sql.table('webhook_subscribers')} SET changed_at = changed_at "
        "WHERE id = ? RETURNING id",
        (subscriber_id,),
    )
    return get_subscriber(sql, subscriber_id) if touched else None


def claim_subscriber(sql: Sql, subscriber_id: str) -> Subscriber | None:
    """PostgreSQL: the active subscriber, locked for this transaction, unless another
    deliverer holds it (then None, at once)."""
    row = sql.one(
        f"SELECT {_COLUMNS} FROM {sql.table('webhook_subscribers')} "
        "WHERE id = ? AND status = ? FOR UPDATE SKIP LOCKED",
        (subscriber_id, ACTIVE),
    )
    return _subscriber(row) if row else None


def insert_subscriber(sql: Sql, s: Subscriber) -> None:
    marks = ", ".join("?" * 14)
    sql.execute(
        f"INSERT INTO {sql.table('webhook_subscribers')} ({_COLUMNS}) VALUES ({marks})",
        _values(s),
    )


def save_subscriber(sql: Sql, s: Subscriber, *, expected_position: int | None = None) -> bool:
    """Writes a subscriber's changeable state; with `expected_position`, only if it is still
    active at that position (another writer may have moved it). True when written."""
    condition = "id = ?"
    params: list[Any] = [str(s.id)]
    if expected_position is not None:
        condition += " AND status = ? AND position = ?"
        params += [ACTIVE, expected_position]
    written = sql.one(
        f"UPDATE {sql.table('webhook_subscribers')} SET status = ?, position = ?, failures = ?, "
        f"next_attempt_at = ?, last_error = ?, changed_at = ? WHERE {condition} RETURNING id",
        (s.status, s.position, s.failures, s.next_attempt_at, s.last_error, s.changed_at, *params),
    )
    return written is not None


def list_subscribers(sql: Sql, status: str | None = None) -> list[Subscriber]:
    where, params = ("WHERE status = ?", (status,)) if status else ("", ())
    rows = sql.all(
        f"SELECT {_COLUMNS} FROM {sql.table('webhook_subscribers')} {where} "
        "ORDER BY registered_at, id",
        params,
    )
    return [_subscriber(r) for r in rows]


def due_subscribers(sql: Sql, now: float) -> list[str]:
    rows = sql.all(
        f"SELECT id FROM {sql.table('webhook_subscribers')} WHERE status = ? "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id",
        (ACTIVE, now),
    )
    return [r["id"] for r in rows]


def next_wakeup(sql: Sql) -> float | None:
    """When the earliest waiting retry falls due."""
    row = sql.one(
        f"SELECT MIN(next_attempt_at) AS t FROM {sql.table('webhook_subscribers')} "
        "WHERE status = ?",
        (ACTIVE,),
    )
    return float(row["t"]) if row and row["t"] is not None else None


@dataclass(frozen=True)
class Attempt:
    subscriber_id: str
    position: int
    webhook_id: str
    attempted_at: str
    status_code: int | None
    outcome: str  # delivered, failed, throttled, gone
    error: str | None
    duration_ms: int


def record_attempt(sql: Sql, a: Attempt) -> None:
    sql.execute(
        f"INSERT INTO {sql.table('webhook_attempts')} (subscriber_id, position, webhook_id, "
        "attempted_at, status_code, outcome, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            a.subscriber_id,
            a.position,
            a.webhook_id,
            a.attempted_at,
            a.status_code,
            a.outcome,
            a.error,
            a.duration_ms,
        ),
    )


def list_attempts(sql: Sql, subscriber_id: str, *, last: int = 50) -> list[Attempt]:
    """The most recent attempts, newest first."""
    rows = sql.all(
        f"SELECT subscriber_id, position, webhook_id, attempted_at, status_code, outcome, "
        f"error, duration_ms FROM {sql.table('webhook_attempts')} WHERE subscriber_id = ? "
        "ORDER BY id DESC LIMIT ?",
        (subscriber_id, last),
    )
    return [Attempt(**r) for r in rows]
