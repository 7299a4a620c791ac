"""The pull feed over GraphQL and `GET /feed`: CloudEvents, a stable cursor, filters, redaction."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from domain.application import Ledger
from domain.unit import unit_id_for
from projections.cloudevents import SOURCE, event_type_names
from tests.api.conftest import register_units
from tests.conftest import OFFICE, TOKENS, GraphQLClient, request_as

EVENTS = """
query($after: Int!, $first: Int!, $types: [String!], $units: [ID!]) {
  events(after: $after, first: $first, types: $types, units: $units) {
    events { id type subject sequence position time source specversion data }
    next hasMore head
  }
}
"""


@pytest.fixture
def recorded(ledger: Ledger) -> Ledger:
    """Seven units, one renamed, and a commendation proposed for a person of thôn 1."""
    register_units(ledger, *(f"thon-{n}" for n in range(1, 8)), name="Thôn {number}")
    ledger.rename_unit(request_as(OFFICE), unit_id=unit_id_for("thon-2"), name="Thôn Hai")
    ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="person",
        recipient_unit_id=unit_id_for("thon-1"),
        recipient_name="Nguyễn Văn A",
        form="giấy khen",
        achievement="Người tốt, việc tốt",
    )
    return ledger


async def page_all(gql: GraphQLClient, first: int, **filters: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    after = 0
    for _ in range(100):
        page = (await gql(EVENTS, {"after": after, "first": first, **filters}))["events"]
        events += page["events"]
        assert page["next"] >= after
        after = page["next"]
        if not page["hasMore"]:
            break
    return events


async def test_paging_to_the_end_gives_every_event_once_in_log_order(
    recorded: Ledger, gql: GraphQLClient
) -> None:
    events = await page_all(gql, first=3)
    positions = [e["position"] for e in events]
    assert positions == list(range(1, 10))
    assert len({e["id"] for e in events}) == 9
    first = events[0]
    unit = str(unit_id_for("thon-1"))
    assert first["specversion"] == "1.0"
    assert first["source"] == SOURCE
    assert first["type"] == "vn.socai.unit.UnitRegistered"
    assert first["id"] == f"{unit}:1"
    assert first["subject"] == unit
    assert first["sequence"] == "00000000000000000001"
    assert first["data"]["fields"]["code"] == "thon-1"
    assert first["data"]["actor_id"] == OFFICE.id
    assert first["data"]["unit_ids"] == [unit]
    # resuming from a cursor repeats nothing and skips nothing
    tail = (await gql(EVENTS, {"after": 4, "first": 100}))["events"]
    assert [e["position"] for e in tail["events"]] == list(range(5, 10))
    assert tail["next"] == 9
    assert tail["hasMore"] is False


async def test_filters_by_type_and_unit_and_the_cursor_runs_ahead(
    recorded: Ledger, gql: GraphQLClient
) -> None:
    renamed = await page_all(gql, first=1, types=["vn.socai.unit.UnitRenamed"])
    assert [e["type"] for e in renamed] == ["vn.socai.unit.UnitRenamed"]
    page = (await gql(EVENTS, {"after": 0, "first": 5, "types": ["UnitRenamed"]}))["events"]
    assert page["next"] == page["head"] == 9  # past the events that do not match
    thon_1 = await page_all(gql, first=10, units=[str(unit_id_for("thon-1"))])
    assert [e["type"].rsplit(".", 1)[1] for e in thon_1] == [
        "UnitRegistered",
        "CommendationProposed",
    ]


async def test_unknown_filters_are_refused(recorded: Ledger, gql: GraphQLClient) -> None:
    for variables, message in (
        ({"types": ["TaskExploded"]}, "unknown event type 'TaskExploded'"),
        ({"types": ["vn.socai.task.UnitRenamed"]}, "unknown event type"),
        ({"units": ["not-a-uuid"]}, "is not a valid id"),
    ):
        response = await gql.http.post(
            "/graphql",
            json={"query": EVENTS, "variables": {"after": 0, "first": 5, **variables}},
        )
        assert message in response.json()["errors"][0]["message"]


READS = """
{ history(filter: {eventType: "PersonalDataRead"}) { nodes { actorRole } } }
"""


async def test_a_citizens_name_reaches_only_the_roles_that_may_read_it(
    recorded: Ledger, gql: GraphQLClient
) -> None:
    query = {"after": 0, "first": 10, "types": ["CommendationProposed"]}
    public = (await gql(EVENTS, query))["events"]["events"][0]["data"]["fields"]
    office = (await gql(EVENTS, query, role="office"))["events"]["events"][0]["data"]["fields"]
    auditor = (await gql(EVENTS, query, role="auditor"))["events"]["events"][0]["data"]["fields"]
    assert public["recipient"] == {"personal": "withheld"}
    assert "Nguyễn" not in json.dumps(public, ensure_ascii=False)
    assert public["form"] == "giấy khen"
    assert office["recipient"]["value"] == "Nguyễn Văn A"  # the office may read personal data
    assert auditor["recipient"]["personal"] == "shown"
    assert auditor["recipient"]["value"] == "Nguyễn Văn A"
    reads = (await gql(READS, {}))["history"]["nodes"]
    assert [r["actorRole"] for r in reads] == ["office", "auditor"]


async def test_rest_feed_is_a_cloudevents_batch_with_a_next_link(
    recorded: Ledger, gql: GraphQLClient
) -> None:
    http = gql.http
    seen: list[dict[str, Any]] = []
    url = "/feed?limit=4"
    for _ in range(10):
        response = await http.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/cloudevents-batch+json"
        batch = response.json()
        assert isinstance(batch, list)
        seen += batch
        if response.headers["feed-has-more"] == "false":
            break
        url = httpx.URL(response.links["next"]["url"]).raw_path.decode()
    assert [int(e["sequence"]) for e in seen] == list(range(1, 10))
    assert all(e["specversion"] == "1.0" and e["datacontenttype"] for e in seen)
    assert seen[-1]["data"]["fields"]["recipient"] == {"personal": "withheld"}
    audited = await http.get(
        "/feed?after=8",
        headers={"authorization": f"Bearer {TOKENS['auditor']}"},
    )
    assert audited.json()[0]["data"]["fields"]["recipient"]["value"] == "Nguyễn Văn A"
    filtered = await http.get(f"/feed?type=UnitRenamed&unit={unit_id_for('thon-2')}")
    assert [e["type"] for e in filtered.json()] == ["vn.socai.unit.UnitRenamed"]
    # the filter passes everything up to the head, the auditor's recorded read (10) included
    assert filtered.headers["feed-next-after"] == filtered.headers["feed-head"] == "10"


@pytest.mark.parametrize(
    ("query", "field"),
    [("after=-1", "after"), ("limit=0", "limit"), ("limit=abc", "limit"), ("type=Nope", "types")],
)
async def test_rest_feed_refuses_bad_parameters(
    recorded: Ledger, gql: GraphQLClient, query: str, field: str
) -> None:
    response = await gql.http.get(f"/feed?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_every_event_class_has_a_cloudevents_type() -> None:
    names = event_type_names()
    assert {"UnitRegistered", "TaskAssigned", "CommendationProposed", "GoalDefined"} <= set(names)
    assert "ItemDefined" not in names
    assert "Created" not in names
