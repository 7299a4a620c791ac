"""Administering webhook subscribers over GraphQL: admin only, typed failures, idempotency."""

from __future__ import annotations

import base64
import uuid
from typing import Any

from domain.application import Ledger
from tests.conftest import OFFICE, GraphQLClient, request_as

REGISTER = """
mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) {
    __typename
    ... on WebhookRegistered {
      secret
      webhook { id url types unitIds audience status position failures registeredBy }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
  }
}
"""

RESUME = """
mutation($input: WebhookInput!) {
  resumeWebhook(input: $input) {
    __typename
    ... on WebhookChanged { webhook { id status failures lastError } }
    ... on Failure { message }
    ... on RuleBroken { rule }
  }
}
"""

DISABLE = RESUME.replace("resumeWebhook", "disableWebhook")

WEBHOOKS = """
{ webhooks { id url status position attempts(last: 5) { position outcome } } }
"""

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()


def registration(key: str, **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "idempotencyKey": key,
            "url": "https://bao-cao.example/hooks/socai",
            "types": ["UnitRegistered", "vn.socai.task.TaskAssigned"],
            "secret": SECRET,
            **extra,
        }
    }


async def test_an_admin_registers_a_subscriber_from_the_head(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )
    result = (await gql(REGISTER, registration("w1"), role="admin"))["registerWebhook"]
    assert result["__typename"] == "WebhookRegistered"
    assert result["secret"] == SECRET
    hook = result["webhook"]
    assert hook["status"] == "ACTIVE"
    assert hook["position"] == 1  # only what is recorded from now on
    assert hook["types"] == ["UnitRegistered", "TaskAssigned"]
    assert hook["audience"] == "PUBLIC"
    again = (await gql(REGISTER, registration("w1"), role="admin"))["registerWebhook"]
    assert again["webhook"]["id"] == hook["id"]
    reused = await gql(REGISTER, registration("w1", url="https://khac.example/"), role="admin")
    assert reused["registerWebhook"]["__typename"] == "IdempotencyKeyReused"
    listed = (await gql(WEBHOOKS, role="admin"))["webhooks"]
    assert [w["id"] for w in listed] == [hook["id"]]
    assert listed[0]["attempts"] == []


async def test_a_secret_is_made_when_none_is_given(ledger: Ledger, gql: GraphQLClient) -> None:
    variables = registration("w2", secret=None, startAfter=0, audience="AUDITOR")
    result = (await gql(REGISTER, variables, role="admin"))["registerWebhook"]
    secret = result["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert result["webhook"]["position"] == 0
    assert result["webhook"]["audience"] == "AUDITOR"


async def test_only_an_admin_administers_and_sees_subscribers(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    for role in (None, "office", "auditor"):
        result = (await gql(REGISTER, registration(f"w-{role}"), role=role))["registerWebhook"]
        assert result["__typename"] == "NotAllowed"
    response = await gql.http.post("/graphql", json={"query": WEBHOOKS})
    assert response.json()["errors"][0]["message"] == "only an admin sees webhook subscribers"


async def test_bad_registrations_are_refused_and_record_nothing(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    for extra, field in (
        ({"url": "ftp://bao-cao.example/"}, "url"),
        ({"url": "https://user:pw@bao-cao.example/"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"types": ["TaskExploded"]}, "types"),
        ({"secret": "plain-secret"}, "secret"),
        ({"secret": "whsec_" + base64.b64encode(b"short").decode()}, "secret"),
        ({"unitIds": ["thon-1"]}, "unitIds"),
        ({"startAfter": -1}, "startAfter"),
    ):
        result = await gql(REGISTER, registration(f"bad-{field}", **extra), role="admin")
        assert result["registerWebhook"]["__typename"] == "InvalidInput", extra
        assert result["registerWebhook"]["field"] == field
    assert (await gql(WEBHOOKS, role="admin"))["webhooks"] == []


async def test_disable_and_resume_follow_their_rules(ledger: Ledger, gql: GraphQLClient) -> None:
    hook = (await gql(REGISTER, registration("w3"), role="admin"))["registerWebhook"]["webhook"]
    given = {"idempotencyKey": "r1", "webhookId": hook["id"]}
    active = (await gql(RESUME, {"input": given}, role="admin"))["resumeWebhook"]
    assert active["rule"] == "WebhookNotStopped"
    off = {"idempotencyKey": "d1", "webhookId": hook["id"], "reason": "Hệ thống nhận đã ngừng"}
    disabled = (await gql(DISABLE, {"input": off}, role="admin"))["disableWebhook"]
    assert disabled["webhook"]["status"] == "DISABLED"
    assert disabled["webhook"]["lastError"] == "Hệ thống nhận đã ngừng"
    twice = await gql(DISABLE, {"input": {**off, "idempotencyKey": "d2"}}, role="admin")
    assert twice["disableWebhook"]["rule"] == "WebhookAlreadyDisabled"
    resumed = await gql(RESUME, {"input": {**given, "idempotencyKey": "r2"}}, role="admin")
    assert resumed["resumeWebhook"]["webhook"] == {
        "id": hook["id"],
        "status": "ACTIVE",
        "failures": 0,
        "lastError": None,
    }
    missing = {"idempotencyKey": "r3", "webhookId": str(uuid.uuid4())}
    assert (await gql(RESUME, {"input": missing}, role="admin"))["resumeWebhook"][
        "__typename"
    ] == "NotFound"
    office = await gql(DISABLE, {"input": {**off, "idempotencyKey": "d3"}}, role="office")
    assert office["disableWebhook"]["__typename"] == "NotAllowed"
