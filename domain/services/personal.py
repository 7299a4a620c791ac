from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from uuid import UUID

from domain.base import Stamp
from domain.keyring import KeyRing
from domain.ledger import Done, LedgerCore, Request
from domain.personal import Person, PersonalDataAccess, PersonAlreadyForgotten


class PersonalDataService(LedgerCore):
    @cached_property
    def keyring(self) -> KeyRing:
        return KeyRing(self.store.writing)

    def forget_person(self, request: Request, *, person_id: UUID) -> Done:
        """Deletes the person's key and records PersonalDataErased, in one transaction."""

        def work(stamp: Stamp) -> tuple[UUID, list[Person]]:
            if self.exists(person_id):
                raise PersonAlreadyForgotten(f"person {person_id} was forgotten before")
            person = Person.forget(stamp, person_id)
            return person.id, [person]

        return self.execute(request, "forget_person", {"person_id": person_id}, work)

    def record_personal_read(
        self, request: Request, *, person_ids: Sequence[UUID], operation: str, query: str
    ) -> Done:
        def work(stamp: Stamp) -> tuple[UUID, list[PersonalDataAccess]]:
            access = PersonalDataAccess.record(stamp, person_ids, operation, query)
            return access.id, [access]

        payload = {"person_ids": sorted(map(str, person_ids)), "operation": operation}
        return self.execute(request, "record_personal_read", payload, work)
