from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.read import as_of_of
from projections.storage import Row
from projections.units import get_unit
from schema.common import AsOf, FailureType, read
from schema.context import Context


@strawberry.enum(description="What kind of unit: the places and bodies of the commune.")
class UnitKind(Enum):
    VILLAGE = "village"
    PARTY_CELL = "party_cell"
    OFFICE = "office"
    MASS_ORGANIZATION = "mass_organization"
    SCHOOL = "school"
    BUSINESS = "business"
    GOVERNMENT = "government"


@strawberry.enum
class UnitStatus(Enum):
    ACTIVE = "active"
    MERGED = "merged"
    DISSOLVED = "dissolved"


@strawberry.type(
    description="A village, party cell, office, mass organization, school or business."
)
class Unit:
    id: strawberry.ID
    code: str
    kind: UnitKind
    name: str
    status: UnitStatus
    registered_on: datetime.date
    ended_on: datetime.date | None
    parent_id: strawberry.Private[str | None]
    merged_into_id: strawberry.Private[str | None]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Unit:
        return cls(
            id=strawberry.ID(row["id"]),
            code=row["code"],
            kind=UnitKind(row["kind"]),
            name=row["name"],
            status=UnitStatus(row["status"]),
            registered_on=datetime.date.fromisoformat(row["registered_on"]),
            ended_on=datetime.date.fromisoformat(row["ended_on"]) if row["ended_on"] else None,
            parent_id=row["parent_id"],
            merged_into_id=row["merged_into"],
            as_of_position=as_of_of(row),
        )

    @strawberry.field
    async def parent(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.parent_id, at=self.as_of_position)

    @strawberry.field
    async def merged_into(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.merged_into_id, at=self.as_of_position)


async def unit_by_id(
    info: Info[Context, None],
    unit_id: str | None,
    *,
    at: int | None = None,
    as_of: AsOf | None = None,
) -> Unit | None:
    """A unit as it stood at a position (`at`, from a row read in the past), at a moment the
    client asked for (`as_of`), or now."""
    if unit_id is None:
        return None
    if as_of is not None:
        row = await read(info, get_unit, as_of=as_of, unit_id=unit_id)
    else:
        row = await info.context.units.load((unit_id, at))
    return Unit.from_row(row) if row else None


@strawberry.type(description="The unit as it stands after the command.")
class UnitChanged:
    unit: Unit
    position: int = strawberry.field(description="The log position of the last event recorded.")


UnitResult = Annotated[UnitChanged | FailureType, strawberry.union("UnitResult")]
