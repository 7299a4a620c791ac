"""The views checked against the log: every event refolded into memory, then compared with the
rows the writing transactions left in the database. Drills run it after each crash; anyone can
run it against a store to see that nothing was half-written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from domain.base import LedgerAggregate
from projections.fold import project
from projections.storage import Sql
from projections.viewstore import VIEWS, MemoryViewStore

if TYPE_CHECKING:
    from domain.ledger import LedgerCore

PAGE = 1000


def logged_events(
    ledger: LedgerCore, after: int = 0
) -> Iterator[tuple[int, LedgerAggregate.Event]]:
    """Every event after position `after` in log order, with its position."""
    start = after + 1
    while True:
        page = ledger.recorder.select_notifications(start=start, limit=PAGE)
        for notification in page:
            event = ledger.mapper.to_domain_event(notification)
            yield notification.id, cast(LedgerAggregate.Event, event)
        if len(page) < PAGE:
            return
        start = page[-1].id + 1


def refold(ledger: LedgerCore) -> MemoryViewStore:
    store = MemoryViewStore()
    for position, event in logged_events(ledger):
        project([event], [position], store)
    return store


def _sql_current(sql: Sql, view: str) -> dict[str, object]:
    rows = sql.all(f"SELECT id, doc FROM {sql.table(view)} WHERE pos_to IS NULL")
    return {str(r["id"]): json.loads(r["doc"]) for r in rows}


def view_differences(ledger: LedgerCore, limit: int = 20) -> list[str]:
    """What differs between the stored views and a refold of the log; empty when they agree.

    Compares every view's current rows and the history (positions and event types)."""
    folded = refold(ledger)
    found: list[str] = []
    with ledger.reading() as sql:
        for name, view in VIEWS.items():
            stored = _sql_current(sql, name)
            expected = folded.current(view)
            for id in sorted(set(stored) | set(expected)):
                if stored.get(id) != expected.get(id):
                    found.append(
                        f"{name}/{id}: stored {stored.get(id)} ≠ refolded {expected.get(id)}"
                    )
        rows = sql.all(f"SELECT position, event_type FROM {sql.table('history')} ORDER BY position")
    history = [(int(r["position"]), str(r["event_type"])) for r in rows]
    refolded = [(e.position, e.event_type) for e in folded.history]
    if history != refolded:
        found.append(f"history: {len(history)} stored entries ≠ {len(refolded)} refolded")
    return found[:limit]
