from __future__ import annotations

import strawberry
from strawberry.schema.base import BaseSchema
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition

from access.matrix import mutation_name
from domain.authority import PERMISSIONS, UNIT_SCOPED, Role
from schema.context import Context
from schema.viewer.types import Viewer


def _mutation_fields(schema: BaseSchema) -> frozenset[str]:
    definition = schema.get_type_by_name("Mutation")
    if not isinstance(definition, StrawberryObjectDefinition):
        return frozenset()
    converter = schema.config.name_converter
    return frozenset(converter.get_graphql_name(field) for field in definition.fields)


def _permitted(schema: BaseSchema, role: Role) -> tuple[list[str], list[str]]:
    """The Mutation fields `role` may send (in the order of PERMISSIONS), and those of them a
    reporter sends for its own unit only."""
    fields = _mutation_fields(schema)
    may = [
        (command, mutation_name(command))
        for command, roles in PERMISSIONS.items()
        if role in roles and mutation_name(command) in fields
    ]
    scoped = [name for command, name in may if role is Role.REPORTER and command in UNIT_SCOPED]
    return [name for _, name in may], scoped


@strawberry.type
class ViewerQueries:
    @strawberry.field(
        description="Who is asking: the role and unit the request's credentials give, and the "
        "mutations that role may send. Reading it records nothing."
    )
    def viewer(self, info: Info[Context, None]) -> Viewer:
        actor = info.context.actor
        may, scoped = _permitted(info.schema, actor.role)
        return Viewer.of(actor, may, scoped)
