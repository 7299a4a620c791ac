from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry

from projections.storage import Row
from schema.common import FailureType, from_same_names, optional_date


@strawberry.enum(description="Whether a criterion is in force or was retired by an amendment.")
class CriterionStatus(Enum):
    IN_FORCE = "in_force"
    RETIRED = "retired"


@strawberry.enum(description="Criteria of the commune (II.2) or of the socialist person (II.3).")
class CriterionGroup(Enum):
    COMMUNE = "commune"
    PERSON = "person"


@strawberry.enum(description="A model's target: every unit of its kinds (100%), or a count.")
class TargetKind(Enum):
    ALL_UNITS_OF_KIND = "all_units_of_kind"
    COUNT = "count"


@strawberry.type(description="A goal of the program (II.1).")
class Goal:
    code: str
    name_vi: str
    name_en: str

    @classmethod
    def from_row(cls, row: Row) -> Goal:
        return from_same_names(cls, row)


@strawberry.type(
    description="A criterion: of the commune (II.2, eight) or of the person (II.3, five)."
)
class Criterion:
    code: str
    group: str
    number: int
    text_vi: str
    text_en: str
    version: int = strawberry.field(description="1 as defined; each revision adds one.")
    status: CriterionStatus
    revised_on: datetime.date | None
    retired_on: datetime.date | None

    @classmethod
    def from_row(cls, row: Row) -> Criterion:
        return from_same_names(
            cls,
            row,
            status=CriterionStatus(row["status"]),
            revised_on=optional_date(row["revised_on"]),
            retired_on=optional_date(row["retired_on"]),
        )


@strawberry.type(description="One wording of a criterion and the log positions it stood between.")
class CriterionVersion:
    criterion: Criterion
    from_position: int
    to_position: int | None = strawberry.field(description="Null while it is the wording in force.")

    @classmethod
    def from_row(cls, row: Row) -> CriterionVersion:
        return cls(
            criterion=Criterion.from_row(row),
            from_position=row["pos_from"],
            to_position=row["pos_to"],
        )


@strawberry.type(description="A model to build (II.4), who may build it and its target.")
class ModelType:
    code: str
    number: int
    name_vi: str
    name_en: str
    unit_kinds: list[str]
    target_kind: str = strawberry.field(
        description="all_units_of_kind (e.g. 100% of villages) or count"
    )
    target_count: int | None
    target_text_vi: str
    target_text_en: str

    @classmethod
    def from_row(cls, row: Row) -> ModelType:
        return from_same_names(cls, row, unit_kinds=list(row["unit_kinds"]))


@strawberry.type(description="A phase of implementation (IV.1) with its focus.")
class Phase:
    code: str
    number: int
    name_vi: str
    name_en: str
    starts_on: datetime.date
    ends_on: datetime.date
    focus_vi: list[str]
    focus_en: list[str]

    @classmethod
    def from_row(cls, row: Row) -> Phase:
        return from_same_names(
            cls,
            row,
            starts_on=datetime.date.fromisoformat(row["starts_on"]),
            ends_on=datetime.date.fromisoformat(row["ends_on"]),
            focus_vi=list(row["focus_vi"]),
            focus_en=list(row["focus_en"]),
        )


@strawberry.type(description="A task area (III.1–III.5) with the items it names.")
class TaskArea:
    code: str
    number: int
    name_vi: str
    name_en: str
    highlights_vi: list[str]
    highlights_en: list[str]

    @classmethod
    def from_row(cls, row: Row) -> TaskArea:
        return from_same_names(
            cls,
            row,
            highlights_vi=list(row["highlights_vi"]),
            highlights_en=list(row["highlights_en"]),
        )


@strawberry.type(description="A body with duties under the program (IV.3.1–IV.3.6).")
class ResponsibleBody:
    code: str
    role_code: str
    name_vi: str
    name_en: str
    duties_vi: list[str]
    duties_en: list[str]

    @classmethod
    def from_row(cls, row: Row) -> ResponsibleBody:
        return from_same_names(
            cls, row, duties_vi=list(row["duties_vi"]), duties_en=list(row["duties_en"])
        )


@strawberry.type(description="The action program as adopted and amended so far.")
class Program:
    id: strawberry.ID
    code: str
    name_vi: str
    name_en: str
    resolution_ref: str
    period_start: datetime.date
    period_end: datetime.date
    goals: list[Goal]
    commune_criteria: list[Criterion]
    person_criteria: list[Criterion]
    model_types: list[ModelType]
    phases: list[Phase]
    task_areas: list[TaskArea]
    responsible_bodies: list[ResponsibleBody]

    @classmethod
    def from_catalog(cls, row: Row, items: dict[str, list[Row]]) -> Program:
        criteria = [Criterion.from_row(r) for r in items["criterion"]]
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            period_start=datetime.date.fromisoformat(row["period_start"]),
            period_end=datetime.date.fromisoformat(row["period_end"]),
            goals=[Goal.from_row(r) for r in items["goal"]],
            commune_criteria=[c for c in criteria if c.group == "commune"],
            person_criteria=[c for c in criteria if c.group == "person"],
            model_types=[ModelType.from_row(r) for r in items["model_type"]],
            phases=[Phase.from_row(r) for r in items["phase"]],
            task_areas=[TaskArea.from_row(r) for r in items["task_area"]],
            responsible_bodies=[ResponsibleBody.from_row(r) for r in items["responsible_body"]],
        )


@strawberry.type(description="The program as it stands after an amendment.")
class ProgramAmended:
    program: Program
    position: int = strawberry.field(description="The log position of the last event recorded.")


ProgramResult = Annotated[ProgramAmended | FailureType, strawberry.union("ProgramResult")]
