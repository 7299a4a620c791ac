from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.commendations import get_commendation
from projections.inspections import get_inspection
from projections.read import as_of_of
from projections.storage import Row
from schema.commendations.types import Commendation
from schema.common import AsOf, FailureType, from_same_names, one, optional_date
from schema.context import Context
from schema.shortcomings.types import Shortcoming, shortcoming_by_id
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="Kiểm tra (inspection) or giám sát (supervision).")
class InspectionKind(Enum):
    INSPECTION = "inspection"
    SUPERVISION = "supervision"


@strawberry.enum
class InspectionStatus(Enum):
    PLANNED = "planned"
    CONDUCTED = "conducted"
    CLOSED = "closed"


@strawberry.enum(description="A finding is a shortcoming of the unit or a good practice.")
class FindingKind(Enum):
    SHORTCOMING = "shortcoming"
    GOOD_PRACTICE = "good_practice"


@strawberry.type(description="One finding of an inspection, about one of its units.")
class Finding:
    number: int
    kind: FindingKind
    text: str
    recorded_on: datetime.date
    unit_id: strawberry.Private[str]
    shortcoming_id: strawberry.Private[str | None]
    commendation_id: strawberry.Private[str | None]
    at: strawberry.Private[int | None]

    @classmethod
    def from_doc(cls, d: Row, at: int | None) -> Finding:
        return cls(
            number=d["number"],
            kind=FindingKind(d["kind"]),
            text=d["text"],
            recorded_on=datetime.date.fromisoformat(d["recorded_on"]),
            unit_id=d["unit_id"],
            shortcoming_id=d["shortcoming_id"],
            commendation_id=d["commendation_id"],
            at=at,
        )

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.at)

    @strawberry.field(description="The shortcoming flagged by a shortcoming finding.")
    async def shortcoming(self, info: Info[Context, None]) -> Shortcoming | None:
        if self.shortcoming_id is None:
            return None
        as_of = AsOf(position=self.at) if self.at is not None else None
        return await shortcoming_by_id(info, self.shortcoming_id, as_of=as_of)

    @strawberry.field(description="The commendation proposed from a good-practice finding.")
    async def commendation(self, info: Info[Context, None]) -> Commendation | None:
        if self.commendation_id is None:
            return None
        as_of = AsOf(position=self.at) if self.at is not None else None
        return await one(
            info,
            get_commendation,
            Commendation.from_row,
            as_of=as_of,
            commendation_id=self.commendation_id,
        )


@strawberry.type(description="An inspection or supervision by the Inspection Committee (IV.3.5).")
class Inspection:
    id: strawberry.ID
    kind: InspectionKind
    title: str
    scope: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: InspectionStatus
    planned_on: datetime.date
    conducted_on: datetime.date | None
    summary: str | None
    evidence: list[str]
    closed_on: datetime.date | None
    conclusion: str | None
    findings: list[Finding]
    unit_ids: strawberry.Private[list[str]]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Inspection:
        at = as_of_of(row)
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            kind=InspectionKind(row["kind"]),
            starts_on=datetime.date.fromisoformat(row["starts_on"]),
            ends_on=datetime.date.fromisoformat(row["ends_on"]),
            status=InspectionStatus(row["status"]),
            planned_on=datetime.date.fromisoformat(row["planned_on"]),
            conducted_on=optional_date(row["conducted_on"]),
            evidence=list(row["evidence"]),
            closed_on=optional_date(row["closed_on"]),
            findings=[Finding.from_doc(f, at) for f in row["findings"]],
            unit_ids=list(row["unit_ids"]),
            as_of_position=at,
        )

    @strawberry.field(description="The units inspected.")
    async def units(self, info: Info[Context, None]) -> list[Unit]:
        found = [await unit_by_id(info, u, at=self.as_of_position) for u in self.unit_ids]
        return [u for u in found if u is not None]


async def inspection_by_id(
    info: Info[Context, None], inspection_id: str, *, as_of: AsOf | None = None
) -> Inspection | None:
    return await one(
        info, get_inspection, Inspection.from_row, as_of=as_of, inspection_id=inspection_id
    )


@strawberry.type(description="The inspection as it stands after the command.")
class InspectionChanged:
    inspection: Inspection
    position: int = strawberry.field(description="The log position of the last event recorded.")


InspectionResult = Annotated[InspectionChanged | FailureType, strawberry.union("InspectionResult")]
