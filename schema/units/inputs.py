from __future__ import annotations

import strawberry

from schema.common import CommandInput
from schema.units.types import UnitKind


@strawberry.input
class RegisterUnitInput(CommandInput):
    code: str = strawberry.field(description="Short stable code: lowercase letters, digits, '-'.")
    kind: UnitKind
    name: str
    parent_id: strawberry.ID | None = None


@strawberry.input
class RenameUnitInput(CommandInput):
    unit_id: strawberry.ID
    name: str


@strawberry.input
class MergeUnitInput(CommandInput):
    unit_id: strawberry.ID
    into_unit_id: strawberry.ID


@strawberry.input
class DissolveUnitInput(CommandInput):
    unit_id: strawberry.ID
