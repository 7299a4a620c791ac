"""Commands that read other records before they write: a change in between is caught inside
the writing transaction, and the command runs again on fresh state."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.base import LedgerAggregate, Stamp
from domain.unit import Unit, UnitNotActive, unit_id_for
from projections.shortcomings import shortcomings_of_unit
from projections.tasks import get_task
from tests.conftest import INSPECTOR, OFFICE, request_as
from tests.integration.commune import assign_sample_task


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    for code in ("thon-2", "thon-3"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=code, parent_id=None
        )
    return ledger


def assign(ledger: Ledger, lead: str) -> UUID:
    return assign_sample_task(ledger, lead, title="Tổ tự quản").id


def test_a_merge_that_read_stale_views_runs_again_and_takes_all_open_work(
    commune: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = assign(commune, "thon-3")
    commune.flag_shortcoming(
        request_as(INSPECTOR), unit_id=unit_id_for("thon-3"), severity="minor", finding="x"
    )
    real = Ledger.transfer_open_work
    calls: list[UUID] = []

    def stale_first(
        self: Ledger, stamp: Stamp, source: UUID, target: UUID
    ) -> list[LedgerAggregate]:
        calls.append(source)  # the first attempt sees the views as they were before the work
        return [] if len(calls) == 1 else real(self, stamp, source, target)

    monkeypatch.setattr(Ledger, "transfer_open_work", stale_first)
    commune.merge_unit(
        request_as(OFFICE), unit_id=unit_id_for("thon-3"), into_unit_id=unit_id_for("thon-2")
    )
    assert len(calls) == 2
    with commune.reading() as sql:
        row = get_task(sql, str(task))
        assert row is not None
        assert row["lead_unit_id"] == str(unit_id_for("thon-2"))
        assert shortcomings_of_unit(sql, str(unit_id_for("thon-3")), status="open") == []
        assert len(shortcomings_of_unit(sql, str(unit_id_for("thon-2")), status="open")) == 1


def test_work_given_to_a_unit_that_merged_meanwhile_is_refused(
    commune: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Ledger.unit
    merged: list[bool] = []

    def merge_after_first_read(self: Ledger, unit_id: UUID) -> Unit:
        unit = real(self, unit_id)
        if unit_id == unit_id_for("thon-3") and not merged:
            merged.append(True)  # another office merges the unit between read and write
            self.merge_unit(request_as(OFFICE), unit_id=unit_id, into_unit_id=unit_id_for("thon-2"))
        return unit

    monkeypatch.setattr(Ledger, "unit", merge_after_first_read)
    before = commune.recorder.max_notification_id()
    with pytest.raises(UnitNotActive):
        assign(commune, "thon-3")
    with pytest.raises(UnitNotActive):
        commune.flag_shortcoming(
            request_as(INSPECTOR), unit_id=unit_id_for("thon-3"), severity="minor", finding="x"
        )
    assert commune.recorder.max_notification_id() == (before or 0) + 1  # the merge alone
