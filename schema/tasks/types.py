from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections import feedback as feedback_view
from projections.read import as_of_of
from projections.storage import Row
from schema.common import AsOf, FailureType, from_same_names, optional_date, read
from schema.context import Context
from schema.feedback.types import ProgressReport
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="Where a task stands.")
class TaskStatus(Enum):
    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@strawberry.type(
    description="A task of the program (section III) with its lead unit, deadline and progress."
)
class Task:
    id: strawberry.ID
    title: str
    description: str
    area: str = strawberry.field(description="The program's task area code, e.g. 'III.2'.")
    phase: str = strawberry.field(description="The program's phase code, e.g. 'phase-1'.")
    due_date: datetime.date
    percent: int
    last_summary: str | None
    last_evidence: list[str]
    last_reported_on: datetime.date | None
    progress_reports: int
    status: TaskStatus
    assigned_on: datetime.date
    completed_on: datetime.date | None
    cancelled_on: datetime.date | None
    lead_unit_id: strawberry.Private[str]
    coordinating_unit_ids: strawberry.Private[list[str]]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Task:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            due_date=datetime.date.fromisoformat(row["due_date"]),
            last_evidence=list(row["last_evidence"]),
            last_reported_on=optional_date(row["last_reported_on"]),
            status=TaskStatus(row["status"]),
            assigned_on=datetime.date.fromisoformat(row["assigned_on"]),
            completed_on=optional_date(row["completed_on"]),
            cancelled_on=optional_date(row["cancelled_on"]),
            coordinating_unit_ids=list(row["coordinating_unit_ids"]),
            as_of_position=as_of_of(row),
        )

    @strawberry.field
    async def lead_unit(self, info: Info[Context, None]) -> Unit:
        unit = await unit_by_id(info, self.lead_unit_id, at=self.as_of_position)
        assert unit is not None, "a task's lead unit is a registered unit"
        return unit

    @strawberry.field
    async def coordinating_units(self, info: Info[Context, None]) -> list[Unit]:
        units = [
            await unit_by_id(info, unit_id, at=self.as_of_position)
            for unit_id in self.coordinating_unit_ids
        ]
        return [u for u in units if u is not None]

    @strawberry.field(
        description="Every progress report, oldest first, with citizens' testimonies on each."
    )
    async def progress_history(self, info: Info[Context, None]) -> list[ProgressReport]:
        at = self.as_of_position
        as_of = AsOf(position=at) if at is not None else None
        rows = await read(info, feedback_view.progress_reports, as_of=as_of, task_id=str(self.id))
        return [ProgressReport.from_row(r) for r in rows]

    @strawberry.field(description="Open and due before `on` (today when not given).")
    def overdue(self, on: datetime.date | None = None) -> bool:
        day = on or datetime.date.today()
        return self.status is TaskStatus.OPEN and self.due_date < day


@strawberry.type(description="The task as it stands after the command.")
class TaskChanged:
    task: Task
    position: int = strawberry.field(description="The log position of the last event recorded.")


TaskResult = Annotated[TaskChanged | FailureType, strawberry.union("TaskResult")]
