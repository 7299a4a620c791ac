from __future__ import annotations

from uuid import UUID

from domain.authority import authorize
from domain.base import LedgerAggregate, Stamp
from domain.feedback import Feedback
from domain.ledger import Done, Request
from domain.personal import person_id_for
from domain.services.personal import PersonalDataService
from domain.services.tasks import TaskService
from domain.testimony import Testimony
from projections.feedback import open_feedback_of_unit


class FeedbackService(TaskService, PersonalDataService):
    def feedback(self, feedback_id: UUID) -> Feedback:
        return self.load(Feedback, feedback_id, "feedback")

    def submit_feedback(
        self,
        request: Request,
        *,
        channel: str,
        topic: str,
        text: str,
        unit_id: UUID,
        submitter_name: str | None = None,
        submitter_contact: str | None = None,
        submitter_person_id: UUID | None = None,
    ) -> Done:
        """The submitter's name and contact are sealed with their key: `submitter_person_id`,
        or one derived from the idempotency key."""
        person_id = submitter_person_id or person_id_for(request.idempotency_key)
        private = self._submitter(
            request, "submit_feedback", person_id, submitter_name, submitter_contact
        )

        def work(stamp: Stamp) -> tuple[UUID, list[Feedback]]:
            feedback = Feedback.submit(
                stamp,
                channel=channel,
                topic=topic,
                text=text,
                unit=self.unit(unit_id),
                submitter_name=submitter_name,
                submitter_contact=submitter_contact,
                seal=self.sealer(person_id),
            )
            return feedback.id, [feedback]

        payload = {
            "channel": channel,
            "topic": topic,
            "text": text,
            "unit_id": unit_id,
            **private,
            "submitter_person_id": submitter_person_id,
        }
        return self.execute(request, "submit_feedback", payload, work)

    def _submitter(
        self,
        request: Request,
        command: str,
        person_id: UUID,
        name: str | None,
        contact: str | None,
    ) -> dict[str, str | None]:
        if name is None and contact is None:
            return {"submitter_name": None, "submitter_contact": None}
        # The role first, so that no key is made for a caller who may not do this at all.
        authorize(request.actor, command)
        return self.fingerprints(person_id, submitter_name=name, submitter_contact=contact)

    def _handle(
        self, request: Request, command: str, feedback_id: UUID, act: str, text: str
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Feedback]]:
            feedback = self.feedback(feedback_id)
            authorize(request.actor, command, (feedback.unit_id,))
            if act == "acknowledge":
                feedback.acknowledge(stamp, note=text)
            elif act == "answer":
                feedback.answer(stamp, answer=text)
            else:
                feedback.close(stamp, note=text)
            return feedback.id, [feedback]

        return self.execute(request, command, {"feedback_id": feedback_id, act: text}, work)

    def acknowledge_feedback(self, request: Request, *, feedback_id: UUID, note: str = "") -> Done:
        return self._handle(request, "acknowledge_feedback", feedback_id, "acknowledge", note)

    def answer_feedback(self, request: Request, *, feedback_id: UUID, answer: str) -> Done:
        """The unit the feedback is about answers it: its reporter, or the office for it."""
        return self._handle(request, "answer_feedback", feedback_id, "answer", answer)

    def close_feedback(self, request: Request, *, feedback_id: UUID, note: str = "") -> Done:
        return self._handle(request, "close_feedback", feedback_id, "close", note)

    def give_testimony(
        self,
        request: Request,
        *,
        task_id: UUID,
        report_version: int,
        stance: str,
        text: str,
        submitter_name: str | None = None,
        submitter_contact: str | None = None,
        submitter_person_id: UUID | None = None,
    ) -> Done:
        person_id = submitter_person_id or person_id_for(request.idempotency_key)
        private = self._submitter(
            request, "give_testimony", person_id, submitter_name, submitter_contact
        )

        def work(stamp: Stamp) -> tuple[UUID, list[Testimony]]:
            testimony = Testimony.give(
                stamp,
                task=self.task(task_id),
                report_version=report_version,
                stance=stance,
                text=text,
                submitter_name=submitter_name,
                submitter_contact=submitter_contact,
                seal=self.sealer(person_id),
            )
            return testimony.id, [testimony]

        payload = {
            "task_id": task_id,
            "report_version": report_version,
            "stance": stance,
            "text": text,
            **private,
            "submitter_person_id": submitter_person_id,
        }
        return self.execute(request, "give_testimony", payload, work)

    def transfer_open_work(self, stamp: Stamp, source: UUID, target: UUID) -> list[LedgerAggregate]:
        """Open feedback about a merged unit passes to the unit it merged into."""
        with self.reading() as sql:
            rows = open_feedback_of_unit(sql, str(source))
        moved: list[LedgerAggregate] = []
        for row in rows:
            feedback = self.feedback(UUID(row["id"]))
            if feedback.is_open and feedback.unit_id == source:
                feedback.transfer(stamp, target)
                moved.append(feedback)
        return [*super().transfer_open_work(stamp, source, target), *moved]
