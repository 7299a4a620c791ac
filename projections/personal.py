"""Personal fields, and who may see them: the one place that decides what leaves the system.

Each entry names an event type, one of its fields, and when that field identifies a person
(a commendation's recipient name is personal only when the recipient is a person or a family).
Everything that sends the record outward (the feed, webhooks, live subscriptions) redacts
through `redact`, so adding an entry here protects every one of them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.authority import Role

IsPersonal = Callable[[Mapping[str, Any]], bool]


def _names_a_citizen(data: Mapping[str, Any]) -> bool:
    return data.get("recipient_kind") in ("person", "family")


# event type -> field -> whether, given the event's fields, that field is personal.
PERSONAL_FIELDS: dict[str, dict[str, IsPersonal]] = {
    "CommendationProposed": {"recipient_name": _names_a_citizen},
}

# Roles that see personal fields. Every read of them is to be recorded as well, once the
# record of reads exists.
SEES_PERSONAL = frozenset({Role.AUDITOR})


def sees_personal(role: Role) -> bool:
    return role in SEES_PERSONAL


def redact(event_type: str, data: Mapping[str, Any], role: Role) -> dict[str, Any]:
    """The event's fields as `role` may see them: personal fields are left out, not blanked."""
    fields = PERSONAL_FIELDS.get(event_type)
    if not fields or sees_personal(role):
        return dict(data)
    hidden = {name for name, is_personal in fields.items() if is_personal(data)}
    return {name: value for name, value in data.items() if name not in hidden}
