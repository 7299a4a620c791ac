from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.base import InvalidInput, Stamp
from domain.inspection import (
    FindingAlreadyCommended,
    FindingNotGoodPractice,
    Inspection,
    InspectionAlreadyClosed,
    InspectionAlreadyConducted,
    InspectionNotConducted,
    PeriodEndsBeforeStart,
    UnitNotInspected,
    UnknownFinding,
)
from domain.shortcoming import DisciplineAlreadyDecided, Shortcoming, UnknownDiscipline
from domain.unit import Unit
from tests.support.sealing import KEY, seal

STAMP = Stamp("inspector-1", "inspector", "KH 05-KH/UBKT", "c-1")


def unit(code: str) -> Unit:
    return Unit.register(STAMP, code=code, kind="party_cell", name=f"Chi bộ {code}", parent=None)


def planned(*units: Unit) -> Inspection:
    return Inspection.plan(
        STAMP,
        kind="inspection",
        title="Kiểm tra việc sinh hoạt chi bộ",
        scope="Sinh hoạt định kỳ 6 tháng đầu năm",
        units=list(units),
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
    )


def conducted(*units: Unit) -> Inspection:
    inspection = planned(*units)
    inspection.conduct(STAMP, conducted_on=date(2026, 7, 15), summary="Đã kiểm tra", evidence=[])
    return inspection


def test_planning_checks_kind_units_and_period() -> None:
    one = unit("cb-1")
    with pytest.raises(InvalidInput) as refused:
        planned()
    assert refused.value.field == "unitIds"
    with pytest.raises(InvalidInput):
        planned(one, one)
    with pytest.raises(PeriodEndsBeforeStart):
        Inspection.plan(
            STAMP,
            kind="supervision",
            title="t",
            scope="s",
            units=[one],
            starts_on=date(2026, 7, 2),
            ends_on=date(2026, 7, 1),
        )
    inspection = planned(one)
    assert (inspection.status, inspection.unit_ids) == ("planned", [one.id])


def test_findings_need_a_conducted_open_inspection_of_that_unit() -> None:
    one, other = unit("cb-1"), unit("cb-2")
    with pytest.raises(InspectionNotConducted):
        planned(one).record_finding(STAMP, unit=one, kind="good_practice", text="x", severity=None)
    inspection = conducted(one)
    with pytest.raises(InspectionAlreadyConducted):
        inspection.conduct(STAMP, conducted_on=date(2026, 7, 16), summary="x", evidence=[])
    with pytest.raises(UnitNotInspected):
        inspection.record_finding(STAMP, unit=other, kind="good_practice", text="x", severity=None)
    with pytest.raises(InvalidInput) as refused:
        inspection.record_finding(STAMP, unit=one, kind="shortcoming", text="x", severity=None)
    assert refused.value.field == "severity"
    with pytest.raises(InvalidInput):
        inspection.record_finding(STAMP, unit=one, kind="good_practice", text="x", severity="minor")

    flagged = inspection.record_finding(
        STAMP, unit=one, kind="shortcoming", text="Sổ ghi biên bản thiếu", severity="minor"
    )
    assert isinstance(flagged, Shortcoming)
    assert (flagged.unit_id, flagged.source, flagged.flagged_by) == (
        one.id,
        "Kiểm tra: Kiểm tra việc sinh hoạt chi bộ",
        "Ủy ban Kiểm tra",
    )
    noted = inspection.record_finding(
        STAMP, unit=one, kind="good_practice", text="Sinh hoạt chuyên đề tốt", severity=None
    )
    assert noted is None
    assert [f["kind"] for f in inspection.findings] == ["shortcoming", "good_practice"]
    names = [type(e).__name__ for e in inspection.collect_events()]
    assert names[-2:] == ["FindingRecorded", "FindingRecorded"]

    inspection.close(STAMP, conclusion="Đạt yêu cầu")
    with pytest.raises(InspectionAlreadyClosed):
        inspection.record_finding(STAMP, unit=one, kind="good_practice", text="x", severity=None)
    with pytest.raises(InspectionAlreadyClosed):
        inspection.close(STAMP, conclusion="x")


def test_a_good_practice_may_be_proposed_for_one_commendation() -> None:
    one = unit("cb-1")
    inspection = conducted(one)
    inspection.record_finding(STAMP, unit=one, kind="shortcoming", text="x", severity="minor")
    inspection.record_finding(STAMP, unit=one, kind="good_practice", text="Tốt", severity=None)
    with pytest.raises(FindingNotGoodPractice):
        inspection.propose_commendation(STAMP, number=1, unit=one, form="Giấy khen", achievement="")
    with pytest.raises(UnknownFinding):
        inspection.propose_commendation(STAMP, number=3, unit=one, form="Giấy khen", achievement="")
    commendation = inspection.propose_commendation(
        STAMP, number=2, unit=one, form="Giấy khen", achievement=""
    )
    assert (commendation.unit_id, commendation.achievement, commendation.proposed_by) == (
        one.id,
        "Tốt",
        "Ủy ban Kiểm tra",
    )
    with pytest.raises(FindingAlreadyCommended):
        inspection.propose_commendation(STAMP, number=2, unit=one, form="Giấy khen", achievement="")


