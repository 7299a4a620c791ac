"""Group commit: commands that arrive together share one transaction and one commit.

Writes to the log are serialized anyway (PostgreSQL's lock on the events table, SQLite's single
writer), and most of a write's time is the commit waiting for the disk. So when several threads
want to write at once, the first to get the turn writes all that are waiting, each in a
savepoint of its own, and commits once: each command is still all or nothing (a command whose
events collide, or whose checks fail, rolls back to its savepoint and gets its own error), none
is acknowledged before the commit, and the disk waits once for all of them.

A thread alone writes the way it always did: one transaction, no savepoint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import PersistenceError, StoredEvent

if TYPE_CHECKING:
    from projections.storage import InTransaction

# At most this many commands in one transaction, so one commit never waits on a long queue.
MAX_BATCH = 32


@dataclass(eq=False)
class Pending:
    """One command's write: its events, its view writes, and what became of it."""

    stored_events: Sequence[StoredEvent]
    in_transaction: InTransaction
    positions: Sequence[int] = ()
    error: BaseException | None = None
    done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


Batch = Callable[[list[Pending]], None]


def _for_each(error: BaseException) -> BaseException:
    """An error that ended a whole batch, as a fresh exception for each waiting thread (they
    raise it at once, and a raised exception collects its traceback)."""
    if isinstance(error, PersistenceError):
        try:
            fresh = type(error)(str(error))
        except TypeError:
            return error
        fresh.__cause__ = error
        return fresh
    return error


class GroupCommit:
    """`submit` returns a write's positions once it is committed, or raises its error.

    `write_one` writes a single command in a transaction of its own; `write_many` writes
    several, each in a savepoint, and records each one's positions or error in its `Pending`.
    Either raises if the transaction as a whole failed (then nothing of it was committed)."""

    def __init__(self, write_one: Batch, write_many: Batch, limit: int = MAX_BATCH) -> None:
        self._write_one = write_one
        self._write_many = write_many
        self._limit = limit
        self._queue: list[Pending] = []
        self._queue_lock = threading.Lock()
        self._turn = threading.Lock()

    def submit(
        self, stored_events: Sequence[StoredEvent], in_transaction: InTransaction
    ) -> Sequence[int]:
        pending = Pending(stored_events, in_transaction)
        with self._queue_lock:
            self._queue.append(pending)
        while not pending.done:
            with self._turn:
                if pending.done:
                    break  # another thread wrote it with its own
                with self._queue_lock:
                    batch = self._queue[: self._limit]
                    del self._queue[: self._limit]
                self._write(batch)
        if pending.error is not None:
            raise pending.error
        return pending.positions

    def _write(self, batch: list[Pending]) -> None:
        try:
            if len(batch) == 1:
                self._write_one(batch)
            else:
                self._write_many(batch)
        except BaseException as error:  # the transaction failed: nothing in it was committed
            for pending in batch:
                pending.error = error if len(batch) == 1 else _for_each(error)
                pending.positions = ()
        finally:
            for pending in batch:
                pending.done = True
