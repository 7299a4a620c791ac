from __future__ import annotations

import datetime

import strawberry

from projections.storage import Row


@strawberry.type(description="A goal of the program (II.1).")
class Goal:
    code: str
    name_vi: str
    name_en: str

    @classmethod
    def from_row(cls, row: Row) -> Goal:
        return cls(code=row["code"], name_vi=row["name_vi"], name_en=row["name_en"])


@strawberry.type(
    description="A criterion: of the commune (II.2, eight) or of the person (II.3, five)."
)
class Criterion:
    code: str
    group: str
    number: int
    text_vi: str
    text_en: str

    @classmethod
    def from_row(cls, row: Row) -> Criterion:
        return cls(
            code=row["code"],
            group=row["group"],
            number=row["number"],
            text_vi=row["text_vi"],
            text_en=row["text_en"],
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
        return cls(
            code=row["code"],
            number=row["number"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            unit_kinds=list(row["unit_kinds"]),
            target_kind=row["target_kind"],
            target_count=row["target_count"],
            target_text_vi=row["target_text_vi"],
            target_text_en=row["target_text_en"],
        )


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
        return cls(
            code=row["code"],
            number=row["number"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
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
        return cls(
            code=row["code"],
            number=row["number"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
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
        return cls(
            code=row["code"],
            role_code=row["role_code"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            duties_vi=list(row["duties_vi"]),
            duties_en=list(row["duties_en"]),
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
