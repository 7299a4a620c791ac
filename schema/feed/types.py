from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from domain.authority import Role
from domain.base import InvalidInput
from projections.cloudevents import UnknownEventType, event_type_of, to_cloudevent
from projections.storage import Row
from schema.audit.types import Checkpoint
from schema.common import parse_id
from schema.context import Context
from schema.personal import reveal_in


@strawberry.type(
    description="One recorded event as a CloudEvents 1.0 structured event (the same JSON the "
    "feed and webhooks send)."
)
class CloudEvent:
    specversion: str
    id: strawberry.ID = strawberry.field(description="<stream id>:<version>, unique and stable.")
    source: str
    type: str = strawberry.field(description="vn.socai.<stream>.<EventType>")
    time: str = strawberry.field(description="When it was recorded (RFC 3339).")
    subject: str = strawberry.field(description="The record's id.")
    sequence: str = strawberry.field(description="The log position, zero-padded to 20 digits.")
    datacontenttype: str
    position: int = strawberry.field(description="The log position: the feed's cursor.")
    socaitopic: str | None = strawberry.field(
        description="Extension attribute: the stored topic (for the event's ledger leaf)."
    )
    socaiversion: int | None = strawberry.field(
        description="Extension attribute: the stream version (for the event's ledger leaf)."
    )
    socaistate: str | None = strawberry.field(
        description="Extension attribute: base64 of the stored state bytes, exactly as stored "
        "(personal fields sealed in it); null for an event recorded before sealing that names "
        "a person in clear."
    )
    raw_data: strawberry.Private[dict[str, Any]]

    @strawberry.field(
        description="fields (the event's own; personal ones withheld unless the caller's role "
        "may see them, and then each read is recorded), actor_id, actor_role, reason, "
        "effective_date, correlation_id, summary, unit_ids, position, version."
    )
    async def data(self, info: Info[Context, None]) -> JSON:
        shown: JSON = await reveal_in(info, self.raw_data)
        return shown

    @classmethod
    def from_row(cls, row: Row, role: Role) -> CloudEvent:
        event: dict[str, Any] = to_cloudevent(row, role)
        return cls(
            specversion=event["specversion"],
            id=strawberry.ID(event["id"]),
            source=event["source"],
            type=event["type"],
            time=event["time"],
            subject=event["subject"],
            sequence=event["sequence"],
            datacontenttype=event["datacontenttype"],
            raw_data=event["data"],
            position=row["position"],
            socaitopic=event.get("socaitopic"),
            socaiversion=event.get("socaiversion"),
            socaistate=event.get("socaistate"),
        )


@strawberry.type(description="A page of the feed. Pass `next` as `after` to read on.")
class FeedPage:
    events: list[CloudEvent]
    next: int = strawberry.field(
        description="The position to read after next; past non-matching events when filtered."
    )
    has_more: bool = strawberry.field(description="More events are already recorded.")
    head: int = strawberry.field(description="The last log position when the page was read.")
    checkpoint: Checkpoint | None = strawberry.field(
        description="The latest signed checkpoint when the page was read (null before the "
        "first): events at or below its position can be proved against it with "
        "`inclusionProof(position, treeSize)`."
    )


@dataclass(frozen=True)
class FeedFilter:
    event_types: tuple[str, ...]
    unit_ids: tuple[str, ...]


MAX_FILTER = 100


def feed_filter(
    types: Sequence[str] | None, units: Sequence[str] | None, *, units_field: str = "units"
) -> FeedFilter:
    """Event types by name or CloudEvents type; units by id. Unknown ones are refused."""
    types, units = list(types or ()), list(units or ())
    if len(types) > MAX_FILTER or len(units) > MAX_FILTER:
        raise InvalidInput("types" if len(types) > MAX_FILTER else units_field, "too many")
    names: list[str] = []
    for given in types:
        try:
            names.append(event_type_of(given))
        except UnknownEventType:
            raise InvalidInput("types", f"unknown event type '{given[:100]}'") from None
    ids = [str(parse_id(units_field, u)) for u in units]
    return FeedFilter(tuple(dict.fromkeys(names)), tuple(dict.fromkeys(ids)))
