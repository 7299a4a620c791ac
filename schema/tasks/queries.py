from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.storage import Row
from projections.tasks import get_task, list_tasks
from schema.common import (
    AsOf,
    Connection,
    connection,
    decode_cursor,
    encode_cursor,
    page_size,
    parse_id,
    read,
)
from schema.context import Context
from schema.tasks.types import Task, TaskStatus


def _cursor(row: Row) -> str:
    return encode_cursor("task", f"{row['due_date']}|{row['id']}")


def _after(cursor: str | None) -> tuple[str, str] | None:
    value = decode_cursor("task", cursor)
    if value is None:
        return None
    due, sep, task_id = value.partition("|")
    if not sep:
        raise InvalidInput("after", "is not a cursor of this list")
    return due, task_id


@strawberry.type
class TaskQueries:
    @strawberry.field(description="One task by id.")
    async def task(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Task | None:
        row = await read(info, get_task, as_of=as_of, task_id=str(id))
        return Task.from_row(row) if row else None

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
        found = await read(
            info,
            list_tasks,
            as_of=as_of,
            unit_id=str(parse_id("unitId", unit_id)) if unit_id is not None else None,
            area=area,
            phase=phase,
            status=status.value if status else None,
            overdue_on=overdue_on.isoformat() if overdue_on else None,
            after=_after(after),
            first=page_size(first),
        )
        return connection(found, Task.from_row, _cursor)
