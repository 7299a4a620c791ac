from __future__ import annotations

from uuid import UUID

from domain.base import LedgerAggregate, Stamp
from domain.ledger import Done, LedgerCore, Request
from domain.unit import Unit, UnitCodeTaken, clean_code, unit_id_for


class UnitService(LedgerCore):
    def unit(self, unit_id: UUID) -> Unit:
        return self.load(Unit, unit_id, "unit")

    def register_unit(
        self, request: Request, *, code: str, kind: str, name: str, parent_id: UUID | None
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Unit]]:
            parent = self.unit(parent_id) if parent_id else None
            if self.exists(unit_id_for(clean_code(code))):
                raise UnitCodeTaken(f"a unit with code '{code}' is already registered")
            unit = Unit.register(stamp, code=code, kind=kind, name=name, parent=parent)
            return unit.id, [unit]

        payload = {"code": code, "kind": kind, "name": name, "parent_id": parent_id}
        return self.execute(request, "register_unit", payload, work)

    def rename_unit(self, request: Request, *, unit_id: UUID, name: str) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Unit]]:
            unit = self.unit(unit_id)
            unit.rename(stamp, name)
            return unit.id, [unit]

        return self.execute(request, "rename_unit", {"unit_id": unit_id, "name": name}, work)

    def dissolve_unit(self, request: Request, *, unit_id: UUID) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[Unit]]:
            unit = self.unit(unit_id)
            unit.dissolve(stamp)
            return unit.id, [unit]

        return self.execute(request, "dissolve_unit", {"unit_id": unit_id}, work)

    def merge_unit(self, request: Request, *, unit_id: UUID, into_unit_id: UUID) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[LedgerAggregate]]:
            unit, into = self.unit(unit_id), self.unit(into_unit_id)
            unit.merge_into(stamp, into)
            return unit.id, [unit, *self.transfer_open_work(stamp, unit.id, into.id)]

        payload = {"unit_id": unit_id, "into_unit_id": into_unit_id}
        return self.execute(request, "merge_unit", payload, work)
