from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from domain.authority import Role
from domain.webhook import Subscriber
from projections.webhooks import Attempt, list_attempts
from schema.common import FailureType, read
from schema.context import Context


class AdminOnly(BasePermission):
    message = "only an admin sees webhook subscribers"
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012  (the library's class attribute)

    def has_permission(self, source: Any, info: Info[Context, None], **kwargs: Any) -> bool:
        return info.context.actor.role in (Role.ADMIN, Role.SYSTEM)


@strawberry.enum(description="active: receiving; parked: stopped after failing; disabled: off.")
class WebhookStatus(Enum):
    ACTIVE = "active"
    PARKED = "parked"
    DISABLED = "disabled"


@strawberry.enum(description="Whose eyes: an auditor's subscriber receives personal fields.")
class FeedAudience(Enum):
    PUBLIC = "public"
    AUDITOR = "auditor"


@strawberry.type(description="One attempt to deliver one event.")
class WebhookAttempt:
    position: int
    webhook_id: str = strawberry.field(description="The `webhook-id` header: same on retries.")
    attempted_at: datetime.datetime
    status_code: int | None
    outcome: str = strawberry.field(description="delivered, failed, throttled or gone.")
    error: str | None
    duration_ms: int

    @classmethod
    def from_attempt(cls, a: Attempt) -> WebhookAttempt:
        return cls(
            position=a.position,
            webhook_id=a.webhook_id,
            attempted_at=datetime.datetime.fromisoformat(a.attempted_at),
            status_code=a.status_code,
            outcome=a.outcome,
            error=a.error,
            duration_ms=a.duration_ms,
        )


def _instant(seconds: float | None) -> datetime.datetime | None:
    return None if seconds is None else datetime.datetime.fromtimestamp(seconds, datetime.UTC)


@strawberry.type(description="A system that receives the record by webhook.")
class Webhook:
    id: strawberry.ID
    url: str
    types: list[str] = strawberry.field(description="Event types it receives; empty: all.")
    unit_ids: list[strawberry.ID] = strawberry.field(description="Units it follows; empty: all.")
    audience: FeedAudience
    status: WebhookStatus
    position: int = strawberry.field(description="The last log position delivered or passed.")
    failures: int = strawberry.field(description="Failed attempts in a row at the next event.")
    next_attempt_at: datetime.datetime | None
    last_error: str | None
    registered_by: str
    registered_at: datetime.datetime
    changed_at: datetime.datetime

    @classmethod
    def from_subscriber(cls, s: Subscriber) -> Webhook:
        return cls(
            id=strawberry.ID(str(s.id)),
            url=s.url,
            types=list(s.event_types),
            unit_ids=[strawberry.ID(u) for u in s.unit_ids],
            audience=FeedAudience(s.audience),
            status=WebhookStatus(s.status),
            position=s.position,
            failures=s.failures,
            next_attempt_at=_instant(s.next_attempt_at),
            last_error=s.last_error,
            registered_by=s.registered_by,
            registered_at=datetime.datetime.fromisoformat(s.registered_at),
            changed_at=datetime.datetime.fromisoformat(s.changed_at),
        )

    @strawberry.field(description="The most recent delivery attempts, newest first.")
    async def attempts(self, info: Info[Context, None], last: int = 20) -> list[WebhookAttempt]:
        found = await read(info, list_attempts, subscriber_id=str(self.id), last=min(last, 200))
        return [WebhookAttempt.from_attempt(a) for a in found]


@strawberry.type(description="The subscriber registered, and its signing secret.")
class WebhookRegistered:
    webhook: Webhook
    secret: str = strawberry.field(
        description="whsec_…: verify every delivery's `webhook-signature` with it."
    )


@strawberry.type(description="The subscriber as it stands after the command.")
class WebhookChanged:
    webhook: Webhook


RegisterWebhookResult = Annotated[
    WebhookRegistered | FailureType, strawberry.union("RegisterWebhookResult")
]
WebhookResult = Annotated[WebhookChanged | FailureType, strawberry.union("WebhookResult")]
