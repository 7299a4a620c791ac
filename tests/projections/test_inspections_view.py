from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.inspection import Inspection
from domain.personal import Sealed
from domain.unit import Unit
from projections.commendations import COMMENDATIONS
from projections.fold import project
from projections.inspections import INSPECTIONS
from projections.shortcomings import SHORTCOMINGS
from projections.viewstore import MemoryViewStore
from tests.support.sealing import KEY, seal

STAMP = Stamp("inspector-1", "inspector", "", "c-1", date(2026, 7, 15))


def test_the_view_follows_an_inspection_its_findings_and_what_they_led_to() -> None:
    cell = Unit.register(STAMP, code="cb-1", kind="party_cell", name="Chi bộ 1", parent=None)
    inspection = Inspection.plan(
        STAMP,
        kind="supervision",
        title="Giám sát chuyên đề",
        scope="Nêu gương",
        units=[cell],
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
    )
    inspection.conduct(STAMP, conducted_on=date(2026, 7, 20), summary="Xong", evidence=["BB-1"])
    aggregates: list[LedgerAggregate] = [cell]
    shortcoming = inspection.record_finding(
        STAMP, unit=cell, kind="shortcoming", text="Chưa nêu gương", severity="moderate"
    )
    assert shortcoming is not None
    inspection.record_finding(STAMP, unit=cell, kind="good_practice", text="Tốt", severity=None)
    commendation = inspection.propose_commendation(
        STAMP, number=2, unit=cell, form="Giấy khen", achievement=""
    )
    shortcoming.propose_discipline(
        STAMP,
        subject_kind="member",
        subject_name="Trần Thị B",
        form="reprimand",
        grounds="g",
        seal=seal,
    )
    inspection.close(STAMP, conclusion="Kết luận")
    aggregates += [shortcoming, commendation, inspection]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    events.sort(key=lambda e: e.timestamp)  # the order they happened in
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    row = store.current(INSPECTIONS)[str(inspection.id)]
    assert (row["status"], row["conducted_on"], row["closed_on"]) == (
        "closed",
        "2026-07-20",
        "2026-07-15",
    )
    assert row["involved"] == f"|{cell.id}|"
    assert [
        (f["number"], f["kind"], f["shortcoming_id"], f["commendation_id"]) for f in row["findings"]
    ] == [
        (1, "shortcoming", str(shortcoming.id), None),
        (2, "good_practice", None, str(commendation.id)),
    ]
    flagged = store.current(SHORTCOMINGS)[str(shortcoming.id)]
    assert flagged["source"] == "Giám sát: Giám sát chuyên đề"
    sealed = Sealed.from_json(flagged["disciplines"][0]["sealed_name"])
    assert sealed is not None
    assert (flagged["disciplines"][0]["subject_name"], sealed.open(KEY)) == (None, "Trần Thị B")
    assert store.current(COMMENDATIONS)[str(commendation.id)]["proposed_by"] == "Ủy ban Kiểm tra"
    summaries = [h.summary for h in store.history]
    assert "Discipline proposed for a member" in summaries, "neither name nor form"
    proposed = flagged["disciplines"][0]
    assert (proposed["proposed_form"], proposed["grounds"]) == ("", "")
    sealed_form = Sealed.from_json(proposed["sealed_proposed_form"])
    sealed_grounds = Sealed.from_json(proposed["sealed_grounds"])
    assert sealed_form is not None
    assert sealed_grounds is not None
    assert (sealed_form.open(KEY), sealed_grounds.open(KEY)) == ("reprimand", "g")
    assert not any("Trần Thị B" in s for s in summaries)
