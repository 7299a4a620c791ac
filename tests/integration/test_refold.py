"""The views equal a refold of the log, and the comparison notices when they do not."""

from __future__ import annotations

from bench.seed import seed_commune
from domain.application import Ledger
from projections.refold import view_differences


def test_views_written_in_the_event_transactions_equal_a_refold(ledger: Ledger) -> None:
    seed_commune(ledger, villages=3, tasks_per_village=2)
    assert view_differences(ledger) == []


def test_a_tampered_row_is_reported(ledger: Ledger) -> None:
    seed_commune(ledger, villages=2, tasks_per_village=1)
    with ledger.store.writing() as sql:
        sql.execute(
            f"UPDATE {sql.table('v_tasks')} SET doc = ? WHERE pos_to IS NULL", ('{"x": 1}',)
        )
    differences = view_differences(ledger)
    assert len(differences) == 2
    assert all(d.startswith("v_tasks/") for d in differences)
