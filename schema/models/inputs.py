from __future__ import annotations

import datetime

import strawberry

from schema.common import CommandInput


@strawberry.input
class EnrolModelInput(CommandInput):
    unit_id: strawberry.ID
    model_type: str = strawberry.field(description="A model type's code, e.g. 'culture-club'.")


@strawberry.input(description="How one criterion was judged.")
class ModelCriterionResultInput:
    criterion: str = strawberry.field(description="A criterion's code or its text.")
    met: bool
    note: str = ""


@strawberry.input
class AssessModelInput(CommandInput):
    candidacy_id: strawberry.ID
    results: list[ModelCriterionResultInput]
    passed: bool = strawberry.field(description="The assessor's overall verdict.")
    note: str = ""


@strawberry.input
class RecognizeModelInput(CommandInput):
    candidacy_id: strawberry.ID
    decision_number: str
    decision_date: datetime.date
    valid_until: datetime.date


@strawberry.input
class RevokeRecognitionInput(CommandInput):
    candidacy_id: strawberry.ID
    decision_number: str = strawberry.field(
        default="", description="The revoking decision's number, if there is one."
    )
