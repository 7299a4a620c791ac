"""The village and unit board over GraphQL: each part of a unit's record, read together."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from tests.api.conftest import assign_task, register_units
from tests.conftest import COMMITTEE, INSPECTOR, OFFICE, GraphQLClient, request_as

BOARD = """
query($unitId: ID!, $on: Date) {
  board(unitId: $unitId, on: $on) {
    unit { code status }
    on
    models { state modelType { code } }
    openShortcomings { finding }
    commendations { form status }
    tasks { title percent }
    overdueTasks { title }
    taskTally { total open completed cancelled overdue averagePercent }
  }
}
"""

VILLAGES = """
query($on: Date, $first: Int!, $after: String) {
  villageBoard(on: $on, first: $first, after: $after) {
    nodes { unit { code } tasks { title } openShortcomings { finding } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def commune(ledger: Ledger) -> None:
    ledger.adopt_program(request_as(SYSTEM, "init"))
    register_units(ledger, "thon-1", "thon-2", "thon-3")


def assign(ledger: Ledger, title: str, lead: str, due: date) -> str:
    return str(assign_task(ledger, title, area="III.3", due=due, lead=lead).id)


async def test_a_unit_board_gathers_every_part_of_its_record(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    commune(ledger)
    village = unit_id_for("thon-1")
    late = assign(ledger, "Trùng tu Đền Mỗ", "thon-1", date(2026, 6, 30))
    ledger.report_progress(
        request_as(OFFICE),
        task_id=UUID(late),
        percent=40,
        summary="Đã khảo sát",
        evidence=[],
    )
    done_task = assign(ledger, "Lễ hội Vật cầu", "thon-1", date(2026, 3, 1))
    ledger.complete_task(request_as(OFFICE), task_id=UUID(done_task))
    assign(ledger, "Câu lạc bộ văn nghệ", "thon-1", date(2027, 6, 30))
    assign(ledger, "Camera an ninh", "thon-2", date(2026, 1, 31))
    enrolled = ledger.enrol_model(
        request_as(OFFICE), unit_id=village, model_type="model-cultural-village"
    )
    ledger.assess_model(
        request_as(INSPECTOR),
        candidacy_id=enrolled.id,
        results=[{"criterion": "commune-3", "met": True, "note": ""}],
        passed=True,
    )
    ledger.recognize_model(
        request_as(COMMITTEE),
        candidacy_id=enrolled.id,
        decision_number="QĐ 15",
        decision_date=date(2026, 9, 1),
        valid_until=date(2028, 12, 31),
    )
    ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=village, severity="minor", finding="Sổ sách chưa đủ"
    )
    ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="unit",
        recipient_unit_id=village,
        recipient_name=None,
        form="Giấy khen",
        achievement="Thôn văn hóa",
    )

    board = (await gql(BOARD, {"unitId": str(village), "on": "2026-11-29"}))["board"]
    assert board["unit"] == {"code": "thon-1", "status": "ACTIVE"}
    assert board["models"] == [
        {"state": "RECOGNIZED", "modelType": {"code": "model-cultural-village"}}
    ]
    assert board["openShortcomings"] == [{"finding": "Sổ sách chưa đủ"}]
    assert board["commendations"] == [{"form": "Giấy khen", "status": "PROPOSED"}]
    assert [t["title"] for t in board["tasks"]] == [
        "Lễ hội Vật cầu",
        "Trùng tu Đền Mỗ",
        "Câu lạc bộ văn nghệ",
    ]
    assert board["overdueTasks"] == [{"title": "Trùng tu Đền Mỗ"}]
    assert board["taskTally"] == {
        "total": 3,
        "open": 2,
        "completed": 1,
        "cancelled": 0,
        "overdue": 1,
        "averagePercent": 20.0,
    }
    earlier = (await gql(BOARD, {"unitId": str(village), "on": "2026-05-01"}))["board"]
    assert earlier["overdueTasks"] == []


async def test_the_village_board_follows_merges(ledger: Ledger, gql: GraphQLClient) -> None:
    commune(ledger)
    assign(ledger, "Đường giao thông nông thôn", "thon-3", date(2027, 3, 1))
    ledger.flag_shortcoming(
        request_as(INSPECTOR),
        unit_id=unit_id_for("thon-3"),
        severity="moderate",
        finding="Chưa có tổ tự quản",
    )
    before = (await gql(VILLAGES, {"first": 10}))["villageBoard"]["nodes"]
    assert [n["unit"]["code"] for n in before] == ["thon-1", "thon-2", "thon-3"]

    ledger.merge_unit(
        request_as(OFFICE), unit_id=unit_id_for("thon-3"), into_unit_id=unit_id_for("thon-2")
    )
    after = (await gql(VILLAGES, {"first": 10}))["villageBoard"]["nodes"]
    assert [n["unit"]["code"] for n in after] == ["thon-1", "thon-2"]
    assert after[1]["tasks"] == [{"title": "Đường giao thông nông thôn"}]
    assert after[1]["openShortcomings"] == [{"finding": "Chưa có tổ tự quản"}]

    first = (await gql(VILLAGES, {"first": 1}))["villageBoard"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await gql(VILLAGES, {"first": 5, "after": first["pageInfo"]["endCursor"]})
    assert [n["unit"]["code"] for n in rest["villageBoard"]["nodes"]] == ["thon-2"]


async def test_an_unknown_unit_has_no_board(ledger: Ledger, gql: GraphQLClient) -> None:
    commune(ledger)
    assert (await gql(BOARD, {"unitId": str(unit_id_for("nowhere"))}))["board"] is None
