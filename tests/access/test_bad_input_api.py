"""Bad input through GraphQL gets a clear, typed answer and records nothing; text is NFC."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from tests.conftest import OFFICE, GraphQLClient, request_as

RESULT = """{ __typename ... on Failure { message } ... on InvalidInput { field }
              ... on RuleBroken { rule } }"""
NAME_NFC = "Thôn Đông Hưởng"
NAME_NFD = unicodedata.normalize("NFD", NAME_NFC)


def mutation(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {RESULT} }}"


REGISTER = mutation("registerUnit", "RegisterUnitInput")
RENAME = mutation("renameUnit", "RenameUnitInput")
ASSIGN = mutation("assignTask", "AssignTaskInput")
REPORT = mutation("reportProgress", "ReportProgressInput")


def head(ledger: Ledger) -> int:
    return ledger.recorder.max_notification_id() or 0


def commune(ledger: Ledger) -> str:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )
    task = ledger.assign_task(
        request_as(OFFICE),
        title="Camera",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-1"),
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )
    return str(task.id)


def assignment(**extra: Any) -> dict[str, Any]:
    return {
        "idempotencyKey": "a-1",
        "title": "Đường làng",
        "area": "III.2",
        "phase": "phase-1",
        "leadUnitId": str(unit_id_for("thon-1")),
        "dueDate": "2026-10-01",
        **extra,
    }


async def test_bad_input_is_typed_and_records_nothing(ledger: Ledger, gql: GraphQLClient) -> None:
    task_id = commune(ledger)
    report = {"idempotencyKey": "r", "taskId": task_id, "percent": 10, "summary": "Bắt đầu"}
    cases: list[tuple[str, str, dict[str, Any], tuple[str, str]]] = [
        ("malformed id", REPORT, {**report, "taskId": "not-a-uuid"}, ("InvalidInput", "taskId")),
        (
            "malformed id in a list",
            ASSIGN,
            assignment(coordinatingUnitIds=["x"]),
            ("InvalidInput", "coordinatingUnitIds"),
        ),
        (
            "due date after",
            ASSIGN,
            assignment(dueDate="2031-01-01"),
            ("RuleBroken", "DateOutsideProgram"),
        ),
        (
            "effective before",
            ASSIGN,
            assignment(effectiveDate="2024-12-31"),
            ("RuleBroken", "DateOutsideProgram"),
        ),
        ("percent over", REPORT, {**report, "percent": 101}, ("RuleBroken", "PercentOutOfRange")),
        ("percent under", REPORT, {**report, "percent": -1}, ("RuleBroken", "PercentOutOfRange")),
        ("overlong", ASSIGN, assignment(title="x" * 4001), ("InvalidInput", "title")),
        ("empty", ASSIGN, assignment(title=" \n "), ("InvalidInput", "title")),
        ("empty key", ASSIGN, assignment(idempotencyKey=""), ("InvalidInput", "idempotencyKey")),
        ("unknown area", ASSIGN, assignment(area="IX.9"), ("RuleBroken", "UnknownProgramItem")),
    ]
    for label, query, given, (typename, detail) in cases:
        before = head(ledger)
        result = next(iter((await gql(query, {"input": given}, role="office")).values()))
        assert result["__typename"] == typename, (label, result)
        if typename == "InvalidInput":
            assert result["field"] == detail, (label, result)
        if typename == "RuleBroken":
            assert result["rule"] == detail, (label, result)
        assert result["message"], label
        assert head(ledger) == before, label


async def test_unknown_enum_values_and_malformed_cursors_are_errors(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    commune(ledger)
    before = head(ledger)
    given = {"idempotencyKey": "u", "code": "thon-9", "kind": "CASTLE", "name": "X"}
    response = await gql.http.post(
        "/graphql",
        json={"query": REGISTER, "variables": {"input": given}},
        headers={"authorization": "Bearer test-office-token"},
    )
    body = response.json()
    assert body.get("data") is None
    assert "CASTLE" in body["errors"][0]["message"]
    for query in (
        '{ units(first: 5, after: "!!!") { nodes { code } } }',
        '{ units(first: 5, after: "Đông") { nodes { code } } }',  # not even ASCII
        '{ tasks(first: 5, after: "dW5pdDp0aG9uLTE") { nodes { title } } }',  # another list's
        '{ history(first: 5, after: "cG9zOng") { nodes { position } } }',
        '{ tasks(first: 5, unitId: "nope") { nodes { title } } }',
    ):
        errors = (await gql.http.post("/graphql", json={"query": query})).json()["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", (query, errors)
    assert head(ledger) == before


async def test_a_reused_key_with_other_input_is_refused(ledger: Ledger, gql: GraphQLClient) -> None:
    commune(ledger)
    first = (await gql(ASSIGN, {"input": assignment()}, role="office"))["assignTask"]
    assert first["__typename"] == "TaskChanged"
    before = head(ledger)
    again = (await gql(ASSIGN, {"input": assignment()}, role="office"))["assignTask"]
    assert again["__typename"] == "TaskChanged"
    other = (await gql(ASSIGN, {"input": assignment(title="Khác")}, role="office"))["assignTask"]
    assert other["__typename"] == "IdempotencyKeyReused"
    assert head(ledger) == before


async def test_a_name_typed_in_nfd_is_the_same_name_in_nfc(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    assert NAME_NFD != NAME_NFC
    given = {"idempotencyKey": "reg", "code": "thon-2", "kind": "VILLAGE", "name": NAME_NFD}
    assert (await gql(REGISTER, {"input": given}, role="office"))["registerUnit"][
        "__typename"
    ] == "UnitChanged"
    unit = (await gql("{ units(first: 5) { nodes { id name } } }"))["units"]["nodes"][0]
    assert unit["name"] == NAME_NFC
    # The retry typed in NFC is the same request; renaming to the NFC spelling changes nothing.
    retry = {**given, "name": NAME_NFC}
    assert (await gql(REGISTER, {"input": retry}, role="office"))["registerUnit"][
        "__typename"
    ] == "UnitChanged"
    rename = {"idempotencyKey": "ren", "unitId": unit["id"], "name": NAME_NFC}
    same = (await gql(RENAME, {"input": rename}, role="office"))["renameUnit"]
    assert (same["__typename"], same["rule"]) == ("RuleBroken", "NameUnchanged")
    found = await gql(
        "query($id: ID!) { unit(id: $id) { name } }", {"id": str(unit_id_for("thon-2"))}
    )
    assert found["unit"]["name"] == NAME_NFC
    assert len(ledger.recorder.select_notifications(start=1, limit=10)) == 1
