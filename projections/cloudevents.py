"""The record as CloudEvents 1.0: one mapping from a history row to a structured event, shared by
everything that sends the record outward (the feed, webhooks, live subscriptions, exports).

    specversion      "1.0"
    id               "<stream id>:<version>"   (unique and stable: one event of one record)
    source           "/socai/nghi-duong-2026-2030"
    type             "vn.socai.<stream>.<EventType>", e.g. "vn.socai.task.TaskAssigned"
    time             when it was recorded (RFC 3339, UTC)
    subject          the record's id (the stream id)
    sequence         the log position, zero-padded to 20 digits so that it sorts as text
    datacontenttype  "application/json"
    data             {"fields": the event's own fields, with personal ones left out unless the
                      reader may see them; "actor_id", "actor_role", "reason", "effective_date",
                      "correlation_id", "summary", "unit_ids", "position", "version"}

and, as extension attributes, what a receiver needs to recompute the event's ledger leaf
(README, "Checking what you received"):

    socaitopic       the stored topic
    socaiversion     the stream version (an integer)
    socaistate       base64 of the stored state bytes, exactly as stored (personal fields are
                     sealed in it, so it holds their ciphertext only); left out for an event
                     recorded before sealing that names a person in clear

The record is then u64(sequence) ‖ subject's 16 bytes ‖ u64(socaiversion) ‖ u32 length ‖
socaitopic ‖ u32 length ‖ state, and the leaf SHA-256(0x00 ‖ record).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from functools import cache
from typing import Any

from domain.authority import Role
from domain.base import LedgerAggregate
from projections.personal import holds_plain_personal, redact
from projections.storage import Row

SPECVERSION = "1.0"
SOURCE = "/socai/nghi-duong-2026-2030"
TYPE_PREFIX = "vn.socai."
CONTENT_TYPE = "application/cloudevents+json"
BATCH_CONTENT_TYPE = "application/cloudevents-batch+json"


def cloudevent_type(stream: str, event_type: str) -> str:
    return f"{TYPE_PREFIX}{stream}.{event_type}"


def ledger_attributes(row: Row) -> dict[str, Any]:
    """The extension attributes that name the event's ledger leaf, from the row's `stored`
    event (as `read_feed` gives it); none for a row without it."""
    stored: Row | None = row.get("stored")
    if stored is None:
        return {}
    found: dict[str, Any] = {"socaitopic": stored["topic"], "socaiversion": row["version"]}
    if not holds_plain_personal(row["event_type"], row["data"]):
        found["socaistate"] = base64.b64encode(stored["state"]).decode()
    return found


def to_cloudevent(row: Row, role: Role) -> dict[str, Any]:
    """A history row (as the history queries return it) as a structured CloudEvent."""
    return {
        **ledger_attributes(row),
        "specversion": SPECVERSION,
        "id": f"{row['stream_id']}:{row['version']}",
        "source": SOURCE,
        "type": cloudevent_type(row["stream"], row["event_type"]),
        "time": row["recorded_at"],
        "subject": row["stream_id"],
        "sequence": f"{row['position']:020d}",
        "datacontenttype": "application/json",
        "data": {
            "fields": redact(row["event_type"], row["data"], role),
            "actor_id": row["actor_id"],
            "actor_role": row["actor_role"],
            "reason": row["reason"],
            "effective_date": row["effective_date"],
            "correlation_id": row["correlation_id"],
            "summary": row["summary"],
            "unit_ids": list(row["units"]),
            "position": row["position"],
            "version": row["version"],
        },
    }


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def event_classes() -> dict[str, tuple[str, type[LedgerAggregate.Event]]]:
    """Every event an aggregate can record, by name: (stream, class).

    Found by walking the aggregates' nested event classes, leaving out the library's `Event`
    and `Created` and any base that other events extend (e.g. the program's `ItemDefined`)."""
    import domain.application  # noqa: F401  (imports every aggregate)

    found: dict[str, tuple[str, type[LedgerAggregate.Event]]] = {}
    for aggregate in _subclasses(LedgerAggregate):
        if not aggregate.__module__.startswith("domain."):
            continue
        nested = [
            value
            for value in vars(aggregate).values()
            if isinstance(value, type) and issubclass(value, LedgerAggregate.Event)
        ]
        # The library re-creates each nested event as a subclass of the one written, with the
        # same name; a base is a class that a differently named event extends.
        bases = {
            base.__name__
            for event in nested
            for base in event.__mro__[1:]
            if base.__name__ != event.__name__
        }
        for event in nested:
            name = event.__name__
            if name in ("Event", "Created") or name in bases:
                continue
            found[name] = (aggregate.__name__.lower(), event)
    return dict(sorted(found.items()))


def event_type_names() -> list[str]:
    return list(event_classes())


def cloudevent_types() -> list[str]:
    return [cloudevent_type(stream, name) for name, (stream, _) in event_classes().items()]


class UnknownEventType(ValueError):
    pass


def event_type_of(given: str) -> str:
    """An event type given by its name (`TaskAssigned`) or its CloudEvents type."""
    name = given.strip()
    if name.startswith(TYPE_PREFIX):
        stream, _, name = name[len(TYPE_PREFIX) :].partition(".")
        known = event_classes().get(name)
        if known is None or known[0] != stream:
            raise UnknownEventType(given)
    elif name not in event_classes():
        raise UnknownEventType(given)
    return name
