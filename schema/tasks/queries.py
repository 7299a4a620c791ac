from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.tasks import get_task, list_tasks
from schema.common import AsOf, Connection, Cursor, one, optional_id_text, page
from schema.context import Context
from schema.tasks.types import Task, TaskStatus


def _due_and_id(value: str) -> tuple[str, str]:
    due, sep, task_id = value.partition("|")
    if not sep:
        raise InvalidInput("after", "is not a cursor of this list")
    return due, task_id


_CURSOR = Cursor("task", lambda row: f"{row['due_date']}|{row['id']}", _due_and_id)


@strawberry.type
class TaskQueries:
    @strawberry.field(description="One task by id.")
    async def task(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Task | None:
        return await one(info, get_task, Task.from_row, as_of=as_of, task_id=str(id))

    @strawberry.field(
        description="The task tracker: tasks by due date, filtered by unit (lead or "
        "coordinating), area, phase, status, or open and overdue at a date."
    )
    async def tasks(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        area: str | None = None,
        phase: str | None = None,
        status: TaskStatus | None = None,
        overdue_on: datetime.date | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Task]:
        return await page(
            info,
            list_tasks,
            Task.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=optional_id_text("unitId", unit_id),
            area=area,
            phase=phase,
            status=status.value if status else None,
            overdue_on=overdue_on.isoformat() if overdue_on else None,
        )
