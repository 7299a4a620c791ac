from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.ratings import get_rating
from schema.common import parse_id, parse_optional_id, read, run_command
from schema.context import Context
from schema.ratings.inputs import CorrectRatingInput, CriterionNoteInput, RecordRatingInput
from schema.ratings.types import Rating, RatingChanged, RatingResult


def _notes(notes: list[CriterionNoteInput]) -> list[dict[str, str]]:
    return [{"criterion": n.criterion, "note": n.note} for n in notes]


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[RatingChanged]]:
    async def success(done: Done) -> RatingChanged:
        row = await read(info, get_rating, rating_id=str(done.id))
        assert row is not None, "read-your-writes: the view holds what was just recorded"
        return RatingChanged(rating=Rating.from_row(row), position=done.position)

    return success


@strawberry.type
class RatingMutations:
    @strawberry.mutation(
        description="Record the yearly rating of a party cell or a member, with notes on the "
        "person criteria. Inspection Committee only."
    )
    async def record_rating(
        self, info: Info[Context, None], input: RecordRatingInput
    ) -> RatingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.record_rating(
                request,
                subject_kind=input.subject_kind.value,
                unit_id=parse_id("unitId", input.unit_id),
                member_name=input.member_name,
                member_person_id=parse_optional_id("memberPersonId", input.member_person_id),
                year=input.year,
                level=input.level.value,
                notes=_notes(input.notes),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Correct a rating; the reason is required. Inspection Committee only."
    )
    async def correct_rating(
        self, info: Info[Context, None], input: CorrectRatingInput
    ) -> RatingResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.correct_rating(
                request,
                rating_id=parse_id("ratingId", input.rating_id),
                level=input.level.value,
                notes=_notes(input.notes),
            )

        return await run_command(info, input, command, _changed(info))
