"""Shortcomings on a real store: read-your-writes, rules, reporter scope, mergers, time travel."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import Actor, NotAllowed, Role
from domain.base import DateOutsideProgram, NotFound
from domain.shortcoming import ShortcomingNotOpen
from domain.unit import UnitNotActive, unit_id_for
from projections.read import head_position
from projections.shortcomings import get_shortcoming, list_shortcomings, shortcomings_of_unit
from tests.conftest import INSPECTOR, OFFICE, request_as

REPORTER = Actor("reporter-thon-1", Role.REPORTER, unit_id_for("thon-1"))
DUE = date(2026, 10, 1)


def register(ledger: Ledger, code: str) -> UUID:
    ledger.register_unit(
        request_as(OFFICE), code=code, kind="village", name=f"Thôn {code}", parent_id=None
    )
    return unit_id_for(code)


def flag(ledger: Ledger, unit_id: UUID, severity: str = "moderate", key: str | None = None) -> UUID:
    done = ledger.flag_shortcoming(
        request_as(INSPECTOR, key),
        unit_id=unit_id,
        severity=severity,
        finding="Chưa sinh hoạt chi bộ định kỳ",
        source="KT-03/2026",
        flagged_by="Ủy ban Kiểm tra",
    )
    return done.id


def resolve(ledger: Ledger, shortcoming_id: UUID) -> None:
    ledger.resolve_shortcoming(
        request_as(INSPECTOR),
        shortcoming_id=shortcoming_id,
        resolution="Đã khắc phục",
        evidence=["BB-12/2026"],
    )


def current(ledger: Ledger, shortcoming_id: UUID) -> dict[str, object]:
    with ledger.reading() as sql:
        row = get_shortcoming(sql, str(shortcoming_id))
    assert row is not None
    return row


def test_every_command_is_visible_in_the_view_when_it_returns(ledger: Ledger) -> None:
    unit = register(ledger, "thon-1")
    shortcoming = flag(ledger, unit)
    assert current(ledger, shortcoming)["status"] == "open"
    assert current(ledger, shortcoming)["flagged_by"] == "Ủy ban Kiểm tra"
    ledger.plan_remediation(
        request_as(OFFICE), shortcoming_id=shortcoming, plan="Họp bù", due_on=DUE
    )
    assert current(ledger, shortcoming)["remediation_due"] == "2026-10-01"
    resolve(ledger, shortcoming)
    row = current(ledger, shortcoming)
    assert (row["status"], row["evidence"]) == ("resolved", ["BB-12/2026"])


def test_a_retried_flagging_records_one_shortcoming(ledger: Ledger) -> None:
    unit = register(ledger, "thon-1")
    assert flag(ledger, unit, key="k-1") == flag(ledger, unit, key="k-1")
    with ledger.reading() as sql:
        assert len(shortcomings_of_unit(sql, str(unit))) == 1


def test_refusals_are_named_and_record_nothing(ledger: Ledger) -> None:
    unit = register(ledger, "thon-1")
    gone = register(ledger, "thon-2")
    ledger.dissolve_unit(request_as(OFFICE), unit_id=gone)
    shortcoming, other = flag(ledger, unit), flag(ledger, unit)
    resolve(ledger, shortcoming)
    with ledger.reading() as sql:
        before = head_position(sql)
    with pytest.raises(ShortcomingNotOpen, match="no resolving a shortcoming that is not open"):
        resolve(ledger, shortcoming)
    with pytest.raises(ShortcomingNotOpen):
        ledger.plan_remediation(
            request_as(OFFICE), shortcoming_id=shortcoming, plan="Họp bù", due_on=DUE
        )
    with pytest.raises(DateOutsideProgram):
        ledger.plan_remediation(
            request_as(OFFICE), shortcoming_id=other, plan="Họp bù", due_on=date(2031, 1, 1)
        )
    with pytest.raises(UnitNotActive):
        flag(ledger, gone)
    with pytest.raises(NotFound):
        flag(ledger, unit_id_for("nowhere"))
    with pytest.raises(NotFound):
        resolve(ledger, unit)  # a unit's id is not a shortcoming's
    with pytest.raises(NotAllowed):
        ledger.flag_shortcoming(request_as(OFFICE), unit_id=unit, severity="minor", finding="x")
    with ledger.reading() as sql:
        assert head_position(sql) == before
    assert current(ledger, other)["remediation_plan"] is None


def test_a_reporter_plans_remediation_for_its_own_unit(ledger: Ledger) -> None:
    own = flag(ledger, register(ledger, "thon-1"))
    ledger.plan_remediation(request_as(REPORTER), shortcoming_id=own, plan="Họp bù", due_on=DUE)
    assert current(ledger, own)["remediation_plan"] == "Họp bù"


def test_a_reporter_may_not_act_for_another_unit_nor_resolve(ledger: Ledger) -> None:
    own = flag(ledger, register(ledger, "thon-1"))
    other = flag(ledger, register(ledger, "thon-2"))
    with pytest.raises(NotAllowed):
        ledger.plan_remediation(
            request_as(REPORTER), shortcoming_id=other, plan="Họp bù", due_on=DUE
        )
    with pytest.raises(NotAllowed):
        ledger.resolve_shortcoming(
            request_as(REPORTER), shortcoming_id=own, resolution="Xong", evidence=[]
        )
    assert current(ledger, other)["remediation_plan"] is None
    assert current(ledger, own)["status"] == "open"


def test_a_merger_hands_over_open_shortcomings_only(ledger: Ledger) -> None:
    source, target = register(ledger, "thon-1"), register(ledger, "thon-2")
    open_one, open_two, closed = flag(ledger, source), flag(ledger, source), flag(ledger, source)
    resolve(ledger, closed)
    ledger.merge_unit(request_as(OFFICE), unit_id=source, into_unit_id=target)

    with ledger.reading() as sql:
        moved = shortcomings_of_unit(sql, str(target))
        stayed = shortcomings_of_unit(sql, str(source))
        history = sql.all(
            f"SELECT event_type, units FROM {sql.table('history')} "
            "WHERE event_type = 'ShortcomingTransferred'"
        )
    assert [r["id"] for r in moved] == [str(open_one), str(open_two)]
    assert {r["transferred_from"] for r in moved} == {str(source)}
    assert [(r["id"], r["status"]) for r in stayed] == [(str(closed), "resolved")]
    assert len(history) == 2
    assert ledger.shortcoming(open_one).unit_id == target
    assert ledger.shortcoming(closed).unit_id == source


def test_lists_filter_page_and_travel_in_time(ledger: Ledger) -> None:
    one, two = register(ledger, "thon-1"), register(ledger, "thon-2")
    ids = [flag(ledger, one, "minor"), flag(ledger, two, "serious"), flag(ledger, one, "serious")]
    with ledger.reading() as sql:
        then = head_position(sql)
    resolve(ledger, ids[0])
    with ledger.reading() as sql:
        first = list_shortcomings(sql, first=2)
        cursor = first.rows[-1]["flagged_position"]
        rest = list_shortcomings(sql, first=2, after=cursor)
        serious_one = list_shortcomings(sql, unit_id=str(one), severity="serious")
        open_now = list_shortcomings(sql, status="open")
        open_then = list_shortcomings(sql, status="open", at=then)
        of_unit_then = shortcomings_of_unit(sql, str(one), status="open", at=then)
    assert [r["id"] for r in first.rows] == [str(ids[0]), str(ids[1])]
    assert first.has_next is True
    assert ([r["id"] for r in rest.rows], rest.has_next) == ([str(ids[2])], False)
    assert [r["id"] for r in serious_one.rows] == [str(ids[2])]
    assert [r["id"] for r in open_now.rows] == [str(ids[1]), str(ids[2])]
    assert [r["id"] for r in open_then.rows] == [str(i) for i in ids]
    assert [r["id"] for r in of_unit_then] == [str(ids[0]), str(ids[2])]
