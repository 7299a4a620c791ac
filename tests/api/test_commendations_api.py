"""Commendations over GraphQL through the real Starlette app."""

from __future__ import annotations

from typing import Any

from domain.unit import unit_id_for
from tests.conftest import GraphQLClient

RESULT = """
    __typename
    ... on CommendationChanged {
      position
      commendation {
        id recipientKind recipientName form achievement proposedBy proposedOn status
        decisionNumber decisionDate issuedBy revokedOn revocationDecisionNumber
        unit { code name }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
    ... on NotFound { kind }
"""
PROPOSE = f"""
mutation($input: ProposeCommendationInput!) {{ proposeCommendation(input: $input) {{ {RESULT} }} }}
"""
ISSUE = f"""
mutation($input: IssueCommendationInput!) {{ issueCommendation(input: $input) {{ {RESULT} }} }}
"""
REVOKE = f"""
mutation($input: RevokeCommendationInput!) {{ revokeCommendation(input: $input) {{ {RESULT} }} }}
"""
REGISTER = """
mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { __typename } }
"""
ONE = """
query($id: ID!) { commendation(id: $id) { id status recipientName unit { code } } }
"""
LIST = """
query($unitId: ID, $status: CommendationStatus, $kind: CommendationRecipientKind,
      $first: Int!, $after: String) {
  commendations(unitId: $unitId, status: $status, recipientKind: $kind, first: $first,
                after: $after) {
    nodes { recipientName status recipientKind }
    pageInfo { hasNextPage endCursor }
  }
}
"""

THON_1, THON_2 = str(unit_id_for("thon-1")), str(unit_id_for("thon-2"))


async def villages(gql: GraphQLClient) -> None:
    for code in ("thon-1", "thon-2"):
        await gql(
            REGISTER,
            {"input": {"idempotencyKey": code, "code": code, "kind": "VILLAGE", "name": code}},
            role="office",
        )


def proposal(key: str, **extra: object) -> dict[str, object]:
    return {
        "idempotencyKey": key,
        "recipientKind": "PERSON",
        "recipientUnitId": THON_1,
        "recipientName": "Nguyễn Văn A",
        "form": "giấy khen",
        "achievement": "Người tốt, việc tốt",
        **extra,
    }


def decision(commendation_id: str, key: str) -> dict[str, object]:
    return {
        "idempotencyKey": key,
        "commendationId": commendation_id,
        "decisionNumber": "12/QĐ-UBND",
        "decisionDate": "2026-05-01",
        "issuedBy": "UBND xã",
    }


async def propose(gql: GraphQLClient, role: str, **extra: object) -> dict[str, Any]:
    data = await gql(PROPOSE, {"input": proposal(f"p-{role}-{extra}", **extra)}, role=role)
    return data["proposeCommendation"]  # type: ignore[no-any-return]


async def test_a_commendation_goes_from_proposal_to_revocation(gql: GraphQLClient) -> None:
    await villages(gql)
    proposed = await propose(gql, "office", proposedBy="IV.3.2", effectiveDate="2026-04-02")
    assert proposed["__typename"] == "CommendationChanged"
    commendation = proposed["commendation"]
    assert commendation["recipientKind"] == "PERSON"
    assert commendation["status"] == "PROPOSED"
    assert commendation["proposedOn"] == "2026-04-02"
    assert commendation["unit"] == {"code": "thon-1", "name": "thon-1"}
    assert commendation["proposedBy"] == "IV.3.2"
    issued = (await gql(ISSUE, {"input": decision(commendation["id"], "i1")}, role="committee"))[
        "issueCommendation"
    ]
    assert issued["__typename"] == "CommendationChanged"
    assert issued["position"] > proposed["position"]
    assert issued["commendation"]["status"] == "ISSUED"
    assert issued["commendation"]["decisionDate"] == "2026-05-01"
    assert issued["commendation"]["issuedBy"] == "UBND xã"
    revoke = {
        "idempotencyKey": "r1",
        "commendationId": commendation["id"],
        "decisionNumber": "3/QĐ-UBND",
        "reason": "hồ sơ không trung thực",
        "effectiveDate": "2026-06-01",
    }
    revoked = (await gql(REVOKE, {"input": revoke}, role="committee"))["revokeCommendation"]
    assert revoked["commendation"]["status"] == "REVOKED"
    assert revoked["commendation"]["revokedOn"] == "2026-06-01"
    assert revoked["commendation"]["revocationDecisionNumber"] == "3/QĐ-UBND"
    one = await gql(ONE, {"id": commendation["id"]}, role="auditor")
    assert one["commendation"] == {
        "id": commendation["id"],
        "status": "REVOKED",
        "recipientName": "Nguyễn Văn A",
        "unit": {"code": "thon-1"},
    }
    public = await gql(ONE, {"id": commendation["id"]})
    assert public["commendation"]["recipientName"] is None


