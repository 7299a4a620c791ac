from __future__ import annotations

import datetime
from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from domain.base import NotFound
from projections.board import unit_board
from projections.feed import read_feed
from projections.follow import LiveLog
from projections.read import head_position
from schema.board.types import UnitBoard
from schema.common import parse_id, read
from schema.context import Context
from schema.feed.types import CloudEvent, feed_filter

BATCH = 100


def _live(info: Info[Context, None]) -> LiveLog:
    live = info.context.live
    assert live is not None, "subscriptions are served by bootstrap's app"
    return live


@strawberry.type
class FeedSubscriptions:
    @strawberry.subscription(
        description="Events as they are recorded, by any process, as CloudEvents; with `after`, "
        "first every event after that log position. Filters as in the `events` query."
    )
    async def events(
        self,
        info: Info[Context, None],
        types: list[str] | None = None,
        units: list[strawberry.ID] | None = None,
        after: int | None = None,
    ) -> AsyncGenerator[CloudEvent, None]:
        wanted = feed_filter(types, units)
        live = _live(info)
        role = info.context.actor.role
        live_table = info.context.ledger.store.events_table_name
        position = after if after is not None else await read(info, head_position)
        while True:
            page = await read(
                info,
                read_feed,
                after=position,
                limit=BATCH,
                event_types=wanted.event_types,
                unit_ids=wanted.unit_ids,
                events_table=live_table,
            )
            for row in page.rows:
                yield CloudEvent.from_row(row, role)
            position = page.next_after
            if not page.has_more:
                await live.wait_beyond(position)

    @strawberry.subscription(
        description="One unit's board now, and again each time an event concerning the unit is "
        "recorded; `on` (default today) judges overdue tasks."
    )
    async def board_changed(
        self, info: Info[Context, None], unit_id: strawberry.ID, on: datetime.date | None = None
    ) -> AsyncGenerator[UnitBoard, None]:
        unit = str(parse_id("unitId", unit_id))
        live = _live(info)

        def day() -> str:
            return (on or datetime.datetime.now(datetime.UTC).date()).isoformat()

        position = await read(info, head_position)
        board = await read(info, unit_board, unit_id=unit, on=day())
        if board is None:
            raise NotFound("unit", unit)
        yield UnitBoard.from_rows(board)
        while True:
            await live.wait_beyond(position)
            page = await read(
                info,
                read_feed,
                after=position,
                limit=BATCH,
                unit_ids=(unit,),
                events_table=info.context.ledger.store.events_table_name,
            )
            position = page.next_after
            if page.rows:
                board = await read(info, unit_board, unit_id=unit, on=day())
                if board is not None:
                    yield UnitBoard.from_rows(board)
