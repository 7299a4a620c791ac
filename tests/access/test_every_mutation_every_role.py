"""Every mutation in the schema, sent by every role and by a reporter of another unit: no
unauthorized write succeeds, and the refusal is a typed NotAllowed. The mutations are read from
the schema, so a new one fails here until it has an example and a row in PERMISSIONS."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from access.matrix import permission_matrix
from domain.application import Ledger
from domain.authority import PERMISSIONS, PUBLIC, SYSTEM, UNIT_SCOPED, Actor, Role
from domain.unit import unit_id_for
from schema import schema
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, GraphQLClient, request_as
from tests.integration.commune import assign_sample_task

ROLES = ["public", "reporter", "office", "inspector", "committee", "auditor", "admin"]
MUTATIONS = sorted(schema._schema.mutation_type.fields)  # type: ignore[union-attr]
THON_2, THON_3 = str(unit_id_for("thon-2")), str(unit_id_for("thon-3"))
REPORT_VERSION = 2  # the world's task: assigned (version 1), then one progress report
PERSON_NOTES = [{"criterion": f"person-{i}", "note": "Đạt"} for i in range(1, 6)]


def command_of(mutation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", mutation).lower()


def world(ledger: Ledger) -> dict[str, str]:
    """Records every mutation can point at, all belonging to thon-2 (the reporter is thon-1's)."""
    ledger.adopt_program(request_as(SYSTEM, "init"))
    for code in ("thon-1", "thon-2", "thon-3"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=code, parent_id=None
        )
    task = assign_sample_task(ledger, "thon-2")
    candidacy = ledger.enrol_model(
        request_as(OFFICE), unit_id=unit_id_for("thon-2"), model_type="culture-club"
    )
    commendation = ledger.propose_commendation(
        request_as(COMMITTEE),
        recipient_kind="unit",
        recipient_unit_id=unit_id_for("thon-2"),
        recipient_name=None,
        form="giấy khen",
        achievement="Thôn văn hóa",
    )
    shortcoming = ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=unit_id_for("thon-2"), severity="minor", finding="Chậm"
    )
    webhook = ledger.register_webhook(
        request_as(Actor("admin-1", Role.ADMIN)), url="https://nhan.example/socai"
    )
    return {
        "webhook": str(webhook.id),
        "task": str(task.id),
        "candidacy": str(candidacy.id),
        "commendation": str(commendation.id),
        "shortcoming": str(shortcoming.id),
        **program_world(ledger, task.id, shortcoming.id),
    }


def program_world(ledger: Ledger, task_id: UUID, shortcoming_id: UUID) -> dict[str, str]:
    """The records of the program's later work, each about thon-2 (or its party cell)."""
    ledger.report_progress(
        request_as(OFFICE), task_id=task_id, percent=20, summary="Khảo sát", evidence=[]
    )
    assert ledger.task(task_id).report_versions == [REPORT_VERSION]
    ledger.propose_discipline(
        request_as(INSPECTOR),
        shortcoming_id=shortcoming_id,
        subject_kind="organization",
        subject_name=None,
        form="reprimand",
        grounds="Chậm khắc phục",
    )
    feedback = ledger.submit_feedback(
        request_as(PUBLIC),
        channel="in_person",
        topic="Đèn đường",
        text="Đèn đường trục thôn hỏng",
        unit_id=unit_id_for("thon-2"),
        submitter_name="Nguyễn Văn C",
    )
    inspections: dict[str, str] = {}
    for name, conducted in (("planned", False), ("closing", True), ("inspection", True)):
        inspection = ledger.plan_inspection(
            request_as(INSPECTOR),
            kind="supervision",
            title=f"Giám sát {name}",
            scope="Thực hiện quy ước",
            unit_ids=[unit_id_for("thon-2")],
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 6, 30),
        )
        if conducted:
            ledger.conduct_inspection(
                request_as(INSPECTOR),
                inspection_id=inspection.id,
                conducted_on=date(2026, 6, 15),
                summary="Đã làm việc với thôn",
                evidence=[],
            )
        inspections[name] = str(inspection.id)
    ledger.record_finding(
        request_as(INSPECTOR),
        inspection_id=UUID(inspections["inspection"]),
        unit_id=unit_id_for("thon-2"),
        kind="good_practice",
        text="Tổ tự quản hoạt động tốt",
    )
    ledger.register_unit(
        request_as(OFFICE),
        code="chi-bo-thon-2",
        kind="party_cell",
        name="Chi bộ thôn 2",
        parent_id=unit_id_for("thon-2"),
    )
    rating = ledger.record_rating(
        request_as(INSPECTOR),
        subject_kind="member",
        unit_id=unit_id_for("chi-bo-thon-2"),
        member_name="Trần Văn D",
        year=2026,
        level="good",
        notes=PERSON_NOTES,
    )
    indicator = ledger.define_indicator(
        request_as(OFFICE),
        code="ho-gia-dinh-van-hoa",
        criterion="commune-1",
        name_vi="Tỷ lệ hộ gia đình văn hóa",
        name_en="Cultured households",
        unit_of_measure="%",
        direction="increase",
        baseline="80",
        baseline_year=2025,
        targets={2026: "85"},
    )
    ledger.allocate_budget(
        request_as(OFFICE),
        target_kind="unit",
        target_id=THON_2,
        year=2026,
        amount=50_000_000,
        sector="Văn hóa - Thông tin",
        decision_ref="12/QĐ-UBND",
    )
    return {
        "feedback": str(feedback.id),
        **inspections,
        "rating": str(rating.id),
        "indicator": str(indicator.id),
    }


