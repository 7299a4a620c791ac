"""Appending many rows fast, for the rebuild and the import: COPY on PostgreSQL, executemany on
SQLite, in a thread of their own so that the database's work overlaps the caller's next batch.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from functools import cache
from typing import Any

from psycopg.sql import SQL, Identifier

from projections.storage import Database, LedgerRecorder, PostgresLedgerRecorder

VARIABLES = 30_000  # parameters per SQLite statement (its limit is 32,766 or more)

# table -> (columns, rows), appended in one transaction
TableRows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]


class SQLiteSink:
    """A connection of its own, like another process's: the application's pool stays free for
    the writers, and its settings suit bulk appends (a large page cache; commits not flushed to
    disk one by one, which in WAL mode never corrupts, and the switch commits durably later)."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA cache_size = -262144")  # 256 MiB

    def insert(self, tables: TableRows) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for name, (columns, rows) in tables.items():
                # Many rows per statement: the interpreter lock is released once per statement
                # while SQLite works, not once per row.
                per_statement = max(1, VARIABLES // len(columns))
                for start in range(0, len(rows), per_statement):
                    chunk = rows[start : start + per_statement]
                    self._conn.execute(
                        self._statement(name, columns, len(chunk)),
                        [value for row in chunk for value in row],
                    )
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.commit()

    @staticmethod
    @cache
    def _statement(name: str, columns: tuple[str, ...], count: int) -> str:
        group = "(" + ", ".join("?" * len(columns)) + ")"
        return f"INSERT INTO {name} ({', '.join(columns)}) VALUES " + ", ".join([group] * count)

    def close(self) -> None:
        self._conn.close()


class PostgresSink:
    def __init__(self, store: PostgresLedgerRecorder) -> None:
        self._store = store

    def insert(self, tables: TableRows) -> None:
        schema = self._store.datastore.schema
        with self._store.datastore.transaction(commit=True) as cursor:
            for name, (columns, rows) in tables.items():
                if not rows:
                    continue
                statement = SQL("COPY {}.{} ({}) FROM STDIN").format(
                    Identifier(schema),
                    Identifier(name),
                    SQL(", ").join(Identifier(c) for c in columns),
                )
                with cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)

    def close(self) -> None:
        pass


Sink = SQLiteSink | PostgresSink


def open_sink(database: Database, store: LedgerRecorder) -> Sink:
    if isinstance(store, PostgresLedgerRecorder):
        return PostgresSink(store)
    return SQLiteSink(database.path)


class BackgroundSink:
    """Hands batches to a thread that appends them; at most two batches wait. An error in the
    thread is raised in the caller at its next `put`, or when the block ends."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._queue: queue.Queue[TableRows | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulk-sink", daemon=True)

    def __enter__(self) -> BackgroundSink:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._queue.put(None)
        self._thread.join()
        self._sink.close()
        if self._error is not None and kind is None:
            raise self._error

    def put(self, tables: TableRows) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(tables)

    def _run(self) -> None:
        while (tables := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain what is queued, so that `put` never blocks forever
            try:
                self._sink.insert(tables)
            except BaseException as error:  # raised in the caller's thread
                self._error = error
