from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.feedback import get_feedback, report_testimonies
from projections.read import as_of_of
from projections.storage import Row
from schema.common import AsOf, FailureType, from_same_names, one, optional_date, read
from schema.context import Context
from schema.personal import PersonalDataState, person_id_of, reveal_or_plain
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="How the feedback reached the commune.")
class FeedbackChannel(Enum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    LETTER = "letter"
    ONLINE = "online"
    MEETING = "meeting"
    MASS_ORGANIZATION = "mass_organization"


@strawberry.enum
class FeedbackStatus(Enum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    CLOSED = "closed"


@strawberry.enum(description="A citizen confirms or disputes a progress report.")
class TestimonyStance(Enum):
    CONFIRM = "confirm"
    DISPUTE = "dispute"


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@strawberry.type(description="A citizen's opinion about a unit, and how it was handled.")
class Feedback:
    id: strawberry.ID
    reference: str = strawberry.field(description="The short code the citizen follows it by.")
    channel: FeedbackChannel
    topic: str
    text: str
    status: FeedbackStatus
    submitted_on: datetime.date
    acknowledged_on: datetime.date | None
    acknowledgement: str | None
    answered_on: datetime.date | None
    answer: str | None
    response_days: int | None = strawberry.field(description="Days from submission to answer.")
    closed_on: datetime.date | None
    closing_note: str | None
    unit_id: strawberry.Private[str]
    transferred_from_id: strawberry.Private[str | None]
    name: strawberry.Private[str | None]
    contact: strawberry.Private[str | None]
    sealed_name: strawberry.Private[object]
    sealed_contact: strawberry.Private[object]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Feedback:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            channel=FeedbackChannel(row["channel"]),
            status=FeedbackStatus(row["status"]),
            submitted_on=_date(row["submitted_on"]),
            acknowledged_on=optional_date(row["acknowledged_on"]),
            answered_on=optional_date(row["answered_on"]),
            closed_on=optional_date(row["closed_on"]),
            transferred_from_id=row["transferred_from"],
            name=row["submitter_name"],
            contact=row["submitter_contact"],
            sealed_name=row.get("sealed_name"),
            sealed_contact=row.get("sealed_contact"),
            as_of_position=as_of_of(row),
        )

    @strawberry.field(
        description="Personal data, sealed: null unless the reader may read personal data "
        "(each read is recorded), or once erased."
    )
    async def submitter_name(self, info: Info[Context, None]) -> str | None:
        return (await reveal_or_plain(info, self.sealed_name, self.name)).value

    @strawberry.field(
        description="Whether `submitterName` is shown, withheld from this caller, or erased."
    )
    async def submitter_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await reveal_or_plain(info, self.sealed_name, self.name)).state

    @strawberry.field(
        description="Personal data, sealed: null unless the reader may read personal data "
        "(each read is recorded), or once erased."
    )
    async def submitter_contact(self, info: Info[Context, None]) -> str | None:
        return (await reveal_or_plain(info, self.sealed_contact, self.contact)).value

    @strawberry.field(
        description="The stable id of the person who gave it, for the roles that may read "
        "personal data; give it again for the same person's later records."
    )
    def submitter_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        return person_id_of(info, self.sealed_name or self.sealed_contact)

    @strawberry.field(description="The unit the feedback is about, which answers it.")
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)

    @strawberry.field(description="The unit it was about before a merger handed it over.")
    async def transferred_from(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.transferred_from_id, at=self.as_of_position)


@strawberry.type(
    description="What a citizen sees when following feedback by its reference: the handling "
    "and the answer, never who gave it."
)
class FeedbackFollowUp:
    reference: str
    topic: str
    status: FeedbackStatus
    submitted_on: datetime.date
    acknowledged_on: datetime.date | None
    answered_on: datetime.date | None
    answer: str | None
    closed_on: datetime.date | None
    closing_note: str | None
    unit_id: strawberry.Private[str]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> FeedbackFollowUp:
        return from_same_names(
            cls,
            row,
            status=FeedbackStatus(row["status"]),
            submitted_on=_date(row["submitted_on"]),
            acknowledged_on=optional_date(row["acknowledged_on"]),
            answered_on=optional_date(row["answered_on"]),
            closed_on=optional_date(row["closed_on"]),
            as_of_position=as_of_of(row),
        )

    @strawberry.field(description="The unit that answers it.")
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)


