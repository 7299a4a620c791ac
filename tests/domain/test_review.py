from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.base import DateOutsideProgram, InvalidInput, Stamp
from domain.program import Program
from domain.review import Review, ReviewBeforeItsYear, YearOutsidePhase, review_id_for

STAMP = Stamp("office-1", "office", "", "c-1")
PHASES = Program.adopt(Stamp("socai", "system", "", "init")).items["phase"]


def hold(kind: str, year: int, held_on: date, covers: int = 10) -> Review:
    fields: dict[str, Any] = {
        "title": "Hội nghị sơ kết",
        "conclusions": "Cơ bản hoàn thành",
        "summary": {"tasks.total": 3},
        "phases": PHASES,
    }
    return Review.hold(
        STAMP, kind=kind, year=year, held_on=held_on, covers_position=covers, **fields
    )


def test_each_review_closes_its_phase_and_yearly_ones_belong_to_their_years() -> None:
    preliminary = hold("preliminary", 2026, date(2027, 1, 15))
    assert (preliminary.phase, preliminary.id) == ("phase-1", review_id_for("preliminary", 2026))
    assert hold("yearly", 2027, date(2027, 12, 28)).phase == "phase-2"
    assert hold("final", 2030, date(2030, 12, 20)).phase == "phase-3"
    assert review_id_for("yearly", 2026) != review_id_for("yearly", 2027)
    assert review_id_for("mid_term", 2027) == review_id_for("mid_term", 2028)


def test_a_review_outside_its_phase_or_before_its_year_is_refused() -> None:
    with pytest.raises(YearOutsidePhase):
        hold("mid_term", 2026, date(2026, 12, 20))
    with pytest.raises(YearOutsidePhase):
        hold("yearly", 2031, date(2030, 12, 20))
    with pytest.raises(ReviewBeforeItsYear):
        hold("yearly", 2027, date(2026, 12, 20))
    with pytest.raises(DateOutsideProgram):
        hold("final", 2030, date(2031, 1, 10))
    with pytest.raises(InvalidInput) as refused:
        hold("yearly", 2026, date(2026, 12, 20), covers=0)
    assert refused.value.field == "covers"
    with pytest.raises(InvalidInput):
        hold("quarterly", 2026, date(2026, 12, 20))


def test_the_review_keeps_the_figures_it_found() -> None:
    review = hold("yearly", 2026, date(2026, 12, 28), covers=42)
    (event,) = review.collect_events()
    assert isinstance(event, Review.ReviewHeld)
    assert (event.covers_position, event.summary) == (42, {"tasks.total": 3})
