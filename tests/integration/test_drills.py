"""The short drills, as tests: each starts real server processes on a store of its own."""

from __future__ import annotations

import pytest

from bench.drills import contention, crash, two_servers
from tests.conftest import BACKENDS


@pytest.mark.parametrize("backend", BACKENDS)
def test_killed_servers_lose_no_acknowledged_mutation(backend: str) -> None:
    outcome = crash.run(backend, kills=3, clients=3)
    assert outcome.passed, outcome.line()
    assert isinstance(outcome.figures["acknowledged"], int)
    assert outcome.figures["acknowledged"] > 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_conflicting_clients_lose_no_update(backend: str) -> None:
    outcome = contention.run(backend, clients=16, commands=6)
    assert outcome.passed, outcome.line()
    assert outcome.figures["succeeded"] == 16 * 6 - outcome.figures["refused (typed)"]  # type: ignore[operator]


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_servers_on_one_store_agree(backend: str) -> None:
    outcome = two_servers.run(backend, rounds=10, writers=4, commands=4)
    assert outcome.passed, outcome.line()


@pytest.mark.postgres
def test_servers_of_several_worker_processes_on_one_store_agree() -> None:
    """`socai serve --workers 2`, twice on one database: four processes, one follower."""
    outcome = two_servers.run("postgres", rounds=10, writers=4, commands=4, workers=2)
    assert outcome.passed, outcome.line()
    assert outcome.figures["processes each"] == 2
