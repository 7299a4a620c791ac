from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.models import coverage, get_candidacy, list_candidacies
from schema.common import AsOf, Connection, column_cursor, one, page, read
from schema.context import Context
from schema.models.types import CandidacyState, Coverage, ModelCandidacy, today

_CURSOR = column_cursor("candidacy", "id")


@strawberry.type
class ModelQueries:
    @strawberry.field(description="One candidacy (a unit × a model type) by id.")
    async def candidacy(
        self,
        info: Info[Context, None],
        id: strawberry.ID,
        as_of: AsOf | None = None,
    ) -> ModelCandidacy | None:
        return await one(
            info, get_candidacy, ModelCandidacy.from_row, as_of=as_of, candidacy_id=str(id)
        )

    @strawberry.field(description="Candidacies filtered by unit, model type and state.")
    async def candidacies(
        self,
        info: Info[Context, None],
        unit_id: strawberry.ID | None = None,
        model_type: str | None = None,
        state: CandidacyState | None = None,
        first: int = 50,
        after: str | None = None,
        as_of: AsOf | None = None,
    ) -> Connection[ModelCandidacy]:
        return await page(
            info,
            list_candidacies,
            ModelCandidacy.from_row,
            _CURSOR,
            first=first,
            after=after,
            as_of=as_of,
            unit_id=str(unit_id) if unit_id else None,
            model_type=model_type,
            state=state.value if state else None,
        )

    @strawberry.field(
        description="Each model's units recognized and in force on a date (default today) "
        "against its target on that date."
    )
    async def coverage(
        self,
        info: Info[Context, None],
        on: datetime.date | None = None,
        as_of: AsOf | None = None,
    ) -> list[Coverage]:
        day = on or today()
        rows = await read(info, coverage, as_of=as_of, on=day.isoformat())
        return [Coverage.from_row(r, day) for r in rows]
