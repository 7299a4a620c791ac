from __future__ import annotations

import datetime

import strawberry

from schema.common import CommandInput
from schema.inspections.types import FindingKind, InspectionKind
from schema.shortcomings.types import ShortcomingSeverity


@strawberry.input
class PlanInspectionInput(CommandInput):
    kind: InspectionKind
    title: str
    scope: str = strawberry.field(description="What is inspected: the content and the questions.")
    unit_ids: list[strawberry.ID]
    starts_on: datetime.date
    ends_on: datetime.date


@strawberry.input
class ConductInspectionInput(CommandInput):
    inspection_id: strawberry.ID
    conducted_on: datetime.date
    summary: str
    evidence: list[str] = strawberry.field(default_factory=list, description="Minutes, reports.")


@strawberry.input
class RecordFindingInput(CommandInput):
    inspection_id: strawberry.ID
    unit_id: strawberry.ID = strawberry.field(description="One of the units inspected.")
    kind: FindingKind
    text: str
    severity: ShortcomingSeverity | None = strawberry.field(
        default=None, description="For a shortcoming only: it is flagged with this severity."
    )


@strawberry.input
class CommendFromInspectionInput(CommandInput):
    inspection_id: strawberry.ID
    finding_number: int = strawberry.field(description="A good-practice finding's number.")
    form: str = strawberry.field(description='The form of the award, e.g. "Giấy khen".')
    achievement: str = strawberry.field(default="", description="Defaults to the finding's text.")


@strawberry.input
class CloseInspectionInput(CommandInput):
    inspection_id: strawberry.ID
    conclusion: str