@strawberry.type(description="How one unit answers the feedback about it, on a date.")
class UnitFeedbackResponse:
    received: int
    answered: int
    waiting: int
    average_response_days: float | None = strawberry.field(
        description="Mean days from submission to answer, over the answered ones."
    )
    longest_wait_days: int = strawberry.field(description="The oldest unanswered one's days.")
    unit_id: strawberry.Private[str]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row, at: int | None) -> UnitFeedbackResponse:
        answered = row["answered"]
        return cls(
            received=row["received"],
            answered=answered,
            waiting=row["waiting"],
            average_response_days=(
                round(row["response_days_total"] / answered, 1) if answered else None
            ),
            longest_wait_days=row["longest_wait_days"],
            unit_id=row["unit_id"],
            as_of_position=at,
        )

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id, at=self.as_of_position)


@strawberry.type(description="Feedback waiting for an answer, and for how long.")
class WaitingFeedback:
    feedback: Feedback
    waiting_days: int


@strawberry.type(description="A citizen's confirmation or dispute of a progress report.")
class Testimony:
    id: strawberry.ID
    stance: TestimonyStance
    text: str
    given_on: datetime.date
    report_version: int
    name: strawberry.Private[str | None]
    contact: strawberry.Private[str | None]
    sealed_name: strawberry.Private[object]
    sealed_contact: strawberry.Private[object]

    @classmethod
    def from_row(cls, row: Row) -> Testimony:
        return cls(
            id=strawberry.ID(row["id"]),
            stance=TestimonyStance(row["stance"]),
            text=row["text"],
            given_on=_date(row["given_on"]),
            report_version=row["report_version"],
            name=row["submitter_name"],
            contact=row["submitter_contact"],
            sealed_name=row.get("sealed_name"),
            sealed_contact=row.get("sealed_contact"),
        )

    @strawberry.field(
        description="Personal data, sealed: null unless the reader may read personal data "
        "(each read is recorded), or once erased."
    )
    async def submitter_name(self, info: Info[Context, None]) -> str | None:
        return (await reveal_or_plain(info, self.sealed_name, self.name)).value

    @strawberry.field(
        description="Whether `submitterName` is shown, withheld from this caller, or erased."
    )
    async def submitter_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        return (await reveal_or_plain(info, self.sealed_name, self.name)).state

    @strawberry.field(
        description="Personal data, sealed: null unless the reader may read personal data "
        "(each read is recorded), or once erased."
    )
    async def submitter_contact(self, info: Info[Context, None]) -> str | None:
        return (await reveal_or_plain(info, self.sealed_contact, self.contact)).value

    @strawberry.field(
        description="The stable id of the person who gave it, for the roles that may read "
        "personal data; give it again for the same person's later records."
    )
    def submitter_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        return person_id_of(info, self.sealed_name or self.sealed_contact)


@strawberry.type(description="One progress report of a task, with citizens' testimonies on it.")
class ProgressReport:
    version: int = strawberry.field(
        description="The task's version that recorded it: what a testimony points at."
    )
    position: int
    percent: int
    summary: str
    evidence: list[str]
    reported_on: datetime.date
    confirmations: int
    disputes: int
    id: strawberry.Private[str]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> ProgressReport:
        return from_same_names(
            cls,
            row,
            evidence=list(row["evidence"]),
            reported_on=_date(row["reported_on"]),
            as_of_position=as_of_of(row),
        )

    @strawberry.field
    async def testimonies(self, info: Info[Context, None]) -> list[Testimony]:
        as_of = AsOf(position=self.as_of_position) if self.as_of_position is not None else None
        rows = await read(info, report_testimonies, as_of=as_of, report=self.id)
        return [Testimony.from_row(r) for r in rows]


async def feedback_by_id(
    info: Info[Context, None], feedback_id: str, *, as_of: AsOf | None = None
) -> Feedback | None:
    return await one(info, get_feedback, Feedback.from_row, as_of=as_of, feedback_id=feedback_id)


@strawberry.type(description="The feedback as it stands after the command.")
class FeedbackChanged:
    feedback: Feedback
    position: int = strawberry.field(description="The log position of the last event recorded.")


FeedbackResult = Annotated[FeedbackChanged | FailureType, strawberry.union("FeedbackResult")]


@strawberry.type(description="The testimony as recorded.")
class TestimonyRecorded:
    testimony: Testimony
    position: int = strawberry.field(description="The log position of the last event recorded.")


TestimonyResult = Annotated[TestimonyRecorded | FailureType, strawberry.union("TestimonyResult")]
