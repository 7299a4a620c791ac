"""The service layer's core: every command goes through `execute`, which checks authority,
honours the idempotency key, stamps the events, saves them and brings the views up to date in
the same transaction, retrying a bounded number of times when a concurrent write collides."""

from __future__ import annotations

import hashlib
import random
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder
from eventsourcing.utils import Environment

import projections.registry  # noqa: F401  (registers every fold and view table)
from domain.authority import Actor, authorize
from domain.base import (
    Conflict,
    DateAsISO,
    DomainError,
    IdempotencyKeyReused,
    InvalidInput,
    LedgerAggregate,
    NotFound,
    Stamp,
    StampAsDict,
    check_in_period,
    clean_text,
)
from domain.personal import SealedAsDict
from projections import idempotency
from projections.fold import plain, project, run_checks
from projections.storage import Database, LedgerRecorder, Sql, dumps
from projections.viewstore import SqlViewStore

A = TypeVar("A", bound=LedgerAggregate)

MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class Request:
    """Everything about a command that is not its own input."""

    actor: Actor
    idempotency_key: str
    correlation_id: str
    reason: str = ""
    effective_date: date | None = None


@dataclass(frozen=True)
class Done:
    """What a command returns: the record it created or changed, and the log position."""

    id: UUID
    position: int


Work = Callable[[Stamp], tuple[UUID, Sequence[LedgerAggregate]]]


def nfc(value: Any) -> Any:
    """Text as the record keeps it, so that a retry typed in NFD is the same request."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


class LedgerCore(Application[UUID]):
    name = "socai"

    def __init__(self, database: Database) -> None:
        self.database = database
        database.prepare()
        super().__init__(env=database.eventsourcing_env())

    def construct_env(self, name: str, env: Mapping[str, str] | None = None) -> Environment:
        # Only the settings derived from the database URL; never the process environment.
        return Environment(name, dict(env or {}))

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(StampAsDict())
        transcoder.register(SealedAsDict())

    @property
    def store(self) -> LedgerRecorder:
        return cast(LedgerRecorder, self.recorder)

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        with self.store.reading() as sql:
            yield sql

    def load(self, cls: type[A], id: UUID, kind: str) -> A:
        try:
            aggregate: object = self.repository.get(id)
        except AggregateNotFoundError:
            raise NotFound(kind, id) from None
        if not isinstance(aggregate, cls):
            raise NotFound(kind, id)
        return aggregate

    def exists(self, id: UUID) -> bool:
        return id in self.repository

    def transfer_open_work(self, stamp: Stamp, source: UUID, target: UUID) -> list[LedgerAggregate]:
        """When a unit merges into another, each service hands over that unit's open work."""
        return []

    def execute(
        self, request: Request, command: str, payload: Mapping[str, Any], work: Work
    ) -> Done:
        authorize(request.actor, command)
        key = clean_text("idempotencyKey", request.idempotency_key, max_length=200)
        reason = clean_text("reason", request.reason, required=False, max_length=2000)
        check_in_period("effectiveDate", request.effective_date)
        request_hash = hashlib.sha256(
            dumps(
                {
                    "command": command,
                    "input": nfc(plain(dict(payload))),
                    "actor": request.actor.id,
                    "reason": reason,
                    "effective_date": plain(request.effective_date),
                }
            ).encode()
        ).hexdigest()
        stamp = Stamp(
            actor_id=request.actor.id,
            actor_role=request.actor.role.value,
            reason=reason,
            correlation_id=request.correlation_id,
            effective_date=request.effective_date,
        )
        # The first attempt does not look the key up: a key that was used before is caught by
        # the write itself (its row clashes, and the retry looks it up), or, when the earlier
        # command's effect makes this one break a rule, by the look-up before the refusal.
        # So a new key costs no read of its own.
        for attempt in range(MAX_ATTEMPTS):
            if attempt:
                # Jittered backoff, so that colliding writers spread out instead of colliding again.
                time.sleep(random.uniform(0, 0.002 * 2 ** min(attempt, 6)))
                earlier = self._earlier_result(key, command, request_hash)
                if earlier is not None:
                    return earlier
            try:
                return self._attempt(key, command, request_hash, stamp, work)
            except IntegrityError:
                continue  # another writer got there first: reload and decide again
            except DomainError:
                earlier = None if attempt else self._earlier_result(key, command, request_hash)
                if earlier is not None:
                    return earlier
                raise
        raise Conflict(f"{command.replace('_', ' ')} kept colliding with concurrent writes")

    def _attempt(self, key: str, command: str, request_hash: str, stamp: Stamp, work: Work) -> Done:
        """One attempt: run the command on freshly loaded aggregates, save events, views and key."""
        target, aggregates = work(stamp)
        events = [cast(LedgerAggregate.Event, e) for a in aggregates for e in a.pending_events]
        if not events:
            raise InvalidInput("input", "the command changes nothing")
        positions: list[int] = []

        def write_views(sql: Sql, given: Sequence[int]) -> None:
            positions.extend(given)
            views = SqlViewStore(sql)
            project(events, given, views)
            run_checks(sql, events)
            views.finish()
            idempotency.remember(
                sql,
                key,
                command=command,
                request_hash=request_hash,
                actor_id=stamp.actor_id,
                result={"id": str(target), "position": given[-1]},
                recorded_at=datetime.now(UTC).isoformat(timespec="microseconds"),
            )

        self.save(*aggregates, in_transaction=write_views)
        return Done(target, positions[-1])

    def _earlier_result(self, key: str, command: str, request_hash: str) -> Done | None:
        with self.reading() as sql:
            stored = idempotency.lookup(sql, key)
        if stored is None:
            return None
        if stored.command != command or stored.request_hash != request_hash:
            raise IdempotencyKeyReused(
                f"idempotency key '{key}' was used before for a different "
                f"{'input' if stored.command == command else 'command'}"
            )
        return Done(UUID(str(stored.result["id"])), int(stored.result["position"]))
