"""`socai deliver` as its own process, killed during a burst, with a receiver that is killed
and restarted too: nothing is lost, order per subscriber holds, and every duplicate carries
the same `webhook-id`. Two deliverers at once never send one event twice."""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from standardwebhooks import Webhook

from domain.application import Ledger
from domain.authority import Actor, Role
from domain.unit import unit_id_for
from projections.read import head_position
from tests.conftest import OFFICE, request_as
from tests.support.processes import Receiver, socai, stop, until

ADMIN = Actor("admin-1", Role.ADMIN)
SECRET = "whsec_" + base64.b64encode(b"khoa-ky-webhook-cua-thanh-uy-hp!").decode()


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Receiver]:
    found = Receiver(tmp_path)
    found.start()
    try:
        yield found
    finally:
        found.kill()


class Deliverers:
    """`socai deliver` processes on the test's store."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self.env = {
            "DATABASE_URL": database_url,
            "SOCAI_WEBHOOK_RETRY_SCHEDULE": "0.1,0.2",
            "SOCAI_WEBHOOK_MAX_FAILURES": "1000",
            "SOCAI_WEBHOOK_TIMEOUT": "60",
            "SOCAI_POLL_INTERVAL": "0.1",
        }
        self.log = folder / "deliver.log"
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        process = socai("deliver", env=self.env, log=self.log)
        self.running.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.running:
            stop(process)


@pytest.fixture
def deliverers(database_url: str, tmp_path: Path) -> Iterator[Deliverers]:
    found = Deliverers(database_url, tmp_path)
    try:
        yield found
    finally:
        found.stop_all()


def subscribe(ledger: Ledger, url: str, **options: Any) -> UUID:
    return ledger.register_webhook(
        request_as(ADMIN), url=url, secret=SECRET, start_after=0, **options
    ).id


def record_units(ledger: Ledger, first: int, last: int) -> None:
    """A unit registered for each number, and every third one renamed."""
    for n in range(first, last + 1):
        ledger.register_unit(
            request_as(OFFICE), code=f"thon-{n}", kind="village", name=f"Thôn {n}", parent_id=None
        )
        if n % 3 == 0:
            ledger.rename_unit(
                request_as(OFFICE), unit_id=unit_id_for(f"thon-{n}"), name=f"Thôn số {n}"
            )


def delivered(records: list[dict[str, Any]]) -> list[int]:
    return [int(r["headers"]["webhook-id"].rsplit(":", 1)[1]) for r in records if r["status"]]


def caught_up(ledger: Ledger, *webhook_ids: UUID) -> bool:
    with ledger.reading() as sql:
        head = head_position(sql)
    return all(ledger.webhook_subscriber(w).position == head for w in webhook_ids)


def check_stream(records: list[dict[str, Any]], expected: list[int]) -> int:
    """Every expected position arrived with a 2xx; positions never go back; duplicates are the
    same message (same webhook-id, same body); every signature verifies. Returns how many
    positions were sent more than once."""
    positions = [int(r["headers"]["webhook-id"].rsplit(":", 1)[1]) for r in records]
    assert positions == sorted(positions), "order per subscriber"
    ok = {p for p, r in zip(positions, records, strict=True) if r["status"] == 200}
    assert ok == set(expected), "nothing lost, nothing extra"
    by_position: dict[int, list[dict[str, Any]]] = {}
    for p, r in zip(positions, records, strict=True):
        by_position.setdefault(p, []).append(r)
        event = Webhook(SECRET).verify(r["body"], r["headers"])
        assert int(event["sequence"]) == p
    for copies in by_position.values():
        assert len({c["headers"]["webhook-id"] for c in copies}) == 1
        assert len({c["body"] for c in copies}) == 1
    return sum(1 for copies in by_position.values() if len(copies) > 1)


def test_a_burst_survives_killing_the_deliverer_and_the_receiver(
    ledger: Ledger, receiver: Receiver, deliverers: Deliverers
) -> None:
    everything = subscribe(ledger, receiver.url("all"))
    renames = subscribe(ledger, receiver.url("renames"), event_types=["UnitRenamed"])
    receiver.answer(delay=0.02)
    first = deliverers.start()
    record_units(ledger, 1, 12)  # 16 events
    until(lambda: len(delivered(receiver.records("all"))) >= 5, what="5 deliveries")

    # The deliverer dies while a receiver is holding its request: that event goes again.
    receiver.answer(script=[{"hang": True}], delay=0.02)
    until(lambda: any(r["status"] is None for r in receiver.records()), what="a held request")
    stop(first, kill=True)
    deliverers.start()
    record_units(ledger, 13, 24)  # 16 more, while the new deliverer catches up
    until(lambda: len(delivered(receiver.records("all"))) >= 20, what="20 deliveries")

    # The receiver dies holding a request, stays down for a while, then comes back.
    receiver.answer(script=[{"hang": True}], delay=0.02)
    until(
        lambda: sum(r["status"] is None for r in receiver.records()) >= 2,
        what="a second held request",
    )
    receiver.kill()
    record_units(ledger, 25, 30)  # 8 more while nobody receives
    until(
        lambda: ledger.webhook_subscriber(everything).failures >= 2,
        what="failed attempts while the receiver is down",
    )
    receiver.answer()
    receiver.start()
    until(lambda: caught_up(ledger, everything, renames), within=60, what="catching up")

    with ledger.reading() as sql:
        head = head_position(sql)
    assert head == 40
    resent = check_stream(receiver.records("all"), list(range(1, head + 1)))
    renamed = [
        int(Webhook(SECRET).verify(r["body"], r["headers"])["sequence"])
        for r in receiver.records("renames")
    ]
    with ledger.reading() as sql:
        rename_positions = [
            int(r["position"])
            for r in sql.all(
                f"SELECT position FROM {sql.table('history')} WHERE event_type = ? "
                "ORDER BY position",
                ("UnitRenamed",),
            )
        ]
    assert len(rename_positions) == 10
    resent += check_stream(receiver.records("renames"), rename_positions)
    assert sorted(set(renamed)) == rename_positions
    # The two held requests (to either subscriber) went again, with the same webhook-id.
    assert resent >= 2


def test_two_deliverers_at_once_never_send_an_event_twice(
    ledger: Ledger, receiver: Receiver, deliverers: Deliverers
) -> None:
    hooks = [subscribe(ledger, receiver.url(f"s{n}")) for n in range(3)]
    deliverers.start()
    deliverers.start()
    record_units(ledger, 1, 15)  # 20 events, three subscribers: 60 deliveries
    until(lambda: caught_up(ledger, *hooks), within=60, what="catching up")
    for n in range(3):
        records = receiver.records(f"s{n}")
        ids = [r["headers"]["webhook-id"] for r in records]
        assert len(ids) == len(set(ids)) == 20
        check_stream(records, list(range(1, 21)))
