from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import catalog
from domain.base import DateOutsideProgram, InvalidInput, Stamp
from domain.candidacy import (
    AssessmentNotPassed,
    Candidacy,
    NotAssessed,
    NotRecognized,
    RecognitionInForce,
    UnitKindNotEligible,
    ValidityNotAfterDecision,
    candidacy_id_for,
)
from domain.program import Program
from domain.unit import Unit, UnitNotActive

STAMP = Stamp("office-1", "office", "", "c-1")
WHY = Stamp("committee-1", "committee", "decision 7: criteria no longer met", "c-2")
PROGRAM = Program.adopt(STAMP)
VILLAGE_MODEL = PROGRAM.item("model_type", "model-cultural-village")
PASS = [{"criterion": "commune-2", "met": True, "note": ""}]
FAIL = [{"criterion": "commune-2", "met": False, "note": "Nhà văn hóa xuống cấp"}]


def unit(kind: str = "village", code: str = "thon-1") -> Unit:
    return Unit.register(STAMP, code=code, kind=kind, name=code, parent=None)


def enrolled(home: Unit | None = None) -> tuple[Candidacy, Unit]:
    home = home or unit()
    return Candidacy.enrol(STAMP, unit=home, model_type=VILLAGE_MODEL), home


def recognized(decided: date = date(2027, 1, 10), until: date = date(2028, 12, 31)) -> Candidacy:
    candidacy, home = enrolled()
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    candidacy.recognize(
        STAMP, unit=home, decision_number="12/QĐ", decision_date=decided, valid_until=until
    )
    return candidacy


def test_enrolment_derives_the_id_from_the_unit_and_the_model_type() -> None:
    candidacy, home = enrolled()
    assert candidacy.id == candidacy_id_for(home.id, "model-cultural-village")
    assert candidacy.id != candidacy_id_for(home.id, "culture-club")
    [event] = candidacy.collect_events()
    assert type(event).__name__ == "ModelEnrolled"
    assert (candidacy.state, candidacy.unit_kind, candidacy.recognitions) == (
        "enrolled",
        "village",
        0,
    )


@pytest.mark.parametrize("kind", ["school", "business", "office", "government", "party_cell"])
def test_only_a_village_can_be_a_model_cultural_village(kind: str) -> None:
    with pytest.raises(UnitKindNotEligible):
        Candidacy.enrol(STAMP, unit=unit(kind), model_type=VILLAGE_MODEL)


def test_each_model_type_admits_the_kinds_the_catalog_names() -> None:
    for model in catalog.MODEL_TYPES:
        definition = PROGRAM.item("model_type", model.code)
        for kind in model.unit_kinds:
            Candidacy.enrol(STAMP, unit=unit(kind), model_type=definition)


def test_an_inactive_unit_cannot_enrol_be_assessed_or_recognized() -> None:
    candidacy, home = enrolled()
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    home.dissolve(STAMP)
    with pytest.raises(UnitNotActive):
        Candidacy.enrol(STAMP, unit=home, model_type=PROGRAM.item("model_type", "culture-club"))
    with pytest.raises(UnitNotActive):
        candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    with pytest.raises(UnitNotActive):
        candidacy.recognize(
            STAMP,
            unit=home,
            decision_number="1",
            decision_date=date(2027, 1, 1),
            valid_until=date(2028, 1, 1),
        )


def test_recognition_needs_a_passing_assessment() -> None:
    candidacy, home = enrolled()
    dates: dict[str, Any] = {"decision_date": date(2027, 1, 1), "valid_until": date(2028, 1, 1)}
    with pytest.raises(NotAssessed):
        candidacy.recognize(STAMP, unit=home, decision_number="1", **dates)
    candidacy.assess(STAMP, unit=home, results=FAIL, passed=False, note="chưa đạt")
    assert candidacy.state == "assessed"
    with pytest.raises(AssessmentNotPassed):
        candidacy.recognize(STAMP, unit=home, decision_number="1", **dates)
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    candidacy.recognize(STAMP, unit=home, decision_number="1", **dates)
    assert (candidacy.state, candidacy.recognitions) == ("recognized", 1)
    assert [type(e).__name__ for e in candidacy.collect_events()] == [
        "ModelEnrolled",
        "ModelAssessed",
        "ModelAssessed",
        "ModelRecognized",
    ]


