"""A webhook subscriber: a higher-level system that receives the record as it is written.

A subscriber is configuration that an administrator keeps, not an act of carrying out the
program: an admin records no domain events. Subscribers therefore live in their own table,
changed in one transaction together with the idempotency key of the command that changed
them, and the delivery worker keeps each one's position in the log beside it."""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass, replace
from urllib.parse import urlsplit
from uuid import UUID

from domain.base import InvalidInput, RuleBroken, clean_text

ACTIVE, PARKED, DISABLED = "active", "parked", "disabled"
AUDIENCES = ("public", "auditor")
SECRET_PREFIX = "whsec_"


class WebhookNotStopped(RuleBroken):
    """Only a parked or disabled subscriber can be resumed."""


class WebhookAlreadyDisabled(RuleBroken):
    pass


@dataclass(frozen=True)
class Subscriber:
    id: UUID
    url: str
    event_types: tuple[str, ...]  # empty: every type
    unit_ids: tuple[str, ...]  # empty: every unit, and events that concern none
    secret: str
    audience: str  # "auditor" receives personal fields; "public" does not
    status: str
    position: int  # the last log position delivered (or passed over by the filters)
    failures: int  # consecutive failed attempts at the next event
    next_attempt_at: float | None  # seconds since the epoch; None: as soon as there is work
    last_error: str | None
    registered_by: str
    registered_at: str
    changed_at: str

    @property
    def webhook_secret(self) -> bytes:
        return base64.b64decode(self.secret[len(SECRET_PREFIX) :])


def clean_url(url: str) -> str:
    text = clean_text("url", url, max_length=2000)
    try:
        parts = urlsplit(text)
        _ = parts.port  # refuses a port that is not a number
    except ValueError:
        raise InvalidInput("url", "is not a URL") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput("url", "must be an http or https URL with a host")
    if parts.username or parts.password or parts.fragment:
        raise InvalidInput("url", "must carry no credentials and no fragment")
    return text


def clean_secret(secret: str | None) -> str:
    """`whsec_` and the base64 of 24 to 64 random bytes; made here when none is given."""
    if secret is None or not secret.strip():
        return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()
    text = secret.strip()
    if not text.startswith(SECRET_PREFIX):
        raise InvalidInput("secret", f"must start with '{SECRET_PREFIX}'")
    try:
        raw = base64.b64decode(text[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("secret", "must be base64 after the prefix") from None
    if not 24 <= len(raw) <= 64:
        raise InvalidInput("secret", "must hold 24 to 64 bytes")
    return text


def register(
    id: UUID,
    *,
    url: str,
    event_types: tuple[str, ...],
    unit_ids: tuple[str, ...],
    secret: str | None,
    audience: str,
    start_after: int,
    actor_id: str,
    now: str,
) -> Subscriber:
    if audience not in AUDIENCES:
        raise InvalidInput("audience", f"must be one of {', '.join(AUDIENCES)}")
    if start_after < 0:
        raise InvalidInput("startAfter", "must be a log position, 0 or more")
    return Subscriber(
        id=id,
        url=clean_url(url),
        event_types=event_types,
        unit_ids=unit_ids,
        secret=clean_secret(secret),
        audience=audience,
        status=ACTIVE,
        position=start_after,
        failures=0,
        next_attempt_at=None,
        last_error=None,
        registered_by=actor_id,
        registered_at=now,
        changed_at=now,
    )


def resume(subscriber: Subscriber, now: str) -> Subscriber:
    """Back to work from where it stopped: the next event is the one it was stuck on."""
    if subscriber.status == ACTIVE:
        raise WebhookNotStopped("the subscriber is active; only a parked or disabled one resumes")
    return replace(
        subscriber, status=ACTIVE, failures=0, next_attempt_at=None, last_error=None, changed_at=now
    )


def disable(subscriber: Subscriber, now: str, reason: str) -> Subscriber:
    if subscriber.status == DISABLED:
        raise WebhookAlreadyDisabled("the subscriber is already disabled")
    return replace(subscriber, status=DISABLED, last_error=reason or None, changed_at=now)


# What a delivery attempt does to its subscriber. `at` is seconds since the epoch, `now` the
# same instant as ISO text.


def delivered(subscriber: Subscriber, position: int, now: str) -> Subscriber:
    return replace(
        subscriber,
        position=position,
        failures=0,
        next_attempt_at=None,
        last_error=None,
        changed_at=now,
    )


def passed_over(subscriber: Subscriber, position: int, now: str) -> Subscriber:
    """Events up to `position` match none of its filters: nothing to send for them."""
    return replace(subscriber, position=position, changed_at=now)


def failed(
    subscriber: Subscriber,
    error: str,
    *,
    schedule: tuple[float, ...],
    max_failures: int,
    at: float,
    now: str,
) -> Subscriber:
    """Backs off on the schedule; parked, keeping its position, after `max_failures`."""
    failures = subscriber.failures + 1
    if failures >= max_failures:
        return replace(
            subscriber,
            status=PARKED,
            failures=failures,
            next_attempt_at=None,
            last_error=f"parked after {failures} failed attempts; last: {error}",
            changed_at=now,
        )
    delay = schedule[min(failures, len(schedule)) - 1] if schedule else 0.0
    return replace(
        subscriber,
        failures=failures,
        next_attempt_at=at + delay,
        last_error=error,
        changed_at=now,
    )


def throttled(subscriber: Subscriber, error: str, *, retry_at: float, now: str) -> Subscriber:
    """The receiver asked for time (429 or 503 with Retry-After): honoured, not a failure."""
    return replace(subscriber, next_attempt_at=retry_at, last_error=error, changed_at=now)


def gone(subscriber: Subscriber, now: str) -> Subscriber:
    """410 Gone: the receiver wants no more; an admin may resume it."""
    return replace(
        subscriber,
        status=DISABLED,
        next_attempt_at=None,
        last_error="the receiver answered 410 Gone",
        changed_at=now,
    )
