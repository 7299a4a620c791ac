from __future__ import annotations

from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.personal import Sealed
from domain.rating import Rating
from domain.unit import Unit
from projections.fold import project
from projections.ratings import RATINGS
from projections.viewstore import MemoryViewStore
from tests.support.sealing import KEY, seal


def opened(sealed: Sealed) -> str | None:
    return sealed.open(KEY)


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
        seal=seal,
    )
    rating.correct(
        STAMP, level="good", notes=NOTES, person_criteria=PERSON, seal=seal, open_sealed=opened
    )
    aggregates: list[LedgerAggregate] = [cell, rating]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    row = store.current(RATINGS)[str(rating.id)]
    assert (row["corrections"], row["judged_position"], row["member_name"]) == (1, 3, None)
    # The member's name, level and notes' text are in the view sealed: ciphertext only.
    assert Sealed.from_json(row["sealed_name"]).open(KEY) == "Lê Thị F"  # type: ignore[union-attr]
    assert (row["level"], Sealed.from_json(row["sealed_level"]).open(KEY)) == ("", "good")  # type: ignore[union-attr]
    assert [set(n["note"]) for n in row["notes"]] == [{"$sealed"}] * len(PERSON)
    assert [h.summary for h in store.history[1:]] == [
        "Rating 2028 recorded for a member of Chi bộ 1",
        "Rating 2028 corrected",
    ]