async def test_a_unit_recipient_is_named_after_its_unit(gql: GraphQLClient) -> None:
    await villages(gql)
    result = await propose(gql, "inspector", recipientKind="UNIT", recipientName=None)
    assert result["__typename"] == "CommendationChanged"
    assert result["commendation"]["recipientName"] == "thon-1"


async def test_the_reporter_proposes_for_its_own_unit_only(gql: GraphQLClient) -> None:
    await villages(gql)
    own = await propose(gql, "reporter")
    assert own["__typename"] == "CommendationChanged"
    other = await propose(gql, "reporter", recipientUnitId=THON_2)
    assert other["__typename"] == "NotAllowed"
    nowhere = await propose(gql, "reporter", recipientUnitId=None)
    assert nowhere["__typename"] == "NotAllowed"
    issue = await gql(ISSUE, {"input": decision(own["commendation"]["id"], "i1")}, role="reporter")
    assert issue["issueCommendation"]["__typename"] == "NotAllowed"


async def test_failures_come_back_typed(gql: GraphQLClient) -> None:
    await villages(gql)
    auditor = await propose(gql, "auditor")
    assert auditor["__typename"] == "NotAllowed"
    bad_id = await propose(gql, "office", recipientUnitId="not-a-uuid")
    assert (bad_id["__typename"], bad_id["field"]) == ("InvalidInput", "recipientUnitId")
    no_name = await propose(gql, "office", recipientKind="FAMILY", recipientName=" ")
    assert (no_name["__typename"], no_name["field"]) == ("InvalidInput", "recipientName")
    no_unit = await propose(gql, "office", recipientUnitId=str(unit_id_for("nowhere")))
    assert (no_unit["__typename"], no_unit["kind"]) == ("NotFound", "unit")
    ok = await propose(gql, "office")
    commendation_id = ok["commendation"]["id"]
    early = await gql(
        REVOKE,
        {"input": {"idempotencyKey": "r0", "commendationId": commendation_id, "reason": "x"}},
        role="committee",
    )
    assert early["revokeCommendation"]["rule"] == "CommendationNotIssued"
    outside = {**decision(commendation_id, "i0"), "decisionDate": "2031-01-01"}
    late = (await gql(ISSUE, {"input": outside}, role="committee"))["issueCommendation"]
    assert (late["__typename"], late["rule"]) == ("RuleBroken", "DateOutsideProgram")
    await gql(ISSUE, {"input": decision(commendation_id, "i1")}, role="committee")
    twice = (await gql(ISSUE, {"input": decision(commendation_id, "i2")}, role="committee"))[
        "issueCommendation"
    ]
    assert (twice["__typename"], twice["rule"]) == ("RuleBroken", "CommendationAlreadyIssued")
    no_reason = await gql(
        REVOKE,
        {"input": {"idempotencyKey": "r1", "commendationId": commendation_id}},
        role="committee",
    )
    assert no_reason["revokeCommendation"]["field"] == "reason"
    garbled = (await gql(ISSUE, {"input": decision("x", "i3")}, role="committee"))[
        "issueCommendation"
    ]
    assert (garbled["__typename"], garbled["field"]) == ("InvalidInput", "commendationId")


async def test_lists_filter_and_follow_cursors(gql: GraphQLClient) -> None:
    await villages(gql)
    for i in range(3):
        await propose(gql, "office", recipientName=f"Người {i}")
    family = await propose(
        gql, "office", recipientKind="FAMILY", recipientName="Gia đình B", recipientUnitId=THON_2
    )
    await gql(ISSUE, {"input": decision(family["commendation"]["id"], "i1")}, role="committee")
    first = (await gql(LIST, {"first": 2}, role="auditor"))["commendations"]
    assert [n["recipientName"] for n in first["nodes"]] == ["Người 0", "Người 1"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await gql(LIST, {"first": 5, "after": first["pageInfo"]["endCursor"]}, role="auditor"))[
        "commendations"
    ]
    assert [n["recipientName"] for n in rest["nodes"]] == ["Người 2", "Gia đình B"]
    assert rest["pageInfo"]["hasNextPage"] is False
    of_thon_2 = (await gql(LIST, {"first": 5, "unitId": THON_2}, role="office"))["commendations"][
        "nodes"
    ]
    assert of_thon_2 == [
        {"recipientName": "Gia đình B", "status": "ISSUED", "recipientKind": "FAMILY"}
    ]
    issued = (await gql(LIST, {"first": 5, "status": "ISSUED"}, role="committee"))["commendations"][
        "nodes"
    ]
    persons = (await gql(LIST, {"first": 5, "kind": "PERSON"}))["commendations"]["nodes"]
    assert [n["recipientName"] for n in issued] == ["Gia đình B"]
    assert len(persons) == 3
