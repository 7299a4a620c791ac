"""The pull feed: history rows after a log position, optionally of some event types or units.

The cursor is the log position. The log hands out positions in commit order (PostgreSQL
inserts under the library's table lock; SQLite has one writer), so once position p is
visible every position below it is too: a consumer that pages from 0 to the end sees every
event exactly once, and may stop and resume at any page.

Each row also carries the event as the log stored it (`stored`: topic and state bytes, read in
the same transaction), so that what leaves can name the ledger leaf it is; and a page can name
the latest signed checkpoint, against which a receiver asks for inclusion proofs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from projections.audit import tree
from projections.audit.records import position_column
from projections.read import head_position
from projections.storage import Row, Sql


@dataclass(frozen=True)
class FeedPage:
    rows: list[Row]
    next_after: int  # the position to pass as `after` for the next page
    has_more: bool
    head: int  # the last log position when the page was read
    checkpoint: Row | None = None  # the latest signed checkpoint, when asked for


def decode_row(raw: Row) -> Row:
    return {**raw, "units": json.loads(raw["units"]), "data": json.loads(raw["data"])}


def read_feed(
    sql: Sql,
    *,
    after: int,
    limit: int,
    event_types: Sequence[str] = (),
    unit_ids: Sequence[str] = (),
    events_table: str,
    checkpoint: bool = False,
) -> FeedPage:
    """Events with positions above `after`, in log order.

    The head is read first and bounds the page, so that under READ COMMITTED an event committed
    between the two statements is neither skipped nor half-seen. Without filters `next_after`
    is the last event returned; with filters it may run ahead to the head, past events that
    do not match. `events_table` is the event store's table (`ledger.store.events_table_name`);
    with `checkpoint` the page names the latest signed checkpoint."""
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
    stored = stored_events(sql, events_table, [r["position"] for r in found])
    for row in found:
        row["stored"] = stored.get(row["position"])
    next_after: int = found[-1]["position"] if has_more else max(after, head)
    signed = tree.latest_checkpoint(sql) if checkpoint else None
    return FeedPage(found, next_after, has_more, head, signed)


def stored_events(sql: Sql, events_table: str, positions: Sequence[int]) -> dict[int, Row]:
    """The stored topic and state bytes of the events at `positions`, by position."""
    if not positions:
        return {}
    pos = position_column(sql.dialect)
    rows = sql.all(
        f"SELECT {pos} AS position, topic, state FROM {sql.table(events_table)} "
        f"WHERE {pos} IN ({', '.join('?' * len(positions))})",
        list(positions),
    )
    return {int(r["position"]): {"topic": r["topic"], "state": bytes(r["state"])} for r in rows}
