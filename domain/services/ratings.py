from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from domain.base import Stamp
from domain.ledger import Done, Request
from domain.rating import Rating, RatingAlreadyRecorded, organization_rating_id
from domain.services.program import ProgramService
from domain.services.units import UnitService


class RatingService(ProgramService, UnitService):
    def rating(self, rating_id: UUID) -> Rating:
        return self.load(Rating, rating_id, "rating")

    def record_rating(
        self,
        request: Request,
        *,
        subject_kind: str,
        unit_id: UUID,
        member_name: str | None,
        year: int,
        level: str,
        notes: Sequence[Mapping[str, Any]],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Rating]]:
            unit = self.unit(unit_id)
            if subject_kind == "organization" and self.exists(
                organization_rating_id(unit.id, year)
            ):
                raise RatingAlreadyRecorded(
                    f"'{unit.code}' is rated for {year} already: correct that rating instead"
                )
            rating = Rating.record(
                stamp,
                subject_kind=subject_kind,
                unit=unit,
                member_name=member_name,
                year=year,
                level=level,
                notes=notes,
                person_criteria=self.program().criteria_in_force("person"),
            )
            return rating.id, [rating]

        payload = {
            "subject_kind": subject_kind,
            "unit_id": unit_id,
            "member_name": member_name,
            "year": year,
            "level": level,
            "notes": [dict(n) for n in notes],
        }
        return self.execute(request, "record_rating", payload, work)

    def correct_rating(
        self,
        request: Request,
        *,
        rating_id: UUID,
        level: str,
        notes: Sequence[Mapping[str, Any]],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Rating]]:
            rating = self.rating(rating_id)
            rating.correct(
                stamp,
                level=level,
                notes=notes,
                person_criteria=self.program().criteria_in_force("person"),
            )
            return rating.id, [rating]

        payload = {"rating_id": rating_id, "level": level, "notes": [dict(n) for n in notes]}
        return self.execute(request, "correct_rating", payload, work)
