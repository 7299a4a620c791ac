"""The webhook deliverer on a real store, posting to a real receiver on 127.0.0.1: signatures,
410, 429 with Retry-After, backoff, parking and resuming, filters and redaction."""

from __future__ import annotations

import base64
import email.utils
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from domain.application import Ledger
from domain.authority import Actor, Role
from domain.unit import unit_id_for
from domain.webhook import Subscriber
from projections.delivery import ConfigError, Deliverer, DeliveryConfig, retry_after
from projections.history import list_history
from projections.webhooks import list_attempts
from tests.conftest import OFFICE, request_as
from tests.integration.commune import discipline_a_member
from tests.integration.commune import follower as ledger_follower
from tests.support.checking import leaf_of, tampered
from tests.support.processes import Receiver, until

ADMIN = Actor("admin-1", Role.ADMIN)
SECRET = "whsec_" + base64.b64encode(b"bi-mat-cua-thanh-uy-0123456789ab").decode()
T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Receiver]:
    found = Receiver(tmp_path)
    found.start()
    try:
        yield found
    finally:
        found.kill()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deliverer(ledger: Ledger, clock: Clock) -> Iterator[Deliverer]:
    config = DeliveryConfig(timeout=5, retry_schedule=(1.0, 5.0), max_failures=3)
    found = Deliverer(ledger, config, clock=clock)
    try:
        yield found
    finally:
        found.close()


def register_unit(ledger: Ledger, code: str) -> None:
    ledger.register_unit(
        request_as(OFFICE), code=code, kind="village", name=f"Thôn {code}", parent_id=None
    )


def subscribe(ledger: Ledger, url: str, **options: Any) -> UUID:
    options.setdefault("start_after", 0)
    return ledger.register_webhook(request_as(ADMIN), url=url, secret=SECRET, **options).id


def subscriber(ledger: Ledger, webhook_id: UUID) -> Subscriber:
    return ledger.webhook_subscriber(webhook_id)


def verified(record: dict[str, Any]) -> dict[str, Any]:
    """The event, once a Standard Webhooks verifier that is not ours accepts the signature."""
    event: dict[str, Any] = Webhook(SECRET).verify(record["body"], record["headers"])
    return event


