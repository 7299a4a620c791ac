"""Model candidacies and coverage on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from domain.application import Ledger
from domain.authority import SYSTEM, NotAllowed
from domain.base import DateOutsideProgram, NotFound, RuleBroken
from domain.candidacy import candidacy_id_for
from domain.unit import unit_id_for
from projections.models import candidacies_of_unit, coverage, get_candidacy, list_candidacies
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, request_as

START = date(2026, 1, 5)
PASS = [{"criterion": "commune-2", "met": True, "note": ""}]


@pytest.fixture
def program(ledger: Ledger) -> Ledger:
    ledger.adopt_program(request_as(SYSTEM))
    return ledger


def register(ledger: Ledger, code: str, kind: str = "village") -> UUID:
    ledger.register_unit(
        request_as(OFFICE, effective_date=START), code=code, kind=kind, name=code, parent_id=None
    )
    return unit_id_for(code)


def enrol(ledger: Ledger, unit_id: UUID, model: str = "model-cultural-village") -> UUID:
    return ledger.enrol_model(
        request_as(OFFICE, effective_date=START), unit_id=unit_id, model_type=model
    ).id


def assess(ledger: Ledger, candidacy_id: UUID, *, passed: bool = True) -> int:
    return ledger.assess_model(
        request_as(INSPECTOR), candidacy_id=candidacy_id, results=PASS, passed=passed
    ).position


def recognize(
    ledger: Ledger,
    candidacy_id: UUID,
    decided: date = date(2026, 6, 1),
    until: date = date(2028, 5, 31),
    number: str = "12/QĐ",
) -> int:
    return ledger.recognize_model(
        request_as(COMMITTEE),
        candidacy_id=candidacy_id,
        decision_number=number,
        decision_date=decided,
        valid_until=until,
    ).position


def revoke(ledger: Ledger, candidacy_id: UUID, on: date = date(2027, 3, 1)) -> int:
    return ledger.revoke_recognition(
        request_as(COMMITTEE, reason="vi phạm", effective_date=on), candidacy_id=candidacy_id
    ).position


def rule_of(error: pytest.ExceptionInfo[RuleBroken]) -> str:
    return error.value.rule


def coverage_of(ledger: Ledger, on: date, at: int | None = None) -> dict[str, dict[str, Any]]:
    with ledger.reading() as sql:
        return {r["model_type"]: r for r in coverage(sql, on=on.isoformat(), at=at)}


def test_a_candidacy_goes_through_its_life_and_the_view_follows(program: Ledger) -> None:
    village = register(program, "thon-1")
    candidacy = enrol(program, village)
    assert candidacy == candidacy_id_for(village, "model-cultural-village")
    assess(program, candidacy, passed=False)
    assess(program, candidacy)
    recognize(program, candidacy)
    with program.reading() as sql:
        row = get_candidacy(sql, str(candidacy))
    assert row is not None
    assert row["state"] == "recognized"
    assert row["enrolled_on"] == START.isoformat()
    assert row["last_assessment"]["passed"] is True
    assert row["last_assessment"]["results"] == PASS
    assert (row["decision_number"], row["decision_date"], row["valid_until"]) == (
        "12/QĐ",
        "2026-06-01",
        "2028-05-31",
    )
    assert row["recognitions"] == 1
    revoke(program, candidacy)
    with program.reading() as sql:
        row = get_candidacy(sql, str(candidacy))
        history = sql.all(
            f"SELECT event_type, reason FROM {sql.table('history')} WHERE stream = ? "
            "ORDER BY position",
            ("candidacy",),
        )
    assert row is not None
    assert (row["state"], row["revoked_on"]) == ("revoked", "2027-03-01")
    assert [h["event_type"] for h in history] == [
        "ModelEnrolled",
        "ModelAssessed",
        "ModelAssessed",
        "ModelRecognized",
        "RecognitionRevoked",
    ]
    assert history[-1]["reason"] == "vi phạm"


def test_every_rule_comes_back_by_name(program: Ledger) -> None:
    village, school = register(program, "thon-1"), register(program, "truong-1", "school")
    candidacy = enrol(program, village)
    with pytest.raises(RuleBroken) as error:
        enrol(program, village)
    assert rule_of(error) == "ModelAlreadyEnrolled"
    with pytest.raises(RuleBroken) as error:
        enrol(program, school)
    assert rule_of(error) == "UnitKindNotEligible"
    with pytest.raises(RuleBroken) as error:
        enrol(program, village, "no-such-model")
    assert rule_of(error) == "UnknownProgramItem"
    with pytest.raises(RuleBroken) as error:
        recognize(program, candidacy)
    assert rule_of(error) == "NotAssessed"
    assess(program, candidacy, passed=False)
    with pytest.raises(RuleBroken) as error:
        recognize(program, candidacy)
    assert rule_of(error) == "AssessmentNotPassed"
    with pytest.raises(RuleBroken) as error:
        revoke(program, candidacy)
    assert rule_of(error) == "NotRecognized"
    assess(program, candidacy)
    with pytest.raises(RuleBroken) as error:
        recognize(program, candidacy, decided=date(2027, 1, 1), until=date(2026, 12, 31))
    assert rule_of(error) == "ValidityNotAfterDecision"
    with pytest.raises(DateOutsideProgram):
        recognize(program, candidacy, decided=date(2029, 1, 1), until=date(2031, 1, 1))
    recognize(program, candidacy, until=date(2027, 5, 31))
    assess(program, candidacy)
    with pytest.raises(RuleBroken) as error:
        recognize(program, candidacy, decided=date(2027, 5, 31), until=date(2029, 1, 1))
    assert rule_of(error) == "RecognitionInForce"
    recognize(program, candidacy, decided=date(2027, 6, 1), until=date(2029, 5, 31), number="2")
    program.dissolve_unit(request_as(OFFICE), unit_id=village)
    with pytest.raises(RuleBroken) as error:
        assess(program, candidacy)
    assert rule_of(error) == "UnitNotActive"
    with pytest.raises(RuleBroken) as error:
        enrol(program, village, "culture-club")
    assert rule_of(error) == "UnitNotActive"


def test_refusals_of_roles_ids_and_a_missing_program(ledger: Ledger) -> None:
    village = register(ledger, "thon-1")
    with pytest.raises(NotFound) as missing:
        enrol(ledger, village)
    assert missing.value.kind == "program"
    ledger.adopt_program(request_as(SYSTEM))
    with pytest.raises(NotFound):
        enrol(ledger, unit_id_for("nowhere"))
    with pytest.raises(NotAllowed):
        ledger.enrol_model(request_as(COMMITTEE), unit_id=village, model_type="culture-club")
    candidacy = enrol(ledger, village)
    with pytest.raises(NotAllowed):
        ledger.assess_model(
            request_as(COMMITTEE), candidacy_id=candidacy, results=PASS, passed=True
        )
    assess(ledger, candidacy)
    with pytest.raises(NotAllowed):
        ledger.recognize_model(
            request_as(OFFICE),
            candidacy_id=candidacy,
            decision_number="1",
            decision_date=date(2026, 6, 1),
            valid_until=date(2027, 6, 1),
        )
    with pytest.raises(NotFound):
        recognize(ledger, candidacy_id_for(village, "culture-club"))


def test_coverage_counts_villages_that_exist_on_the_date(program: Ledger) -> None:
    villages = [register(program, f"thon-{i}") for i in range(1, 4)]
    register(program, "truong-1", "school")
    first = enrol(program, villages[0])
    assess(program, first)
    recognize(program, first, decided=date(2026, 6, 1), until=date(2027, 5, 31))

    found = coverage_of(program, date(2026, 7, 1))
    village_model = found["model-cultural-village"]
    assert (village_model["recognized"], village_model["target"]) == (1, 3)
    assert village_model["ratio"] == pytest.approx(1 / 3)
    assert village_model["name_vi"] == "Thôn văn hóa kiểu mẫu"
    assert (found["culture-club"]["recognized"], found["culture-club"]["target"]) == (0, 3)
    assert (found["socialist-school"]["target"], found["socialist-school"]["ratio"]) == (1, 0.0)
    assert found["green-business"]["target"] == 5
    assert found["friendly-government"] == {
        **found["friendly-government"],
        "target": 0,
        "recognized": 0,
        "ratio": 0.0,
    }
    assert list(found) == [
        "friendly-government",
        "model-cultural-village",
        "socialist-school",
        "green-business",
        "culture-club",
    ]
    before_recognition = coverage_of(program, date(2026, 5, 31))
    assert before_recognition["model-cultural-village"]["recognized"] == 0
    expired = coverage_of(program, date(2027, 6, 1))
    assert expired["model-cultural-village"]["recognized"] == 0

    program.dissolve_unit(request_as(OFFICE, effective_date=date(2026, 9, 1)), unit_id=villages[2])
    after = coverage_of(program, date(2026, 10, 1))["model-cultural-village"]
    assert (after["recognized"], after["target"], after["ratio"]) == (1, 2, 0.5)
    assert coverage_of(program, date(2026, 8, 31))["model-cultural-village"]["target"] == 3
    assert coverage_of(program, date(2025, 12, 31))["model-cultural-village"]["target"] == 0


def test_coverage_drops_revoked_recognitions_and_dissolved_recognized_units(
    program: Ledger,
) -> None:
    one, two = register(program, "thon-1"), register(program, "thon-2")
    school = register(program, "truong-1", "school")
    candidacies = [
        enrol(program, one),
        enrol(program, two),
        enrol(program, school, "socialist-school"),
    ]
    for candidacy in candidacies:
        assess(program, candidacy)
        recognize(program, candidacy)
    on = date(2027, 6, 1)
    found = coverage_of(program, on)
    assert found["model-cultural-village"]["ratio"] == 1.0
    assert (found["socialist-school"]["recognized"], found["socialist-school"]["ratio"]) == (1, 1.0)
    position = revoke(program, candidacies[0])
    assert coverage_of(program, on)["model-cultural-village"]["recognized"] == 1
    assert coverage_of(program, on, at=position - 1)["model-cultural-village"]["recognized"] == 2
    program.dissolve_unit(request_as(OFFICE, effective_date=date(2027, 1, 1)), unit_id=two)
    gone = coverage_of(program, on)["model-cultural-village"]
    assert (gone["recognized"], gone["target"]) == (0, 1)


def test_queries_filter_and_page_candidacies(program: Ledger) -> None:
    one, two = register(program, "thon-1"), register(program, "thon-2")
    ids = [
        enrol(program, one),
        enrol(program, one, "culture-club"),
        enrol(program, two, "culture-club"),
    ]
    assess(program, ids[2])
    with program.reading() as sql:
        mine = candidacies_of_unit(sql, str(one))
        clubs = list_candidacies(sql, model_type="culture-club").rows
        assessed = list_candidacies(sql, state="assessed").rows
        of_two = list_candidacies(sql, unit_id=str(two)).rows
        first_page = list_candidacies(sql, first=2)
        rest = list_candidacies(sql, first=2, after=first_page.rows[-1]["id"])
        then = list_candidacies(sql, state="assessed", at=1).rows
    assert [r["model_type"] for r in mine] == ["culture-club", "model-cultural-village"]
    assert {r["unit_id"] for r in clubs} == {str(one), str(two)}
    assert [r["id"] for r in assessed] == [str(ids[2])]
    assert [r["id"] for r in of_two] == [str(ids[2])]
    assert first_page.has_next
    assert not rest.has_next
    assert sorted(r["id"] for r in first_page.rows + rest.rows) == sorted(str(i) for i in ids)
    assert then == []
