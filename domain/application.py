"""The application: every command the record accepts, composed from one service per aggregate."""

from __future__ import annotations

from domain.services.units import UnitService


class Ledger(UnitService):
    pass
