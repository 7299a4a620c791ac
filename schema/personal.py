"""Personal data (a citizen's name and contact, a member's rating or discipline) is shown only
to the roles that need it; everyone else reads null in its place."""

from __future__ import annotations

from typing import TypeVar

from strawberry.types import Info

from domain.authority import Role
from schema.context import Context

T = TypeVar("T")

PERSONAL_DATA_READERS = frozenset({Role.AUDITOR, Role.OFFICE})


def may_read_personal_data(info: Info[Context, None]) -> bool:
    return info.context.actor.role in PERSONAL_DATA_READERS


def personal(info: Info[Context, None], value: T) -> T | None:
    """The value for a reader of personal data, else None."""
    return value if may_read_personal_data(info) else None
