"""Servers that start together on one store each open the ledger at the same moment."""

from __future__ import annotations

import threading

import pytest

from domain.application import Ledger
from projections.storage import Database
from server import check_workers
from settings import Settings, SettingsError


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


def test_several_worker_processes_need_postgresql_and_shared_rate_limits() -> None:
    postgres = "postgresql://postgres@127.0.0.1:5432/socai?schema=commune"
    check_workers(Settings(database_url="sqlite:///socai.db"), 1)  # one process: anything goes
    with pytest.raises(SettingsError, match="PostgreSQL"):
        check_workers(Settings(database_url="sqlite:///socai.db"), 2)
    with pytest.raises(SettingsError, match="SOCAI_RATE_LIMIT_STORAGE"):
        check_workers(Settings(database_url=postgres), 2)  # the default limits, in memory
    check_workers(Settings(database_url=postgres, rate_per_address="off", rate_per_token="off"), 2)
    check_workers(Settings(database_url=postgres, rate_limit_storage="redis://127.0.0.1:6379"), 4)
