from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.feedback import TESTIMONIES
from projections.read import doc
from projections.storage import Row, Sql
from schema.common import parse_id, parse_optional_id, read, run_command
from schema.context import Context
from schema.feedback.inputs import (
    AcknowledgeFeedbackInput,
    AnswerFeedbackInput,
    CloseFeedbackInput,
    GiveTestimonyInput,
    SubmitFeedbackInput,
)
from schema.feedback.types import (
    FeedbackChanged,
    FeedbackResult,
    Testimony,
    TestimonyRecorded,
    TestimonyResult,
    feedback_by_id,
)


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[FeedbackChanged]]:
    async def success(done: Done) -> FeedbackChanged:
        feedback = await feedback_by_id(info, str(done.id))
        assert feedback is not None, "read-your-writes: the view holds what was just recorded"
        return FeedbackChanged(feedback=feedback, position=done.position)

    return success


def _testimony(sql: Sql, testimony_id: str) -> Row | None:
    return doc(sql, TESTIMONIES, testimony_id)


@strawberry.type
class FeedbackMutations:
    @strawberry.mutation(
        description="Give an opinion about a unit. Anyone may, without credentials; keep the "
        "`reference` returned to follow the answer with `feedbackByReference`."
    )
    async def submit_feedback(
        self, info: Info[Context, None], input: SubmitFeedbackInput
    ) -> FeedbackResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.submit_feedback(
                request,
                channel=input.channel.value,
                topic=input.topic,
                text=input.text,
                unit_id=parse_id("unitId", input.unit_id),
                submitter_name=input.submitter_name,
                submitter_contact=input.submitter_contact,
                submitter_person_id=parse_optional_id(
                    "submitterPersonId", input.submitter_person_id
                ),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Acknowledge receipt. The office, or a reporter of the unit it is about."
    )
    async def acknowledge_feedback(
        self, info: Info[Context, None], input: AcknowledgeFeedbackInput
    ) -> FeedbackResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.acknowledge_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), note=input.note
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Answer acknowledged feedback. A reporter of the unit it is about, or the "
        "office."
    )
    async def answer_feedback(
        self, info: Info[Context, None], input: AnswerFeedbackInput
    ) -> FeedbackResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.answer_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), answer=input.answer
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Close feedback; unanswered feedback needs a `reason`. Office only."
    )
    async def close_feedback(
        self, info: Info[Context, None], input: CloseFeedbackInput
    ) -> FeedbackResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.close_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), note=input.note
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Confirm or dispute a task's progress report. Anyone may, without credentials."
    )
    async def give_testimony(
        self, info: Info[Context, None], input: GiveTestimonyInput
    ) -> TestimonyResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.give_testimony(
                request,
                task_id=parse_id("taskId", input.task_id),
                report_version=input.report_version,
                stance=input.stance.value,
                text=input.text,
                submitter_name=input.submitter_name,
                submitter_contact=input.submitter_contact,
                submitter_person_id=parse_optional_id(
                    "submitterPersonId", input.submitter_person_id
                ),
            )

        async def success(done: Done) -> TestimonyRecorded:
            row = await read(info, _testimony, testimony_id=str(done.id))
            assert row is not None, "read-your-writes: the view holds what was just recorded"
            return TestimonyRecorded(testimony=Testimony.from_row(row), position=done.position)

        return await run_command(info, input, command, success)
