from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.models import get_candidacy
from schema.common import mutate, parse_id, reread
from schema.context import Context
from schema.models.inputs import (
    AssessModelInput,
    EnrolModelInput,
    RecognizeModelInput,
    RevokeRecognitionInput,
)
from schema.models.types import ModelCandidacy, ModelCandidacyChanged, ModelResult

_changed = reread(
    get_candidacy,
    "candidacy_id",
    lambda row, position: ModelCandidacyChanged(
        candidacy=ModelCandidacy.from_row(row), position=position
    ),
)


@strawberry.type
class ModelMutations:
    @strawberry.mutation(
        description="Enrol a unit for a model type its kind may build. Office only."
    )
    async def enrol_model(self, info: Info[Context, None], input: EnrolModelInput) -> ModelResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.enrol_model(
                request, unit_id=parse_id("unitId", input.unit_id), model_type=input.model_type
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Record an assessment against the model's criteria. Office or inspectors."
    )
    async def assess_model(self, info: Info[Context, None], input: AssessModelInput) -> ModelResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.assess_model(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                results=[
                    {"criterion": r.criterion, "met": r.met, "note": r.note} for r in input.results
                ],
                passed=input.passed,
                note=input.note,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Recognize a unit as a model by decision, after a passing assessment. "
        "Party Committee only."
    )
    async def recognize_model(
        self, info: Info[Context, None], input: RecognizeModelInput
    ) -> ModelResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.recognize_model(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                decision_number=input.decision_number,
                decision_date=input.decision_date,
                valid_until=input.valid_until,
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Revoke a recognition; the reason says why. Party Committee only."
    )
    async def revoke_recognition(
        self, info: Info[Context, None], input: RevokeRecognitionInput
    ) -> ModelResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.revoke_recognition(
                request,
                candidacy_id=parse_id("candidacyId", input.candidacy_id),
                decision_number=input.decision_number,
            ),
            _changed,
        )
