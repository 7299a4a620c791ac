"""A review of the program (IV.1): the preliminary review (sơ kết) at the end of 2026, the
mid-term review in 2027–2028, the final review (tổng kết) in 2029–2030, and the yearly ones.
Each records the log position it covers and a summary of the views at that position, so that
what it found stays as it was found."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_text,
)

# The phase each review closes; a yearly review belongs to the phase of its year.
REVIEW_PHASES = {"preliminary": "phase-1", "mid_term": "phase-2", "final": "phase-3"}
REVIEW_KINDS = (*REVIEW_PHASES, "yearly")


class ReviewAlreadyHeld(RuleBroken):
    pass


class YearOutsidePhase(RuleBroken):
    pass


class ReviewBeforeItsYear(RuleBroken):
    pass


def review_id_for(kind: str, year: int) -> UUID:
    """One review of each kind for the program, and one yearly review per year."""
    key = f"{kind}:{year}" if kind == "yearly" else kind
    return uuid5(NAMESPACE_URL, f"socai:review:{key}")


def _phase_of(phases: Mapping[str, Mapping[str, Any]], year: int) -> str | None:
    for code, phase in phases.items():
        if phase["starts_on"].year <= year <= phase["ends_on"].year:
            return code
    return None


class Review(LedgerAggregate):
    STREAM = "review"

    kind: str
    year: int
    phase: str
    covers_position: int

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class ReviewHeld(LedgerAggregate.Created):
        kind: str
        year: int
        phase: str
        title: str
        held_on: date
        conclusions: str
        covers_position: int
        # Figures read from the views at `covers_position`: counts only, named by key.
        summary: dict[str, int]

        def apply(self, aggregate: Review) -> None:
            aggregate.kind = self.kind
            aggregate.year = self.year
            aggregate.phase = self.phase
            aggregate.covers_position = self.covers_position

    @classmethod
    def hold(
        cls,
        stamp: Stamp,
        *,
        kind: str,
        year: int,
        title: str,
        held_on: date,
        conclusions: str,
        covers_position: int,
        summary: Mapping[str, int],
        phases: Mapping[str, Mapping[str, Any]],
    ) -> Review:
        """`phases` are the program's phase definitions; `summary` the figures at the position."""
        if kind not in REVIEW_KINDS:
            raise InvalidInput("kind", f"must be one of {', '.join(REVIEW_KINDS)}")
        phase = REVIEW_PHASES.get(kind) or _phase_of(phases, year)
        if phase is None or phase not in phases:
            raise YearOutsidePhase(f"the program has no phase in {year}")
        starts, ends = phases[phase]["starts_on"].year, phases[phase]["ends_on"].year
        if not starts <= year <= ends:
            raise YearOutsidePhase(
                f"a {kind.replace('_', '-')} review reviews a year of {phase} ({starts}–{ends})"
            )
        check_in_period("heldOn", held_on)
        if held_on < date(year, 1, 1):
            raise ReviewBeforeItsYear(f"a review of {year} cannot be held before that year")
        if covers_position < 1:
            raise InvalidInput("covers", "the record is empty: there is nothing to review")
        return cls._create(
            cls.ReviewHeld,
            id=review_id_for(kind, year),
            stamp=stamp,
            kind=kind,
            year=year,
            phase=phase,
            title=clean_text("title", title, max_length=MAX_NAME),
            held_on=held_on,
            conclusions=clean_text("conclusions", conclusions),
            covers_position=covers_position,
            summary=dict(summary),
        )
