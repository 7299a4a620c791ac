from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from projections.units import get_unit
from schema.common import parse_id, parse_optional_id, read, run_command
from schema.context import Context
from schema.units.inputs import (
    DissolveUnitInput,
    MergeUnitInput,
    RegisterUnitInput,
    RenameUnitInput,
)
from schema.units.types import Unit, UnitChanged, UnitResult


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[UnitChanged]]:
    async def success(done: Done) -> UnitChanged:
        row = await read(info, get_unit, unit_id=str(done.id))
        assert row is not None, "read-your-writes: the view holds what was just recorded"
        return UnitChanged(unit=Unit.from_row(row), position=done.position)

    return success


@strawberry.type
class UnitMutations:
    @strawberry.mutation(description="Register a unit under an optional parent. Office only.")
    async def register_unit(
        self, info: Info[Context, None], input: RegisterUnitInput
    ) -> UnitResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.register_unit(
                request,
                code=input.code,
                kind=input.kind.value,
                name=input.name,
                parent_id=parse_optional_id("parentId", input.parent_id),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Give a unit a new name. Office only.")
    async def rename_unit(self, info: Info[Context, None], input: RenameUnitInput) -> UnitResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.rename_unit(
                request, unit_id=parse_id("unitId", input.unit_id), name=input.name
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(
        description="Merge a unit into another; its open tasks and shortcomings pass to it."
    )
    async def merge_unit(self, info: Info[Context, None], input: MergeUnitInput) -> UnitResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.merge_unit(
                request,
                unit_id=parse_id("unitId", input.unit_id),
                into_unit_id=parse_id("intoUnitId", input.into_unit_id),
            )

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Dissolve a unit. Office only.")
    async def dissolve_unit(
        self, info: Info[Context, None], input: DissolveUnitInput
    ) -> UnitResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.dissolve_unit(request, unit_id=parse_id("unitId", input.unit_id))

        return await run_command(info, input, command, _changed(info))
