from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.board import BoardRows
from projections.history import list_history
from projections.read import as_of_of
from projections.storage import Row, Sql
from schema.commendations.types import Commendation
from schema.common import AsOf, page_size, position_of, read
from schema.context import Context
from schema.feedback.types import Feedback
from schema.history.types import HistoryEvent
from schema.models.types import ModelCandidacy
from schema.shortcomings.types import Shortcoming
from schema.tasks.types import Task
from schema.units.types import Unit


@strawberry.type(description="How a unit's tasks stand on the board's date.")
class TaskTally:
    total: int
    open: int
    completed: int
    cancelled: int
    overdue: int
    average_percent: float = strawberry.field(description="Mean progress of the open tasks.")


@strawberry.type(description="How the citizens' feedback about a unit stands on the board's date.")
class FeedbackTally:
    received: int
    answered: int
    waiting: int


@strawberry.type(description="One unit's board: its models, shortcomings, commendations, tasks.")
class UnitBoard:
    unit: Unit
    on: datetime.date = strawberry.field(description="The date overdue tasks are judged against.")
    models: list[ModelCandidacy]
    open_shortcomings: list[Shortcoming]
    commendations: list[Commendation]
    tasks: list[Task]
    overdue_tasks: list[Task]
    task_tally: TaskTally
    feedback_tally: FeedbackTally
    waiting_feedback: list[Feedback] = strawberry.field(
        description="Feedback about the unit waiting for its answer on the board's date."
    )

    as_of_position: strawberry.Private[int | None]

    @strawberry.field(
        description=(
            "What changed for this unit after `since` and up to the board's moment: its "
            "history between two positions."
        )
    )
    async def changes(
        self, info: Info[Context, None], since: AsOf, first: int = 100
    ) -> list[HistoryEvent]:
        limit = page_size(first)
        unit_id = str(self.unit.id)
        until = self.as_of_position

        def between(sql: Sql) -> list[Row]:
            start = position_of(sql, since)
            return list_history(
                sql, unit_id=unit_id, after_position=start, at=until, first=limit
            ).rows

        return [HistoryEvent.from_row(r) for r in await read(info, between)]

    @classmethod
    def from_rows(cls, board: BoardRows) -> UnitBoard:
        tasks = [Task.from_row(t) for t in board.tasks]
        open_tasks = [t for t in board.tasks if t["status"] == "open"]
        return cls(
            unit=Unit.from_row(board.unit),
            as_of_position=as_of_of(board.unit),
            on=datetime.date.fromisoformat(board.on),
            models=[ModelCandidacy.from_row(c) for c in board.candidacies],
            open_shortcomings=[Shortcoming.from_row(s) for s in board.open_shortcomings],
            commendations=[Commendation.from_row(c) for c in board.commendations],
            tasks=tasks,
            overdue_tasks=[Task.from_row(t) for t in board.overdue_tasks],
            feedback_tally=FeedbackTally(
                received=sum(1 for f in board.feedback if f["submitted_on"] <= board.on),
                answered=len(board.answered_feedback),
                waiting=len(board.waiting_feedback),
            ),
            waiting_feedback=[Feedback.from_row(f) for f in board.waiting_feedback],
            task_tally=TaskTally(
                total=len(board.tasks),
                open=len(open_tasks),
                completed=sum(1 for t in board.tasks if t["status"] == "completed"),
                cancelled=sum(1 for t in board.tasks if t["status"] == "cancelled"),
                overdue=len(board.overdue_tasks),
                average_percent=(
                    round(sum(t["percent"] for t in open_tasks) / len(open_tasks), 1)
                    if open_tasks
                    else 0.0
                ),
            ),
        )
