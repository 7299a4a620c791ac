"""A receiver checks what the feed gave it against the tamper-evident ledger: it recomputes each
event's leaf from the CloudEvent's extension attributes, asks for the inclusion proof against
the checkpoint the page names, and verifies it with its own code; one changed byte fails."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.application import Ledger
from domain.authority import Role
from domain.unit import unit_id_for
from projections.audit.notes import Verifier, create_key_file, open_checkpoint
from projections.cloudevents import to_cloudevent
from server import bootstrap
from settings import Settings, parse_tokens
from tests.conftest import OFFICE, TOKEN_SPEC, GraphQLClient, request_as
from tests.integration.commune import follower, record_commune
from tests.support.checking import included, leaf_of, tampered

MARKER = "ZZMARKER-Trần-Thị-Riêng-Tư"

EVENTS = """
query($after: Int!, $first: Int!) {
  events(after: $after, first: $first) {
    events { id subject sequence position socaitopic socaiversion socaistate data }
    next hasMore head
    checkpoint { treeSize position rootHash note }
  }
}
"""

INCLUSION = """
query($position: Int!, $treeSize: Int) {
  inclusionProof(position: $position, treeSize: $treeSize) { leafIndex treeSize auditPath }
}
"""


@pytest.fixture
async def receiver(ledger: Ledger, tmp_path: Path) -> AsyncIterator[tuple[GraphQLClient, str]]:
    """A commune with a commendation for a person, in a tree with a signed checkpoint; and the
    pinned verifier key."""
    settings = Settings(
        tokens=parse_tokens(TOKEN_SPEC),
        key_file=str(tmp_path / "socai.key"),
        log_origin="socai.test",
    )
    signer, _ = create_key_file(settings.key_path, settings.log_origin)
    record_commune(ledger, villages=3)
    ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="person",
        recipient_unit_id=unit_id_for("thon-1"),
        recipient_name=MARKER,
        form="giấy khen",
        achievement="Người tốt, việc tốt",
    )
    follower(ledger, every=8, signer=signer).catch_up(checkpoint=True)
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        yield GraphQLClient(http), str(signer.verifier)


async def proves(gql: GraphQLClient, event: dict[str, Any], tree_size: int, root: bytes) -> bool:
    """The receiver's check: its own leaf, the server's audit path, its own verifier."""
    proof = (await gql(INCLUSION, {"position": int(event["sequence"]), "treeSize": tree_size}))[
        "inclusionProof"
    ]
    path = [base64.b64decode(h) for h in proof["auditPath"]]
    return included(leaf_of(event), proof["leafIndex"], proof["treeSize"], path, root)


async def test_each_feed_event_is_proved_in_the_signed_tree_and_a_tampered_one_is_not(
    receiver: tuple[GraphQLClient, str],
) -> None:
    gql, pinned = receiver
    events: list[dict[str, Any]] = []
    checkpoint: dict[str, Any] | None = None
    after = 0
    for _ in range(100):
        page = (await gql(EVENTS, {"after": after, "first": 7}))["events"]
        events += page["events"]
        checkpoint = page["checkpoint"]
        after = page["next"]
        if not page["hasMore"]:
            break
    assert checkpoint is not None
    signed = open_checkpoint(checkpoint["note"], Verifier.parse(pinned))
    assert signed.size == checkpoint["treeSize"] == len(events)
    assert base64.b64encode(signed.root).decode() == checkpoint["rootHash"]
    assert checkpoint["position"] == events[-1]["position"]
    for event in events:
        assert event["socaistate"] is not None, event
        assert await proves(gql, event, signed.size, signed.root), event["id"]
    assert not await proves(gql, tampered(events[-1]), signed.size, signed.root)
    assert not await proves(gql, tampered(events[0]), signed.size, signed.root)
    moved = {**events[1], "socaiversion": events[1]["socaiversion"] + 1}
    assert not await proves(gql, moved, signed.size, signed.root)


async def test_get_feed_names_the_checkpoint_and_its_events_prove(
    receiver: tuple[GraphQLClient, str],
) -> None:
    gql, _ = receiver
    response = await gql.http.get("/feed", params={"after": 0, "limit": 1000})
    assert response.status_code == 200
    events = json.loads(response.text)
    size = int(response.headers["feed-checkpoint-size"])
    root = base64.b64decode(response.headers["feed-checkpoint-root"])
    assert size == len(events)
    assert int(response.headers["feed-checkpoint-position"]) == int(events[-1]["sequence"])
    for event in events:
        assert await proves(gql, event, size, root), event["id"]
    assert not await proves(gql, tampered(events[2]), size, root)


async def test_the_stored_state_holds_a_personal_name_only_sealed(
    receiver: tuple[GraphQLClient, str],
) -> None:
    gql, _ = receiver
    response = await gql.http.get("/feed", params={"after": 0, "limit": 1000})
    events = json.loads(response.text)
    proposed = [e for e in events if e["type"].endswith("CommendationProposed")]
    assert len(proposed) == 1
    states = [base64.b64decode(e["socaistate"]) for e in events]
    assert any(b"ciphertext" in s for s in states), "the name is sealed in the stored state"
    for state in states:
        assert b"ZZMARKER" not in state
        assert MARKER.encode() not in state
        assert json.dumps(MARKER).encode() not in state
    assert MARKER not in response.text


def test_an_event_naming_a_person_in_clear_does_not_send_its_stored_state() -> None:
    """Events recorded before sealing carried a citizen's name in clear: their state stays."""
    row: dict[str, Any] = {
        "stream_id": "5ba272ca-e61a-4afd-85a1-aa28902f72c1",
        "version": 1,
        "stream": "commendation",
        "event_type": "CommendationProposed",
        "recorded_at": "2026-01-01T00:00:00+00:00",
        "position": 9,
        "data": {"recipient_kind": "person", "recipient_name": "Nguyễn Văn A"},
        "actor_id": "office-1",
        "actor_role": "office",
        "reason": None,
        "effective_date": None,
        "correlation_id": "c",
        "summary": "",
        "units": [],
        "stored": {"topic": "t", "state": b'{"recipient_name":"Nguy\\u1ec5n V\\u0103n A"}'},
    }
    legacy = to_cloudevent(row, Role.PUBLIC)
    assert "socaistate" not in legacy
    assert legacy["socaitopic"] == "t"
    unit = {**row, "data": {"recipient_kind": "unit", "recipient_name": "Thôn 1"}}
    assert (
        base64.b64decode(to_cloudevent(unit, Role.PUBLIC)["socaistate"]) == row["stored"]["state"]
    )
