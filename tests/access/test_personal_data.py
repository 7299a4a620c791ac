"""Personal data: sealed before it enters an event, shown only to those who may read it (each
read recorded), never to the public, and erased for good by deleting the person's key."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from cli import main
from domain.application import Ledger
from domain.authority import PUBLIC, SYSTEM
from domain.feedback import reference_for
from domain.keyring import keys_for
from domain.personal import PersonAlreadyForgotten, person_id_for
from domain.unit import unit_id_for
from tests.access.queries import every_query
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, TOKENS, GraphQLClient, request_as

MARKERS = ("ZZMARKER-Nguyễn-Văn-Riêng", "ZZMARKER-Gia-đình-Bí-Mật")
# The program's personal fields (a feedback giver, a witness, a disciplined or rated member, the
# rating's notes, a contributing citizen, a member's grounds for discipline and the decision's
# number): sealed in the log like commendation names.
PLAIN_MARKERS = (
    "ZZPLAIN-Người-Góp-Ý",
    "ZZPLAIN-Số-Điện-Thoại",
    "ZZPLAIN-Người-Làm-Chứng",
    "ZZPLAIN-Đảng-Viên-Bị-Kỷ-Luật",
    "ZZPLAIN-Đảng-Viên-Được-Xếp-Loại",
    "ZZPLAIN-Nhận-Xét-Đảng-Viên",
    "ZZPLAIN-Người-Đóng-Góp",
    "ZZPLAIN-Lý-Do-Kỷ-Luật",
    "ZZPLAIN-Quyết-Định-Kỷ-Luật",
)
THON_1 = str(unit_id_for("thon-1"))
PROPOSE = """
mutation($input: ProposeCommendationInput!) {
  proposeCommendation(input: $input) {
    __typename
    ... on CommendationChanged { position commendation { id recipientPersonId } }
    ... on Failure { message }
    ... on RuleBroken { rule }
  }
}
"""
ONE = """
query($id: ID!) {
  commendation(id: $id) { recipientName recipientNameState recipientPersonId }
}
"""
HISTORY = """
query($type: String) {
  history(filter: {eventType: $type}, first: 200) {
    nodes { position eventType actorId actorRole data summary }
  }
}
"""


def world(ledger: Ledger) -> None:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )


async def propose(
    gql: GraphQLClient, key: str, name: str, kind: str = "PERSON", **extra: Any
) -> dict[str, Any]:
    given = {
        "idempotencyKey": key,
        "recipientKind": kind,
        "recipientUnitId": THON_1,
        "recipientName": name,
        "form": "giấy khen",
        "achievement": "Người tốt, việc tốt",
        **extra,
    }
    return (await gql(PROPOSE, {"input": given}, role="office"))["proposeCommendation"]  # type: ignore[no-any-return]


async def planted(ledger: Ledger, gql: GraphQLClient) -> dict[str, str]:
    """Commendations with marker names, and the ids every query needs."""
    world(ledger)
    person = await propose(gql, "p-1", MARKERS[0])
    await propose(gql, "p-2", MARKERS[1], kind="FAMILY")
    await gql(
        "mutation($i: IssueCommendationInput!) { issueCommendation(input: $i) { __typename } }",
        {
            "i": {
                "idempotencyKey": "i-1",
                "commendationId": person["commendation"]["id"],
                "decisionNumber": "12/QĐ-UBND",
                "decisionDate": "2026-05-01",
                "issuedBy": "UBND xã",
            }
        },
        role="committee",
    )
    task = ledger.assign_task(
        request_as(OFFICE),
        title="Camera",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=unit_id_for("thon-1"),
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )
    return {
        "unit": THON_1,
        "board": THON_1,
        "task": str(task.id),
        "candidacy": THON_1,
        "commendation": person["commendation"]["id"],
        **planted_in_plaintext(ledger, task.id),
    }


def planted_in_plaintext(ledger: Ledger, task_id: UUID) -> dict[str, str]:
    """The program's records with a personal field, each holding a marker."""
    feedback = ledger.submit_feedback(
        request_as(PUBLIC),
        channel="online",
        topic="Đèn đường",
        text="Đèn đường trục thôn hỏng",
        unit_id=unit_id_for("thon-1"),
        submitter_name=PLAIN_MARKERS[0],
        submitter_contact=PLAIN_MARKERS[1],
    )
    ledger.report_progress(
        request_as(OFFICE), task_id=task_id, percent=40, summary="Đã lắp 4 camera", evidence=[]
    )
    ledger.give_testimony(
        request_as(PUBLIC),
        task_id=task_id,
        report_version=2,
        stance="confirm",
        text="Đúng như báo cáo",
        submitter_name=PLAIN_MARKERS[2],
    )
    shortcoming = ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=unit_id_for("thon-1"), severity="minor", finding="Chậm"
    )
    ledger.propose_discipline(
        request_as(INSPECTOR),
        shortcoming_id=shortcoming.id,
        subject_kind="member",
        subject_name=PLAIN_MARKERS[3],
        form="reprimand",
        grounds=PLAIN_MARKERS[7],
    )
    ledger.decide_discipline(
        request_as(COMMITTEE),
        shortcoming_id=shortcoming.id,
        number=1,
        outcome="imposed",
        form="warning",
        decision_number=PLAIN_MARKERS[8],
        decision_date=date(2026, 6, 15),
    )
    ledger.register_unit(
        request_as(OFFICE), code="cb-1", kind="party_cell", name="Chi bộ 1", parent_id=None
    )
    notes = [{"criterion": "person-1", "note": PLAIN_MARKERS[5]}] + [
        {"criterion": f"person-{i}", "note": "Đạt"} for i in range(2, 6)
    ]
    rating = ledger.record_rating(
        request_as(INSPECTOR),
        subject_kind="member",
        unit_id=unit_id_for("cb-1"),
        member_name=PLAIN_MARKERS[4],
        year=2026,
        level="good",
        notes=notes,
    )
    fund = ledger.receive_contribution(
        request_as(OFFICE),
        target_kind="unit",
        target_id=THON_1,
        year=2026,
        amount=2_000_000,
        contributor_kind="person",
        contributor_name=PLAIN_MARKERS[6],
    )
    inspection = ledger.plan_inspection(
        request_as(INSPECTOR),
        kind="supervision",
        title="Giám sát",
        scope="Quy ước thôn",
        unit_ids=[unit_id_for("thon-1")],
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 30),
    )
    indicator = ledger.define_indicator(
        request_as(OFFICE),
        code="ho-van-hoa",
        criterion="commune-1",
        name_vi="Hộ văn hóa",
        name_en="Cultured households",
        unit_of_measure="%",
        direction="increase",
        baseline="80",
        baseline_year=2025,
        targets={2026: "85"},
    )
    review = ledger.hold_review(
        request_as(OFFICE),
        kind="yearly",
        year=2026,
        title="Sơ kết năm 2026",
        held_on=date(2026, 11, 20),
        conclusions="Hoàn thành cơ bản",
    )
    return {
        "shortcoming": str(shortcoming.id),
        "feedback": str(feedback.id),
        "feedbackByReference": reference_for(feedback.id),
        "progressReports": str(task_id),
        "criterionVersions": "commune-1",
        "rating": str(rating.id),
        "fund": str(fund.id),
        "inspection": str(inspection.id),
        "indicator": str(indicator.id),
        "review": str(review.id),
        "reviewComparison": str(review.id),
    }


