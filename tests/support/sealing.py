"""A person's key and seal for tests that build aggregates directly."""

from __future__ import annotations

from uuid import UUID

from domain.personal import Sealed

KEY = bytes(range(32))
PERSON = UUID("00000000-0000-4000-8000-000000000001")


def seal(field: str, text: str) -> Sealed:
    return Sealed.seal(KEY, PERSON, field, text)
