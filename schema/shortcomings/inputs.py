from __future__ import annotations

import datetime

import strawberry

from schema.common import CommandInput
from schema.shortcomings.types import (
    DisciplineForm,
    DisciplineOutcome,
    DisciplineSubject,
    ShortcomingSeverity,
)


@strawberry.input
class FlagShortcomingInput(CommandInput):
    unit_id: strawberry.ID
    severity: ShortcomingSeverity
    finding: str
    source: str | None = strawberry.field(
        default=None, description="The inspection or document reference that found it."
    )
    flagged_by: str | None = strawberry.field(default=None, description="The body that found it.")


@strawberry.input
class PlanRemediationInput(CommandInput):
    shortcoming_id: strawberry.ID
    plan: str
    due_on: datetime.date = strawberry.field(description="Inside the program period.")
    responsible: str | None = strawberry.field(
        default=None, description="The person or unit that carries the plan out."
    )


@strawberry.input
class ResolveShortcomingInput(CommandInput):
    shortcoming_id: strawberry.ID
    resolution: str = strawberry.field(description="What was done, in brief.")
    evidence: list[str] = strawberry.field(
        default_factory=list, description="References to the documents that show it."
    )


@strawberry.input
class ProposeDisciplineInput(CommandInput):
    shortcoming_id: strawberry.ID
    subject_kind: DisciplineSubject
    subject_name: str | None = strawberry.field(
        default=None, description="A member's name (personal data); empty for an organization."
    )
    subject_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person's stable id, to seal with the same key as their earlier "
        "records; derived from the idempotency key when not given.",
    )
    form: DisciplineForm
    grounds: str


@strawberry.input
class DecideDisciplineInput(CommandInput):
    shortcoming_id: strawberry.ID
    number: int = strawberry.field(description="Which proposal of the shortcoming, from 1.")
    outcome: DisciplineOutcome
    form: DisciplineForm | None = strawberry.field(
        default=None, description="The form imposed; empty when none is."
    )
    decision_number: str
    decision_date: datetime.date
