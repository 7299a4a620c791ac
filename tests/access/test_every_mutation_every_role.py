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
from domain.authority import PERMISSIONS, SYSTEM, UNIT_SCOPED, Actor, Role
from domain.unit import unit_id_for
from schema import schema
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, GraphQLClient, request_as

ROLES = ["public", "reporter", "office", "inspector", "committee", "auditor", "admin"]
MUTATIONS = sorted(schema._schema.mutation_type.fields)  # type: ignore[union-attr]
THON_2, THON_3 = str(unit_id_for("thon-2")), str(unit_id_for("thon-3"))


def command_of(mutation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", mutation).lower()


def world(ledger: Ledger) -> dict[str, str]:
    """Records every mutation can point at, all belonging to thon-2 (the reporter is thon-1's)."""
    ledger.adopt_program(request_as(SYSTEM, "init"))
    for code in ("thon-1", "thon-2", "thon-3"):
        ledger.register_unit(
            request_as(OFFICE), code=code, kind="village", name=code, parent_id=None
        )
    task = ledger.assign_task(
        request_as(OFFICE),
        title="Camera an ninh",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-2"),
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )
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
    records = ("task", "candidacy", "commendation", "shortcoming", "webhook")
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
    own_task = ledger.assign_task(
        request_as(OFFICE),
        title="Đèn đường",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-1"),
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )
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
