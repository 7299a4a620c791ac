from __future__ import annotations

import datetime

import strawberry

from schema.commendations.types import CommendationRecipientKind
from schema.common import CommandInput


@strawberry.input
class ProposeCommendationInput(CommandInput):
    recipient_kind: CommendationRecipientKind
    recipient_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The unit commended; for a person, family or area, the unit they belong to.",
    )
    recipient_name: str | None = strawberry.field(
        default=None,
        description="Required for a person, family or residential area; empty for a unit. "
        "A person's or family's name is personal data: it is recorded encrypted.",
    )
    recipient_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For a person or family already on record: their `recipientPersonId`, so "
        "that their records share one key. Without it a new person id is made.",
    )
    form: str = strawberry.field(description='The form of the award, e.g. "giấy khen".')
    achievement: str
    proposed_by: str | None = strawberry.field(
        default=None, description="The proposing body: free text or a responsible-body code."
    )


@strawberry.input
class IssueCommendationInput(CommandInput):
    commendation_id: strawberry.ID
    decision_number: str
    decision_date: datetime.date
    issued_by: str = strawberry.field(description="The issuing authority.")


@strawberry.input
class RevokeCommendationInput(CommandInput):
    commendation_id: strawberry.ID
    decision_number: str | None = None
