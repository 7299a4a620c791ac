"""Every view rebuilt from the log aside, then switched in: reads go on, no write is lost.

1. Shadow tables are created empty: every rebuilt table's own DDL (as its provider declares it)
   with the suffix `__next` on table and index names.
2. Bulk pass: the log is read in batches (a thread reads the next batch meanwhile) and decoded
   by the application's mapper; the live fold
   (`fold.project` and its handlers) runs into a `FoldBuffer`, an in-memory view store that keeps
   the current row of every view for the whole rebuild. After each batch, the row versions the
   batch closed, and its history, go to the shadow tables in one bulk insert (executemany on
   SQLite, COPY on PostgreSQL): no row is ever updated, so the bulk pass only appends.
3. The rows still current are written with no end position, and the buffer is dropped.
   PostgreSQL builds the secondary indexes now; SQLite, whose index names cannot be renamed,
   builds them at the switch under their own names.
4. Catch-up: what writers appended meanwhile is folded by the live path's `SqlViewStore` into
   the shadow tables, a small batch per transaction, each holding the log's write lock.
5. Switch: in one transaction holding the log's write lock (PostgreSQL: `LOCK TABLE
   <events table> IN EXCLUSIVE MODE`, as the library's insert takes it; SQLite: `BEGIN
   IMMEDIATE`), the last events are folded, the live tables dropped (SQLite: renamed aside, and
   dropped after the switch) and the shadow tables renamed in their place. A writer waits for
   the switch and then writes into the new tables.

Memory: the current row of every view (the catalog, each unit, task, candidacy, commendation and
shortcoming) plus a few batches in flight, and on SQLite a 256 MiB page cache for the bulk
connection: about 1 GB at peak for a million-event commune log (some 80,000 current rows).
One rebuild runs at a time.
"""

from __future__ import annotations

import gc
import queue
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast
from uuid import UUID

import psycopg
from eventsourcing.persistence import Notification

from domain.base import LedgerAggregate
from domain.ledger import LedgerCore
from projections.bulk import BackgroundSink, TableRows, open_sink
from projections.fold import project
from projections.storage import (
    LedgerRecorder,
    PostgresLedgerRecorder,
    Row,
    Sql,
    SQLiteSql,
    dumps,
    view_ddl,
)
from projections.viewstore import (
    HISTORY_COLUMNS,
    VIEWS,
    HistoryEntry,
    MemoryViewStore,
    SqlViewStore,
    View,
    history_rows,
)

SHADOW = "__next"
OLD = "__old"
BATCH = 10_000
CATCH_UP_BATCH = 500
LOCK_ATTEMPTS = 200
LOCK_WAIT_MS = 200  # PostgreSQL looks for deadlocks after a second of waiting
CATCH_UP_ROUNDS = 20  # then the switch folds whatever is left, holding the lock
OTHER_TABLES = ("history", "history_units", "view_position")

Progress = Callable[[int, int], None]  # (events folded, events in the log)
Version = tuple[str, str, int, int | None, Row]  # (view, id, pos_from, pos_to, doc)


def rebuilt_tables() -> list[str]:
    return [*sorted(VIEWS), *OTHER_TABLES]


@dataclass
class FoldBuffer(MemoryViewStore):
    """A MemoryViewStore that hands over, batch by batch, the row versions it has closed, and
    keeps only each row's current version (what the fold's `get` needs) in between."""

    touched: set[tuple[str, str]] = field(default_factory=set)

    def put(self, view: View, doc: Row) -> None:
        super().put(view, doc)
        self.touched.add((view.name, str(doc["id"])))

    def drain(self) -> tuple[list[Version], list[HistoryEntry]]:
        closed: list[Version] = []
        for name, id in self.touched:
            rows = self.versions[name][id]
            if len(rows) > 1:
                closed.extend((name, id, start, end, doc) for start, end, doc in rows[:-1])
                del rows[:-1]
        self.touched.clear()
        history, self.history = self.history, []
        return closed, history

    def open_versions(self) -> list[Version]:
        return [
            (name, id, rows[-1][0], None, rows[-1][2])
            for name, ids in self.versions.items()
            for id, rows in ids.items()
        ]


