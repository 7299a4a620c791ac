from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.units import get_unit
from schema.common import mutate, parse_id, parse_optional_id, reread
from schema.context import Context
from schema.units.inputs import (
    DissolveUnitInput,
    MergeUnitInput,
    RegisterUnitInput,
    RenameUnitInput,
)
from schema.units.types import Unit, UnitChanged, UnitResult

_changed = reread(
    get_unit,
    "unit_id",
    lambda row, position: UnitChanged(unit=Unit.from_row(row), position=position),
)


@strawberry.type
class UnitMutations:
    @strawberry.mutation(description="Register a unit under an optional parent. Office only.")
    async def register_unit(
        self, info: Info[Context, None], input: RegisterUnitInput
    ) -> UnitResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.register_unit(
                request,
                code=input.code,
                kind=input.kind.value,
                name=input.name,
                parent_id=parse_optional_id("parentId", input.parent_id),
            ),
            _changed,
        )

    @strawberry.mutation(description="Give a unit a new name. Office only.")
    async def rename_unit(self, info: Info[Context, None], input: RenameUnitInput) -> UnitResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.rename_unit(
                request, unit_id=parse_id("unitId", input.unit_id), name=input.name
            ),
            _changed,
        )

    @strawberry.mutation(
        description="Merge a unit into another; its open tasks and shortcomings pass to it."
    )
    async def merge_unit(self, info: Info[Context, None], input: MergeUnitInput) -> UnitResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.merge_unit(
                request,
                unit_id=parse_id("unitId", input.unit_id),
                into_unit_id=parse_id("intoUnitId", input.into_unit_id),
            ),
            _changed,
        )

    @strawberry.mutation(description="Dissolve a unit. Office only.")
    async def dissolve_unit(
        self, info: Info[Context, None], input: DissolveUnitInput
    ) -> UnitResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.dissolve_unit(
                request, unit_id=parse_id("unitId", input.unit_id)
            ),
            _changed,
        )
