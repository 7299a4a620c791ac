"""A citizen's testimony on a progress report: the report is confirmed or disputed by someone
who saw the work (III.1: the people supervise). The testimony points at the report by the task
and the task's version that recorded it."""

from __future__ import annotations

from uuid import UUID

from domain.base import InvalidInput, LedgerAggregate, RuleBroken, Stamp, clean_text, new_id
from domain.feedback import sealed_submitter
from domain.personal import Seal, Sealed
from domain.task import Task

STANCES = ("confirm", "dispute")


class UnknownProgressReport(RuleBroken):
    pass


class Testimony(LedgerAggregate):
    STREAM = "testimony"

    task_id: UUID
    report_version: int
    stance: str

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class TestimonyGiven(LedgerAggregate.Created):
        class_version = 2
        task_id: UUID
        report_version: int
        stance: str
        text: str
        # Version 1 held who testified and how to reach them in plaintext; since version 2
        # these are None and the sealed fields hold them (both optional).
        submitter_name: str | None
        submitter_contact: str | None
        sealed_name: Sealed | None
        sealed_contact: Sealed | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["sealed_name"] = None
            state["sealed_contact"] = None

        def apply(self, aggregate: Testimony) -> None:
            aggregate.task_id = self.task_id
            aggregate.report_version = self.report_version
            aggregate.stance = self.stance

    @classmethod
    def give(
        cls,
        stamp: Stamp,
        *,
        task: Task,
        report_version: int,
        stance: str,
        text: str,
        submitter_name: str | None,
        submitter_contact: str | None,
        seal: Seal | None = None,
    ) -> Testimony:
        if stance not in STANCES:
            raise InvalidInput("stance", f"must be one of {', '.join(STANCES)}")
        if report_version not in task.report_versions:
            raise UnknownProgressReport(
                f"task '{task.title}' has no progress report at version {report_version}"
            )
        return cls._create(
            cls.TestimonyGiven,
            id=new_id(),
            stamp=stamp,
            task_id=task.id,
            report_version=report_version,
            stance=stance,
            text=clean_text("text", text, required=stance == "dispute"),
            submitter_name=None,
            submitter_contact=None,
            **sealed_submitter(seal, submitter_name, submitter_contact),
        )
