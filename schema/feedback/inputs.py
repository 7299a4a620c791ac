from __future__ import annotations

import strawberry

from schema.common import CommandInput
from schema.feedback.types import FeedbackChannel, TestimonyStance


@strawberry.input
class SubmitFeedbackInput(CommandInput):
    channel: FeedbackChannel
    topic: str
    text: str
    unit_id: strawberry.ID = strawberry.field(description="The unit the feedback is about.")
    submitter_name: str | None = strawberry.field(
        default=None, description="Optional; personal data, never shown to the public."
    )
    submitter_contact: str | None = strawberry.field(
        default=None, description="Optional phone or address; personal data."
    )
    submitter_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person's stable id, to seal with the same key as their earlier "
        "records; derived from the idempotency key when not given.",
    )


@strawberry.input
class AcknowledgeFeedbackInput(CommandInput):
    feedback_id: strawberry.ID
    note: str = ""


@strawberry.input
class AnswerFeedbackInput(CommandInput):
    feedback_id: strawberry.ID
    answer: str


@strawberry.input
class CloseFeedbackInput(CommandInput):
    feedback_id: strawberry.ID
    note: str = ""


@strawberry.input
class GiveTestimonyInput(CommandInput):
    task_id: strawberry.ID
    report_version: int = strawberry.field(description="The progress report's `version`.")
    stance: TestimonyStance
    text: str = strawberry.field(default="", description="Required for a dispute.")
    submitter_name: str | None = None
    submitter_contact: str | None = None
    submitter_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person's stable id, to seal with the same key as their earlier "
        "records; derived from the idempotency key when not given.",
    )
