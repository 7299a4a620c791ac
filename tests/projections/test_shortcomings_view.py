from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.shortcoming import Shortcoming
from domain.unit import Unit
from projections.fold import project
from projections.shortcomings import SHORTCOMINGS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("inspector-1", "inspector", "KT-03/2026", "c-1", date(2026, 3, 2))
LATER = Stamp("office-1", "office", "", "c-2", date(2026, 6, 15))


def fold(*aggregates: LedgerAggregate) -> MemoryViewStore:
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    return store


def test_the_view_follows_a_shortcoming_from_flagging_to_resolution() -> None:
    one = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    two = Unit.register(STAMP, code="thon-2", kind="village", name="Thôn 2", parent=None)
    shortcoming = Shortcoming.flag(
        STAMP, unit=one, severity="serious", finding="Chưa họp chi bộ", source="KT-03"
    )
    shortcoming.plan_remediation(
        LATER, plan="Họp bù", due_on=date(2026, 9, 1), responsible="Bí thư"
    )
    shortcoming.transfer(LATER, two.id)
    shortcoming.resolve(LATER, resolution="Đã họp", evidence=["BB-1", "BB-2"])
    store = fold(one, two, shortcoming)

    row = store.current(SHORTCOMINGS)[str(shortcoming.id)]
    assert row == {
        "id": str(shortcoming.id),
        "unit_id": str(two.id),
        "severity": "serious",
        "finding": "Chưa họp chi bộ",
        "source": "KT-03",
        "flagged_by": None,
        "flagged_on": "2026-03-02",
        "flagged_position": 3,
        "remediation_plan": "Họp bù",
        "remediation_due": "2026-09-01",
        "remediation_responsible": "Bí thư",
        "status": "resolved",
        "resolved_on": "2026-06-15",
        "resolution": "Đã họp",
        "evidence": ["BB-1", "BB-2"],
        "transferred_from": str(one.id),
        "disciplines": [],
    }
    versions = store.versions[SHORTCOMINGS.name][str(shortcoming.id)]
    assert [(v[0], v[1], v[2]["status"], v[2]["unit_id"]) for v in versions] == [
        (3, 4, "open", str(one.id)),
        (4, 5, "open", str(one.id)),
        (5, 6, "open", str(two.id)),
        (6, None, "resolved", str(two.id)),
    ]
    history = store.history[2:]
    assert [h.event_type for h in history] == [
        "ShortcomingFlagged",
        "RemediationPlanned",
        "ShortcomingTransferred",
        "ShortcomingResolved",
    ]
    assert {h.stream for h in history} == {"shortcoming"}
    assert [h.units for h in history] == [
        (str(one.id),),
        (str(one.id),),
        (str(one.id), str(two.id)),
        (str(two.id),),
    ]
    assert history[0].summary == "Shortcoming flagged (serious) at Thôn 1: Chưa họp chi bộ"
    assert history[2].summary == "Shortcoming transferred from Thôn 1 to Thôn 2"


def test_a_replanned_remediation_replaces_the_plan() -> None:
    unit = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    shortcoming = Shortcoming.flag(STAMP, unit=unit, severity="minor", finding="Thiếu sổ")
    shortcoming.plan_remediation(STAMP, plan="Mua sổ", due_on=date(2026, 4, 1), responsible="A")
    shortcoming.plan_remediation(STAMP, plan="Mua sổ mới", due_on=date(2026, 5, 1))
    row = fold(unit, shortcoming).current(SHORTCOMINGS)[str(shortcoming.id)]
    assert (row["remediation_plan"], row["remediation_due"], row["remediation_responsible"]) == (
        "Mua sổ mới",
        "2026-05-01",
        None,
    )
    assert row["status"] == "open"
