"""Ratings over GraphQL: a member's rating is personal data; notes keep their wording."""

from __future__ import annotations

import pytest

from domain.application import Ledger
from tests.api.conftest import command, register_units
from tests.conftest import COMMITTEE, GraphQLClient, request_as

RESULT = """
    __typename
    ... on RatingChanged {
      rating { id subjectKind year level corrections memberName unit { code }
               notes { criterion note wording { version textVi } } }
    }
    ... on Failure { message }
    ... on RuleBroken { rule }
    ... on InvalidInput { field }
"""
RECORD = f"mutation($input: RecordRatingInput!) {{ recordRating(input: $input) {{ {RESULT} }} }}"
CORRECT = f"mutation($input: CorrectRatingInput!) {{ correctRating(input: $input) {{ {RESULT} }} }}"
LIST = """
query($year: Int) {
  ratings(year: $year) { subjectKind level memberName notes { criterion } }
  ratingTally(year: 2027) { subjectKind level count }
}
"""
ONE = "query($id: ID!) { rating(id: $id) { notes { note wording { version textVi } } } }"
NOTES = [{"criterion": f"person-{i}", "note": f"Tốt ({i})"} for i in range(1, 6)]


@pytest.fixture
def cell(ledger: Ledger) -> str:
    [cell] = register_units(ledger, "cb-1", kind="party_cell", name="Chi bộ {number}", adopt=True)
    return cell


async def test_members_and_cells_are_rated_and_a_members_rating_stays_private(
    gql: GraphQLClient, ledger: Ledger, cell: str
) -> None:
    member = command(
        "r-1",
        subjectKind="MEMBER",
        unitId=cell,
        memberName="Nguyễn Văn A",
        year=2027,
        level="GOOD",
        notes=NOTES,
    )
    denied = (await gql(RECORD, member, role="office"))["recordRating"]
    assert denied["__typename"] == "NotAllowed"
    recorded = (await gql(RECORD, member, role="inspector"))["recordRating"]
    assert recorded["__typename"] == "RatingChanged"
    # The inspector reads personal data; a reporter does not.
    assert recorded["rating"]["memberName"] == "Nguyễn Văn A"
    assert len(recorded["rating"]["notes"]) == 5
    missing = (
        await gql(
            RECORD,
            command(
                "r-2",
                subjectKind="MEMBER",
                unitId=cell,
                memberName="Trần B",
                year=2027,
                level="GOOD",
                notes=NOTES[:4],
            ),
            role="inspector",
        )
    )["recordRating"]
    assert missing["rule"] == "MissingCriterionNotes"
    organization = command(
        "r-3", subjectKind="ORGANIZATION", unitId=cell, year=2027, level="EXCELLENT"
    )
    await gql(RECORD, organization, role="inspector")
    twice = (
        await gql(
            RECORD,
            {**organization, "input": {**organization["input"], "idempotencyKey": "r-4"}},
            role="inspector",
        )
    )["recordRating"]
    assert twice["rule"] == "RatingAlreadyRecorded"

    public = await gql(LIST, {"year": 2027})
    assert public["ratings"] == [
        {"subjectKind": "MEMBER", "level": None, "memberName": None, "notes": []},
        {"subjectKind": "ORGANIZATION", "level": "EXCELLENT", "memberName": None, "notes": []},
    ]
    # A member's level is sealed: the public's tally counts organizations only.
    assert public["ratingTally"] == [
        {"subjectKind": "ORGANIZATION", "level": "EXCELLENT", "count": 1},
    ]
    office_tally = (await gql(LIST, {"year": 2027}, role="office"))["ratingTally"]
    assert office_tally == [
        {"subjectKind": "MEMBER", "level": "GOOD", "count": 1},
        {"subjectKind": "ORGANIZATION", "level": "EXCELLENT", "count": 1},
    ]
    reporter = (await gql(LIST, {"year": 2027}, role="reporter"))["ratings"]
    assert reporter == public["ratings"]
    office = (await gql(LIST, {"year": 2027}, role="office"))["ratings"]
    assert office[0]["memberName"] == "Nguyễn Văn A"
    assert len(office[0]["notes"]) == 5

    # The criteria are revised later; the notes keep the wording they were written against.
    ledger.revise_criterion(
        request_as(COMMITTEE), code="person-2", text_vi="Trung thực, nghĩa tình", text_en=""
    )
    rating_id = recorded["rating"]["id"]
    notes = (await gql(ONE, {"id": rating_id}, role="auditor"))["rating"]["notes"]
    assert notes[1]["wording"]["version"] == 1
    assert notes[1]["wording"]["textVi"].startswith("Trung thực, thẳng thắn")
    corrected = (
        await gql(
            CORRECT,
            command("c-1", ratingId=rating_id, level="EXCELLENT", notes=NOTES, reason="Phúc tra"),
            role="inspector",
        )
    )["correctRating"]
    assert (corrected["rating"]["level"], corrected["rating"]["corrections"]) == ("EXCELLENT", 1)
    notes = (await gql(ONE, {"id": rating_id}, role="office"))["rating"]["notes"]
    assert notes[1]["wording"] == {"version": 2, "textVi": "Trung thực, nghĩa tình"}
