"""Live subscriptions over graphql-transport-ws, served by `socai serve` in its own process,
receiving events that other processes record: the test process itself and `socai init`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin, Subprotocol

from domain.application import Ledger
from domain.authority import SYSTEM
from domain.unit import unit_id_for
from projections.read import head_position
from tests.api.conftest import register_units
from tests.conftest import OFFICE, TOKEN_SPEC, TOKENS, request_as
from tests.support.processes import free_port, listening, socai, stop, until

ALLOWED = "https://bao-cao.nghiduong.vn"
WAIT = 15.0  # seconds any one message may take


class Server:
    def __init__(self, database_url: str, folder: Path) -> None:
        self.port = free_port()
        self.env = {
            "DATABASE_URL": database_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SOCAI_TOKENS": TOKEN_SPEC,
            "SOCAI_ALLOWED_ORIGINS": ALLOWED,
            # On PostgreSQL only a notification can wake the server in time; SQLite polls.
            "SOCAI_POLL_INTERVAL": "60" if database_url.startswith("postgres") else "0.1",
        }
        self.process = socai("serve", env=self.env, log=folder / "serve.log")
        until(lambda: listening(self.port), within=30, what="the server to listen")

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"


@pytest.fixture
def server(ledger: Ledger, database_url: str, tmp_path: Path) -> Iterator[Server]:
    found = Server(database_url, tmp_path)
    try:
        yield found
    finally:
        stop(found.process)


@asynccontextmanager
async def session(
    server: Server, role: str | None = None, origin: str | None = None
) -> AsyncIterator[ClientConnection]:
    async with connect(
        server.url,
        subprotocols=[Subprotocol("graphql-transport-ws")],
        origin=Origin(origin) if origin else None,
        proxy=None,
        open_timeout=WAIT,
    ) as ws:
        payload = {"authorization": f"Bearer {TOKENS[role]}"} if role else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        assert ack["type"] == "connection_ack"
        yield ws


async def subscribe(
    ws: ClientConnection, query: str, variables: dict[str, Any] | None = None, id: str = "1"
) -> None:
    message = {"query": query, "variables": variables or {}}
    await ws.send(json.dumps({"id": id, "type": "subscribe", "payload": message}))


async def next_payload(ws: ClientConnection) -> dict[str, Any]:
    message = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message["payload"]
    data: dict[str, Any] = message["payload"]["data"]
    return data


def head(ledger: Ledger) -> int:
    with ledger.reading() as sql:
        return head_position(sql)


EVENTS = """
subscription($after: Int, $types: [String!]) {
  events(after: $after, types: $types) { type position data }
}
"""


async def test_events_recorded_by_other_processes_arrive_live(
    ledger: Ledger, server: Server, database_url: str, tmp_path: Path
) -> None:
    register_units(ledger, "thon-0")
    async with session(server, role="office") as ws:
        await subscribe(ws, EVENTS, {"after": head(ledger), "types": ["UnitRegistered"]})
        for code in ("thon-1", "thon-2"):
            await asyncio.to_thread(register_units, ledger, code)
        first, second = [(await next_payload(ws))["events"] for _ in range(2)]
        assert [first["type"], second["type"]] == ["vn.socai.unit.UnitRegistered"] * 2
        assert [first["data"]["fields"]["code"], second["data"]["fields"]["code"]] == [
            "thon-1",
            "thon-2",
        ]
        assert second["position"] == first["position"] + 1

        # `socai init`, another process, records the program; it arrives as well.
        await subscribe(ws, EVENTS, {"after": head(ledger), "types": ["ProgramAdopted"]}, id="2")
        init = socai("init", env={"DATABASE_URL": database_url}, log=tmp_path / "init.log")
        try:
            adopted = (await next_payload(ws))["events"]
        finally:
            stop(init)
        assert adopted["type"] == "vn.socai.program.ProgramAdopted"


async def test_a_resumed_subscription_replays_from_its_position(
    ledger: Ledger, server: Server
) -> None:
    for code in ("thon-1", "thon-2", "thon-3"):
        register_units(ledger, code)
    async with session(server) as ws:
        await subscribe(ws, EVENTS, {"after": 1})
        replayed = [(await next_payload(ws))["events"]["position"] for _ in range(2)]
        assert replayed == [2, 3]
        await asyncio.to_thread(register_units, ledger, "thon-4")
        assert (await next_payload(ws))["events"]["position"] == 4


BOARD = """
subscription($unit: ID!) {
  boardChanged(unitId: $unit, on: "2026-06-01") {
    unit { code } tasks { title } taskTally { total open }
  }
}
"""


async def test_a_units_board_arrives_now_and_after_each_change(
    ledger: Ledger, server: Server
) -> None:
    ledger.adopt_program(request_as(SYSTEM))
    register_units(ledger, "thon-1")
    register_units(ledger, "thon-2")
    async with session(server) as ws:
        await subscribe(ws, BOARD, {"unit": str(unit_id_for("thon-1"))})
        now = (await next_payload(ws))["boardChanged"]
        assert now == {
            "unit": {"code": "thon-1"},
            "tasks": [],
            "taskTally": {"total": 0, "open": 0},
        }
        # A change to another unit sends nothing; the next one for thôn 1 does.
        await asyncio.to_thread(
            ledger.rename_unit, request_as(OFFICE), unit_id=unit_id_for("thon-2"), name="Thôn Hai"
        )
        await asyncio.to_thread(
            ledger.assign_task,
            request_as(OFFICE),
            title="Lắp đặt Camera an ninh",
            description="",
            area="III.4",
            phase="phase-1",
            lead_unit_id=unit_id_for("thon-1"),
            coordinating_unit_ids=[],
            due_date=date(2026, 12, 31),
        )
        changed = (await next_payload(ws))["boardChanged"]
        assert changed["tasks"] == [{"title": "Lắp đặt Camera an ninh"}]
        assert changed["taskTally"] == {"total": 1, "open": 1}


async def test_personal_fields_reach_only_an_auditors_subscription(
    ledger: Ledger, server: Server
) -> None:
    register_units(ledger, "thon-1")
    query = {"after": 1, "types": ["CommendationProposed"]}
    async with session(server) as public, session(server, role="auditor") as auditor:
        await subscribe(public, EVENTS, query)
        await subscribe(auditor, EVENTS, query)
        await asyncio.to_thread(
            ledger.propose_commendation,
            request_as(OFFICE),
            recipient_kind="family",
            recipient_unit_id=unit_id_for("thon-1"),
            recipient_name="Gia đình ông Lê Văn C",
            form="giấy khen",
            achievement="Gia đình văn hóa tiêu biểu",
        )
        seen_by_public = (await next_payload(public))["events"]["data"]["fields"]
        seen_by_auditor = (await next_payload(auditor))["events"]["data"]["fields"]
    assert seen_by_public["recipient"] == {"personal": "withheld"}
    assert seen_by_auditor["recipient"]["value"] == "Gia đình ông Lê Văn C"


async def test_credentials_and_origins_are_checked_when_the_connection_opens(
    server: Server,
) -> None:
    async with connect(
        server.url, subprotocols=[Subprotocol("graphql-transport-ws")], proxy=None
    ) as ws:
        payload = {"authorization": "Bearer not-a-token"}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), WAIT)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    with pytest.raises(InvalidStatus) as refused:
        async with session(server, origin="https://evil.example"):
            pass
    assert refused.value.response.status_code == 403
    async with session(server, origin=ALLOWED):
        pass
    same = f"http://127.0.0.1:{server.port}"
    async with session(server, origin=same):
        pass
