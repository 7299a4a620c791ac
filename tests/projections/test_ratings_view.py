from __future__ import annotations

from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.rating import Rating
from domain.unit import Unit
from projections.fold import project
from projections.ratings import RATINGS
from projections.viewstore import MemoryViewStore

STAMP = Stamp("inspector-1", "inspector", "Phúc tra", "c-1")
PERSON = ["person-1", "person-2", "person-3", "person-4", "person-5"]
NOTES = [{"criterion": c, "note": "Đạt"} for c in PERSON]


def test_a_rating_row_records_where_its_notes_were_judged_and_names_no_member() -> None:
    cell = Unit.register(STAMP, code="cb-1", kind="party_cell", name="Chi bộ 1", parent=None)
    rating = Rating.record(
        STAMP,
        subject_kind="member",
        unit=cell,
        member_name="Lê Thị F",
        year=2028,
        level="completed",
        notes=NOTES,
        person_criteria=PERSON,
    )
    rating.correct(STAMP, level="good", notes=NOTES, person_criteria=PERSON)
    aggregates: list[LedgerAggregate] = [cell, rating]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    row = store.current(RATINGS)[str(rating.id)]
    assert (row["level"], row["corrections"], row["judged_position"], row["member_name"]) == (
        "good",
        1,
        3,
        "Lê Thị F",
    )
    assert [h.summary for h in store.history[1:]] == [
        "Rating 2028 recorded for a member of Chi bộ 1",
        "Rating 2028 corrected",
    ]
