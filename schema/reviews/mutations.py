from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.base import DomainError
from domain.ledger import Done, Request
from projections.reviews import get_review
from projections.storage import Sql
from schema.common import failure_of, position_of, read, run_command
from schema.context import Context
from schema.reviews.inputs import HoldReviewInput
from schema.reviews.types import Review, ReviewHeld, ReviewResult


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(
        description="Record a review held, covering the log up to a moment, with the figures "
        "the views showed there. Office only."
    )
    async def hold_review(self, info: Info[Context, None], input: HoldReviewInput) -> ReviewResult:
        ledger = info.context.ledger
        covers = input.covers
        try:
            position = await read(info, lambda sql: position_of(sql, covers)) if covers else None
        except DomainError as error:
            return failure_of(error)

        def command(request: Request) -> Done:
            return ledger.hold_review(
                request,
                kind=input.kind.value,
                year=input.year,
                title=input.title,
                held_on=input.held_on,
                conclusions=input.conclusions,
                covers_position=position,
            )

        async def success(done: Done) -> ReviewHeld:
            def held(sql: Sql) -> Review:
                row = get_review(sql, str(done.id))
                assert row is not None, "read-your-writes: the view holds what was just recorded"
                return Review.from_row(row)

            return ReviewHeld(review=await read(info, held), position=done.position)

        return await run_command(info, input, command, success)