def examples(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """A valid input for every mutation, aimed at thon-2."""
    task, candidacy = {"taskId": ids["task"]}, {"candidacyId": ids["candidacy"]}
    commendation, shortcoming = (
        {"commendationId": ids["commendation"]},
        {"shortcomingId": ids["shortcoming"]},
    )
    decision = {"decisionNumber": "1/QĐ", "decisionDate": "2026-05-01"}
    return {
        "registerUnit": {"code": "thon-9", "kind": "VILLAGE", "name": "Thôn 9"},
        "renameUnit": {"unitId": THON_2, "name": "Thôn Hai"},
        "mergeUnit": {"unitId": THON_2, "intoUnitId": THON_3},
        "dissolveUnit": {"unitId": THON_2},
        "assignTask": {
            "title": "Đường làng",
            "area": "III.2",
            "phase": "phase-1",
            "leadUnitId": THON_2,
            "dueDate": "2026-10-01",
        },
        "reportProgress": {**task, "percent": 50, "summary": "Đã lắp 5 camera"},
        "changeDeadline": {**task, "dueDate": "2027-01-31"},
        "reassignTask": {**task, "leadUnitId": THON_3},
        "completeTask": task,
        "cancelTask": task,
        "enrolModel": {"unitId": THON_2, "modelType": "model-cultural-village"},
        "assessModel": {**candidacy, "results": [], "passed": True},
        "recognizeModel": {**candidacy, **decision, "validUntil": "2028-05-01"},
        "revokeRecognition": {**candidacy, "reason": "hết hiệu lực"},
        "proposeCommendation": {
            "recipientKind": "UNIT",
            "recipientUnitId": THON_2,
            "form": "giấy khen",
            "achievement": "Người tốt, việc tốt",
        },
        "issueCommendation": {**commendation, **decision, "issuedBy": "UBND xã"},
        "revokeCommendation": {**commendation, "reason": "sai sót"},
        "flagShortcoming": {"unitId": THON_2, "severity": "MINOR", "finding": "Thiếu hồ sơ"},
        "planRemediation": {**shortcoming, "plan": "Bổ sung", "dueOn": "2026-09-01"},
        "resolveShortcoming": {**shortcoming, "resolution": "Đã bổ sung"},
        "forgetPerson": {"personId": str(UUID(int=5)), "reason": "đơn đề nghị xóa dữ liệu"},
        "registerWebhook": {"url": "https://bao-cao.example/socai"},
        "resumeWebhook": {"webhookId": ids["webhook"]},
        "disableWebhook": {"webhookId": ids["webhook"]},
        **program_examples(ids),
    }


def program_examples(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    feedback, indicator = {"feedbackId": ids["feedback"]}, {"indicatorId": ids["indicator"]}
    shortcoming, thon_2 = {"shortcomingId": ids["shortcoming"]}, {"unitId": THON_2}
    texts = {"targetTextVi": "08 Cơ sở", "targetTextEn": "8 establishments"}
    return {
        "addCriterion": {"group": "COMMUNE", "textVi": "Xã xanh", "textEn": "A green commune"},
        "reviseCriterion": {
            "code": "commune-2",
            "textVi": "Di sản được bảo tồn",
            "textEn": "Heritage is preserved",
            "reason": "Nghị quyết sửa đổi",
        },
        "retireCriterion": {"code": "commune-3", "reason": "Gộp vào tiêu chí khác"},
        "reviseTarget": {
            "modelType": "green-business",
            "targetKind": "COUNT",
            "targetCount": 8,
            **texts,
        },
        "addModelType": {
            "code": "khu-dan-cu-an-toan",
            "nameVi": "Khu dân cư an toàn",
            "nameEn": "Safe residential area",
            "unitKinds": ["VILLAGE"],
            "targetKind": "ALL_UNITS_OF_KIND",
            **texts,
        },
        "submitFeedback": {
            "channel": "ONLINE",
            "topic": "Vệ sinh môi trường",
            "text": "Rác thải chưa được thu gom",
            **thon_2,
            "submitterName": "Lê Thị E",
        },
        "acknowledgeFeedback": {**feedback, "note": "Đã tiếp nhận"},
        "answerFeedback": {**feedback, "answer": "Đã thay bóng đèn"},
        "closeFeedback": {**feedback, "note": "Người phản ánh đồng ý"},
        "giveTestimony": {
            "taskId": ids["task"],
            "reportVersion": REPORT_VERSION,
            "stance": "CONFIRM",
            "text": "Đúng như báo cáo",
        },
        "planInspection": {
            "kind": "INSPECTION",
            "title": "Kiểm tra quy chế dân chủ",
            "scope": "Năm 2026",
            "unitIds": [THON_2],
            "startsOn": "2026-09-01",
            "endsOn": "2026-09-30",
        },
        "conductInspection": {
            "inspectionId": ids["planned"],
            "conductedOn": "2026-06-20",
            "summary": "Đã làm việc",
            "evidence": [],
        },
        "recordFinding": {
            "inspectionId": ids["inspection"],
            **thon_2,
            "kind": "SHORTCOMING",
            "text": "Thiếu sổ sách",
            "severity": "MINOR",
        },
        "commendFromInspection": {
            "inspectionId": ids["inspection"],
            "findingNumber": 1,
            "form": "giấy khen",
            "achievement": "Tổ tự quản tiêu biểu",
        },
        "closeInspection": {"inspectionId": ids["closing"], "conclusion": "Đạt yêu cầu"},
        "proposeDiscipline": {
            **shortcoming,
            "subjectKind": "MEMBER",
            "subjectName": "Phạm Văn G",
            "form": "WARNING",
            "grounds": "Thiếu trách nhiệm",
        },
        "decideDiscipline": {
            **shortcoming,
            "number": 1,
            "outcome": "IMPOSED",
            "form": "REPRIMAND",
            "decisionNumber": "3/QĐ-UBKT",
            "decisionDate": "2026-07-01",
        },
        "recordRating": {
            "subjectKind": "ORGANIZATION",
            "unitId": str(unit_id_for("chi-bo-thon-2")),
            "year": 2026,
            "level": "GOOD",
            "notes": [],
        },
        "correctRating": {
            "ratingId": ids["rating"],
            "level": "EXCELLENT",
            "notes": PERSON_NOTES,
            "reason": "Phúc tra",
        },
        "defineIndicator": {
            "code": "ho-dung-internet",
            "criterion": "commune-1",
            "nameVi": "Tỷ lệ hộ dùng internet",
            "nameEn": "Households online",
            "unitOfMeasure": "%",
            "direction": "INCREASE",
            "baseline": "60",
            "baselineYear": 2025,
            "targets": [{"year": 2027, "target": "75"}],
        },
        "setIndicatorTarget": {**indicator, "year": 2027, "target": "90"},
        "measureIndicator": {
            **indicator,
            "period": "2026-Q3",
            "value": "83",
            "source": "Thống kê thôn",
            "evidence": [],
        },
        "allocateBudget": {
            "target": thon_2,
            "year": 2026,
            "amount": 20_000_000,
            "sector": "Văn hóa - Thông tin",
            "decisionRef": "15/QĐ-UBND",
        },
        "receiveContribution": {
            "target": thon_2,
            "year": 2026,
            "amount": 5_000_000,
            "contributorKind": "PERSON",
            "contributorName": "Hoàng Văn H",
        },
        "recordExpenditure": {
            "target": thon_2,
            "year": 2026,
            "amount": 10_000_000,
            "source": "BUDGET",
            "purpose": "Mua loa truyền thanh",
            "spentOn": "2026-08-01",
            "evidence": ["HĐ 01/2026"],
        },
        "holdReview": {
            "kind": "YEARLY",
            "year": 2026,
            "title": "Sơ kết năm 2026",
            "heldOn": "2026-11-20",
            "conclusions": "Hoàn thành cơ bản",
        },
    }


def input_type(mutation: str) -> str:
    field = schema._schema.mutation_type.fields[mutation]  # type: ignore[union-attr]
    return str(field.args["input"].type)


async def send(
    gql: GraphQLClient, mutation: str, given: dict[str, Any], role: str, key: str
) -> dict[str, Any]:
    query = (
        f"mutation($input: {input_type(mutation)}) {{ {mutation}(input: $input) "
        "{ __typename ... on Failure { message } } }"
    )
    role_arg = None if role == "public" else role
    data = await gql(query, {"input": {**given, "idempotencyKey": key}}, role=role_arg)
    return data[mutation]  # type: ignore[no-any-return]


def head(ledger: Ledger) -> int:
    return ledger.recorder.max_notification_id() or 0


def test_every_mutation_has_a_permission_and_an_example() -> None:
    records = (
        *("task", "candidacy", "commendation", "shortcoming", "webhook", "feedback"),
        *("planned", "closing", "inspection", "rating", "indicator"),
    )
    fake = {k: str(UUID(int=0)) for k in records}
    assert sorted(examples(fake)) == MUTATIONS, "give every mutation an example here"
    assert {command_of(m) for m in MUTATIONS} <= set(PERMISSIONS)


async def test_no_role_writes_what_it_may_not(ledger: Ledger, gql: GraphQLClient) -> None:
    inputs = examples(world(ledger))
    tried = 0
    for mutation in MUTATIONS:
        allowed = PERMISSIONS[command_of(mutation)]
        for role in ROLES:
            # A reporter (of thon-1) is allowed a scoped command, but every example is thon-2's.
            if Role(role) in allowed and not (
                role == "reporter" and command_of(mutation) in UNIT_SCOPED
            ):
                continue
            before = head(ledger)
            result = await send(gql, mutation, inputs[mutation], role, f"{mutation}-{role}")
            assert result["__typename"] == "NotAllowed", (mutation, role, result)
            assert head(ledger) == before, (mutation, role)
            tried += 1
    assert tried >= len(MUTATIONS) * 4


async def test_each_example_passes_the_authority_check(ledger: Ledger, gql: GraphQLClient) -> None:
    """The refusals above are not an artefact of bad examples: an allowed role gets past."""
    inputs = examples(world(ledger))
    for mutation in MUTATIONS:
        allowed = PERMISSIONS[command_of(mutation)] - {Role.SYSTEM}
        role = sorted(allowed, key=lambda r: r is Role.REPORTER)[0].value
        result = await send(gql, mutation, inputs[mutation], role, f"{mutation}-ok")
        assert result["__typename"] != "NotAllowed", (mutation, role, result)


async def test_a_reporter_acts_for_its_own_unit(ledger: Ledger, gql: GraphQLClient) -> None:
    ids = world(ledger)
    own_task = assign_sample_task(ledger, "thon-1", title="Đèn đường")
    own = {
        **examples(ids),
        "reportProgress": {"taskId": str(own_task.id), "percent": 10, "summary": "Bắt đầu"},
    }
    own["proposeCommendation"] = {
        **own["proposeCommendation"],
        "recipientUnitId": str(unit_id_for("thon-1")),
    }
    for mutation in ("reportProgress", "proposeCommendation"):
        result = await send(gql, mutation, own[mutation], "reporter", f"own-{mutation}")
        assert result["__typename"] != "NotAllowed", (mutation, result)


@pytest.mark.parametrize("section", ["permissions"])
def test_the_readme_matrix_is_generated_from_permissions(section: str) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start, end = f"<!-- {section}:start -->\n", f"<!-- {section}:end -->"
    block = readme[readme.index(start) + len(start) : readme.index(end)]
    assert block == permission_matrix(), "run `socai permissions` and paste it into the README"
