"""The history: every event in log order, with who, when, why and a readable line."""

from __future__ import annotations

import json
from typing import Any

from projections.read import Page, page
from projections.storage import Row, Sql


def _row(raw: Row) -> Row:
    return {**raw, "units": json.loads(raw["units"]), "data": json.loads(raw["data"])}


def list_history(
    sql: Sql,
    *,
    unit_id: str | None = None,
    stream: str | None = None,
    stream_id: str | None = None,
    event_type: str | None = None,
    actor_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    after_position: int | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Filters combine; `since`/`until` bound the recording time (ISO date-times)."""
    h = sql.table("history")
    where: list[str] = []
    params: list[Any] = []
    source = h
    if unit_id is not None:
        source = f"{h} JOIN {sql.table('history_units')} u ON u.position = {h}.position"
        where.append("u.unit_id = ?")
        params.append(unit_id)
    for column, value in (
        ("stream", stream),
        ("stream_id", stream_id),
        ("event_type", event_type),
        ("actor_id", actor_id),
    ):
        if value is not None:
            where.append(f"{h}.{column} = ?")
            params.append(value)
    if since is not None:
        where.append(f"{h}.recorded_at >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{h}.recorded_at < ?")
        params.append(until)
    if after_position is not None:
        where.append(f"{h}.position > ?")
        params.append(after_position)
    if at is not None:
        where.append(f"{h}.position <= ?")
        params.append(at)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = sql.all(
        f"SELECT {h}.* FROM {source}{clause} ORDER BY {h}.position LIMIT ?", (*params, first + 1)
    )
    return page([_row(r) for r in rows], first)


def history_entry(sql: Sql, position: int) -> Row | None:
    row = sql.one(f"SELECT * FROM {sql.table('history')} WHERE position = ?", (position,))
    return _row(row) if row else None
