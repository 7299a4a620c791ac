from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from domain.base import InvalidInput, Stamp
from domain.personal import Sealed
from domain.program import CriterionNotInForce
from domain.rating import (
    MissingCriterionNotes,
    NotAPartyOrganization,
    Rating,
    RatingUnchanged,
    organization_rating_id,
)
from domain.unit import Unit

STAMP = Stamp("inspector-1", "inspector", "", "c-1")
PERSON = ["person-1", "person-2", "person-3", "person-4", "person-5"]
NOTES = [{"criterion": c, "note": f"Đạt ({c})"} for c in reversed(PERSON)]


KEY, MEMBER = bytes(32), uuid4()


def seal(field: str, text: str) -> Sealed:
    return Sealed.seal(KEY, MEMBER, field, text)


def opened(sealed: Sealed) -> str | None:
    return sealed.open(KEY)


def cell() -> Unit:
    return Unit.register(STAMP, code="cb-1", kind="party_cell", name="Chi bộ 1", parent=None)


def record(**given: Any) -> Rating:
    fields: dict[str, Any] = {
        "subject_kind": "member",
        "unit": cell(),
        "member_name": "Nguyễn Văn A",
        "year": 2027,
        "level": "good",
        "notes": NOTES,
        "person_criteria": PERSON,
        "seal": seal,
        **given,
    }
    return Rating.record(STAMP, **fields)


def test_a_member_is_rated_with_a_note_on_each_person_criterion() -> None:
    rating = record()
    assert [n["criterion"] for n in rating.notes] == PERSON
    # A member's name, level and notes are sealed; the criterion codes stay in clear.
    assert (rating.level, rating.person_id) == ("", MEMBER)
    assert rating.standing(opened) == (
        "good",
        [{"criterion": c, "note": f"Đạt ({c})"} for c in PERSON],
    )
    assert all(isinstance(n["note"], Sealed) for n in rating.notes)
    with pytest.raises(MissingCriterionNotes, match="person-5"):
        record(notes=NOTES[1:])
    with pytest.raises(CriterionNotInForce):
        record(notes=[*NOTES, {"criterion": "person-9", "note": "x"}])
    with pytest.raises(InvalidInput) as refused:
        record(member_name=" ")
    assert refused.value.field == "memberName"
    with pytest.raises(InvalidInput):
        record(level="average")
    with pytest.raises(InvalidInput):
        record(year=2024)


def test_a_party_cell_is_rated_once_a_year_by_a_known_id() -> None:
    unit = cell()
    rating = record(subject_kind="organization", unit=unit, member_name=None, notes=[])
    assert rating.id == organization_rating_id(unit.id, 2027)
    village = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    with pytest.raises(NotAPartyOrganization):
        record(subject_kind="organization", unit=village, member_name=None, notes=[])


def test_a_correction_needs_a_reason_and_a_change() -> None:
    rating = record()
    with pytest.raises(InvalidInput) as refused:
        rating.correct(STAMP, level="excellent", notes=NOTES, person_criteria=PERSON)
    assert refused.value.field == "reason"
    why = Stamp("inspector-1", "inspector", "Phúc tra", "c-2")
    with pytest.raises(RatingUnchanged):
        rating.correct(
            why, level="good", notes=NOTES, person_criteria=PERSON, seal=seal, open_sealed=opened
        )
    rating.correct(
        why, level="excellent", notes=NOTES, person_criteria=PERSON, seal=seal, open_sealed=opened
    )
    assert rating.standing(opened)[0] == "excellent"
    organization = record(subject_kind="organization", member_name=None, notes=[])
    with pytest.raises(RatingUnchanged):
        organization.correct(why, level="good", notes=[], person_criteria=PERSON)
    organization.correct(why, level="excellent", notes=[], person_criteria=PERSON)
    assert organization.level == "excellent"
