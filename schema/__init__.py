"""The GraphQL schema: one package per feature, composed here."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache

from schema.audit.queries import AuditQueries
from schema.board.queries import BoardQueries
from schema.commendations.mutations import CommendationMutations
from schema.commendations.queries import CommendationQueries
from schema.feed.queries import FeedQueries
from schema.feed.subscriptions import FeedSubscriptions
from schema.history.queries import HistoryQueries
from schema.models.mutations import ModelMutations
from schema.models.queries import ModelQueries
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
):
    pass


@strawberry.type
class Subscription(FeedSubscriptions):
    pass


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[lambda: ParserCache(maxsize=256), lambda: ValidationCache(maxsize=256)],
)
