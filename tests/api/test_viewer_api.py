"""`viewer`: who the credentials make the caller, and what its role may send."""

from __future__ import annotations

import re
from typing import Any

import pytest

from domain.application import Ledger
from domain.authority import PERMISSIONS, PERSONAL_READERS, UNIT_SCOPED, Role
from domain.unit import unit_id_for
from tests.api.conftest import register_units
from tests.conftest import TOKENS, GraphQLClient

VIEWER = "{ viewer { role unitId unit { id code name } readsPersonalData may unitScoped } }"
MUTATION_FIELDS = "{ __schema { mutationType { fields { name } } } }"
CALLERS = [None, *TOKENS]  # no token (the public), then each role's token
NIL = "00000000-0000-0000-0000-000000000000"

# A mutation of each kind of officer, about records that do not exist: a role allowed to send it
# is refused for the missing record (or a rule), never as NotAllowed; nothing is recorded.
EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    "assignTask": (
        "AssignTaskInput",
        {
            "title": "Đường làng",
            "area": "III.2",
            "phase": "phase-1",
            "leadUnitId": NIL,
            "dueDate": "2026-10-01",
        },
    ),
    "reportProgress": ("ReportProgressInput", {"taskId": NIL, "percent": 50, "summary": "Xong"}),
    "recognizeModel": (
        "RecognizeModelInput",
        {
            "candidacyId": NIL,
            "decisionNumber": "1/QĐ",
            "decisionDate": "2026-05-01",
            "validUntil": "2028-05-01",
        },
    ),
    "flagShortcoming": (
        "FlagShortcomingInput",
        {"unitId": NIL, "severity": "MINOR", "finding": "Thiếu hồ sơ"},
    ),
    "answerFeedback": ("AnswerFeedbackInput", {"feedbackId": NIL, "answer": "Đã xử lý"}),
    "disableWebhook": ("WebhookInput", {"webhookId": NIL}),
    "submitFeedback": (
        "SubmitFeedbackInput",
        {"channel": "ONLINE", "topic": "Đèn đường", "text": "Hỏng", "unitId": NIL},
    ),
}


def role_of(caller: str | None) -> Role:
    return Role.PUBLIC if caller is None else Role(caller)


def command_of(field: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", field).lower()


def head(ledger: Ledger) -> int:
    return ledger.recorder.max_notification_id() or 0


async def mutation_fields(gql: GraphQLClient) -> list[str]:
    data = await gql(MUTATION_FIELDS)
    return [f["name"] for f in data["__schema"]["mutationType"]["fields"]]


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "no-token")
async def test_the_viewer_is_the_token_s_role_unit_and_permissions(
    ledger: Ledger, gql: GraphQLClient, caller: str | None
) -> None:
    role = role_of(caller)
    fields = await mutation_fields(gql)
    viewer = (await gql(VIEWER, role=caller))["viewer"]

    assert viewer["role"] == role.name
    reporter_unit = str(unit_id_for("thon-1"))  # the reporter token is reporter@thon-1
    assert viewer["unitId"] == (reporter_unit if role is Role.REPORTER else None)
    assert viewer["unit"] is None  # thon-1 is not registered yet
    assert viewer["readsPersonalData"] is (role in PERSONAL_READERS)
    # Read the other way round: each field of the Mutation type, by the command it sends.
    allowed = [f for f in fields if role in PERMISSIONS[command_of(f)]]
    assert sorted(viewer["may"]) == sorted(allowed)
    assert len(viewer["may"]) == len(set(viewer["may"]))
    assert set(viewer["may"]) <= set(fields)
    scoped = [f for f in allowed if role is Role.REPORTER and command_of(f) in UNIT_SCOPED]
    assert sorted(viewer["unitScoped"]) == sorted(scoped)
    if role is Role.REPORTER:
        assert viewer["unitScoped"]
        assert set(viewer["unitScoped"]) <= set(viewer["may"])


