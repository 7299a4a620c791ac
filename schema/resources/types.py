from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from projections.program import program_item
from projections.read import as_of_of
from projections.resources import SOURCES_VI, money_entries
from projections.storage import Row
from projections.tasks import get_task
from schema.common import AsOf, FailureType, from_same_names, one, read
from schema.context import Context
from schema.models.types import ModelTypeRef
from schema.money import Dong
from schema.personal import PersonalDataState, person_id_of, reveal_or_plain
from schema.tasks.types import Task
from schema.units.types import Unit, unit_by_id


@strawberry.enum(description="Ngân sách (the budget) or xã hội hóa (socialized contributions).")
class MoneySource(Enum):
    BUDGET = "budget"
    SOCIALIZED = "socialized"


@strawberry.enum
class FundTargetKind(Enum):
    UNIT = "unit"
    TASK = "task"
    MODEL = "model"


@strawberry.enum
class ContributorKind(Enum):
    PERSON = "person"
    FAMILY = "family"
    BUSINESS = "business"
    ORGANIZATION = "organization"


@strawberry.enum
class MoneyEntryKind(Enum):
    ALLOCATION = "allocation"
    CONTRIBUTION = "contribution"
    EXPENDITURE = "expenditure"


@strawberry.input(one_of=True, description="What the money is for: a unit, a task or a model.")
class MoneyTarget:
    unit_id: strawberry.ID | None = strawberry.UNSET
    task_id: strawberry.ID | None = strawberry.UNSET
    model_type: str | None = strawberry.UNSET


@strawberry.type(description="One allocation, contribution or expenditure.")
class MoneyEntry:
    kind: MoneyEntryKind
    source: MoneySource
    amount: Dong
    entry_date: datetime.date
    sector: str | None
    decision_ref: str | None
    contributor_kind: ContributorKind | None
    in_kind: str | None
    purpose: str | None
    evidence: list[str]
    name: strawberry.Private[str | None]
    sealed_name: strawberry.Private[object]

    @classmethod
    def from_row(cls, row: Row) -> MoneyEntry:
        kind = row.get("contributor_kind")
        return cls(
            kind=MoneyEntryKind(row["kind"]),
            source=MoneySource(row["source"]),
            amount=row["amount"],
            entry_date=datetime.date.fromisoformat(row["entry_date"]),
            sector=row.get("sector"),
            decision_ref=row.get("decision_ref"),
            contributor_kind=ContributorKind(kind) if kind else None,
            in_kind=row.get("in_kind") or None,
            purpose=row.get("purpose"),
            evidence=list(row.get("evidence", [])),
            name=row.get("contributor_name"),
            sealed_name=row.get("sealed_name"),
        )

    def _personal(self) -> bool:
        return self.contributor_kind in (ContributorKind.PERSON, ContributorKind.FAMILY)

    @strawberry.field(
        description="A business's or organization's name; a person's or family's is personal "
        "data, sealed: null unless the reader may read personal data (each read is recorded), "
        "or once erased."
    )
    async def contributor_name(self, info: Info[Context, None]) -> str | None:
        if not self._personal():
            return self.name
        return (await reveal_or_plain(info, self.sealed_name, self.name)).value

    @strawberry.field(
        description="Whether `contributorName` is shown, withheld from this caller, or erased."
    )
    async def contributor_name_state(self, info: Info[Context, None]) -> PersonalDataState:
        if not self._personal():
            return PersonalDataState.NOT_PERSONAL
        return (await reveal_or_plain(info, self.sealed_name, self.name)).state

    @strawberry.field(
        description="The contributing person's or family's stable id, for the roles that may "
        "read personal data; give it again for their later contributions."
    )
    def contributor_person_id(self, info: Info[Context, None]) -> strawberry.ID | None:
        return person_id_of(info, self.sealed_name)


@strawberry.type(description="The money of one target in one year, by source.")
class Fund:
    id: strawberry.ID
    target_kind: FundTargetKind
    year: int
    budget_received: Dong
    socialized_received: Dong
    budget_spent: Dong
    socialized_spent: Dong
    target_id: strawberry.Private[str]
    as_of_position: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> Fund:
        return from_same_names(
            cls,
            row,
            id=strawberry.ID(row["id"]),
            target_kind=FundTargetKind(row["target_kind"]),
            as_of_position=as_of_of(row),
        )

    @strawberry.field(description="Received from both sources, less spent from both.")
    def balance(self) -> Dong:
        received = self.budget_received + self.socialized_received
        return Dong(received - self.budget_spent - self.socialized_spent)

    def _as_of(self) -> AsOf | None:
        return AsOf(position=self.as_of_position) if self.as_of_position is not None else None

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        if self.target_kind is not FundTargetKind.UNIT:
            return None
        return await unit_by_id(info, self.target_id, at=self.as_of_position)

    @strawberry.field
    async def task(self, info: Info[Context, None]) -> Task | None:
        if self.target_kind is not FundTargetKind.TASK:
            return None
        return await one(info, get_task, Task.from_row, as_of=self._as_of(), task_id=self.target_id)

    @strawberry.field
    async def model_type(self, info: Info[Context, None]) -> ModelTypeRef | None:
        if self.target_kind is not FundTargetKind.MODEL:
            return None
        item = await read(
            info, program_item, kind="model_type", code=self.target_id, at=self.as_of_position
        )
        name_vi, name_en = (item["name_vi"], item["name_en"]) if item else ("", "")
        return ModelTypeRef(code=self.target_id, name_vi=name_vi, name_en=name_en)

    @strawberry.field(description="Its allocations, contributions and expenditures.")
    async def entries(self, info: Info[Context, None]) -> list[MoneyEntry]:
        rows = await read(info, money_entries, as_of=self._as_of(), fund_id=str(self.id))
        return [MoneyEntry.from_row(r) for r in rows]


@strawberry.type(description="What one source brought in and what was spent from it.")
class SourceTotal:
    source: MoneySource
    label_vi: str
    received: Dong
    spent: Dong

    @classmethod
    def from_row(cls, row: Row) -> SourceTotal:
        return cls(
            source=MoneySource(row["source"]),
            label_vi=SOURCES_VI[row["source"]],
            received=row["received"],
            spent=row["spent"],
        )


@strawberry.type(description="The fund as it stands after the command.")
class FundChanged:
    fund: Fund
    position: int = strawberry.field(description="The log position of the last event recorded.")


FundResult = Annotated[FundChanged | FailureType, strawberry.union("FundResult")]
