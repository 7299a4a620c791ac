"""The application on a real store: idempotency, read-your-writes, time travel, conflicts."""

from __future__ import annotations

import threading

import pytest

from domain.application import Ledger
from domain.authority import NotAllowed
from domain.base import IdempotencyKeyReused, NotFound
from domain.unit import UnitCodeTaken, unit_id_for
from projections.read import head_position
from projections.units import get_unit, list_units
from tests.conftest import COMMITTEE, OFFICE, request_as


def register(ledger: Ledger, code: str, key: str | None = None, name: str = "Thôn") -> int:
    done = ledger.register_unit(
        request_as(OFFICE, key), code=code, kind="village", name=name, parent_id=None
    )
    return done.position


def test_views_reflect_a_command_when_it_returns(ledger: Ledger) -> None:
    register(ledger, "thon-1", name="Thôn 1")
    with ledger.reading() as sql:
        row = get_unit(sql, str(unit_id_for("thon-1")))
    assert row is not None
    assert row["name"] == "Thôn 1"


def test_a_retry_with_the_same_key_records_nothing(ledger: Ledger) -> None:
    first = register(ledger, "thon-1", key="k-1")
    again = register(ledger, "thon-1", key="k-1")
    assert first == again
    with ledger.reading() as sql:
        assert head_position(sql) == first
    assert len(ledger.recorder.select_notifications(start=1, limit=10)) == 1


def test_a_late_retry_returns_the_first_result_even_when_the_command_would_pass_again(
    ledger: Ledger,
) -> None:
    register(ledger, "thon-1", name="Thôn A")
    unit = unit_id_for("thon-1")
    first = ledger.rename_unit(request_as(OFFICE, "rename-1"), unit_id=unit, name="Thôn B")
    ledger.rename_unit(request_as(OFFICE, "rename-2"), unit_id=unit, name="Thôn A")
    # Renaming A to B is allowed again now; the key still says it was done once.
    again = ledger.rename_unit(request_as(OFFICE, "rename-1"), unit_id=unit, name="Thôn B")
    assert again == first
    with ledger.reading() as sql:
        row = get_unit(sql, str(unit))
        assert head_position(sql) == first.position + 1
    assert row is not None
    assert row["name"] == "Thôn A"


def test_the_same_key_with_other_input_is_refused(ledger: Ledger) -> None:
    register(ledger, "thon-1", key="k-1")
    with pytest.raises(IdempotencyKeyReused):
        register(ledger, "thon-2", key="k-1")
    with ledger.reading() as sql:
        assert get_unit(sql, str(unit_id_for("thon-2"))) is None


def test_refusals_record_nothing(ledger: Ledger) -> None:
    register(ledger, "thon-1")
    with pytest.raises(UnitCodeTaken):
        register(ledger, "thon-1")
    with pytest.raises(NotAllowed):
        ledger.register_unit(
            request_as(COMMITTEE), code="thon-9", kind="village", name="x", parent_id=None
        )
    with pytest.raises(NotFound):
        ledger.rename_unit(request_as(OFFICE), unit_id=unit_id_for("nowhere"), name="x")
    assert len(ledger.recorder.select_notifications(start=1, limit=10)) == 1


def test_a_view_can_be_read_as_it_stood_at_a_past_position(ledger: Ledger) -> None:
    position = register(ledger, "thon-1", name="Thôn 1")
    ledger.rename_unit(request_as(OFFICE), unit_id=unit_id_for("thon-1"), name="Thôn Một")
    with ledger.reading() as sql:
        [then] = list_units(sql, at=position).rows
        [now] = list_units(sql).rows
    assert (then["name"], now["name"]) == ("Thôn 1", "Thôn Một")


def test_concurrent_renames_of_one_unit_lose_nothing(ledger: Ledger) -> None:
    register(ledger, "thon-1")
    errors: list[BaseException] = []

    def rename(i: int) -> None:
        try:
            ledger.rename_unit(
                request_as(OFFICE, f"rename-{i}"), unit_id=unit_id_for("thon-1"), name=f"Thôn {i}"
            )
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=rename, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    notifications = ledger.recorder.select_notifications(start=1, limit=100)
    assert len(notifications) == 9
    with ledger.reading() as sql:
        history = sql.all(f"SELECT position FROM {sql.table('history')} ORDER BY position")
    assert [h["position"] for h in history] == [n.id for n in notifications]


def test_a_read_sees_one_state_even_while_others_write(ledger: Ledger) -> None:
    register(ledger, "thon-1")
    with ledger.reading() as sql:
        before = head_position(sql)
        register(ledger, "thon-2")  # committed through another connection meanwhile
        assert head_position(sql) == before
        assert get_unit(sql, str(unit_id_for("thon-2"))) is None
    with ledger.reading() as sql:
        assert head_position(sql) == before + 1
