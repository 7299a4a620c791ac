from __future__ import annotations

import datetime
import json
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from projections.personal import redact
from projections.storage import Row
from schema.common import from_same_names
from schema.context import Context
from schema.personal import may_read_personal_data, reveal_in
from schema.units.types import Unit, unit_by_id


@strawberry.type(description="One recorded event: what happened, who did it, when and why.")
class HistoryEvent:
    position: int = strawberry.field(description="Its place in the log; the history's order.")
    recorded_at: datetime.datetime
    effective_date: datetime.date | None
    stream: str = strawberry.field(description="program, unit, task, candidacy, commendation, …")
    stream_id: strawberry.ID
    version: int
    event_type: str = strawberry.field(description="The domain name, e.g. ProgressReported.")
    actor_id: str
    actor_role: str
    reason: str
    correlation_id: str
    summary: str
    unit_ids: list[strawberry.ID]
    raw_data: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_row(cls, row: Row) -> HistoryEvent:
        return from_same_names(
            cls,
            row,
            recorded_at=datetime.datetime.fromisoformat(row["recorded_at"]),
            effective_date=(
                datetime.date.fromisoformat(row["effective_date"])
                if row["effective_date"]
                else None
            ),
            stream_id=strawberry.ID(row["stream_id"]),
            unit_ids=[strawberry.ID(u) for u in row["units"]],
            raw_data=json.loads(json.dumps(row["data"])),
        )

    @strawberry.field(
        description="The event's own fields. A personal field shows as "
        '{"personal": "shown", "personId", "value"} to the roles that may read personal data '
        '(the read is recorded), else as {"personal": "withheld"} or {"personal": "erased"}.'
    )
    async def data(self, info: Info[Context, None]) -> JSON:
        # Plaintext personal fields are left out for readers who may not see them; sealed ones
        # are opened (and the read recorded) or withheld by `reveal_in`.
        data = redact(self.event_type, self.raw_data, info.context.actor.role)
        if self.event_type == "PersonalDataRead" and not may_read_personal_data(info):
            data = {**data, "person_ids": len(data.get("person_ids", []))}
        return await reveal_in(info, data)  # type: ignore[no-any-return]

    @strawberry.field(description="The units this event concerns, as they stood after it.")
    async def units(self, info: Info[Context, None]) -> list[Unit]:
        found = [await unit_by_id(info, str(u), at=self.position) for u in self.unit_ids]
        return [u for u in found if u is not None]
