from __future__ import annotations

import strawberry
from strawberry.types import Info

from projections.program import program_item_versions, program_items, program_row
from projections.storage import Row, Sql
from schema.common import AsOf, read
from schema.context import Context
from schema.program.types import CriterionVersion, Program

KINDS = ("goal", "criterion", "model_type", "phase", "task_area", "responsible_body")


def _catalog(sql: Sql, at: int | None = None) -> tuple[Row | None, dict[str, list[Row]]]:
    items = {kind: program_items(sql, kind=kind, at=at) for kind in KINDS}
    return program_row(sql, at=at), items


@strawberry.type
class ProgramQueries:
    @strawberry.field(description="The program catalog; null until `socai init` adopts it.")
    async def program(self, info: Info[Context, None], as_of: AsOf | None = None) -> Program | None:
        return await program_at(info, as_of=as_of)

    @strawberry.field(
        description="Every wording a criterion has had, oldest first: what each judgement "
        "made between two positions was judged against."
    )
    async def criterion_versions(
        self, info: Info[Context, None], code: str, as_of: AsOf | None = None
    ) -> list[CriterionVersion]:
        rows = await read(info, program_item_versions, as_of=as_of, kind="criterion", code=code)
        return [CriterionVersion.from_row(r) for r in rows]


async def program_at(info: Info[Context, None], *, as_of: AsOf | None = None) -> Program | None:
    row, items = await read(info, _catalog, as_of=as_of)
    return Program.from_catalog(row, items) if row else None
