from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.board import unit_board, village_boards
from schema.board.types import UnitBoard
from schema.common import (
    AsOf,
    Connection,
    PageInfo,
    decode_cursor,
    encode_cursor,
    page_size,
    parse_id,
    read,
)
from schema.context import Context


def _day(on: datetime.date | None) -> str:
    return (on or datetime.datetime.now(datetime.UTC).date()).isoformat()


@strawberry.type
class BoardQueries:
    @strawberry.field(description="One unit's board; `on` (default today) judges overdue tasks.")
    async def board(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID,
        on: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> UnitBoard | None:
        found = await read(
            info, unit_board, as_of=as_of, unit_id=str(parse_id("unitId", unit_id)), on=_day(on)
        )
        return UnitBoard.from_rows(found) if found else None

    @strawberry.field(description="The board of every active village, ordered by code.")
    async def village_board(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[UnitBoard]:
        boards, page = await read(
            info,
            village_boards,
            as_of=as_of,
            on=_day(on),
            after_code=decode_cursor("unit", after),
            first=page_size(first),
        )
        end = encode_cursor("unit", page.rows[-1]["code"]) if page.rows else None
        return Connection(
            nodes=[UnitBoard.from_rows(b) for b in boards],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=end),
        )
