"""The ledger's follower on a real store: the tree it builds is the RFC 6962 tree of the stored
records, checkpoints come every N events and on demand, each event enters exactly once across
restarts and concurrent followers, and the stored proofs verify against the signed roots."""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from domain.application import Ledger
from projections.audit import merkle, tree
from projections.audit.follower import LedgerFollower
from projections.audit.notes import open_checkpoint
from projections.audit.records import record_leaf_hash
from projections.audit.snapshot import event_batches, snapshot
from projections.storage import Database
from tests.conftest import fresh_store
from tests.integration.commune import SIGNER, add_villages, follower, record_commune


def expected_tree(ledger: Ledger) -> tuple[list[int], merkle.MemoryTree]:
    """The tree computed here from the raw rows, without the follower."""
    positions: list[int] = []
    memory = merkle.MemoryTree()
    with snapshot(ledger) as db:
        for rows in event_batches(db, batch=13):
            for position, stream, version, topic, state in rows:
                positions.append(position)
                memory.append(record_leaf_hash(position, stream, version, topic, state))
    return positions, memory


def stored_leaves(ledger: Ledger) -> list[tuple[int, int, bytes]]:
    with ledger.reading() as sql:
        rows = sql.all(
            f"SELECT leaf_index, position, hash FROM {sql.table('ledger_leaves')} "
            "ORDER BY leaf_index"
        )
    return [(r["leaf_index"], r["position"], bytes(r["hash"])) for r in rows]


