from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.shortcomings import list_shortcomings
from schema.common import AsOf, Connection, page, position_cursor
from schema.context import Context
from schema.shortcomings.types import (
    Shortcoming,
    ShortcomingSeverity,
    ShortcomingStatus,
    shortcoming_by_id,
)

_CURSOR = position_cursor("shortcoming", "flagged_position")


@strawberry.type
class ShortcomingQueries:
    @strawberry.field(description="One shortcoming by id.")
    async def shortcoming(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Shortcoming | None:
        return await shortcoming_by_id(info, str(id), as_of=as_of)

    @strawberry.field(
        description="Shortcomings in the order they were flagged, by unit, status and severity."
    )
    async def shortcomings(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        status: ShortcomingStatus | None = None,
        severity: ShortcomingSeverity | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Shortcoming]:
        return await page(
            info,
            list_shortcomings,
            Shortcoming.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=str(unit_id) if unit_id else None,
            status=status.value if status else None,
            severity=severity.value if severity else None,
        )
