from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.authority import authorize
from domain.base import LedgerAggregate, Stamp
from domain.ledger import Done, Request
from domain.personal import person_id_for
from domain.services.personal import PersonalDataService
from domain.services.program import ProgramService
from domain.services.units import UnitService
from domain.shortcoming import Shortcoming
from projections.shortcomings import shortcomings_of_unit


class ShortcomingService(ProgramService, UnitService, PersonalDataService):
    def shortcoming(self, shortcoming_id: UUID) -> Shortcoming:
        return self.load(Shortcoming, shortcoming_id, "shortcoming")

    def flag_shortcoming(
        self,
        request: Request,
        *,
        unit_id: UUID,
        severity: str,
        finding: str,
        source: str | None = None,
        flagged_by: str | None = None,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Shortcoming]]:
            shortcoming = Shortcoming.flag(
                stamp,
                unit=self.unit(unit_id),
                severity=severity,
                finding=finding,
                source=source,
                flagged_by=flagged_by,
            )
            return shortcoming.id, [shortcoming]

        payload = {
            "unit_id": unit_id,
            "severity": severity,
            "finding": finding,
            "source": source,
            "flagged_by": flagged_by,
        }
        return self.execute(request, "flag_shortcoming", payload, work)

    def plan_remediation(
        self,
        request: Request,
        *,
        shortcoming_id: UUID,
        plan: str,
        due_on: date,
        responsible: str | None = None,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Shortcoming]]:
            shortcoming = self.shortcoming(shortcoming_id)
            authorize(request.actor, "plan_remediation", (shortcoming.unit_id,))
            shortcoming.plan_remediation(stamp, plan=plan, due_on=due_on, responsible=responsible)
            return shortcoming.id, [shortcoming]

        payload = {
            "shortcoming_id": shortcoming_id,
            "plan": plan,
            "due_on": due_on,
            "responsible": responsible,
        }
        return self.execute(request, "plan_remediation", payload, work)

    def resolve_shortcoming(
        self, request: Request, *, shortcoming_id: UUID, resolution: str, evidence: list[str]
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Shortcoming]]:
            shortcoming = self.shortcoming(shortcoming_id)
            shortcoming.resolve(stamp, resolution=resolution, evidence=evidence)
            return shortcoming.id, [shortcoming]

        payload = {
            "shortcoming_id": shortcoming_id,
            "resolution": resolution,
            "evidence": list(evidence),
        }
        return self.execute(request, "resolve_shortcoming", payload, work)

    def propose_discipline(
        self,
        request: Request,
        *,
        shortcoming_id: UUID,
        subject_kind: str,
        subject_name: str | None,
        form: str,
        grounds: str,
        subject_person_id: UUID | None = None,
    ) -> Done:
        """A member's name, form and grounds are sealed with their key: `subject_person_id`,
        or one derived from the idempotency key."""
        person_id = subject_person_id or person_id_for(request.idempotency_key)
        private: dict[str, str | None] = {
            "subject_name": subject_name,
            "form": form,
            "grounds": grounds,
        }
        if subject_kind == "member":
            # The role first, so that no key is made for a caller who may not propose at all;
            # the request hash never holds a member's discipline.
            authorize(request.actor, "propose_discipline")
            private = self.fingerprints(person_id, **private)

        def work(stamp: Stamp) -> tuple[UUID, list[Shortcoming]]:
            shortcoming = self.shortcoming(shortcoming_id)
            shortcoming.propose_discipline(
                stamp,
                subject_kind=subject_kind,
                subject_name=subject_name,
                form=form,
                grounds=grounds,
                seal=self.sealer(person_id),
            )
            return shortcoming.id, [shortcoming]

        payload = {
            "shortcoming_id": shortcoming_id,
            "subject_kind": subject_kind,
            "subject_person_id": subject_person_id,
            **private,
        }
        return self.execute(request, "propose_discipline", payload, work)

    def decide_discipline(
        self,
        request: Request,
        *,
        shortcoming_id: UUID,
        number: int,
        outcome: str,
        form: str | None,
        decision_number: str,
        decision_date: date,
    ) -> Done:
        """A member's outcome, form and decision number are sealed with the key that sealed
        the proposal."""

        def work(stamp: Stamp) -> tuple[UUID, list[Shortcoming]]:
            shortcoming = self.shortcoming(shortcoming_id)
            person_id = shortcoming.discipline_person(number)
            shortcoming.decide_discipline(
                stamp,
                number=number,
                outcome=outcome,
                form=form,
                decision_number=decision_number,
                decision_date=decision_date,
                seal=self.sealer(person_id) if person_id else None,
            )
            return shortcoming.id, [shortcoming]

        private: dict[str, str | None] = {
            "outcome": outcome,
            "form": form,
            "decision_number": decision_number,
        }
        # The role first, so that no key is made for a caller who may not decide at all.
        authorize(request.actor, "decide_discipline")
        member = self.shortcoming(shortcoming_id).discipline_person(number)
        if member is not None:
            # The request hash never holds a member's discipline.
            private = self.fingerprints(member, **private)
        payload = {
            "shortcoming_id": shortcoming_id,
            "number": number,
            "decision_date": decision_date,
            **private,
        }
        return self.execute(request, "decide_discipline", payload, work)

    def transfer_open_work(self, stamp: Stamp, source: UUID, target: UUID) -> list[LedgerAggregate]:
        with self.reading() as sql:
            rows = shortcomings_of_unit(sql, str(source), status="open")
        moved: list[LedgerAggregate] = []
        for row in rows:
            shortcoming = self.shortcoming(UUID(row["id"]))
            # The aggregate decides: one resolved since the view was read stays where it is.
            if shortcoming.is_open and shortcoming.unit_id == source:
                shortcoming.transfer(stamp, target)
                moved.append(shortcoming)
        return [*super().transfer_open_work(stamp, source, target), *moved]
