"""Stored events decoded fast, into the very objects the application's mapper makes.

The library's `JSONTranscoder` parses with the standard `json` module and calls a Python hook
for every JSON object; for the rebuild that is a third of the time per event. Here orjson parses
the stored state and one walk replaces each `{"_type_": …, "_data_": …}` object, innermost first
as the hook does, with the transcoder's own transcodings; the event object is then made as
`Mapper.to_domain_event` makes it (class, id conversion, upcasting). Anything this path does not
cover (a cipher or compressor on the mapper, JSON that orjson refuses) goes through the mapper.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple, cast
from uuid import UUID

import orjson
from eventsourcing.persistence import (
    DatetimeAsISO,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    Transcoding,
    find_id_convertor,
)
from eventsourcing.utils import get_topic, resolve_topic

from domain.base import DateAsISO, LedgerAggregate, StampAsDict
from domain.task import Task

# (position, originator id, originator version, topic, state bytes): a log row as read
RawEvent = tuple[int, UUID | str, int, str, bytes]

PROGRESS_TOPIC = get_topic(Task.ProgressReported)
_PROGRESS_KEYS = {"timestamp", "stamp", "percent", "summary", "evidence"}
_STAMP_KEYS = {"actor_id", "actor_role", "reason", "correlation_id", "effective_date"}


class ProgressReport(NamedTuple):
    """A `Task.ProgressReported` read straight from its stored JSON, without an event object:
    the bulk pass's shortcut for its commonest event (see `projections.bulkfold`)."""

    task_id: str
    version: int
    recorded_at: str  # the timestamp as `isoformat(timespec="microseconds")`
    recorded_on: str  # its date
    actor_id: str
    actor_role: str
    reason: str
    correlation_id: str
    effective_date: str | None
    percent: int
    summary: str
    evidence: list[str]


