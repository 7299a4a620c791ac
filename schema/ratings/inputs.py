from __future__ import annotations

import strawberry

from schema.common import CommandInput
from schema.ratings.types import RatingLevel, RatingSubject


@strawberry.input
class CriterionNoteInput:
    criterion: str = strawberry.field(description="A person criterion's code, e.g. 'person-2'.")
    note: str


@strawberry.input
class RecordRatingInput(CommandInput):
    subject_kind: RatingSubject
    unit_id: strawberry.ID = strawberry.field(
        description="The party cell rated, or the member's party cell."
    )
    member_name: str | None = strawberry.field(
        default=None, description="A member's name (personal data); empty for an organization."
    )
    member_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person's stable id, to seal with the same key as their earlier "
        "records; derived from the idempotency key when not given.",
    )
    year: int
    level: RatingLevel
    notes: list[CriterionNoteInput] = strawberry.field(
        default_factory=list, description="A member's rating has one on each person criterion."
    )


@strawberry.input
class CorrectRatingInput(CommandInput):
    rating_id: strawberry.ID
    level: RatingLevel
    notes: list[CriterionNoteInput] = strawberry.field(default_factory=list)