async def raw(gql: GraphQLClient, query: str, role: str | None = None) -> str:
    headers = {"authorization": f"Bearer {TOKENS[role]}"} if role else {}
    response = await gql.http.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    # Only clear refusals are allowed (an admin-only list for others, a proof of a tree that
    # has no checkpoint yet); anything else is a failure of the query itself.
    codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors", [])}
    assert codes <= {"FORBIDDEN", "BAD_USER_INPUT"}, response.text
    return json.dumps(body, ensure_ascii=False)  # the answer's text, with \u escapes decoded


def stored_events(ledger: Ledger) -> list[bytes]:
    return [n.state for n in ledger.recorder.select_notifications(start=1, limit=10_000)]


async def test_the_public_never_receives_a_personal_field(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    queries = every_query(await planted(ledger, gql))
    markers = MARKERS + PLAIN_MARKERS
    for name, query in queries.items():
        text = await raw(gql, query)
        assert not [m for m in markers if m in text], name
        reporter = await raw(gql, query, role="reporter")
        assert not [m for m in markers if m in reporter], name
    # The CloudEvents feed too, for the public and a reporter; the auditor gets every marker.
    for role in (None, "reporter"):
        feed = await feed_text(gql, role)
        assert not [m for m in markers if m in feed], role
    audited_feed = await feed_text(gql, "auditor")
    assert [m for m in markers if m not in audited_feed] == []
    # The scan can see a marker where one is allowed: the auditor gets every one.
    auditor = "".join([await raw(gql, q, role="auditor") for q in queries.values()])
    assert [m for m in markers if m not in auditor] == []
    # And the log holds ciphertext only: no stored event contains a marker.
    assert not any(m.encode() in state for state in stored_events(ledger) for m in markers)
    assert not any(
        json.dumps(m)[1:-1].encode() in state for state in stored_events(ledger) for m in markers
    )


async def test_every_read_of_personal_data_is_recorded_once_per_request(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ids = await planted(ledger, gql)
    before = ledger.recorder.max_notification_id()
    await raw(gql, "{ commendations(first: 10) { nodes { status form } } }", role="auditor")
    await raw(gql, "{ commendations(first: 10) { nodes { recipientName } } }")
    assert ledger.recorder.max_notification_id() == before, "nothing personal was shown"
    query = "query Names { commendations(first: 10) { nodes { recipientName } } }"
    await raw(gql, query, role="auditor")
    reads = (await gql(HISTORY, {"type": "PersonalDataRead"}, role="auditor"))["history"]["nodes"]
    assert len(reads) == 1
    read = reads[0]
    assert read["actorRole"] == "auditor"
    assert read["actorId"].startswith("auditor")
    assert read["data"]["operation"] == "Names"
    assert read["data"]["query"] == query
    assert len(read["data"]["person_ids"]) == 2
    assert ids["commendation"]  # the person commended is one of them
    public = (await gql(HISTORY, {"type": "PersonalDataRead"}))["history"]["nodes"][0]
    assert public["data"]["person_ids"] == 2  # the public sees how many, not whose


async def test_the_history_shows_a_sealed_field_by_role(ledger: Ledger, gql: GraphQLClient) -> None:
    await planted(ledger, gql)
    proposed = {"type": "CommendationProposed"}
    public = (await gql(HISTORY, proposed))["history"]["nodes"]
    assert public[0]["data"]["recipient"] == {"personal": "withheld"}
    auditor = (await gql(HISTORY, proposed, role="auditor"))["history"]["nodes"]
    assert auditor[0]["data"]["recipient"]["value"] == MARKERS[0]
    assert auditor[0]["data"]["recipient"]["personal"] == "shown"


async def test_the_same_person_keeps_one_key(ledger: Ledger, gql: GraphQLClient) -> None:
    world(ledger)
    first = await propose(gql, "a", "Trần Thị B")
    person_id = first["commendation"]["recipientPersonId"]
    assert person_id == str(person_id_for("a"))
    again = await propose(gql, "b", "Trần Thị B", recipientPersonId=person_id)
    assert again["commendation"]["recipientPersonId"] == person_id
    with ledger.reading() as sql:
        assert sql.one(f"SELECT COUNT(*) AS n FROM {sql.table('personal_keys')}") == {"n": 1}
    retry = await propose(gql, "a", "Trần Thị B")
    assert retry["position"] == first["position"]
    changed = await propose(gql, "a", "Trần Thị C")
    assert changed["__typename"] == "IdempotencyKeyReused"
    unit_with_id = await propose(gql, "c", "", kind="UNIT", recipientPersonId=person_id)
    assert unit_with_id["__typename"] == "InvalidInput"


async def test_forgetting_a_person_erases_their_data_everywhere(
    ledger: Ledger,
    gql: GraphQLClient,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = await planted(ledger, gql)
    shown = (await gql(ONE, {"id": ids["commendation"]}, role="auditor"))["commendation"]
    assert (shown["recipientName"], shown["recipientNameState"]) == (MARKERS[0], "SHOWN")
    person_id = shown["recipientPersonId"]
    log_before = stored_events(ledger)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SOCAI_TOKENS", raising=False)
    assert main(["forget", person_id, "--reason", "đơn đề nghị ngày 02/06/2026"]) == 0
    assert "Forgot person" in capsys.readouterr().out
    log_after = stored_events(ledger)
    assert log_after[: len(log_before)] == log_before, "the stored events are unchanged"
    assert len(log_after) == len(log_before) + 1
    with ledger.reading() as sql:
        assert keys_for(sql, [person_id]) == {person_id: None}
    for role in ("auditor", "office", None):
        erased = (await gql(ONE, {"id": ids["commendation"]}, role=role))["commendation"]
        assert erased["recipientName"] is None
        assert erased["recipientNameState"] == "ERASED"
    at_proposal = await gql(
        "query($id: ID!) { commendation(id: $id, asOf: {position: 44}) "
        "{ recipientName recipientNameState } }",
        {"id": ids["commendation"]},
        role="auditor",
    )
    assert at_proposal["commendation"]["recipientNameState"] == "ERASED"
    history = (await gql(HISTORY, {"type": "CommendationProposed"}, role="auditor"))["history"]
    assert history["nodes"][0]["data"]["recipient"] == {"personal": "erased"}
    assert history["nodes"][1]["data"]["recipient"]["value"] == MARKERS[1]
    erasure = (await gql(HISTORY, {"type": "PersonalDataErased"}))["history"]["nodes"]
    assert [(e["actorRole"], e["summary"]) for e in erasure] == [
        ("system", "Personal data erased: the person's key was deleted")
    ]
    refused = await propose(gql, "later", "X", recipientPersonId=person_id)
    assert (refused["__typename"], refused["rule"]) == ("RuleBroken", "PersonForgotten")
    with pytest.raises(PersonAlreadyForgotten):
        ledger.forget_person(request_as(SYSTEM), person_id=UUID(person_id))


async def test_an_admin_forgets_over_the_api(ledger: Ledger, gql: GraphQLClient) -> None:
    world(ledger)
    person_id = (await propose(gql, "a", "Lê Văn D"))["commendation"]["recipientPersonId"]
    forget = """
    mutation($input: ForgetPersonInput!) {
      forgetPerson(input: $input) {
        __typename ... on PersonalDataErased { personId position } ... on Failure { message }
      }
    }"""
    given = {"input": {"idempotencyKey": "f-1", "personId": person_id, "reason": "yêu cầu"}}
    office = (await gql(forget, given, role="office"))["forgetPerson"]
    assert office["__typename"] == "NotAllowed"
    admin = (await gql(forget, given, role="admin"))["forgetPerson"]
    assert (admin["__typename"], admin["personId"]) == ("PersonalDataErased", person_id)
    again = await gql(forget, {"input": {**given["input"], "idempotencyKey": "f-2"}}, role="admin")
    assert again["forgetPerson"]["__typename"] == "RuleBroken"


async def test_no_answer_when_the_read_cannot_be_recorded(
    ledger: Ledger, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await planted(ledger, gql)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the store is down")

    monkeypatch.setattr(ledger, "record_personal_read", broken)
    response = await gql.http.post(
        "/graphql",
        json={"query": "{ commendations(first: 5) { nodes { recipientName } } }"},
        headers={"authorization": f"Bearer {TOKENS['auditor']}"},
    )
    body = response.json()
    assert body["data"] is None
    assert body["errors"]
    assert MARKERS[0] not in json.dumps(body, ensure_ascii=False)
    assert "the store is down" not in response.text
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


FEEDBACK_GIVER = """
query($id: ID!) {
  feedback(id: $id) { submitterName submitterNameState submitterContact submitterPersonId }
}
"""
RATED = """
query($id: ID!) {
  rating(id: $id) {
    memberName memberNameState memberPersonId level levelState notes { criterion note }
  }
}
"""


async def test_forgetting_a_feedback_giver_and_a_rated_member(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ids = await planted(ledger, gql)
    giver = (await gql(FEEDBACK_GIVER, {"id": ids["feedback"]}, role="auditor"))["feedback"]
    assert (giver["submitterName"], giver["submitterNameState"]) == (PLAIN_MARKERS[0], "SHOWN")
    assert giver["submitterContact"] == PLAIN_MARKERS[1]
    member = (await gql(RATED, {"id": ids["rating"]}, role="auditor"))["rating"]
    assert (member["memberName"], member["level"], member["levelState"]) == (
        PLAIN_MARKERS[4],
        "GOOD",
        "SHOWN",
    )
    assert member["notes"][0] == {"criterion": "person-1", "note": PLAIN_MARKERS[5]}
    public = (await gql(RATED, {"id": ids["rating"]}))["rating"]
    assert (public["level"], public["levelState"], public["memberPersonId"]) == (
        None,
        "WITHHELD",
        None,
    )
    log_before = stored_events(ledger)
    for person_id in (giver["submitterPersonId"], member["memberPersonId"]):
        ledger.forget_person(request_as(SYSTEM, f"forget-{person_id}"), person_id=UUID(person_id))
    log_after = stored_events(ledger)
    assert log_after[: len(log_before)] == log_before, "the stored events are unchanged"
    for role in ("auditor", "office", None):
        gone = (await gql(FEEDBACK_GIVER, {"id": ids["feedback"]}, role=role))["feedback"]
        assert (gone["submitterName"], gone["submitterContact"]) == (None, None)
        assert gone["submitterNameState"] == "ERASED"
        rated = (await gql(RATED, {"id": ids["rating"]}, role=role))["rating"]
        assert (rated["memberName"], rated["level"]) == (None, None)
        assert (rated["memberNameState"], rated["levelState"]) == ("ERASED", "ERASED")
        assert all(n["note"] is None for n in rated["notes"])
    tally = await gql("{ ratingTally(year: 2026) { subjectKind } }", role="auditor")
    assert tally["ratingTally"] == [], "an erased member's level is counted no more"
    history = (await gql(HISTORY, {"type": "FeedbackSubmitted"}, role="auditor"))["history"]
    assert history["nodes"][0]["data"]["sealed_name"] == {"personal": "erased"}


DISCIPLINED = """
query($id: ID!) {
  shortcoming(id: $id) {
    disciplines {
      subjectName subjectNameState subjectPersonId proposedForm grounds outcome form
      decisionNumber decisionDate detailsState
    }
  }
}
"""
REPORT = """
{ periodicReport(on: "2026-06-30", since: "2026-01-01") {
    shortcomings { disciplinesDecided disciplinesImposed } } }
"""
WITHHELD = {
    "subjectName": None,
    "subjectNameState": "WITHHELD",
    "subjectPersonId": None,
    "proposedForm": None,
    "grounds": None,
    "outcome": None,
    "form": None,
    "decisionNumber": None,
    "decisionDate": "2026-06-15",
    "detailsState": "WITHHELD",
}


async def feed_text(gql: GraphQLClient, role: str | None = None) -> str:
    headers = {"authorization": f"Bearer {TOKENS[role]}"} if role else {}
    response = await gql.http.get("/feed?limit=1000", headers=headers)
    assert response.status_code == 200, response.text
    return json.dumps(response.json(), ensure_ascii=False)


async def test_a_members_discipline_is_shown_by_role_and_erased_with_the_member(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ids = await planted(ledger, gql)
    query = {"id": ids["shortcoming"]}
    before = ledger.recorder.max_notification_id()
    auditor = (await gql(DISCIPLINED, query, role="auditor"))["shortcoming"]["disciplines"][0]
    person_id = auditor.pop("subjectPersonId")
    assert auditor == {
        "subjectName": PLAIN_MARKERS[3],
        "subjectNameState": "SHOWN",
        "proposedForm": "REPRIMAND",
        "grounds": PLAIN_MARKERS[7],
        "outcome": "IMPOSED",
        "form": "WARNING",
        "decisionNumber": PLAIN_MARKERS[8],
        "decisionDate": "2026-06-15",
        "detailsState": "SHOWN",
    }
    reads = (await gql(HISTORY, {"type": "PersonalDataRead"}, role="auditor"))["history"]["nodes"]
    assert before is not None
    assert [r["position"] for r in reads] == [before + 1], "the auditor's read is recorded"
    assert reads[0]["data"]["person_ids"] == [person_id]
    for role in (None, "reporter"):
        seen = (await gql(DISCIPLINED, query, role=role))["shortcoming"]["disciplines"][0]
        assert seen == WITHHELD, role
    # The form is an enum, so no marker can stand for it: the history and the feed say nothing
    # of it to the public either.
    proposed = (await gql(HISTORY, {"type": "DisciplineProposed"}))["history"]["nodes"][0]
    assert "form" not in proposed["data"]
    assert proposed["data"]["sealed_form"] == {"personal": "withheld"}
    assert proposed["summary"] == "Discipline proposed for a member"
    decided = (await gql(HISTORY, {"type": "DisciplineDecided"}))["history"]["nodes"][0]
    assert not {"outcome", "form", "decision_number"} & set(decided["data"])
    assert decided["data"]["sealed_outcome"] == {"personal": "withheld"}
    assert decided["summary"] == "Discipline 1 decided for a member"
    assert "warning" not in await feed_text(gql)
    counted = (await gql(REPORT))["periodicReport"]["shortcomings"]
    assert counted == {"disciplinesDecided": 1, "disciplinesImposed": 1}

    log_before = stored_events(ledger)
    ledger.forget_person(request_as(SYSTEM, "forget-member"), person_id=UUID(person_id))
    assert stored_events(ledger)[: len(log_before)] == log_before, "the stored events are unchanged"
    erased = {
        **WITHHELD,
        "subjectNameState": "ERASED",
        "detailsState": "ERASED",
    }
    for role in ("auditor", "committee", "office", "reporter", None):
        seen = (await gql(DISCIPLINED, query, role=role))["shortcoming"]["disciplines"][0]
        assert {**seen, "subjectPersonId": None} == erased, role
    for kind, field in (
        ("DisciplineProposed", "sealed_grounds"),
        ("DisciplineDecided", "sealed_decision_number"),
    ):
        history = (await gql(HISTORY, {"type": kind}, role="auditor"))["history"]["nodes"]
        assert history[0]["data"][field] == {"personal": "erased"}
    audited_feed = await feed_text(gql, role="auditor")
    assert not [m for m in PLAIN_MARKERS[7:] if m in audited_feed]
    after = (await gql(REPORT))["periodicReport"]["shortcomings"]
    assert after == {"disciplinesDecided": 1, "disciplinesImposed": 0}, "erased: counted no more"


WITNESSES = """
query($id: ID!) {
  progressReports(taskId: $id) {
    testimonies { submitterName submitterNameState submitterPersonId }
  }
}
"""
CONTRIBUTORS = """
query($id: ID!) {
  fund(id: $id) { entries { kind contributorName contributorNameState contributorPersonId } }
}
"""


async def test_forgetting_a_witness_and_a_contributing_citizen(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    ids = await planted(ledger, gql)

    async def witness(role: str | None) -> dict[str, Any]:
        reports = await gql(WITNESSES, {"id": ids["progressReports"]}, role=role)
        return next(t for r in reports["progressReports"] for t in r["testimonies"])

    async def contributor(role: str | None) -> dict[str, Any]:
        entries = (await gql(CONTRIBUTORS, {"id": ids["fund"]}, role=role))["fund"]["entries"]
        return next(e for e in entries if e["kind"] == "CONTRIBUTION")

    seen = await witness("auditor"), await contributor("auditor")
    assert (seen[0]["submitterName"], seen[0]["submitterNameState"]) == (PLAIN_MARKERS[2], "SHOWN")
    assert (seen[1]["contributorName"], seen[1]["contributorNameState"]) == (
        PLAIN_MARKERS[6],
        "SHOWN",
    )
    public = await witness(None), await contributor(None)
    assert (public[0]["submitterName"], public[0]["submitterNameState"]) == (None, "WITHHELD")
    assert (public[1]["contributorName"], public[1]["contributorNameState"]) == (None, "WITHHELD")
    log_before = stored_events(ledger)
    for person_id in (seen[0]["submitterPersonId"], seen[1]["contributorPersonId"]):
        ledger.forget_person(request_as(SYSTEM, f"forget-{person_id}"), person_id=UUID(person_id))
    assert stored_events(ledger)[: len(log_before)] == log_before, "the stored events are unchanged"
    for role in ("auditor", "office", None):
        gone = await witness(role), await contributor(role)
        assert (gone[0]["submitterName"], gone[0]["submitterNameState"]) == (None, "ERASED")
        assert (gone[1]["contributorName"], gone[1]["contributorNameState"]) == (None, "ERASED")
    assert not [
        m for m in (PLAIN_MARKERS[2], PLAIN_MARKERS[6]) if m in await feed_text(gql, "auditor")
    ]
