from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.application import Ledger
from domain.ledger import Done, Request
from projections.tasks import get_task
from schema.common import mutate, parse_id, reread
from schema.context import Context
from schema.tasks.inputs import (
    AssignTaskInput,
    CancelTaskInput,
    ChangeDeadlineInput,
    CompleteTaskInput,
    ReassignTaskInput,
    ReportProgressInput,
)
from schema.tasks.types import Task, TaskChanged, TaskResult

_changed = reread(
    get_task,
    "task_id",
    lambda row, position: TaskChanged(task=Task.from_row(row), position=position),
)


@strawberry.type
class TaskMutations:
    @strawberry.mutation(
        description="Assign a task of a program area and phase to a lead unit, with "
        "coordinating units and a due date. Office only."
    )
    async def assign_task(self, info: Info[Context, None], input: AssignTaskInput) -> TaskResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.assign_task(
                request,
                title=input.title,
                description=input.description,
                area=input.area,
                phase=input.phase,
                lead_unit_id=parse_id("leadUnitId", input.lead_unit_id),
                coordinating_unit_ids=[
                    parse_id("coordinatingUnitIds", u) for u in input.coordinating_unit_ids
                ],
                due_date=input.due_date,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Report a task's progress. The office, or a reporter of the task's lead "
        "or a coordinating unit."
    )
    async def report_progress(
        self, info: Info[Context, None], input: ReportProgressInput
    ) -> TaskResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.report_progress(
                request,
                task_id=parse_id("taskId", input.task_id),
                percent=input.percent,
                summary=input.summary,
                evidence=input.evidence,
            ),
            _changed,
        )

    @strawberry.mutation(description="Move an open task's due date. Office only.")
    async def change_deadline(
        self, info: Info[Context, None], input: ChangeDeadlineInput
    ) -> TaskResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.change_deadline(
                request, task_id=parse_id("taskId", input.task_id), due_date=input.due_date
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Give an open task a new lead unit and, optionally, new coordinating "
        "units. Office only."
    )
    async def reassign_task(
        self, info: Info[Context, None], input: ReassignTaskInput
    ) -> TaskResult:
        def command(ledger: Ledger, request: Request) -> Done:
            coordinating = input.coordinating_unit_ids
            return ledger.reassign_task(
                request,
                task_id=parse_id("taskId", input.task_id),
                lead_unit_id=parse_id("leadUnitId", input.lead_unit_id),
                coordinating_unit_ids=(
                    None
                    if coordinating is None
                    else [parse_id("coordinatingUnitIds", u) for u in coordinating]
                ),
            )

        return await mutate(info, input, command, _changed)

    @strawberry.mutation(description="Mark an open task completed. Office only.")
    async def complete_task(
        self, info: Info[Context, None], input: CompleteTaskInput
    ) -> TaskResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.complete_task(
                request, task_id=parse_id("taskId", input.task_id)
            ),
            _changed,
        )

    @strawberry.mutation(description="Cancel an open task. Office only.")
    async def cancel_task(self, info: Info[Context, None], input: CancelTaskInput) -> TaskResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.cancel_task(
                request, task_id=parse_id("taskId", input.task_id)
            ),
            _changed,
        )
