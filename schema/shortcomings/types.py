from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.read import as_of_of
from projections.shortcomings import get_shortcoming
from projections.storage import Row
from schema.common import AsOf, FailureType, one
from schema.context import Context
from schema.personal import PersonalDataState, Revealed, person_id_of, reveal_or_plain
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="How serious a shortcoming is.")
class ShortcomingSeverity(Enum):
    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"


@strawberry.enum
class ShortcomingStatus(Enum):
    OPEN = "open"
    RESOLVED = "resolved"


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@strawberry.enum(
    description="Whom discipline is against: the unit's party organization or a member."
)
class DisciplineSubject(Enum):
    ORGANIZATION = "organization"
    MEMBER = "member"


@strawberry.enum(
    description="The Party's forms of discipline: reprimand (khiển trách), warning (cảnh cáo), "
    "dissolution (giải tán, organizations), removal from post (cách chức) and expulsion "
    "(khai trừ, members)."
)
class DisciplineForm(Enum):
    REPRIMAND = "reprimand"
    WARNING = "warning"
    DISSOLUTION = "dissolution"
    REMOVAL_FROM_POST = "removal_from_post"
    EXPULSION = "expulsion"


@strawberry.enum
class DisciplineOutcome(Enum):
    IMPOSED = "imposed"
    NOT_IMPOSED = "not_imposed"


@strawberry.type(
    description="Discipline proposed against a shortcoming, and its decision. A member's "
    "discipline is personal data, sealed with the member's key: its name, proposed form, "
    "grounds, outcome, form and decision number are null unless the reader may read personal "
    "data (each read is recorded), and null for everyone once erased; `detailsState` says which."
)
class Discipline:
    number: int
    subject_kind: DisciplineSubject
    proposed_on: datetime.date
    decision_date: datetime.date | None = strawberry.field(
        description="Null until decided; in clear for a member too."
    )
    row: strawberry.Private[Row]

    @property
    def _member(self) -> bool:
        return self.subject_kind is DisciplineSubject.MEMBER

    async def _detail(self, info: Info[Context, None], name: str) -> Revealed:
        """One of the discipline's details, opened or withheld for a member."""
        plain = self.row.get(name)
        if not self._member:
            return Revealed(plain, PersonalDataState.NOT_PERSONAL)
        sealed = self.row.get(f"sealed_{name}")
        if sealed is None and not plain:
            return Revealed(None, PersonalDataState.NOT_PERSONAL)  # not (yet) recorded
        return await reveal_or_plain(info, sealed, plain)

    @strawberry.field(description="The form proposed.")
    async def proposed_form(self, info: Info[Context, None]) -> DisciplineForm | None:
        shown = (await self._detail(info, "proposed_form")).value
        return DisciplineForm(shown) if shown else None

    @strawberry.field(description="Why it is proposed.")
    async def grounds(self, info: Info[Context, None]) -> str | None:
        return (await self._detail(info, "grounds")).value

    @strawberry.field(description="Null until decided.")
    async def outcome(self, info: Info[Context, None]) -> DisciplineOutcome | None:
        shown = (await self._detail(info, "outcome")).value
        return DisciplineOutcome(shown) if shown else None

    @strawberry.field(description="The form imposed, if any.")
    async def form(self, info: Info[Context, None]) -> DisciplineForm | None:
        shown = (await self._detail(info, "form")).value
        return DisciplineForm(shown) if shown else None

    @strawberry.field(description="The decision's number; null until decided.")
    async def decision_number(self, info: Info[Context, None]) -> str | None:
        return (await self._detail(info, "decision_number")).value

    @strawberry.field(
        description="Whether a member's proposed form, grounds, outcome, form and decision "
        "number are shown, withheld from this caller, or erased; NOT_PERSONAL for an "
        "organization."
    )
    async def details_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await self._detail(info, "proposed_form")).state

    @strawberry.field(
        description="The member's name: personal data, sealed; null unless the reader may read "
        "personal data (each read is recorded), or once erased; always null for an organization."
    )
    async def subject_name(self, info: Info[Context, None]) -> str | None:
        return (await self._detail(info, "name")).value

    @strawberry.field(
        description="Whether `subjectName` is shown, withheld from this caller, or erased."
    )
    async def subject_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await self._detail(info, "name")).state

    @strawberry.field(
        description="The member's stable person id, for the roles that may read personal data."
    )
    def subject_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        return person_id_of(info, self.row.get("sealed_name"))

    @classmethod
    def from_doc(cls, d: Row) -> Discipline:
        proposed_on = _day(d["proposed_on"])
        assert proposed_on is not None
        return cls(
            number=d["number"],
            subject_kind=DisciplineSubject(d["subject_kind"]),
            proposed_on=proposed_on,
            decision_date=_day(d["decision_date"]),
            row={**d, "name": d["subject_name"]},
        )


@strawberry.type(
    description="A shortcoming found in a unit (khuyết điểm), its remediation and resolution."
)
class Shortcoming:
    id: strawberry.ID
    severity: ShortcomingSeverity
    finding: str
    source: str | None = strawberry.field(description="The inspection or document that found it.")
    flagged_by: str | None = strawberry.field(description="The body that flagged it.")
    flagged_on: datetime.date
    remediation_plan: str | None
    remediation_due: datetime.date | None
    remediation_responsible: str | None
    status: ShortcomingStatus
    resolved_on: datetime.date | None
    resolution: str | None
    evidence: list[str]
    disciplines: list[Discipline]
    unit_id: strawberry.Private[str]
    transferred_from_id: strawberry.Private[str | None]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Shortcoming:
        flagged_on = _day(row["flagged_on"])
        assert flagged_on is not None
        return cls(
            id=strawberry.ID(row["id"]),
            severity=ShortcomingSeverity(row["severity"]),
            finding=row["finding"],
            source=row["source"],
            flagged_by=row["flagged_by"],
            flagged_on=flagged_on,
            remediation_plan=row["remediation_plan"],
            remediation_due=_day(row["remediation_due"]),
            remediation_responsible=row["remediation_responsible"],
            status=ShortcomingStatus(row["status"]),
            resolved_on=_day(row["resolved_on"]),
            resolution=row["resolution"],
            evidence=list(row["evidence"]),
            disciplines=[Discipline.from_doc(d) for d in row.get("disciplines", [])],
            unit_id=row["unit_id"],
            as_of_position=as_of_of(row),
            transferred_from_id=row["transferred_from"],
        )

    @strawberry.field(description="The unit the shortcoming belongs to now.")
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)

    @strawberry.field(description="The unit it belonged to before a merger handed it over.")
    async def transferred_from(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.transferred_from_id, at=self.as_of_position)


async def shortcoming_by_id(
    info: Info[Context, None], shortcoming_id: str, *, as_of: AsOf | None = None
) -> Shortcoming | None:
    return await one(
        info, get_shortcoming, Shortcoming.from_row, as_of=as_of, shortcoming_id=shortcoming_id
    )


@strawberry.type(description="The shortcoming as it stands after the command.")
class ShortcomingChanged:
    shortcoming: Shortcoming
    position: int = strawberry.field(description="The log position of the last event recorded.")


ShortcomingResult = Annotated[
    ShortcomingChanged | FailureType, strawberry.union("ShortcomingResult")
]
