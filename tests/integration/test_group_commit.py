"""Commands that arrive together are written in one transaction, each in a savepoint of its own:
one that collides rolls back alone and runs again, the others are kept, and every view still
equals a refold of the log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any
from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.base import IdempotencyKeyReused
from domain.ledger import Done
from domain.unit import UnitCodeTaken, unit_id_for
from projections.group import Pending
from projections.refold import view_differences
from projections.tasks import get_task
from projections.units import get_unit
from tests.conftest import OFFICE, request_as
from tests.integration.commune import assign_sample_task


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="T1", parent_id=None
    )
    return ledger


def assign(ledger: Ledger) -> UUID:
    return assign_sample_task(ledger, "thon-1").id


def together(ledger: Ledger, commands: Sequence[Callable[[], Done]]) -> tuple[list[Any], list[int]]:
    """Runs the commands in threads while holding the write turn until all of them wait for it,
    so the first batch holds every one of them; returns each outcome and each batch's size."""
    group = ledger.store.group
    sizes: list[int] = []
    write_many = group._write_many

    def counted(batch: list[Pending]) -> None:
        sizes.append(len(batch))
        write_many(batch)

    group._write_many = counted
    outcomes: list[Any] = [None] * len(commands)

    def run(n: int) -> None:
        try:
            outcomes[n] = commands[n]()
        except Exception as error:
            outcomes[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(commands))]
    with group._turn:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while len(group._queue) < len(commands) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(group._queue) == len(commands)
    for t in threads:
        t.join(60)
    group._write_many = write_many
    return outcomes, sizes


def test_commands_written_together_each_count_once(commune: Ledger) -> None:
    task = assign(commune)
    reused = request_as(OFFICE, "same-key")

    def report(percent: int, request: Any = None) -> Callable[[], Done]:
        return lambda: commune.report_progress(
            request or request_as(OFFICE),
            task_id=task,
            percent=percent,
            summary=f"{percent}%",
            evidence=[],
        )

    def register(code: str, request: Any = None) -> Callable[[], Done]:
        return lambda: commune.register_unit(
            request or request_as(OFFICE), code=code, kind="party_cell", name=code, parent_id=None
        )

    commands = [
        register("cb-1"),
        report(10),  # these three load the same task version: two collide and run again
        report(20),
        report(30),
        register("cb-2", reused),
        register("cb-3", reused),  # the same key for another input: refused, typed
        register("cb-4"),
    ]
    outcomes, sizes = together(commune, commands)

    assert sizes
    assert sizes[0] == len(commands)
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1
    assert isinstance(refused[0], IdempotencyKeyReused)
    # Whichever of the two with one key was written first keeps it.
    kept, other = ("cb-2", "cb-3") if isinstance(outcomes[4], Done) else ("cb-3", "cb-2")
    positions = [o.position for o in outcomes if isinstance(o, Done)]
    assert len(set(positions)) == len(positions)
    with commune.reading() as sql:
        shown = get_task(sql, str(task))
        assert shown is not None
        assert shown["progress_reports"] == 3
        for code in ("cb-1", kept, "cb-4"):
            assert get_unit(sql, str(unit_id_for(code))) is not None
        assert get_unit(sql, str(unit_id_for(other))) is None
    assert commune.task(task).version == 4  # assigned, then three reports
    assert view_differences(commune) == []


def test_a_command_that_breaks_a_rule_in_a_batch_leaves_the_others(commune: Ledger) -> None:
    commands = [
        partial(
            commune.register_unit,
            request_as(OFFICE),
            code=code,
            kind="party_cell",
            name=code,
            parent_id=None,
        )
        for code in ("cb-a", "cb-b", "cb-a", "cb-c")
    ]
    outcomes, sizes = together(commune, commands)
    assert sizes
    assert sizes[0] == len(commands)
    done = [o for o in outcomes if isinstance(o, Done)]
    failed = [o for o in outcomes if isinstance(o, Exception)]
    assert len(done) == 3
    assert len(failed) == 1
    assert isinstance(failed[0], UnitCodeTaken)
    with commune.reading() as sql:
        for code in ("cb-a", "cb-b", "cb-c"):
            assert get_unit(sql, str(unit_id_for(code))) is not None
    assert view_differences(commune) == []
