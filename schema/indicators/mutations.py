from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.indicators import get_indicator
from schema.common import parse_id, read, run_command
from schema.context import Context
from schema.indicators.inputs import (
    DefineIndicatorInput,
    MeasureIndicatorInput,
    SetIndicatorTargetInput,
)
from schema.indicators.types import Indicator, IndicatorChanged, IndicatorResult


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[IndicatorChanged]]:
    async def success(done: Done) -> IndicatorChanged:
        row = await read(info, get_indicator, indicator_id=str(done.id))
        assert row is not None, "read-your-writes: the view holds what was just recorded"
        return IndicatorChanged(indicator=Indicator.from_row(row), position=done.position)

    return success


@strawberry.type
class IndicatorMutations:
    @strawberry.mutation(
        description="Define an indicator of a commune criterion: unit, baseline, yearly "
        "targets. Office only."
    )
    async def define_indicator(
        self, info: Info[Context, None], input: DefineIndicatorInput
    ) -> IndicatorResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.define_indicator(
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
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Set or revise an indicator's target for a year.")
    async def set_indicator_target(
        self, info: Info[Context, None], input: SetIndicatorTargetInput
    ) -> IndicatorResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.set_indicator_target(
                request,
                indicator_id=parse_id("indicatorId", input.indicator_id),
                year=input.year,
                target=str(input.target),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Record a measured value for a period; measuring a period again corrects "
        "it and needs a reason. Office only."
    )
    async def measure_indicator(
        self, info: Info[Context, None], input: MeasureIndicatorInput
    ) -> IndicatorResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.measure_indicator(
                request,
                indicator_id=parse_id("indicatorId", input.indicator_id),
                period=input.period,
                value=str(input.value),
                source=input.source,
                evidence=input.evidence,
            )

        return await run_command(info, input, command, _changed(info))
