from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from domain.ledger import Done
from domain.webhook import Subscriber
from schema.common import mutate, parse_id
from schema.context import Context
from schema.webhooks.inputs import RegisterWebhookInput, WebhookInput
from schema.webhooks.types import (
    RegisterWebhookResult,
    Webhook,
    WebhookChanged,
    WebhookRegistered,
    WebhookResult,
)


async def _subscriber(info: Info[Context, None], done: Done) -> Subscriber:
    return await asyncio.to_thread(info.context.ledger.webhook_subscriber, done.id)


async def _registered(info: Info[Context, None], done: Done) -> WebhookRegistered:
    subscriber = await _subscriber(info, done)
    return WebhookRegistered(webhook=Webhook.from_subscriber(subscriber), secret=subscriber.secret)


async def _changed(info: Info[Context, None], done: Done) -> WebhookChanged:
    return WebhookChanged(webhook=Webhook.from_subscriber(await _subscriber(info, done)))


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Register a system to receive events by signed webhook. Admin only."
    )
    async def register_webhook(
        self, info: Info[Context, None], input: RegisterWebhookInput
    ) -> RegisterWebhookResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.register_webhook(
                request,
                url=input.url,
                event_types=input.types,
                unit_ids=[parse_id("unitIds", u) for u in input.unit_ids],
                secret=input.secret,
                audience=input.audience.value,
                start_after=input.start_after,
            ),
            _registered,
        )

    @strawberry.mutation(
        description="Resume a parked or disabled subscriber from where it stopped. Admin only."
    )
    async def resume_webhook(self, info: Info[Context, None], input: WebhookInput) -> WebhookResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.resume_webhook(
                request, webhook_id=parse_id("webhookId", input.webhook_id)
            ),
            _changed,
        )

    @strawberry.mutation(description="Stop delivering to a subscriber. Admin only.")
    async def disable_webhook(
        self, info: Info[Context, None], input: WebhookInput
    ) -> WebhookResult:
        return await mutate(
            info,
            input,
            lambda ledger, request: ledger.disable_webhook(
                request, webhook_id=parse_id("webhookId", input.webhook_id)
            ),
            _changed,
        )
