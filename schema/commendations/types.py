from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.commendation import PERSONAL_KINDS
from domain.personal import Sealed
from projections.read import as_of_of
from projections.storage import Row
from schema.common import FailureType, from_same_names, optional_date
from schema.context import Context
from schema.personal import PersonalDataState, Revealed, may_read_personal_data, reveal
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


@strawberry.type(description="A commendation (khen thưởng), from its proposal to its decision.")
class Commendation:
    id: strawberry.ID
    recipient_kind: CommendationRecipientKind
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
    plain_name: strawberry.Private[str]
    sealed_name: strawberry.Private[Sealed | None]

    @classmethod
    def from_row(cls, row: Row) -> Commendation:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            recipient_kind=CommendationRecipientKind(row["recipient_kind"]),
            plain_name=row["recipient_name"],
            sealed_name=Sealed.from_json(row.get("recipient")),
            proposed_on=datetime.date.fromisoformat(row["proposed_on"]),
            status=CommendationStatus(row["status"]),
            decision_date=optional_date(row["decision_date"]),
            revoked_on=optional_date(row["revoked_on"]),
            as_of_position=as_of_of(row),
        )

    async def _recipient(self, info: Info[Context, None]) -> Revealed:
        if self.sealed_name is not None:
            return await reveal(info, self.sealed_name)
        if self.recipient_kind.value not in PERSONAL_KINDS:
            return Revealed(self.plain_name, PersonalDataState.NOT_PERSONAL)
        # Recorded before names were sealed: only those who may read personal data see it.
        if may_read_personal_data(info):
            return Revealed(self.plain_name, PersonalDataState.SHOWN)
        return Revealed(None, PersonalDataState.WITHHELD)

    @strawberry.field(
        description="The unit's or residential area's name; a person's or family's name only "
        "for the roles that may read personal data (each read is recorded), else null."
    )
    async def recipient_name(self, info: Info[Context, None]) -> str | None:
        return (await self._recipient(info)).value

    @strawberry.field(
        description="Whether `recipientName` is shown, withheld from this caller, or erased."
    )
    async def recipient_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await self._recipient(info)).state

    @strawberry.field(
        description="The stable id of the person or family commended, for the roles that may "
        "read personal data; give it again when proposing for the same person."
    )
    def recipient_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        if self.sealed_name is None or not may_read_personal_data(info):
            return None
        return strawberry.ID(str(self.sealed_name.person_id))

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