class ShadowSql:
    """The same transaction, with the rebuilt tables' names pointing at their shadows: the live
    `SqlViewStore` writes into them unchanged."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql
        self._names = set(rebuilt_tables())
        self.dialect = sql.dialect

    def table(self, name: str) -> str:
        return self._sql.table(name + SHADOW if name in self._names else name)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self._sql.execute(statement, params)

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        self._sql.many(statement, rows)

    def one(self, statement: str, params: Sequence[Any] = ()) -> Row | None:
        return self._sql.one(statement, params)

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._sql.all(statement, params)


# --- the shadow tables' DDL, taken from the providers that declare the live tables ---------

_MARK = re.compile(r"⟦(\w+)⟧")
_INDEX = re.compile(r"CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\w+) ON ")


@dataclass(frozen=True)
class _Statement:
    template: str
    index: str | None  # the index the statement creates, if it creates one

    def render(self, sql: Sql, *, shadow: bool) -> str:
        names = set(rebuilt_tables())
        suffix = SHADOW if shadow else ""
        text = _MARK.sub(
            lambda m: sql.table(m[1] + (suffix if m[1] in names else "")), self.template
        )
        if self.index and shadow:
            text = text.replace(f" {self.index} ON ", f" {self.index}{SHADOW} ON ", 1)
        return text


def _statements(dialect: str) -> list[_Statement]:
    names = set(rebuilt_tables())
    found: list[_Statement] = []
    for statement in view_ddl(dialect, lambda n: f"⟦{n}⟧"):
        if names & set(_MARK.findall(statement)):
            index = _INDEX.match(statement)
            found.append(_Statement(statement, index[1] if index else None))
    return found


def _create_shadow(sql: Sql) -> None:
    cascade = " CASCADE" if sql.dialect == "postgres" else ""
    for name in rebuilt_tables():
        sql.execute(f"DROP TABLE IF EXISTS {sql.table(name + SHADOW)}{cascade}")
        sql.execute(f"DROP TABLE IF EXISTS {sql.table(name + OLD)}{cascade}")
    for statement in _statements(sql.dialect):
        if statement.index is None:
            sql.execute(statement.render(sql, shadow=True))


def _index_shadow(sql: Sql) -> None:
    """PostgreSQL: the secondary indexes, built once after the bulk pass."""
    for statement in _statements(sql.dialect):
        if statement.index is not None:
            sql.execute(statement.render(sql, shadow=True))
    for name in rebuilt_tables():
        sql.execute(f"ANALYZE {sql.table(name + SHADOW)}")


def _switch(sql: Sql, store: LedgerRecorder) -> None:
    """Inside the locked transaction: the shadow tables take the live tables' places. On SQLite
    the old tables are only renamed aside here (dropping a large table takes a while); their
    indexes go, so that the new tables' indexes can be built under the same names."""
    names = rebuilt_tables()
    # Other followers may keep their positions beside the views': they carry over.
    sql.execute(
        f"INSERT INTO {sql.table('view_position' + SHADOW)} (name, position) "
        f"SELECT name, position FROM {sql.table('view_position')} WHERE name <> ? "
        "ON CONFLICT (name) DO NOTHING",
        ("views",),
    )
    if isinstance(store, PostgresLedgerRecorder):
        _lock_live_tables(sql, names)
        schema = store.datastore.schema
        for name in names:
            sql.execute(f"DROP TABLE IF EXISTS {sql.table(name)}")
            sql.execute(f"ALTER TABLE {sql.table(name + SHADOW)} RENAME TO {name}")
            for row in sql.all(
                "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ?",
                (schema, name),
            ):
                index = str(row["indexname"])
                if SHADOW in index:
                    renamed = index.replace(SHADOW, "")
                    sql.execute(f'ALTER INDEX "{schema}"."{index}" RENAME TO "{renamed}"')
        return
    for name in names:
        sql.execute(f"DROP TABLE IF EXISTS {name}{OLD}")
        for row in sql.all(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (name,),
        ):
            sql.execute(f"DROP INDEX {row['name']}")
        sql.execute(f"ALTER TABLE {name} RENAME TO {name}{OLD}")
        sql.execute(f"ALTER TABLE {name}{SHADOW} RENAME TO {name}")
    for statement in _statements(sql.dialect):
        if statement.index is not None:
            sql.execute(statement.render(sql, shadow=False))


