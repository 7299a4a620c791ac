"""Units over GraphQL through the real Starlette app."""

from __future__ import annotations

import httpx

from tests.conftest import GraphQLClient

REGISTER = """
mutation($input: RegisterUnitInput!) {
  registerUnit(input: $input) {
    __typename
    ... on UnitChanged { position unit { id code name kind status parent { code } } }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
  }
}
"""

UNITS = """
query($first: Int!, $after: String) {
  units(first: $first, after: $after) { nodes { code name } pageInfo { hasNextPage endCursor } }
}
"""


def unit_input(code: str, key: str, **extra: object) -> dict[str, object]:
    return {"idempotencyKey": key, "code": code, "kind": "VILLAGE", "name": f"Thôn {code}", **extra}


async def test_office_registers_a_unit_and_every_query_sees_it(gql: GraphQLClient) -> None:
    data = await gql(REGISTER, {"input": unit_input("thon-1", "k1")}, role="office")
    result = data["registerUnit"]
    assert result["__typename"] == "UnitChanged"
    assert result["unit"]["code"] == "thon-1"
    assert result["unit"]["status"] == "ACTIVE"
    listed = await gql(UNITS, {"first": 10})
    assert [n["code"] for n in listed["units"]["nodes"]] == ["thon-1"]


async def test_failures_come_back_typed(gql: GraphQLClient) -> None:
    public = await gql(REGISTER, {"input": unit_input("thon-1", "k1")})
    assert public["registerUnit"]["__typename"] == "NotAllowed"
    bad = await gql(REGISTER, {"input": unit_input("Thôn 1", "k2")}, role="office")
    assert bad["registerUnit"] == {
        "__typename": "InvalidInput",
        "message": "use 1–64 lowercase letters, digits and hyphens",
        "field": "code",
    }
    await gql(REGISTER, {"input": unit_input("thon-1", "k3")}, role="office")
    taken = await gql(REGISTER, {"input": unit_input("thon-1", "k4")}, role="office")
    assert taken["registerUnit"]["__typename"] == "RuleBroken"
    assert taken["registerUnit"]["rule"] == "UnitCodeTaken"
    parent = await gql(
        REGISTER, {"input": unit_input("thon-2", "k5", parentId="not-a-uuid")}, role="office"
    )
    assert parent["registerUnit"]["__typename"] == "InvalidInput"
    assert parent["registerUnit"]["field"] == "parentId"
    reused = await gql(REGISTER, {"input": unit_input("thon-9", "k3")}, role="office")
    assert reused["registerUnit"]["__typename"] == "IdempotencyKeyReused"


async def test_a_retried_mutation_returns_the_first_result(gql: GraphQLClient) -> None:
    first = await gql(REGISTER, {"input": unit_input("thon-1", "same")}, role="office")
    again = await gql(REGISTER, {"input": unit_input("thon-1", "same")}, role="office")
    assert first == again
    listed = await gql(UNITS, {"first": 10})
    assert len(listed["units"]["nodes"]) == 1


async def test_pages_follow_cursors_and_stay_stable_as_units_arrive(gql: GraphQLClient) -> None:
    for i in range(5):
        await gql(REGISTER, {"input": unit_input(f"thon-{i}", f"k{i}")}, role="office")
    first = (await gql(UNITS, {"first": 2}))["units"]
    assert [n["code"] for n in first["nodes"]] == ["thon-0", "thon-1"]
    assert first["pageInfo"]["hasNextPage"] is True
    await gql(REGISTER, {"input": unit_input("thon-00", "k-early")}, role="office")
    second = (await gql(UNITS, {"first": 10, "after": first["pageInfo"]["endCursor"]}))["units"]
    assert [n["code"] for n in second["nodes"]] == ["thon-2", "thon-3", "thon-4"]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_a_bad_token_is_refused_with_401(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql",
        json={"query": "{ units { nodes { code } } }"},
        headers={"authorization": "Bearer nope"},
    )
    assert response.status_code == 401


async def test_healthz_reports_the_log_position(gql: GraphQLClient) -> None:
    await gql(REGISTER, {"input": unit_input("thon-1", "k1")}, role="office")
    response: httpx.Response = await gql.http.get("/healthz")
    assert response.json() == {"status": "ok", "position": 1}