def test_each_event_arrives_signed_in_order_as_a_cloudevent(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    for code in ("thon-1", "thon-2", "thon-3"):
        register_unit(ledger, code)
    webhook_id = subscribe(ledger, receiver.url())
    assert deliverer.run_once() == 3
    records = receiver.records()
    events = [verified(r) for r in records]
    assert [e["sequence"] for e in events] == [f"{p:020d}" for p in (1, 2, 3)]
    assert [e["data"]["fields"]["code"] for e in events] == ["thon-1", "thon-2", "thon-3"]
    assert records[0]["headers"]["content-type"] == "application/cloudevents+json; charset=utf-8"
    assert records[0]["headers"]["webhook-id"] == f"{webhook_id}:1"
    assert subscriber(ledger, webhook_id).position == 3
    attempts = list_attempts_of(ledger, webhook_id)
    assert [(a["position"], a["outcome"], a["status_code"]) for a in attempts] == [
        (3, "delivered", 200),
        (2, "delivered", 200),
        (1, "delivered", 200),
    ]
    assert deliverer.run_once() == 0  # nothing new: nothing sent
    assert len(receiver.records()) == 3


def test_a_delivered_event_names_its_ledger_leaf(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    for code in ("thon-1", "thon-2"):
        register_unit(ledger, code)
    subscribe(ledger, receiver.url())
    assert deliverer.run_once() == 2
    ledger_follower(ledger).catch_up()
    with ledger.reading() as sql:
        stored = {
            int(r["position"]): bytes(r["hash"])
            for r in sql.all(f"SELECT position, hash FROM {sql.table('ledger_leaves')}")
        }
    events = [verified(r) for r in receiver.records()]
    assert [leaf_of(e) for e in events] == [stored[1], stored[2]]
    assert leaf_of(tampered(events[0])) != stored[1]


def test_a_tampered_body_fails_verification(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    register_unit(ledger, "thon-1")
    subscribe(ledger, receiver.url())
    deliverer.run_once()
    record = receiver.records()[0]
    tampered = record["body"].replace("thon-1", "thon-9")
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(tampered, record["headers"])
    other = "whsec_" + base64.b64encode(b"x" * 32).decode()
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(record["body"], record["headers"])


def test_410_disables_the_subscriber_until_an_admin_resumes_it(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    register_unit(ledger, "thon-1")
    webhook_id = subscribe(ledger, receiver.url())
    receiver.answer(status=410)
    assert deliverer.run_once() == 0
    gone = subscriber(ledger, webhook_id)
    assert (gone.status, gone.position) == ("disabled", 0)
    assert gone.last_error == "the receiver answered 410 Gone"
    register_unit(ledger, "thon-2")
    assert deliverer.run_once() == 0
    assert len(receiver.records()) == 1  # nothing more was sent
    receiver.answer(status=200)
    ledger.resume_webhook(request_as(ADMIN), webhook_id=webhook_id)
    assert deliverer.run_once() == 2
    assert [verified(r)["sequence"][-1] for r in receiver.records()] == ["1", "1", "2"]


def test_429_with_retry_after_is_honoured_and_is_no_failure(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer, clock: Clock
) -> None:
    register_unit(ledger, "thon-1")
    webhook_id = subscribe(ledger, receiver.url())
    receiver.answer(script=[{"status": 429, "retry_after": "30"}])
    deliverer.run_once()
    waiting = subscriber(ledger, webhook_id)
    assert waiting.next_attempt_at == T0 + 30
    assert (waiting.failures, waiting.status, waiting.position) == (0, "active", 0)
    clock.now = T0 + 29
    assert deliverer.run_once() == 0
    assert len(receiver.records()) == 1
    clock.now = T0 + 30
    assert deliverer.run_once() == 1
    records = receiver.records()
    assert [r["status"] for r in records] == [429, 200]
    assert records[0]["headers"]["webhook-id"] == records[1]["headers"]["webhook-id"]
    assert [a["outcome"] for a in list_attempts_of(ledger, webhook_id)] == [
        "delivered",
        "throttled",
    ]


def test_retry_after_waits_in_real_time(ledger: Ledger, receiver: Receiver) -> None:
    register_unit(ledger, "thon-1")
    subscribe(ledger, receiver.url())
    receiver.answer(script=[{"status": 429, "retry_after": "1"}])
    deliverer = Deliverer(ledger, DeliveryConfig(timeout=5))
    try:
        until(deliverer.run_once, within=10, what="the delivery after Retry-After")
    finally:
        deliverer.close()
    first, second = receiver.records()
    assert second["received_at"] - first["received_at"] >= 1.0


def test_failures_back_off_on_the_schedule_then_park_and_resume(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer, clock: Clock
) -> None:
    register_unit(ledger, "thon-1")
    webhook_id = subscribe(ledger, receiver.url())
    receiver.answer(status=500)
    deliverer.run_once()
    assert subscriber(ledger, webhook_id).next_attempt_at == T0 + 1  # 1st failure: 1 s
    assert deliverer.run_once() == 0
    assert len(receiver.records()) == 1
    clock.now = T0 + 1
    deliverer.run_once()
    second = subscriber(ledger, webhook_id)
    assert (second.failures, second.next_attempt_at) == (2, T0 + 1 + 5)  # 2nd: 5 s
    clock.now = T0 + 6
    deliverer.run_once()
    parked = subscriber(ledger, webhook_id)
    assert (parked.status, parked.failures, parked.position) == ("parked", 3, 0)
    assert parked.last_error == "parked after 3 failed attempts; last: HTTP 500"
    clock.now = T0 + 10_000
    register_unit(ledger, "thon-2")
    assert deliverer.run_once() == 0
    records = receiver.records()
    assert len(records) == 3
    assert len({r["headers"]["webhook-id"] for r in records}) == 1
    receiver.answer(status=204)
    ledger.resume_webhook(request_as(ADMIN), webhook_id=webhook_id)
    assert deliverer.run_once() == 2
    resumed = subscriber(ledger, webhook_id)
    assert (resumed.status, resumed.failures, resumed.position) == ("active", 0, 2)


def test_an_unreachable_receiver_counts_as_a_failure(ledger: Ledger, clock: Clock) -> None:
    register_unit(ledger, "thon-1")
    webhook_id = subscribe(ledger, "http://127.0.0.1:9/nobody")
    deliverer = Deliverer(ledger, DeliveryConfig(timeout=2), clock=clock)
    try:
        deliverer.run_once()
    finally:
        deliverer.close()
    failed = subscriber(ledger, webhook_id)
    assert failed.failures == 1
    assert failed.last_error is not None
    assert failed.last_error.startswith("ConnectError")


def test_filters_choose_events_and_personal_fields_reach_only_an_auditor(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    for code in ("thon-1", "thon-2"):
        register_unit(ledger, code)
    public = subscribe(ledger, receiver.url("public"), event_types=["CommendationProposed"])
    auditor = subscribe(
        ledger, receiver.url("auditor"), event_types=["CommendationProposed"], audience="auditor"
    )
    thon_2 = subscribe(ledger, receiver.url("thon-2"), unit_ids=[unit_id_for("thon-2")])
    ledger.propose_commendation(
        request_as(OFFICE),
        recipient_kind="person",
        recipient_unit_id=unit_id_for("thon-1"),
        recipient_name="Trần Thị B",
        form="giấy khen",
        achievement="Người tốt, việc tốt",
    )
    ledger.rename_unit(request_as(OFFICE), unit_id=unit_id_for("thon-2"), name="Thôn Hai")
    deliverer.run_once()
    (seen_by_public,) = [verified(r) for r in receiver.records("public")]
    (seen_by_auditor,) = [verified(r) for r in receiver.records("auditor")]
    assert seen_by_public["data"]["fields"]["recipient"] == {"personal": "withheld"}
    assert "Trần Thị B" not in json.dumps(seen_by_public, ensure_ascii=False)
    assert seen_by_auditor["data"]["fields"]["recipient"]["value"] == "Trần Thị B"
    with ledger.reading() as sql:
        reads = list_history(sql, event_type="PersonalDataRead").rows
    assert [r["actor_id"] for r in reads] == [f"webhook:{auditor}"]
    assert [verified(r)["type"] for r in receiver.records("thon-2")] == [
        "vn.socai.unit.UnitRegistered",
        "vn.socai.unit.UnitRenamed",
    ]
    # every subscriber passes the events its filters leave out, up to the head: the auditor's
    # delivery recorded its read as event 5, which no filter here takes
    deliverer.run_once()
    assert ledger.recorder.max_notification_id() == 5
    for webhook_id in (public, auditor, thon_2):
        assert subscriber(ledger, webhook_id).position == 5


def test_a_members_discipline_reaches_only_an_auditor(
    ledger: Ledger, receiver: Receiver, deliverer: Deliverer
) -> None:
    register_unit(ledger, "thon-1")
    kinds = ["DisciplineProposed", "DisciplineDecided"]
    subscribe(ledger, receiver.url("public"), event_types=kinds)
    subscribe(ledger, receiver.url("auditor"), event_types=kinds, audience="auditor")
    discipline_a_member(
        ledger, "thon-1", "Đinh Văn Kỷ", "Lý do riêng tư", "QĐ riêng 7", date(2026, 7, 1)
    )
    deliverer.run_once()
    public = [verified(r) for r in receiver.records("public")]
    auditor = [verified(r) for r in receiver.records("auditor")]
    assert [e["type"].rsplit(".", 1)[1] for e in public] == kinds
    sent = json.dumps(public, ensure_ascii=False)
    assert not [t for t in ("Đinh Văn Kỷ", "Lý do riêng tư", "QĐ riêng 7", "warning") if t in sent]
    assert public[0]["data"]["fields"]["sealed_grounds"] == {"personal": "withheld"}
    assert public[1]["data"]["fields"]["sealed_outcome"] == {"personal": "withheld"}
    assert auditor[0]["data"]["fields"]["sealed_grounds"]["value"] == "Lý do riêng tư"
    assert auditor[1]["data"]["fields"]["sealed_form"]["value"] == "warning"
    assert auditor[1]["data"]["fields"]["sealed_decision_number"]["value"] == "QĐ riêng 7"


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("120", T0) == 120
    assert retry_after(email.utils.formatdate(T0 + 30, usegmt=True), T0) == 30
    assert retry_after(email.utils.formatdate(T0 - 30, usegmt=True), T0) == 0
    assert retry_after("soon", T0) is None
    assert retry_after(None, T0) is None


def list_attempts_of(ledger: Ledger, webhook_id: UUID) -> list[dict[str, Any]]:
    with ledger.reading() as sql:
        return [json.loads(json.dumps(a.__dict__)) for a in list_attempts(sql, str(webhook_id))]


def test_delivery_settings_come_from_the_environment() -> None:
    config = DeliveryConfig.from_env(
        {
            "SOCAI_WEBHOOK_TIMEOUT": "3",
            "SOCAI_WEBHOOK_RETRY_SCHEDULE": "1, 10,60",
            "SOCAI_WEBHOOK_MAX_FAILURES": "4",
        },
        poll_interval=0.5,
    )
    assert (config.timeout, config.retry_schedule, config.max_failures) == (3, (1, 10, 60), 4)
    assert config.poll_interval == 0.5
    assert DeliveryConfig.from_env({}).retry_schedule[0] == 5
    for bad in ({"SOCAI_WEBHOOK_TIMEOUT": "soon"}, {"SOCAI_WEBHOOK_RETRY_SCHEDULE": "1,x"}):
        with pytest.raises(ConfigError):
            DeliveryConfig.from_env(bad)
