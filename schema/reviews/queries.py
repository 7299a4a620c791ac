from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.program import program_items
from projections.reviews import get_review, list_reviews
from projections.storage import Row, Sql
from schema.common import AsOf, one, parse_id, read
from schema.context import Context
from schema.models.types import today
from schema.program.types import Phase
from schema.reviews.types import PhaseReviews, Review, ReviewComparison, ReviewKind


def _phases(sql: Sql, *, at: int | None = None) -> list[tuple[Row, list[Row]]]:
    return [
        (phase, list_reviews(sql, phase=phase["code"], at=at))
        for phase in program_items(sql, kind="phase", at=at)
    ]


@strawberry.type
class ReviewQueries:
    @strawberry.field(description="One review by id.")
    async def review(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Review | None:
        return await one(
            info, get_review, Review.from_row, as_of=as_of, review_id=str(parse_id("id", id))
        )

    @strawberry.field(description="Reviews held, in the order of the positions they cover.")
    async def reviews(
        self,
        info: Info[Context, None],
        phase: str | None = None,
        kind: ReviewKind | None = None,
        as_of: AsOf | None = None,
    ) -> list[Review]:
        rows = await read(
            info, list_reviews, as_of=as_of, phase=phase, kind=kind.value if kind else None
        )
        return [Review.from_row(r) for r in rows]

    @strawberry.field(description="The three phases, each with its focus and its reviews.")
    async def phases(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> list[PhaseReviews]:
        day = on or today()
        found = await read(info, _phases, as_of=as_of)
        result: list[PhaseReviews] = []
        for row, reviews in found:
            phase = Phase.from_row(row)
            result.append(
                PhaseReviews(
                    phase=phase,
                    current=phase.starts_on <= day <= phase.ends_on,
                    reviews=[Review.from_row(r) for r in reviews],
                )
            )
        return result

    @strawberry.field(description="What changed between two reviews: figures and events.")
    async def review_comparison(
        self,
        info: Info[Context, None],
        earlier_id: strawberry.ID,
        later_id: strawberry.ID,
        as_of: AsOf | None = None,
    ) -> ReviewComparison | None:
        first, second = str(parse_id("earlierId", earlier_id)), str(parse_id("laterId", later_id))
        if first == second:
            raise InvalidInput("laterId", "compare two different reviews")

        def query(sql: Sql, at: int | None = None) -> ReviewComparison | None:
            earlier, later = get_review(sql, first, at=at), get_review(sql, second, at=at)
            if earlier is None or later is None:
                return None
            if earlier["covers_position"] > later["covers_position"]:
                earlier, later = later, earlier
            return ReviewComparison.build(sql, earlier, later)

        return await read(info, query, as_of=as_of)
