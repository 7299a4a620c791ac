"""Personal fields in what leaves the system (the feed, webhooks, live subscriptions).

Personal fields enter events sealed (encrypted with their person's key, domain/personal.py).
For a reader whose role may not see personal data, `redact` replaces every sealed field with
`{"personal": "withheld"}`, and leaves out the plaintext names that events recorded before
sealing carried. A reader whose role may see them gets them sealed from `redact`; the path that
serves it opens them with `open_sealed` and records the read, so no personal field leaves in
clear without a record of who read it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.authority import PERSONAL_READERS, Role
from domain.keyring import keys_for, sealed_in
from domain.personal import Sealed
from projections.storage import Sql

IsPersonal = Callable[[Mapping[str, Any]], bool]


def _names_a_citizen(data: Mapping[str, Any]) -> bool:
    return data.get("recipient_kind") in ("person", "family") and not isinstance(
        data.get("recipient_name"), dict
    )


def _always(data: Mapping[str, Any]) -> bool:
    return True


def _about_a_member(data: Mapping[str, Any]) -> bool:
    return data.get("subject_kind") == "member"


def _not_an_organization(data: Mapping[str, Any]) -> bool:
    return data.get("subject_kind") != "organization"


def _a_citizen_contributed(data: Mapping[str, Any]) -> bool:
    return data.get("contributor_kind") in ("person", "family")


# Personal fields that events recorded before sealing carry in plaintext (in events recorded
# since, these fields are empty and the sealed ones hold the data): event type -> field ->
# whether, given the event's fields, that field is personal.
PERSONAL_FIELDS: dict[str, dict[str, IsPersonal]] = {
    "CommendationProposed": {"recipient_name": _names_a_citizen},
    "FeedbackSubmitted": {"submitter_name": _always, "submitter_contact": _always},
    "TestimonyGiven": {"submitter_name": _always, "submitter_contact": _always},
    "DisciplineProposed": {
        "subject_name": _always,
        "form": _about_a_member,
        "grounds": _about_a_member,
    },
    # A decision recorded before sealing does not say whose it is: treated as a member's.
    "DisciplineDecided": {
        "outcome": _not_an_organization,
        "form": _not_an_organization,
        "decision_number": _not_an_organization,
    },
    "RatingRecorded": {
        "member_name": _always,
        "level": _about_a_member,
        "notes": _about_a_member,
    },
    # A correction does not say whose rating it is: treated as a member's.
    "RatingCorrected": {"level": _always, "notes": _always},
    "ContributionReceived": {"contributor_name": _a_citizen_contributed},
}


def holds_plain_personal(event_type: str, data: Mapping[str, Any]) -> bool:
    """Whether the event, as stored, carries a personal field in clear (recorded before
    sealing): its stored state must then not leave."""
    fields = PERSONAL_FIELDS.get(event_type, {})
    return any(data.get(name) and is_personal(data) for name, is_personal in fields.items())


def sees_personal(role: Role) -> bool:
    return role in PERSONAL_READERS


def withhold(value: Any) -> Any:
    """Plain data with every sealed field replaced by {"personal": "withheld"}."""
    if Sealed.from_json(value) is not None:
        return {"personal": "withheld"}
    if isinstance(value, dict):
        return {k: withhold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [withhold(v) for v in value]
    return value


def redact(event_type: str, data: Mapping[str, Any], role: Role) -> dict[str, Any]:
    """The event's fields as `role` may receive them (sealed fields still sealed for a reader)."""
    if sees_personal(role):
        return dict(data)
    fields = PERSONAL_FIELDS.get(event_type, {})
    hidden = {name for name, is_personal in fields.items() if is_personal(data)}
    return {name: withhold(value) for name, value in data.items() if name not in hidden}


def open_sealed(sql: Sql, value: Any) -> tuple[Any, set[str]]:
    """Plain data with every sealed field opened — {"personal": "shown", "personId", "value"},
    or {"personal": "erased"} once the person's key is gone — and the persons whose data it
    shows, whose read the caller must record."""
    keys = keys_for(sql, {str(s.person_id) for s in sealed_in(value)})
    shown: set[str] = set()

    def opened(item: Any) -> Any:
        sealed = Sealed.from_json(item)
        if sealed is not None:
            key = keys.get(str(sealed.person_id))
            plain = sealed.open(key) if key else None
            if plain is None:
                return {"personal": "erased"}
            shown.add(str(sealed.person_id))
            return {"personal": "shown", "personId": str(sealed.person_id), "value": plain}
        if isinstance(item, dict):
            return {k: opened(v) for k, v in item.items()}
        if isinstance(item, list):
            return [opened(v) for v in item]
        return item

    return opened(value), shown
