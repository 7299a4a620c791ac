"""The periodic report upward, as JSON over GraphQL and as a printable Vietnamese document."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from domain.application import Ledger
from domain.authority import PUBLIC, SYSTEM, Actor
from domain.candidacy import candidacy_id_for
from domain.ledger import Request
from domain.unit import unit_id_for
from tests.api.conftest import assign_task, register_units
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, GraphQLClient, request_as

REPORT = """
query($on: Date, $since: Date) {
  periodicReport(on: $on, since: $since) {
    since until position
    models { modelType { code } target recognized percent }
    tasks { area assigned assignedInPeriod completedInPeriod completed open overdue }
    commendations { proposed issued revoked decisions { recipient recipientKind unitName form } }
    shortcomings { opened resolved openAtEnd seriousOpenAtEnd }
    inspections { planned conducted closed findings shortcomingFindings goodPracticeFindings
                  list { title kind } }
    feedback { received answered waitingAtEnd averageResponseDays }
    money { source received spent }
  }
}
"""


def dated(actor: Actor, day: str) -> Request:
    return request_as(actor, effective_date=date.fromisoformat(day))


@pytest.fixture
def commune(ledger: Ledger) -> Ledger:
    """A small commune's first half of 2026, with something in every section."""
    ledger.adopt_program(request_as(SYSTEM))
    founded = date(2026, 1, 5)
    register_units(ledger, "thon-1", "thon-2", name="Đơn vị {code}", effective_date=founded)
    register_units(ledger, "cb-1", kind="party_cell", name="Đơn vị {code}", effective_date=founded)
    one = unit_id_for("thon-1")
    done = assign_task(
        ledger,
        "Quán triệt",
        area="III.1",
        due=date(2026, 3, 31),
        effective_date=date(2026, 1, 10),
    )
    ledger.complete_task(dated(OFFICE, "2026-03-20"), task_id=done.id)
    late = assign_task(
        ledger, "Camera", area="III.4", due=date(2026, 5, 31), effective_date=date(2026, 2, 1)
    )
    ledger.enrol_model(request_as(OFFICE), unit_id=one, model_type="model-cultural-village")
    candidacy = candidacy_id_for(one, "model-cultural-village")
    ledger.assess_model(
        request_as(INSPECTOR),
        candidacy_id=candidacy,
        results=[{"criterion": "commune-2", "met": True, "note": ""}],
        passed=True,
    )
    ledger.recognize_model(
        request_as(COMMITTEE),
        candidacy_id=candidacy,
        decision_number="QĐ 1",
        decision_date=date(2026, 4, 1),
        valid_until=date(2028, 3, 31),
    )
    commendation = ledger.propose_commendation(
        dated(OFFICE, "2026-04-02"),
        recipient_kind="person",
        recipient_unit_id=one,
        recipient_name="Bà Nguyễn Thị Riêng",
        form="Giấy khen",
        achievement="Hiến đất",
    )
    ledger.issue_commendation(
        request_as(COMMITTEE),
        commendation_id=commendation.id,
        decision_number="QĐ 45",
        decision_date=date(2026, 4, 10),
        issued_by="Chủ tịch UBND xã",
    )
    inspection = ledger.plan_inspection(
        dated(INSPECTOR, "2026-04-01"),
        kind="inspection",
        title="Kiểm tra <b>chi bộ</b> & sinh hoạt",
        scope="Sinh hoạt",
        unit_ids=[unit_id_for("cb-1")],
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 30),
    ).id
    ledger.conduct_inspection(
        request_as(INSPECTOR),
        inspection_id=inspection,
        conducted_on=date(2026, 4, 15),
        summary="Xong",
        evidence=[],
    )
    ledger.record_finding(
        dated(INSPECTOR, "2026-04-15"),
        inspection_id=inspection,
        unit_id=unit_id_for("cb-1"),
        kind="shortcoming",
        text="Thiếu biên bản",
        severity="serious",
    )
    for day, unit in [("2026-05-02", one), ("2026-06-20", unit_id_for("thon-2"))]:
        feedback = ledger.submit_feedback(
            dated(PUBLIC, day),
            channel="online",
            topic="Đèn đường",
            text="Hỏng",
            unit_id=unit,
            submitter_name="Ông Bí Mật",
        ).id
        if unit == one:
            ledger.acknowledge_feedback(dated(OFFICE, day), feedback_id=feedback)
            ledger.answer_feedback(
                dated(OFFICE, "2026-05-05"), feedback_id=feedback, answer="Đã sửa"
            )
    ledger.allocate_budget(
        dated(OFFICE, "2026-02-15"),
        target_kind="task",
        target_id=str(late.id),
        year=2026,
        amount=1_250_000_000,
        sector="An ninh",
        decision_ref="QĐ 9",
    )
    ledger.record_expenditure(
        request_as(OFFICE),
        target_kind="task",
        target_id=str(late.id),
        year=2026,
        amount=1_250_000,
        source="budget",
        purpose="Camera",
        spent_on=date(2026, 6, 1),
        evidence=[],
    )
    return ledger


