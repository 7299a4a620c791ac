"""What leaves the system of a personal field: withheld for roles that may not read personal
data, sealed for those that may (their path opens it and records the read), erased once the
person's key is gone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from uuid import uuid4

import pytest

from domain.application import Ledger
from domain.authority import PERSONAL_READERS, Role
from domain.keyring import key_for_sealing
from domain.personal import Sealed
from projections.personal import PERSONAL_FIELDS, open_sealed, redact
from projections.storage import Sql

LEGACY = {"recipient_kind": "person", "recipient_name": "Nguyễn Văn A", "form": "giấy khen"}


def sealed_event(key: bytes) -> dict[str, object]:
    person = uuid4()
    recipient = Sealed.seal(key, person, "recipient_name", "Nguyễn Văn A").as_json()
    return {"recipient_kind": "person", "recipient": recipient, "form": "giấy khen"}


def test_a_sealed_name_is_withheld_from_roles_that_may_not_read_it() -> None:
    data = sealed_event(bytes(32))
    for role in Role:
        seen = redact("CommendationProposed", data, role)
        if role in PERSONAL_READERS:
            assert seen == data  # still sealed: the serving path opens it and records the read
        else:
            assert seen == {**data, "recipient": {"personal": "withheld"}}


def test_a_plaintext_name_from_before_sealing_is_left_out_too() -> None:
    assert redact("CommendationProposed", LEGACY, Role.PUBLIC) == {
        "recipient_kind": "person",
        "form": "giấy khen",
    }
    unit = {**LEGACY, "recipient_kind": "unit", "recipient_name": "Thôn Đông"}
    assert redact("CommendationProposed", unit, Role.PUBLIC) == unit


def test_a_discipline_recorded_before_sealing_is_left_out_for_a_member_only() -> None:
    member = {"subject_kind": "member", "subject_name": "A", "form": "warning", "grounds": "g"}
    assert redact("DisciplineProposed", member, Role.PUBLIC) == {"subject_kind": "member"}
    organization = {"subject_kind": "organization", "form": "warning", "grounds": "g"}
    assert redact("DisciplineProposed", organization, Role.PUBLIC) == organization
    decided = {"outcome": "imposed", "form": "warning", "decision_number": "QĐ 1", "number": 1}
    # A decision of version 1 does not say whose it is: treated as a member's.
    legacy = {**decided, "subject_kind": None}
    assert redact("DisciplineDecided", legacy, Role.PUBLIC) == {"subject_kind": None, "number": 1}
    clear = {**decided, "subject_kind": "organization"}
    assert redact("DisciplineDecided", clear, Role.PUBLIC) == clear
    assert redact("DisciplineDecided", legacy, Role.AUDITOR) == legacy


def test_events_without_personal_fields_pass_unchanged() -> None:
    data = {"code": "thon-1", "name": "Thôn 1"}
    assert redact("UnitRegistered", data, Role.PUBLIC) == data
    assert "UnitRegistered" not in PERSONAL_FIELDS


@pytest.fixture
def ledger_sql(ledger: Ledger) -> Iterator[Sql]:
    with ledger.store.writing() as sql:
        yield sql


def test_opening_shows_the_value_and_names_the_person_until_the_key_is_erased(
    ledger_sql: Sql,
) -> None:
    person = uuid4()
    key = key_for_sealing(ledger_sql, person)
    sealed = Sealed.seal(key, person, "recipient_name", "Trần Thị B").as_json()
    opened, shown = open_sealed(ledger_sql, {"fields": {"recipient": sealed}})
    assert opened == {
        "fields": {
            "recipient": {"personal": "shown", "personId": str(person), "value": "Trần Thị B"}
        }
    }
    assert shown == {str(person)}
    ledger_sql.execute(f"DELETE FROM {ledger_sql.table('personal_keys')}")
    erased, none = open_sealed(ledger_sql, {"fields": {"recipient": sealed}})
    assert erased == {"fields": {"recipient": {"personal": "erased"}}}
    assert none == set()
    assert "Trần" not in json.dumps(erased, ensure_ascii=False)
