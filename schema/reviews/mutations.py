from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.base import DomainError
from projections.reviews import get_review
from schema.common import failure_of, mutate, position_of, read, reread
from schema.context import Context
from schema.reviews.inputs import HoldReviewInput
from schema.reviews.types import Review, ReviewHeld, ReviewResult

_held = reread(
    get_review,
    "review_id",
    lambda row, position: ReviewHeld(review=Review.from_row(row), position=position),
)


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(
        description="Record a review held, covering the log up to a moment, with the figures "
        "the views showed there. Office only."
    )
    async def hold_review(self, info: Info[Context, None], input: HoldReviewInput) -> ReviewResult:
        covers = input.covers
        try:
            position = await read(info, lambda sql: position_of(sql, covers)) if covers else None
        except DomainError as error:
            return failure_of(error)

        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.hold_review(
                request,
                kind=input.kind.value,
                year=input.year,
                title=input.title,
                held_on=input.held_on,
                conclusions=input.conclusions,
                covers_position=position,
            ),
            _held,
        )
