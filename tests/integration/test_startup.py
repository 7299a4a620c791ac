"""Servers that start together on one store each open the ledger at the same moment."""

from __future__ import annotations

import threading

from domain.application import Ledger
from projections.storage import Database


def test_ledgers_opened_together_on_one_store_all_start(database_url: str) -> None:
    """Opening the ledger creates its tables if they are missing; on PostgreSQL, servers doing
    that at once raced on the catalog ("tuple concurrently updated") and failed to start."""
    Ledger(Database.from_url(database_url)).close()
    failures: list[BaseException] = []
    for _ in range(3):
        together = threading.Barrier(6)

        def start(together: threading.Barrier) -> None:
            together.wait()
            try:
                Ledger(Database.from_url(database_url)).close()
            except Exception as error:  # recorded, and the test fails below
                failures.append(error)

        threads = [threading.Thread(target=start, args=(together,)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads)
    assert failures == []
