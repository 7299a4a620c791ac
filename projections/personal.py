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


def _always(data: Mapping[str, Any]) -> bool:
    return True


def _rates_a_member(data: Mapping[str, Any]) -> bool:
    return data.get("subject_kind") == "member"


def _a_citizen_contributed(data: Mapping[str, Any]) -> bool:
    return data.get("contributor_kind") in ("person", "family")


# event type -> field -> whether, given the event's fields, that field is personal.
PERSONAL_FIELDS: dict[str, dict[str, IsPersonal]] = {
    "CommendationProposed": {"recipient_name": _names_a_citizen},
    "FeedbackSubmitted": {"submitter_name": _always, "submitter_contact": _always},
    "TestimonyGiven": {"submitter_name": _always, "submitter_contact": _always},
    "DisciplineProposed": {"subject_name": _always},
    "RatingRecorded": {
        "member_name": _always,
        "level": _rates_a_member,
        "notes": _rates_a_member,
    },
    # A correction does not say whose rating it is: treated as a member's.
    "RatingCorrected": {"level": _always, "notes": _always},
    "ContributionReceived": {"contributor_name": _a_citizen_contributed},
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
