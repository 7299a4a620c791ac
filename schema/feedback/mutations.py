from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.feedback import TESTIMONIES, get_feedback
from projections.read import doc
from projections.storage import Row, Sql
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context
from schema.feedback.inputs import (
    AcknowledgeFeedbackInput,
    AnswerFeedbackInput,
    CloseFeedbackInput,
    GiveTestimonyInput,
    SubmitFeedbackInput,
)
from schema.feedback.types import (
    Feedback,
    FeedbackChanged,
    FeedbackResult,
    Testimony,
    TestimonyRecorded,
    TestimonyResult,
)

_changed = reread(
    get_feedback,
    "feedback_id",
    lambda row, position: FeedbackChanged(feedback=Feedback.from_row(row), position=position),
)


def _testimony(sql: Sql, testimony_id: str) -> Row | None:
    return doc(sql, TESTIMONIES, testimony_id)


_testified = reread(
    _testimony,
    "testimony_id",
    lambda row, position: TestimonyRecorded(testimony=Testimony.from_row(row), position=position),
)


@strawberry.type
class FeedbackMutations:
    @strawberry.mutation(
        description="Give an opinion about a unit. Anyone may, without credentials; keep the "
        "`reference` returned to follow the answer with `feedbackByReference`."
    )
    async def submit_feedback(
        self, info: Info[Context, None], input: SubmitFeedbackInput
    ) -> FeedbackResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.submit_feedback(
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
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Acknowledge receipt. The office, or a reporter of the unit it is about."
    )
    async def acknowledge_feedback(
        self, info: Info[Context, None], input: AcknowledgeFeedbackInput
    ) -> FeedbackResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.acknowledge_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), note=input.note
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Answer acknowledged feedback. A reporter of the unit it is about, or the "
        "office."
    )
    async def answer_feedback(
        self, info: Info[Context, None], input: AnswerFeedbackInput
    ) -> FeedbackResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.answer_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), answer=input.answer
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Close feedback; unanswered feedback needs a `reason`. Office only."
    )
    async def close_feedback(
        self, info: Info[Context, None], input: CloseFeedbackInput
    ) -> FeedbackResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.close_feedback(
                request, feedback_id=parse_id("feedbackId", input.feedback_id), note=input.note
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Confirm or dispute a task's progress report. Anyone may, without credentials."
    )
    async def give_testimony(
        self, info: Info[Context, None], input: GiveTestimonyInput
    ) -> TestimonyResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.give_testimony(
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
            ),
            _testified,
        )
