from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.models import get_candidacy
from schema.common import parse_id, read, run_command
from schema.context import Context
from schema.models.inputs import (
    AssessModelInput,
    EnrolModelInput,
    RecognizeModelInput,
    RevokeRecognitionInput,
)
from schema.models.types import ModelCandidacy, ModelCandidacyChanged, ModelResult


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[ModelCandidacyChanged]]:
    async def success(done: Done) -> ModelCandidacyChanged:
        row = await read(info, get_candidacy, candidacy_id=str(done.id))
        assert row is not None, "read-your-writes: the view holds what was just recorded"
        return ModelCandidacyChanged(candidacy=ModelCandidacy.from_row(row), position=done.position)

    return success


@strawberry.type
class ModelMutations:
    @strawberry.mutation(
        description="Enrol a unit for a model type its kind may build. Office only."
    )
    async def enrol_model(self, info: Info[Context, None], input: EnrolModelInput) -> ModelResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.enrol_model(
                request, unit_id=parse_id("unitId", input.unit_id), model_type=input.model_type
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Record an assessment against the model's criteria. Office or inspectors."
    )
    async def assess_model(self, info: Info[Context, None], input: AssessModelInput) -> ModelResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.assess_model(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                results=[
                    {"criterion": r.criterion, "met": r.met, "note": r.note} for r in input.results
                ],
                passed=input.passed,
                note=input.note,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Recognize a unit as a model by decision, after a passing assessment. "
        "Party Committee only."
    )
    async def recognize_model(
        self, info: Info[Context, None], input: RecognizeModelInput
    ) -> ModelResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.recognize_model(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                decision_number=input.decision_number,
                decision_date=input.decision_date,
                valid_until=input.valid_until,
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Revoke a recognition; the reason says why. Party Committee only."
    )
    async def revoke_recognition(
        self, info: Info[Context, None], input: RevokeRecognitionInput
    ) -> ModelResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.revoke_recognition(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                decision_number=input.decision_number,
            )

        return await run_command(info, input, command, _changed(info))
