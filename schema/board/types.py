from __future__ import annotations

import datetime

import strawberry

from projections.board import BoardRows
from schema.commendations.types import Commendation
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

    @classmethod
    def from_rows(cls, board: BoardRows) -> UnitBoard:
        tasks = [Task.from_row(t) for t in board.tasks]
        open_tasks = [t for t in board.tasks if t["status"] == "open"]
        return cls(
            unit=Unit.from_row(board.unit),
            on=datetime.date.fromisoformat(board.on),
            models=[ModelCandidacy.from_row(c) for c in board.candidacies],
            open_shortcomings=[Shortcoming.from_row(s) for s in board.open_shortcomings],
            commendations=[Commendation.from_row(c) for c in board.commendations],
            tasks=tasks,
            overdue_tasks=[Task.from_row(t) for t in board.overdue_tasks],
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
