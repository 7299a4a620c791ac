"""Commendations on a real store: read-your-writes, reporter scope, rules, lists, time travel."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import Actor, NotAllowed, Role
from domain.base import NotFound
from domain.commendation import (
    CommendationAlreadyIssued,
    CommendationAlreadyRevoked,
    CommendationNotIssued,
)
from domain.keyring import keys_for
from domain.ledger import Done
from domain.personal import Sealed
from domain.unit import UnitNotActive, unit_id_for
from projections.commendations import (
    commendations_of_unit,
    get_commendation,
    list_commendations,
)
from tests.conftest import COMMITTEE, OFFICE, request_as

REPORTER = Actor("reporter-1", Role.REPORTER, unit_id_for("thon-1"))
THON_1, THON_2 = unit_id_for("thon-1"), unit_id_for("thon-2")


@pytest.fixture
def villages(ledger: Ledger) -> Ledger:
    for code in ("thon-1", "thon-2"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=f"Thôn {code[-1]}", parent_id=None
        )
    return ledger


def propose(
    ledger: Ledger,
    unit_id: UUID | None = THON_1,
    actor: Actor = OFFICE,
    kind: str = "person",
    name: str | None = "Nguyễn Văn A",
    key: str | None = None,
) -> Done:
    return ledger.propose_commendation(
        request_as(actor, key),
        recipient_kind=kind,
        recipient_unit_id=unit_id,
        recipient_name=name,
        form="giấy khen",
        achievement="Người tốt, việc tốt",
        proposed_by="Hội nông dân",
    )


def issue(ledger: Ledger, commendation_id: UUID, actor: Actor = COMMITTEE) -> Done:
    return ledger.issue_commendation(
        request_as(actor),
        commendation_id=commendation_id,
        decision_number="12/QĐ-UBND",
        decision_date=date(2026, 5, 1),
        issued_by="UBND xã Nghi Dương",
    )


def events_recorded(ledger: Ledger) -> int:
    return len(ledger.recorder.select_notifications(start=1, limit=100))


def test_a_proposal_is_in_the_view_when_the_command_returns(villages: Ledger) -> None:
    done = propose(villages)
    with villages.reading() as sql:
        row = get_commendation(sql, str(done.id))
    assert row is not None
    assert (row["status"], row["unit_id"], row["recipient_name"]) == ("proposed", str(THON_1), "")
    assert row["proposed_at"] == done.position
    # The name is in the view only sealed, and opens with the person's key.
    sealed = Sealed.from_json(row["recipient"])
    assert sealed is not None
    with villages.reading() as sql:
        key = keys_for(sql, [str(sealed.person_id)])[str(sealed.person_id)]
    assert key is not None
    assert sealed.open(key) == "Nguyễn Văn A"


def test_a_reporter_proposes_for_its_own_unit_only(villages: Ledger) -> None:
    done = propose(villages, THON_1, REPORTER)
    before = events_recorded(villages)
    with pytest.raises(NotAllowed):
        propose(villages, THON_2, REPORTER)
    with pytest.raises(NotAllowed):
        propose(villages, None, REPORTER)
    with pytest.raises(NotAllowed):
        issue(villages, done.id, REPORTER)
    assert events_recorded(villages) == before
    with villages.reading() as sql:
        assert [r["id"] for r in list_commendations(sql).rows] == [str(done.id)]


def test_the_recipient_unit_must_exist_and_be_active(villages: Ledger) -> None:
    with pytest.raises(NotFound):
        propose(villages, unit_id_for("nowhere"), kind="unit", name=None)
    villages.dissolve_unit(request_as(OFFICE), unit_id=THON_2)
    with pytest.raises(UnitNotActive):
        propose(villages, THON_2, kind="unit", name=None)


def test_issue_and_revoke_follow_the_rules(villages: Ledger) -> None:
    done = propose(villages, kind="unit", name=None)
    with pytest.raises(CommendationNotIssued):
        villages.revoke_commendation(request_as(COMMITTEE, reason="sai"), commendation_id=done.id)
    issued = issue(villages, done.id)
    with pytest.raises(CommendationAlreadyIssued):
        issue(villages, done.id)
    revoked = villages.revoke_commendation(
        request_as(COMMITTEE, reason="thành tích không đúng", effective_date=date(2026, 6, 1)),
        commendation_id=done.id,
        decision_number="3/QĐ-UBND",
    )
    with pytest.raises(CommendationAlreadyRevoked):
        villages.revoke_commendation(request_as(COMMITTEE, reason="lại"), commendation_id=done.id)
    with pytest.raises(NotFound):
        issue(villages, unit_id_for("thon-1"))  # a unit's id is not a commendation's
    with villages.reading() as sql:
        at_issue = get_commendation(sql, str(done.id), at=issued.position)
        now = get_commendation(sql, str(done.id))
    assert at_issue is not None
    assert now is not None
    assert (at_issue["status"], at_issue["recipient_name"]) == ("issued", "Thôn 1")
    assert at_issue["issued_by"] == "UBND xã Nghi Dương"
    assert (now["status"], now["revoked_on"]) == ("revoked", "2026-06-01")
    assert now["revocation_reason"] == "thành tích không đúng"
    assert revoked.position > issued.position


def test_a_retried_proposal_records_one_commendation(villages: Ledger) -> None:
    first = propose(villages, key="same")
    again = propose(villages, key="same")
    assert first == again
    with villages.reading() as sql:
        assert len(list_commendations(sql).rows) == 1


def test_lists_filter_page_and_travel_in_time(villages: Ledger) -> None:
    a = propose(villages, THON_1)
    b = propose(villages, THON_2, kind="family", name="Gia đình ông B")
    c = propose(villages, THON_1, kind="unit", name=None)
    issue(villages, c.id)
    with villages.reading() as sql:
        first = list_commendations(sql, first=2)
        rest = list_commendations(sql, first=2, after=first.rows[-1]["proposed_at"])
        of_thon_1 = commendations_of_unit(sql, str(THON_1))
        issued = list_commendations(sql, status="issued")
        families = list_commendations(sql, recipient_kind="family")
        of_thon_2 = list_commendations(sql, unit_id=str(THON_2))
        before_issue = list_commendations(sql, status="issued", at=c.position)
        thon_1_then = commendations_of_unit(sql, str(THON_1), at=a.position)
    assert [r["id"] for r in first.rows] == [str(a.id), str(b.id)]
    assert first.has_next
    assert ([r["id"] for r in rest.rows], rest.has_next) == ([str(c.id)], False)
    assert [r["id"] for r in of_thon_1] == [str(a.id), str(c.id)]
    assert [r["id"] for r in issued.rows] == [str(c.id)]
    assert [r["id"] for r in families.rows] == [str(b.id)]
    assert [r["id"] for r in of_thon_2.rows] == [str(b.id)]
    assert before_issue.rows == []
    assert [r["id"] for r in thon_1_then] == [str(a.id)]
