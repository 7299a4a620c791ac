"""Tasks over GraphQL through the real Starlette app."""

from __future__ import annotations

from typing import Any

import pytest

from domain.application import Ledger
from domain.unit import unit_id_for
from tests.api.conftest import register_units
from tests.conftest import GraphQLClient

TASK_FIELDS = """
  id title area phase dueDate percent lastSummary lastEvidence progressReports status
  assignedOn completedOn cancelledOn
  leadUnit { code } coordinatingUnits { code }
  overdueMidYear: overdue(on: "2026-07-01") overdueSpring: overdue(on: "2026-04-01")
"""

RESULT = f"""
    __typename
    ... on TaskChanged {{ position task {{ {TASK_FIELDS} }} }}
    ... on Failure {{ message }}
    ... on RuleBroken {{ rule }}
    ... on InvalidInput {{ field }}
"""

ASSIGN = f"mutation($input: AssignTaskInput!) {{ assignTask(input: $input) {{ {RESULT} }} }}"
PROGRESS = (
    f"mutation($input: ReportProgressInput!) {{ reportProgress(input: $input) {{ {RESULT} }} }}"
)
DEADLINE = (
    f"mutation($input: ChangeDeadlineInput!) {{ changeDeadline(input: $input) {{ {RESULT} }} }}"
)
REASSIGN = f"mutation($input: ReassignTaskInput!) {{ reassignTask(input: $input) {{ {RESULT} }} }}"
COMPLETE = f"mutation($input: CompleteTaskInput!) {{ completeTask(input: $input) {{ {RESULT} }} }}"
CANCEL = f"mutation($input: CancelTaskInput!) {{ cancelTask(input: $input) {{ {RESULT} }} }}"

TASKS = """
query($unitId: ID, $area: String, $phase: String, $status: TaskStatus, $overdueOn: Date,
      $first: Int! = 50, $after: String) {
  tasks(unitId: $unitId, area: $area, phase: $phase, status: $status, overdueOn: $overdueOn,
        first: $first, after: $after) {
    nodes { title status dueDate }
    pageInfo { hasNextPage endCursor }
  }
}
"""

TASK = "query($id: ID!) { task(id: $id) { title percent status lastSummary } }"


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    register_units(ledger, "thon-1", "thon-2", "thon-3", name="Thôn {number}", adopt=True)
    return ledger


def unit(code: str) -> str:
    return str(unit_id_for(code))


def assign_input(key: str, lead: str = "thon-1", **extra: Any) -> dict[str, Any]:
    return {
        "idempotencyKey": key,
        "title": f"Nhiệm vụ {key}",
        "area": "III.2",
        "phase": "phase-1",
        "leadUnitId": unit(lead),
        "dueDate": "2026-06-30",
        **extra,
    }


async def assign(gql: GraphQLClient, key: str, lead: str = "thon-1", **extra: Any) -> str:
    data = await gql(ASSIGN, {"input": assign_input(key, lead, **extra)}, role="office")
    assert data["assignTask"]["__typename"] == "TaskChanged", data
    return str(data["assignTask"]["task"]["id"])


async def test_office_assigns_and_follows_up_a_task(commune: Ledger, gql: GraphQLClient) -> None:
    data = await gql(
        ASSIGN,
        {"input": assign_input("a1", coordinatingUnitIds=[unit("thon-2"), unit("thon-3")])},
        role="office",
    )
    result = data["assignTask"]
    assert result["__typename"] == "TaskChanged"
    task = result["task"]
    assert (task["area"], task["phase"], task["status"], task["percent"]) == (
        "III.2",
        "phase-1",
        "OPEN",
        0,
    )
    assert task["leadUnit"] == {"code": "thon-1"}
    assert task["coordinatingUnits"] == [{"code": "thon-2"}, {"code": "thon-3"}]
    assert (task["overdueMidYear"], task["overdueSpring"]) == (True, False)
    task_id = task["id"]

    progress = await gql(
        PROGRESS,
        {
            "input": {
                "idempotencyKey": "p1",
                "taskId": task_id,
                "percent": 60,
                "summary": "Đã hoàn thiện hồ sơ",
                "evidence": ["hs-01"],
            }
        },
        role="office",
    )
    reported = progress["reportProgress"]["task"]
    assert (reported["percent"], reported["lastEvidence"], reported["progressReports"]) == (
        60,
        ["hs-01"],
        1,
    )
    assert progress["reportProgress"]["position"] > result["position"]

    moved = await gql(
        DEADLINE,
        {"input": {"idempotencyKey": "d1", "taskId": task_id, "dueDate": "2026-12-31"}},
        role="office",
    )
    assert moved["changeDeadline"]["task"]["dueDate"] == "2026-12-31"
    assert moved["changeDeadline"]["task"]["overdueMidYear"] is False

    reassigned = await gql(
        REASSIGN,
        {"input": {"idempotencyKey": "r1", "taskId": task_id, "leadUnitId": unit("thon-2")}},
        role="office",
    )
    after = reassigned["reassignTask"]["task"]
    assert after["leadUnit"] == {"code": "thon-2"}
    assert after["coordinatingUnits"] == [{"code": "thon-3"}]

    completed = await gql(
        COMPLETE, {"input": {"idempotencyKey": "c1", "taskId": task_id}}, role="office"
    )
    assert completed["completeTask"]["task"]["status"] == "COMPLETED"
    assert completed["completeTask"]["task"]["completedOn"] is not None
    read_back = await gql(TASK, {"id": task_id})
    assert read_back["task"] == {
        "title": "Nhiệm vụ a1",
        "percent": 60,
        "status": "COMPLETED",
        "lastSummary": "Đã hoàn thiện hồ sơ",
    }


