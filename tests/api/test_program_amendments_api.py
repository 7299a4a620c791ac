"""Amendments to the program over GraphQL: revised and retired criteria, revised targets, new
model types; a judgement made before an amendment keeps the wording it was made against."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Ledger
from domain.candidacy import candidacy_id_for
from domain.unit import unit_id_for
from tests.api.conftest import command, mutation, register_units
from tests.conftest import OFFICE, GraphQLClient, request_as

RESULT = """
    __typename
    ... on ProgramAmended {
      position
      program {
        communeCriteria { code version status textVi revisedOn retiredOn }
        personCriteria { code number textVi }
        modelTypes { code number nameVi unitKinds targetKind targetCount targetTextVi }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""


REVISE = mutation("reviseCriterion", "ReviseCriterionInput", RESULT)
RETIRE = mutation("retireCriterion", "RetireCriterionInput", RESULT)
ADD_CRITERION = mutation("addCriterion", "AddCriterionInput", RESULT)
TARGET = mutation("reviseTarget", "ReviseTargetInput", RESULT)
ADD_MODEL = mutation("addModelType", "AddModelTypeInput", RESULT)

CANDIDACY = """
query($id: ID!) {
  candidacy(id: $id) {
    lastAssessment { results { criterion met wording { code version textVi status } } }
  }
}
"""
VERSIONS = """
query($code: String!) {
  criterionVersions(code: $code) { fromPosition toPosition criterion { version textVi status } }
}
"""
COVERAGE = '{ coverage(on: "2029-01-01") { modelType { code } target recognized } }'


@pytest.fixture
def village(ledger: Ledger) -> str:
    [village] = register_units(
        ledger, "thon-1", name="Thôn Đông", effective_date=date(2026, 1, 5), adopt=True
    )
    return village


async def test_an_assessment_keeps_the_wording_it_was_judged_against(
    gql: GraphQLClient, ledger: Ledger, village: str
) -> None:
    ledger.enrol_model(request_as(OFFICE), unit_id=unit_id_for("thon-1"), model_type="culture-club")
    candidacy = candidacy_id_for(unit_id_for("thon-1"), "culture-club")
    ledger.assess_model(
        request_as(OFFICE),
        candidacy_id=candidacy,
        results=[
            {"criterion": "commune-2", "met": True, "note": ""},
            {"criterion": "Có nhà văn hóa", "met": True, "note": ""},
        ],
        passed=True,
    )
    revised = (
        await gql(
            REVISE,
            command("rev-1", code="commune-2", textVi="Di sản được bảo tồn", reason="NQ 2028"),
            role="committee",
        )
    )["reviseCriterion"]
    assert revised["__typename"] == "ProgramAmended"
    second = revised["program"]["communeCriteria"][1]
    assert (second["code"], second["version"], second["textVi"]) == (
        "commune-2",
        2,
        "Di sản được bảo tồn",
    )
    assert second["revisedOn"] is not None

    retired = (
        await gql(
            RETIRE, command("ret-1", code="commune-2", reason="Gộp vào (3)"), role="committee"
        )
    )["retireCriterion"]
    assert retired["program"]["communeCriteria"][1]["status"] == "RETIRED"

    results = (await gql(CANDIDACY, {"id": str(candidacy)}))["candidacy"]["lastAssessment"][
        "results"
    ]
    assert results[0]["wording"] == {
        "code": "commune-2",
        "version": 1,
        "textVi": "Văn hóa - lịch sử được bảo tồn và phát huy.",
        "status": "IN_FORCE",
    }
    assert results[1]["wording"] is None  # the model's own criterion, in free text

    versions = (await gql(VERSIONS, {"code": "commune-2"}))["criterionVersions"]
    assert [(v["criterion"]["version"], v["criterion"]["status"]) for v in versions] == [
        (1, "IN_FORCE"),
        (2, "IN_FORCE"),
        (2, "RETIRED"),
    ]
    assert versions[0]["toPosition"] == versions[1]["fromPosition"]
    assert versions[-1]["toPosition"] is None
    before = await gql(
        'query($p: Int!) { criterionVersions(code: "commune-2", asOf: {position: $p}) '
        "{ fromPosition toPosition criterion { version } } }",
        {"p": versions[1]["fromPosition"] - 1},
    )
    assert before["criterionVersions"] == [
        {
            "fromPosition": versions[0]["fromPosition"],
            "toPosition": None,
            "criterion": {"version": 1},
        }
    ]

    # A retired criterion can no longer be judged.
    refused = (
        await gql(
            """mutation($input: AssessModelInput!) {
                 assessModel(input: $input) { __typename ... on RuleBroken { rule } } }""",
            command(
                "as-2",
                candidacyId=str(candidacy),
                results=[{"criterion": "commune-2", "met": True}],
                passed=True,
            ),
            role="inspector",
        )
    )["assessModel"]
    assert refused == {"__typename": "RuleBroken", "rule": "CriterionNotInForce"}


async def test_only_the_committee_amends_and_bad_amendments_record_nothing(
    gql: GraphQLClient, village: str
) -> None:
    denied = (await gql(REVISE, command("k", code="commune-1", textVi="x"), role="office"))[
        "reviseCriterion"
    ]
    assert denied["__typename"] == "NotAllowed"
    unchanged = (
        await gql(
            REVISE,
            command(
                "k2",
                code="commune-1",
                textVi="Dân giàu, xã vững mạnh, dân chủ, công bằng, văn minh.",
                textEn="Prosperous people; a strong, democratic, equitable, civilized commune.",
            ),
            role="committee",
        )
    )["reviseCriterion"]
    assert unchanged["rule"] == "CriterionUnchanged"
    no_reason = (await gql(RETIRE, command("k3", code="commune-1"), role="committee"))[
        "retireCriterion"
    ]
    assert no_reason["field"] == "reason"
    added = (
        await gql(
            ADD_CRITERION,
            command("k4", group="PERSON", textVi="Sống xanh, tiết kiệm"),
            role="committee",
        )
    )["addCriterion"]
    assert added["program"]["personCriteria"][-1] == {
        "code": "person-6",
        "number": 6,
        "textVi": "Sống xanh, tiết kiệm",
    }


async def test_new_models_and_revised_targets_reach_coverage(
    gql: GraphQLClient, ledger: Ledger, village: str
) -> None:
    added = (
        await gql(
            ADD_MODEL,
            command(
                "m-1",
                code="khu-dan-cu-an-toan",
                nameVi="Khu dân cư an toàn",
                unitKinds=["VILLAGE"],
                targetKind="ALL_UNITS_OF_KIND",
                targetTextVi="100% thôn đạt Khu dân cư an toàn",
                reason="III.4",
            ),
            role="committee",
        )
    )["addModelType"]
    model = added["program"]["modelTypes"][-1]
    assert (model["code"], model["number"], model["unitKinds"]) == (
        "khu-dan-cu-an-toan",
        6,
        ["village"],
    )
    again = (
        await gql(
            ADD_MODEL,
            command(
                "m-2",
                code="khu-dan-cu-an-toan",
                nameVi="Khu dân cư an toàn",
                unitKinds=["VILLAGE"],
                targetKind="ALL_UNITS_OF_KIND",
                targetTextVi="x",
            ),
            role="committee",
        )
    )["addModelType"]
    assert again["rule"] == "ProgramItemExists"

    # The new model can be built at once.
    done = ledger.enrol_model(
        request_as(OFFICE), unit_id=unit_id_for("thon-1"), model_type="khu-dan-cu-an-toan"
    )
    assert done.id == candidacy_id_for(unit_id_for("thon-1"), "khu-dan-cu-an-toan")

    before = {c["modelType"]["code"]: c["target"] for c in (await gql(COVERAGE))["coverage"]}
    assert (before["green-business"], before["khu-dan-cu-an-toan"]) == (5, 1)
    revised = (
        await gql(
            TARGET,
            command(
                "t-1",
                modelType="green-business",
                targetKind="COUNT",
                targetCount=8,
                targetTextVi="08 Cơ sở",
            ),
            role="committee",
        )
    )["reviseTarget"]
    position = revised["position"]
    after = {c["modelType"]["code"]: c["target"] for c in (await gql(COVERAGE))["coverage"]}
    assert after["green-business"] == 8
    earlier = await gql(
        'query($p: Int!) { coverage(on: "2029-01-01", asOf: {position: $p}) '
        "{ modelType { code } target } }",
        {"p": position - 1},
    )
    assert {c["modelType"]["code"]: c["target"] for c in earlier["coverage"]}["green-business"] == 5
