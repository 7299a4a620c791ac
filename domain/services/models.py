from __future__ import annotations

from domain.services.program import ProgramService
from domain.services.units import UnitService


class ModelService(ProgramService, UnitService):
    pass