def _lock_live_tables(sql: Sql, names: Sequence[str]) -> None:
    """PostgreSQL: all the live tables at once, or none. A reader holds a table it has read
    until its transaction ends, and may want another next: waiting for one table while holding
    another could deadlock with it. So the switch waits a little for all of them, lets go of
    what it got if that is not enough, and tries again; a reader waits at most that little,
    well below the server's deadlock timeout, and never fails."""
    tables = ", ".join(sql.table(name) for name in names)
    for attempt in range(LOCK_ATTEMPTS):
        sql.execute("SAVEPOINT switch")
        try:
            sql.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'")
            sql.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")
        except psycopg.errors.LockNotAvailable:
            sql.execute("ROLLBACK TO SAVEPOINT switch")
            time.sleep(random.uniform(0, LOCK_WAIT_MS / 1000) * min(attempt + 1, 10))
            continue
        sql.execute("RELEASE SAVEPOINT switch")
        return
    raise SwitchBlocked(f"readers kept the views busy through {LOCK_ATTEMPTS} attempts")


class SwitchBlocked(Exception):
    """The views could not be switched; the live views are untouched and a rebuild can be run
    again."""


def _drop_old(store: LedgerRecorder) -> None:
    """SQLite: the tables the switch renamed aside, dropped one transaction each."""
    if isinstance(store, PostgresLedgerRecorder):
        return
    for name in rebuilt_tables():
        with writing(store) as sql:
            sql.execute(f"DROP TABLE IF EXISTS {name}{OLD}")


# --- reading the log and writing rows in bulk ----------------------------------------------


def notifications_after(
    sql: Sql, store: LedgerRecorder, position: int, limit: int
) -> list[Notification]:
    """The log after `position`, read inside the caller's transaction."""
    t = sql.table(store.events_table_name)
    key = "notification_id" if sql.dialect == "postgres" else "rowid"
    rows = sql.all(
        f"SELECT {key} AS id, originator_id, originator_version, topic, state FROM {t} "
        f"WHERE {key} > ? ORDER BY {key} LIMIT ?",
        (position, limit),
    )
    return [
        Notification(
            id=int(r["id"]),
            originator_id=(
                r["originator_id"]
                if isinstance(r["originator_id"], UUID)
                else UUID(str(r["originator_id"]))
            ),
            originator_version=int(r["originator_version"]),
            topic=str(r["topic"]),
            state=bytes(r["state"]),
        )
        for r in rows
    ]


@contextmanager
def writing(store: LedgerRecorder) -> Iterator[Sql]:
    """A write transaction. On SQLite it takes the write lock at `BEGIN IMMEDIATE`: a transaction
    that reads first cannot become a writer once another has committed meanwhile."""
    if isinstance(store, PostgresLedgerRecorder):
        with store.writing() as sql:
            yield sql
        return
    with store.datastore.get_connection(commit=True) as conn:
        cursor = conn.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield SQLiteSql(cursor)
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


@contextmanager
def write_locked(store: LedgerRecorder) -> Iterator[Sql]:
    """A transaction that holds the log's write lock from its first statement: no event can be
    appended until it ends."""
    with writing(store) as sql:
        if sql.dialect == "postgres":
            events = sql.table(store.events_table_name)
            sql.execute(f"LOCK TABLE {events} IN EXCLUSIVE MODE")
        yield sql


def _view_columns(view: View) -> tuple[str, ...]:
    return ("id", "pos_from", "pos_to", *(name for name, _ in view.columns), "doc")


def _shadow_rows(versions: Sequence[Version], history: Sequence[HistoryEntry]) -> TableRows:
    by_view: dict[str, list[tuple[Any, ...]]] = {}
    for name, id, start, end, doc in versions:
        rows = by_view.get(name)
        if rows is None:
            rows = by_view[name] = []
        get = doc.get
        rows.append((id, start, end, *[get(c) for c, _ in VIEWS[name].columns], dumps(doc)))
    tables: TableRows = {
        name + SHADOW: (_view_columns(VIEWS[name]), rows) for name, rows in by_view.items()
    }
    entries: list[tuple[Any, ...]] = []
    units: list[tuple[Any, ...]] = []
    for entry in history:
        row, unit_rows = history_rows(entry)
        entries.append(row)
        units += unit_rows
    tables["history" + SHADOW] = (HISTORY_COLUMNS, entries)
    tables["history_units" + SHADOW] = (("unit_id", "position"), units)
    return tables


