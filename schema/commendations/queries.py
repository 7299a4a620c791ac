from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.commendations import get_commendation, list_commendations
from schema.commendations.types import (
    Commendation,
    CommendationRecipientKind,
    CommendationStatus,
)
from schema.common import AsOf, Connection, one, page, position_cursor
from schema.context import Context

_CURSOR = position_cursor("commendation", "proposed_at")


@strawberry.type
class CommendationQueries:
    @strawberry.field(description="One commendation by id.")
    async def commendation(
        self,
        info: Info[Context, None],
        id: strawberry.ID,
        as_of: AsOf | None = None,
    ) -> Commendation | None:
        return await one(
            info, get_commendation, Commendation.from_row, as_of=as_of, commendation_id=str(id)
        )

    @strawberry.field(
        description="Commendations in the order proposed, by unit, status and recipient kind."
    )
    async def commendations(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        status: CommendationStatus | None = None,
        recipient_kind: CommendationRecipientKind | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Commendation]:
        return await page(
            info,
            list_commendations,
            Commendation.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=str(unit_id) if unit_id else None,
            status=status.value if status else None,
            recipient_kind=recipient_kind.value if recipient_kind else None,
        )
