"""Versioned view rows. Each row version records the log position where it began and where it
was superseded, so every view can be read as it stood at any past position.

A fold writes through the `ViewStore` protocol; `SqlViewStore` writes the database inside the
event transaction, `MemoryViewStore` keeps everything in dictionaries for tests and replays.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from projections.storage import DDL_PROVIDERS, Row, Sql, dumps


@dataclass(frozen=True)
class View:
    """A view table: documents keyed by `id`, with some fields copied into indexed columns."""

    name: str
    columns: tuple[tuple[str, str], ...] = ()  # (field, "TEXT" | "INTEGER")
    # Columns also indexed over every row version, not only the current ones: an `asOf` read
    # that selects by one of them seeks instead of scanning the versions.
    as_of: tuple[str, ...] = ()
    # Whether each column also gets an index over the current rows (a view read only by
    # `as_of` columns does without them, and its writes touch fewer indexes).
    current_indexes: bool = True

    def ddl(self, dialect: str, table: Callable[[str], str]) -> list[str]:
        t = table(self.name)
        position = "BIGINT" if dialect == "postgres" else "INTEGER"
        cols = "".join(f", {name} {kind}" for name, kind in self.columns)
        statements = [
            f"CREATE TABLE IF NOT EXISTS {t} (id TEXT NOT NULL, pos_from {position} NOT NULL, "
            f"pos_to {position}{cols}, doc TEXT NOT NULL, PRIMARY KEY (id, pos_from))",
            f"CREATE UNIQUE INDEX IF NOT EXISTS {self.name}_current ON {t} (id) "
            "WHERE pos_to IS NULL",
        ]
        statements += [
            f"CREATE INDEX IF NOT EXISTS {self.name}_{name} ON {t} ({name}) WHERE pos_to IS NULL"
            for name, _ in self.columns
            if self.current_indexes
        ]
        statements += [
            f"CREATE INDEX IF NOT EXISTS {self.name}_{name}_as_of ON {t} ({name}, pos_from)"
            for name in self.as_of
        ]
        return statements


VIEWS: dict[str, View] = {}


def define_view(
    name: str,
    *columns: tuple[str, str],
    as_of: tuple[str, ...] = (),
    current_indexes: bool = True,
) -> View:
    view = View(name, tuple(columns), as_of, current_indexes)
    VIEWS[name] = view
    return view


class HistoryEntry(NamedTuple):
    position: int
    recorded_at: str
    stream: str
    stream_id: str
    version: int
    event_type: str
    actor_id: str
    actor_role: str
    effective_date: str | None
    reason: str
    correlation_id: str
    summary: str
    units: tuple[str, ...]
    data: dict[str, Any]


HISTORY_COLUMNS = (
    "position",
    "recorded_at",
    "stream",
    "stream_id",
    "version",
    "event_type",
    "actor_id",
    "actor_role",
    "effective_date",
    "reason",
    "correlation_id",
    "summary",
    "units",
    "data",
)


def history_rows(entry: HistoryEntry) -> tuple[tuple[Any, ...], list[tuple[str, int]]]:
    """The history row of an entry (in `HISTORY_COLUMNS` order) and its `history_units` rows."""
    row = (
        entry.position,
        entry.recorded_at,
        entry.stream,
        entry.stream_id,
        entry.version,
        entry.event_type,
        entry.actor_id,
        entry.actor_role,
        entry.effective_date,
        entry.reason,
        entry.correlation_id,
        entry.summary,
        dumps(list(entry.units)),
        dumps(entry.data),
    )
    return row, [(unit, entry.position) for unit in dict.fromkeys(entry.units)]


class ViewStore(Protocol):
    position: int

    def get(self, view: View, id: str) -> Row | None: ...

    def put(self, view: View, doc: Row) -> None: ...

    def append_history(self, entry: HistoryEntry) -> None: ...


def _history_ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    position = "BIGINT" if dialect == "postgres" else "INTEGER"
    return [
        f"CREATE TABLE IF NOT EXISTS {table('history')} (position {position} PRIMARY KEY, "
        "recorded_at TEXT NOT NULL, stream TEXT NOT NULL, stream_id TEXT NOT NULL, "
        "version INTEGER NOT NULL, event_type TEXT NOT NULL, actor_id TEXT NOT NULL, "
        "actor_role TEXT NOT NULL, effective_date TEXT, reason TEXT NOT NULL, "
        "correlation_id TEXT NOT NULL, summary TEXT NOT NULL, units TEXT NOT NULL, "
        "data TEXT NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS history_recorded_at ON {table('history')} (recorded_at)",
        f"CREATE INDEX IF NOT EXISTS history_stream_id ON {table('history')} (stream_id)",
        f"CREATE TABLE IF NOT EXISTS {table('history_units')} (unit_id TEXT NOT NULL, "
        f"position {position} NOT NULL, PRIMARY KEY (unit_id, position))",
        f"CREATE TABLE IF NOT EXISTS {table('view_position')} (name TEXT PRIMARY KEY, "
        f"position {position} NOT NULL)",
    ]


def _views_ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    return [s for view in VIEWS.values() for s in view.ddl(dialect, table)]


DDL_PROVIDERS.extend([_history_ddl, _views_ddl])


class SqlViewStore:
    """Writes view rows inside the transaction that records the events.

    A row's new version, on SQLite, takes the current row's place and the old version is
    copied out beside it (with the position that ended it): an index of the view is touched
    only where the indexed value changed, and the copy, no longer current, enters none of the
    partial indexes. So a change writes a few pages to the log file instead of one per index.
    PostgreSQL writes a new tuple on every update anyway, so there the old version is closed
    and the new one inserted, as the rows read."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql
        self.position = 0
        # Rows written in this transaction: (view, id) -> (pos_from, doc).
        self._written: dict[tuple[str, str], tuple[int, Row]] = {}
        # Current rows as read from the database: (view, id) -> pos_from, doc and columns.
        self._read: dict[tuple[str, str], Row] = {}

    def _select_current(self, view: View, id: str) -> Row | None:
        names = "".join(f", {name}" for name, _ in view.columns)
        row = self.sql.one(
            f"SELECT pos_from, doc{names} FROM {self.sql.table(view.name)} "
            "WHERE id = ? AND pos_to IS NULL",
            (id,),
        )
        if row is not None:
            self._read[(view.name, id)] = row
        return row

    def get(self, view: View, id: str) -> Row | None:
        written = self._written.get((view.name, id))
        if written is not None:
            return dict(written[1])
        row = self._select_current(view, id)
        return json.loads(row["doc"]) if row else None

    def put(self, view: View, doc: Row) -> None:
        id = str(doc["id"])
        key = (view.name, id)
        t = self.sql.table(view.name)
        columns = [name for name, _ in view.columns]
        written = self._written.get(key)
        if written is not None and written[0] == self.position:
            # A second change at the same position: the version this transaction wrote.
            changed = [name for name in columns if doc.get(name) != written[1].get(name)]
            sets = "".join(f", {name} = ?" for name in changed)
            self.sql.execute(
                f"UPDATE {t} SET doc = ?{sets} WHERE id = ? AND pos_to IS NULL",
                (dumps(doc), *(doc.get(name) for name in changed), id),
            )
        elif self.sql.dialect == "sqlite":
            self._supersede_in_place(view, doc, written)
        else:
            self.sql.execute(
                f"UPDATE {t} SET pos_to = ? WHERE id = ? AND pos_to IS NULL", (self.position, id)
            )
            self._insert(view, doc)
        self._written[key] = (self.position, dict(doc))

    def _insert(self, view: View, doc: Row) -> None:
        names = "".join(f", {name}" for name, _ in view.columns)
        marks = ", ?" * len(view.columns)
        self.sql.execute(
            f"INSERT INTO {self.sql.table(view.name)} (id, pos_from, pos_to{names}, doc) "
            f"VALUES (?, ?, NULL{marks}, ?)",
            (str(doc["id"]), self.position, *(doc.get(n) for n, _ in view.columns), dumps(doc)),
        )

    def _supersede_in_place(self, view: View, doc: Row, written: tuple[int, Row] | None) -> None:
        id = str(doc["id"])
        columns = [name for name, _ in view.columns]
        old: Row | None
        if written is not None:  # written earlier in this transaction, at an earlier position
            pos_from, old_doc = written
            old = {"pos_from": pos_from, "doc": dumps(old_doc)}
            old.update((name, old_doc.get(name)) for name in columns)
        else:
            old = self._read.pop((view.name, id), None) or self._select_current(view, id)
        if old is None:
            self._insert(view, doc)
            return
        t = self.sql.table(view.name)
        changed = [name for name in columns if doc.get(name) != old[name]]
        sets = "".join(f", {name} = ?" for name in changed)
        self.sql.execute(
            f"UPDATE {t} SET pos_from = ?, doc = ?{sets} WHERE id = ? AND pos_to IS NULL",
            (self.position, dumps(doc), *(doc.get(name) for name in changed), id),
        )
        names = "".join(f", {name}" for name in columns)
        marks = ", ?" * len(columns)
        self.sql.execute(
            f"INSERT INTO {t} (id, pos_from, pos_to{names}, doc) VALUES (?, ?, ?{marks}, ?)",
            (id, old["pos_from"], self.position, *(old[name] for name in columns), old["doc"]),
        )

    def append_history(self, entry: HistoryEntry) -> None:
        row, units = history_rows(entry)
        columns = ", ".join(HISTORY_COLUMNS)
        marks = ", ".join("?" * len(HISTORY_COLUMNS))
        t = self.sql.table("history")
        self.sql.execute(f"INSERT INTO {t} ({columns}) VALUES ({marks})", row)
        if units:
            self.sql.many(
                f"INSERT INTO {self.sql.table('history_units')} (unit_id, position) VALUES (?, ?)",
                units,
            )

    def finish(self, name: str = "views") -> None:
        t = self.sql.table("view_position")
        self.sql.execute(
            f"INSERT INTO {t} (name, position) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
            (name, self.position),
        )


@dataclass
class MemoryViewStore:
    """The same views held in dictionaries, with every row version kept."""

    position: int = 0
    versions: dict[str, dict[str, list[tuple[int, int | None, Row]]]] = field(default_factory=dict)
    history: list[HistoryEntry] = field(default_factory=list)

    def get(self, view: View, id: str) -> Row | None:
        rows = self.versions.get(view.name, {}).get(id)
        if not rows or rows[-1][1] is not None:
            return None
        return dict(rows[-1][2])

    def put(self, view: View, doc: Row) -> None:
        rows = self.versions.setdefault(view.name, {}).setdefault(str(doc["id"]), [])
        if rows and rows[-1][0] == self.position:
            rows[-1] = (self.position, None, dict(doc))
            return
        if rows:
            start, _, old = rows[-1]
            rows[-1] = (start, self.position, old)
        rows.append((self.position, None, dict(doc)))

    def append_history(self, entry: HistoryEntry) -> None:
        self.history.append(entry)

    def current(self, view: View) -> dict[str, Row]:
        return {
            id: rows[-1][2]
            for id, rows in self.versions.get(view.name, {}).items()
            if rows[-1][1] is None
        }
