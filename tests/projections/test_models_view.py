from __future__ import annotations

from datetime import date
from typing import cast

from domain.base import LedgerAggregate, Stamp
from domain.candidacy import Candidacy
from domain.program import Program
from domain.unit import Unit
from projections.fold import project
from projections.models import CANDIDACIES, in_force
from projections.viewstore import MemoryViewStore

STAMP = Stamp("office-1", "office", "", "c-1", effective_date=date(2026, 3, 1))
LATER = Stamp(
    "committee-1", "committee", "vi phạm tiêu chí", "c-2", effective_date=date(2028, 2, 1)
)
PASS = [
    {"criterion": "commune-2", "met": True, "note": "Đền Mỗ được tu bổ"},
    {"criterion": "commune-3", "met": False, "note": ""},
]


def test_the_candidacies_view_follows_enrolment_assessment_recognition_and_revocation() -> None:
    program = Program.adopt(STAMP)
    village = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    candidacy = Candidacy.enrol(
        STAMP, unit=village, model_type=program.item("model_type", "model-cultural-village")
    )
    candidacy.assess(STAMP, unit=village, results=PASS, passed=True, note="đạt")
    candidacy.recognize(
        STAMP,
        unit=village,
        decision_number="12/QĐ-UBND",
        decision_date=date(2026, 6, 1),
        valid_until=date(2028, 5, 31),
    )
    candidacy.revoke(LATER, decision_number="30/QĐ-UBND")
    aggregates: list[LedgerAggregate] = [program, village, candidacy]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)

    row = store.current(CANDIDACIES)[str(candidacy.id)]
    assert row == {
        "id": str(candidacy.id),
        "unit_id": str(village.id),
        "model_type": "model-cultural-village",
        "unit_kind": "village",
        "state": "revoked",
        "enrolled_on": "2026-03-01",
        "last_assessment": {
            "results": PASS,
            "passed": True,
            "note": "đạt",
            "assessed_on": "2026-03-01",
            "assessed_position": 43,
        },
        "decision_number": "12/QĐ-UBND",
        "decision_date": "2026-06-01",
        "valid_until": "2028-05-31",
        "revoked_on": "2028-02-01",
        "revocation_number": "30/QĐ-UBND",
        "recognitions": 1,
    }
    versions = store.versions[CANDIDACIES.name][str(candidacy.id)]
    assert [v[2]["state"] for v in versions] == ["enrolled", "assessed", "recognized", "revoked"]
    recognized_version = versions[2][2]
    assert in_force(recognized_version, "2026-06-01")
    assert in_force(recognized_version, "2028-05-31")
    assert not in_force(recognized_version, "2026-05-31")
    assert not in_force(recognized_version, "2028-06-01")
    assert not in_force(row, "2027-01-01")

    mine = [h for h in store.history if h.stream == "candidacy"]
    assert [h.event_type for h in mine] == [
        "ModelEnrolled",
        "ModelAssessed",
        "ModelRecognized",
        "RecognitionRevoked",
    ]
    assert all(h.units == (str(village.id),) for h in mine)
    assert mine[0].summary == "Model enrolled: Thôn 1 — Thôn văn hóa kiểu mẫu"
    assert "1/2 met" in mine[1].summary
    assert mine[3].reason == "vi phạm tiêu chí"


def test_an_assessment_while_recognized_keeps_the_recognized_state() -> None:
    program = Program.adopt(STAMP)
    village = Unit.register(STAMP, code="thon-1", kind="village", name="Thôn 1", parent=None)
    candidacy = Candidacy.enrol(
        STAMP, unit=village, model_type=program.item("model_type", "culture-club")
    )
    candidacy.assess(STAMP, unit=village, results=PASS, passed=True)
    candidacy.recognize(
        STAMP,
        unit=village,
        decision_number="1",
        decision_date=date(2026, 6, 1),
        valid_until=date(2027, 5, 31),
    )
    candidacy.assess(STAMP, unit=village, results=PASS, passed=False)
    aggregates: list[LedgerAggregate] = [program, village, candidacy]
    events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.collect_events()]
    store = MemoryViewStore()
    project(events, range(1, len(events) + 1), store)
    row = store.current(CANDIDACIES)[str(candidacy.id)]
    assert row["state"] == "recognized"
    assert row["last_assessment"]["passed"] is False
    assert row["recognitions"] == 1
