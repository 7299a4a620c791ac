"""The GraphQL schema: one package per feature, composed here."""

from __future__ import annotations

from functools import cache

import strawberry
from strawberry.schema.config import StrawberryConfig

from schema.audit.queries import AuditQueries
from schema.board.queries import BoardQueries
from schema.commendations.mutations import CommendationMutations
from schema.commendations.queries import CommendationQueries
from schema.feed.queries import FeedQueries
from schema.feed.subscriptions import FeedSubscriptions
from schema.hardening import hardening
from schema.history.queries import HistoryQueries
from schema.models.mutations import ModelMutations
from schema.models.queries import ModelQueries
from schema.personal import PersonalReadLog
from schema.persons.mutations import PersonMutations
from schema.program.queries import ProgramQueries
from schema.shortcomings.mutations import ShortcomingMutations
from schema.shortcomings.queries import ShortcomingQueries
from schema.tasks.mutations import TaskMutations
from schema.tasks.queries import TaskQueries
from schema.units.mutations import UnitMutations
from schema.units.queries import UnitQueries
from schema.webhooks.mutations import WebhookMutations
from schema.webhooks.queries import WebhookQueries


@strawberry.type
class Query(
    ProgramQueries,
    UnitQueries,
    TaskQueries,
    ModelQueries,
    CommendationQueries,
    ShortcomingQueries,
    HistoryQueries,
    BoardQueries,
    AuditQueries,
    FeedQueries,
    WebhookQueries,
):
    pass


@strawberry.type
class Mutation(
    UnitMutations,
    TaskMutations,
    ModelMutations,
    CommendationMutations,
    ShortcomingMutations,
    WebhookMutations,
    PersonMutations,
):
    pass


@strawberry.type
class Subscription(FeedSubscriptions):
    pass


@cache
def build_schema(*, production: bool = False) -> strawberry.Schema:
    """In production: no introspection and no "did you mean" suggestions."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[*hardening(production=production), PersonalReadLog],
        config=StrawberryConfig(disable_field_suggestions=production),
    )


schema = build_schema()
