from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.ratings import get_rating
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context
from schema.ratings.inputs import CorrectRatingInput, CriterionNoteInput, RecordRatingInput
from schema.ratings.types import Rating, RatingChanged, RatingResult


def _notes(notes: list[CriterionNoteInput]) -> list[dict[str, str]]:
    return [{"criterion": n.criterion, "note": n.note} for n in notes]


_changed = reread(
    get_rating,
    "rating_id",
    lambda row, position: RatingChanged(rating=Rating.from_row(row), position=position),
)


@strawberry.type
class RatingMutations:
    @strawberry.mutation(
        description="Record the yearly rating of a party cell or a member, with notes on the "
        "person criteria. Inspection Committee only."
    )
    async def record_rating(
        self, info: Info[Context, None], input: RecordRatingInput
    ) -> RatingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.record_rating(
                request,
                subject_kind=input.subject_kind.value,
                unit_id=parse_id("unitId", input.unit_id),
                member_name=input.member_name,
                member_person_id=parse_optional_id("memberPersonId", input.member_person_id),
                year=input.year,
                level=input.level.value,
                notes=_notes(input.notes),
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Correct a rating; the reason is required. Inspection Committee only."
    )
    async def correct_rating(
        self, info: Info[Context, None], input: CorrectRatingInput
    ) -> RatingResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.correct_rating(
                request,
                rating_id=parse_id("ratingId", input.rating_id),
                level=input.level.value,
                notes=_notes(input.notes),
            ),
            _changed,
        )
