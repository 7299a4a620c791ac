from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.resources import get_fund, list_funds, money_by_source
from schema.common import AsOf, one, parse_id, read
from schema.context import Context
from schema.resources.types import Fund, FundTargetKind, SourceTotal


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@strawberry.type
class ResourceQueries:
    @strawberry.field(description="One fund (a target's money in a year) by id.")
    async def fund(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Fund | None:
        return await one(
            info, get_fund, Fund.from_row, as_of=as_of, fund_id=str(parse_id("id", id))
        )

    @strawberry.field(
        description="Money per unit, task and model: each target's fund by year and source."
    )
    async def funds(
        self,
        info: Info[Context, None],
        year: int | None = None,
        target_kind: FundTargetKind | None = None,
        as_of: AsOf | None = None,
    ) -> list[Fund]:
        rows = await read(
            info,
            list_funds,
            as_of=as_of,
            year=year,
            target_kind=target_kind.value if target_kind else None,
        )
        return [Fund.from_row(r) for r in rows]

    @strawberry.field(
        description="Money per source: received and spent, for a year and/or between two "
        "dates (inclusive)."
    )
    async def money_by_source(
        self,
        info: Info[Context, None],
        year: int | None = None,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> list[SourceTotal]:
        rows = await read(
            info, money_by_source, as_of=as_of, year=year, since=_iso(since), until=_iso(until)
        )
        return [SourceTotal.from_row(r) for r in rows]
