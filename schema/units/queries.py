from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.units import list_units
from schema.common import AsOf, Connection, column_cursor, page
from schema.context import Context
from schema.units.types import Unit, UnitKind, UnitStatus, unit_by_id

_CURSOR = column_cursor("unit", "code", argument="after_code")


@strawberry.type
class UnitQueries:
    @strawberry.field(description="One unit by id.")
    async def unit(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Unit | None:
        return await unit_by_id(info, str(id), as_of=as_of)

    @strawberry.field(description="Units ordered by code, filtered by kind, status and parent.")
    async def units(
        self,
        info: Info[Context, None],
        kind: UnitKind | None = None,
        status: UnitStatus | None = None,
        parent_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Unit]:
        return await page(
            info,
            list_units,
            Unit.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            kind=kind.value if kind else None,
            status=status.value if status else None,
            parent_id=str(parent_id) if parent_id else None,
        )