def test_closing_needs_a_conducted_inspection() -> None:
    with pytest.raises(InspectionNotConducted):
        planned(unit("cb-1")).close(STAMP, conclusion="x")


def test_discipline_is_proposed_then_decided_once_in_a_form_for_its_subject() -> None:
    one = unit("cb-1")
    shortcoming = Shortcoming.flag(STAMP, unit=one, severity="serious", finding="Vi phạm")
    with pytest.raises(InvalidInput) as refused:
        shortcoming.propose_discipline(
            STAMP,
            subject_kind="organization",
            subject_name=None,
            form="expulsion",
            grounds="g",
            seal=seal,
        )
    assert refused.value.field == "form"
    with pytest.raises(InvalidInput) as refused:
        shortcoming.propose_discipline(
            STAMP,
            subject_kind="member",
            subject_name=" ",
            form="warning",
            grounds="g",
            seal=seal,
        )
    assert refused.value.field == "subjectName"
    first = shortcoming.propose_discipline(
        STAMP,
        subject_kind="member",
        subject_name="Nguyễn Văn A",
        form="warning",
        grounds="g",
        seal=seal,
    )
    second = shortcoming.propose_discipline(
        STAMP,
        subject_kind="organization",
        subject_name=None,
        form="reprimand",
        grounds="g",
        seal=seal,
    )
    assert (first, second) == (1, 2)
    decide: dict[str, Any] = {"decision_number": "15-QĐ/UBKT", "decision_date": date(2026, 9, 1)}
    with pytest.raises(InvalidInput):
        shortcoming.decide_discipline(STAMP, number=2, outcome="imposed", form=None, **decide)
    with pytest.raises(InvalidInput):
        shortcoming.decide_discipline(
            STAMP, number=2, outcome="imposed", form="expulsion", **decide
        )
    with pytest.raises(UnknownDiscipline):
        shortcoming.decide_discipline(STAMP, number=3, outcome="not_imposed", form=None, **decide)
    with pytest.raises(InvalidInput) as refused:
        shortcoming.decide_discipline(
            STAMP, number=1, outcome="imposed", form="reprimand", **decide
        )
    assert refused.value.field == "outcome", "a member's decision is recorded sealed only"
    shortcoming.decide_discipline(
        STAMP, number=1, outcome="imposed", form="reprimand", seal=seal, **decide
    )
    with pytest.raises(DisciplineAlreadyDecided):
        shortcoming.decide_discipline(
            STAMP, number=1, outcome="not_imposed", form=None, seal=seal, **decide
        )
    shortcoming.decide_discipline(STAMP, number=2, outcome="not_imposed", form=None, **decide)
    assert [d["outcome"] for d in shortcoming.disciplines] == ["decided", "not_imposed"]


def test_a_members_discipline_is_sealed_and_an_organizations_is_not() -> None:
    shortcoming = Shortcoming.flag(STAMP, unit=unit("cb-1"), severity="serious", finding="x")
    for kind, name in (("member", "Nguyễn Văn A"), ("organization", None)):
        shortcoming.propose_discipline(
            STAMP,
            subject_kind=kind,
            subject_name=name,
            form="reprimand",
            grounds="Lý do",
            seal=seal,
        )
    decide: dict[str, Any] = {"decision_number": "15-QĐ/UBKT", "decision_date": date(2026, 9, 1)}
    for number in (1, 2):
        shortcoming.decide_discipline(
            STAMP, number=number, outcome="imposed", form="reprimand", seal=seal, **decide
        )
    events = shortcoming.collect_events()
    proposed = [e for e in events if isinstance(e, Shortcoming.DisciplineProposed)]
    decided = [e for e in events if isinstance(e, Shortcoming.DisciplineDecided)]
    member, organization = proposed
    assert (member.form, member.grounds) == ("", "")
    assert member.sealed_form
    assert member.sealed_grounds
    assert (member.sealed_form.open(KEY), member.sealed_grounds.open(KEY)) == ("reprimand", "Lý do")
    assert (organization.form, organization.grounds) == ("reprimand", "Lý do")
    assert (organization.sealed_form, organization.sealed_grounds) == (None, None)
    member_decision, organization_decision = decided
    assert (member_decision.outcome, member_decision.form, member_decision.decision_number) == (
        "",
        None,
        "",
    )
    assert member_decision.sealed_outcome
    assert member_decision.sealed_decision_number
    assert member_decision.sealed_form
    assert member_decision.sealed_form.open(KEY) == "reprimand"
    # Each sealed field is bound to its name: the proposed form cannot pass for the imposed one.
    assert (member.sealed_form.field, member_decision.sealed_form.field) == (
        "proposed_form",
        "form",
    )
    assert member_decision.sealed_outcome.open(KEY) == "imposed"
    assert member_decision.sealed_decision_number.open(KEY) == "15-QĐ/UBKT"
    assert member_decision.subject_kind == "member"
    assert (organization_decision.outcome, organization_decision.decision_number) == (
        "imposed",
        "15-QĐ/UBKT",
    )
    assert organization_decision.sealed_outcome is None
