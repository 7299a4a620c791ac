"""Indicators and the yearly scorecard over GraphQL: exact decimal values against targets."""

from __future__ import annotations

from typing import Any

import pytest

from domain.application import Ledger
from domain.authority import SYSTEM
from tests.api.conftest import command
from tests.conftest import GraphQLClient, request_as

RESULT = """
    __typename
    ... on IndicatorChanged {
      indicator { id code criterion baseline targets { year target }
                  measurements { period value source } }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""
DEFINE = (
    f"mutation($input: DefineIndicatorInput!) {{ defineIndicator(input: $input) {{ {RESULT} }} }}"
)
MEASURE = (
    f"mutation($input: MeasureIndicatorInput!) {{ measureIndicator(input: $input) {{ {RESULT} }} }}"
)
TARGET = (
    "mutation($input: SetIndicatorTargetInput!) "
    f"{{ setIndicatorTarget(input: $input) {{ {RESULT} }} }}"
)
SCORECARD = """
query($year: Int!) {
  scorecard(year: $year) {
    criterion { code number textVi } met measured total
    indicators { indicator { code unitOfMeasure } target value period status progressPercent }
  }
}
"""


@pytest.fixture
def adopted(ledger: Ledger) -> Ledger:
    ledger.adopt_program(request_as(SYSTEM))
    return ledger


def indicator(key: str, code: str, criterion: str, direction: str, targets: Any) -> dict[str, Any]:
    return command(
        key,
        code=code,
        criterion=criterion,
        nameVi=code,
        unitOfMeasure="%",
        direction=direction,
        baseline="28",
        baselineYear=2025,
        targets=targets,
    )


async def test_indicators_are_measured_and_scored_against_their_targets(
    gql: GraphQLClient, adopted: Ledger
) -> None:
    online = (
        await gql(
            DEFINE,
            indicator(
                "i-1",
                "ho-so-truc-tuyen",
                "commune-5",
                "INCREASE",
                [{"year": 2026, "target": "80"}, {"year": 2027, "target": "85.5"}],
            ),
            role="office",
        )
    )["defineIndicator"]
    assert online["__typename"] == "IndicatorChanged"
    assert online["indicator"]["targets"] == [
        {"year": 2026, "target": "80"},
        {"year": 2027, "target": "85.5"},
    ]
    ident = online["indicator"]["id"]
    poverty = (
        await gql(
            DEFINE,
            indicator(
                "i-2", "ho-ngheo", "commune-1", "DECREASE", [{"year": 2026, "target": "1.2"}]
            ),
            role="office",
        )
    )["defineIndicator"]["indicator"]["id"]
    again = (
        await gql(
            DEFINE,
            indicator("i-3", "ho-ngheo", "commune-1", "DECREASE", [{"year": 2026, "target": "1"}]),
            role="office",
        )
    )["defineIndicator"]
    assert again["rule"] == "IndicatorCodeTaken"
    person = (
        await gql(
            DEFINE,
            indicator("i-4", "x", "person-1", "INCREASE", [{"year": 2026, "target": "1"}]),
            role="office",
        )
    )["defineIndicator"]
    assert person["rule"] == "NotACommuneCriterion"
    denied = (
        await gql(
            MEASURE,
            command("m-0", indicatorId=ident, period="2026", value="80", source="x"),
            role="inspector",
        )
    )["measureIndicator"]
    assert denied["__typename"] == "NotAllowed"

    for key, period, value in [("m-1", "2026-Q2", "52"), ("m-2", "2026-Q4", "80.0")]:
        await gql(
            MEASURE,
            command(key, indicatorId=ident, period=period, value=value, source="Cổng DVC"),
            role="office",
        )
    await gql(
        MEASURE,
        command("m-3", indicatorId=poverty, period="2026", value="1.35", source="Rà soát hộ nghèo"),
        role="office",
    )
    bad = (
        await gql(
            MEASURE,
            command("m-4", indicatorId=ident, period="2026-Q9", value="1", source="x"),
            role="office",
        )
    )["measureIndicator"]
    assert bad["field"] == "period"

    card = (await gql(SCORECARD, {"year": 2026}))["scorecard"]
    assert [c["criterion"]["number"] for c in card] == list(range(1, 9))
    fifth = card[4]
    assert (fifth["met"], fifth["measured"], fifth["total"]) == (1, 1, 1)
    assert fifth["indicators"][0] == {
        "indicator": {"code": "ho-so-truc-tuyen", "unitOfMeasure": "%"},
        "target": "80",
        "value": "80",
        "period": "2026-Q4",
        "status": "MET",
        "progressPercent": "100.0",
    }
    first = card[0]["indicators"][0]
    assert (first["status"], first["value"], first["target"]) == ("NOT_MET", "1.35", "1.2")
    assert card[1]["indicators"] == []

    revised = (
        await gql(
            TARGET, command("t-1", indicatorId=poverty, year=2026, target="1.4"), role="office"
        )
    )["setIndicatorTarget"]
    assert revised["indicator"]["targets"] == [{"year": 2026, "target": "1.4"}]
    card = (await gql(SCORECARD, {"year": 2026}))["scorecard"]
    assert card[0]["indicators"][0]["status"] == "MET"
    later = (await gql(SCORECARD, {"year": 2027}))["scorecard"][4]["indicators"][0]
    assert (later["status"], later["target"], later["value"]) == ("NOT_MEASURED", "85.5", None)
