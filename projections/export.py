"""`socai export`: the whole log as JSON Lines, one CloudEvents 1.0 structured event per line.

An event line holds:

- `specversion` `1.0`; `id` `<stream id>/<version>` (stable, unique in the log);
  `source` `/socai/<program code>`; `type` `vn.socai.<stream>.<EventName>`, e.g.
  `vn.socai.task.ProgressReported`; `time` when it was recorded (RFC 3339, UTC); `subject` the
  stream (aggregate) id; `sequence` the log position, 20 digits, so text order is log order;
  `datacontenttype` `application/json`;
- `data`: the event's fields as the library's transcoder stored them, typed values wrapped as
  `{"_type_": …, "_data_": …}` (left out if the stored state is not JSON);
- extensions: `socaitopic`, the event class's topic as stored; `socaiversion`, the event's
  version in its stream; `socaistate`, the stored state bytes in base64, which an import writes
  back as they were and which the ledger hashes.

After the events come the ledger's signed checkpoints, if the store keeps any: one line each,
type `vn.socai.ledger.Checkpoint`, subject `ledger`, with the checkpoint's columns as `data`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO, cast

import orjson
from eventsourcing.persistence import Notification

from domain.base import LedgerAggregate
from domain.catalog import PROGRAM_ID_TEXT
from domain.ledger import LedgerCore
from projections.storage import Sql

SPECVERSION = "1.0"
SOURCE = f"/socai/{PROGRAM_ID_TEXT}"
TYPE_PREFIX = "vn.socai"
CHECKPOINT_TYPE = f"{TYPE_PREFIX}.ledger.Checkpoint"
CHECKPOINTS_TABLE = "ledger_checkpoints"
BATCH = 5_000


def event_type(topic: str) -> str:
    """`domain.task:Task.ProgressReported` → `vn.socai.task.ProgressReported`."""
    parts = topic.partition(":")[2].split(".")
    return f"{TYPE_PREFIX}.{parts[0].lower()}.{parts[-1]}"


def to_cloudevent(note: Notification, recorded_at: datetime) -> dict[str, Any]:
    line: dict[str, Any] = {
        "specversion": SPECVERSION,
        "id": f"{note.originator_id}/{note.originator_version}",
        "source": SOURCE,
        "type": event_type(note.topic),
        "time": recorded_at.isoformat(),
        "subject": str(note.originator_id),
        "sequence": f"{note.id:020d}",
        "datacontenttype": "application/json",
        "socaitopic": note.topic,
        "socaiversion": note.originator_version,
        "socaistate": base64.b64encode(note.state).decode("ascii"),
    }
    with suppress(ValueError):  # not JSON (compressed, enciphered): `socaistate` carries it
        line["data"] = json.loads(note.state)
    return line


def table_exists(sql: Sql, name: str) -> bool:
    if sql.dialect == "postgres":
        row = sql.one("SELECT to_regclass(?) IS NOT NULL AS found", (sql.table(name),))
        return bool(row and row["found"])
    return (
        sql.one("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = ?", (name,))
        is not None
    )


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def checkpoint_events(sql: Sql, tree_size: int) -> list[dict[str, Any]]:
    """The ledger's checkpoints up to `tree_size` as CloudEvents lines; none if the store keeps
    no checkpoint table. Every column goes into `data` (bytes as `{"base64": …}`)."""
    if not table_exists(sql, CHECKPOINTS_TABLE):
        return []
    rows = sql.all(
        f"SELECT * FROM {sql.table(CHECKPOINTS_TABLE)} WHERE tree_size <= ? ORDER BY tree_size",
        (tree_size,),
    )
    return [
        {
            "specversion": SPECVERSION,
            "id": f"checkpoint/{row['tree_size']}",
            "source": SOURCE,
            "type": CHECKPOINT_TYPE,
            "time": _plain(row.get("signed_at")),
            "subject": "ledger",
            "datacontenttype": "application/json",
            "data": {name: _plain(value) for name, value in row.items()},
        }
        for row in rows
    ]


@dataclass(frozen=True)
class Exported:
    events: int
    position: int
    checkpoints: int


def log_lines(
    ledger: LedgerCore, *, progress: Callable[[int, int], None] | None = None
) -> Iterator[dict[str, Any]]:
    """Every event of the log in order, then the checkpoints, as CloudEvents dictionaries."""
    store = ledger.store
    to_domain_event = ledger.mapper.to_domain_event
    total = int(store.max_notification_id() or 0)
    position = done = 0
    while notes := store.select_notifications(start=position + 1, limit=BATCH):
        for note in notes:
            event = cast(LedgerAggregate.Event, to_domain_event(note))
            yield to_cloudevent(note, event.timestamp)
        position = notes[-1].id
        done += len(notes)
        if progress:
            progress(done, max(total, position))
    with ledger.reading() as sql:
        yield from checkpoint_events(sql, done)


def export_log(
    ledger: LedgerCore, out: BinaryIO, *, progress: Callable[[int, int], None] | None = None
) -> Exported:
    """Writes UTF-8 JSON Lines to a binary stream (a file opened "wb", or stdout's buffer)."""
    events = checkpoints = position = 0
    for line in log_lines(ledger, progress=progress):
        out.write(orjson.dumps(line) + b"\n")
        if line["type"] == CHECKPOINT_TYPE:
            checkpoints += 1
        else:
            events += 1
            position = int(line["sequence"])
    return Exported(events, position, checkpoints)
