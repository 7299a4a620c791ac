"""Helpers the views' queries share: reading documents as they stood at a log position."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from projections.storage import Row, Sql
from projections.viewstore import View

AS_OF_KEY = "_as_of"


def as_of_of(row: Row) -> int | None:
    """The log position a row was read at, or None when it was read as things stand now."""
    value = row.get(AS_OF_KEY)
    return int(value) if value is not None else None


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    has_next: bool


def alive(at: int | None, prefix: str = "") -> tuple[str, tuple[Any, ...]]:
    """The condition for row versions in force at position `at` (None: now)."""
    if at is None:
        return f"{prefix}pos_to IS NULL", ()
    return f"{prefix}pos_from <= ? AND ({prefix}pos_to IS NULL OR {prefix}pos_to > ?)", (at, at)


def docs(
    sql: Sql,
    view: View,
    where: Sequence[str] = (),
    params: Sequence[Any] = (),
    *,
    at: int | None = None,
    order: str = "id",
    limit: int | None = None,
) -> list[Row]:
    condition, alive_params = alive(at)
    clauses = " AND ".join([condition, *where])
    statement = f"SELECT doc FROM {sql.table(view.name)} WHERE {clauses} ORDER BY {order}"
    all_params: tuple[Any, ...] = (*alive_params, *params)
    if limit is not None:
        statement += " LIMIT ?"
        all_params = (*all_params, limit)
    return read_docs(sql, statement, all_params, at)


def read_docs(sql: Sql, statement: str, params: Sequence[Any], at: int | None) -> list[Row]:
    """The documents a statement selects (as its `doc` column), read at position `at`."""
    found = [json.loads(r["doc"]) for r in sql.all(statement, params)]
    if at is not None:
        # Whatever is built from these rows (a unit's parent, a task's lead unit) is then read
        # at the same position.
        for row in found:
            row[AS_OF_KEY] = at
    return found


def doc(sql: Sql, view: View, id: str, *, at: int | None = None) -> Row | None:
    found = docs(sql, view, ["id = ?"], [id], at=at, limit=1)
    return found[0] if found else None


def page(rows: list[Row], first: int) -> Page:
    return Page(rows[:first], len(rows) > first)


def head_position(sql: Sql) -> int:
    row = sql.one(f"SELECT MAX(position) AS p FROM {sql.table('history')}")
    return int(row["p"]) if row and row["p"] is not None else 0


def position_at(sql: Sql, recorded_at: str) -> int:
    """The last log position recorded at or before an ISO date-time."""
    row = sql.one(
        f"SELECT MAX(position) AS p FROM {sql.table('history')} WHERE recorded_at <= ?",
        (recorded_at,),
    )
    return int(row["p"]) if row and row["p"] is not None else 0


def view_positions(sql: Sql) -> list[tuple[str, int]]:
    """How far each view set has followed the log."""
    rows = sql.all(f"SELECT name, position FROM {sql.table('view_position')} ORDER BY name")
    return [(str(r["name"]), int(r["position"])) for r in rows]


# Everything a query's answer may depend on, each as a scalar SQL expression that grows whenever
# that state changes: the views' positions, and the state of followers that write outside the
# event transaction (a module that keeps such state adds its own). Together they version every
# answer, so a cache keyed by them is never stale; one statement reads them all.
VERSION_SOURCES: list[Callable[[Sql], str]] = [
    lambda sql: f"SELECT SUM(position) FROM {sql.table('view_position')}"
]


def state_version_statement(sql: Sql) -> str:
    return "SELECT " + ", ".join(
        f"({source(sql)}) AS v{n}" for n, source in enumerate(VERSION_SOURCES)
    )


def state_version(sql: Sql) -> tuple[int | None, ...]:
    row = sql.one(state_version_statement(sql))
    return tuple(None if v is None else int(v) for v in row.values()) if row else ()
