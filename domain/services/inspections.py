from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from domain.base import LedgerAggregate, Stamp
from domain.inspection import Inspection
from domain.ledger import Done, Request
from domain.services.units import UnitService


class InspectionService(UnitService):
    def inspection(self, inspection_id: UUID) -> Inspection:
        return self.load(Inspection, inspection_id, "inspection")

    def plan_inspection(
        self,
        request: Request,
        *,
        kind: str,
        title: str,
        scope: str,
        unit_ids: Sequence[UUID],
        starts_on: date,
        ends_on: date,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Inspection]]:
            inspection = Inspection.plan(
                stamp,
                kind=kind,
                title=title,
                scope=scope,
                units=[self.unit(u) for u in unit_ids],
                starts_on=starts_on,
                ends_on=ends_on,
            )
            return inspection.id, [inspection]

        payload = {
            "kind": kind,
            "title": title,
            "scope": scope,
            "unit_ids": list(unit_ids),
            "starts_on": starts_on,
            "ends_on": ends_on,
        }
        return self.execute(request, "plan_inspection", payload, work)

    def conduct_inspection(
        self,
        request: Request,
        *,
        inspection_id: UUID,
        conducted_on: date,
        summary: str,
        evidence: Sequence[str],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Inspection]]:
            inspection = self.inspection(inspection_id)
            inspection.conduct(
                stamp, conducted_on=conducted_on, summary=summary, evidence=list(evidence)
            )
            return inspection.id, [inspection]

        payload = {
            "inspection_id": inspection_id,
            "conducted_on": conducted_on,
            "summary": summary,
            "evidence": list(evidence),
        }
        return self.execute(request, "conduct_inspection", payload, work)

    def record_finding(
        self,
        request: Request,
        *,
        inspection_id: UUID,
        unit_id: UUID,
        kind: str,
        text: str,
        severity: str | None = None,
    ) -> Done:
        """A shortcoming finding is flagged as a shortcoming in the same transaction."""

        def work(stamp: Stamp) -> tuple[UUID, list[LedgerAggregate]]:
            inspection = self.inspection(inspection_id)
            shortcoming = inspection.record_finding(
                stamp, unit=self.unit(unit_id), kind=kind, text=text, severity=severity
            )
            # The shortcoming first, so that the finding's view row can point at it.
            return inspection.id, [*([shortcoming] if shortcoming else []), inspection]

        payload = {
            "inspection_id": inspection_id,
            "unit_id": unit_id,
            "kind": kind,
            "text": text,
            "severity": severity,
        }
        return self.execute(request, "record_finding", payload, work)

    def commend_from_inspection(
        self,
        request: Request,
        *,
        inspection_id: UUID,
        finding_number: int,
        form: str,
        achievement: str = "",
    ) -> Done:
        """Proposes a commendation for the unit of a good-practice finding."""

        def work(stamp: Stamp) -> tuple[UUID, list[LedgerAggregate]]:
            inspection = self.inspection(inspection_id)
            unit = self.unit(inspection.finding(finding_number)["unit_id"])
            commendation = inspection.propose_commendation(
                stamp, number=finding_number, unit=unit, form=form, achievement=achievement
            )
            return inspection.id, [commendation, inspection]

        payload = {
            "inspection_id": inspection_id,
            "finding_number": finding_number,
            "form": form,
            "achievement": achievement,
        }
        return self.execute(request, "commend_from_inspection", payload, work)

    def close_inspection(self, request: Request, *, inspection_id: UUID, conclusion: str) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Inspection]]:
            inspection = self.inspection(inspection_id)
            inspection.close(stamp, conclusion=conclusion)
            return inspection.id, [inspection]

        payload = {"inspection_id": inspection_id, "conclusion": conclusion}
        return self.execute(request, "close_inspection", payload, work)
