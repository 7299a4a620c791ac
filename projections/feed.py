"""The pull feed: history rows after a log position, optionally of some event types or units.

The cursor is the log position. The log hands out positions in commit order (PostgreSQL
inserts under the library's table lock; SQLite has one writer), so once position p is
visible every position below it is too: a consumer that pages from 0 to the end sees every
event exactly once, and may stop and resume at any page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from projections.read import head_position
from projections.storage import Row, Sql


@dataclass(frozen=True)
class FeedPage:
    rows: list[Row]
    next_after: int  # the position to pass as `after` for the next page
    has_more: bool
    head: int  # the last log position when the page was read


def decode_row(raw: Row) -> Row:
    return {**raw, "units": json.loads(raw["units"]), "data": json.loads(raw["data"])}


def read_feed(
    sql: Sql,
    *,
    after: int,
    limit: int,
    event_types: Sequence[str] = (),
    unit_ids: Sequence[str] = (),
) -> FeedPage:
    """Events with positions above `after`, in log order.

    The head is read first and bounds the page, so that under READ COMMITTED an event committed
    between the two statements is neither skipped nor half-seen. Without filters `next_after`
    is the last event returned; with filters it may run ahead to the head, past events that
    do not match."""
    head = head_position(sql)
    h = sql.table("history")
    where = ["position > ?", "position <= ?"]
    params: list[Any] = [after, head]
    if event_types:
        where.append(f"event_type IN ({', '.join('?' * len(event_types))})")
        params.extend(event_types)
    if unit_ids:
        where.append(
            f"position IN (SELECT position FROM {sql.table('history_units')} "
            f"WHERE unit_id IN ({', '.join('?' * len(unit_ids))}))"
        )
        params.extend(unit_ids)
    rows = sql.all(
        f"SELECT * FROM {h} WHERE {' AND '.join(where)} ORDER BY position LIMIT ?",
        (*params, limit + 1),
    )
    has_more = len(rows) > limit
    found = [decode_row(r) for r in rows[:limit]]
    next_after: int = found[-1]["position"] if has_more else max(after, head)
    return FeedPage(found, next_after, has_more, head)
