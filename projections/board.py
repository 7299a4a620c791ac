"""The village and unit board: per unit, its models, open shortcomings, commendations, tasks
with progress and the overdue ones, and the citizens' feedback about it answered and waiting —
all read in one transaction, so they agree."""

from __future__ import annotations

from dataclasses import dataclass

from projections.commendations import commendations_of_unit
from projections.feedback import feedback_of_unit, waiting
from projections.models import candidacies_of_unit
from projections.read import Page
from projections.shortcomings import shortcomings_of_unit
from projections.storage import Row, Sql
from projections.tasks import tasks_of_unit
from projections.units import get_unit, list_units


@dataclass(frozen=True)
class BoardRows:
    unit: Row
    on: str
    candidacies: list[Row]
    open_shortcomings: list[Row]
    commendations: list[Row]
    tasks: list[Row]
    feedback: list[Row]

    @property
    def overdue_tasks(self) -> list[Row]:
        return [t for t in self.tasks if t["status"] == "open" and t["due_date"] < self.on]

    @property
    def waiting_feedback(self) -> list[Row]:
        return [f for f in self.feedback if waiting(f, self.on)]

    @property
    def answered_feedback(self) -> list[Row]:
        return [f for f in self.feedback if f["answered_on"] and f["answered_on"] <= self.on]


def _board(sql: Sql, unit: Row, on: str, at: int | None) -> BoardRows:
    unit_id = unit["id"]
    return BoardRows(
        unit=unit,
        on=on,
        candidacies=candidacies_of_unit(sql, unit_id, at=at),
        open_shortcomings=shortcomings_of_unit(sql, unit_id, status="open", at=at),
        commendations=commendations_of_unit(sql, unit_id, at=at),
        tasks=tasks_of_unit(sql, unit_id, at=at),
        feedback=feedback_of_unit(sql, unit_id, at=at),
    )


def unit_board(sql: Sql, unit_id: str, *, on: str, at: int | None = None) -> BoardRows | None:
    unit = get_unit(sql, unit_id, at=at)
    return _board(sql, unit, on, at) if unit else None


def village_boards(
    sql: Sql,
    *,
    on: str,
    after_code: str | None = None,
    first: int = 50,
    at: int | None = None,
) -> tuple[list[BoardRows], Page]:
    """The board of every active village, ordered by code."""
    villages = list_units(
        sql, kind="village", status="active", after_code=after_code, first=first, at=at
    )
    return [_board(sql, v, on, at) for v in villages.rows], villages
