from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.base import InvalidInput, Stamp
from domain.indicator import (
    Indicator,
    NotACommuneCriterion,
    PeriodAlreadyMeasured,
    TargetUnchanged,
    clean_decimal,
    period_end,
)
from domain.program import Program

STAMP = Stamp("office-1", "office", "", "c-1")
PROGRAM = Program.adopt(Stamp("socai", "system", "", "init"))


def defined(**given: Any) -> Indicator:
    fields: dict[str, Any] = {
        "code": "ho-so-truc-tuyen",
        "criterion": PROGRAM.item("criterion", "commune-5"),
        "name_vi": "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "name_en": "",
        "unit_of_measure": "%",
        "direction": "increase",
        "baseline": "28",
        "baseline_year": 2025,
        "targets": {2026: "80", 2027: "85.50"},
        **given,
    }
    return Indicator.define(STAMP, **fields)


@pytest.mark.parametrize(
    ("given", "kept"),
    [("71.50", "71.5"), ("1E+2", "100"), ("-0.0", "0"), ("0.000001", "0.000001"), ("3", "3")],
)
def test_values_are_exact_decimal_strings(given: str, kept: str) -> None:
    assert clean_decimal("value", given) == kept


@pytest.mark.parametrize("given", ["abc", "NaN", "Infinity", "0.0000001", "1" * 19, "71,5"])
def test_what_is_not_an_exact_decimal_is_refused(given: str) -> None:
    with pytest.raises(InvalidInput):
        clean_decimal("value", given)


def test_periods_are_years_quarters_or_months() -> None:
    assert period_end("2026") == date(2026, 12, 31)
    assert period_end("2026-Q1") == date(2026, 3, 31)
    assert period_end("2028-02") == date(2028, 2, 29)
    for bad in ("2026-Q5", "2026-13", "26", "2026/05"):
        with pytest.raises(InvalidInput):
            period_end(bad)


def test_an_indicator_belongs_to_a_commune_criterion_and_has_targets() -> None:
    indicator = defined()
    assert indicator.targets == {"2026": "80", "2027": "85.5"}
    with pytest.raises(NotACommuneCriterion):
        defined(criterion=PROGRAM.item("criterion", "person-1"))
    with pytest.raises(InvalidInput):
        defined(targets={})
    with pytest.raises(InvalidInput) as refused:
        defined(targets={2031: "90"})
    assert refused.value.field == "targets"
    indicator.set_target(STAMP, year=2026, target="82")
    with pytest.raises(TargetUnchanged):
        indicator.set_target(STAMP, year=2026, target="82.0")


def test_a_period_measured_again_needs_a_reason() -> None:
    indicator = defined()
    indicator.measure(STAMP, period="2026-Q2", value="52", source="Cổng DVC", evidence=[])
    with pytest.raises(PeriodAlreadyMeasured):
        indicator.measure(STAMP, period="2026-Q2", value="53", source="Cổng DVC", evidence=[])
    corrected = Stamp("office-1", "office", "Số liệu chốt lại", "c-2")
    indicator.measure(corrected, period="2026-Q2", value="53", source="Cổng DVC", evidence=[])
    with pytest.raises(InvalidInput):
        indicator.measure(STAMP, period="2031", value="1", source="x", evidence=[])
