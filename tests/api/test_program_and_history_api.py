"""The catalog and the history over GraphQL, and `socai init` recording the program once."""

from __future__ import annotations

from domain.application import Ledger
from domain.authority import SYSTEM
from tests.conftest import GraphQLClient, request_as

PROGRAM = """
{ program { code periodStart periodEnd
    communeCriteria { number textVi } personCriteria { number }
    modelTypes { code targetKind targetCount unitKinds }
    phases { code startsOn endsOn } taskAreas { code } responsibleBodies { code roleCode } } }
"""

HISTORY = """
query($filter: HistoryFilter, $first: Int!, $after: String) {
  history(filter: $filter, first: $first, after: $after) {
    nodes { position eventType stream actorId actorRole reason summary unitIds }
    pageInfo { hasNextPage endCursor }
  }
}
"""

REGISTER = """
mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { __typename } }
"""


async def test_program_is_null_until_adopted_then_served_whole(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    assert (await gql(PROGRAM))["program"] is None
    first = ledger.adopt_program(request_as(SYSTEM, "init"))
    assert first is not None
    assert ledger.adopt_program(request_as(SYSTEM, "init-again")) is None
    program = (await gql(PROGRAM))["program"]
    assert program["periodStart"] == "2025-01-01"
    assert [c["number"] for c in program["communeCriteria"]] == list(range(1, 9))
    assert [c["number"] for c in program["personCriteria"]] == list(range(1, 6))
    school = next(m for m in program["modelTypes"] if m["code"] == "socialist-school")
    assert school == {
        "code": "socialist-school",
        "targetKind": "count",
        "targetCount": 1,
        "unitKinds": ["school"],
    }
    assert len(program["phases"]) == 3
    assert len(program["taskAreas"]) == 5
    assert len(program["responsibleBodies"]) == 6


async def test_history_lists_events_in_log_order_with_filters_and_cursors(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    for code in ("thon-1", "thon-2", "thon-3"):
        data = await gql(
            REGISTER,
            {
                "input": {
                    "idempotencyKey": code,
                    "code": code,
                    "kind": "VILLAGE",
                    "name": code,
                    "reason": "QĐ 01",
                }
            },
            role="office",
        )
        assert data["registerUnit"]["__typename"] == "UnitChanged"

    page = (await gql(HISTORY, {"first": 30}))["history"]
    positions = [n["position"] for n in page["nodes"]]
    assert positions == sorted(positions)
    assert page["nodes"][0]["eventType"] == "ProgramAdopted"
    assert page["pageInfo"]["hasNextPage"] is True

    units = (await gql(HISTORY, {"first": 10, "filter": {"stream": "unit"}}))["history"]
    assert [n["eventType"] for n in units["nodes"]] == ["UnitRegistered"] * 3
    assert {n["actorRole"] for n in units["nodes"]} == {"office"}
    assert {n["reason"] for n in units["nodes"]} == {"QĐ 01"}

    one = units["nodes"][1]["unitIds"][0]
    only = (await gql(HISTORY, {"first": 10, "filter": {"unitId": one}}))["history"]
    assert [n["unitIds"] for n in only["nodes"]] == [[one]]

    first_two = (await gql(HISTORY, {"first": 2, "filter": {"stream": "unit"}}))["history"]
    rest = (
        await gql(
            HISTORY,
            {
                "first": 10,
                "filter": {"stream": "unit"},
                "after": first_two["pageInfo"]["endCursor"],
            },
        )
    )["history"]
    assert [n["position"] for n in first_two["nodes"] + rest["nodes"]] == [
        n["position"] for n in units["nodes"]
    ]

    since = await gql(HISTORY, {"first": 5, "filter": {"since": "2999-01-01T00:00:00+00:00"}})
    assert since["history"]["nodes"] == []
