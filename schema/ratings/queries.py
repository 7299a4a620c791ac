from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.ratings import get_rating, list_ratings, rating_tally
from schema.common import AsOf, one, parse_id, read
from schema.context import Context
from schema.ratings.types import Rating, RatingCount, RatingLevel, RatingSubject


@strawberry.type
class RatingQueries:
    @strawberry.field(description="One rating by id.")
    async def rating(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Rating | None:
        return await one(
            info, get_rating, Rating.from_row, as_of=as_of, rating_id=str(parse_id("id", id))
        )

    @strawberry.field(
        description="Ratings by year, unit, subject and level. A member's level is sealed: "
        "`level` selects organizations' ratings only."
    )
    async def ratings(
        self,
        info: Info[Context, None],
        year: int | None = None,
        unit_id: strawberry.ID | None = None,
        subject_kind: RatingSubject | None = None,
        level: RatingLevel | None = None,
        as_of: AsOf | None = None,
    ) -> list[Rating]:
        rows = await read(
            info,
            list_ratings,
            as_of=as_of,
            year=year,
            unit_id=str(parse_id("unitId", unit_id)) if unit_id is not None else None,
            subject_kind=subject_kind.value if subject_kind else None,
            level=level.value if level else None,
        )
        return [Rating.from_row(r) for r in rows]

    @strawberry.field(
        description="The person criteria's scorecard for a year: how many organizations and "
        "members were rated at each level. Members' levels are personal data: counted only for "
        "the roles that may read them (each read is recorded), and never once erased."
    )
    async def rating_tally(
        self, info: Info[Context, None], year: int, as_of: AsOf | None = None
    ) -> list[RatingCount]:
        ratings = [
            Rating.from_row(r) for r in await read(info, list_ratings, as_of=as_of, year=year)
        ]
        levels = [(r.subject_kind.value, await r.level(info)) for r in ratings]
        rows = rating_tally(
            [{"subject_kind": s, "level": level.value} for s, level in levels if level]
        )
        return [
            RatingCount(
                subject_kind=RatingSubject(r["subject_kind"]),
                level=RatingLevel(r["level"]),
                count=r["count"],
            )
            for r in rows
        ]
