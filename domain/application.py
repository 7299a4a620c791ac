"""The application: every command the record accepts, composed from one service per aggregate."""

from __future__ import annotations

from domain.services.commendations import CommendationService
from domain.services.feedback import FeedbackService
from domain.services.indicators import IndicatorService
from domain.services.inspections import InspectionService
from domain.services.models import ModelService
from domain.services.personal import PersonalDataService
from domain.services.program import ProgramService
from domain.services.ratings import RatingService
from domain.services.resources import ResourceService
from domain.services.reviews import ReviewService
from domain.services.shortcomings import ShortcomingService
from domain.services.tasks import TaskService
from domain.services.units import UnitService
from domain.services.webhooks import WebhookService


class Ledger(
    IndicatorService,
    RatingService,
    ResourceService,
    ReviewService,
    FeedbackService,
    InspectionService,
    TaskService,
    ModelService,
    CommendationService,
    ShortcomingService,
    ProgramService,
    UnitService,
    WebhookService,
    PersonalDataService,
):
    pass
