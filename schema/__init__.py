"""The GraphQL schema: one package per feature, composed here."""

from __future__ import annotations

import strawberry

from schema.units.mutations import UnitMutations
from schema.units.queries import UnitQueries


@strawberry.type
class Query(UnitQueries):
    pass


@strawberry.type
class Mutation(UnitMutations):
    pass


schema = strawberry.Schema(query=Query, mutation=Mutation)
