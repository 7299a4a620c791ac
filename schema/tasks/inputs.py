from __future__ import annotations

import datetime

import strawberry

from schema.common import CommandInput


@strawberry.input
class AssignTaskInput(CommandInput):
    title: str
    description: str = ""
    area: str = strawberry.field(description="A task area code of the program, e.g. 'III.2'.")
    phase: str = strawberry.field(description="A phase code of the program, e.g. 'phase-1'.")
    lead_unit_id: strawberry.ID
    coordinating_unit_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    due_date: datetime.date


@strawberry.input
class ReportProgressInput(CommandInput):
    task_id: strawberry.ID
    percent: int = strawberry.field(description="0 to 100.")
    summary: str
    evidence: list[str] = strawberry.field(
        default_factory=list, description="References to documents, photos or minutes."
    )


@strawberry.input
class ChangeDeadlineInput(CommandInput):
    task_id: strawberry.ID
    due_date: datetime.date


@strawberry.input
class ReassignTaskInput(CommandInput):
    task_id: strawberry.ID
    lead_unit_id: strawberry.ID
    coordinating_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="New coordinating units; when absent the current ones stay."
    )


@strawberry.input
class CompleteTaskInput(CommandInput):
    task_id: strawberry.ID


@strawberry.input
class CancelTaskInput(CommandInput):
    task_id: strawberry.ID
