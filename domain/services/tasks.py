from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from domain.authority import authorize
from domain.base import LedgerAggregate, Stamp
from domain.ledger import Done, Request
from domain.services.program import ProgramService
from domain.services.units import UnitService
from domain.task import Task
from projections.tasks import tasks_of_unit


class TaskService(ProgramService, UnitService):
    def task(self, task_id: UUID) -> Task:
        return self.load(Task, task_id, "task")

    def assign_task(
        self,
        request: Request,
        *,
        title: str,
        description: str,
        area: str,
        phase: str,
        lead_unit_id: UUID,
        coordinating_unit_ids: Sequence[UUID],
        due_date: date,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            program = self.program()
            task = Task.assign(
                stamp,
                title=title,
                description=description,
                area=program.item("task_area", area),
                phase=program.item("phase", phase),
                lead=self.unit(lead_unit_id),
                coordinating=[self.unit(u) for u in coordinating_unit_ids],
                due_date=due_date,
            )
            return task.id, [task]

        payload = {
            "title": title,
            "description": description,
            "area": area,
            "phase": phase,
            "lead_unit_id": lead_unit_id,
            "coordinating_unit_ids": list(coordinating_unit_ids),
            "due_date": due_date,
        }
        return self.execute(request, "assign_task", payload, work)

    def report_progress(
        self,
        request: Request,
        *,
        task_id: UUID,
        percent: int,
        summary: str,
        evidence: Sequence[str],
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            task = self.task(task_id)
            authorize(request.actor, "report_progress", task.unit_ids)
            task.report_progress(stamp, percent=percent, summary=summary, evidence=evidence)
            return task.id, [task]

        payload = {
            "task_id": task_id,
            "percent": percent,
            "summary": summary,
            "evidence": list(evidence),
        }
        return self.execute(request, "report_progress", payload, work)

    def change_deadline(self, request: Request, *, task_id: UUID, due_date: date) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            task = self.task(task_id)
            task.change_deadline(stamp, due_date)
            return task.id, [task]

        payload = {"task_id": task_id, "due_date": due_date}
        return self.execute(request, "change_deadline", payload, work)

    def reassign_task(
        self,
        request: Request,
        *,
        task_id: UUID,
        lead_unit_id: UUID,
        coordinating_unit_ids: Sequence[UUID] | None = None,
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            task = self.task(task_id)
            coordinating = (
                None
                if coordinating_unit_ids is None
                else [self.unit(u) for u in coordinating_unit_ids]
            )
            task.reassign(stamp, self.unit(lead_unit_id), coordinating)
            return task.id, [task]

        payload = {
            "task_id": task_id,
            "lead_unit_id": lead_unit_id,
            "coordinating_unit_ids": (
                None if coordinating_unit_ids is None else list(coordinating_unit_ids)
            ),
        }
        return self.execute(request, "reassign_task", payload, work)

    def complete_task(self, request: Request, *, task_id: UUID) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            task = self.task(task_id)
            task.complete(stamp)
            return task.id, [task]

        return self.execute(request, "complete_task", {"task_id": task_id}, work)

    def cancel_task(self, request: Request, *, task_id: UUID) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Task]]:
            task = self.task(task_id)
            task.cancel(stamp)
            return task.id, [task]

        return self.execute(request, "cancel_task", {"task_id": task_id}, work)

    def transfer_open_work(self, stamp: Stamp, source: UUID, target: UUID) -> list[LedgerAggregate]:
        """Open tasks the merged unit leads or coordinates pass to the unit it merged into."""
        handed = super().transfer_open_work(stamp, source, target)
        with self.reading() as sql:
            rows = tasks_of_unit(sql, str(source))
        open_ids = [UUID(row["id"]) for row in rows if row["status"] == "open"]
        if not open_ids:
            return handed
        receiver = self.unit(target)
        for task_id in open_ids:
            task = self.task(task_id)
            # The view is read outside the write; the aggregate has the last word.
            if task.is_open and source in task.unit_ids:
                task.hand_over(stamp, source, receiver)
                handed.append(task)
        return handed
