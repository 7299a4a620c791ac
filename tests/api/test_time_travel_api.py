"""Every view read as it stood at a past log position or instant, nested objects included."""

from __future__ import annotations

from datetime import date

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from tests.conftest import INSPECTOR, OFFICE, GraphQLClient, request_as

VIEWS = """
query($asOf: AsOf, $unit: ID!) {
  units(asOf: $asOf) { nodes { code name } }
  tasks(asOf: $asOf) { nodes { percent leadUnit { name } } }
  board(unitId: $unit, asOf: $asOf) {
    unit { name } tasks { percent } openShortcomings { finding }
  }
  history(asOf: $asOf, first: 200) { nodes { position } }
}
"""

CHANGES = """
query($asOf: AsOf, $unit: ID!, $since: AsOf!) {
  board(unitId: $unit, asOf: $asOf) { changes(since: $since) { eventType } }
}
"""


def record(ledger: Ledger) -> dict[str, int]:
    positions: dict[str, int] = {}
    ledger.adopt_program(request_as(SYSTEM, "init"))
    thon = unit_id_for("thon-1")
    positions["registered"] = ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    ).position
    task = ledger.assign_task(
        request_as(OFFICE),
        title="Khu dân cư an toàn",
        description="",
        area="III.4",
        phase="phase-1",
        lead_unit_id=thon,
        coordinating_unit_ids=[],
        due_date=date(2026, 12, 31),
    )
    positions["assigned"] = task.position
    positions["renamed"] = ledger.rename_unit(
        request_as(OFFICE), unit_id=thon, name="Thôn Một"
    ).position
    positions["reported"] = ledger.report_progress(
        request_as(OFFICE), task_id=task.id, percent=50, summary="Nửa chặng", evidence=[]
    ).position
    positions["flagged"] = ledger.flag_shortcoming(
        request_as(INSPECTOR), unit_id=thon, severity="minor", finding="Thiếu camera"
    ).position
    return positions


async def test_views_and_their_nested_objects_read_as_they_stood(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    p = record(ledger)
    unit = str(unit_id_for("thon-1"))

    then = await gql(VIEWS, {"asOf": {"position": p["assigned"]}, "unit": unit})
    assert then["units"]["nodes"] == [{"code": "thon-1", "name": "Thôn 1"}]
    assert then["tasks"]["nodes"] == [{"percent": 0, "leadUnit": {"name": "Thôn 1"}}]
    assert then["board"] == {
        "unit": {"name": "Thôn 1"},
        "tasks": [{"percent": 0}],
        "openShortcomings": [],
    }
    assert then["history"]["nodes"][-1]["position"] == p["assigned"]

    now = await gql(VIEWS, {"asOf": None, "unit": unit})
    assert now["tasks"]["nodes"] == [{"percent": 50, "leadUnit": {"name": "Thôn Một"}}]
    assert now["board"]["openShortcomings"] == [{"finding": "Thiếu camera"}]
    assert now["history"]["nodes"][-1]["position"] == p["flagged"]


async def test_an_instant_means_recording_time(ledger: Ledger, gql: GraphQLClient) -> None:
    p = record(ledger)
    unit = str(unit_id_for("thon-1"))
    history = await gql("{ history(first: 200) { nodes { position recordedAt } } }")
    recorded = {n["position"]: n["recordedAt"] for n in history["history"]["nodes"]}

    at_rename = await gql(VIEWS, {"asOf": {"time": recorded[p["renamed"]]}, "unit": unit})
    assert at_rename["units"]["nodes"] == [{"code": "thon-1", "name": "Thôn Một"}]
    assert at_rename["tasks"]["nodes"] == [{"percent": 0, "leadUnit": {"name": "Thôn Một"}}]

    before_all = await gql(VIEWS, {"asOf": {"time": "2020-01-01T00:00:00+07:00"}, "unit": unit})
    assert before_all["units"]["nodes"] == []
    assert before_all["board"] is None


async def test_the_board_shows_what_changed_between_two_positions(
    ledger: Ledger, gql: GraphQLClient
) -> None:
    p = record(ledger)
    unit = str(unit_id_for("thon-1"))
    since = {"position": p["assigned"]}
    up_to_now = await gql(CHANGES, {"asOf": None, "unit": unit, "since": since})
    assert [c["eventType"] for c in up_to_now["board"]["changes"]] == [
        "UnitRenamed",
        "ProgressReported",
        "ShortcomingFlagged",
    ]
    window = await gql(CHANGES, {"asOf": {"position": p["renamed"]}, "unit": unit, "since": since})
    assert [c["eventType"] for c in window["board"]["changes"]] == ["UnitRenamed"]


async def test_as_of_takes_a_position_or_an_instant_not_both(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql",
        json={
            "query": '{ units(asOf: {position: 1, time: "2026-01-01T00:00:00Z"}) '
            "{ nodes { code } } }"
        },
    )
    body = response.json()
    assert body["data"] is None
    assert "exactly one" in body["errors"][0]["message"].lower()
