"""`asOf` reads that seek instead of scanning every row version give what a scan gives."""

from __future__ import annotations

from domain.application import Ledger
from projections.read import docs, head_position
from projections.storage import Sql
from projections.tasks import TASK_UNITS, TASKS, _contains_unit, _links_complete, tasks_of_unit
from projections.units import UNITS
from tests.integration.recorded import record_commune


def test_a_units_tasks_as_of_every_position_are_those_a_scan_finds(ledger: Ledger) -> None:
    record_commune(ledger)  # with a reassignment, and a merge that hands tasks over
    with ledger.reading() as sql:
        assert _links_complete(sql)  # so both backends read through the task links
        assert_as_of_reads_match_a_scan(sql)


def test_a_store_whose_views_predate_the_task_links_still_reads_every_units_tasks(
    ledger: Ledger,
) -> None:
    record_commune(ledger)
    with ledger.store.writing() as sql:
        # As in a store built before the links: the first tasks have none.
        first = sql.one(
            f"SELECT stream_id FROM {sql.table('history')} WHERE stream = 'task' "
            "ORDER BY position LIMIT 1"
        )
        assert first is not None
        links = sql.table(TASK_UNITS.name)
        sql.execute(f"DELETE FROM {links} WHERE task_id = ?", (first["stream_id"],))
        assert not _links_complete(sql)
        assert_as_of_reads_match_a_scan(sql)


def assert_as_of_reads_match_a_scan(sql: Sql) -> None:
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
