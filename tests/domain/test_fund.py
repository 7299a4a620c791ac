from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.base import InvalidInput, Stamp
from domain.fund import (
    ExpenditureExceedsFunds,
    ExpenditureOutsideYear,
    Fund,
    fund_id_for,
)

STAMP = Stamp("office-1", "office", "", "c-1")


def opened() -> Fund:
    return Fund.open(STAMP, target_kind="model", target_id="culture-club", year=2026)


def test_a_fund_is_one_per_target_and_year() -> None:
    fund = opened()
    assert fund.id == fund_id_for("model", "culture-club", 2026)
    assert fund_id_for("model", "culture-club", 2027) != fund.id
    with pytest.raises(InvalidInput) as refused:
        Fund.open(STAMP, target_kind="model", target_id="x", year=2031)
    assert refused.value.field == "year"
    with pytest.raises(InvalidInput):
        Fund.open(STAMP, target_kind="village", target_id="x", year=2026)


@pytest.mark.parametrize("amount", [0, -5, 10**15 + 1, True])
def test_amounts_are_whole_positive_dong(amount: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        opened().allocate(STAMP, amount=amount, sector="Văn hóa", decision_ref="QĐ 1")
    assert refused.value.field == "amount"


def test_each_source_spends_only_what_it_received() -> None:
    fund = opened()
    fund.allocate(STAMP, amount=150_000_000, sector="Văn hóa", decision_ref="QĐ 12/QĐ-UBND")
    fund.receive(
        STAMP,
        amount=2_500_000_000,
        contributor_kind="business",
        contributor_name="Công ty May Nghi Dương",
    )
    assert fund.received == {"budget": 150_000_000, "socialized": 2_500_000_000}
    spend: dict[str, Any] = {
        "purpose": "Mua nhạc cụ",
        "spent_on": date(2026, 5, 2),
        "evidence": ["HĐ 5"],
    }
    with pytest.raises(ExpenditureExceedsFunds):
        fund.spend(STAMP, amount=150_000_001, source="budget", **spend)
    fund.spend(STAMP, amount=150_000_000, source="budget", **spend)
    fund.spend(STAMP, amount=1, source="socialized", **spend)
    assert (fund.balance("budget"), fund.balance("socialized")) == (0, 2_499_999_999)
    with pytest.raises(ExpenditureExceedsFunds):
        fund.spend(STAMP, amount=1, source="budget", **spend)
    with pytest.raises(ExpenditureOutsideYear):
        fund.spend(
            STAMP,
            amount=1,
            source="socialized",
            purpose="x",
            spent_on=date(2027, 1, 2),
            evidence=[],
        )
    with pytest.raises(InvalidInput):
        fund.receive(STAMP, amount=1, contributor_kind="state", contributor_name="x")
