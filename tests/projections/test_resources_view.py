from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.fund import Fund
from domain.unit import Unit
from projections.fold import project
from projections.resources import FUNDS, MONEY, dong
from projections.viewstore import MemoryViewStore
from tests.support.sealing import seal

STAMP = Stamp("office-1", "office", "", "c-1", date(2026, 3, 1))


def test_funds_and_entries_keep_exact_amounts() -> None:
    village = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    fund = Fund.open(STAMP, target_kind="unit", target_id=str(village.id), year=2026)
    fund.allocate(STAMP, amount=1_250_000, sector="Văn hóa", decision_ref="QĐ 1")
    fund.receive(
        STAMP,
        amount=999_999_999_999_999,
        contributor_kind="person",
        contributor_name="Ông A",
        seal=seal,
    )
    fund.spend(
        STAMP,
        amount=250_000,
        source="budget",
        purpose="Loa",
        spent_on=date(2026, 4, 1),
        evidence=[],
    )
    aggregates: list[LedgerAggregate] = [village, fund]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    row = store.current(FUNDS)[str(fund.id)]
    assert (row["budget_received"], row["socialized_received"], row["budget_spent"]) == (
        1_250_000,
        999_999_999_999_999,
        250_000,
    )
    entries = sorted(store.current(MONEY).values(), key=lambda r: r["entry_position"])
    assert [(e["kind"], e["source"], e["amount"], e["entry_date"]) for e in entries] == [
        ("allocation", "budget", 1_250_000, "2026-03-01"),
        ("contribution", "socialized", 999_999_999_999_999, "2026-03-01"),
        ("expenditure", "budget", 250_000, "2026-04-01"),
    ]
    assert store.history[2].summary == "Budget allocated: 1.250.000 đ to Thôn 1 (2026)"
    assert "Ông A" not in " ".join(h.summary for h in store.history)
    assert dong(0) == "0 đ"
