from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.webhooks import list_subscribers
from schema.common import read
from schema.context import Context
from schema.webhooks.types import AdminOnly, Webhook, WebhookStatus


@strawberry.type
class WebhookQueries:
    @strawberry.field(
        description="Webhook subscribers with their positions. Admin only.",
        permission_classes=[AdminOnly],
    )
    async def webhooks(
        self, info: Info[Context, None], status: WebhookStatus | None = None
    ) -> list[Webhook]:
        found = await read(info, list_subscribers, status=status.value if status else None)
        return [Webhook.from_subscriber(s) for s in found]