def decode_batch(ledger: LedgerCore, notes: Sequence[Notification]) -> list[LedgerAggregate.Event]:
    to_domain_event = ledger.mapper.to_domain_event
    return [cast(LedgerAggregate.Event, to_domain_event(n)) for n in notes]


# --- the rebuild --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    events: int  # events folded
    position: int  # the log position the views stand at
    seconds: float
    caught_up: int  # events appended by writers during the bulk pass, folded afterwards
    locked_seconds: float  # how long the switch held the log's write lock


def rebuild_views(
    ledger: LedgerCore, *, batch: int = BATCH, progress: Progress | None = None
) -> Rebuilt:
    started = time.perf_counter()
    store = ledger.store
    with writing(store) as sql:
        _create_shadow(sql)
    position = done = 0
    total = int(store.max_notification_id() or 0)
    if progress:
        progress(0, total)
    with _gc_paused(), BackgroundSink(open_sink(ledger.database, store)) as writer:
        buffer = FoldBuffer()
        # Up to the head as it was when the rebuild began; what comes after is caught up below.
        for notes in _read_ahead(store, batch, total):
            project(decode_batch(ledger, notes), [n.id for n in notes], buffer)
            writer.put(_shadow_rows(*buffer.drain()))
            position = notes[-1].id
            done += len(notes)
            if progress:
                progress(done, total)
        writer.put(_shadow_rows(buffer.open_versions(), []))
        del buffer
    with writing(store) as sql:
        shadow = ShadowSql(sql)
        shadow.execute(
            f"INSERT INTO {shadow.table('view_position')} (name, position) VALUES (?, ?)",
            ("views", position),
        )
        if sql.dialect == "postgres":
            _index_shadow(sql)
    bulk_events = done
    for _ in range(CATCH_UP_ROUNDS):  # catch up, a short locked transaction at a time
        with write_locked(store) as sql:
            notes = notifications_after(sql, store, position, CATCH_UP_BATCH)
            position = _fold_into_shadow(ledger, sql, notes, position)
        done += len(notes)
        if progress and notes:
            progress(done, max(total, position))
        if len(notes) < CATCH_UP_BATCH:
            break
    locked = time.perf_counter()
    with write_locked(store) as sql:
        while notes := notifications_after(sql, store, position, CATCH_UP_BATCH):
            position = _fold_into_shadow(ledger, sql, notes, position)
            done += len(notes)
        _switch(sql, store)
    finished = time.perf_counter()
    _drop_old(store)
    if progress:
        progress(done, done)
    return Rebuilt(
        events=done,
        position=position,
        seconds=finished - started,
        caught_up=done - bulk_events,
        locked_seconds=finished - locked,
    )


def _read_ahead(store: LedgerRecorder, batch: int, stop: int) -> Iterator[Sequence[Notification]]:
    """The log up to `stop`, in batches read one ahead by a thread: the database's work on the
    next batch overlaps the fold of this one."""
    batches: queue.Queue[Sequence[Notification] | BaseException | None] = queue.Queue(maxsize=2)
    halt = threading.Event()

    def read() -> None:
        position = 0
        try:
            while not halt.is_set():
                notes = store.select_notifications(start=position + 1, limit=batch, stop=stop)
                _hand_over(batches, notes or None, halt)
                if not notes:
                    return
                position = notes[-1].id
        except BaseException as error:  # raised in the folding thread
            _hand_over(batches, error, halt)

    reader = threading.Thread(target=read, name="rebuild-reader", daemon=True)
    reader.start()
    try:
        while (item := batches.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        halt.set()
        reader.join()


def _hand_over(batches: queue.Queue[Any], item: Any, halt: threading.Event) -> None:
    while not halt.is_set():
        try:
            batches.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The fold allocates millions of short-lived objects and no cycles: the cyclic collector
    would spend a third of the time rescanning the rows kept in memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fold_into_shadow(
    ledger: LedgerCore, sql: Sql, notes: Sequence[Notification], position: int
) -> int:
    if not notes:
        return position
    views = SqlViewStore(ShadowSql(sql))
    project(decode_batch(ledger, notes), [n.id for n in notes], views)
    views.finish()
    return notes[-1].id
