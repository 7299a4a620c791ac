from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.history import list_history
from schema.common import AsOf, Connection, connection, instant, page_size, position_cursor, read
from schema.context import Context
from schema.history.types import HistoryEvent


def _instant(field: str, value: datetime.datetime | None) -> str | None:
    return None if value is None else instant(field, value)


_CURSOR = position_cursor("pos", "position")


@strawberry.input(description="Every filter is optional; they combine.")
class HistoryFilter:
    unit_id: strawberry.ID | None = None
    stream: str | None = None
    stream_id: strawberry.ID | None = None
    event_type: str | None = None
    actor_id: str | None = None
    since: datetime.datetime | None = strawberry.field(
        default=None, description="Recorded at or after this instant."
    )
    until: datetime.datetime | None = strawberry.field(
        default=None, description="Recorded before this instant."
    )
    after_position: int | None = strawberry.field(
        default=None,
        description="Only events after this log position; with `asOf`, what changed in between.",
    )


@strawberry.type
class HistoryQueries:
    @strawberry.field(description="Every event in log order; cursors are log positions.")
    async def history(
        self,
        info: Info[Context, None],
        filter: HistoryFilter | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[HistoryEvent]:
        f = filter or HistoryFilter()
        cursor = _CURSOR.after(after)
        found = await read(
            info,
            list_history,
            as_of=as_of,
            unit_id=str(f.unit_id) if f.unit_id else None,
            stream=f.stream,
            stream_id=str(f.stream_id) if f.stream_id else None,
            event_type=f.event_type,
            actor_id=f.actor_id,
            since=_instant("since", f.since),
            until=_instant("until", f.until),
            after_position=max(
                (p for p in (f.after_position, cursor) if p is not None),
                default=None,
            ),
            first=page_size(first),
        )
        return connection(found, HistoryEvent.from_row, _CURSOR.of)
