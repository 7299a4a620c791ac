from __future__ import annotations

import strawberry

from schema.common import CommandInput
from schema.webhooks.types import FeedAudience


@strawberry.input
class RegisterWebhookInput(CommandInput):
    url: str = strawberry.field(description="Where each event is POSTed (http or https).")
    types: list[str] = strawberry.field(
        default_factory=list,
        description="Event types, by name (TaskAssigned) or CloudEvents type; empty: all.",
    )
    unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Only events that concern these units; empty: all."
    )
    secret: str | None = strawberry.field(
        default=None, description="whsec_<base64 of 24–64 bytes>; made for you when left out."
    )
    audience: FeedAudience = FeedAudience.PUBLIC
    start_after: int | None = strawberry.field(
        default=None,
        description="Deliver events after this log position (0: the whole record); "
        "default: only events recorded from now on.",
    )


@strawberry.input
class WebhookInput(CommandInput):
    webhook_id: strawberry.ID
