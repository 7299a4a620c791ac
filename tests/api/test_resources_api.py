"""Money over GraphQL: budget, socialized contributions and expenditures, exact to the đồng."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Ledger
from tests.api.conftest import assign_task, command, mutation, register_units
from tests.conftest import GraphQLClient

RESULT = """
    __typename
    ... on FundChanged {
      fund {
        id targetKind year budgetReceived socializedReceived budgetSpent socializedSpent balance
        unit { code } task { title } modelType { code nameVi }
        entries { kind source amount entryDate contributorKind contributorName purpose }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""


ALLOCATE = mutation("allocateBudget", "AllocateBudgetInput", RESULT)
CONTRIBUTE = mutation("receiveContribution", "ReceiveContributionInput", RESULT)
SPEND = mutation("recordExpenditure", "RecordExpenditureInput", RESULT)
VIEWS = """
query($year: Int) {
  funds(year: $year) { targetKind budgetReceived socializedReceived balance
                       unit { code } task { title } modelType { code } }
  moneyBySource(year: $year) { source labelVi received spent }
}
"""
ENTRIES = "query($id: ID!) { fund(id: $id) { entries { contributorName } } }"


@pytest.fixture
def task_id(ledger: Ledger) -> str:
    register_units(ledger, "thon-1", name="Thôn {number}", adopt=True)
    return str(assign_task(ledger, "Tu bổ Đền Mỗ", area="III.3", due=date(2026, 12, 31)).id)


async def test_money_flows_in_and_out_exactly_and_shows_per_target_and_source(
    gql: GraphQLClient, task_id: str
) -> None:
    target = {"taskId": task_id}
    allocated = (
        await gql(
            ALLOCATE,
            command(
                "b-1",
                target=target,
                year=2026,
                amount=3_000_000_000,  # more than a 32-bit GraphQL Int holds
                sector="Văn hóa - Thông tin",
                decisionRef="QĐ 122/QĐ-UBND",
            ),
            role="office",
        )
    )["allocateBudget"]
    assert allocated["__typename"] == "FundChanged"
    fund = allocated["fund"]
    assert (fund["budgetReceived"], fund["task"], fund["unit"]) == (
        3_000_000_000,
        {"title": "Tu bổ Đền Mỗ"},
        None,
    )
    contributed = (
        await gql(
            CONTRIBUTE,
            command(
                "x-1",
                target=target,
                year=2026,
                amount="1200000000",
                contributorKind="PERSON",
                contributorName="Ông Đỗ Văn K",
            ),
            role="office",
        )
    )["receiveContribution"]
    assert contributed["fund"]["socializedReceived"] == 1_200_000_000
    assert contributed["fund"]["entries"][1]["contributorName"] == "Ông Đỗ Văn K"

    too_much = (
        await gql(
            SPEND,
            command(
                "s-0",
                target=target,
                year=2026,
                amount=1_200_000_001,
                source="SOCIALIZED",
                purpose="Tường bao",
                spentOn="2026-06-01",
            ),
            role="office",
        )
    )["recordExpenditure"]
    assert too_much["rule"] == "ExpenditureExceedsFunds"
    spent = (
        await gql(
            SPEND,
            command(
                "s-1",
                target=target,
                year=2026,
                amount=1_250_000,
                source="BUDGET",
                purpose="Tường bao",
                spentOn="2026-06-01",
            ),
            role="office",
        )
    )["recordExpenditure"]
    assert spent["fund"]["balance"] == 3_000_000_000 + 1_200_000_000 - 1_250_000
    nothing = (
        await gql(
            SPEND,
            command(
                "s-2",
                target={"modelType": "culture-club"},
                year=2026,
                amount=1,
                source="BUDGET",
                purpose="x",
                spentOn="2026-06-01",
            ),
            role="office",
        )
    )["recordExpenditure"]
    assert nothing["rule"] == "NoFundsForTarget"
    negative = (
        await gql(
            ALLOCATE,
            command(
                "b-2",
                target={"modelType": "culture-club"},
                year=2026,
                amount=-1,
                sector="x",
                decisionRef="x",
            ),
            role="office",
        )
    )["allocateBudget"]
    assert negative["field"] == "amount"
    denied = (
        await gql(
            ALLOCATE,
            command(
                "b-3",
                target={"modelType": "culture-club"},
                year=2026,
                amount=1,
                sector="x",
                decisionRef="x",
            ),
            role="inspector",
        )
    )["allocateBudget"]
    assert denied["__typename"] == "NotAllowed"
    await gql(
        ALLOCATE,
        command(
            "b-4",
            target={"modelType": "culture-club"},
            year=2026,
            amount=80_000_000,
            sector="Văn hóa",
            decisionRef="QĐ 7",
        ),
        role="office",
    )

    views = await gql(VIEWS, {"year": 2026})
    assert sorted((f["targetKind"], f["budgetReceived"], f["balance"]) for f in views["funds"]) == [
        ("MODEL", 80_000_000, 80_000_000),
        ("TASK", 3_000_000_000, 4_198_750_000),
    ]
    assert views["moneyBySource"] == [
        {"source": "BUDGET", "labelVi": "Ngân sách", "received": 3_080_000_000, "spent": 1_250_000},
        {"source": "SOCIALIZED", "labelVi": "Xã hội hóa", "received": 1_200_000_000, "spent": 0},
    ]
    assert (await gql(VIEWS, {"year": 2027}))["funds"] == []
    # A person's name is personal data: the public does not see it.
    hidden = (await gql(ENTRIES, {"id": fund["id"]}))["fund"]["entries"]
    assert [e["contributorName"] for e in hidden] == [None, None, None]
