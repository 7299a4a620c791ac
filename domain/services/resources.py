from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from domain.authority import authorize
from domain.base import InvalidInput, Stamp, clean_year
from domain.fund import PERSONAL_CONTRIBUTORS, Fund, NoFundsForTarget, fund_id_for
from domain.ledger import Done, Request
from domain.personal import person_id_for
from domain.services.personal import PersonalDataService
from domain.services.tasks import TaskService


def _uuid(field: str, value: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidInput(field, "is not a valid id") from None


def _key(target_kind: str, target_id: str) -> str:
    """A unit's or task's id in its canonical form; a model's code as given."""
    if target_kind in ("unit", "task"):
        return str(_uuid("target", target_id))
    return target_id.strip()


class ResourceService(TaskService, PersonalDataService):
    def _receiving_fund(self, stamp: Stamp, target_kind: str, target_id: str, year: int) -> Fund:
        """The target's fund for the year, opened on its first money. Money goes only to an
        active unit, an open task or a model of the program."""
        target_id = _key(target_kind, target_id)
        if target_kind == "unit":
            self.unit(_uuid("target", target_id)).require_active()
        elif target_kind == "task":
            self.task(_uuid("target", target_id)).require_open()
        elif target_kind == "model":
            self.program().item("model_type", target_id)
        fund_id = fund_id_for(target_kind, target_id, clean_year(year))
        if self.exists(fund_id):
            return self.load(Fund, fund_id, "fund")
        return Fund.open(stamp, target_kind=target_kind, target_id=target_id, year=year)

    def allocate_budget(
        self,
        request: Request,
        *,
        target_kind: str,
        target_id: str,
        year: int,
        amount: int,
        sector: str,
        decision_ref: str,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Fund]]:
            fund = self._receiving_fund(stamp, target_kind, target_id, year)
            fund.allocate(stamp, amount=amount, sector=sector, decision_ref=decision_ref)
            return fund.id, [fund]

        payload = {
            "target_kind": target_kind,
            "target_id": target_id,
            "year": year,
            "amount": amount,
            "sector": sector,
            "decision_ref": decision_ref,
        }
        return self.execute(request, "allocate_budget", payload, work)

    def receive_contribution(
        self,
        request: Request,
        *,
        target_kind: str,
        target_id: str,
        year: int,
        amount: int,
        contributor_kind: str,
        contributor_name: str,
        in_kind: str = "",
        contributor_person_id: UUID | None = None,
    ) -> Done:
        """A person's or a family's name is sealed with their key: `contributor_person_id`,
        or one derived from the idempotency key."""
        person_id = contributor_person_id or person_id_for(request.idempotency_key)
        name: str | None = contributor_name
        if contributor_kind in PERSONAL_CONTRIBUTORS:
            authorize(request.actor, "receive_contribution")
            name = self.fingerprints(person_id, contributor_name=contributor_name)[
                "contributor_name"
            ]

        def work(stamp: Stamp) -> tuple[UUID, list[Fund]]:
            fund = self._receiving_fund(stamp, target_kind, target_id, year)
            fund.receive(
                stamp,
                amount=amount,
                contributor_kind=contributor_kind,
                contributor_name=contributor_name,
                in_kind=in_kind,
                seal=self.sealer(person_id),
            )
            return fund.id, [fund]

        payload = {
            "target_kind": target_kind,
            "target_id": target_id,
            "year": year,
            "amount": amount,
            "contributor_kind": contributor_kind,
            "contributor_name": name,
            "contributor_person_id": contributor_person_id,
            "in_kind": in_kind,
        }
        return self.execute(request, "receive_contribution", payload, work)

    def record_expenditure(
        self,
        request: Request,
        *,
        target_kind: str,
        target_id: str,
        year: int,
        amount: int,
        source: str,
        purpose: str,
        spent_on: date,
        evidence: Sequence[str],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Fund]]:
            fund_id = fund_id_for(target_kind, _key(target_kind, target_id), clean_year(year))
            if not self.exists(fund_id):
                raise NoFundsForTarget(f"no money was allocated or received for it in {year}")
            fund = self.load(Fund, fund_id, "fund")
            fund.spend(
                stamp,
                amount=amount,
                source=source,
                purpose=purpose,
                spent_on=spent_on,
                evidence=list(evidence),
            )
            return fund.id, [fund]

        payload = {
            "target_kind": target_kind,
            "target_id": target_id,
            "year": year,
            "amount": amount,
            "source": source,
            "purpose": purpose,
            "spent_on": spent_on,
            "evidence": list(evidence),
        }
        return self.execute(request, "record_expenditure", payload, work)
