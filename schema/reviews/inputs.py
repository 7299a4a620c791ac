from __future__ import annotations

import datetime

import strawberry

from schema.common import AsOf, CommandInput
from schema.reviews.types import ReviewKind


@strawberry.input
class HoldReviewInput(CommandInput):
    kind: ReviewKind
    year: int = strawberry.field(description="The year reviewed.")
    title: str
    held_on: datetime.date
    conclusions: str
    covers: AsOf | None = strawberry.field(
        default=None, description="The moment the review covers up to; the whole log if absent."
    )
