"""The fold from events to views: one handler per event type, plus the history every event gets."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.base import LedgerAggregate
from domain.personal import Sealed
from projections.storage import Sql
from projections.viewstore import HistoryEntry, ViewStore


@dataclass(frozen=True)
class Touched:
    """What a handler tells the history: the units an event concerns and a readable line."""

    units: tuple[str, ...]
    summary: str


E = TypeVar("E", bound=LedgerAggregate.Event)
Handler = Callable[[Any, ViewStore], Touched]
Fold = Callable[[E, ViewStore], Touched]
HANDLERS: dict[type[LedgerAggregate.Event], Handler] = {}


def on(
    event_class: type[E],
) -> Callable[[Callable[[E, ViewStore], Touched]], Callable[[E, ViewStore], Touched]]:
    def register(handler: Callable[[E, ViewStore], Touched]) -> Callable[[E, ViewStore], Touched]:
        HANDLERS[event_class] = handler
        return handler

    return register


Also = Callable[[Any, ViewStore], None]
ALSO: dict[type[LedgerAggregate.Event], list[Also]] = {}


def also(event_class: type[E]) -> Callable[[Callable[[E, ViewStore], None]], Also]:
    """A further fold of an event that another view already handles (and names in the
    history): it writes rows of its own and returns nothing."""

    def register(fold: Callable[[E, ViewStore], None]) -> Also:
        ALSO.setdefault(event_class, []).append(fold)
        return fold

    return register


_META = {"originator_id", "originator_version", "timestamp", "originator_topic", "stamp"}


_SCALARS = (str, int, bool, float)


def plain(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, Sealed):
        return value.as_json()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@cache
def data_fields(event_class: type[LedgerAggregate.Event]) -> tuple[str, ...]:
    """The fields of an event class that its history entry's data holds."""
    return tuple(f.name for f in fields(event_class) if f.name not in _META)


def event_data(event: LedgerAggregate.Event) -> dict[str, Any]:
    return {name: plain(getattr(event, name)) for name in data_fields(type(event))}


@cache
def stream_of_class(event_class: type[LedgerAggregate.Event]) -> str:
    return event_class.__qualname__.split(".")[0].lower()


def stream_of(event: LedgerAggregate.Event) -> str:
    return stream_of_class(type(event))


def fold_event(
    event: LedgerAggregate.Event, store: ViewStore, skip: Collection[Also] = ()
) -> Touched:
    """Runs the event's handlers against the views (at `store.position`), but for the `also`
    folds in `skip`."""
    kind = type(event)
    handler = HANDLERS.get(kind)
    touched = handler(event, store) if handler else Touched((), kind.__name__)
    for further in ALSO.get(kind, ()):
        if further not in skip:
            further(event, store)
    return touched


def fold_also(event: LedgerAggregate.Event, store: ViewStore, only: Collection[Also]) -> None:
    """Runs only the event's `also` folds in `only`: what `fold_event` skipped of it."""
    for further in ALSO.get(type(event), ()):
        if further in only:
            further(event, store)


def history_entry(event: LedgerAggregate.Event, position: int, touched: Touched) -> HistoryEntry:
    kind = type(event)
    stamp = event.stamp
    effective = stamp.effective_date
    return HistoryEntry(
        position,
        event.timestamp.isoformat(timespec="microseconds"),
        stream_of_class(kind),
        str(event.originator_id),
        event.originator_version,
        kind.__name__,
        stamp.actor_id,
        stamp.actor_role,
        effective.isoformat() if effective else None,
        stamp.reason,
        stamp.correlation_id,
        touched.summary,
        touched.units,
        event_data(event),
    )


def project(
    events: Sequence[LedgerAggregate.Event], positions: Iterable[int], store: ViewStore
) -> None:
    append_history = store.append_history
    for event, position in zip(events, positions, strict=True):
        store.position = position
        append_history(history_entry(event, position, fold_event(event, store)))


def effective_or_recorded(event: LedgerAggregate.Event) -> str:
    """The date an act took effect: the stamp's effective date, else the day it was recorded."""
    return (event.stamp.effective_date or event.timestamp.date()).isoformat()


class StaleRead(IntegrityError):
    """What a command read has changed before its write took the log's lock: run it again.

    A command reads other records (is the lead unit active? which tasks are open?) before it
    saves, and another writer may change them in between. Checks run inside the writing
    transaction, after the fold, where nobody else can write; raising this rolls everything
    back, and the application retries the command on fresh state."""


Check = Callable[[Sql, Sequence[LedgerAggregate.Event]], None]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def run_checks(sql: Sql, events: Sequence[LedgerAggregate.Event]) -> None:
    for consistency_check in CHECKS:
        consistency_check(sql, events)
