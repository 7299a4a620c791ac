from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.read import as_of_of
from projections.storage import Row
from schema.common import FailureType
from schema.context import Context
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="Who is commended: a unit, a person, a family or a residential area.")
class CommendationRecipientKind(Enum):
    UNIT = "unit"
    PERSON = "person"
    FAMILY = "family"
    RESIDENTIAL_AREA = "residential_area"


@strawberry.enum
class CommendationStatus(Enum):
    PROPOSED = "proposed"
    ISSUED = "issued"
    REVOKED = "revoked"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@strawberry.type(description="A commendation (khen thưởng), from its proposal to its decision.")
class Commendation:
    id: strawberry.ID
    recipient_kind: CommendationRecipientKind
    recipient_name: str = strawberry.field(
        description="The unit's name, or the person's, family's or residential area's."
    )
    form: str = strawberry.field(description='The form of the award, e.g. "giấy khen".')
    achievement: str
    proposed_by: str | None
    proposed_on: datetime.date
    status: CommendationStatus
    decision_number: str | None
    decision_date: datetime.date | None
    issued_by: str | None = strawberry.field(description="The authority that issued it.")
    revoked_on: datetime.date | None
    revocation_decision_number: str | None
    revocation_reason: str | None
    unit_id: strawberry.Private[str | None]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Commendation:
        return cls(
            id=strawberry.ID(row["id"]),
            recipient_kind=CommendationRecipientKind(row["recipient_kind"]),
            recipient_name=row["recipient_name"],
            form=row["form"],
            achievement=row["achievement"],
            proposed_by=row["proposed_by"],
            proposed_on=datetime.date.fromisoformat(row["proposed_on"]),
            status=CommendationStatus(row["status"]),
            decision_number=row["decision_number"],
            decision_date=_date(row["decision_date"]),
            issued_by=row["issued_by"],
            revoked_on=_date(row["revoked_on"]),
            revocation_decision_number=row["revocation_decision_number"],
            revocation_reason=row["revocation_reason"],
            unit_id=row["unit_id"],
            as_of_position=as_of_of(row),
        )

    @strawberry.field(
        description="The recipient unit, or the unit the person, family or area belongs to."
    )
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)


@strawberry.type(description="The commendation as it stands after the command.")
class CommendationChanged:
    commendation: Commendation
    position: int = strawberry.field(description="The log position of the last event recorded.")


CommendationResult = Annotated[
    CommendationChanged | FailureType, strawberry.union("CommendationResult")
]
