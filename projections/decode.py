"""Stored events decoded fast, into the very objects the application's mapper makes.

The library's `JSONTranscoder` parses with the standard `json` module and calls a Python hook
for every JSON object; for the rebuild that is a third of the time per event. Here orjson parses
the stored state and one walk replaces each `{"_type_": …, "_data_": …}` object, innermost first
as the hook does, with the transcoder's own transcodings; the event object is then made as
`Mapper.to_domain_event` makes it (class, id conversion, upcasting). Anything this path does not
cover (a cipher or compressor on the mapper, JSON that orjson refuses) goes through the mapper.

`FastDecoder.history_entries` makes the history entries of stored events straight from the
parsed JSON, without the event objects: the rebuild's history process needs nothing else. An
event it cannot read that way (an older class version, which goes through its upcasters; a
value of a type other than a time, date or id) is decoded into its object first, as the fold
does, so its entry is always the one `fold.history_entry` makes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from typing import Any, cast
from uuid import UUID

import orjson
from eventsourcing.persistence import (
    DatetimeAsISO,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    Transcoding,
    UUIDAsHex,
    find_id_convertor,
)
from eventsourcing.utils import resolve_topic

from domain.base import DateAsISO, LedgerAggregate, Stamp, StampAsDict
from projections.fold import Touched, data_fields, history_entry, stream_of_class
from projections.viewstore import HistoryEntry

# (position, originator id, originator version, topic, state bytes): a log row as read
RawEvent = tuple[int, UUID | str, int, str, bytes]


CACHE_LIMIT = 500_000  # entries per cache of decoded ids and dates; emptied when reached
_STAMP_FIELDS = frozenset(f.name for f in fields(Stamp))
_TRANSCODED = frozenset(("_type_", "_data_"))


class _NotPlain(Exception):
    """A value the history's fast path does not read: the event object is made instead."""