class FastDecoder:
    def __init__(self, mapper: Mapper[UUID]) -> None:
        self._mapper = mapper
        transcoder = mapper.transcoder
        self._fast = (
            isinstance(transcoder, JSONTranscoder)
            and mapper.cipher is None
            and mapper.compressor is None
        )
        self._names: dict[str, Transcoding] = (
            transcoder.names if isinstance(transcoder, JSONTranscoder) else {}
        )
        self._ids: dict[UUID | str, str] = {}

    def decode(self, rows: Sequence[RawEvent]) -> list[LedgerAggregate.Event]:
        if not self._fast:
            return [self._slow(row) for row in rows]
        loads, value, new = orjson.loads, self._value, object.__new__
        events: list[LedgerAggregate.Event] = []
        append = events.append
        for row in rows:
            _, originator_id, version, topic, state = row
            try:
                parsed = loads(state)
            except orjson.JSONDecodeError:
                append(self._slow(row))
                continue
            if type(parsed) is not dict:
                append(self._slow(row))
                continue
            for key, item in parsed.items():
                kind = type(item)
                if kind is dict or kind is list:
                    parsed[key] = value(item)
            cls, convert, class_version = _event_class(topic, cast(Any, type(originator_id)))
            parsed["originator_id"] = convert(originator_id)
            parsed["originator_version"] = version
            if class_version != 1 or "class_version" in parsed:
                _upcast(cls, class_version, parsed)
            event = new(cls)
            object.__setattr__(event, "__dict__", parsed)
            append(event)
        return events

    def decode_bulk(
        self, rows: Sequence[RawEvent], shortcut: bool
    ) -> list[LedgerAggregate.Event | ProgressReport]:
        """As `decode`, but with `shortcut` a progress report stored in the current class
        version's plain shape becomes a `ProgressReport` instead of an event object."""
        if not (shortcut and self._fast and self._plain_progress()):
            return list(self.decode(rows))
        decoded: list[LedgerAggregate.Event | ProgressReport] = []
        append, progress, decode = decoded.append, self._progress, self.decode
        for row in rows:
            report = progress(row) if row[3] == PROGRESS_TOPIC else None
            append(report if report is not None else decode((row,))[0])
        return decoded

    @cache  # noqa: B019 -- one decoder per rebuild
    def _plain_progress(self) -> bool:
        """Whether progress reports are stored as `_progress` reads them: class version 1, the
        stamp, date and datetime by the transcodings this application registers."""
        names = self._names
        return (
            _event_class(PROGRESS_TOPIC, str)[2] == 1
            and isinstance(names.get("stamp"), StampAsDict)
            and isinstance(names.get("date_iso"), DateAsISO)
            and isinstance(names.get("datetime_iso"), DatetimeAsISO)
        )

    def _progress(self, row: RawEvent) -> ProgressReport | None:
        """The report's fields, or None when the stored state is not exactly the plain shape
        (the row then goes through `decode`)."""
        _, originator_id, version, _, state = row
        try:
            parsed = orjson.loads(state)
        except orjson.JSONDecodeError:
            return None
        if type(parsed) is not dict or parsed.keys() != _PROGRESS_KEYS:
            return None
        timestamp, stamp = parsed["timestamp"], parsed["stamp"]
        percent, summary, evidence = parsed["percent"], parsed["summary"], parsed["evidence"]
        if not (
            _wrapped(timestamp, "datetime_iso")
            and type(timestamp["_data_"]) is str
            and _wrapped(stamp, "stamp")
            and type(stamp["_data_"]) is dict
            and stamp["_data_"].keys() == _STAMP_KEYS
            and type(percent) is int
            and type(summary) is str
            and type(evidence) is list
            and all(type(item) is str for item in evidence)
        ):
            return None
        fields = stamp["_data_"]
        actor_id, role = fields["actor_id"], fields["actor_role"]
        reason, correlation = fields["reason"], fields["correlation_id"]
        if not (
            type(actor_id) is str
            and type(role) is str
            and type(reason) is str
            and type(correlation) is str
        ):
            return None
        effective = fields["effective_date"]
        if effective is not None:
            if not (_wrapped(effective, "date_iso") and type(effective["_data_"]) is str):
                return None
            effective = date_iso(effective["_data_"])
        recorded: str = timestamp["_data_"]
        if len(recorded) == 32 and recorded[19] == "." and recorded[26] in "+-":
            recorded_on = recorded[:10]
        else:  # not as `isoformat` writes an aware time with microseconds: parse it
            moment = datetime.fromisoformat(recorded)
            recorded = moment.isoformat(timespec="microseconds")
            recorded_on = moment.date().isoformat()
        task_id = self._ids.get(originator_id)
        if task_id is None:
            convert = _event_class(PROGRESS_TOPIC, cast(Any, type(originator_id)))[1]
            task_id = self._ids[originator_id] = str(convert(originator_id))
        return ProgressReport(
            task_id,
            version,
            recorded,
            recorded_on,
            actor_id,
            role,
            reason,
            correlation,
            effective,
            percent,
            summary,
            evidence,
        )

    def _value(self, item: Any) -> Any:
        """A parsed JSON value with its transcoded objects decoded, innermost first."""
        kind = type(item)
        if kind is dict:
            value = self._value
            for key, inner in item.items():
                inner_kind = type(inner)
                if inner_kind is dict or inner_kind is list:
                    item[key] = value(inner)
            if len(item) == 2 and "_type_" in item and "_data_" in item:
                return self._names[item["_type_"]].decode(item["_data_"])
            return item
        if kind is list:
            value = self._value
            return [value(inner) if type(inner) in (dict, list) else inner for inner in item]
        return item

    def _slow(self, row: RawEvent) -> LedgerAggregate.Event:
        _, originator_id, version, topic, state = row
        stored = StoredEvent(
            originator_id=originator_id, originator_version=version, topic=topic, state=state
        )
        return cast(LedgerAggregate.Event, self._mapper.to_domain_event(stored))


@cache
def _event_class(
    topic: str, id_type: type[UUID | str]
) -> tuple[type[LedgerAggregate.Event], Callable[[UUID | str], UUID | str], int]:
    cls = cast(type[LedgerAggregate.Event], resolve_topic(topic))
    convert = find_id_convertor(cls, cast(Hashable, id_type))
    return cls, convert, int(getattr(cls, "class_version", 1))


def _upcast(cls: type[Any], class_version: int, state: dict[str, Any]) -> None:
    from_version = state.pop("class_version", 1)
    while from_version < class_version:
        getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
        from_version += 1


def _wrapped(value: Any, name: str) -> bool:
    """`{"_type_": name, "_data_": …}`, as the transcoder writes an object of that transcoding."""
    return (
        type(value) is dict
        and len(value) == 2
        and value.get("_type_") == name
        and "_data_" in value
    )


def date_iso(text: str) -> str:
    """A stored date as the fold writes it (`date.isoformat()` of the decoded date)."""
    return date.fromisoformat(text).isoformat()
