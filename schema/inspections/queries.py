from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.inspections import list_inspections
from schema.common import (
    AsOf,
    Connection,
    connection,
    decode_cursor,
    encode_cursor,
    page_size,
    parse_id,
    read,
)
from schema.context import Context
from schema.inspections.types import (
    Inspection,
    InspectionKind,
    InspectionStatus,
    inspection_by_id,
)

CURSOR = "inspection"


def _after(cursor: str | None) -> int | None:
    value = decode_cursor(CURSOR, cursor)
    if value is not None and not value.isdigit():
        raise InvalidInput("after", "is not a cursor of this list")
    return int(value) if value is not None else None


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
        found = await read(
            info,
            list_inspections,
            as_of=as_of,
            unit_id=str(parse_id("unitId", unit_id)) if unit_id is not None else None,
            status=status.value if status else None,
            kind=kind.value if kind else None,
            after=_after(after),
            first=page_size(first),
        )
        return connection(
            found, Inspection.from_row, lambda r: encode_cursor(CURSOR, r["planned_position"])
        )
