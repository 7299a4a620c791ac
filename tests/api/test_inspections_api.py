"""Inspections, findings and discipline over GraphQL through the real Starlette app."""

from __future__ import annotations

import pytest

from domain.application import Ledger
from tests.api.conftest import command, mutation, register_units
from tests.conftest import GraphQLClient

RESULT = """
    __typename
    ... on InspectionChanged {
      position
      inspection {
        id kind title status startsOn endsOn conductedOn summary closedOn conclusion
        units { code }
        findings {
          number kind text unit { code }
          shortcoming { id severity source status }
          commendation { id form status proposedBy unit { code } }
        }
      }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""


PLAN = mutation("planInspection", "PlanInspectionInput", RESULT)
CONDUCT = mutation("conductInspection", "ConductInspectionInput", RESULT)
FINDING = mutation("recordFinding", "RecordFindingInput", RESULT)
COMMEND = mutation("commendFromInspection", "CommendFromInspectionInput", RESULT)
CLOSE = mutation("closeInspection", "CloseInspectionInput", RESULT)
SHORTCOMING = """
    __typename
    ... on ShortcomingChanged {
      shortcoming { disciplines { number subjectKind subjectName proposedForm outcome form
                                  decisionNumber decisionDate } }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""
PROPOSE = mutation("proposeDiscipline", "ProposeDisciplineInput", SHORTCOMING)
DECIDE = mutation("decideDiscipline", "DecideDisciplineInput", SHORTCOMING)
DISCIPLINES = """
query($id: ID!) { shortcoming(id: $id) { disciplines { subjectKind subjectName } } }
"""
LIST = """
query($unitId: ID, $status: InspectionStatus) {
  inspections(unitId: $unitId, status: $status) { nodes { title status } }
}
"""


@pytest.fixture
def cells(ledger: Ledger) -> list[str]:
    return register_units(ledger, "cb-1", "cb-2", kind="party_cell", name="Chi bộ {code}")


async def test_an_inspection_is_planned_conducted_finds_and_closes(
    gql: GraphQLClient, cells: list[str]
) -> None:
    plan = command(
        "plan-1",
        kind="INSPECTION",
        title="Kiểm tra sinh hoạt chi bộ",
        scope="Sinh hoạt định kỳ",
        unitIds=[cells[0]],
        startsOn="2026-07-01",
        endsOn="2026-07-31",
    )
    denied = (await gql(PLAN, plan, role="office"))["planInspection"]
    assert denied["__typename"] == "NotAllowed"
    planned = (await gql(PLAN, plan, role="inspector"))["planInspection"]
    assert planned["__typename"] == "InspectionChanged"
    inspection = planned["inspection"]
    assert (inspection["status"], inspection["units"]) == ("PLANNED", [{"code": "cb-1"}])
    ident = inspection["id"]

    early = (
        await gql(
            FINDING,
            command("f-0", inspectionId=ident, unitId=cells[0], kind="GOOD_PRACTICE", text="x"),
            role="inspector",
        )
    )["recordFinding"]
    assert early["rule"] == "InspectionNotConducted"
    await gql(
        CONDUCT,
        command("c-1", inspectionId=ident, conductedOn="2026-07-20", summary="Đã kiểm tra"),
        role="inspector",
    )
    other = (
        await gql(
            FINDING,
            command("f-1", inspectionId=ident, unitId=cells[1], kind="GOOD_PRACTICE", text="x"),
            role="inspector",
        )
    )["recordFinding"]
    assert other["rule"] == "UnitNotInspected"
    flagged = (
        await gql(
            FINDING,
            command(
                "f-2",
                inspectionId=ident,
                unitId=cells[0],
                kind="SHORTCOMING",
                text="Biên bản chưa đầy đủ",
                severity="MINOR",
            ),
            role="inspector",
        )
    )["recordFinding"]
    finding = flagged["inspection"]["findings"][0]
    assert finding["shortcoming"]["severity"] == "MINOR"
    assert finding["shortcoming"]["source"] == "Kiểm tra: Kiểm tra sinh hoạt chi bộ"
    assert finding["shortcoming"]["status"] == "OPEN"
    shortcoming_id = finding["shortcoming"]["id"]

    await gql(
        FINDING,
        command(
            "f-3",
            inspectionId=ident,
            unitId=cells[0],
            kind="GOOD_PRACTICE",
            text="Sinh hoạt chuyên đề sáng tạo",
        ),
        role="inspector",
    )
    commended = (
        await gql(
            COMMEND,
            command("cm-1", inspectionId=ident, findingNumber=2, form="Giấy khen"),
            role="inspector",
        )
    )["commendFromInspection"]
    commendation = commended["inspection"]["findings"][1]["commendation"]
    assert (commendation["status"], commendation["unit"], commendation["proposedBy"]) == (
        "PROPOSED",
        {"code": "cb-1"},
        "Ủy ban Kiểm tra",
    )
    closed = (
        await gql(CLOSE, command("cl-1", inspectionId=ident, conclusion="Đạt"), role="inspector")
    )["closeInspection"]
    assert (closed["inspection"]["status"], closed["inspection"]["conclusion"]) == (
        "CLOSED",
        "Đạt",
    )
    listed = (await gql(LIST, {"unitId": cells[0], "status": "CLOSED"}))["inspections"]["nodes"]
    assert listed == [{"title": "Kiểm tra sinh hoạt chi bộ", "status": "CLOSED"}]
    assert (await gql(LIST, {"unitId": cells[1]}))["inspections"]["nodes"] == []

    # Discipline: proposed by an inspector, decided by the committee; the member's name is
    # personal data, shown to its readers (the inspector among them), never to the public or a
    # reporter.
    proposed = (
        await gql(
            PROPOSE,
            command(
                "d-1",
                shortcomingId=shortcoming_id,
                subjectKind="MEMBER",
                subjectName="Nguyễn Văn A",
                form="REPRIMAND",
                grounds="Không ghi biên bản",
            ),
            role="inspector",
        )
    )["proposeDiscipline"]
    assert proposed["shortcoming"]["disciplines"][0]["subjectName"] == "Nguyễn Văn A"
    not_yours = (
        await gql(
            DECIDE,
            command(
                "dd-0",
                shortcomingId=shortcoming_id,
                number=1,
                outcome="IMPOSED",
                form="REPRIMAND",
                decisionNumber="15-QĐ/UBKT",
                decisionDate="2026-09-01",
            ),
            role="inspector",
        )
    )["decideDiscipline"]
    assert not_yours["__typename"] == "NotAllowed"
    decided = (
        await gql(
            DECIDE,
            command(
                "dd-1",
                shortcomingId=shortcoming_id,
                number=1,
                outcome="IMPOSED",
                form="REPRIMAND",
                decisionNumber="15-QĐ/UBKT",
                decisionDate="2026-09-01",
            ),
            role="committee",
        )
    )["decideDiscipline"]
    assert decided["shortcoming"]["disciplines"][0]["outcome"] == "IMPOSED"
    for role, name in [
        (None, None),
        ("reporter", None),
        ("office", "Nguyễn Văn A"),
        ("auditor", "Nguyễn Văn A"),
    ]:
        seen = (await gql(DISCIPLINES, {"id": shortcoming_id}, role=role))["shortcoming"]
        assert seen["disciplines"] == [{"subjectKind": "MEMBER", "subjectName": name}]
