"""The webhook deliverer: a follower of the log that POSTs each event to each subscriber.

At least once, in log order per subscriber. A subscriber's position moves, and the attempt is
recorded, in one transaction after a 2xx answer; a deliverer that dies before that sends the
same event again, with the same `webhook-id`, so a receiver can drop the duplicate.

Only the deliverer sends (`socai deliver`, its own process), never a server process, so
serving from several processes sends nothing twice. Several deliverers may run: on
PostgreSQL each holds the subscriber's row (`FOR UPDATE SKIP LOCKED`) from choosing an event
until its outcome is written, so two never serve one subscriber at once; on SQLite, a
single-writer store on one machine, one deliverer works at a time (a file lock beside the
database) and any other waits to take over."""

from __future__ import annotations

import base64
import email.utils
import fcntl
import hashlib
import hmac
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any
from uuid import UUID

import httpx
import psycopg
from eventsourcing.persistence import PersistenceError

from domain import webhook
from domain.authority import Actor, Role
from domain.base import DomainError
from domain.ledger import LedgerCore, Request
from domain.webhook import Subscriber
from projections.cloudevents import CONTENT_TYPE, to_cloudevent
from projections.feed import read_feed
from projections.follow import LogWaker
from projections.personal import open_sealed, sees_personal, withhold
from projections.storage import Row, Sql, dumps
from projections.webhooks import (
    Attempt,
    claim_subscriber,
    due_subscribers,
    get_subscriber,
    next_wakeup,
    record_attempt,
    save_subscriber,
)

log = logging.getLogger("socai.deliver")

# Standard Webhooks' suggestion, in seconds after the 1st, 2nd, … failed attempt.
DEFAULT_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class DeliveryConfig:
    timeout: float = 10.0  # seconds for one POST
    retry_schedule: tuple[float, ...] = DEFAULT_SCHEDULE
    max_failures: int = 8  # failed attempts in a row before a subscriber is parked
    poll_interval: float = 1.0  # how often to look at the log when not notified
    max_retry_after: float = 86400.0  # the longest Retry-After honoured
    workers: int = 4  # subscribers served at once
    batch: int = 100  # events for one subscriber before turning to the others

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] = os.environ, *, poll_interval: float = 1.0
    ) -> DeliveryConfig:
        def number(name: str, default: float) -> float:
            raw = environ.get(name)
            try:
                value = float(raw) if raw else default
            except ValueError:
                raise ConfigError(f"{name} must be a number of seconds") from None
            if value < 0:
                raise ConfigError(f"{name} must not be negative")
            return value

        raw_schedule = environ.get("SOCAI_WEBHOOK_RETRY_SCHEDULE")
        try:
            schedule = tuple(float(s) for s in raw_schedule.split(",")) if raw_schedule else None
        except ValueError:
            raise ConfigError("SOCAI_WEBHOOK_RETRY_SCHEDULE: seconds, comma-separated") from None
        return cls(
            timeout=number("SOCAI_WEBHOOK_TIMEOUT", cls.timeout) or cls.timeout,
            retry_schedule=schedule or DEFAULT_SCHEDULE,
            max_failures=max(1, int(number("SOCAI_WEBHOOK_MAX_FAILURES", cls.max_failures))),
            poll_interval=poll_interval,
        )