def test_no_second_recognition_while_one_is_in_force() -> None:
    candidacy = recognized(until=date(2028, 12, 31))
    home = unit()
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    assert candidacy.state == "recognized", "a check-up assessment keeps the recognition"
    with pytest.raises(RecognitionInForce):
        candidacy.recognize(
            STAMP,
            unit=home,
            decision_number="2",
            decision_date=date(2028, 12, 31),
            valid_until=date(2030, 12, 31),
        )
    candidacy.recognize(
        STAMP,
        unit=home,
        decision_number="2",
        decision_date=date(2029, 1, 1),
        valid_until=date(2030, 12, 31),
    )
    assert (candidacy.decision_number, candidacy.recognitions) == ("2", 2)


def test_a_renewal_needs_an_assessment_made_since_the_last_decision() -> None:
    candidacy = recognized(until=date(2027, 12, 31))
    with pytest.raises(NotAssessed):
        candidacy.recognize(
            STAMP,
            unit=unit(),
            decision_number="2",
            decision_date=date(2028, 1, 10),
            valid_until=date(2029, 12, 31),
        )


def test_revocation_requires_a_recognition_and_a_reason() -> None:
    candidacy, _ = enrolled()
    with pytest.raises(NotRecognized):
        candidacy.revoke(WHY)
    candidacy = recognized()
    with pytest.raises(InvalidInput) as refused:
        candidacy.revoke(STAMP)
    assert refused.value.field == "reason"
    candidacy.revoke(WHY, decision_number="30/QĐ")
    assert candidacy.state == "revoked"
    with pytest.raises(NotRecognized):
        candidacy.revoke(WHY)


def test_after_revocation_a_new_assessment_and_recognition_are_allowed() -> None:
    candidacy = recognized(decided=date(2027, 1, 10), until=date(2029, 12, 31))
    home = unit()
    candidacy.revoke(WHY)
    dates: dict[str, Any] = {"decision_date": date(2027, 6, 1), "valid_until": date(2029, 6, 1)}
    with pytest.raises(NotAssessed):
        candidacy.recognize(STAMP, unit=home, decision_number="3", **dates)
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    assert candidacy.state == "assessed"
    candidacy.recognize(STAMP, unit=home, decision_number="3", **dates)
    assert (candidacy.state, candidacy.recognitions) == ("recognized", 2)


@pytest.mark.parametrize(
    ("decided", "until", "error"),
    [
        (date(2024, 12, 31), date(2026, 1, 1), DateOutsideProgram),
        (date(2029, 1, 1), date(2031, 1, 1), DateOutsideProgram),
        (date(2027, 1, 1), date(2027, 1, 1), ValidityNotAfterDecision),
        (date(2027, 1, 1), date(2026, 1, 1), ValidityNotAfterDecision),
    ],
)
def test_recognition_dates_are_checked(decided: date, until: date, error: type[Exception]) -> None:
    candidacy, home = enrolled()
    candidacy.assess(STAMP, unit=home, results=PASS, passed=True)
    with pytest.raises(error):
        candidacy.recognize(
            STAMP, unit=home, decision_number="1", decision_date=decided, valid_until=until
        )


@pytest.mark.parametrize(
    "results",
    [
        [],
        [{"criterion": " ", "met": True}],
        [{"criterion": "c", "met": "yes"}],
        [{"criterion": 3, "met": True}],
        [{"criterion": "c", "met": True}, {"criterion": "c", "met": False}],
        [{"criterion": f"c{i}", "met": True} for i in range(51)],
    ],
)
def test_bad_assessment_results_are_refused(results: list[dict[str, Any]]) -> None:
    candidacy, home = enrolled()
    with pytest.raises(InvalidInput):
        candidacy.assess(STAMP, unit=home, results=results, passed=True)


def test_assessment_results_are_cleaned_into_plain_dicts() -> None:
    candidacy, home = enrolled()
    candidacy.assess(
        STAMP,
        unit=home,
        results=[{"criterion": " Tho\u0302n sạch ", "met": True}],
        passed=True,
        note=" tốt ",
    )
    assert candidacy.last_assessment == {
        "results": [{"criterion": "Thôn sạch", "met": True, "note": ""}],
        "passed": True,
        "note": "tốt",
    }
