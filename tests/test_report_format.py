"""How the printed report writes dates, numbers, money and shares in Vietnamese."""

from __future__ import annotations

import datetime

import pytest

from reports.periodic import (
    BadParameter,
    parse_day,
    vn_average,
    vn_date,
    vn_dong,
    vn_number,
    vn_percent,
)


def test_vietnamese_formats() -> None:
    assert vn_date("2026-03-05") == "05/03/2026"
    assert vn_date(None) == "—"
    assert vn_number(1_250_000) == "1.250.000"
    assert vn_dong(1_250_000) == "1.250.000 đ"
    assert vn_dong(999_999_999_999_999) == "999.999.999.999.999 đ"
    assert vn_percent(2, 3) == "66,7%"
    assert vn_percent(1, 0) == "—"
    assert vn_average(7, 2) == "3,5"


def test_dates_are_read_as_dd_mm_yyyy_or_iso() -> None:
    assert parse_day("asOf", "31/12/2026") == datetime.date(2026, 12, 31)
    assert parse_day("asOf", "2026-12-31") == datetime.date(2026, 12, 31)
    assert parse_day("asOf", "") is None
    with pytest.raises(BadParameter, match="asOf"):
        parse_day("asOf", "31/13/2026")
