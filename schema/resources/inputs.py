from __future__ import annotations

import datetime

import strawberry

from schema.common import CommandInput
from schema.money import Dong
from schema.resources.types import ContributorKind, MoneySource, MoneyTarget


@strawberry.input
class AllocateBudgetInput(CommandInput):
    target: MoneyTarget
    year: int
    amount: Dong
    sector: str = strawberry.field(description="The budget line, e.g. 'Văn hóa - Thông tin'.")
    decision_ref: str = strawberry.field(description="The decision that allocates it.")


@strawberry.input
class ReceiveContributionInput(CommandInput):
    target: MoneyTarget
    year: int
    amount: Dong = strawberry.field(description="In đồng; for a gift in kind, its value.")
    contributor_kind: ContributorKind
    contributor_name: str = strawberry.field(
        description="Personal data when the contributor is a person or a family."
    )
    contributor_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person's stable id, to seal with the same key as their earlier "
        "records; derived from the idempotency key when not given.",
    )
    in_kind: str = strawberry.field(default="", description="What was given, if not money.")


@strawberry.input
class RecordExpenditureInput(CommandInput):
    target: MoneyTarget
    year: int
    amount: Dong
    source: MoneySource
    purpose: str
    spent_on: datetime.date
    evidence: list[str] = strawberry.field(default_factory=list)
