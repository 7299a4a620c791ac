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
from schema.feedback.mutations import FeedbackMutations
from schema.feedback.queries import FeedbackQueries
from schema.hardening import hardening
from schema.history.queries import HistoryQueries
from schema.indicators.mutations import IndicatorMutations
from schema.indicators.queries import IndicatorQueries
from schema.inspections.mutations import InspectionMutations
from schema.inspections.queries import InspectionQueries
from schema.models.mutations import ModelMutations
from schema.models.queries import ModelQueries
from schema.money import SCALARS
from schema.personal import PersonalReadLog
from schema.persons.mutations import PersonMutations
from schema.program.mutations import ProgramMutations
from schema.program.queries import ProgramQueries
from schema.ratings.mutations import RatingMutations
from schema.ratings.queries import RatingQueries
from schema.reports.queries import ReportQueries
from schema.resources.mutations import ResourceMutations
from schema.resources.queries import ResourceQueries
from schema.reviews.mutations import ReviewMutations
from schema.reviews.queries import ReviewQueries
from schema.shortcomings.mutations import ShortcomingMutations
from schema.shortcomings.queries import ShortcomingQueries
from schema.tasks.mutations import TaskMutations
from schema.tasks.queries import TaskQueries
from schema.units.mutations import UnitMutations
from schema.units.queries import UnitQueries
from schema.viewer.queries import ViewerQueries
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
    InspectionQueries,
    FeedbackQueries,
    ReviewQueries,
    ResourceQueries,
    RatingQueries,
    IndicatorQueries,
    ReportQueries,
    AuditQueries,
    FeedQueries,
    WebhookQueries,
    ViewerQueries,
):
    pass


@strawberry.type
class Mutation(
    ProgramMutations,
    UnitMutations,
    TaskMutations,
    ModelMutations,
    CommendationMutations,
    ShortcomingMutations,
    InspectionMutations,
    FeedbackMutations,
    ReviewMutations,
    ResourceMutations,
    RatingMutations,
    IndicatorMutations,
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
        config=StrawberryConfig(disable_field_suggestions=production, scalar_map=SCALARS),
    )


schema = build_schema()
