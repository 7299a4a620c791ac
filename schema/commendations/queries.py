from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.commendations import get_commendation, list_commendations
from schema.commendations.types import (
    Commendation,
    CommendationRecipientKind,
    CommendationStatus,
)
from schema.common import (
    AsOf,
    Connection,
    connection,
    decode_cursor,
    encode_cursor,
    page_size,
    read,
)
from schema.context import Context

_CURSOR = "commendation"


def _after(cursor: str | None) -> int | None:
    value = decode_cursor(_CURSOR, cursor)
    if value is None:
        return None
    if not value.isdigit():
        raise InvalidInput("after", "is not a cursor of this list")
    return int(value)


@strawberry.type
class CommendationQueries:
    @strawberry.field(description="One commendation by id.")
    async def commendation(
        self,
        info: Info[Context, None],
        id: strawberry.ID,
        as_of: AsOf | None = None,
    ) -> Commendation | None:
        row = await read(info, get_commendation, as_of=as_of, commendation_id=str(id))
        return Commendation.from_row(row) if row else None

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
        found = await read(
            info,
            list_commendations,
            as_of=as_of,
            unit_id=str(unit_id) if unit_id else None,
            status=status.value if status else None,
            recipient_kind=recipient_kind.value if recipient_kind else None,
            after=_after(after),
            first=page_size(first),
        )
        return connection(
            found, Commendation.from_row, lambda r: encode_cursor(_CURSOR, r["proposed_at"])
        )
