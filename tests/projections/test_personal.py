"""Redaction of personal fields, keyed by event type and field."""

from __future__ import annotations

from domain.authority import Role
from projections.personal import PERSONAL_FIELDS, redact

PROPOSED = {"recipient_kind": "person", "recipient_name": "Nguyễn Văn A", "form": "giấy khen"}


def test_a_citizens_name_is_left_out_for_every_role_but_the_auditor() -> None:
    for role in Role:
        seen = redact("CommendationProposed", PROPOSED, role)
        if role is Role.AUDITOR:
            assert seen == PROPOSED
        else:
            assert seen == {"recipient_kind": "person", "form": "giấy khen"}


def test_a_family_is_personal_and_a_unit_is_not() -> None:
    family = {**PROPOSED, "recipient_kind": "family"}
    assert "recipient_name" not in redact("CommendationProposed", family, Role.PUBLIC)
    unit = {**PROPOSED, "recipient_kind": "unit", "recipient_name": "Thôn Đông"}
    assert redact("CommendationProposed", unit, Role.PUBLIC) == unit


def test_events_without_personal_fields_pass_unchanged() -> None:
    data = {"code": "thon-1", "name": "Thôn 1"}
    assert redact("UnitRegistered", data, Role.PUBLIC) == data
    assert "UnitRegistered" not in PERSONAL_FIELDS
