from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.feedback import (
    feedback_by_reference,
    list_feedback,
    progress_reports,
    response_by_unit,
    waiting_feedback,
)
from projections.storage import Row, Sql
from schema.common import (
    AsOf,
    Connection,
    one,
    optional_id_text,
    page,
    parse_id,
    position_cursor,
    position_of,
    read,
)
from schema.context import Context
from schema.feedback.types import (
    Feedback,
    FeedbackFollowUp,
    FeedbackStatus,
    ProgressReport,
    UnitFeedbackResponse,
    WaitingFeedback,
    feedback_by_id,
)
from schema.models.types import today

_CURSOR = position_cursor("feedback", "submitted_position")


@strawberry.type
class FeedbackQueries:
    @strawberry.field(description="One feedback by id.")
    async def feedback(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Feedback | None:
        return await feedback_by_id(info, str(parse_id("id", id)), as_of=as_of)

    @strawberry.field(
        description="Follow feedback by its reference (e.g. GY-7K3M9-QX2TA): its status and "
        "answer, never who gave it."
    )
    async def feedback_by_reference(
        self, info: Info[Context, None], reference: str, as_of: AsOf | None = None
    ) -> FeedbackFollowUp | None:
        return await one(
            info, feedback_by_reference, FeedbackFollowUp.from_row, as_of=as_of, reference=reference
        )

    @strawberry.field(description="Feedback in the order it was submitted, by unit and status.")
    async def feedbacks(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        status: FeedbackStatus | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Feedback]:
        return await page(
            info,
            list_feedback,
            Feedback.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=optional_id_text("unitId", unit_id),
            status=status.value if status else None,
        )

    @strawberry.field(
        description="Per unit, on a date (default today): feedback received, answered, how "
        "fast, and what is waiting and for how long. Most waiting first."
    )
    async def feedback_response(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> list[UnitFeedbackResponse]:
        day = (on or today()).isoformat()

        def query(sql: Sql) -> tuple[list[Row], int | None]:
            at = position_of(sql, as_of) if as_of is not None else None
            return response_by_unit(sql, on=day, at=at), at

        rows, at = await read(info, query)
        return [UnitFeedbackResponse.from_row(r, at) for r in rows]

    @strawberry.field(
        description="Feedback waiting for an answer on a date (default today), longest first."
    )
    async def waiting_feedback(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> list[WaitingFeedback]:
        rows = await read(info, waiting_feedback, as_of=as_of, on=(on or today()).isoformat())
        return [
            WaitingFeedback(feedback=Feedback.from_row(r), waiting_days=r["waiting_days"])
            for r in rows
        ]

    @strawberry.field(description="A task's progress reports, with citizens' testimonies.")
    async def progress_reports(
        self, info: Info[Context, None], task_id: strawberry.ID, as_of: AsOf | None = None
    ) -> list[ProgressReport]:
        rows = await read(
            info, progress_reports, as_of=as_of, task_id=str(parse_id("taskId", task_id))
        )
        return [ProgressReport.from_row(r) for r in rows]
