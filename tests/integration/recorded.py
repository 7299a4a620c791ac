"""A small commune recorded through the application, with every kind of event the views fold."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, request_as

RESULTS = [{"criterion": "commune-1", "met": True, "note": "Đạt"}]


def register(ledger: Ledger, code: str, kind: str, name: str) -> UUID:
    return ledger.register_unit(
        request_as(OFFICE), code=code, kind=kind, name=name, parent_id=None
    ).id


def assign(ledger: Ledger, lead: UUID, title: str, coordinating: list[UUID]) -> UUID:
    return ledger.assign_task(
        request_as(OFFICE, reason="Kế hoạch 12-KH/ĐU"),
        title=title,
        description="Theo Chương trình hành động",
        area="III.4",
        phase="phase-1",
        lead_unit_id=lead,
        coordinating_unit_ids=coordinating,
        due_date=date(2026, 12, 31),
    ).id


def record_units_and_tasks(ledger: Ledger) -> list[UUID]:
    """The program, four units, and tasks with progress, deadlines, reassignment and endings."""
    ledger.adopt_program(request_as(SYSTEM, "init:adopt-program"))
    villages = [register(ledger, f"thon-{i}", "village", f"Thôn {i}") for i in (1, 2, 3)]
    register(ledger, "truong-1", "school", "Trường Tiểu học Nghi Dương")
    tasks = [
        assign(ledger, villages[0], "Lắp đặt Camera an ninh", [villages[1]]),
        assign(ledger, villages[1], "Xây dựng Tổ tự quản", []),
        assign(ledger, villages[2], "Tu bổ Đền Mỗ", [villages[0]]),
    ]
    for percent in (10, 35, 60):
        for task in tasks:
            ledger.report_progress(
                request_as(OFFICE, effective_date=date(2026, 3, 1)),
                task_id=task,
                percent=percent,
                summary=f"Đạt {percent}%",
                evidence=["BB 03/2026"],
            )
    ledger.change_deadline(request_as(OFFICE), task_id=tasks[1], due_date=date(2027, 6, 30))
    ledger.reassign_task(request_as(OFFICE), task_id=tasks[1], lead_unit_id=villages[2])
    ledger.complete_task(request_as(OFFICE), task_id=tasks[0])
    ledger.rename_unit(request_as(OFFICE), unit_id=villages[0], name="Thôn Đông")
    return tasks


def record_the_rest(ledger: Ledger) -> None:
    """Models, commendations, shortcomings, and a merge that hands open work over."""
    village = unit_id_for("thon-1")
    candidacy = ledger.enrol_model(
        request_as(OFFICE), unit_id=village, model_type="model-cultural-village"
    ).id
    ledger.assess_model(request_as(INSPECTOR), candidacy_id=candidacy, results=RESULTS, passed=True)
    ledger.recognize_model(
        request_as(COMMITTEE),
        candidacy_id=candidacy,
        decision_number="QĐ 15/ĐU",
        decision_date=date(2026, 11, 1),
        valid_until=date(2028, 11, 1),
    )
    ledger.revoke_recognition(
        request_as(COMMITTEE, reason="Vi phạm tiêu chí"), candidacy_id=candidacy
    )
    commendation = ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="person",
        recipient_unit_id=village,
        recipient_name="Nguyễn Văn An",
        form="Giấy khen",
        achievement="Người tốt, việc tốt",
    ).id
    ledger.issue_commendation(
        request_as(COMMITTEE),
        commendation_id=commendation,
        decision_number="QĐ 20/ĐU",
        decision_date=date(2026, 12, 1),
        issued_by="Ban Thường vụ Đảng ủy",
    )
    shortcoming = ledger.flag_shortcoming(
        request_as(INSPECTOR),
        unit_id=unit_id_for("thon-3"),
        severity="moderate",
        finding="Chậm báo cáo định kỳ",
    ).id
    ledger.plan_remediation(
        request_as(OFFICE), shortcoming_id=shortcoming, plan="Báo cáo bù", due_on=date(2027, 1, 31)
    )
    # A member's discipline, sealed with the member's key, then the member forgotten; and an
    # organization's, in clear.
    for kind, name in (("member", "Trần Văn Bình"), ("organization", None)):
        ledger.propose_discipline(
            request_as(INSPECTOR),
            shortcoming_id=shortcoming,
            subject_kind=kind,
            subject_name=name,
            form="reprimand",
            grounds="Không báo cáo đúng hạn",
        )
    for number in (1, 2):
        ledger.decide_discipline(
            request_as(COMMITTEE),
            shortcoming_id=shortcoming,
            number=number,
            outcome="imposed",
            form="reprimand",
            decision_number=f"QĐ {30 + number}-QĐ/UBKT",
            decision_date=date(2026, 12, 10),
        )
    disciplined = ledger.shortcoming(shortcoming).discipline_person(1)
    assert disciplined is not None
    ledger.forget_person(request_as(SYSTEM, "forget"), person_id=disciplined)
    ledger.merge_unit(
        request_as(OFFICE), unit_id=unit_id_for("thon-3"), into_unit_id=unit_id_for("thon-2")
    )


def record_commune(ledger: Ledger) -> None:
    record_units_and_tasks(ledger)
    record_the_rest(ledger)
