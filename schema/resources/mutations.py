from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.application import Ledger
from domain.ledger import Done, Request
from projections.resources import get_fund
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context
from schema.resources.inputs import (
    AllocateBudgetInput,
    ReceiveContributionInput,
    RecordExpenditureInput,
)
from schema.resources.types import Fund, FundChanged, FundResult, MoneyTarget


def target_of(target: MoneyTarget) -> tuple[str, str]:
    """The target's kind and id (a model's code); one_of: exactly one is set."""
    if isinstance(target.unit_id, str):
        return "unit", str(parse_id("target.unitId", target.unit_id))
    if isinstance(target.task_id, str):
        return "task", str(parse_id("target.taskId", target.task_id))
    assert isinstance(target.model_type, str)
    return "model", target.model_type


_changed = reread(
    get_fund,
    "fund_id",
    lambda row, position: FundChanged(fund=Fund.from_row(row), position=position),
)


@strawberry.type
class ResourceMutations:
    @strawberry.mutation(
        description="Allocate budget for a year to a unit, a task or a model. Office only."
    )
    async def allocate_budget(
        self, info: Info[Context, None], input: AllocateBudgetInput
    ) -> FundResult:
        def command(ledger: Ledger, request: Request) -> Done:
            kind, target = target_of(input.target)
            return ledger.allocate_budget(
                request,
                target_kind=kind,
                target_id=target,
                year=input.year,
                amount=input.amount,
                sector=input.sector,
                decision_ref=input.decision_ref,
            )

        return await mutate(info, input, command, _changed)

    @strawberry.mutation(
        description="Record a socialized contribution (xã hội hóa) received. Office only."
    )
    async def receive_contribution(
        self, info: Info[Context, None], input: ReceiveContributionInput
    ) -> FundResult:
        def command(ledger: Ledger, request: Request) -> Done:
            kind, target = target_of(input.target)
            return ledger.receive_contribution(
                request,
                target_kind=kind,
                target_id=target,
                year=input.year,
                amount=input.amount,
                contributor_kind=input.contributor_kind.value,
                contributor_name=input.contributor_name,
                contributor_person_id=parse_optional_id(
                    "contributorPersonId", input.contributor_person_id
                ),
                in_kind=input.in_kind,
            )

        return await mutate(info, input, command, _changed)

    @strawberry.mutation(
        description="Record an expenditure from one source; never more than that source has "
        "left for the target that year. Office only."
    )
    async def record_expenditure(
        self, info: Info[Context, None], input: RecordExpenditureInput
    ) -> FundResult:
        def command(ledger: Ledger, request: Request) -> Done:
            kind, target = target_of(input.target)
            return ledger.record_expenditure(
                request,
                target_kind=kind,
                target_id=target,
                year=input.year,
                amount=input.amount,
                source=input.source.value,
                purpose=input.purpose,
                spent_on=input.spent_on,
                evidence=input.evidence,
            )

        return await mutate(info, input, command, _changed)
