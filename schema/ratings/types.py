from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.program import program_item
from projections.read import as_of_of
from projections.storage import Row
from schema.common import FailureType, read
from schema.context import Context
from schema.personal import (
    PersonalDataState,
    Revealed,
    may_read_personal_data,
    person_id_of,
    reveal_or_plain,
)
from schema.program.types import Criterion
from schema.units.types import Unit, unit_by_id


@strawberry.enum(
    description="Hoàn thành xuất sắc nhiệm vụ (excellent), hoàn thành tốt (good), hoàn thành "
    "(completed), không hoàn thành nhiệm vụ (not completed)."
)
class RatingLevel(Enum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


@strawberry.enum(description="A party organization (a party cell) or a party member.")
class RatingSubject(Enum):
    ORGANIZATION = "organization"
    MEMBER = "member"


@strawberry.type(description="A note on one criterion of the socialist person (II.3).")
class CriterionNote:
    criterion: str
    note: str | None = strawberry.field(
        description="A member's note is personal data, sealed: null once erased."
    )
    judged_at: strawberry.Private[int]

    @strawberry.field(description="The criterion's wording in force when the note was written.")
    async def wording(self, info: Info[Context, None]) -> Criterion | None:
        row = await read(
            info, program_item, kind="criterion", code=self.criterion, at=self.judged_at
        )
        return Criterion.from_row(row) if row else None


@strawberry.type(description="A yearly rating of a party organization or member.")
class Rating:
    id: strawberry.ID
    subject_kind: RatingSubject
    year: int
    recorded_on: datetime.date
    corrections: int
    unit_id: strawberry.Private[str]
    name: strawberry.Private[str | None]
    plain_level: strawberry.Private[str]
    sealed_name: strawberry.Private[object]
    sealed_level: strawberry.Private[object]
    note_rows: strawberry.Private[list[Row]]
    judged_at: strawberry.Private[int]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Rating:
        return cls(
            id=strawberry.ID(row["id"]),
            subject_kind=RatingSubject(row["subject_kind"]),
            year=row["year"],
            recorded_on=datetime.date.fromisoformat(row["recorded_on"]),
            corrections=row["corrections"],
            unit_id=row["unit_id"],
            name=row["member_name"],
            plain_level=row["level"],
            sealed_name=row.get("sealed_name"),
            sealed_level=row.get("sealed_level"),
            note_rows=list(row["notes"]),
            judged_at=row["judged_position"],
            as_of_position=as_of_of(row),
        )

    @property
    def _hidden(self) -> bool:
        return self.subject_kind is RatingSubject.MEMBER

    @strawberry.field(description="The organization rated, or the member's party cell.")
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)

    async def _level(self, info: Info[Context, None]) -> Revealed:
        if not self._hidden:
            return Revealed(self.plain_level, PersonalDataState.NOT_PERSONAL)
        return await reveal_or_plain(info, self.sealed_level, self.plain_level)

    @strawberry.field(
        description="An organization's level; a member's is personal data, sealed: null unless "
        "the reader may read personal data (each read is recorded), or once erased."
    )
    async def level(self, info: Info[Context, None]) -> RatingLevel | None:
        shown = (await self._level(info)).value
        return RatingLevel(shown) if shown else None

    @strawberry.field(description="Whether `level` is shown, withheld from this caller, or erased.")
    async def level_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await self._level(info)).state

    @strawberry.field(
        description="The member's name: personal data, sealed: null unless the reader may read "
        "personal data (each read is recorded), or once erased; null for an organization."
    )
    async def member_name(self, info: Info[Context, None]) -> str | None:
        if not self._hidden:
            return None
        return (await reveal_or_plain(info, self.sealed_name, self.name)).value

    @strawberry.field(
        description="Whether `memberName` is shown, withheld from this caller, or erased."
    )
    async def member_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        if not self._hidden:
            return PersonalDataState.NOT_PERSONAL
        return (await reveal_or_plain(info, self.sealed_name, self.name)).state

    @strawberry.field(
        description="The member's stable person id, for the roles that may read personal data; "
        "give it again when rating the same member."
    )
    def member_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        return person_id_of(info, self.sealed_name)

    @strawberry.field(
        description="Notes on the person criteria. A member's are personal data, sealed: empty "
        "unless the reader may read personal data (each read is recorded)."
    )
    async def notes(self, info: Info[Context, None]) -> list[CriterionNote]:
        if self._hidden and not may_read_personal_data(info):
            return []
        return [
            CriterionNote(
                criterion=n["criterion"],
                note=(await reveal_or_plain(info, n["note"], n["note"])).value
                if self._hidden
                else n["note"],
                judged_at=self.judged_at,
            )
            for n in self.note_rows
        ]


@strawberry.type(description="How many were rated at one level in a year.")
class RatingCount:
    subject_kind: RatingSubject
    level: RatingLevel
    count: int


@strawberry.type(description="The rating as it stands after the command.")
class RatingChanged:
    rating: Rating
    position: int = strawberry.field(description="The log position of the last event recorded.")


RatingResult = Annotated[RatingChanged | FailureType, strawberry.union("RatingResult")]
