"""One database holds the log, the views and the idempotency keys, written in one transaction.

The library's application recorders are extended so that `Application.save(...,
in_transaction=callback)` calls `callback(sql, positions)` inside the transaction that inserts
the events, with the positions (notification ids) the log gave them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import orjson
import psycopg
from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    StoredEvent,
)
from eventsourcing.postgres import PostgresAggregateRecorder, PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from eventsourcing.utils import retry
from psycopg import Cursor, pq
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from projections.group import GroupCommit, Pending

Row = dict[str, Any]

# Aggregates kept in memory between commands, least recently used out first. The program and
# the units are loaded by most commands; a task or a unit is a few kilobytes.
AGGREGATE_CACHE_SIZE = 2000


class Sql(Protocol):
    """A cursor inside one transaction, with `?` placeholders on both backends."""

    dialect: str

    def table(self, name: str) -> str: ...

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None: ...

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None: ...

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[Row]: ...


InTransaction = Callable[[Sql, Sequence[int]], None]


class SQLiteSql:
    dialect = "sqlite"

    def __init__(self, cursor: SQLiteCursor) -> None:
        self._c = cursor

    def table(self, name: str) -> str:
        return name

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self._c.execute(statement, params)

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        self._c.executemany(statement, rows)

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        self._c.execute(statement, params)
        row = self._c.fetchone()
        return dict(row) if row is not None else None

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        self._c.execute(statement, params)
        return [dict(r) for r in self._c.fetchall()]


_PLACEHOLDER = re.compile(r"\?")
_VALUES_ROW = re.compile(r"\bVALUES\s*(\([?,\s]*\))\s*$", re.IGNORECASE)
_MANY_ROWS = 200


class PostgresSql:
    dialect = "postgres"

    def __init__(self, cursor: Cursor[DictRow], schema: str) -> None:
        self._c = cursor
        self._schema = schema

    def table(self, name: str) -> str:
        return f'"{self._schema}".{name}'

    @staticmethod
    def _convert(statement: str) -> str:
        return _PLACEHOLDER.sub("%s", statement)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self._c.execute(self._convert(statement), params)

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        """A statement ending in one `VALUES (...)` row goes as a single statement with a row
        of values for each (one round trip; psycopg's `executemany` enters pipeline mode,
        which costs more than that for a few rows); any other as `executemany`."""
        values = _VALUES_ROW.search(statement)
        if values is None or not rows or len(rows) > _MANY_ROWS:
            self._c.executemany(self._convert(statement), rows)
            return
        row = values.group(1)
        head = statement[: values.start(1)]
        self._c.execute(
            self._convert(head + ", ".join([row] * len(rows))),
            [value for r in rows for value in r],
        )

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        self._c.execute(self._convert(statement), params)
        row = self._c.fetchone()
        return dict(row) if row is not None else None

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        self._c.execute(self._convert(statement), params)
        return [dict(r) for r in self._c.fetchall()]


# The tables beside the log: view rows, history, idempotency keys. Filled in by projections.
DDL_PROVIDERS: list[Callable[[str, Callable[[str], str]], list[str]]] = []


def view_ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    return [s for provider in DDL_PROVIDERS for s in provider(dialect, table)]


class SQLiteLedgerRecorder(SQLiteApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = GroupCommit(self._write_one, self._write_many)

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *view_ddl("sqlite", lambda n: n)]

    def insert_events(
        self,
        stored_events: Sequence[StoredEvent],
        *,
        in_transaction: InTransaction | None = None,
        **kwargs: Any,
    ) -> Sequence[int] | None:
        if in_transaction is None:
            return super().insert_events(stored_events, **kwargs)
        return self.group.submit(stored_events, in_transaction)

    def _write_one(self, batch: list[Pending]) -> None:
        (pending,) = batch
        with self.datastore.transaction(commit=True) as c:
            positions = super()._insert_events(c, pending.stored_events) or []
            pending.in_transaction(SQLiteSql(c), positions)
        pending.positions = positions

    def _write_many(self, batch: list[Pending]) -> None:
        written: list[tuple[Pending, Sequence[int]]] = []
        with self.datastore.transaction(commit=True) as c:
            for pending in batch:
                c.execute("SAVEPOINT command")
                try:
                    positions = super()._insert_events(c, pending.stored_events) or []
                    pending.in_transaction(SQLiteSql(c), positions)
                except sqlite3.IntegrityError as error:
                    c.execute("ROLLBACK TO command")
                    pending.error = IntegrityError(str(error))
                    pending.error.__cause__ = error
                except sqlite3.Error:
                    raise  # the database, not the command: the whole transaction fails
                except Exception as error:
                    c.execute("ROLLBACK TO command")
                    pending.error = error
                else:
                    written.append((pending, positions))
                c.execute("RELEASE command")
        for pending, positions in written:
            pending.positions = positions

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        with self.datastore.transaction(commit=False) as c:
            yield SQLiteSql(c)

    @contextmanager
    def writing(self) -> Iterator[Sql]:
        with self.datastore.transaction(commit=True) as c:
            yield SQLiteSql(c)

    @contextmanager
    def reading_once(self) -> Iterator[Sql]:
        """For a single statement, which needs no transaction of its own."""
        with self.reading() as sql:
            yield sql


class PostgresLedgerRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = GroupCommit(self._write_one, self._write_many)
        self._begin_locked: Composed | None = None
        schema = self.datastore.schema
        self.sql_create_statements.extend(
            Composed([SQL(s)]) for s in view_ddl("postgres", lambda n: f'"{schema}".{n}')
        )

    def create_table(self) -> None:
        """Creates the tables once at a time per schema: servers starting together on one
        database would otherwise race on PostgreSQL's catalog ("tuple concurrently updated"),
        even with `IF NOT EXISTS`. A session lock, held on a connection of its own."""
        with self.datastore.get_connection() as conn:
            key = f"socai.schema:{self.datastore.schema}"
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,), prepare=False)
            try:
                super().create_table()
            finally:
                conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,), prepare=False)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self,
        stored_events: Sequence[StoredEvent],
        *,
        in_transaction: InTransaction | None = None,
        **kwargs: Any,
    ) -> Sequence[int] | None:
        if in_transaction is None:
            inserted: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
            return inserted
        return self.group.submit(stored_events, in_transaction)

    # A command alone is written in plain statements, one round trip each, on the pool's
    # autocommit connections: on a local server a round trip costs less CPU than psycopg's
    # pipeline machinery (a four-statement transaction took about 160 µs of the client's CPU
    # plain and 230-270 µs pipelined, and no less wall time). A batch is written in pipeline
    # mode: it holds the lock on the log while others queue for it, and there the fewer
    # round trips shorten the wait more than their CPU costs.

    @contextmanager
    def _transaction(
        self, *, lock: bool
    ) -> Iterator[tuple[psycopg.Connection[DictRow], Cursor[DictRow]]]:
        """A write transaction. With `lock`, the BEGIN, the lock on the log and the
        notification of the commit travel as one round trip (the library sends each alone)."""
        if self._begin_locked is None:
            notify = SQL("NOTIFY {0}").format(Identifier(self.channel_name))
            self._begin_locked = SQL("; ").join([_BEGIN, *self.lock_table_statements, notify])
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._begin_locked if lock else _BEGIN, prepare=False)
            try:
                yield conn, curs
            except BaseException:
                _roll_back(conn, curs)  # a connection that is gone takes the work with it
                raise
            curs.execute(_COMMIT, prepare=False)

    def _write_one(self, batch: list[Pending]) -> None:
        (pending,) = batch
        positions: Sequence[int] = []
        with self._transaction(lock=bool(pending.stored_events)) as (_, curs):
            if pending.stored_events:
                PostgresAggregateRecorder._insert_stored_events(self, curs, pending.stored_events)
                positions = self._positions(curs, pending.stored_events)
            pending.in_transaction(PostgresSql(curs, self.datastore.schema), positions)
        pending.positions = positions

    def _write_many(self, batch: list[Pending]) -> None:
        written: list[tuple[Pending, Sequence[int]]] = []
        with (
            self.datastore.get_connection() as conn,
            conn.pipeline() as pipeline,
            conn.transaction(),
            conn.cursor() as curs,
        ):
            # The lock on the log, once for the whole transaction (as `_insert_stored_events`
            # takes it), so that a command rolled back to its savepoint does not release it.
            self._lock_table(curs)
            self._notify_channel(curs)
            sql = PostgresSql(curs, self.datastore.schema)
            for pending in batch:
                positions: Sequence[int] = []
                try:
                    with conn.transaction():  # a savepoint
                        if pending.stored_events:
                            PostgresAggregateRecorder._insert_stored_events(
                                self, curs, pending.stored_events
                            )
                            pipeline.sync()
                            positions = self._positions(curs, pending.stored_events)
                        pending.in_transaction(sql, positions)
                        pipeline.sync()  # this command's own errors, before the next one
                except psycopg.IntegrityError as error:
                    pending.error = IntegrityError(str(error))
                    pending.error.__cause__ = error
                except (psycopg.OperationalError, psycopg.InterfaceError):
                    raise  # the connection, not the command: the whole transaction fails
                except Exception as error:
                    pending.error = error
                else:
                    written.append((pending, positions))
        for pending, positions in written:
            pending.positions = positions

    def _positions(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent]) -> list[int]:
        return list(self._fetch_ids_after_insert_events(curs, stored_events) or [])

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        """A read-only snapshot: every statement sees the same committed state (PostgreSQL's
        default, READ COMMITTED, gives each statement its own). The BEGIN names the isolation
        level itself, so the snapshot costs a round trip at each end and nothing more."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(_BEGIN_SNAPSHOT, prepare=False)
            try:
                yield PostgresSql(curs, self.datastore.schema)
            finally:
                _roll_back(conn, curs)  # the reader's own error, if any, is the one that goes on

    @contextmanager
    def writing(self) -> Iterator[Sql]:
        with self.datastore.transaction(commit=True) as c:
            yield PostgresSql(c, self.datastore.schema)

    @contextmanager
    def reading_once(self) -> Iterator[Sql]:
        """For a single statement, which needs no transaction of its own: one round trip.
        Several statements would each see their own state; use `reading` for those."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            yield PostgresSql(curs, self.datastore.schema)


_BEGIN_SNAPSHOT = SQL("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
_ROLLBACK = SQL("ROLLBACK")
_BEGIN = SQL("BEGIN")
_COMMIT = SQL("COMMIT")


def _roll_back(conn: psycopg.Connection[DictRow], curs: Cursor[DictRow]) -> None:
    """Ends a transaction left open; a failure to do so is not raised: a connection that is gone
    or broken is dropped by the pool, and its transaction with it."""
    if not conn.broken and conn.info.transaction_status != pq.TransactionStatus.IDLE:
        with suppress(psycopg.Error):
            curs.execute(_ROLLBACK, prepare=False)


LedgerRecorder = SQLiteLedgerRecorder | PostgresLedgerRecorder


@dataclass(frozen=True)
class Database:
    """Where the record lives, parsed from one URL."""

    url: str
    backend: str
    path: str = ""
    dbname: str = ""
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""
    schema: str = "public"

    @classmethod
    def from_url(cls, url: str) -> Database:
        parts = urlsplit(url)
        if parts.scheme == "sqlite":
            path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
            if not path:
                raise ValueError("a SQLite URL looks like sqlite:///socai.db")
            return cls(url=url, backend="sqlite", path=path)
        if parts.scheme in ("postgresql", "postgres"):
            query = parse_qs(parts.query)
            schema = query.get("schema", ["public"])[0]
            if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
                raise ValueError("schema: use lowercase letters, digits and underscores")
            return cls(
                url=url,
                backend="postgres",
                dbname=unquote(parts.path.lstrip("/")) or "socai",
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=unquote(parts.username or "postgres"),
                password=unquote(parts.password or ""),
                schema=schema,
            )
        raise ValueError(f"unsupported database URL scheme '{parts.scheme}'")

    def admin_conninfo(self) -> str:
        return psycopg.conninfo.make_conninfo(
            dbname=self.dbname,
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
        )

    def prepare(self) -> None:
        """Creates what the library does not: the SQLite folder, the PostgreSQL schema."""
        if self.backend == "sqlite":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            return
        with psycopg.connect(self.admin_conninfo(), autocommit=True) as conn:
            conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(self.schema)))

    def eventsourcing_env(self) -> dict[str, str]:
        """The library's settings, derived here and nowhere else.

        Aggregates are kept in the library's cache and fast-forwarded on every load: one
        read of the events after the cached version (none, usually), instead of the whole
        stream. The read still goes to the database, so an event another server process
        wrote is always seen; a command works on a deep copy, so a refused or colliding
        command leaves the cached aggregate as it was."""
        cache = {
            "AGGREGATE_CACHE_MAXSIZE": str(AGGREGATE_CACHE_SIZE),
            "AGGREGATE_CACHE_FASTFORWARD": "y",
        }
        if self.backend == "sqlite":
            return {
                **cache,
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": self.path,
                "SQLITE_LOCK_TIMEOUT": "30",
                "APPLICATION_RECORDER_TOPIC": "projections.storage:SQLiteLedgerRecorder",
            }
        return {
            **cache,
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": self.dbname,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_SCHEMA": self.schema,
            "POSTGRES_POOL_SIZE": "4",
            "POSTGRES_MAX_OVERFLOW": "8",
            "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
            "APPLICATION_RECORDER_TOPIC": "projections.storage:PostgresLedgerRecorder",
        }


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, text as is. The same text as `json.dumps(value,
    ensure_ascii=False, sort_keys=True, separators=(",", ":"))` for what documents hold (text,
    integers, booleans, null, lists, objects with text keys), about eight times faster."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
