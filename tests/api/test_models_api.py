"""Model candidacies and coverage over GraphQL through the real Starlette app."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Ledger
from domain.candidacy import candidacy_id_for
from domain.unit import unit_id_for
from tests.api.conftest import command, register_units
from tests.conftest import GraphQLClient

RESULT = """
    __typename
    ... on ModelCandidacyChanged {
      position
      candidacy {
        id state enrolledOn decisionNumber decisionDate validUntil revokedOn recognitions
        unit { code kind }
        modelType { code nameVi nameEn }
        lastAssessment { passed note assessedOn results { criterion met note } }
        inForce(on: "2027-01-01")
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""

ENROL = f"mutation($input: EnrolModelInput!) {{ enrolModel(input: $input) {{ {RESULT} }} }}"
ASSESS = f"mutation($input: AssessModelInput!) {{ assessModel(input: $input) {{ {RESULT} }} }}"
RECOGNIZE = (
    f"mutation($input: RecognizeModelInput!) {{ recognizeModel(input: $input) {{ {RESULT} }} }}"
)
REVOKE = (
    f"mutation($input: RevokeRecognitionInput!) "
    f"{{ revokeRecognition(input: $input) {{ {RESULT} }} }}"
)

COVERAGE = """
query($on: Date) {
  coverage(on: $on) {
    modelType { code nameVi } on target recognized ratio targetTextVi
  }
}
"""

CANDIDACIES = """
query($unitId: ID, $modelType: String, $state: CandidacyState, $first: Int!, $after: String) {
  candidacies(unitId: $unitId, modelType: $modelType, state: $state, first: $first, after: $after) {
    nodes { id state unit { code } modelType { code } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@pytest.fixture
def villages(ledger: Ledger) -> list[str]:
    day = date(2026, 1, 5)
    villages = register_units(
        ledger, "thon-1", "thon-2", "thon-3", name="{code}", effective_date=day, adopt=True
    )
    register_units(ledger, "truong-1", kind="school", name="{code}", effective_date=day)
    return villages


PASSING = [{"criterion": "commune-2", "met": True, "note": "Đền Mỗ"}]


async def recognized_village(gql: GraphQLClient, unit_id: str) -> str:
    enrolled = await gql(
        ENROL,
        command("e-" + unit_id, unitId=unit_id, modelType="model-cultural-village"),
        role="office",
    )
    candidacy: str = enrolled["enrolModel"]["candidacy"]["id"]
    await gql(
        ASSESS,
        command("a-" + unit_id, candidacyId=candidacy, results=PASSING, passed=True),
        role="inspector",
    )
    await gql(
        RECOGNIZE,
        command(
            "r-" + unit_id,
            candidacyId=candidacy,
            decisionNumber="12/QĐ-UBND",
            decisionDate="2026-06-01",
            validUntil="2028-05-31",
        ),
        role="committee",
    )
    return candidacy


async def test_a_village_is_enrolled_assessed_recognized_and_revoked(
    gql: GraphQLClient, villages: list[str]
) -> None:
    enrolled = (
        await gql(
            ENROL,
            command("k1", unitId=villages[0], modelType="model-cultural-village"),
            role="office",
        )
    )["enrolModel"]
    assert enrolled["__typename"] == "ModelCandidacyChanged"
    candidacy = enrolled["candidacy"]
    assert candidacy["id"] == str(candidacy_id_for(unit_id_for("thon-1"), "model-cultural-village"))
    assert candidacy["state"] == "ENROLLED"
    assert candidacy["unit"] == {"code": "thon-1", "kind": "VILLAGE"}
    assert candidacy["modelType"] == {
        "code": "model-cultural-village",
        "nameVi": "Thôn văn hóa kiểu mẫu",
        "nameEn": candidacy["modelType"]["nameEn"],
    }
    assert candidacy["lastAssessment"] is None
    assert candidacy["inForce"] is False

    assessed = (
        await gql(
            ASSESS,
            command(
                "k2",
                candidacyId=candidacy["id"],
                results=[*PASSING, {"criterion": "Nhà văn hóa", "met": False}],
                passed=True,
                note="đạt",
                effectiveDate="2026-05-20",
            ),
            role="inspector",
        )
    )["assessModel"]
    assert assessed["candidacy"]["state"] == "ASSESSED"
    assert assessed["candidacy"]["lastAssessment"] == {
        "passed": True,
        "note": "đạt",
        "assessedOn": "2026-05-20",
        "results": [*PASSING, {"criterion": "Nhà văn hóa", "met": False, "note": ""}],
    }

    recognize = command(
        "k3",
        candidacyId=candidacy["id"],
        decisionNumber="12/QĐ-UBND",
        decisionDate="2026-06-01",
        validUntil="2028-05-31",
    )
    recognized = (await gql(RECOGNIZE, recognize, role="committee"))["recognizeModel"]
    assert recognized["candidacy"]["state"] == "RECOGNIZED"
    assert recognized["candidacy"]["inForce"] is True
    assert recognized["candidacy"]["decisionDate"] == "2026-06-01"
    assert recognized["position"] > assessed["position"]
    again = (await gql(RECOGNIZE, recognize, role="committee"))["recognizeModel"]
    assert again["position"] == recognized["position"]

    revoked = (
        await gql(
            REVOKE,
            command("k4", candidacyId=candidacy["id"], reason="vi phạm", decisionNumber="30/QĐ"),
            role="committee",
        )
    )["revokeRecognition"]
    assert revoked["candidacy"]["state"] == "REVOKED"
    assert revoked["candidacy"]["inForce"] is False
    assert revoked["candidacy"]["revokedOn"] is not None


async def test_failures_come_back_typed(gql: GraphQLClient, villages: list[str]) -> None:
    school = str(unit_id_for("truong-1"))
    refused = await gql(
        ENROL, command("k1", unitId=school, modelType="model-cultural-village"), role="office"
    )
    assert refused["enrolModel"]["__typename"] == "RuleBroken"
    assert refused["enrolModel"]["rule"] == "UnitKindNotEligible"
    public = await gql(ENROL, command("k2", unitId=villages[0], modelType="culture-club"))
    assert public["enrolModel"]["__typename"] == "NotAllowed"
    bad_id = await gql(
        ENROL, command("k3", unitId="not-a-uuid", modelType="culture-club"), role="office"
    )
    assert bad_id["enrolModel"]["__typename"] == "InvalidInput"
    assert bad_id["enrolModel"]["field"] == "unitId"
    unknown = await gql(ENROL, command("k4", unitId=villages[0], modelType="x"), role="office")
    assert unknown["enrolModel"]["rule"] == "UnknownProgramItem"

    enrolled = await gql(
        ENROL, command("k5", unitId=villages[0], modelType="culture-club"), role="office"
    )
    candidacy = enrolled["enrolModel"]["candidacy"]["id"]
    repeat = await gql(
        ENROL, command("k6", unitId=villages[0], modelType="culture-club"), role="office"
    )
    assert repeat["enrolModel"]["rule"] == "ModelAlreadyEnrolled"
    early = await gql(
        RECOGNIZE,
        command(
            "k7",
            candidacyId=candidacy,
            decisionNumber="1",
            decisionDate="2026-06-01",
            validUntil="2027-06-01",
        ),
        role="committee",
    )
    assert early["recognizeModel"]["rule"] == "NotAssessed"
    empty = await gql(
        ASSESS, command("k8", candidacyId=candidacy, results=[], passed=True), role="inspector"
    )
    assert empty["assessModel"]["__typename"] == "InvalidInput"
    assert empty["assessModel"]["field"] == "results"
    not_recognized = await gql(
        REVOKE, command("k9", candidacyId=candidacy, reason="x"), role="committee"
    )
    assert not_recognized["revokeRecognition"]["rule"] == "NotRecognized"
    reporter = await gql(
        ASSESS,
        command("k10", candidacyId=candidacy, results=PASSING, passed=True),
        role="reporter",
    )
    assert reporter["assessModel"]["__typename"] == "NotAllowed"


async def test_coverage_counts_recognized_villages_against_the_villages(
    gql: GraphQLClient, villages: list[str]
) -> None:
    await recognized_village(gql, villages[0])
    found = {
        c["modelType"]["code"]: c for c in (await gql(COVERAGE, {"on": "2027-01-01"}))["coverage"]
    }
    village_model = found["model-cultural-village"]
    assert (village_model["recognized"], village_model["target"]) == (1, 3)
    assert village_model["ratio"] == pytest.approx(1 / 3)
    assert village_model["on"] == "2027-01-01"
    assert village_model["targetTextVi"]
    assert (found["socialist-school"]["target"], found["socialist-school"]["recognized"]) == (1, 0)
    later = {
        c["modelType"]["code"]: c for c in (await gql(COVERAGE, {"on": "2028-06-01"}))["coverage"]
    }
    assert later["model-cultural-village"]["recognized"] == 0
    today = (await gql(COVERAGE))["coverage"]
    assert len(today) == 5


async def test_candidacies_are_listed_filtered_and_paged(
    gql: GraphQLClient, villages: list[str]
) -> None:
    for i, unit_id in enumerate(villages):
        await gql(ENROL, command(f"c{i}", unitId=unit_id, modelType="culture-club"), role="office")
    await recognized_village(gql, villages[1])
    first = (await gql(CANDIDACIES, {"first": 2}))["candidacies"]
    assert len(first["nodes"]) == 2
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await gql(CANDIDACIES, {"first": 10, "after": first["pageInfo"]["endCursor"]}))[
        "candidacies"
    ]
    assert len(rest["nodes"]) == 2
    assert rest["pageInfo"]["hasNextPage"] is False
    recognized = (await gql(CANDIDACIES, {"first": 10, "state": "RECOGNIZED"}))["candidacies"]
    assert [n["unit"]["code"] for n in recognized["nodes"]] == ["thon-2"]
    of_unit = (await gql(CANDIDACIES, {"first": 10, "unitId": villages[1]}))["candidacies"]
    assert sorted(n["modelType"]["code"] for n in of_unit["nodes"]) == [
        "culture-club",
        "model-cultural-village",
    ]
    clubs = (await gql(CANDIDACIES, {"first": 10, "modelType": "culture-club"}))["candidacies"]
    assert len(clubs["nodes"]) == 3
    one = await gql(
        "query($id: ID!) { candidacy(id: $id) { state unit { code } } }",
        {"id": recognized["nodes"][0]["id"]},
    )
    assert one["candidacy"] == {"state": "RECOGNIZED", "unit": {"code": "thon-2"}}
    missing = await gql('query { candidacy(id: "nope") { id } }')
    assert missing["candidacy"] is None
