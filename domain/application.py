"""The application: every command the record accepts, composed from one service per aggregate."""

from __future__ import annotations

from domain.services.commendations import CommendationService
from domain.services.models import ModelService
from domain.services.personal import PersonalDataService
from domain.services.program import ProgramService
from domain.services.shortcomings import ShortcomingService
from domain.services.tasks import TaskService
from domain.services.units import UnitService
from domain.services.webhooks import WebhookService


class Ledger(
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