class FastDecoder:
    def __init__(self, mapper: Mapper[UUID]) -> None:
        self._mapper = mapper
        transcoder = mapper.transcoder
        self._fast = (
            isinstance(transcoder, JSONTranscoder)
            and mapper.cipher is None
            and mapper.compressor is None
        )
        names: dict[str, Transcoding] = (
            transcoder.names if isinstance(transcoder, JSONTranscoder) else {}
        )
        # Each transcoding's own `decode`, but for the commonest ones, decoded here the same way
        # and faster: ids and dates (immutable) from a cache, stamps without their `__init__`.
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        # For the history: a transcoded value as `fold.plain` gives it once decoded.
        self._plain: dict[str, Callable[[str], str]] = {}
        self._stamp_name = self._time_name = self._date_name = ""
        for name, transcoding in names.items():
            kind = type(transcoding)
            if kind is UUIDAsHex:
                self._decoders[name] = self._uuid
                self._plain[name] = self._uuid_text
            elif kind is DatetimeAsISO:
                self._decoders[name] = datetime.fromisoformat
                self._plain[name] = _time_text
                self._time_name = name
            elif kind is DateAsISO:
                self._decoders[name] = self._date
                self._plain[name] = self._date_text
                self._date_name = name
            elif kind is StampAsDict:
                self._decoders[name] = _stamp
                self._stamp_name = name
            else:
                self._decoders[name] = transcoding.decode
        self._texts: dict[str, str] = {}  # a uuid's hex or a date as stored -> as `plain` gives it
        self._uuids: dict[str, UUID] = {}
        self._dates: dict[str, date] = {}
        self._ids: dict[Callable[[UUID | str], UUID | str], dict[str, UUID | str]] = {}
        self._stream_ids: dict[UUID | str, str] = {}
        self.objects_made_for_history = 0  # entries made from event objects after all

    def decode(self, rows: Sequence[RawEvent]) -> list[LedgerAggregate.Event]:
        if not self._fast:
            return [self._slow(row) for row in rows]
        loads, value, new, decoders = orjson.loads, self._value, object.__new__, self._decoders
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
                if kind is dict:
                    # A transcoded value of one string (a time, an id, a date): decoded at once.
                    if len(item) == 2 and type(item.get("_data_")) is str and "_type_" in item:
                        parsed[key] = decoders[item["_type_"]](item["_data_"])
                    else:
                        parsed[key] = value(item)
                elif kind is list:
                    parsed[key] = value(item)
            cls, convert, class_version = _event_class(topic, cast(Any, type(originator_id)))
            parsed["originator_id"] = self._originator(originator_id, convert)
            parsed["originator_version"] = version
            if class_version != 1 or "class_version" in parsed:
                _upcast(cls, class_version, parsed)
            event = new(cls)
            object.__setattr__(event, "__dict__", parsed)
            append(event)
        return events

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
                return self._decoders[item["_type_"]](item["_data_"])
            return item
        if kind is list:
            value = self._value
            return [value(inner) if type(inner) in (dict, list) else inner for inner in item]
        return item

    def _uuid(self, data: str) -> UUID:
        found = self._uuids.get(data)
        if found is None:
            if len(self._uuids) >= CACHE_LIMIT:
                self._uuids.clear()
            found = self._uuids[data] = UUID(data)
        return found

    def _date(self, data: str) -> date:
        found = self._dates.get(data)
        if found is None:
            if len(self._dates) >= CACHE_LIMIT:
                self._dates.clear()
            found = self._dates[data] = date.fromisoformat(data)
        return found

    def _uuid_text(self, data: str) -> str:
        found = self._texts.get(data)
        if found is None:
            if len(self._texts) >= CACHE_LIMIT:
                self._texts.clear()
            found = self._texts[data] = str(self._uuid(data))
        return found

    def _date_text(self, data: str) -> str:
        found = self._texts.get(data)
        if found is None:
            if len(self._texts) >= CACHE_LIMIT:
                self._texts.clear()
            found = self._texts[data] = self._date(data).isoformat()
        return found

    def history_entries(
        self, rows: Sequence[RawEvent], touched: Sequence[Touched]
    ) -> list[HistoryEntry]:
        """The history entry of each row, with what the fold said of its event (`touched`):
        the entries `fold.history_entry` makes of the decoded events."""
        entries: list[HistoryEntry] = []
        append, entry = entries.append, self._entry
        for row, said in zip(rows, touched, strict=True):
            made = entry(row, said) if self._fast else None
            if made is None:
                made = history_entry(self.decode([row])[0], row[0], said)
                self.objects_made_for_history += 1
            append(made)
        return entries

    def _entry(self, row: RawEvent, touched: Touched) -> HistoryEntry | None:
        """None when the row needs its event object."""
        position, originator_id, version, topic, state = row
        try:
            parsed = orjson.loads(state)
        except orjson.JSONDecodeError:
            return None
        if type(parsed) is not dict:
            return None
        cls, convert, class_version = _event_class(topic, cast(Any, type(originator_id)))
        if parsed.pop("class_version", 1) != class_version:
            return None  # an older version: its upcasters make the event's fields
        timestamp, stamp = parsed.get("timestamp"), parsed.get("stamp")
        if (
            type(timestamp) is not dict
            or timestamp.keys() != _TRANSCODED
            or timestamp["_type_"] != self._time_name
            or type(timestamp["_data_"]) is not str
            or type(stamp) is not dict
            or stamp.keys() != _TRANSCODED
            or stamp["_type_"] != self._stamp_name
            or type(stamp["_data_"]) is not dict
            or stamp["_data_"].keys() != _STAMP_FIELDS
        ):
            return None
        by = stamp["_data_"]
        effective = by["effective_date"]
        if effective is not None:
            if (
                type(effective) is not dict
                or effective.keys() != _TRANSCODED
                or effective["_type_"] != self._date_name
                or type(effective["_data_"]) is not str
            ):
                return None
            effective = self._date_text(effective["_data_"])
        data: dict[str, Any] = {}
        plain = self._plain_value
        try:
            for name in data_fields(cls):
                data[name] = plain(parsed[name])
        except (_NotPlain, KeyError):
            return None
        return HistoryEntry(
            position,
            datetime.fromisoformat(timestamp["_data_"]).isoformat(timespec="microseconds"),
            stream_of_class(cls),
            self._id_text(originator_id, convert),
            version,
            cls.__name__,
            by["actor_id"],
            by["actor_role"],
            effective,
            by["reason"],
            by["correlation_id"],
            touched.summary,
            touched.units,
            data,
        )

    def _originator(
        self, originator_id: UUID | str, convert: Callable[[UUID | str], UUID | str]
    ) -> UUID | str:
        """The id converted as the mapper does; from a cache when the log gives it as text."""
        if type(originator_id) is not str:
            return convert(originator_id)
        ids = self._ids.get(convert)
        if ids is None:
            ids = self._ids[convert] = {}
        converted = ids.get(originator_id)
        if converted is None:
            if len(ids) >= CACHE_LIMIT:
                ids.clear()
            converted = ids[originator_id] = convert(originator_id)
        return converted

    def _id_text(
        self, originator_id: UUID | str, convert: Callable[[UUID | str], UUID | str]
    ) -> str:
        if type(originator_id) is not str:
            return str(convert(originator_id))
        converted = self._originator(originator_id, convert)
        return self._stream_ids.get(converted) or self._stream_id(converted)

    def _stream_id(self, converted: UUID | str) -> str:
        if len(self._stream_ids) >= CACHE_LIMIT:
            self._stream_ids.clear()
        text = self._stream_ids[converted] = str(converted)
        return text

    def _plain_value(self, item: Any) -> Any:
        kind = type(item)
        if kind is dict:
            if item.keys() == _TRANSCODED:
                to_text, data = self._plain.get(item["_type_"]), item["_data_"]
                if to_text is None or type(data) is not str:
                    raise _NotPlain
                return to_text(data)
            plain = self._plain_value
            return {key: plain(inner) for key, inner in item.items()}
        if kind is list:
            plain = self._plain_value
            return [plain(inner) for inner in item]
        if item is None or kind is str or kind is int or kind is bool or kind is float:
            return item
        raise _NotPlain

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


def _stamp(data: dict[str, Any]) -> Stamp:
    """`Stamp(**data)` when the data holds every field (as every stored stamp does), without
    the frozen dataclass's `__init__`, which sets each field through `object.__setattr__`."""
    if data.keys() != _STAMP_FIELDS:
        return Stamp(**data)
    stamp = object.__new__(Stamp)
    object.__setattr__(stamp, "__dict__", data)
    return stamp


def _time_text(data: str) -> str:
    return datetime.fromisoformat(data).isoformat()
