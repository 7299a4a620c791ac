"""An indicator of one of the eight commune criteria (II.2): defined with a unit of measure, a
baseline and a target per year, then measured period by period with a value, a source and
evidence.

Values are decimals (a rate of 71,5%, a ratio of 0,82) kept exact: parsed with `Decimal` and
stored as plain decimal strings ("71.5"), never as binary floats, so that a target of 80 is met
by 80 and not missed by 79.99999999."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.base import (
    MAX_NAME,
    InvalidInput,
    LedgerAggregate,
    RuleBroken,
    Stamp,
    clean_list,
    clean_text,
    clean_year,
)

DIRECTIONS = ("increase", "decrease")  # whether a higher or a lower value is better
_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9-.]{0,63}$")
MAX_DIGITS, MAX_PLACES = 18, 6


class IndicatorCodeTaken(RuleBroken):
    pass


class NotACommuneCriterion(RuleBroken):
    pass


class TargetUnchanged(RuleBroken):
    pass


class PeriodAlreadyMeasured(RuleBroken):
    pass


def indicator_id_for(code: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"socai:indicator:{code}")


def clean_decimal(field: str, value: str) -> str:
    """A decimal as a plain string without exponent or trailing zeros: "71.50" → "71.5"."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput(field, "is not a number") from None
    if not number.is_finite():
        raise InvalidInput(field, "is not a number")
    _, digits, exponent = number.normalize().as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS or -exponent > MAX_PLACES:
        raise InvalidInput(
            field, f"keep to {MAX_DIGITS} digits, at most {MAX_PLACES} after the point"
        )
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def period_end(period: str) -> date:
    """The last day of a period: "2026" (a year), "2026-Q2" (a quarter), "2026-05" (a month)."""
    found = _PERIOD.match(period)
    if found is None:
        raise InvalidInput(
            "period", "write a year (2026), a quarter (2026-Q2) or a month (2026-05)"
        )
    year = int(found.group(1))
    if found.group(2):
        month = int(found.group(2)) * 3
    elif found.group(3):
        month = int(found.group(3))
    else:
        month = 12
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


class Indicator(LedgerAggregate):
    STREAM = "indicator"

    code: str
    criterion: str
    targets: dict[str, str]
    measured: list[str]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class IndicatorDefined(LedgerAggregate.Created):
        code: str
        criterion: str
        name_vi: str
        name_en: str
        unit_of_measure: str
        direction: str
        baseline: str
        baseline_year: int
        targets: dict[str, str]  # year → target value

        def apply(self, aggregate: Indicator) -> None:
            aggregate.code = self.code
            aggregate.criterion = self.criterion
            aggregate.targets = dict(self.targets)
            aggregate.measured = []

    class IndicatorTargetSet(LedgerAggregate.Event):
        year: int
        target: str

        def apply(self, aggregate: Indicator) -> None:
            aggregate.targets[str(self.year)] = self.target

    class IndicatorMeasured(LedgerAggregate.Event):
        period: str
        value: str
        source: str
        evidence: list[str]

        def apply(self, aggregate: Indicator) -> None:
            aggregate.measured.append(self.period)

    @classmethod
    def define(
        cls,
        stamp: Stamp,
        *,
        code: str,
        criterion: Mapping[str, Any],
        name_vi: str,
        name_en: str,
        unit_of_measure: str,
        direction: str,
        baseline: str,
        baseline_year: int,
        targets: Mapping[int, str],
    ) -> Indicator:
        """`criterion` is a criterion of the program in force, already looked up."""
        code = code.strip()
        if not _CODE.match(code):
            raise InvalidInput("code", "use lowercase letters, digits, hyphens and dots")
        if criterion["group"] != "commune":
            raise NotACommuneCriterion(f"'{criterion['code']}' is not one of the commune's")
        if direction not in DIRECTIONS:
            raise InvalidInput("direction", f"must be one of {', '.join(DIRECTIONS)}")
        if not targets:
            raise InvalidInput("targets", "give a target for at least one year")
        cleaned = {
            str(clean_year(year, "targets")): clean_decimal("targets", value)
            for year, value in sorted(targets.items())
        }
        return cls._create(
            cls.IndicatorDefined,
            id=indicator_id_for(code),
            stamp=stamp,
            code=code,
            criterion=str(criterion["code"]),
            name_vi=clean_text("nameVi", name_vi, max_length=MAX_NAME),
            name_en=clean_text("nameEn", name_en, required=False, max_length=MAX_NAME),
            unit_of_measure=clean_text("unitOfMeasure", unit_of_measure, max_length=50),
            direction=direction,
            baseline=clean_decimal("baseline", baseline),
            baseline_year=clean_year(baseline_year, "baselineYear"),
            targets=cleaned,
        )

    def set_target(self, stamp: Stamp, *, year: int, target: str) -> None:
        year, value = clean_year(year), clean_decimal("target", target)
        if self.targets.get(str(year)) == value:
            raise TargetUnchanged(f"the target for {year} is already {value}")
        self._trigger(self.IndicatorTargetSet, stamp, year=year, target=value)

    def measure(
        self, stamp: Stamp, *, period: str, value: str, source: str, evidence: Sequence[str]
    ) -> None:
        """A second measurement of a period replaces the first, and must say why."""
        period = period.strip()
        clean_year(period_end(period).year, "period")
        if period in self.measured and not stamp.reason:
            raise PeriodAlreadyMeasured(
                f"{self.code} was measured for {period}; give a reason to correct it"
            )
        self._trigger(
            self.IndicatorMeasured,
            stamp,
            period=period,
            value=clean_decimal("value", value),
            source=clean_text("source", source, max_length=MAX_NAME),
            evidence=clean_list("evidence", list(evidence)),
        )
