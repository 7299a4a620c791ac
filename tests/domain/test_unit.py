from __future__ import annotations

import pytest

from domain.base import InvalidInput, Stamp
from domain.unit import CannotMergeIntoItself, NameUnchanged, Unit, UnitNotActive, unit_id_for

STAMP = Stamp("office-1", "office", "", "c-1")


def village(code: str = "thon-1", name: str = "Thôn 1") -> Unit:
    return Unit.register(STAMP, code=code, kind="village", name=name, parent=None)


def test_registration_records_one_event_and_derives_the_id_from_the_code() -> None:
    unit = village()
    events = unit.collect_events()
    assert [type(e).__name__ for e in events] == ["UnitRegistered"]
    assert unit.id == unit_id_for("thon-1")
    assert (unit.kind, unit.name, unit.status) == ("village", "Thôn 1", "active")


def test_names_are_normalized_to_nfc() -> None:
    unit = village(name="Tho\u0302n 1")  # "Thôn" typed with a combining circumflex
    assert unit.name == "Thôn 1"


@pytest.mark.parametrize(
    ("code", "kind", "name"),
    [("Thon 1", "village", "x"), ("thon-1", "castle", "x"), ("thon-1", "village", "  ")],
)
def test_bad_registration_input_is_refused(code: str, kind: str, name: str) -> None:
    with pytest.raises(InvalidInput):
        Unit.register(STAMP, code=code, kind=kind, name=name, parent=None)


def test_a_unit_under_an_inactive_parent_is_refused() -> None:
    parent = village("thon-2")
    parent.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        Unit.register(STAMP, code="chi-bo-1", kind="party_cell", name="Chi bộ 1", parent=parent)


def test_rename_merge_dissolve_rules() -> None:
    unit, other = village(), village("thon-2", "Thôn 2")
    with pytest.raises(NameUnchanged):
        unit.rename(STAMP, "Thôn 1")
    with pytest.raises(CannotMergeIntoItself):
        unit.merge_into(STAMP, unit)
    unit.merge_into(STAMP, other)
    assert (unit.status, unit.merged_into) == ("merged", other.id)
    with pytest.raises(UnitNotActive):
        unit.rename(STAMP, "Thôn Một")
    with pytest.raises(UnitNotActive):
        other.merge_into(STAMP, unit)