async def test_failures_come_back_typed(commune: Ledger, gql: GraphQLClient) -> None:
    task_id = await assign(gql, "a1")
    await gql(COMPLETE, {"input": {"idempotencyKey": "c1", "taskId": task_id}}, role="office")
    late = await gql(
        PROGRESS,
        {"input": {"idempotencyKey": "p1", "taskId": task_id, "percent": 100, "summary": "x"}},
        role="office",
    )
    assert late["reportProgress"]["__typename"] == "RuleBroken"
    assert late["reportProgress"]["rule"] == "TaskAlreadyCompleted"

    malformed = await gql(
        CANCEL, {"input": {"idempotencyKey": "x1", "taskId": "not-a-uuid"}}, role="office"
    )
    assert malformed["cancelTask"] == {
        "__typename": "InvalidInput",
        "message": "is not a valid id",
        "field": "taskId",
    }
    bad_lead = await gql(
        ASSIGN, {"input": {**assign_input("a2"), "leadUnitId": "x"}}, role="office"
    )
    assert bad_lead["assignTask"]["field"] == "leadUnitId"
    unknown_area = await gql(ASSIGN, {"input": assign_input("a3", area="III.9")}, role="office")
    assert unknown_area["assignTask"]["rule"] == "UnknownProgramItem"
    outside = await gql(ASSIGN, {"input": assign_input("a4", dueDate="2031-01-01")}, role="office")
    assert outside["assignTask"]["rule"] == "DateOutsideProgram"
    missing = await gql(
        COMPLETE, {"input": {"idempotencyKey": "c2", "taskId": unit("thon-1")}}, role="office"
    )
    assert missing["completeTask"]["__typename"] == "NotFound"
    public = await gql(ASSIGN, {"input": assign_input("a5")})
    assert public["assignTask"]["__typename"] == "NotAllowed"
    percent = await gql(
        PROGRESS,
        {"input": {"idempotencyKey": "p2", "taskId": task_id, "percent": 101, "summary": "x"}},
        role="office",
    )
    assert percent["reportProgress"]["__typename"] == "RuleBroken"


async def test_a_reporter_reports_for_its_own_unit_only(
    commune: Ledger, gql: GraphQLClient
) -> None:
    own = await assign(gql, "own", "thon-1")
    foreign = await assign(gql, "foreign", "thon-2", coordinatingUnitIds=[unit("thon-3")])

    def progress(task_id: str, key: str) -> dict[str, Any]:
        return {"input": {"idempotencyKey": key, "taskId": task_id, "percent": 30, "summary": "x"}}

    mine = await gql(PROGRESS, progress(own, "p1"), role="reporter")
    assert mine["reportProgress"]["__typename"] == "TaskChanged"
    assert mine["reportProgress"]["task"]["percent"] == 30
    theirs = await gql(PROGRESS, progress(foreign, "p2"), role="reporter")
    assert theirs["reportProgress"]["__typename"] == "NotAllowed"
    cancel = await gql(CANCEL, {"input": {"idempotencyKey": "c1", "taskId": own}}, role="reporter")
    assert cancel["cancelTask"]["__typename"] == "NotAllowed"


async def test_the_tracker_filters_and_pages(commune: Ledger, gql: GraphQLClient) -> None:
    await assign(gql, "a", "thon-1", dueDate="2026-03-31")
    await assign(gql, "b", "thon-2", coordinatingUnitIds=[unit("thon-1")], dueDate="2026-09-30")
    c = await assign(gql, "c", "thon-2", area="III.3", dueDate="2026-02-28")
    await assign(gql, "d", "thon-3", phase="phase-2", dueDate="2027-05-01")
    await gql(CANCEL, {"input": {"idempotencyKey": "x", "taskId": c}}, role="office")

    async def titles(**variables: Any) -> list[str]:
        found = await gql(TASKS, variables)
        return [n["title"] for n in found["tasks"]["nodes"]]

    assert await titles() == ["Nhiệm vụ c", "Nhiệm vụ a", "Nhiệm vụ b", "Nhiệm vụ d"]
    assert await titles(unitId=unit("thon-1")) == ["Nhiệm vụ a", "Nhiệm vụ b"]
    assert await titles(area="III.3") == ["Nhiệm vụ c"]
    assert await titles(phase="phase-2") == ["Nhiệm vụ d"]
    assert await titles(status="CANCELLED") == ["Nhiệm vụ c"]
    assert await titles(overdueOn="2026-10-01") == ["Nhiệm vụ a", "Nhiệm vụ b"]
    assert await titles(overdueOn="2026-10-01", unitId=unit("thon-2")) == ["Nhiệm vụ b"]

    first = (await gql(TASKS, {"first": 3}))["tasks"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await gql(TASKS, {"first": 3, "after": first["pageInfo"]["endCursor"]}))["tasks"]
    assert [n["title"] for n in rest["nodes"]] == ["Nhiệm vụ d"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_a_malformed_filter_is_an_error(commune: Ledger, gql: GraphQLClient) -> None:
    cases = [({"unitId": "nope"}, "is not a valid id"), ({"after": "bm9wZQ"}, "is not a cursor")]
    for variables, message in cases:
        response = await gql.http.post("/graphql", json={"query": TASKS, "variables": variables})
        body = response.json()
        assert body["data"] is None
        assert body["errors"][0]["message"].startswith(message)
