from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from domain.authority import PERSONAL_READERS, Actor
from schema.context import Context
from schema.units.types import Unit, unit_by_id


@strawberry.enum(name="Role", description="What a caller's credentials let it do.")
class ViewerRole(Enum):
    PUBLIC = "public"
    REPORTER = "reporter"
    OFFICE = "office"
    INSPECTOR = "inspector"
    COMMITTEE = "committee"
    AUDITOR = "auditor"
    ADMIN = "admin"


@strawberry.type(description="The caller, as its credentials make it: no token is the public.")
class Viewer:
    role: ViewerRole
    unit_id: strawberry.ID | None = strawberry.field(
        description="A reporter's unit, the one it acts for; null for every other role."
    )
    reads_personal_data: bool = strawberry.field(
        description="Whether this role is shown personal fields (each such read is recorded)."
    )
    may: list[str] = strawberry.field(
        description="The mutations this role may send, by field name. A reporter's scoped ones "
        "(`unitScoped`) only for its own unit; a rule of the record may still refuse one."
    )
    unit_scoped: list[str] = strawberry.field(
        description="Those of `may` a reporter sends for its own unit only; empty for other roles."
    )

    @strawberry.field(description="A reporter's unit as it stands now; null if none.")
    async def unit(self, info: Info[Context, None]) -> Unit | None:
        return await unit_by_id(info, self.unit_id)

    @classmethod
    def of(cls, actor: Actor, may: list[str], unit_scoped: list[str]) -> Viewer:
        return cls(
            role=ViewerRole(actor.role.value),
            unit_id=strawberry.ID(str(actor.unit_id)) if actor.unit_id else None,
            reads_personal_data=actor.role in PERSONAL_READERS,
            may=may,
            unit_scoped=unit_scoped,
        )
