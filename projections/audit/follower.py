"""The follower that builds the ledger's Merkle tree and signs its checkpoints from the log.

Each step is one transaction that locks the follower's row, reads the events after the position
it recorded, appends their leaves, makes a checkpoint when one is due, and records the new
position: so every event enters the tree exactly once, a crash loses nothing, and a restart
carries on from the recorded position. The row lock (an UPDATE before anything else) makes a
second server process on the same PostgreSQL database wait and then carry on from where the
first stopped, so the tree is never built twice or forked; on SQLite the same statement takes
the single writer lock. Reading the log inside that transaction is safe because the event
store gives out positions under a table lock, so positions commit in order and a reader
never passes a gap that is filled later.

Running beside a server on PostgreSQL, one process per database follows: the one whose
listening connection holds the follower's session lock. The others try that lock once a poll
interval and take over when the connection that held it goes, so several server processes on
one database neither build the tree twice over nor sign duplicate checkpoints.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from psycopg.sql import SQL, Identifier

from domain.ledger import LedgerCore
from projections.audit import tree
from projections.audit.notes import Checkpoint, Signer
from projections.audit.records import (
    MalformedRecord,
    position_column,
    record_leaf_hash,
    stream_column,
)
from projections.storage import PostgresLedgerRecorder, Row, Sql

log = logging.getLogger("socai.ledger")


@dataclass(frozen=True)
class Step:
    appended: int
    state: tree.TreeState
    checkpoint: int | None  # the tree size of a checkpoint made in this step
    more: bool = False  # the step read as many events as it could take: more may follow


class CorruptLog(RuntimeError):
    """A stored event the follower cannot hash: the log was altered outside the application."""


def events_table(ledger: LedgerCore, sql: Sql) -> tuple[str, str]:
    """The events table and its position column, on either backend."""
    name = ledger.store.events_table_name
    return sql.table(name), position_column(sql.dialect)


def follower_lock(schema: str) -> str:
    """The name of the session lock that one server process per database holds to follow it
    (`pg_try_advisory_lock(hashtext(name))`)."""
    return f"socai.follower:{schema}"


class LedgerFollower:
    def __init__(
        self,
        ledger: LedgerCore,
        signer: Signer | None,
        *,
        every: int = 1000,
        seconds: float = 60.0,
        batch: int = 1000,
        poll: float = 1.0,
        interval: float = 0.1,
    ) -> None:
        self.ledger = ledger
        self.signer = signer
        self.every = max(every, 1)
        self.seconds = seconds
        self.batch = batch
        self.poll = poll
        self.interval = interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def _idle(self) -> tree.TreeState | None:
        """The tree's state if there is nothing to append or sign: checked without writing, so
        that an idle server's polls leave the database alone."""
        with self.ledger.store.reading() as sql:
            state = tree.state(sql)
            table, pos = events_table(self.ledger, sql)
            head = sql.one(f"SELECT MAX({pos}) AS head FROM {table}")
            last = tree.latest_checkpoint(sql)
        if head and head["head"] is not None and int(head["head"]) > state.position:
            return None
        return None if self._due(state, last, force=False) else state

    def step(self, *, checkpoint: bool = False) -> Step:
        if not checkpoint and (idle := self._idle()) is not None:
            return Step(0, idle, None)
        with self.ledger.store.writing() as sql:
            follower = sql.table("ledger_follower")
            sql.execute(
                f"INSERT INTO {follower} (name, position, size) VALUES (?, 0, 0) "
                "ON CONFLICT (name) DO NOTHING",
                (tree.FOLLOWER,),
            )
            sql.execute(f"UPDATE {follower} SET size = size WHERE name = ?", (tree.FOLLOWER,))
            before = tree.state(sql)
            last = tree.latest_checkpoint(sql)
            last_size = int(last["tree_size"]) if last else 0
            limit = self.batch
            if self.signer is not None and before.size - last_size < self.every:
                limit = min(limit, self.every - (before.size - last_size))
            leaves = self._leaves(sql, before.position, limit)
            after = tree.append(sql, before, leaves)
            if after is not before:
                sql.execute(
                    f"UPDATE {follower} SET position = ?, size = ? WHERE name = ?",
                    (after.position, after.size, tree.FOLLOWER),
                )
            made = None
            if self._due(after, last, force=checkpoint):
                made = self._sign(sql, after)
            return Step(after.size - before.size, after, made, more=len(leaves) >= limit)

    def _leaves(self, sql: Sql, position: int, limit: int) -> list[tuple[int, bytes]]:
        table, pos = events_table(self.ledger, sql)
        rows = sql.all(
            f"SELECT {pos} AS position, {stream_column(sql.dialect)} AS originator_id, "
            "originator_version, topic, state "
            f"FROM {table} WHERE {pos} > ? ORDER BY {pos} LIMIT ?",
            (position, limit),
        )
        try:
            return [
                (
                    int(r["position"]),
                    record_leaf_hash(
                        int(r["position"]),
                        r["originator_id"],
                        int(r["originator_version"]),
                        r["topic"],
                        r["state"],
                    ),
                )
                for r in rows
            ]
        except MalformedRecord as error:
            raise CorruptLog(f"a stored event after position {position}: {error}") from error

    def _due(self, state: tree.TreeState, last: Row | None, *, force: bool) -> bool:
        if self.signer is None:
            return False
        last_size = int(last["tree_size"]) if last else 0
        if state.size <= last_size:
            return False
        if force or last is None or state.size - last_size >= self.every:
            return True
        signed_at = datetime.fromisoformat(str(last["signed_at"]))
        return (datetime.now(UTC) - signed_at).total_seconds() >= self.seconds

    def _sign(self, sql: Sql, state: tree.TreeState) -> int:
        assert self.signer is not None
        root = tree.root_at(sql, state.size)
        note = self.signer.sign(Checkpoint(self.signer.name, state.size, root).text())
        signed_at = datetime.now(UTC).isoformat(timespec="microseconds")
        tree.record_checkpoint(sql, state, root, note, signed_at)
        return state.size

    def catch_up(self, *, checkpoint: bool = False) -> tree.TreeState:
        """Appends every event recorded so far; with `checkpoint`, signs the tree's head too.

        A step that took fewer events than it could has read the whole log: positions commit
        in order, so no event before the last one read can appear later."""
        while True:
            step = self.step()
            if not step.more:
                break
        return self.step(checkpoint=True).state if checkpoint else step.state

    # Running beside the server.

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="ledger-follower", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        postgres = self.ledger.database.backend == "postgres"
        listener: psycopg.Connection[tuple[object, ...]] | None = None
        began = -self.interval
        while not self._stopping.is_set():
            if postgres and listener is None:
                # Before catching up, so no commit goes unheard.
                listener, leading = self._listen()
                if not leading:
                    # Another server process follows this database: see again after a poll
                    # interval whether it still does (its lock goes with its connection).
                    self._stopping.wait(self.poll)
                    continue
            # At most one catch-up per `interval`: under a stream of commits, each step takes
            # all the events committed since the last one, instead of one step per commit.
            if self._stopping.wait(max(0.0, began + self.interval - time.monotonic())):
                break
            began = time.monotonic()
            if listener is not None:
                listener = self._drain(listener)  # this catch-up answers them all
            try:
                self.catch_up()
            except Exception:  # the loop must outlive a lost connection or a locked database
                log.exception("the ledger follower could not catch up; retrying")
            if listener is not None:
                listener = self._wait_for_notification(listener)
            else:
                self._stopping.wait(self.poll)
        if listener is not None:
            listener.close()

    def _listen(self) -> tuple[psycopg.Connection[tuple[object, ...]] | None, bool]:
        """A connection that holds this database's follower lock and listens for commits, and
        whether this process is to follow: (None, False) while another server process holds
        the lock, so one process per database builds the tree; (None, True) where the
        connection or the LISTEN failed: then this process polls (the follower's row lock
        keeps several followers from building the tree twice)."""
        store = self.ledger.store
        assert isinstance(store, PostgresLedgerRecorder)
        try:
            listener = psycopg.connect(self.ledger.database.admin_conninfo(), autocommit=True)
        except psycopg.Error:
            log.warning("cannot listen for new events; polling every %ss", self.poll)
            return None, True
        try:
            row = listener.execute(
                "SELECT pg_try_advisory_lock(hashtext(%s))",
                (follower_lock(store.datastore.schema),),
            ).fetchone()
            if not (row and row[0]):
                listener.close()
                return None, False
            listener.execute(SQL("LISTEN {}").format(Identifier(store.channel_name)))
        except psycopg.Error:
            listener.close()
            log.warning("cannot listen for new events; polling every %ss", self.poll)
            return None, True
        return listener, True

    def _drain(
        self, listener: psycopg.Connection[tuple[object, ...]]
    ) -> psycopg.Connection[tuple[object, ...]] | None:
        """Drops the notifications already received."""
        try:
            for _ in listener.notifies(timeout=0):
                pass
        except psycopg.Error:
            log.warning("lost the notification channel; polling until it is back")
            listener.close()
            return None
        return listener

    def _wait_for_notification(
        self, listener: psycopg.Connection[tuple[object, ...]]
    ) -> psycopg.Connection[tuple[object, ...]] | None:
        """Waits until the event store notifies a commit, or the poll interval passes (a
        notification can be lost, e.g. while reconnecting, so polling stays)."""
        deadline = time.monotonic() + self.poll
        try:
            while not self._stopping.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                if any(True for _ in listener.notifies(timeout=min(remaining, 0.2), stop_after=1)):
                    break
        except psycopg.Error:
            log.warning("lost the notification channel; polling until it is back")
            listener.close()
            return None
        return listener