def sign(secret: bytes, webhook_id: str, timestamp: int, body: bytes) -> str:
    """Standard Webhooks: base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", version v1."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(secret, signed, hashlib.sha256).digest()).decode()


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    retry_after: float | None
    duration_ms: int

    @property
    def kind(self) -> str:
        code = self.status_code
        if code is not None and 200 <= code < 300:
            return "delivered"
        if code == 410:
            return "gone"
        if code in (429, 503) and self.retry_after is not None:
            return "throttled"
        return "failed"


def retry_after(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: a number of seconds, or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


@dataclass(frozen=True)
class Change:
    subscriber: Subscriber
    attempt: Attempt | None
    moved: bool


def webhook_id(subscriber: Subscriber, position: int) -> str:
    """The same for every attempt at one event for one subscriber."""
    return f"{subscriber.id}:{position}"


class Deliverer:
    def __init__(
        self,
        ledger: LedgerCore,
        config: DeliveryConfig | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.ledger = ledger
        self.config = config or DeliveryConfig()
        self.clock = clock
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=self.config.workers)
        self._lock_file: IO[bytes] | None = None

    # --- the loop -----------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Delivers until `stop` is set; sleeps on the log when there is nothing to do."""
        waker = LogWaker(self.ledger)
        try:
            while not stop.is_set():
                try:
                    if self.run_once():
                        continue
                    timeout = self._idle_timeout()
                except (PersistenceError, psycopg.Error) as error:
                    # The database is away for a moment: nothing was half-written; try again.
                    log.warning("the store is unavailable (%s); retrying", error)
                    stop.wait(self.config.poll_interval)
                    continue
                waker.wait(timeout, stop)
        finally:
            waker.close()

    def run_once(self) -> int:
        """One round: each due subscriber gets up to `batch` events. Returns how many were
        delivered (or passed over by filters)."""
        if not self._exclusive():
            return 0
        with self.ledger.reading() as sql:
            due = due_subscribers(sql, self.clock())
        return sum(self._pool.map(self._drain, due))

    def _idle_timeout(self) -> float:
        timeout = self.config.poll_interval
        with self.ledger.reading() as sql:
            wakeup = next_wakeup(sql)
        if wakeup is not None:
            timeout = min(timeout, max(0.0, wakeup - self.clock()))
        return max(timeout, 0.01)

    def _drain(self, subscriber_id: str) -> int:
        done = 0
        while done < self.config.batch and self._serve(subscriber_id):
            done += 1
        return done

    def _exclusive(self) -> bool:
        """SQLite: whether this deliverer holds the file lock (taken once, kept until close)."""
        if self.ledger.database.backend != "sqlite" or self._lock_file is not None:
            return True
        handle = open(f"{self.ledger.database.path}.deliver.lock", "ab")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._lock_file = handle
        return True

    # --- one event for one subscriber ---------------------------------------------------

    def _serve(self, subscriber_id: str) -> bool:
        """Sends the subscriber's next event, if it is due and has one. True when its position
        moved (so that there may be more to send at once)."""
        if self.ledger.database.backend == "postgres":
            with self.ledger.store.writing() as sql:
                subscriber = claim_subscriber(sql, subscriber_id)
                if subscriber is None or not self._due(subscriber):
                    return False
                event = self._next_event(sql, subscriber)
                if event is None:
                    return False
                change = self._attempt(subscriber, event)
                self._write(sql, subscriber, change)
                return change.moved
        # SQLite: the file lock makes this the only deliverer; the POST runs outside any
        # transaction, so that writers never wait on a receiver.
        with self.ledger.reading() as sql:
            subscriber = get_subscriber(sql, subscriber_id)
            if subscriber is None or subscriber.status != webhook.ACTIVE:
                return False
            if not self._due(subscriber):
                return False
            event = self._next_event(sql, subscriber)
        if event is None:
            return False
        change = self._attempt(subscriber, event)
        with self.ledger.store.writing() as sql:
            self._write(sql, subscriber, change)
        return change.moved

    def _due(self, subscriber: Subscriber) -> bool:
        at = subscriber.next_attempt_at
        return at is None or at <= self.clock()

    def _next_event(self, sql: Sql, subscriber: Subscriber) -> Row | int | None:
        """The next event to send; or, when none matches, the position to pass over to."""
        found = read_feed(
            sql,
            after=subscriber.position,
            limit=1,
            event_types=subscriber.event_types,
            unit_ids=subscriber.unit_ids,
            events_table=self.ledger.store.events_table_name,
        )
        if found.rows:
            return found.rows[0]
        return found.next_after if found.next_after > subscriber.position else None

    def _attempt(self, subscriber: Subscriber, event: Row | int) -> Change:
        now = self._now()
        if isinstance(event, int):
            return Change(webhook.passed_over(subscriber, event, now), None, moved=True)
        position: int = event["position"]
        outcome = self._post(subscriber, event)
        log.info(
            "%s %s position %d: %s",
            outcome.kind,
            subscriber.url,
            position,
            outcome.status_code or outcome.error,
        )
        attempt = Attempt(
            subscriber_id=str(subscriber.id),
            position=position,
            webhook_id=webhook_id(subscriber, position),
            attempted_at=now,
            status_code=outcome.status_code,
            outcome=outcome.kind,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        changed = self._settle(subscriber, position, outcome)
        return Change(changed, attempt, moved=outcome.kind == "delivered")

    @staticmethod
    def _write(sql: Sql, before: Subscriber, change: Change) -> None:
        """The new state, unless an admin changed the subscriber meanwhile; and the attempt."""
        save_subscriber(sql, change.subscriber, expected_position=before.position)
        if change.attempt is not None:
            record_attempt(sql, change.attempt)

    def _settle(self, subscriber: Subscriber, position: int, outcome: Outcome) -> Subscriber:
        now, at = self._now(), self.clock()
        kind = outcome.kind
        if kind == "delivered":
            return webhook.delivered(subscriber, position, now)
        if kind == "gone":
            return webhook.gone(subscriber, now)
        if kind == "throttled":
            wait = min(outcome.retry_after or 0.0, self.config.max_retry_after)
            return webhook.throttled(
                subscriber,
                f"{outcome.status_code}: asked to retry after {wait:g} s",
                retry_at=at + wait,
                now=now,
            )
        return webhook.failed(
            subscriber,
            outcome.error or f"HTTP {outcome.status_code}",
            schedule=self.config.retry_schedule,
            max_failures=self.config.max_failures,
            at=at,
            now=now,
        )

    # --- HTTP -----------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(timeout=self.config.timeout, follow_redirects=False)
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client

    def _opened_for(self, subscriber: Subscriber, cloudevent: dict[str, Any]) -> dict[str, Any]:
        """An auditor subscriber's event with its personal fields opened, the read recorded;
        withheld when the read cannot be recorded."""
        from domain.services.personal import PersonalDataService

        with self.ledger.reading() as sql:
            found, shown = open_sealed(sql, cloudevent)
        opened: dict[str, Any] = found
        if not shown:
            return opened  # nothing personal in it, or only erased fields
        if not isinstance(self.ledger, PersonalDataService):
            return withhold(cloudevent)  # type: ignore[no-any-return]
        reader = Actor(f"webhook:{subscriber.id}", Role.AUDITOR)
        try:
            self.ledger.record_personal_read(
                Request(reader, f"personal-read:{uuid.uuid4()}", f"deliver-{subscriber.id}"),
                person_ids=sorted(UUID(p) for p in shown),
                operation="webhook delivery",
                query=f"position {cloudevent['data']['position']}",
            )
        except DomainError:
            log.exception("personal fields withheld: the read was not recorded")
            return withhold(cloudevent)  # type: ignore[no-any-return]
        return opened

    def _post(self, subscriber: Subscriber, event: Row) -> Outcome:
        role = Role.AUDITOR if subscriber.audience == "auditor" else Role.PUBLIC
        cloudevent: dict[str, Any] = to_cloudevent(event, role)
        if sees_personal(role):
            cloudevent = self._opened_for(subscriber, cloudevent)
        body = dumps(cloudevent).encode()
        message_id = webhook_id(subscriber, event["position"])
        timestamp = int(time.time())  # the receiver's clock judges it, not the scheduler's
        headers = {
            "content-type": f"{CONTENT_TYPE}; charset=utf-8",
            "user-agent": "socai-webhooks/1",
            "webhook-id": message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(subscriber.webhook_secret, message_id, timestamp, body),
        }
        started = time.monotonic()
        try:
            response = self._client().post(subscriber.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            took = int((time.monotonic() - started) * 1000)
            return Outcome(None, f"{type(error).__name__}: {error}"[:500], None, took)
        took = int((time.monotonic() - started) * 1000)
        code = response.status_code
        return Outcome(
            code,
            None if 200 <= code < 300 else f"HTTP {code}",
            retry_after(response.headers.get("retry-after"), self.clock()),
            took,
        )

    def _now(self) -> str:
        return datetime.fromtimestamp(self.clock(), UTC).isoformat(timespec="microseconds")

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        with self._clients_lock:
            for client in self._clients:
                client.close()
            self._clients.clear()
        if self._lock_file is not None:
            self._lock_file.close()  # releases the lock
            self._lock_file = None
