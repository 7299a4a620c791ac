from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.indicators import get_indicator, list_indicators, scorecard
from schema.common import AsOf, one, parse_id, read
from schema.context import Context
from schema.indicators.types import CriterionScorecard, Indicator


@strawberry.type
class IndicatorQueries:
    @strawberry.field(description="One indicator by id.")
    async def indicator(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Indicator | None:
        return await one(
            info,
            get_indicator,
            Indicator.from_row,
            as_of=as_of,
            indicator_id=str(parse_id("id", id)),
        )

    @strawberry.field(description="Indicators, by commune criterion.")
    async def indicators(
        self, info: Info[Context, None], criterion: str | None = None, as_of: AsOf | None = None
    ) -> list[Indicator]:
        rows = await read(info, list_indicators, as_of=as_of, criterion=criterion)
        return [Indicator.from_row(r) for r in rows]

    @strawberry.field(
        description="The scorecard of a year: each commune criterion with its indicators "
        "against their targets."
    )
    async def scorecard(
        self, info: Info[Context, None], year: int, as_of: AsOf | None = None
    ) -> list[CriterionScorecard]:
        rows = await read(info, scorecard, as_of=as_of, year=year)
        return [CriterionScorecard.from_row(r) for r in rows]
