from __future__ import annotations

from datetime import date
from typing import cast
from uuid import UUID

from domain.base import Stamp
from domain.commendation import Commendation
from domain.personal import Sealed
from domain.unit import Unit
from projections.commendations import COMMENDATIONS
from projections.fold import project
from projections.viewstore import MemoryViewStore

STAMP = Stamp("committee-1", "committee", "", "c-1", effective_date=date(2026, 4, 2))
KEY, PERSON = bytes(range(32)), UUID(int=9)


def seal(field: str, text: str) -> Sealed:
    return Sealed.seal(KEY, PERSON, field, text)


REVOKE = Stamp("committee-1", "committee", "hồ sơ sai", "c-2", effective_date=date(2026, 9, 9))


def test_the_view_follows_a_commendation_from_proposal_to_revocation() -> None:
    unit = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    person = Commendation.propose(
        STAMP,
        recipient_kind="person",
        unit=unit,
        recipient_name="Nguyễn Văn A",
        form="giấy khen",
        achievement="Người tốt, việc tốt",
        proposed_by="Hội phụ nữ",
        seal=seal,
    )
    village = Commendation.propose(
        STAMP,
        recipient_kind="unit",
        unit=unit,
        recipient_name=None,
        form="bằng khen",
        achievement="Thôn văn hóa kiểu mẫu",
        proposed_by=None,
    )
    person.issue(
        STAMP, decision_number="12/QĐ-UBND", decision_date=date(2026, 5, 1), issued_by="UBND xã"
    )
    person.revoke(REVOKE, decision_number="3/QĐ-UBND")
    events = [
        cast(Commendation.Event, e)
        for e in [*unit.collect_events(), *person.collect_events(), *village.collect_events()]
    ]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    current = store.current(COMMENDATIONS)
    assert current[str(village.id)] == {
        "id": str(village.id),
        "recipient_kind": "unit",
        "unit_id": str(unit.id),
        "recipient_name": "Thôn 1",
        "recipient": None,
        "form": "bằng khen",
        "achievement": "Thôn văn hóa kiểu mẫu",
        "proposed_by": None,
        "proposed_on": "2026-04-02",
        "proposed_at": 5,
        "status": "proposed",
        "decision_number": None,
        "decision_date": None,
        "issued_by": None,
        "revoked_on": None,
        "revocation_decision_number": None,
        "revocation_reason": None,
    }
    revoked = current[str(person.id)]
    assert (revoked["status"], revoked["proposed_at"]) == ("revoked", 2)
    assert (revoked["decision_number"], revoked["decision_date"]) == ("12/QĐ-UBND", "2026-05-01")
    assert (revoked["issued_by"], revoked["revoked_on"]) == ("UBND xã", "2026-09-09")
    assert (revoked["revocation_decision_number"], revoked["revocation_reason"]) == (
        "3/QĐ-UBND",
        "hồ sơ sai",
    )
    versions = store.versions[COMMENDATIONS.name][str(person.id)]
    assert [(v[0], v[1], v[2]["status"]) for v in versions] == [
        (2, 3, "proposed"),
        (3, 4, "issued"),
        (4, None, "revoked"),
    ]
    commendation_history = store.history[1:]
    assert [h.event_type for h in commendation_history] == [
        "CommendationProposed",
        "CommendationIssued",
        "CommendationRevoked",
        "CommendationProposed",
    ]
    assert all(h.units == (str(unit.id),) for h in commendation_history)
    assert all(h.stream == "commendation" for h in commendation_history)
    # The readable line never names a citizen; the unit's name is public.
    assert all("Nguyễn" not in h.summary for h in commendation_history)
    assert "Thôn 1" in commendation_history[3].summary


def test_a_commendation_without_a_unit_touches_no_unit() -> None:
    family = Commendation.propose(
        STAMP,
        recipient_kind="family",
        unit=None,
        recipient_name="Gia đình ông B",
        form="giấy khen",
        achievement="Gia đình văn hóa",
        proposed_by=None,
        seal=seal,
    )
    store = MemoryViewStore()
    project([cast(Commendation.Event, e) for e in family.collect_events()], [7], store)
    row = store.current(COMMENDATIONS)[str(family.id)]
    assert (row["unit_id"], row["recipient_name"], row["proposed_at"]) == (None, "", 7)
    sealed = Sealed.from_json(row["recipient"])
    assert sealed is not None
    assert sealed.open(KEY) == "Gia đình ông B"
    assert "Gia đình ông B" not in str(store.history[0].data)
    assert store.history[0].units == ()
    assert store.history[0].summary == "Commendation proposed: giấy khen for a family"
