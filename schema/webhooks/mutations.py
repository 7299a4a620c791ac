from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import strawberry
from strawberry.types import Info

from domain.ledger import Done, Request
from schema.common import parse_id, run_command
from schema.context import Context
from schema.webhooks.inputs import RegisterWebhookInput, WebhookInput
from schema.webhooks.types import (
    RegisterWebhookResult,
    Webhook,
    WebhookChanged,
    WebhookRegistered,
    WebhookResult,
)


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Register a system to receive events by signed webhook. Admin only."
    )
    async def register_webhook(
        self, info: Info[Context, None], input: RegisterWebhookInput
    ) -> RegisterWebhookResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            return ledger.register_webhook(
                request,
                url=input.url,
                event_types=input.types,
                unit_ids=[parse_id("unitIds", u) for u in input.unit_ids],
                secret=input.secret,
                audience=input.audience.value,
                start_after=input.start_after,
            )

        async def success(done: Done) -> WebhookRegistered:
            subscriber = await asyncio.to_thread(ledger.webhook_subscriber, done.id)
            return WebhookRegistered(
                webhook=Webhook.from_subscriber(subscriber), secret=subscriber.secret
            )

        return await run_command(info, input, command, success)

    @strawberry.mutation(
        description="Resume a parked or disabled subscriber from where it stopped. Admin only."
    )
    async def resume_webhook(self, info: Info[Context, None], input: WebhookInput) -> WebhookResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            webhook_id = parse_id("webhookId", input.webhook_id)
            return ledger.resume_webhook(request, webhook_id=webhook_id)

        return await run_command(info, input, command, _changed(info))

    @strawberry.mutation(description="Stop delivering to a subscriber. Admin only.")
    async def disable_webhook(
        self, info: Info[Context, None], input: WebhookInput
    ) -> WebhookResult:
        ledger = info.context.ledger

        def command(request: Request) -> Done:
            webhook_id = parse_id("webhookId", input.webhook_id)
            return ledger.disable_webhook(request, webhook_id=webhook_id)

        return await run_command(info, input, command, _changed(info))


def _changed(info: Info[Context, None]) -> Callable[[Done], Awaitable[WebhookChanged]]:
    async def success(done: Done) -> WebhookChanged:
        subscriber = await asyncio.to_thread(info.context.ledger.webhook_subscriber, done.id)
        return WebhookChanged(webhook=Webhook.from_subscriber(subscriber))

    return success
