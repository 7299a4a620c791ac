"""A task of the program (section III): assigned to a lead unit with coordinating units, followed
up through progress reports until it is completed or cancelled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    check_in_period,
    clean_list,
    clean_text,
    new_id,
)
from domain.unit import Unit


class TaskClosed(RuleBroken):
    """Base of the refusals for a task that is no longer open."""


class TaskAlreadyCompleted(TaskClosed):
    pass


class TaskAlreadyCancelled(TaskClosed):
    pass


class PercentOutOfRange(RuleBroken):
    pass


class LeadAlsoCoordinating(RuleBroken):
    pass


class DeadlineUnchanged(RuleBroken):
    pass


class LeadUnchanged(RuleBroken):
    pass


class TaskNotOfUnit(RuleBroken):
    pass


def _coordinating(lead: Unit, coordinating: Sequence[Unit]) -> list[str]:
    """The rules every set of coordinating units obeys: active, distinct, not the lead."""
    ids: list[str] = []
    for unit in coordinating:
        unit.require_active()
        if unit.id == lead.id:
            raise LeadAlsoCoordinating(
                f"unit '{unit.code}' cannot both lead and coordinate the same task"
            )
        if str(unit.id) in ids:
            raise InvalidInput("coordinatingUnitIds", f"unit '{unit.code}' is listed twice")
        ids.append(str(unit.id))
    return ids


class Task(LedgerAggregate):
    STREAM = "task"

    title: str
    description: str
    area: str
    phase: str
    lead_unit_id: UUID
    coordinating_unit_ids: list[UUID]
    due_date: date
    percent: int
    status: str
    report_versions: list[int]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class TaskAssigned(LedgerAggregate.Created):
        title: str
        description: str
        area: str
        phase: str
        lead_unit_id: UUID
        coordinating_unit_ids: list[str]
        due_date: date

        def apply(self, aggregate: Task) -> None:
            aggregate.title = self.title
            aggregate.description = self.description
            aggregate.area = self.area
            aggregate.phase = self.phase
            aggregate.lead_unit_id = self.lead_unit_id
            aggregate.coordinating_unit_ids = [UUID(u) for u in self.coordinating_unit_ids]
            aggregate.due_date = self.due_date
            aggregate.percent = 0
            aggregate.status = "open"
            aggregate.report_versions = []

    class ProgressReported(LedgerAggregate.Event):
        percent: int
        summary: str
        evidence: list[str]

        def apply(self, aggregate: Task) -> None:
            aggregate.percent = self.percent
            aggregate.report_versions.append(self.originator_version)

    class DeadlineChanged(LedgerAggregate.Event):
        due_date: date
        previous_due_date: date

        def apply(self, aggregate: Task) -> None:
            aggregate.due_date = self.due_date

    class TaskReassigned(LedgerAggregate.Event):
        lead_unit_id: UUID
        coordinating_unit_ids: list[str]

        def apply(self, aggregate: Task) -> None:
            aggregate.lead_unit_id = self.lead_unit_id
            aggregate.coordinating_unit_ids = [UUID(u) for u in self.coordinating_unit_ids]

    class TaskCompleted(LedgerAggregate.Event):
        def apply(self, aggregate: Task) -> None:
            aggregate.status = "completed"

    class TaskCancelled(LedgerAggregate.Event):
        def apply(self, aggregate: Task) -> None:
            aggregate.status = "cancelled"

    @classmethod
    def assign(
        cls,
        stamp: Stamp,
        *,
        title: str,
        description: str,
        area: Mapping[str, Any],
        phase: Mapping[str, Any],
        lead: Unit,
        coordinating: Sequence[Unit],
        due_date: date,
    ) -> Task:
        """`area` and `phase` are the program's catalog items, already found by their codes."""
        title = clean_text("title", title, max_length=MAX_NAME)
        description = clean_text("description", description, required=False)
        check_in_period("dueDate", due_date)
        lead.require_active()
        return cls._create(
            cls.TaskAssigned,
            id=new_id(),
            stamp=stamp,
            title=title,
            description=description,
            area=str(area["code"]),
            phase=str(phase["code"]),
            lead_unit_id=lead.id,
            coordinating_unit_ids=_coordinating(lead, coordinating),
            due_date=due_date,
        )

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def unit_ids(self) -> tuple[UUID, ...]:
        """The lead first, then the coordinating units: everyone who may report on the task."""
        return (self.lead_unit_id, *self.coordinating_unit_ids)

    def require_open(self) -> None:
        if self.status == "completed":
            raise TaskAlreadyCompleted(f"task '{self.title}' is already completed")
        if self.status == "cancelled":
            raise TaskAlreadyCancelled(f"task '{self.title}' is already cancelled")

    def report_progress(
        self, stamp: Stamp, *, percent: int, summary: str, evidence: Sequence[str]
    ) -> None:
        self.require_open()
        if not 0 <= percent <= 100:
            raise PercentOutOfRange(f"percent must be between 0 and 100, not {percent}")
        self._trigger(
            self.ProgressReported,
            stamp,
            percent=percent,
            summary=clean_text("summary", summary),
            evidence=clean_list("evidence", list(evidence)),
        )

    def change_deadline(self, stamp: Stamp, due_date: date) -> None:
        self.require_open()
        check_in_period("dueDate", due_date)
        if due_date == self.due_date:
            raise DeadlineUnchanged(f"task '{self.title}' is already due on {due_date.isoformat()}")
        self._trigger(
            self.DeadlineChanged, stamp, due_date=due_date, previous_due_date=self.due_date
        )

    def reassign(self, stamp: Stamp, lead: Unit, coordinating: Sequence[Unit] | None) -> None:
        """Without new coordinating units the current ones stay, less the new lead if among them."""
        self.require_open()
        if lead.id == self.lead_unit_id:
            raise LeadUnchanged(f"unit '{lead.code}' already leads task '{self.title}'")
        lead.require_active()
        if coordinating is None:
            kept = [str(u) for u in self.coordinating_unit_ids if u != lead.id]
        else:
            kept = _coordinating(lead, coordinating)
        self._trigger(self.TaskReassigned, stamp, lead_unit_id=lead.id, coordinating_unit_ids=kept)

    def hand_over(self, stamp: Stamp, source: UUID, target: Unit) -> None:
        """A merged unit's place on the task passes to the unit it merged into."""
        self.require_open()
        if source not in self.unit_ids:
            raise TaskNotOfUnit(f"unit {source} neither leads nor coordinates '{self.title}'")
        target.require_active()
        lead = target.id if self.lead_unit_id == source else self.lead_unit_id
        replaced = [target.id if u == source else u for u in self.coordinating_unit_ids]
        kept = [str(u) for u in dict.fromkeys(replaced) if u != lead]
        self._trigger(self.TaskReassigned, stamp, lead_unit_id=lead, coordinating_unit_ids=kept)

    def complete(self, stamp: Stamp) -> None:
        self.require_open()
        self._trigger(self.TaskCompleted, stamp)

    def cancel(self, stamp: Stamp) -> None:
        self.require_open()
        self._trigger(self.TaskCancelled, stamp)
