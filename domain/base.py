"""What every aggregate and event shares: who did it, when it took effect, and why."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoding

from domain.catalog import PERIOD_END, PERIOD_START


class DomainError(Exception):
    """An expected refusal: the caller gets it back as a typed result."""


class RuleBroken(DomainError):
    """A command that an aggregate's rules refuse; the class name is the rule's name."""

    @property
    def rule(self) -> str:
        return type(self).__name__


class InvalidInput(DomainError):
    """Input that cannot be a command at all: a malformed id, empty text, a bad date."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DateOutsideProgram(RuleBroken):
    pass


@dataclass(frozen=True)
class Stamp:
    """Who recorded an event, in which role, why, as part of which request, effective when."""

    actor_id: str
    actor_role: str
    reason: str
    correlation_id: str
    effective_date: date | None = None


class StampAsDict(Transcoding):
    type = Stamp
    name = "stamp"

    def encode(self, obj: Stamp) -> dict[str, Any]:
        return {
            "actor_id": obj.actor_id,
            "actor_role": obj.actor_role,
            "reason": obj.reason,
            "correlation_id": obj.correlation_id,
            "effective_date": obj.effective_date,
        }

    def decode(self, data: dict[str, Any]) -> Stamp:
        return Stamp(**data)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class LedgerAggregate(Aggregate):
    """Base of every aggregate: events carry a stamp, and state changes only in `apply`."""

    STREAM: ClassVar[str] = ""

    class Event(Aggregate.Event):
        stamp: Stamp

    class Created(Event, Aggregate.Created):
        pass

    def _trigger(
        self, event_class: type[LedgerAggregate.Event], stamp: Stamp, **fields: Any
    ) -> None:
        self.trigger_event(event_class, stamp=stamp, **fields)


def check_in_period(field: str, value: date | None) -> None:
    if value is not None and not PERIOD_START <= value <= PERIOD_END:
        raise DateOutsideProgram(
            f"{field} {value.isoformat()} is outside the program period "
            f"{PERIOD_START.isoformat()}–{PERIOD_END.isoformat()}"
        )


def clean_year(year: int, field: str = "year") -> int:
    if not PERIOD_START.year <= year <= PERIOD_END.year:
        raise InvalidInput(
            field, f"must be a year of the program, {PERIOD_START.year}–{PERIOD_END.year}"
        )
    return year


MAX_TEXT = 4000
MAX_NAME = 200


def clean_text(field: str, value: str, *, required: bool = True, max_length: int = MAX_TEXT) -> str:
    """Normalize to NFC and trim, so that a name typed in NFD matches the same name in NFC."""
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidInput(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidInput(field, f"must be at most {max_length} characters")
    return text


def clean_list(field: str, values: list[str], *, max_items: int = 50) -> list[str]:
    if len(values) > max_items:
        raise InvalidInput(field, f"must have at most {max_items} items")
    return [clean_text(field, v, max_length=MAX_NAME * 5) for v in values]


def new_id() -> UUID:
    return uuid4()


class NotFound(DomainError):
    def __init__(self, kind: str, id: object) -> None:
        super().__init__(f"no {kind} with id {id}")
        self.kind = kind
        self.id = str(id)


class Conflict(DomainError):
    """Concurrent writes kept colliding; nothing was recorded."""


class IdempotencyKeyReused(DomainError):
    """The key was used before with a different command or input."""
