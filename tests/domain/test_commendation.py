from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.base import DateOutsideProgram, InvalidInput, Stamp
from domain.commendation import (
    Commendation,
    CommendationAlreadyIssued,
    CommendationAlreadyRevoked,
    CommendationNotIssued,
)
from domain.personal import Sealed
from domain.unit import Unit, UnitNotActive

STAMP = Stamp("committee-1", "committee", "", "c-1")
WHY = Stamp("committee-1", "committee", "hồ sơ không trung thực", "c-2")
KEY, PERSON = bytes(range(32)), UUID(int=7)


def seal(field: str, text: str) -> Sealed:
    return Sealed.seal(KEY, PERSON, field, text)


def village(code: str = "thon-1", name: str = "Thôn 1") -> Unit:
    return Unit.register(STAMP, code=code, kind="village", name=name, parent=None)


def for_person(name: str = "Nguyễn Văn A", unit: Unit | None = None) -> Commendation:
    return Commendation.propose(
        STAMP,
        recipient_kind="person",
        unit=unit,
        recipient_name=name,
        form="giấy khen",
        achievement="Người tốt, việc tốt",
        proposed_by="IV.3.2",
        seal=seal,
    )


def for_unit(unit: Unit) -> Commendation:
    return Commendation.propose(
        STAMP,
        recipient_kind="unit",
        unit=unit,
        recipient_name=None,
        form="bằng khen",
        achievement="Thôn văn hóa kiểu mẫu",
        proposed_by=None,
    )


def issued(commendation: Commendation) -> Commendation:
    commendation.issue(
        STAMP, decision_number="12/QĐ-UBND", decision_date=date(2026, 5, 1), issued_by="UBND xã"
    )
    return commendation


def test_a_proposal_for_a_unit_takes_the_unit_name() -> None:
    unit = village()
    commendation = for_unit(unit)
    events = commendation.collect_events()
    assert [type(e).__name__ for e in events] == ["CommendationProposed"]
    assert commendation.unit_id == unit.id
    assert (commendation.recipient_name, commendation.status) == ("Thôn 1", "proposed")
    assert commendation.proposed_by is None


def test_a_proposal_for_a_person_keeps_the_cleaned_name_and_optional_unit() -> None:
    commendation = for_person("  Nguye\u0302\u0303n Văn A ")  # NFD "Nguyễn", padded
    assert commendation.recipient is not None
    assert commendation.recipient.open(KEY) == "Nguyễn Văn A"
    assert commendation.recipient_name == ""
    assert commendation.recipient.person_id == PERSON
    assert commendation.recipient.open(bytes(32)) is None
    assert commendation.unit_id is None
    assert commendation.proposed_by == "IV.3.2"
    with_unit = for_person(unit=village())
    assert with_unit.unit_id == village().id


@pytest.mark.parametrize(
    ("kind", "name", "form", "field"),
    [
        ("village", "x", "giấy khen", "recipientKind"),
        ("person", "  ", "giấy khen", "recipientName"),
        ("family", None, "giấy khen", "recipientName"),
        ("residential_area", "Tổ 3", " ", "form"),
    ],
)
def test_bad_proposals_are_refused(kind: str, name: str | None, form: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Commendation.propose(
            STAMP,
            recipient_kind=kind,
            unit=None,
            recipient_name=name,
            form=form,
            achievement="x",
            proposed_by=None,
        )
    assert refused.value.field == field


def test_a_unit_recipient_needs_the_unit_and_no_other_name() -> None:
    with pytest.raises(InvalidInput) as missing:
        Commendation.propose(
            STAMP,
            recipient_kind="unit",
            unit=None,
            recipient_name="Thôn 1",
            form="giấy khen",
            achievement="x",
            proposed_by=None,
        )
    assert missing.value.field == "recipientUnitId"
    with pytest.raises(InvalidInput) as named:
        Commendation.propose(
            STAMP,
            recipient_kind="unit",
            unit=village(),
            recipient_name="Thôn khác",
            form="giấy khen",
            achievement="x",
            proposed_by=None,
        )
    assert named.value.field == "recipientName"


def test_the_recipient_unit_must_be_active() -> None:
    unit = village()
    unit.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        for_unit(unit)
    with pytest.raises(UnitNotActive):
        for_person(unit=unit)


def test_issue_records_the_decision_once() -> None:
    commendation = issued(for_person())
    assert commendation.status == "issued"
    assert commendation.decision_number == "12/QĐ-UBND"
    assert commendation.decision_date == date(2026, 5, 1)
    assert commendation.issued_by == "UBND xã"
    with pytest.raises(CommendationAlreadyIssued):
        issued(commendation)
    names = [type(e).__name__ for e in commendation.collect_events()]
    assert names == ["CommendationProposed", "CommendationIssued"]


def test_a_decision_date_outside_the_program_is_refused() -> None:
    commendation = for_person()
    with pytest.raises(DateOutsideProgram):
        commendation.issue(
            STAMP, decision_number="1", decision_date=date(2024, 12, 31), issued_by="UBND xã"
        )
    with pytest.raises(InvalidInput):
        commendation.issue(
            STAMP, decision_number=" ", decision_date=date(2026, 1, 1), issued_by="UBND xã"
        )
    assert commendation.status == "proposed"


def test_only_an_issued_commendation_can_be_revoked_once() -> None:
    commendation = for_person()
    with pytest.raises(CommendationNotIssued):
        commendation.revoke(WHY, decision_number=None)
    issued(commendation)
    with pytest.raises(InvalidInput) as no_reason:
        commendation.revoke(STAMP, decision_number=None)
    assert no_reason.value.field == "reason"
    commendation.revoke(WHY, decision_number="3/QĐ-UBND")
    assert commendation.status == "revoked"
    with pytest.raises(CommendationAlreadyRevoked):
        commendation.revoke(WHY, decision_number=None)
    with pytest.raises(CommendationAlreadyRevoked):
        issued(commendation)
    names = [type(e).__name__ for e in commendation.collect_events()]
    assert names == ["CommendationProposed", "CommendationIssued", "CommendationRevoked"]
