from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.base import Stamp
from domain.candidacy import Candidacy, ModelAlreadyEnrolled, candidacy_id_for
from domain.ledger import Done, Request
from domain.services.program import ProgramService
from domain.services.units import UnitService


class ModelService(ProgramService, UnitService):
    def candidacy(self, candidacy_id: UUID) -> Candidacy:
        return self.load(Candidacy, candidacy_id, "candidacy")

    def enrol_model(self, request: Request, *, unit_id: UUID, model_type: str) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Candidacy]]:
            unit = self.unit(unit_id)
            definition = self.program().item("model_type", model_type.strip())
            if self.exists(candidacy_id_for(unit.id, definition["code"])):
                raise ModelAlreadyEnrolled(
                    f"unit '{unit.code}' is already enrolled for '{definition['code']}'"
                )
            candidacy = Candidacy.enrol(stamp, unit=unit, model_type=definition)
            return candidacy.id, [candidacy]

        payload = {"unit_id": unit_id, "model_type": model_type}
        return self.execute(request, "enrol_model", payload, work)

    def assess_model(
        self,
        request: Request,
        *,
        candidacy_id: UUID,
        results: Sequence[Mapping[str, Any]],
        passed: bool,
        note: str = "",
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Candidacy]]:
            candidacy = self.candidacy(candidacy_id)
            unit = self.unit(candidacy.unit_id)
            # Judged against criteria in force; a retired one can no longer be met or missed.
            self.program().require_in_force(str(r.get("criterion", "")).strip() for r in results)
            candidacy.assess(stamp, unit=unit, results=results, passed=passed, note=note)
            return candidacy.id, [candidacy]

        payload = {
            "candidacy_id": candidacy_id,
            "results": [dict(r) for r in results],
            "passed": passed,
            "note": note,
        }
        return self.execute(request, "assess_model", payload, work)

    def recognize_model(
        self,
        request: Request,
        *,
        candidacy_id: UUID,
        decision_number: str,
        decision_date: date,
        valid_until: date,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Candidacy]]:
            candidacy = self.candidacy(candidacy_id)
            candidacy.recognize(
                stamp,
                unit=self.unit(candidacy.unit_id),
                decision_number=decision_number,
                decision_date=decision_date,
                valid_until=valid_until,
            )
            return candidacy.id, [candidacy]

        payload = {
            "candidacy_id": candidacy_id,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "valid_until": valid_until,
        }
        return self.execute(request, "recognize_model", payload, work)

    def revoke_recognition(
        self, request: Request, *, candidacy_id: UUID, decision_number: str = ""
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Candidacy]]:
            candidacy = self.candidacy(candidacy_id)
            candidacy.revoke(stamp, decision_number=decision_number)
            return candidacy.id, [candidacy]

        payload = {"candidacy_id": candidacy_id, "decision_number": decision_number}
        return self.execute(request, "revoke_recognition", payload, work)