async def test_what_the_roles_may_send_differs_as_the_roles_do(gql: GraphQLClient) -> None:
    may = {caller: set((await gql(VIEWER, role=caller))["viewer"]["may"]) for caller in CALLERS}
    assert may[None] == {"submitFeedback", "giveTestimony"}
    assert may["auditor"] == set()  # reads everything, writes nothing
    assert "assignTask" in may["office"]
    assert "assignTask" not in may["committee"]
    assert "recognizeModel" in may["committee"]
    assert "recognizeModel" not in may["office"]
    assert "flagShortcoming" in may["inspector"]
    assert may["admin"] >= {"forgetPerson", "registerWebhook"}
    # The system's own commands are no mutation, so no role is offered them.
    assert not any({"adoptProgram", "recordPersonalRead"} & names for names in may.values())


async def test_every_name_in_may_is_a_mutation_field(gql: GraphQLClient) -> None:
    fields = set(await mutation_fields(gql))
    for caller in CALLERS:
        viewer = (await gql(VIEWER, role=caller))["viewer"]
        assert set(viewer["may"]) <= fields, caller
        assert set(viewer["unitScoped"]) <= set(viewer["may"]), caller


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "no-token")
async def test_a_mutation_in_may_is_not_refused_as_not_allowed_and_one_outside_it_is(
    ledger: Ledger, gql: GraphQLClient, caller: str | None
) -> None:
    may = set((await gql(VIEWER, role=caller))["viewer"]["may"])
    before = head(ledger)
    for number, (mutation, (input_type, given)) in enumerate(EXAMPLES.items()):
        query = (
            f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
            "{ __typename ... on Failure { message } } }"
        )
        variables = {"input": {**given, "idempotencyKey": f"viewer-{caller}-{number}"}}
        result = (await gql(query, variables, role=caller))[mutation]
        refused = result["__typename"] == "NotAllowed"
        assert refused is (mutation not in may), (caller, mutation, result)
    assert head(ledger) == before


async def test_a_reporter_s_scoped_mutations_are_its_own_unit_s(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    own, other = register_units(ledger, "thon-1", "thon-2", adopt=True)
    viewer = (await gql(VIEWER, role="reporter"))["viewer"]
    assert viewer["unitId"] == own
    assert viewer["unit"] == {"id": own, "code": "thon-1", "name": "Thôn thon-1"}
    assert "reportProgress" in viewer["unitScoped"]
    report = (
        "mutation($input: ReportProgressInput!) { reportProgress(input: $input) { __typename } }"
    )
    answers = {}
    for code, unit in (("thon-1", own), ("thon-2", other)):
        assigned = await gql(
            "mutation($input: AssignTaskInput!) { assignTask(input: $input) "
            "{ ... on TaskChanged { task { id } } } }",
            {
                "input": {
                    "idempotencyKey": f"assign-{code}",
                    "title": f"Đèn đường {code}",
                    "area": "III.4",
                    "phase": "phase-1",
                    "leadUnitId": unit,
                    "dueDate": "2026-12-31",
                }
            },
            role="office",
        )
        task = assigned["assignTask"]["task"]["id"]
        sent = await gql(
            report,
            {
                "input": {
                    "idempotencyKey": f"report-{code}",
                    "taskId": task,
                    "percent": 10,
                    "summary": "Bắt đầu",
                }
            },
            role="reporter",
        )
        answers[code] = sent["reportProgress"]["__typename"]
    assert answers == {"thon-1": "TaskChanged", "thon-2": "NotAllowed"}


async def test_reading_the_viewer_records_nothing(ledger: Ledger, gql: GraphQLClient) -> None:
    register_units(ledger, "thon-1", adopt=True)
    before = head(ledger)
    assert before > 0
    for caller in CALLERS:
        await gql(VIEWER, role=caller)
    assert head(ledger) == before
