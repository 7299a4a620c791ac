"""Every view rebuilt from the log aside, then switched in: reads go on, no write is lost.

1. Shadow tables are created empty: every rebuilt table's own DDL (as its provider declares it)
   with the suffix `__next` on table and index names (on PostgreSQL without their composite
   primary keys, added after the bulk pass).
2. Bulk pass: the log is read in batches of raw rows (a thread reads the next batch meanwhile)
   and decoded by `decode.FastDecoder` into the mapper's own event objects, except progress
   reports in their plain stored shape, read straight into their fields (`bulkfold`); the live
   fold's handlers (`fold.fold_event`) run into a `FoldBuffer`, an in-memory view store that
   keeps the current row of every view for the whole rebuild. After each batch, the row
   versions the batch closed go to the shadow tables in one bulk insert (multi-row INSERTs on
   SQLite, COPY on PostgreSQL) from a thread of their own: no row is ever updated, so the bulk
   pass only appends. The history is written the same way, from a second process on a large log: it
   reads and decodes the same batches, and gets from the fold only each event's summary and
   units, so the two processes share the work (`HELPER_EVENTS`). That process also folds the
   progress reports' own rows, which no other view needs (`bulkfold.SPLIT_VIEWS`).
3. The rows still current are written with no end position, 50,000 to a transaction, and the
   buffer is dropped. PostgreSQL adds the primary keys and builds the secondary indexes now;
   SQLite, whose index names cannot be renamed, builds them at the switch under their own names.
4. Catch-up: what writers appended meanwhile is folded by the live path's `SqlViewStore` into
   the shadow tables, a small batch per transaction, each holding the log's write lock.
5. Switch: in one transaction holding the log's write lock (PostgreSQL: `LOCK TABLE
   <events table> IN EXCLUSIVE MODE`, as the library's insert takes it; SQLite: `BEGIN
   IMMEDIATE`), the last events are folded, the live tables dropped (SQLite: renamed aside, and
   dropped after the switch) and the shadow tables renamed in their place. A writer waits for
   the switch and then writes into the new tables.

Memory: the current row of every view (the catalog, each unit, task, candidacy, commendation,
shortcoming and progress report) plus a few batches in flight, and on SQLite a 256 MiB page
cache for each bulk connection: about 2.6 GB at peak on SQLite and 1.6 GB on PostgreSQL, both
processes together, for a generated million-event log, three quarters of it progress reports
(750,000 current rows, held by the history process). One rebuild runs at a time.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import queue
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any, NoReturn, cast
from uuid import UUID

import orjson
import psycopg
from eventsourcing.persistence import Notification

from domain.base import LedgerAggregate
from domain.ledger import LedgerCore
from projections.bulk import BackgroundSink, TableRows, open_sink
from projections.bulkfold import (
    SPLIT_FOLDS,
    SPLIT_VIEWS,
    fold_report,
    fold_report_task,
    put_report_row,
    report_history_entry,
    shortcut_holds,
    split_holds,
)
from projections.decode import FastDecoder, ProgressReport, RawEvent
from projections.fold import Touched, fold_also, fold_event, history_entry, project
from projections.storage import (
    Database,
    LedgerRecorder,
    PostgresLedgerRecorder,
    Row,
    Sql,
    SQLiteSql,
    view_ddl,
)
from projections.viewstore import (
    HISTORY_COLUMNS,
    VIEWS,
    HistoryEntry,
    SqlViewStore,
    View,
)

SHADOW = "__next"
OLD = "__old"
# Events per batch of the bulk pass. On SQLite each batch is a transaction of the one writer
# the file allows, and a commit from the other process's connection empties this one's page
# cache: fewer, larger batches rewrite and reread fewer index pages (a million-event rebuild
# 17–19k events/s at 40,000 against 15–17k at 10,000, 5.5 against 7.0 GB written). On
# PostgreSQL larger batches were slower (13.0k against 14.7–15.5k events/s).
BATCH = 10_000
SQLITE_BATCH = 40_000
HELPER_EVENTS = 50_000  # from this many events on, a second process writes the history
CATCH_UP_BATCH = 500
CURRENT_SLICE = 50_000  # current rows written per transaction at the end of the bulk pass
LOCK_ATTEMPTS = 200
LOCK_WAIT_MS = 200  # PostgreSQL looks for deadlocks after a second of waiting
CATCH_UP_ROUNDS = 20  # then the switch folds whatever is left, holding the lock
OTHER_TABLES = ("history", "history_units", "view_position")

Progress = Callable[[int, int], None]  # (events folded, events in the log)
Version = tuple[str, str, int, int | None, Row]  # (view, id, pos_from, pos_to, doc)


def rebuilt_tables() -> list[str]:
    return [*sorted(VIEWS), *OTHER_TABLES]


class FoldBuffer:
    """The fold's view store for the bulk pass: the current version of every row in memory
    (what the fold's `get` needs), and the versions the fold has closed since the last `drain`,
    ready to be written. Row versions are the same as `MemoryViewStore` (and
    the live `SqlViewStore`) makes: a `put` at a new position closes the current version there,
    a second `put` at the same position replaces it."""

    def __init__(self, views: Collection[str] = VIEWS) -> None:
        self.position = 0
        self._current: dict[str, dict[str, tuple[int, Row]]] = {name: {} for name in views}
        self._closed: list[Version] = []

    def _rows(self, view: View) -> dict[str, tuple[int, Row]]:
        try:
            return self._current[view.name]
        except KeyError:
            raise SplitBroken(
                f"{view.name} is folded by the other process of the rebuild, yet a handler "
                "here reads or writes it"
            ) from None

    def get(self, view: View, id: str) -> Row | None:
        found = self._rows(view).get(id)
        return dict(found[1]) if found is not None else None

    def put(self, view: View, doc: Row) -> None:
        id = str(doc["id"])
        rows = self._rows(view)
        position = self.position
        old = rows.get(id)
        if old is not None and old[0] != position:
            self._closed.append((view.name, id, old[0], position, old[1]))
        rows[id] = (position, dict(doc))

    def append_history(self, entry: HistoryEntry) -> None:
        raise NotImplementedError("the bulk pass writes the history itself")

    def drain(self) -> list[Version]:
        closed, self._closed = self._closed, []
        return closed

    def open_versions(self) -> list[Version]:
        return [
            (name, id, start, None, doc)
            for name, rows in self._current.items()
            for id, (start, doc) in rows.items()
        ]


class RebuildStopped(Exception):
    """The rebuild stopped before its switch: the live views are untouched, and a rebuild can
    be run again."""


class SplitBroken(RebuildStopped):
    """A handler touched a view that the other process of the bulk pass folds (see
    `bulkfold.SPLIT_VIEWS`)."""


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


_TABLE_KEY = re.compile(r"CREATE TABLE IF NOT EXISTS ⟦(\w+)⟧ .*(, PRIMARY KEY \(([^)]*)\))\)$")


def _deferred_key(statement: _Statement) -> tuple[_Statement, str, str] | None:
    """PostgreSQL: a table's statement without its composite primary key, the table, and the
    key's columns. The key is added once the bulk pass has copied every row in (built from the
    sorted rows, where keeping it during the copy would insert into it row by row)."""
    found = _TABLE_KEY.match(statement.template)
    if found is None:
        return None
    without = statement.template[: found.start(2)] + statement.template[found.end(2) :]
    return _Statement(without, None), found[1], found[3]


def _create_shadow(sql: Sql) -> None:
    cascade = " CASCADE" if sql.dialect == "postgres" else ""
    for name in rebuilt_tables():
        sql.execute(f"DROP TABLE IF EXISTS {sql.table(name + SHADOW)}{cascade}")
        sql.execute(f"DROP TABLE IF EXISTS {sql.table(name + OLD)}{cascade}")
    for statement in _statements(sql.dialect):
        if statement.index is None:
            deferred = _deferred_key(statement) if sql.dialect == "postgres" else None
            sql.execute((deferred[0] if deferred else statement).render(sql, shadow=True))


def _index_shadow(sql: Sql) -> None:
    """PostgreSQL: the composite primary keys and the secondary indexes, built once after the
    bulk pass."""
    for statement in _statements(sql.dialect):
        if statement.index is None and (deferred := _deferred_key(statement)):
            _, name, columns = deferred
            sql.execute(f"ALTER TABLE {sql.table(name + SHADOW)} ADD PRIMARY KEY ({columns})")
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


class SwitchBlocked(RebuildStopped):
    """Readers kept the live views busy: they could not be switched."""


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


@cache
def _columns(name: str) -> tuple[str, ...]:
    return tuple(column for column, _ in VIEWS[name].columns)


def _view_rows(versions: Sequence[Version]) -> TableRows:
    """View rows as `SqlViewStore` writes them (documents by `storage.dumps`; a column missing
    from a document is NULL)."""
    encode, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    by_view: dict[str, tuple[list[tuple[Any, ...]], itemgetter[Any] | None, int]] = {}
    for name, id, start, end, doc in versions:
        found = by_view.get(name)
        if found is None:
            columns = _columns(name)
            found = by_view[name] = ([], itemgetter(*columns) if columns else None, len(columns))
        rows, values, count = found
        text = encode(doc, option=sort).decode()
        try:
            if count > 1:  # the getter gives a tuple
                rows.append((id, start, end, *values(doc), text))  # type: ignore[misc]
            elif count == 1:  # the value itself
                rows.append((id, start, end, values(doc), text))  # type: ignore[misc]
            else:
                rows.append((id, start, end, text))
        except KeyError:
            rows.append((id, start, end, *[doc.get(c) for c in _columns(name)], text))
    return {
        name + SHADOW: (_view_columns(VIEWS[name]), rows) for name, (rows, _, _) in by_view.items()
    }


def _history_rows(history: Sequence[HistoryEntry]) -> TableRows:
    """History rows as `viewstore.history_rows` makes them."""
    encode, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    entries: list[tuple[Any, ...]] = []
    units: list[tuple[Any, ...]] = []
    for entry in history:
        entries.append(
            (
                *entry[:12],
                encode(list(entry.units)).decode(),
                encode(entry.data, option=sort).decode(),
            )
        )
        if entry.units:
            position = entry.position
            units += [(unit, position) for unit in dict.fromkeys(entry.units)]
    return {
        "history" + SHADOW: (HISTORY_COLUMNS, entries),
        "history_units" + SHADOW: (("unit_id", "position"), units),
    }


def _history_entry(
    event: LedgerAggregate.Event | ProgressReport, position: int, touched: Touched
) -> HistoryEntry:
    if isinstance(event, ProgressReport):
        return report_history_entry(event, position, touched)
    return history_entry(event, position, touched)


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
    ledger: LedgerCore,
    *,
    batch: int | None = None,
    progress: Progress | None = None,
    helper: bool | None = None,
) -> Rebuilt:
    """`batch`: events per batch of the bulk pass (by default `SQLITE_BATCH` on SQLite,
    `BATCH` on PostgreSQL). `helper`: write the history from a second process (see
    `_bulk_pass`); by default when the log holds `HELPER_EVENTS` events or more."""
    started = time.perf_counter()
    store = ledger.store
    if batch is None:
        batch = BATCH if isinstance(store, PostgresLedgerRecorder) else SQLITE_BATCH
    with writing(store) as sql:
        _create_shadow(sql)
    total = int(store.max_notification_id() or 0)
    if progress:
        progress(0, total)
    if helper is None:
        helper = total >= HELPER_EVENTS
    position, done = _bulk_pass(ledger, batch, total, progress, helper=helper)
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


def _bulk_pass(
    ledger: LedgerCore, batch: int, stop: int, progress: Progress | None, *, helper: bool
) -> tuple[int, int]:
    """Folds the log up to `stop` into the shadow tables; returns the last position folded and
    the number of events.

    With `helper`, a second process writes the history: it reads and decodes the same batches
    itself, and gets from here only what the fold adds to each event's entry (its summary and
    units), so that the two processes share the work of a batch."""
    store = ledger.store
    position = done = 0
    decode, shortcut = FastDecoder(ledger.mapper).decode_bulk, shortcut_holds()
    split = helper and split_holds()
    buffer = FoldBuffer(set(VIEWS) - SPLIT_VIEWS) if split else FoldBuffer()
    report, skip = (fold_report_task, SPLIT_FOLDS) if split else (fold_report, ())
    with ExitStack() as stack:
        stack.enter_context(_gc_paused())
        history = (
            stack.enter_context(_HistoryHelper(ledger, batch, stop, split)) if helper else None
        )
        writer = stack.enter_context(BackgroundSink(open_sink(ledger.database, store)))
        for rows in _read_ahead(ledger.database, store, batch, stop):
            events = decode(rows, shortcut)
            touched: list[Touched] = []
            for row, event in zip(rows, events, strict=True):
                buffer.position = row[0]
                touched.append(
                    report(event, buffer)
                    if isinstance(event, ProgressReport)
                    else fold_event(event, buffer, skip)
                )
            tables = _view_rows(buffer.drain())
            if history is not None:
                history.send(rows[0][0], rows[-1][0], touched)
            else:
                entries = [
                    _history_entry(event, row[0], t)
                    for row, event, t in zip(rows, events, touched, strict=True)
                ]
                tables.update(_history_rows(entries))
            writer.put(tables)
            position = rows[-1][0]
            done += len(rows)
            if progress:
                progress(done, stop)
        _write_current(buffer, writer)
        if history is not None:
            history.finish(done)
    return position, done


def _write_current(buffer: FoldBuffer, writer: BackgroundSink) -> None:
    """The rows still current, a slice at a time: the writer's thread inserts one while the
    next is encoded, and the encoded text of all of them is never in memory at once."""
    current = buffer.open_versions()
    for start in range(0, len(current), CURRENT_SLICE):
        writer.put(_view_rows(current[start : start + CURRENT_SLICE]))


class HelperFailed(RebuildStopped):
    """The process writing the history stopped, or failed."""


class _HistoryHelper:
    """The second process of the bulk pass, and the pipe that feeds it."""

    def __init__(self, ledger: LedgerCore, batch: int, stop: int, split: bool) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process with threads
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_history_worker,
            args=(type(ledger), ledger.database.url, batch, stop, split, child),
            name="rebuild-history",
            daemon=True,
        )
        self._child = child

    def __enter__(self) -> _HistoryHelper:
        self._process.start()
        self._child.close()
        return self

    def send(self, first: int, last: int, touched: Sequence[Touched]) -> None:
        try:
            self._conn.send((first, last, [(t.units, t.summary) for t in touched]))
        except (ConnectionError, EOFError):
            self._fail()

    def finish(self, events: int) -> None:
        try:
            self._conn.send(None)
            outcome = self._conn.recv()
        except (ConnectionError, EOFError):
            self._fail()
        if outcome != ("done", events):
            raise HelperFailed(f"the history process: {outcome}")

    def _fail(self) -> NoReturn:
        outcome: object = "stopped"
        with suppress(ConnectionError, EOFError):  # a process killed resets the pipe
            if self._conn.poll(1):
                outcome = self._conn.recv()
        raise HelperFailed(f"the history process: {outcome}")

    def __exit__(self, *rest: object) -> None:
        self._conn.close()
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _history_worker(
    ledger_class: type[LedgerCore],
    url: str,
    batch: int,
    stop: int,
    split: bool,
    conn: multiprocessing.connection.Connection,
) -> None:
    """In the helper process: the history of the log up to `stop`, written to the shadow
    tables batch by batch as the fold sends each batch's summaries and units; with `split`,
    the views of `SPLIT_VIEWS` too."""
    try:
        ledger = ledger_class(Database.from_url(url))
        try:
            done = _write_history(ledger, batch, stop, split, conn)
        finally:
            ledger.close()
        conn.send(("done", done))
    except BaseException as error:
        with suppress(BrokenPipeError, OSError):
            conn.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def _write_history(
    ledger: LedgerCore,
    batch: int,
    stop: int,
    split: bool,
    conn: multiprocessing.connection.Connection,
) -> int:
    decode, shortcut = FastDecoder(ledger.mapper).decode_bulk, shortcut_holds()
    buffer = FoldBuffer(SPLIT_VIEWS)
    done = 0
    with _gc_paused(), BackgroundSink(open_sink(ledger.database, ledger.store)) as writer:
        for rows in _read_ahead(ledger.database, ledger.store, batch, stop):
            events = decode(rows, shortcut)
            if split:  # the split views' rows, before waiting for the fold
                for row, event in zip(rows, events, strict=True):
                    buffer.position = row[0]
                    if isinstance(event, ProgressReport):
                        put_report_row(event, buffer)
                    else:
                        fold_also(event, buffer, SPLIT_FOLDS)
            sent = conn.recv()
            if sent is None:
                raise HelperFailed("the fold ended early")
            first, last, touched = sent
            if (first, last, len(touched)) != (rows[0][0], rows[-1][0], len(rows)):
                raise HelperFailed(f"batch {first}–{last} does not match the log's")
            tables = _history_rows(
                [
                    _history_entry(event, row[0], Touched(*t))
                    for row, event, t in zip(rows, events, touched, strict=True)
                ]
            )
            tables.update(_view_rows(buffer.drain()))
            writer.put(tables)
            done += len(rows)
        if conn.recv() is not None:
            raise HelperFailed("the fold sent more batches than the log holds")
        _write_current(buffer, writer)
    return done


def _read_ahead(
    database: Database, store: LedgerRecorder, batch: int, stop: int
) -> Iterator[Sequence[RawEvent]]:
    """The log up to `stop`, in batches of raw rows read one ahead by a thread: the database's
    work on the next batch overlaps the fold of this one."""
    batches: queue.Queue[Sequence[RawEvent] | BaseException | None] = queue.Queue(maxsize=2)
    halt = threading.Event()

    def read() -> None:
        position = 0
        try:
            with _raw_reader(database, store) as select:
                while not halt.is_set():
                    rows = select(position, stop, batch)
                    _hand_over(batches, rows or None, halt)
                    if not rows:
                        return
                    position = rows[-1][0]
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


Select = Callable[[int, int, int], list[RawEvent]]  # (after, up to, limit) -> rows


@contextmanager
def _raw_reader(database: Database, store: LedgerRecorder) -> Iterator[Select]:
    """Log rows as plain tuples, without the library's notification objects."""
    table = store.events_table_name
    if isinstance(store, PostgresLedgerRecorder):
        statement = (
            "SELECT notification_id, originator_id, originator_version, topic, state "
            f'FROM "{store.datastore.schema}".{table} '
            "WHERE notification_id > %s AND notification_id <= %s "
            "ORDER BY notification_id LIMIT %s"
        )

        def select_postgres(after: int, stop: int, limit: int) -> list[RawEvent]:
            with store.datastore.transaction(commit=False) as cursor:
                cursor.execute(statement, (after, stop, limit))
                return [
                    (
                        r["notification_id"],
                        r["originator_id"],
                        r["originator_version"],
                        r["topic"],
                        bytes(r["state"]),
                    )
                    for r in cursor.fetchall()
                ]

        yield select_postgres
        return
    connection = sqlite3.connect(database.path, timeout=30)
    try:
        query = (
            f"SELECT rowid, originator_id, originator_version, topic, state FROM {table} "
            "WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?"
        )

        def select_sqlite(after: int, stop: int, limit: int) -> list[RawEvent]:
            return connection.execute(query, (after, stop, limit)).fetchall()

        yield select_sqlite
    finally:
        connection.close()


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
