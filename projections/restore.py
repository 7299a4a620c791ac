"""Reading an export back: `socai import` restores a working store from it, byte for byte, and
`socai replay` rebuilds the views from it, up to a position or a recording time."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson

from domain.ledger import LedgerCore
from projections.bulk import BackgroundSink, TableRows, open_sink
from projections.export import CHECKPOINT_TYPE, CHECKPOINTS_TABLE, SPECVERSION, table_exists
from projections.read import head_position
from projections.rebuild import Progress, Rebuilt, rebuild_views, writing
from projections.storage import PostgresLedgerRecorder, Sql

BATCH = 10_000


class ExportUnreadable(ValueError):
    """A line of the export is not what `socai export` writes; nothing is recorded."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


class StoreNotEmpty(Exception):
    """An import goes only into an empty store."""


@dataclass(frozen=True)
class StoredRecord:
    """One event of the log as it is stored."""

    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    recorded_at: datetime


@dataclass(frozen=True)
class CheckpointRecord:
    data: dict[str, Any]


def _required(line: dict[str, Any], name: str, kind: type, number: int) -> Any:
    value = line.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ExportUnreadable(number, f"'{name}' is missing or not {kind.__name__}")
    return value


def _record(line: dict[str, Any], number: int) -> StoredRecord:
    sequence = _required(line, "sequence", str, number)
    if not sequence.isdigit():
        raise ExportUnreadable(number, "'sequence' must be digits")
    try:
        originator_id = UUID(_required(line, "subject", str, number))
    except ValueError:
        raise ExportUnreadable(number, "'subject' is not a stream id") from None
    try:
        state = base64.b64decode(_required(line, "socaistate", str, number), validate=True)
    except binascii.Error:
        raise ExportUnreadable(number, "'socaistate' is not base64") from None
    if "data" in line:
        try:
            matches = json.loads(state) == line["data"]
        except ValueError:
            matches = False
        if not matches:
            raise ExportUnreadable(number, "'data' and 'socaistate' disagree")
    try:
        recorded_at = datetime.fromisoformat(_required(line, "time", str, number))
    except ValueError:
        raise ExportUnreadable(number, "'time' is not an RFC 3339 date-time") from None
    return StoredRecord(
        position=int(sequence),
        originator_id=originator_id,
        originator_version=_required(line, "socaiversion", int, number),
        topic=_required(line, "socaitopic", str, number),
        state=state,
        recorded_at=recorded_at,
    )


def read_export(path: Path) -> Iterator[StoredRecord | CheckpointRecord]:
    """The export's records in order; a line that is not valid raises `ExportUnreadable`."""
    last = 0
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                line = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise ExportUnreadable(number, "not JSON") from None
            if not isinstance(line, dict) or line.get("specversion") != SPECVERSION:
                raise ExportUnreadable(number, "not a CloudEvents 1.0 structured event")
            if line.get("type") == CHECKPOINT_TYPE:
                data = _required(line, "data", dict, number)
                if not all(name.isidentifier() and name.islower() for name in data):
                    raise ExportUnreadable(number, "a checkpoint column has an unexpected name")
                yield CheckpointRecord(data)
                continue
            record = _record(line, number)
            if record.position <= last:
                raise ExportUnreadable(number, f"position {record.position} is not after {last}")
            last = record.position
            yield record


def position_as_of(path: Path, moment: datetime) -> int:
    """The last position recorded at or before `moment`, as the time-travel queries resolve it."""
    found = 0
    for record in read_export(path):
        if isinstance(record, StoredRecord) and record.recorded_at <= moment:
            found = record.position
    return found


def _stored_row(store: Any, record: StoredRecord) -> tuple[Any, ...]:
    originator_id: Any = record.originator_id
    if not isinstance(store, PostgresLedgerRecorder):
        originator_id = originator_id.hex  # as the library stores it in SQLite
    return (
        record.position,
        originator_id,
        record.originator_version,
        record.topic,
        record.state,
    )


def _restore_checkpoints(sql: Sql, checkpoints: list[CheckpointRecord]) -> int:
    """Into the ledger's checkpoint table if this store keeps one; else none are restored."""
    if not checkpoints or not table_exists(sql, CHECKPOINTS_TABLE):
        return 0
    for checkpoint in checkpoints:
        names = list(checkpoint.data)
        values = [
            base64.b64decode(v["base64"]) if isinstance(v, dict) and "base64" in v else v
            for v in checkpoint.data.values()
        ]
        sql.execute(
            f"INSERT INTO {sql.table(CHECKPOINTS_TABLE)} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' * len(names))})",
            values,
        )
    return len(checkpoints)


@dataclass(frozen=True)
class Imported:
    events: int
    position: int
    checkpoints: int  # restored into the store
    rebuilt: Rebuilt


def import_log(
    ledger: LedgerCore,
    path: Path,
    *,
    upto: int | None = None,
    progress: Progress | None = None,
) -> Imported:
    """Writes the export's events into an empty store as they were stored (same positions, same
    state bytes), then its checkpoints, then builds every view from them. The export is read
    through once before anything is written, so a bad line records nothing."""
    store = ledger.store
    with ledger.reading() as sql:
        held = max(int(store.max_notification_id() or 0), head_position(sql))
    if held:
        raise StoreNotEmpty(
            f"the store already holds a log (up to position {held}): import only into an "
            "empty database"
        )
    events = position = 0
    checkpoints: list[CheckpointRecord] = []
    for record in read_export(path):
        if isinstance(record, CheckpointRecord):
            checkpoints.append(record)
        elif upto is None or record.position <= upto:
            events += 1
            position = record.position
    columns = ("rowid", "originator_id", "originator_version", "topic", "state")
    if isinstance(store, PostgresLedgerRecorder):
        columns = ("notification_id", *columns[1:])
    with BackgroundSink(open_sink(ledger.database, store)) as sink:
        rows: list[tuple[Any, ...]] = []
        for record in read_export(path):
            if isinstance(record, StoredRecord) and record.position <= position:
                rows.append(_stored_row(store, record))
                if len(rows) == BATCH:
                    sink.put(_events_table(store.events_table_name, rows, columns))
                    rows = []
        sink.put(_events_table(store.events_table_name, rows, columns))
    with writing(store) as sql:
        if isinstance(store, PostgresLedgerRecorder) and position:
            sql.execute(
                "SELECT setval(pg_get_serial_sequence(?, 'notification_id'), ?)",
                (sql.table(store.events_table_name), position),
            )
        restored = _restore_checkpoints(
            sql,
            [c for c in checkpoints if upto is None or int(c.data.get("tree_size", 0)) <= events],
        )
    rebuilt = rebuild_views(ledger, progress=progress)
    return Imported(events, position, restored, rebuilt)


def _events_table(name: str, rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> TableRows:
    return {name: (columns, rows)}


AsOf = int | datetime | None


def resolve_as_of(path: Path, as_of: AsOf) -> int | None:
    if isinstance(as_of, datetime):
        return position_as_of(path, as_of)
    return as_of
