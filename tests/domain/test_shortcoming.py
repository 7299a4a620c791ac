from __future__ import annotations

from datetime import date

import pytest

from domain.base import DateOutsideProgram, InvalidInput, Stamp
from domain.shortcoming import (
    RemediationUnchanged,
    Shortcoming,
    ShortcomingNotOpen,
    TransferToSameUnit,
)
from domain.unit import Unit, UnitNotActive

STAMP = Stamp("inspector-1", "inspector", "inspection 3/2026", "c-1")
DUE = date(2026, 9, 30)


def village(code: str = "thon-1") -> Unit:
    return Unit.register(STAMP, code=code, kind="village", name=f"Thôn {code}", parent=None)


def flagged(unit: Unit | None = None, **extra: str) -> Shortcoming:
    fields = {"severity": "moderate", "finding": "Sổ sách chi bộ chưa đầy đủ", **extra}
    return Shortcoming.flag(STAMP, unit=unit or village(), **fields)


def test_flagging_records_one_event_with_clean_text() -> None:
    unit = village()
    shortcoming = flagged(
        unit, finding="  Tho\u0302n chưa họp  ", source=" KT-03/2026 ", flagged_by="   "
    )
    events = shortcoming.collect_events()
    assert [type(e).__name__ for e in events] == ["ShortcomingFlagged"]
    assert shortcoming.unit_id == unit.id
    assert shortcoming.finding == "Thôn chưa họp"
    assert (shortcoming.source, shortcoming.flagged_by) == ("KT-03/2026", None)
    assert (shortcoming.status, shortcoming.severity) == ("open", "moderate")


@pytest.mark.parametrize(
    ("severity", "finding", "field"),
    [("grave", "x", "severity"), ("minor", "   ", "finding"), ("minor", "x" * 4001, "finding")],
)
def test_bad_flagging_input_is_refused(severity: str, finding: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Shortcoming.flag(STAMP, unit=village(), severity=severity, finding=finding)
    assert refused.value.field == field


def test_a_shortcoming_of_an_inactive_unit_is_refused() -> None:
    unit = village()
    unit.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        flagged(unit)


def test_remediation_can_be_replanned_while_open() -> None:
    shortcoming = flagged()
    shortcoming.plan_remediation(STAMP, plan="Bổ sung sổ sách", due_on=DUE, responsible="Bí thư")
    shortcoming.plan_remediation(STAMP, plan="Bổ sung sổ sách", due_on=date(2026, 12, 31))
    assert shortcoming.remediation_due == date(2026, 12, 31)
    assert shortcoming.remediation_responsible is None
    with pytest.raises(RemediationUnchanged):
        shortcoming.plan_remediation(STAMP, plan=" Bổ sung sổ sách ", due_on=date(2026, 12, 31))
    names = [type(e).__name__ for e in shortcoming.collect_events()]
    assert names == ["ShortcomingFlagged", "RemediationPlanned", "RemediationPlanned"]


@pytest.mark.parametrize("due", [date(2024, 12, 31), date(2031, 1, 1)])
def test_a_remediation_due_outside_the_program_is_refused(due: date) -> None:
    with pytest.raises(DateOutsideProgram):
        flagged().plan_remediation(STAMP, plan="Khắc phục", due_on=due)


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(InvalidInput):
        flagged().plan_remediation(STAMP, plan=" ", due_on=DUE)


def test_resolving_closes_the_shortcoming_and_keeps_the_evidence() -> None:
    shortcoming = flagged()
    shortcoming.resolve(STAMP, resolution="Đã bổ sung", evidence=[" BB-12 ", "QĐ-7"])
    assert shortcoming.status == "resolved"
    assert (shortcoming.resolution, shortcoming.evidence) == ("Đã bổ sung", ["BB-12", "QĐ-7"])


def test_a_resolved_shortcoming_cannot_be_resolved_planned_or_transferred() -> None:
    shortcoming = flagged()
    shortcoming.resolve(STAMP, resolution="Đã bổ sung", evidence=[])
    with pytest.raises(ShortcomingNotOpen, match="no resolving a shortcoming that is not open"):
        shortcoming.resolve(STAMP, resolution="Lại", evidence=[])
    with pytest.raises(ShortcomingNotOpen):
        shortcoming.plan_remediation(STAMP, plan="Khắc phục", due_on=DUE)
    with pytest.raises(ShortcomingNotOpen):
        shortcoming.transfer(STAMP, village("thon-2").id)
    assert len(shortcoming.collect_events()) == 2


def test_bad_resolution_input_is_refused() -> None:
    with pytest.raises(InvalidInput):
        flagged().resolve(STAMP, resolution="  ", evidence=[])
    with pytest.raises(InvalidInput):
        flagged().resolve(STAMP, resolution="Xong", evidence=["x"] * 51)


def test_transfer_moves_an_open_shortcoming_to_another_unit() -> None:
    one, two = village("thon-1"), village("thon-2")
    shortcoming = flagged(one)
    with pytest.raises(TransferToSameUnit):
        shortcoming.transfer(STAMP, one.id)
    shortcoming.transfer(STAMP, two.id)
    assert (shortcoming.unit_id, shortcoming.transferred_from) == (two.id, one.id)
    assert shortcoming.is_open
