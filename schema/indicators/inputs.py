from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.common import CommandInput
from schema.indicators.types import IndicatorDirection


@strawberry.input
class YearTargetInput:
    year: int
    target: Decimal


@strawberry.input
class DefineIndicatorInput(CommandInput):
    code: str = strawberry.field(description="e.g. 'ho-so-truc-tuyen'.")
    criterion: str = strawberry.field(description="A commune criterion in force, 'commune-1'…")
    name_vi: str
    name_en: str = ""
    unit_of_measure: str = strawberry.field(description="e.g. '%', 'hộ', 'triệu đồng/người'.")
    direction: IndicatorDirection = IndicatorDirection.INCREASE
    baseline: Decimal
    baseline_year: int
    targets: list[YearTargetInput]


@strawberry.input
class SetIndicatorTargetInput(CommandInput):
    indicator_id: strawberry.ID
    year: int
    target: Decimal


@strawberry.input
class MeasureIndicatorInput(CommandInput):
    indicator_id: strawberry.ID
    period: str = strawberry.field(description="A year (2026), quarter (2026-Q2) or month.")
    value: Decimal
    source: str = strawberry.field(description="Where the figure comes from.")
    evidence: list[str] = strawberry.field(default_factory=list)
