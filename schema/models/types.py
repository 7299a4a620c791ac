from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.models import in_force
from projections.program import program_item
from projections.read import as_of_of
from projections.storage import Row
from schema.common import FailureType, from_same_names, one, optional_date, read
from schema.context import Context
from schema.program.types import Criterion
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="Where a unit stands with a model.")
class CandidacyState(Enum):
    ENROLLED = "enrolled"
    ASSESSED = "assessed"
    RECOGNIZED = "recognized"
    REVOKED = "revoked"


@strawberry.type(description="A model of the program (II.4), by code and name.")
class ModelTypeRef:
    code: str
    name_vi: str
    name_en: str


@strawberry.type(description="How one criterion was judged in an assessment.")
class ModelCriterionResult:
    criterion: str = strawberry.field(description="A criterion's code or its text.")
    met: bool
    note: str
    judged_at: strawberry.Private[int | None]

    @strawberry.field(
        description="When `criterion` is a program criterion's code: its wording in force when "
        "the assessment was made, even if an amendment revised or retired it since."
    )
    async def wording(self, info: Info[Context, None]) -> Criterion | None:
        if self.judged_at is None:
            return None
        return await one(
            info,
            program_item,
            Criterion.from_row,
            kind="criterion",
            code=self.criterion,
            at=self.judged_at,
        )


@strawberry.type(description="The latest assessment of a unit against a model's criteria.")
class ModelAssessment:
    results: list[ModelCriterionResult]
    passed: bool
    note: str
    assessed_on: datetime.date

    @classmethod
    def from_doc(cls, given: Row) -> ModelAssessment:
        return cls(
            results=[
                ModelCriterionResult(
                    criterion=r["criterion"],
                    met=r["met"],
                    note=r["note"],
                    judged_at=given.get("assessed_position"),
                )
                for r in given["results"]
            ],
            passed=given["passed"],
            note=given["note"],
            assessed_on=datetime.date.fromisoformat(given["assessed_on"]),
        )


def today() -> datetime.date:
    """Today as the log dates what it records: in UTC."""
    return datetime.datetime.now(datetime.UTC).date()


@strawberry.type(description="A unit's candidacy for one model: enrolled, assessed, recognized.")
class ModelCandidacy:
    id: strawberry.ID
    state: CandidacyState
    enrolled_on: datetime.date
    last_assessment: ModelAssessment | None
    decision_number: str | None
    decision_date: datetime.date | None
    valid_until: datetime.date | None
    revoked_on: datetime.date | None
    revocation_number: str | None
    unit_id: strawberry.Private[str]
    model_type_code: strawberry.Private[str]
    row: strawberry.Private[Row]
    as_of_position: strawberry.Private[int | None]
    recognitions: int = strawberry.field(description="How many times it has been recognized.")

    @classmethod
    def from_row(cls, row: Row) -> ModelCandidacy:
        assessment = row["last_assessment"]
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            state=CandidacyState(row["state"]),
            enrolled_on=datetime.date.fromisoformat(row["enrolled_on"]),
            last_assessment=ModelAssessment.from_doc(assessment) if assessment else None,
            decision_date=optional_date(row["decision_date"]),
            valid_until=optional_date(row["valid_until"]),
            revoked_on=optional_date(row["revoked_on"]),
            model_type_code=row["model_type"],
            as_of_position=as_of_of(row),
            row=row,
        )

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> Unit:
        found = await unit_by_id(info, self.unit_id, at=self.as_of_position)
        assert found is not None, "a candidacy's unit is always registered"
        return found

    @strawberry.field
    async def model_type(self, info: Info[Context, None]) -> ModelTypeRef:
        item = await read(
            info,
            program_item,
            kind="model_type",
            code=self.model_type_code,
            at=self.as_of_position,
        )
        if item is None:
            return ModelTypeRef(code=self.model_type_code, name_vi="", name_en="")
        return ModelTypeRef(code=item["code"], name_vi=item["name_vi"], name_en=item["name_en"])

    @strawberry.field(description="Whether the recognition is in force on a date (default today).")
    def in_force(self, on: datetime.date | None = None) -> bool:
        return in_force(self.row, (on or today()).isoformat())


@strawberry.type(description="A model's recognized units against its target on a date.")
class Coverage:
    model_type: ModelTypeRef
    on: datetime.date
    target: int
    recognized: int
    ratio: float = strawberry.field(description="recognized / target; 0 when the target is 0.")
    target_text_vi: str
    target_text_en: str

    @classmethod
    def from_row(cls, row: Row, on: datetime.date) -> Coverage:
        return from_same_names(
            cls,
            row,
            model_type=ModelTypeRef(
                code=row["model_type"], name_vi=row["name_vi"], name_en=row["name_en"]
            ),
            on=on,
        )


@strawberry.type(description="The candidacy as it stands after the command.")
class ModelCandidacyChanged:
    candidacy: ModelCandidacy
    position: int = strawberry.field(description="The log position of the last event recorded.")


ModelResult = Annotated[ModelCandidacyChanged | FailureType, strawberry.union("ModelResult")]
