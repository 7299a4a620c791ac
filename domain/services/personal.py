from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cached_property
from uuid import UUID

from domain.base import Stamp
from domain.keyring import KeyRing
from domain.ledger import Done, LedgerCore, Request
from domain.personal import Person, PersonalDataAccess, PersonAlreadyForgotten, Seal, Sealed


class PersonalDataService(LedgerCore):
    @cached_property
    def keyring(self) -> KeyRing:
        return KeyRing(self.store.writing)

    def sealer(self, person_id: UUID) -> Seal:
        """Seals a field with the person's key (made on first use)."""

        def seal(field: str, text: str) -> Sealed:
            return self.keyring.seal(person_id, field, text)

        return seal

    def fingerprints(self, person_id: UUID, **fields: str | None) -> dict[str, str | None]:
        """What the idempotency check hashes in place of personal fields: keyed by the
        person's key (made here), so the stored request hash says nothing once it is erased.
        Call it after checking the caller's role."""
        return {
            name: None
            if text is None
            else self.keyring.fingerprint(
                person_id, name, unicodedata.normalize("NFC", text).strip()
            )
            for name, text in fields.items()
        }

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
