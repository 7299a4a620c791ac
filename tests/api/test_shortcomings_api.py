"""Shortcomings over GraphQL through the real Starlette app."""

from __future__ import annotations

from typing import Any

from domain.application import Ledger
from domain.unit import unit_id_for
from schema.common import encode_cursor
from tests.api.conftest import register_units
from tests.conftest import GraphQLClient

RESULT = """
    __typename
    ... on ShortcomingChanged {
      position
      shortcoming {
        id severity finding source flaggedBy flaggedOn status
        remediationPlan remediationDue remediationResponsible resolvedOn resolution evidence
        unit { code }
        transferredFrom { code }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""

FLAG = (
    f"mutation($input: FlagShortcomingInput!) {{ flagShortcoming(input: $input) {{ {RESULT} }} }}"
)
PLAN = (
    f"mutation($input: PlanRemediationInput!) {{ planRemediation(input: $input) {{ {RESULT} }} }}"
)
RESOLVE = (
    "mutation($input: ResolveShortcomingInput!) "
    f"{{ resolveShortcoming(input: $input) {{ {RESULT} }} }}"
)
MERGE = """
mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { __typename } }
"""
ONE = "query($id: ID!) { shortcoming(id: $id) { status unit { code } } }"
LIST = """
query($unitId: ID, $status: ShortcomingStatus, $severity: ShortcomingSeverity,
      $first: Int!, $after: String) {
  shortcomings(unitId: $unitId, status: $status, severity: $severity, first: $first,
               after: $after) {
    nodes { id severity status unit { code } transferredFrom { code } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def flag(
    gql: GraphQLClient, unit_id: str, key: str, severity: str = "MODERATE"
) -> dict[str, Any]:
    data = await gql(
        FLAG,
        {
            "input": {
                "idempotencyKey": key,
                "unitId": unit_id,
                "severity": severity,
                "finding": "Chưa sinh hoạt chi bộ định kỳ",
                "source": "KT-03/2026",
                "flaggedBy": "Ủy ban Kiểm tra",
            }
        },
        role="inspector",
    )
    result: dict[str, Any] = data["flagShortcoming"]
    return result


async def resolve(gql: GraphQLClient, shortcoming_id: str, key: str) -> dict[str, Any]:
    data = await gql(
        RESOLVE,
        {
            "input": {
                "idempotencyKey": key,
                "shortcomingId": shortcoming_id,
                "resolution": "Đã họp bù",
                "evidence": ["BB-12/2026"],
            }
        },
        role="inspector",
    )
    result: dict[str, Any] = data["resolveShortcoming"]
    return result


def plan_input(shortcoming_id: str, key: str, due: str = "2026-09-30") -> dict[str, Any]:
    return {
        "input": {
            "idempotencyKey": key,
            "shortcomingId": shortcoming_id,
            "plan": "Họp bù trong tháng 9",
            "dueOn": due,
            "responsible": "Bí thư chi bộ",
        }
    }


async def test_a_shortcoming_goes_from_flagged_to_resolved(
    gql: GraphQLClient, ledger: Ledger
) -> None:
    [unit] = register_units(ledger, "thon-1")
    flagged = await flag(gql, unit, "k1", "SERIOUS")
    assert flagged["__typename"] == "ShortcomingChanged"
    shortcoming = flagged["shortcoming"]
    assert (shortcoming["severity"], shortcoming["status"]) == ("SERIOUS", "OPEN")
    assert (shortcoming["unit"], shortcoming["flaggedBy"]) == (
        {"code": "thon-1"},
        "Ủy ban Kiểm tra",
    )
    assert shortcoming["remediationPlan"] is None

    planned = (await gql(PLAN, plan_input(shortcoming["id"], "k2"), role="reporter"))[
        "planRemediation"
    ]
    assert planned["__typename"] == "ShortcomingChanged"
    assert planned["shortcoming"]["remediationDue"] == "2026-09-30"
    assert planned["position"] > flagged["position"]

    resolved = await resolve(gql, shortcoming["id"], "k3")
    assert resolved["shortcoming"]["status"] == "RESOLVED"
    assert resolved["shortcoming"]["evidence"] == ["BB-12/2026"]
    one = await gql(ONE, {"id": shortcoming["id"]})
    assert one["shortcoming"] == {"status": "RESOLVED", "unit": {"code": "thon-1"}}


async def test_failures_come_back_typed(gql: GraphQLClient, ledger: Ledger) -> None:
    [unit] = register_units(ledger, "thon-1")
    id = (await flag(gql, unit, "k1"))["shortcoming"]["id"]
    await resolve(gql, id, "k2")
    again = await resolve(gql, id, "k3")
    assert again["__typename"] == "RuleBroken"
    assert again["rule"] == "ShortcomingNotOpen"
    assert again["message"].startswith("no resolving a shortcoming that is not open")

    malformed = await resolve(gql, "not-a-uuid", "k4")
    assert (malformed["__typename"], malformed["field"]) == ("InvalidInput", "shortcomingId")
    unknown_unit = await flag(gql, str(unit_id_for("nowhere")), "k5")
    assert unknown_unit["__typename"] == "NotFound"
    bad_unit = await flag(gql, "thon-1", "k6")
    assert (bad_unit["__typename"], bad_unit["field"]) == ("InvalidInput", "unitId")

    as_office = await gql(
        FLAG,
        {"input": {"idempotencyKey": "k7", "unitId": unit, "severity": "MINOR", "finding": "x"}},
        role="office",
    )
    assert as_office["flagShortcoming"]["__typename"] == "NotAllowed"
    late = (await gql(PLAN, plan_input(id, "k8", due="2031-01-01"), role="office"))[
        "planRemediation"
    ]
    assert (late["__typename"], late["rule"]) == ("RuleBroken", "ShortcomingNotOpen")


async def test_a_reporter_is_refused_for_another_unit(gql: GraphQLClient, ledger: Ledger) -> None:
    [_, other] = register_units(ledger, "thon-1", "thon-2")
    id = (await flag(gql, other, "k1"))["shortcoming"]["id"]
    refused = (await gql(PLAN, plan_input(id, "k2"), role="reporter"))["planRemediation"]
    assert refused["__typename"] == "NotAllowed"
    outside = (await gql(PLAN, plan_input(id, "k3", due="2031-01-01"), role="office"))[
        "planRemediation"
    ]
    assert (outside["__typename"], outside["rule"]) == ("RuleBroken", "DateOutsideProgram")


async def test_a_merger_moves_open_shortcomings_and_lists_follow(
    gql: GraphQLClient, ledger: Ledger
) -> None:
    source, target = register_units(ledger, "thon-1", "thon-2")
    first = (await flag(gql, source, "k1", "MINOR"))["shortcoming"]["id"]
    second = (await flag(gql, source, "k2", "SERIOUS"))["shortcoming"]["id"]
    third = (await flag(gql, source, "k3", "SERIOUS"))["shortcoming"]["id"]
    await resolve(gql, first, "k4")
    merged = await gql(
        MERGE,
        {"input": {"idempotencyKey": "k5", "unitId": source, "intoUnitId": target}},
        role="office",
    )
    assert merged["mergeUnit"]["__typename"] == "UnitChanged"

    moved = (await gql(LIST, {"unitId": target, "first": 10}))["shortcomings"]["nodes"]
    assert [(n["id"], n["unit"]["code"]) for n in moved] == [
        (second, "thon-2"),
        (third, "thon-2"),
    ]
    assert {n["transferredFrom"]["code"] for n in moved} == {"thon-1"}
    stayed = (await gql(LIST, {"unitId": source, "first": 10}))["shortcomings"]["nodes"]
    assert [(n["id"], n["status"], n["transferredFrom"]) for n in stayed] == [
        (first, "RESOLVED", None)
    ]

    page = (await gql(LIST, {"severity": "SERIOUS", "status": "OPEN", "first": 1}))["shortcomings"]
    assert [n["id"] for n in page["nodes"]] == [second]
    assert page["pageInfo"]["hasNextPage"] is True
    after = page["pageInfo"]["endCursor"]
    rest = (await gql(LIST, {"severity": "SERIOUS", "first": 5, "after": after}))["shortcomings"]
    assert [n["id"] for n in rest["nodes"]] == [third]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_a_bad_cursor_is_an_error(gql: GraphQLClient) -> None:
    query = "query($after: String) { shortcomings(after: $after) { nodes { id } } }"
    for cursor in [encode_cursor("unit", "thon-1"), encode_cursor("shortcoming", "x1")]:
        response = await gql.http.post(
            "/graphql", json={"query": query, "variables": {"after": cursor}}
        )
        body = response.json()
        assert body["data"] is None
        assert body["errors"][0]["message"] == "is not a cursor of this list"
