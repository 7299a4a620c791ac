"""The ledger over GraphQL: checkpoints, proofs an auditor can check offline, the public key,
and bad input answered with BAD_USER_INPUT."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.application import Ledger
from projections.audit import merkle
from projections.audit.notes import create_key_file, open_checkpoint
from server import bootstrap
from settings import Settings
from tests.integration.commune import follower, record_commune

CHECKPOINTS = """
query($first: Int!, $after: String) {
  latestCheckpoint { treeSize position rootHash note signedAt }
  checkpoints(first: $first, after: $after) {
    nodes { treeSize rootHash note } pageInfo { hasNextPage endCursor }
  }
}
"""

INCLUSION = """
query($position: Int!, $treeSize: Int) {
  inclusionProof(position: $position, treeSize: $treeSize) {
    position leafIndex treeSize leafHash rootHash auditPath
  }
}
"""

CONSISTENCY = """
query($first: Int!, $second: Int!) {
  consistencyProof(first: $first, second: $second) {
    first second firstRootHash secondRootHash path
  }
}
"""

PUBLIC_KEY = "{ publicKey { origin verifierKey keyId } }"


class Client:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
async def audited(ledger: Ledger, tmp_path: Path) -> AsyncIterator[tuple[Client, Settings]]:
    settings = Settings(key_file=str(tmp_path / "socai.key"), log_origin="socai.test")
    signer, _ = create_key_file(settings.key_path, settings.log_origin)
    record_commune(ledger, villages=3)
    follower(ledger, every=8, signer=signer).catch_up(checkpoint=True)
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        yield Client(http), settings


def b64(text: str) -> bytes:
    return base64.b64decode(text)


async def test_the_public_key_is_the_pinned_file(audited: tuple[Client, Settings]) -> None:
    client, settings = audited
    key = (await client(PUBLIC_KEY))["data"]["publicKey"]
    pinned = Path(f"{settings.key_path}.pub").read_text(encoding="utf-8").strip()
    assert key["verifierKey"] == pinned
    assert key["origin"] == "socai.test"
    assert pinned.split("+")[1] == key["keyId"]


async def test_checkpoints_page_oldest_first_and_verify(audited: tuple[Client, Settings]) -> None:
    client, _ = audited
    verifier = (await client(PUBLIC_KEY))["data"]["publicKey"]["verifierKey"]
    from projections.audit.notes import Verifier

    pinned = Verifier.parse(verifier)
    seen: list[int] = []
    after = None
    while True:
        data = (await client(CHECKPOINTS, {"first": 2, "after": after}))["data"]
        page = data["checkpoints"]
        for node in page["nodes"]:
            checkpoint = open_checkpoint(node["note"], pinned)
            assert checkpoint.size == node["treeSize"]
            assert checkpoint.root == b64(node["rootHash"])
            seen.append(node["treeSize"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen)
    assert len(seen) >= 3
    latest = data["latestCheckpoint"]
    assert latest["treeSize"] == seen[-1]
    assert latest["signedAt"]


async def test_proofs_check_against_the_signed_roots(audited: tuple[Client, Settings]) -> None:
    client, _ = audited
    data = (await client(CHECKPOINTS, {"first": 50}))["data"]
    roots = {n["treeSize"]: b64(n["rootHash"]) for n in data["checkpoints"]["nodes"]}
    latest = data["latestCheckpoint"]
    size = latest["treeSize"]
    for position in (1, latest["position"] // 2, latest["position"]):
        proof = (await client(INCLUSION, {"position": position}))["data"]["inclusionProof"]
        assert proof["treeSize"] == size
        assert merkle.verify_inclusion(
            b64(proof["leafHash"]),
            proof["leafIndex"],
            size,
            [b64(h) for h in proof["auditPath"]],
            roots[size],
        )
    older = min(roots)
    at_older = (await client(INCLUSION, {"position": 1, "treeSize": older}))["data"]
    assert b64(at_older["inclusionProof"]["rootHash"]) == roots[older]
    proof = (await client(CONSISTENCY, {"first": older, "second": size}))["data"]
    c = proof["consistencyProof"]
    assert merkle.verify_consistency(
        older, size, roots[older], roots[size], [b64(h) for h in c["path"]]
    )


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (INCLUSION, {"position": 10**6}, "position"),
        (INCLUSION, {"position": 1, "treeSize": 10**6}, "treeSize"),
        (INCLUSION, {"position": 1, "treeSize": 0}, "treeSize"),
        (CONSISTENCY, {"first": 9, "second": 3}, "first"),
        (CONSISTENCY, {"first": 1, "second": 10**6}, "second"),
        (CHECKPOINTS, {"first": 0}, "first"),
        (CHECKPOINTS, {"first": 5, "after": "bm90LWEtY3Vyc29y"}, "after"),
    ],
)
async def test_bad_input_is_a_bad_user_input_error(
    audited: tuple[Client, Settings], query: str, variables: dict[str, Any], field: str
) -> None:
    client, _ = audited
    body = await client(query, variables)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert error["message"]


async def test_without_a_key_there_is_no_public_key_and_no_checkpoint(ledger: Ledger) -> None:
    app = bootstrap(Settings(key_file="/nonexistent/socai.key"), ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http:
        client = Client(http)
        assert (await client(PUBLIC_KEY))["data"]["publicKey"] is None
        data = (await client(CHECKPOINTS, {"first": 5}))["data"]
        assert data["latestCheckpoint"] is None
        assert data["checkpoints"]["nodes"] == []


async def test_the_server_runs_the_follower_while_it_serves(ledger: Ledger, tmp_path: Path) -> None:
    settings = Settings(
        key_file=str(tmp_path / "socai.key"), log_origin="socai.test", follow_poll_seconds=0.05
    )
    create_key_file(settings.key_path, settings.log_origin)
    record_commune(ledger, villages=1, tasks_each=1)
    expected = len(ledger.recorder.select_notifications(start=1, limit=10_000))
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),  # what uvicorn runs around serving
        httpx.AsyncClient(transport=transport, base_url="http://socai.test") as http,
    ):
        client = Client(http)
        deadline = time.monotonic() + 20
        latest = None
        while time.monotonic() < deadline:
            latest = (await client("{ latestCheckpoint { treeSize } }"))["data"]["latestCheckpoint"]
            if latest and latest["treeSize"] == expected:
                break
            await asyncio.sleep(0.02)
        assert latest == {"treeSize": expected}
