"""Idempotency keys, kept in the database beside the events they produced."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from projections.storage import DDL_PROVIDERS, Sql, dumps


@dataclass(frozen=True)
class StoredResult:
    command: str
    request_hash: str
    result: dict[str, str | int]


def _ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {table('idempotency_keys')} (key TEXT PRIMARY KEY, "
        "command TEXT NOT NULL, request_hash TEXT NOT NULL, actor_id TEXT NOT NULL, "
        "result TEXT NOT NULL, recorded_at TEXT NOT NULL)"
    ]


DDL_PROVIDERS.append(_ddl)


def lookup(sql: Sql, key: str) -> StoredResult | None:
    row = sql.one(
        f"SELECT command, request_hash, result FROM {sql.table('idempotency_keys')} WHERE key = ?",
        (key,),
    )
    if row is None:
        return None
    return StoredResult(row["command"], row["request_hash"], json.loads(row["result"]))


def remember(
    sql: Sql,
    key: str,
    *,
    command: str,
    request_hash: str,
    actor_id: str,
    result: dict[str, str | int],
    recorded_at: str,
) -> None:
    """Fails with the database's integrity error if the key was taken meanwhile."""
    sql.execute(
        f"INSERT INTO {sql.table('idempotency_keys')} "
        "(key, command, request_hash, actor_id, result, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (key, command, request_hash, actor_id, dumps(result), recorded_at),
    )
