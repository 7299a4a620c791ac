from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.inspections import list_inspections
from schema.common import AsOf, Connection, optional_id_text, page, position_cursor
from schema.context import Context
from schema.inspections.types import (
    Inspection,
    InspectionKind,
    InspectionStatus,
    inspection_by_id,
)

_CURSOR = position_cursor("inspection", "planned_position")


@strawberry.type
class InspectionQueries:
    @strawberry.field(description="One inspection or supervision by id.")
    async def inspection(
        self, info: Info[Context, None], id: strawberry.ID, as_of: AsOf | None = None
    ) -> Inspection | None:
        return await inspection_by_id(info, str(id), as_of=as_of)

    @strawberry.field(
        description="Inspections and supervisions in the order they were planned, by unit "
        "inspected, status and kind."
    )
    async def inspections(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        status: InspectionStatus | None = None,
        kind: InspectionKind | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[Inspection]:
        return await page(
            info,
            list_inspections,
            Inspection.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=optional_id_text("unitId", unit_id),
            status=status.value if status else None,
            kind=kind.value if kind else None,
        )
