"""`asOf` reads that seek instead of scanning every row version give what a scan gives."""

from __future__ import annotations

from domain.application import Ledger
from projections.read import docs, head_position
from projections.tasks import TASKS, _contains_unit, tasks_of_unit
from projections.units import UNITS
from tests.integration.recorded import record_commune


def test_a_units_tasks_as_of_every_position_are_those_a_scan_finds(ledger: Ledger) -> None:
    record_commune(ledger)  # with a reassignment, and a merge that hands tasks over
    with ledger.reading() as sql:
        head = head_position(sql)
        units = [str(row["id"]) for row in docs(sql, UNITS)]
        found = 0
        for at in range(1, head + 1):
            for unit in units:
                scanned = docs(
                    sql,
                    TASKS,
                    ["involved LIKE ? ESCAPE '\\'"],
                    [_contains_unit(unit)],
                    at=at,
                    order="due_date, id",
                )
                assert tasks_of_unit(sql, unit, at=at) == scanned, (unit, at)
                found += len(scanned)
    assert found > 0
