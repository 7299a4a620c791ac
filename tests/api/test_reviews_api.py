"""Reviews over GraphQL: held as of a position with the figures found there, compared."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Ledger
from tests.api.conftest import assign_task, command, register_units
from tests.conftest import GraphQLClient

HOLD = """
mutation($input: HoldReviewInput!) {
  holdReview(input: $input) {
    __typename
    ... on ReviewHeld {
      position
      review { id kind year phase title heldOn coversPosition figures { key labelVi value } }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
  }
}
"""
COMPARE = """
query($a: ID!, $b: ID!) {
  reviewComparison(earlierId: $a, laterId: $b) {
    earlier { kind } later { kind } fromPosition toPosition
    changes { key labelVi before after difference }
    eventCounts { eventType count }
    events(first: 2) { nodes { position eventType } pageInfo { hasNextPage } }
  }
}
"""
PHASES = """
{ phases(on: "2026-06-01") { phase { code focusVi } current reviews { kind year } } }
"""


def task(ledger: Ledger, title: str) -> None:
    assign_task(ledger, title, area="III.1", due=date(2026, 6, 30))


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    register_units(ledger, "thon-1", name="Thôn {number}", adopt=True)
    task(ledger, "Quán triệt Chương trình")
    return ledger


async def test_reviews_record_figures_at_a_position_and_compare(
    gql: GraphQLClient, commune: Ledger
) -> None:
    yearly = (
        await gql(
            HOLD,
            command(
                "rv-1",
                kind="YEARLY",
                year=2026,
                title="Tổng kết năm 2026",
                heldOn="2026-12-28",
                conclusions="Hoàn thành cơ bản",
            ),
            role="office",
        )
    )["holdReview"]
    assert yearly["__typename"] == "ReviewHeld"
    review = yearly["review"]
    assert (review["kind"], review["phase"]) == ("YEARLY", "phase-1")
    figures = {f["key"]: f for f in review["figures"]}
    assert figures["tasks.total"]["value"] == 1
    assert figures["tasks.overdue"] == {
        "key": "tasks.overdue",
        "labelVi": "Nhiệm vụ quá hạn",
        "value": 1,
    }
    assert figures["models.socialist-school.target"]["labelVi"] == (
        "Trường học xã hội chủ nghĩa: chỉ tiêu"
    )

    again = (
        await gql(
            HOLD,
            command(
                "rv-2",
                kind="YEARLY",
                year=2026,
                title="x",
                heldOn="2026-12-29",
                conclusions="x",
            ),
            role="office",
        )
    )["holdReview"]
    assert again["rule"] == "ReviewAlreadyHeld"
    denied = (
        await gql(
            HOLD,
            command(
                "rv-3",
                kind="PRELIMINARY",
                year=2026,
                title="x",
                heldOn="2027-01-10",
                conclusions="x",
            ),
            role="inspector",
        )
    )["holdReview"]
    assert denied["__typename"] == "NotAllowed"
    future = (
        await gql(
            HOLD,
            command(
                "rv-4",
                kind="PRELIMINARY",
                year=2026,
                title="x",
                heldOn="2027-01-10",
                conclusions="x",
                covers={"position": 10_000},
            ),
            role="office",
        )
    )["holdReview"]
    assert future["field"] == "covers"

    task(commune, "Sinh hoạt chuyên đề")
    task(commune, "Sơ kết năm")
    preliminary = (
        await gql(
            HOLD,
            command(
                "rv-5",
                kind="PRELIMINARY",
                year=2026,
                title="Sơ kết giai đoạn 1",
                heldOn="2027-01-10",
                conclusions="Rút kinh nghiệm, hoàn thiện tiêu chí",
            ),
            role="office",
        )
    )["holdReview"]["review"]
    assert preliminary["coversPosition"] == review["coversPosition"] + 3  # two tasks, a review

    compared = (await gql(COMPARE, {"a": preliminary["id"], "b": review["id"]}))["reviewComparison"]
    assert (compared["earlier"]["kind"], compared["later"]["kind"]) == ("YEARLY", "PRELIMINARY")
    changes = {c["key"]: c for c in compared["changes"]}
    assert changes["tasks.total"] == {
        "key": "tasks.total",
        "labelVi": "Nhiệm vụ đã giao",
        "before": 1,
        "after": 3,
        "difference": 2,
    }
    assert compared["eventCounts"] == [
        {"eventType": "TaskAssigned", "count": 2},
        {"eventType": "ReviewHeld", "count": 1},
    ]
    assert compared["events"]["pageInfo"]["hasNextPage"] is True
    assert [e["eventType"] for e in compared["events"]["nodes"]] == ["ReviewHeld", "TaskAssigned"]

    phases = (await gql(PHASES))["phases"]
    assert [(p["phase"]["code"], p["current"]) for p in phases] == [
        ("phase-1", True),
        ("phase-2", False),
        ("phase-3", False),
    ]
    assert phases[0]["reviews"] == [
        {"kind": "YEARLY", "year": 2026},
        {"kind": "PRELIMINARY", "year": 2026},
    ]
    assert len(phases[1]["phase"]["focusVi"]) == 4
