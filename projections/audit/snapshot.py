"""One consistent, read-only view of the raw tables, read in batches straight from the driver.

`socai verify` reads the events table row by row without the library's mapper or aggregates,
and must see the log, the tree and the checkpoints as of one moment while the server goes on
writing: a SQLite read transaction is a snapshot, and on PostgreSQL the transaction is made
REPEATABLE READ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from psycopg.abc import Buffer
from psycopg.adapt import Loader
from psycopg.pq import Format
from psycopg.rows import tuple_row

from domain.ledger import LedgerCore
from projections.audit.records import stream_column
from projections.storage import PostgresLedgerRecorder, SQLiteLedgerRecorder

EventRow = tuple[int, Any, int, str, Any]  # position, stream id, version, topic, state


class Snapshot(Protocol):
    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def table(self, name: str) -> str: ...

    @property
    def dialect(self) -> str: ...

    @property
    def position_column(self) -> str: ...

    @property
    def events(self) -> str: ...


class _SQLiteSnapshot:
    position_column = "rowid"
    dialect = "sqlite"

    def __init__(self, cursor: Any, events: str) -> None:
        self._c = cursor
        self.events = events

    def table(self, name: str) -> str:
        return name

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._c.execute(statement, params)
        return list(self._c.fetchall())


_PLACEHOLDER = re.compile(r"\?")


class _UUIDBytes(Loader):
    """uuid read in binary as its 16 bytes: the canonical record wants exactly those, and
    making UUID objects would cost more than the rest of the read."""

    format = Format.BINARY

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


class _PostgresSnapshot:
    position_column = "notification_id"
    dialect = "postgres"

    def __init__(self, cursor: Any, schema: str, events: str) -> None:
        self._c = cursor
        self._schema = schema
        self.events = self.table(events)

    def table(self, name: str) -> str:
        return f'"{self._schema}".{name}'

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._c.execute(_PLACEHOLDER.sub("%s", statement), params)
        return list(self._c.fetchall())


@contextmanager
def snapshot(ledger: LedgerCore) -> Iterator[Snapshot]:
    store = ledger.store
    if isinstance(store, SQLiteLedgerRecorder):
        with store.datastore.transaction(commit=False) as c:
            yield _SQLiteSnapshot(c, store.events_table_name)
        return
    assert isinstance(store, PostgresLedgerRecorder)
    with store.datastore.get_connection() as conn, conn.transaction(force_rollback=True):
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor = conn.cursor(row_factory=tuple_row, binary=True)
        cursor.adapters.register_loader("uuid", _UUIDBytes)
        yield _PostgresSnapshot(cursor, store.datastore.schema, store.events_table_name)


def event_batches(db: Snapshot, *, batch: int = 10_000) -> Iterator[list[EventRow]]:
    """Every stored event in log order, `batch` rows at a time (keyset pages)."""
    pos = db.position_column
    statement = (
        f"SELECT {pos}, {stream_column(db.dialect)}, originator_version, topic, state "
        f"FROM {db.events} "
        f"WHERE {pos} > ? ORDER BY {pos} LIMIT ?"
    )
    after = 0
    while True:
        rows: list[Any] = db.rows(statement, (after, batch))
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def leaf_batches(
    db: Snapshot, *, start: int = 0, batch: int = 10_000
) -> Iterator[list[tuple[int, int, bytes]]]:
    """The stored tree's leaves in order from index `start`: (leaf index, position, hash)."""
    statement = (
        f"SELECT leaf_index, position, hash FROM {db.table('ledger_leaves')} "
        "WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?"
    )
    after = start
    while True:
        rows = db.rows(statement, (after, batch))
        if not rows:
            return
        yield [(int(i), int(p), bytes(h)) for i, p, h in rows]
        after = int(rows[-1][0]) + 1


def stored_leaves(db: Snapshot, start: int = 0) -> Iterator[tuple[int, int, bytes]]:
    for rows in leaf_batches(db, start=start):
        yield from rows
