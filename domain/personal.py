"""Personal data: fields that identify a person are sealed with that person's own key before
they enter an event (AES-256-GCM). Forgetting a person deletes the key; the events, and every
hash over them, stay as they were, and the sealed fields can no longer be opened by anyone.

A person is known by a stable id. The proposer may give one (the same person's later records
then use the same key); otherwise it is derived from the command's idempotency key, so that a
retry of the same command lands on the same person."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Transcoding

from domain.base import InvalidInput, LedgerAggregate, RuleBroken, Stamp, new_id

SEALED_KEY = "$sealed"  # how a sealed field shows in plain (JSON) data: {"$sealed": {...}}


class PersonForgotten(RuleBroken):
    """The person's data was erased; a new record about them needs a new person id."""


class PersonAlreadyForgotten(RuleBroken):
    pass


def person_id_for(idempotency_key: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"socai:person:{idempotency_key}")


def _aad(person_id: UUID, field: str) -> bytes:
    # Binds a ciphertext to its person and field: it cannot be moved to another record.
    return f"socai:{person_id}:{field}".encode()


@dataclass(frozen=True)
class Sealed:
    """One personal field, encrypted with its person's key; the nonce travels beside it."""

    person_id: UUID
    field: str
    nonce: str
    ciphertext: str

    @classmethod
    def seal(cls, key: bytes, person_id: UUID, field: str, plaintext: str) -> Sealed:
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), _aad(person_id, field))
        return cls(person_id, field, _b64(nonce), _b64(sealed))

    def open(self, key: bytes) -> str | None:
        try:
            plain = AESGCM(key).decrypt(
                base64.b64decode(self.nonce),
                base64.b64decode(self.ciphertext),
                _aad(self.person_id, self.field),
            )
        except (InvalidTag, ValueError):
            return None
        return plain.decode()

    def as_json(self) -> dict[str, Any]:
        return {
            SEALED_KEY: {
                "person_id": str(self.person_id),
                "field": self.field,
                "nonce": self.nonce,
                "ciphertext": self.ciphertext,
            }
        }

    @classmethod
    def from_json(cls, value: object) -> Sealed | None:
        if not isinstance(value, dict) or not isinstance(value.get(SEALED_KEY), dict):
            return None
        inner = value[SEALED_KEY]
        return cls(UUID(inner["person_id"]), inner["field"], inner["nonce"], inner["ciphertext"])


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


class SealedAsDict(Transcoding):
    type = Sealed
    name = "sealed"

    def encode(self, obj: Sealed) -> dict[str, str]:
        return {
            "person_id": str(obj.person_id),
            "field": obj.field,
            "nonce": obj.nonce,
            "ciphertext": obj.ciphertext,
        }

    def decode(self, data: dict[str, str]) -> Sealed:
        return Sealed(UUID(data["person_id"]), data["field"], data["nonce"], data["ciphertext"])


Seal = Callable[[str, str], Sealed]  # (field, plaintext) -> sealed, for one person
Open = Callable[[Sealed], str | None]  # a sealed field's plaintext, None once erased


def seal_with(seal: Seal | None, name: str, field: str, text: str | None) -> Sealed | None:
    """`text` (already cleaned) sealed as `field`; `name` is the input's name for errors."""
    if text is None:
        return None
    if seal is None:
        raise InvalidInput(name, "personal data can only be recorded sealed")
    return seal(field, text)


class Person(LedgerAggregate):
    """Exists only once a person has been forgotten: the record that their key was deleted."""

    STREAM = "person"

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class PersonalDataErased(LedgerAggregate.Created):
        def apply(self, aggregate: Person) -> None:
            pass

    @classmethod
    def forget(cls, stamp: Stamp, person_id: UUID) -> Person:
        return cls._create(cls.PersonalDataErased, id=person_id, stamp=stamp)


class PersonalDataAccess(LedgerAggregate):
    """One request's reads of personal data: who read whose, with which query."""

    STREAM = "personal-data-access"

    person_ids: list[str]

    def __init__(self) -> None:
        """State is set only by the events' `apply` methods."""

    class PersonalDataRead(LedgerAggregate.Created):
        person_ids: list[str]
        operation: str
        query: str

        def apply(self, aggregate: PersonalDataAccess) -> None:
            aggregate.person_ids = list(self.person_ids)

    @classmethod
    def record(
        cls, stamp: Stamp, person_ids: Sequence[UUID], operation: str, query: str
    ) -> PersonalDataAccess:
        return cls._create(
            cls.PersonalDataRead,
            id=new_id(),
            stamp=stamp,
            person_ids=sorted({str(p) for p in person_ids}),
            operation=operation[:200],
            query=query[:4000],
        )
