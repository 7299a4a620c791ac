from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.feed import read_feed
from schema.audit.types import Checkpoint
from schema.common import page_size, read
from schema.context import Context
from schema.feed.types import CloudEvent, FeedPage, feed_filter


@strawberry.type
class FeedQueries:
    @strawberry.field(
        description="The pull feed: events after a log position, in log order, as CloudEvents. "
        "Page from 0 to the end and you have every event exactly once; keep `next` to resume."
    )
    async def events(
        self,
        info: Info[Context, None],
        after: int = 0,
        first: int = 100,
        types: list[str] | None = None,
        units: list[strawberry.ID] | None = None,
    ) -> FeedPage:
        if after < 0:
            raise InvalidInput("after", "must be a log position, 0 or more")
        wanted = feed_filter(types, units)
        found = await read(
            info,
            read_feed,
            after=after,
            limit=page_size(first),
            event_types=wanted.event_types,
            unit_ids=wanted.unit_ids,
            events_table=info.context.ledger.store.events_table_name,
            checkpoint=True,
        )
        role = info.context.actor.role
        return FeedPage(
            events=[CloudEvent.from_row(r, role) for r in found.rows],
            next=found.next_after,
            has_more=found.has_more,
            head=found.head,
            checkpoint=Checkpoint.from_row(found.checkpoint) if found.checkpoint else None,
        )
