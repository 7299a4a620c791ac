from __future__ import annotations

import datetime

import strawberry
from strawberry.types import Info

from projections.program import program_items, program_row
from projections.storage import Row, Sql
from schema.common import AsOf, read
from schema.context import Context
from schema.program.types import (
    Criterion,
    Goal,
    ModelType,
    Phase,
    Program,
    ResponsibleBody,
    TaskArea,
)

KINDS = ("goal", "criterion", "model_type", "phase", "task_area", "responsible_body")


def _catalog(sql: Sql, at: int | None = None) -> tuple[Row | None, dict[str, list[Row]]]:
    items = {kind: program_items(sql, kind=kind, at=at) for kind in KINDS}
    return program_row(sql, at=at), items


@strawberry.type
class ProgramQueries:
    @strawberry.field(description="The program catalog; null until `socai init` adopts it.")
    async def program(self, info: Info[Context, None], as_of: AsOf | None = None) -> Program | None:
        row, items = await read(info, _catalog, as_of=as_of)
        if row is None:
            return None
        criteria = [Criterion.from_row(r) for r in items["criterion"]]
        return Program(
            id=strawberry.ID(row["id"]),
            code=row["code"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            resolution_ref=row["resolution_ref"],
            period_start=datetime.date.fromisoformat(row["period_start"]),
            period_end=datetime.date.fromisoformat(row["period_end"]),
            goals=[Goal.from_row(r) for r in items["goal"]],
            commune_criteria=[c for c in criteria if c.group == "commune"],
            person_criteria=[c for c in criteria if c.group == "person"],
            model_types=[ModelType.from_row(r) for r in items["model_type"]],
            phases=[Phase.from_row(r) for r in items["phase"]],
            task_areas=[TaskArea.from_row(r) for r in items["task_area"]],
            responsible_bodies=[ResponsibleBody.from_row(r) for r in items["responsible_body"]],
        )