def test_the_follower_builds_the_tree_of_the_stored_records(ledger: Ledger) -> None:
    record_commune(ledger)
    state = follower(ledger).catch_up()
    positions, memory = expected_tree(ledger)
    assert state == tree.TreeState(positions[-1], len(positions))
    assert stored_leaves(ledger) == [(i, p, memory.leaf(i)) for i, p in enumerate(positions)]
    with ledger.reading() as sql:
        assert tree.root_at(sql, memory.size) == memory.root()
        nodes = sql.all(f"SELECT level, idx, hash FROM {sql.table('ledger_nodes')}")
    assert {(r["level"], r["idx"]): bytes(r["hash"]) for r in nodes} == {
        (level, i): memory.node(level, i)
        for level in range(1, len(memory.levels))
        for i in range(len(memory.levels[level]) // 32)
    }


def test_checkpoints_come_every_n_events_and_on_demand(ledger: Ledger) -> None:
    record_commune(ledger)
    f = follower(ledger, every=10)
    f.catch_up()
    positions, memory = expected_tree(ledger)
    with ledger.reading() as sql:
        sizes = [r["tree_size"] for r in tree.list_checkpoints(sql, first=100)]
    # The first checkpoint is made at once; the next ones every 10 events after it.
    assert sizes[0] == 7
    assert sizes == list(range(7, len(positions) + 1, 10))
    final = f.catch_up(checkpoint=True)
    with ledger.reading() as sql:
        latest = tree.latest_checkpoint(sql)
    assert latest is not None
    assert latest["tree_size"] == final.size == len(positions)
    assert latest["position"] == positions[-1]
    checkpoint = open_checkpoint(latest["note"], SIGNER.verifier)
    assert checkpoint.size == len(positions)
    assert checkpoint.root == memory.root() == bytes(latest["root_hash"])
    assert f.step(checkpoint=True).checkpoint is None  # nothing new: nothing signed


def test_a_restarted_follower_carries_on_where_it_stopped(database_url: str) -> None:
    first = Ledger(Database.from_url(database_url))
    try:
        record_commune(first, villages=2)
        follower(first).step()  # one batch, then the process "stops"
    finally:
        first.close()
    again = Ledger(Database.from_url(database_url))
    try:
        add_villages(again, range(3, 5))
        follower(again).catch_up()
        positions, memory = expected_tree(again)
        assert [p for _, p, _ in stored_leaves(again)] == positions
        with again.reading() as sql:
            assert tree.root_at(sql, len(positions)) == memory.root()
    finally:
        again.close()


def test_two_followers_on_one_database_never_fork_the_tree(database_url: str) -> None:
    """Two server processes: each has its own connections, they run at once with writers."""
    ledgers = [Ledger(Database.from_url(database_url)) for _ in range(3)]
    try:
        record_commune(ledgers[0], villages=1)
        errors: list[BaseException] = []
        done = threading.Event()

        def follow(ledger: Ledger) -> None:
            f = follower(ledger, every=5)
            try:
                while not done.is_set():
                    f.catch_up()
                f.catch_up()
            except BaseException as error:  # collected and asserted below
                errors.append(error)

        threads = [threading.Thread(target=follow, args=(lg,)) for lg in ledgers[1:]]
        for t in threads:
            t.start()
        add_villages(ledgers[0], range(2, 7))
        done.set()
        for t in threads:
            t.join()
        assert errors == []
        follower(ledgers[0]).catch_up()
        positions, memory = expected_tree(ledgers[0])
        assert stored_leaves(ledgers[0]) == [
            (i, p, memory.leaf(i)) for i, p in enumerate(positions)
        ]
        with ledgers[0].reading() as sql:
            checkpoints = tree.list_checkpoints(sql, first=200)
        for row in checkpoints:
            signed = open_checkpoint(row["note"], SIGNER.verifier)
            assert signed.root == memory.root(signed.size)
    finally:
        for lg in ledgers:
            lg.close()


def test_stored_proofs_verify_against_the_signed_roots(ledger: Ledger) -> None:
    record_commune(ledger)
    f = follower(ledger, every=9)
    f.catch_up(checkpoint=True)
    positions, _ = expected_tree(ledger)
    with ledger.reading() as sql:
        signed = {
            r["tree_size"]: open_checkpoint(r["note"], SIGNER.verifier).root
            for r in tree.list_checkpoints(sql, first=100)
        }
        for size, root in signed.items():
            for index in (0, size // 2, size - 1):
                proof = tree.inclusion_proof(sql, positions[index], size)
                assert proof.leaf_index == index
                assert proof.root_hash == root
                assert merkle.verify_inclusion(proof.leaf_hash, index, size, proof.path, root)
        sizes = sorted(signed)
        for older, newer in itertools.pairwise(sizes):
            c = tree.consistency_proof(sql, older, newer)
            assert merkle.verify_consistency(older, newer, signed[older], signed[newer], c.path)
        default = tree.inclusion_proof(sql, positions[3])
        assert default.tree_size == max(signed)


def test_proofs_outside_the_tree_name_the_input(ledger: Ledger) -> None:
    record_commune(ledger, villages=1)
    state = follower(ledger).catch_up(checkpoint=True)
    with ledger.reading() as sql:
        calls: list[tuple[Callable[[], object], str]] = [
            (lambda: tree.inclusion_proof(sql, state.position + 1), "position"),
            (lambda: tree.inclusion_proof(sql, 1, state.size + 1), "treeSize"),
            (lambda: tree.inclusion_proof(sql, state.position, 1), "treeSize"),
            (lambda: tree.consistency_proof(sql, 3, 2), "first"),
            (lambda: tree.consistency_proof(sql, 1, state.size + 1), "second"),
            (lambda: tree.consistency_proof(sql, -1, 2), "first"),
        ]
        for call, field in calls:
            with pytest.raises(tree.OutsideTree) as caught:
                call()
            assert caught.value.field == field


def wait_for_size(ledger: Ledger, expected: int, seconds: float = 20) -> int:
    deadline = time.monotonic() + seconds
    while True:
        with ledger.reading() as sql:
            size = tree.state(sql).size
        if size == expected or time.monotonic() > deadline:
            return size
        time.sleep(0.02)


def test_the_running_follower_catches_up_without_being_asked(ledger: Ledger) -> None:
    """On PostgreSQL the poll interval is far longer than the wait: a notification wakes it."""
    record_commune(ledger, villages=1)
    f = follower(ledger, every=1000)
    if ledger.database.backend == "postgres":
        f.poll = 600
    f.start()
    try:
        assert wait_for_size(ledger, len(expected_tree(ledger)[0])) == len(expected_tree(ledger)[0])
        add_villages(ledger, range(2, 3))
        expected = len(expected_tree(ledger)[0])
        assert wait_for_size(ledger, expected) == expected
        with ledger.reading() as sql:
            assert tree.latest_checkpoint(sql) is not None
    finally:
        f.stop()


def test_an_idle_follower_leaves_the_database_alone(ledger: Ledger) -> None:
    """Another writer holds the follower's lock; a step with nothing to do must not wait."""
    record_commune(ledger, villages=1)
    f = follower(ledger)
    f.catch_up(checkpoint=True)
    database = ledger.database
    holder: Any
    if database.backend == "sqlite":
        holder = sqlite3.connect(database.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        holder = psycopg.connect(database.admin_conninfo())
        holder.execute(f'SELECT * FROM "{database.schema}".ledger_follower FOR UPDATE')
    steps: list[tree.TreeState] = []
    worker = threading.Thread(target=lambda: steps.append(f.step().state))
    try:
        worker.start()
        worker.join(10)
        assert not worker.is_alive(), "an idle step waited for the writer lock"
    finally:
        holder.rollback()
        holder.close()
        worker.join()
    assert steps == [f.step().state]


def test_the_running_follower_takes_a_stream_of_commits_in_few_steps(ledger: Ledger) -> None:
    """At most one catch-up per interval, however many commits wake it: under load each step
    takes every event committed since the last one, and none is left out."""
    record_commune(ledger, villages=1)
    f = follower(ledger, every=1000)
    f.interval = 0.25
    if ledger.database.backend == "postgres":
        f.poll = 600  # woken by notifications only
    catch_ups: list[float] = []
    catch_up = f.catch_up

    def counted(*, checkpoint: bool = False) -> tree.TreeState:
        catch_ups.append(time.monotonic())
        return catch_up(checkpoint=checkpoint)

    f.catch_up = counted  # type: ignore[method-assign]
    f.start()
    try:
        began = time.monotonic()
        commits = 0
        for n in range(2, 22):
            add_villages(ledger, range(n, n + 1))  # four commands, each its own commit
            commits += 4
        expected = len(expected_tree(ledger)[0])
        assert wait_for_size(ledger, expected) == expected
        elapsed = time.monotonic() - began
    finally:
        f.stop()
    during = [t for t in catch_ups if t >= began]
    assert len(during) <= elapsed / f.interval + 2 < commits + 1
    assert all(b - a >= f.interval * 0.9 for a, b in itertools.pairwise(catch_ups))


@pytest.mark.postgres
def test_one_server_process_per_database_follows_and_another_takes_over(tmp_path: Path) -> None:
    """Two servers' followers on one PostgreSQL database: one holds the lock and builds the
    tree, the other stays idle; when the first stops, the second takes over."""
    with fresh_store("postgres", tmp_path) as url:
        ledgers = [Ledger(Database.from_url(url)) for _ in range(2)]
        followers: list[LedgerFollower] = []
        try:
            record_commune(ledgers[0], villages=1)
            followers = [follower(ledger, every=1000) for ledger in ledgers]
            calls = [0, 0]
            for n, f in enumerate(followers):
                f.poll = 0.2
                catch_up = f.catch_up

                def counted(
                    *,
                    checkpoint: bool = False,
                    n: int = n,
                    catch_up: Callable[..., tree.TreeState] = catch_up,
                ) -> tree.TreeState:
                    calls[n] += 1
                    return catch_up(checkpoint=checkpoint)

                f.catch_up = counted  # type: ignore[method-assign]
            followers[0].start()
            expected = len(expected_tree(ledgers[0])[0])
            assert wait_for_size(ledgers[0], expected) == expected
            followers[1].start()
            add_villages(ledgers[1], range(2, 4))
            expected = len(expected_tree(ledgers[0])[0])
            assert wait_for_size(ledgers[0], expected) == expected
            assert calls[0] > 0
            assert calls[1] == 0, "the second process followed while the first held the lock"
            followers[0].stop()
            add_villages(ledgers[0], range(4, 5))
            expected = len(expected_tree(ledgers[0])[0])
            assert wait_for_size(ledgers[1], expected) == expected
            assert calls[1] > 0
        finally:
            for f in followers:
                f.stop()
            for ledger in ledgers:
                ledger.close()
