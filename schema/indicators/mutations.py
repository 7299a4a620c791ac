from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.indicators import get_indicator
from schema.common import mutate, parse_id, reread
from schema.context import Context
from schema.indicators.inputs import (
    DefineIndicatorInput,
    MeasureIndicatorInput,
    SetIndicatorTargetInput,
)
from schema.indicators.types import Indicator, IndicatorChanged, IndicatorResult

_changed = reread(
    get_indicator,
    "indicator_id",
    lambda row, position: IndicatorChanged(indicator=Indicator.from_row(row), position=position),
)


@strawberry.type
class IndicatorMutations:
    @strawberry.mutation(
        description="Define an indicator of a commune criterion: unit, baseline, yearly "
        "targets. Office only."
    )
    async def define_indicator(
        self, info: Info[Context, None], input: DefineIndicatorInput
    ) -> IndicatorResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.define_indicator(
                request,
                code=input.code,
                criterion=input.criterion,
                name_vi=input.name_vi,
                name_en=input.name_en,
                unit_of_measure=input.unit_of_measure,
                direction=input.direction.value,
                baseline=str(input.baseline),
                baseline_year=input.baseline_year,
                targets={t.year: str(t.target) for t in input.targets},
            ),
            _changed,
        )

    @strawberry.mutation(description="Set or revise an indicator's target for a year.")
    async def set_indicator_target(
        self, info: Info[Context, None], input: SetIndicatorTargetInput
    ) -> IndicatorResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.set_indicator_target(
                request,
                indicator_id=parse_id("indicatorId", input.indicator_id),
                year=input.year,
                target=str(input.target),
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Record a measured value for a period; measuring a period again corrects "
        "it and needs a reason. Office only."
    )
    async def measure_indicator(
        self, info: Info[Context, None], input: MeasureIndicatorInput
    ) -> IndicatorResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.measure_indicator(
                request,
                indicator_id=parse_id("indicatorId", input.indicator_id),
                period=input.period,
                value=str(input.value),
                source=input.source,
                evidence=input.evidence,
            ),
            _changed,
        )
