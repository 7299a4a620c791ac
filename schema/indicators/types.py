from __future__ import annotations

import datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated

import strawberry

from projections.storage import Row
from schema.common import FailureType, from_same_names
from schema.program.types import Criterion


@strawberry.enum(description="Whether a higher (increase) or a lower (decrease) value is better.")
class IndicatorDirection(Enum):
    INCREASE = "increase"
    DECREASE = "decrease"


@strawberry.enum
class ScoreStatus(Enum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_MEASURED = "not_measured"
    NO_TARGET = "no_target"


@strawberry.type
class YearTarget:
    year: int
    target: Decimal


@strawberry.type(description="A value measured for a period: a year, a quarter or a month.")
class Measurement:
    period: str
    value: Decimal
    source: str
    evidence: list[str]
    measured_on: datetime.date


@strawberry.type(description="An indicator of one of the eight commune criteria (II.2).")
class Indicator:
    id: strawberry.ID
    code: str
    criterion: str = strawberry.field(description="The commune criterion's code.")
    name_vi: str
    name_en: str
    unit_of_measure: str
    direction: IndicatorDirection
    baseline: Decimal
    baseline_year: int
    targets: list[YearTarget]
    measurements: list[Measurement]

    @classmethod
    def from_row(cls, row: Row) -> Indicator:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            direction=IndicatorDirection(row["direction"]),
            baseline=Decimal(row["baseline"]),
            targets=[
                YearTarget(year=int(year), target=Decimal(value))
                for year, value in sorted(row["targets"].items())
            ],
            measurements=[
                Measurement(
                    period=m["period"],
                    value=Decimal(m["value"]),
                    source=m["source"],
                    evidence=list(m["evidence"]),
                    measured_on=datetime.date.fromisoformat(m["measured_on"]),
                )
                for m in row["measurements"]
            ],
        )


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@strawberry.type(description="An indicator's standing in a year.")
class IndicatorScore:
    indicator: Indicator
    target: Decimal | None = strawberry.field(description="Its target for the year.")
    value: Decimal | None = strawberry.field(description="The latest value measured that year.")
    period: str | None
    status: ScoreStatus
    progress_percent: Decimal | None = strawberry.field(
        description="How far from the baseline towards the target, in percent."
    )

    @classmethod
    def from_row(cls, row: Row) -> IndicatorScore:
        return cls(
            indicator=Indicator.from_row(row["indicator"]),
            target=_decimal(row["target"]),
            value=_decimal(row["value"]),
            period=row["period"],
            status=ScoreStatus(row["status"]),
            progress_percent=_decimal(row["progress_percent"]),
        )


@strawberry.type(description="One commune criterion's indicators in a year.")
class CriterionScorecard:
    criterion: Criterion
    indicators: list[IndicatorScore]
    met: int
    measured: int

    @strawberry.field
    def total(self) -> int:
        return len(self.indicators)

    @classmethod
    def from_row(cls, row: Row) -> CriterionScorecard:
        return cls(
            criterion=Criterion.from_row(row["criterion"]),
            indicators=[IndicatorScore.from_row(s) for s in row["scores"]],
            met=row["met"],
            measured=row["measured"],
        )


@strawberry.type(description="The indicator as it stands after the command.")
class IndicatorChanged:
    indicator: Indicator
    position: int = strawberry.field(description="The log position of the last event recorded.")


IndicatorResult = Annotated[IndicatorChanged | FailureType, strawberry.union("IndicatorResult")]
