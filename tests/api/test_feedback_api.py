"""Citizen feedback and testimonies over GraphQL: the public submits without credentials and
follows by reference; the unit answers; identity is shown to readers of personal data only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.application import Ledger
from domain.unit import unit_id_for
from tests.api.conftest import assign_task, command, mutation, register_units
from tests.conftest import OFFICE, GraphQLClient, request_as

RESULT = """
    __typename
    ... on FeedbackChanged {
      position
      feedback {
        id reference status topic submitterName submitterContact answer responseDays
        unit { code } transferredFrom { code }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""


SUBMIT = mutation("submitFeedback", "SubmitFeedbackInput", RESULT)
ACK = mutation("acknowledgeFeedback", "AcknowledgeFeedbackInput", RESULT)
ANSWER = mutation("answerFeedback", "AnswerFeedbackInput", RESULT)
CLOSE = mutation("closeFeedback", "CloseFeedbackInput", RESULT)
FOLLOW = """
query($ref: String!) {
  feedbackByReference(reference: $ref) {
    reference status answer answeredOn unit { code }
  }
}
"""
ONE = "query($id: ID!) { feedback(id: $id) { submitterName submitterContact } }"
RESPONSE = """
query($on: Date!) {
  feedbackResponse(on: $on) {
    unit { code } received answered waiting averageResponseDays longestWaitDays
  }
  waitingFeedback(on: $on) { waitingDays feedback { reference unit { code } } }
}
"""
TESTIFY = """
mutation($input: GiveTestimonyInput!) {
  giveTestimony(input: $input) {
    __typename
    ... on TestimonyRecorded { testimony { stance text submitterName reportVersion } }
    ... on RuleBroken { rule }
  }
}
"""
REPORTS = """
query($id: ID!) {
  task(id: $id) {
    progressHistory { version percent confirmations disputes testimonies { stance text } }
  }
}
"""


@pytest.fixture
def villages(ledger: Ledger) -> list[str]:
    return register_units(ledger, "thon-1", "thon-2", adopt=True)


def opinion(key: str, unit_id: str, day: str = "2026-03-02") -> dict[str, Any]:
    return command(
        key,
        channel="ONLINE",
        topic="Đèn đường",
        text="Đèn đường trục thôn hỏng",
        unitId=unit_id,
        submitterName="Nguyễn Văn C",
        submitterContact="0912 000 000",
        effectiveDate=day,
    )


async def test_a_citizen_submits_the_unit_answers_and_the_citizen_follows_by_reference(
    gql: GraphQLClient, villages: list[str]
) -> None:
    submitted = (await gql(SUBMIT, opinion("gy-1", villages[0])))["submitFeedback"]
    assert submitted["__typename"] == "FeedbackChanged"
    feedback = submitted["feedback"]
    assert (feedback["status"], feedback["submitterName"], feedback["submitterContact"]) == (
        "SUBMITTED",
        None,
        None,
    )
    reference = feedback["reference"]
    assert reference.startswith("GY-")
    again = (await gql(SUBMIT, opinion("gy-1", villages[0])))["submitFeedback"]
    assert again["feedback"]["id"] == feedback["id"]  # the key makes a retry harmless

    for role, seen in [(None, None), ("reporter", None), ("office", "Nguyễn Văn C")]:
        found = (await gql(ONE, {"id": feedback["id"]}, role=role))["feedback"]
        assert found["submitterName"] == seen
    assert (await gql(ONE, {"id": feedback["id"]}, role="auditor"))["feedback"] == {
        "submitterName": "Nguyễn Văn C",
        "submitterContact": "0912 000 000",
    }

    public_answer = (await gql(ANSWER, command("a-0", feedbackId=feedback["id"], answer="x")))[
        "answerFeedback"
    ]
    assert public_answer["__typename"] == "NotAllowed"
    early = (
        await gql(ANSWER, command("a-1", feedbackId=feedback["id"], answer="x"), role="reporter")
    )["answerFeedback"]
    assert early["rule"] == "FeedbackNotAcknowledged"
    await gql(ACK, command("k-1", feedbackId=feedback["id"]), role="reporter")
    answered = (
        await gql(
            ANSWER,
            command(
                "a-2",
                feedbackId=feedback["id"],
                answer="Đã thay bóng đèn",
                effectiveDate="2026-03-06",
            ),
            role="reporter",
        )
    )["answerFeedback"]
    assert (answered["feedback"]["status"], answered["feedback"]["responseDays"]) == (
        "ANSWERED",
        4,
    )

    followed = (await gql(FOLLOW, {"ref": reference.lower()}))["feedbackByReference"]
    assert followed == {
        "reference": reference,
        "status": "ANSWERED",
        "answer": "Đã thay bóng đèn",
        "answeredOn": "2026-03-06",
        "unit": {"code": "thon-1"},
    }
    assert (await gql(FOLLOW, {"ref": "GY-00000-00000"}))["feedbackByReference"] is None


async def test_a_reporter_answers_only_for_its_own_unit_and_waiting_is_measured(
    gql: GraphQLClient, villages: list[str]
) -> None:
    other = (await gql(SUBMIT, opinion("gy-2", villages[1], "2026-03-01")))["submitFeedback"]
    denied = (await gql(ACK, command("k-2", feedbackId=other["feedback"]["id"]), role="reporter"))[
        "acknowledgeFeedback"
    ]
    assert denied["__typename"] == "NotAllowed"
    mine = (await gql(SUBMIT, opinion("gy-3", villages[0], "2026-03-05")))["submitFeedback"]
    await gql(ACK, command("k-3", feedbackId=mine["feedback"]["id"]), role="office")
    await gql(
        ANSWER,
        command(
            "a-3", feedbackId=mine["feedback"]["id"], answer="Đã xử lý", effectiveDate="2026-03-08"
        ),
        role="office",
    )
    data = await gql(RESPONSE, {"on": "2026-03-11"})
    assert data["feedbackResponse"] == [
        {
            "unit": {"code": "thon-2"},
            "received": 1,
            "answered": 0,
            "waiting": 1,
            "averageResponseDays": None,
            "longestWaitDays": 10,
        },
        {
            "unit": {"code": "thon-1"},
            "received": 1,
            "answered": 1,
            "waiting": 0,
            "averageResponseDays": 3.0,
            "longestWaitDays": 0,
        },
    ]
    assert data["waitingFeedback"] == [
        {
            "waitingDays": 10,
            "feedback": {"reference": other["feedback"]["reference"], "unit": {"code": "thon-2"}},
        }
    ]
    unanswered = (
        await gql(CLOSE, command("c-1", feedbackId=other["feedback"]["id"]), role="office")
    )["closeFeedback"]
    assert unanswered["field"] == "reason"
    closed = (
        await gql(
            CLOSE,
            command(
                "c-2",
                feedbackId=other["feedback"]["id"],
                reason="Trùng phản ánh",
                effectiveDate="2026-03-10",
            ),
            role="office",
        )
    )["closeFeedback"]
    assert closed["feedback"]["status"] == "CLOSED"
    assert (await gql(RESPONSE, {"on": "2026-03-11"}))["waitingFeedback"] == []
    # Closed on the 10th: still waiting on the 9th.
    assert len((await gql(RESPONSE, {"on": "2026-03-09"}))["waitingFeedback"]) == 1


async def test_open_feedback_passes_to_the_unit_a_unit_merges_into(
    gql: GraphQLClient, ledger: Ledger, villages: list[str]
) -> None:
    submitted = (await gql(SUBMIT, opinion("gy-4", villages[1])))["submitFeedback"]
    ledger.merge_unit(
        request_as(OFFICE), unit_id=unit_id_for("thon-2"), into_unit_id=unit_id_for("thon-1")
    )
    moved = (
        await gql(
            ONE.replace("submitterName submitterContact", "unit { code } transferredFrom { code }"),
            {"id": submitted["feedback"]["id"]},
        )
    )["feedback"]
    assert moved == {"unit": {"code": "thon-1"}, "transferredFrom": {"code": "thon-2"}}


async def test_citizens_confirm_or_dispute_a_progress_report(
    gql: GraphQLClient, ledger: Ledger, villages: list[str]
) -> None:
    task = assign_task(ledger, "Lắp camera an ninh", area="III.4", due=date(2026, 9, 30)).id
    ledger.report_progress(
        request_as(OFFICE), task_id=task, percent=50, summary="Lắp 46/92", evidence=[]
    )
    wrong = (
        await gql(
            TESTIFY,
            command("t-0", taskId=str(task), reportVersion=1, stance="CONFIRM"),
        )
    )["giveTestimony"]
    assert wrong == {"__typename": "RuleBroken", "rule": "UnknownProgressReport"}
    given = (
        await gql(
            TESTIFY,
            command(
                "t-1",
                taskId=str(task),
                reportVersion=2,
                stance="DISPUTE",
                text="Ngõ 5 chưa có camera",
                submitterName="Lê Văn D",
            ),
        )
    )["giveTestimony"]
    assert given["testimony"] == {
        "stance": "DISPUTE",
        "text": "Ngõ 5 chưa có camera",
        "submitterName": None,
        "reportVersion": 2,
    }
    await gql(TESTIFY, command("t-2", taskId=str(task), reportVersion=2, stance="CONFIRM"))
    reports = (await gql(REPORTS, {"id": str(task)}))["task"]["progressHistory"]
    assert reports == [
        {
            "version": 2,
            "percent": 50,
            "confirmations": 1,
            "disputes": 1,
            "testimonies": [
                {"stance": "DISPUTE", "text": "Ngõ 5 chưa có camera"},
                {"stance": "CONFIRM", "text": ""},
            ],
        }
    ]


async def test_the_history_leaves_the_submitters_identity_out_unless_an_auditor_reads(
    gql: GraphQLClient, villages: list[str]
) -> None:
    await gql(SUBMIT, opinion("gy-9", villages[0]))
    query = '{ history(filter: {eventType: "FeedbackSubmitted"}) { nodes { data } } }'
    public = (await gql(query))["history"]["nodes"][0]["data"]
    assert public["topic"] == "Đèn đường"
    assert "submitter_name" not in public
    assert "submitter_contact" not in public
    audited = (await gql(query, role="auditor"))["history"]["nodes"][0]["data"]
    # Sealed in the event: the auditor's history opens it (the read recorded).
    assert audited["sealed_name"]["value"] == "Nguyễn Văn C"
    assert public["sealed_name"] == {"personal": "withheld"}


async def test_the_unit_board_shows_feedback_answered_and_waiting(
    gql: GraphQLClient, villages: list[str]
) -> None:
    answered = (await gql(SUBMIT, opinion("gy-10", villages[0], "2026-03-01")))["submitFeedback"]
    await gql(SUBMIT, opinion("gy-11", villages[0], "2026-03-03"))
    await gql(SUBMIT, opinion("gy-12", villages[1], "2026-03-03"))
    ident = answered["feedback"]["id"]
    await gql(ACK, command("k-10", feedbackId=ident), role="office")
    await gql(
        ANSWER,
        command("a-10", feedbackId=ident, answer="Đã sửa", effectiveDate="2026-03-04"),
        role="office",
    )
    query = """
    query($unit: ID!, $on: Date!) {
      board(unitId: $unit, on: $on) {
        feedbackTally { received answered waiting }
        waitingFeedback { topic submittedOn }
      }
    }
    """
    board = (await gql(query, {"unit": villages[0], "on": "2026-03-05"}))["board"]
    assert board == {
        "feedbackTally": {"received": 2, "answered": 1, "waiting": 1},
        "waitingFeedback": [{"topic": "Đèn đường", "submittedOn": "2026-03-03"}],
    }
    before = (await gql(query, {"unit": villages[0], "on": "2026-03-02"}))["board"]
    assert before["feedbackTally"] == {"received": 1, "answered": 0, "waiting": 1}