async def test_the_report_covers_every_section_for_the_period(
    gql: GraphQLClient, commune: Ledger
) -> None:
    report = (await gql(REPORT, {"on": "2026-06-30", "since": "2026-01-01"}))["periodicReport"]
    assert (report["since"], report["until"]) == ("2026-01-01", "2026-06-30")
    village = next(
        m for m in report["models"] if m["modelType"]["code"] == "model-cultural-village"
    )
    assert (village["target"], village["recognized"], village["percent"]) == (2, 1, "50.0")
    areas = {t["area"]: t for t in report["tasks"]}
    assert areas["III.1"] == {
        "area": "III.1",
        "assigned": 1,
        "assignedInPeriod": 1,
        "completedInPeriod": 1,
        "completed": 1,
        "open": 0,
        "overdue": 0,
    }
    assert (areas["III.4"]["open"], areas["III.4"]["overdue"]) == (1, 1)
    assert report["commendations"] == {
        "proposed": 1,
        "issued": 1,
        "revoked": 0,
        "decisions": [
            {
                "recipient": "Cá nhân",
                "recipientKind": "PERSON",
                "unitName": "Đơn vị thon-1",
                "form": "Giấy khen",
            }
        ],
    }
    assert report["shortcomings"] == {
        "opened": 1,
        "resolved": 0,
        "openAtEnd": 1,
        "seriousOpenAtEnd": 1,
    }
    inspections = report["inspections"]
    assert (inspections["planned"], inspections["conducted"], inspections["findings"]) == (1, 1, 1)
    assert report["feedback"] == {
        "received": 2,
        "answered": 1,
        "waitingAtEnd": 1,
        "averageResponseDays": "3.0",
    }
    assert report["money"] == [
        {"source": "BUDGET", "received": 1_250_000_000, "spent": 1_250_000},
        {"source": "SOCIALIZED", "received": 0, "spent": 0},
    ]
    # A period before anything happened counts nothing in it.
    early = (await gql(REPORT, {"on": "2026-01-31", "since": "2026-01-20"}))["periodicReport"]
    assert early["feedback"]["received"] == 0
    assert early["money"][0]["received"] == 0
    assert {t["area"]: t["open"] for t in early["tasks"]}["III.1"] == 1


async def test_the_report_is_a_printable_vietnamese_document(
    gql: GraphQLClient, commune: Ledger
) -> None:
    client: httpx.AsyncClient = gql.http
    response = await client.get("/reports/periodic", params={"asOf": "30/06/2026"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for expected in (
        "BÁO CÁO",
        "từ ngày 01/01/2026 đến ngày 30/06/2026",
        "Thôn văn hóa kiểu mẫu",
        "1.250.000.000 đ",
        "1.250.000 đ",
        "50,0%",
        "Kiểm tra &lt;b&gt;chi bộ&lt;/b&gt; &amp; sinh hoạt",
        "Cá nhân",
        "Ban Tuyên giáo và Dân vận Thành ủy",
    ):
        assert expected in page, expected
    assert "<b>chi bộ</b>" not in page
    for private in ("Nguyễn Thị Riêng", "Ông Bí Mật"):
        assert private not in page

    bad = await client.get("/reports/periodic", params={"asOf": "31/02/2026"})
    assert bad.status_code == 400
    assert "asOf" in bad.text
    backwards = await client.get(
        "/reports/periodic", params={"asOf": "2026-01-01", "since": "2026-06-01"}
    )
    assert backwards.status_code == 400


async def test_without_a_program_there_is_no_report(gql: GraphQLClient) -> None:
    assert (await gql(REPORT, {"on": "2026-06-30"}))["periodicReport"] is None
    response = await gql.http.get("/reports/periodic")
    assert response.status_code == 404
