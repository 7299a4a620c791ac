"""Administering webhook subscribers: register, resume, disable.

These commands change configuration, not the record, so they append no events; they keep the
conventions of every other command all the same: the role is checked first, the idempotency
key is honoured, and the change and the key are written in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import IntegrityError

from domain import webhook
from domain.authority import authorize
from domain.base import Conflict, InvalidInput, NotFound, clean_text
from domain.ledger import Done, LedgerCore, Request
from domain.webhook import Subscriber
from projections import idempotency
from projections.cloudevents import UnknownEventType, event_type_of
from projections.fold import plain
from projections.read import head_position
from projections.storage import Sql, dumps
from projections.webhooks import get_subscriber, hold_subscriber, insert_subscriber, save_subscriber

Change = Callable[[Sql, str], Subscriber]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class WebhookService(LedgerCore):
    def webhook_subscriber(self, webhook_id: UUID) -> Subscriber:
        with self.reading() as sql:
            found = get_subscriber(sql, str(webhook_id))
        if found is None:
            raise NotFound("webhook", webhook_id)
        return found

    def register_webhook(
        self,
        request: Request,
        *,
        url: str,
        event_types: Sequence[str] = (),
        unit_ids: Sequence[UUID] = (),
        secret: str | None = None,
        audience: str = "public",
        start_after: int | None = None,
    ) -> Done:
        """From `start_after` (default: the log's head, so only what is recorded from now on)."""
        try:
            types = tuple(dict.fromkeys(event_type_of(t) for t in event_types))
        except UnknownEventType as error:
            raise InvalidInput("types", f"unknown event type '{str(error)[:100]}'") from None
        units = tuple(dict.fromkeys(str(u) for u in unit_ids))

        def change(sql: Sql, now: str) -> Subscriber:
            subscriber = webhook.register(
                uuid4(),
                url=url,
                event_types=types,
                unit_ids=units,
                secret=secret,
                audience=audience,
                start_after=head_position(sql) if start_after is None else start_after,
                actor_id=request.actor.id,
                now=now,
            )
            insert_subscriber(sql, subscriber)
            return subscriber

        payload = {
            "url": url,
            "event_types": types,
            "unit_ids": units,
            "secret": secret,  # only its hash is kept, with the key
            "audience": audience,
            "start_after": start_after,
        }
        return self._administer(request, "register_webhook", payload, change)

    def resume_webhook(self, request: Request, *, webhook_id: UUID) -> Done:
        def change(sql: Sql, now: str) -> Subscriber:
            resumed = webhook.resume(self._held(sql, webhook_id), now)
            save_subscriber(sql, resumed)
            return resumed

        return self._administer(request, "resume_webhook", {"webhook_id": webhook_id}, change)

    def disable_webhook(self, request: Request, *, webhook_id: UUID) -> Done:
        reason = clean_text("reason", request.reason, required=False, max_length=2000)

        def change(sql: Sql, now: str) -> Subscriber:
            disabled = webhook.disable(self._held(sql, webhook_id), now, reason)
            save_subscriber(sql, disabled)
            return disabled

        return self._administer(request, "disable_webhook", {"webhook_id": webhook_id}, change)

    @staticmethod
    def _held(sql: Sql, webhook_id: UUID) -> Subscriber:
        found = hold_subscriber(sql, str(webhook_id))
        if found is None:
            raise NotFound("webhook", webhook_id)
        return found

    def _administer(
        self, request: Request, command: str, payload: Mapping[str, Any], change: Change
    ) -> Done:
        authorize(request.actor, command)
        key = clean_text("idempotencyKey", request.idempotency_key, max_length=200)
        reason = clean_text("reason", request.reason, required=False, max_length=2000)
        request_hash = hashlib.sha256(
            dumps(
                {
                    "command": command,
                    "input": plain(dict(payload)),
                    "actor": request.actor.id,
                    "reason": reason,
                }
            ).encode()
        ).hexdigest()
        for _ in range(3):
            earlier = self._earlier_result(key, command, request_hash)
            if earlier is not None:
                return earlier
            try:
                with self.store.writing() as sql:
                    changed = change(sql, _now())
                    result: dict[str, str | int] = {
                        "id": str(changed.id),
                        "position": changed.position,
                    }
                    idempotency.remember(
                        sql,
                        key,
                        command=command,
                        request_hash=request_hash,
                        actor_id=request.actor.id,
                        result=result,
                        recorded_at=_now(),
                    )
                return Done(changed.id, changed.position)
            except IntegrityError:
                continue  # the key was taken meanwhile: answer as that command did
        raise Conflict(f"{command.replace('_', ' ')} kept colliding with concurrent writes")
