from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from domain.authority import authorize
from domain.base import Stamp
from domain.ledger import Done, Request
from domain.personal import person_id_for
from domain.rating import Rating, RatingAlreadyRecorded, organization_rating_id
from domain.services.personal import PersonalDataService
from domain.services.program import ProgramService
from domain.services.units import UnitService


class RatingService(ProgramService, UnitService, PersonalDataService):
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
        member_person_id: UUID | None = None,
    ) -> Done:
        """A member's name, level and notes are sealed with the member's key:
        `member_person_id`, or one derived from the idempotency key."""
        person_id = member_person_id or person_id_for(request.idempotency_key)
        private: dict[str, Any] = {
            "member_name": member_name,
            "level": level,
            "notes": [dict(n) for n in notes],
        }
        if subject_kind == "member":
            authorize(request.actor, "record_rating")
            private = self._fingerprinted(person_id, member_name, level, notes)

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
                seal=self.sealer(person_id),
            )
            return rating.id, [rating]

        payload = {
            "subject_kind": subject_kind,
            "unit_id": unit_id,
            "member_person_id": member_person_id,
            "year": year,
            **private,
        }
        return self.execute(request, "record_rating", payload, work)

    def _fingerprinted(
        self,
        person_id: UUID,
        name: str | None,
        level: str,
        notes: Sequence[Mapping[str, Any]],
    ) -> dict[str, Any]:
        return self.fingerprints(
            person_id,
            member_name=name,
            rating=json.dumps([level, [dict(n) for n in notes]], sort_keys=True),
        )

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
            # A rating recorded before sealing: its member gets a person id from the rating.
            person_id = rating.person_id or person_id_for(f"rating:{rating.id}")
            rating.correct(
                stamp,
                level=level,
                notes=notes,
                person_criteria=self.program().criteria_in_force("person"),
                seal=self.sealer(person_id),
                open_sealed=self.keyring.open,
            )
            return rating.id, [rating]

        # The role first, so that no key is made for a caller who may not correct at all.
        authorize(request.actor, "correct_rating")
        current = self.rating(rating_id)
        given: dict[str, Any] = {"level": level, "notes": [dict(n) for n in notes]}
        if current.subject_kind == "member":
            # The request hash never holds a member's level or notes.
            member = current.person_id or person_id_for(f"rating:{current.id}")
            given = self._fingerprinted(member, None, level, notes)
        payload = {"rating_id": rating_id, **given}
        return self.execute(request, "correct_rating", payload, work)
