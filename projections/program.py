"""The program catalog as it stands: goals, criteria, model types, phases, areas, bodies."""

from __future__ import annotations

from domain.program import Program
from projections.fold import Touched, event_data, on
from projections.read import doc, docs
from projections.storage import Row, Sql
from projections.viewstore import ViewStore, define_view

PROGRAM = define_view("v_program")
PROGRAM_ITEMS = define_view("v_program_items", ("kind", "TEXT"), ("code", "TEXT"))


@on(Program.ProgramAdopted)
def _adopted(e: Program.ProgramAdopted, store: ViewStore) -> Touched:
    store.put(PROGRAM, {"id": str(e.originator_id), **event_data(e)})
    return Touched((), f"Program adopted: {e.name_vi}")


def _defined(e: Program.ItemDefined, store: ViewStore) -> Touched:
    data = event_data(e)
    store.put(PROGRAM_ITEMS, {"id": f"{e.KIND}:{e.code}", "kind": e.KIND, **data})
    label = data.get("name_vi") or data.get("text_vi") or e.code
    return Touched((), f"{type(e).__name__.removesuffix('Defined')} defined: {e.code} — {label}")


for _event_class in (
    Program.GoalDefined,
    Program.CriterionDefined,
    Program.ModelTypeDefined,
    Program.PhaseDefined,
    Program.TaskAreaDefined,
    Program.ResponsibleBodyDefined,
):
    on(_event_class)(_defined)


def program_row(sql: Sql, *, at: int | None = None) -> Row | None:
    found = docs(sql, PROGRAM, at=at, limit=1)
    return found[0] if found else None


def program_items(sql: Sql, *, kind: str, at: int | None = None) -> list[Row]:
    rows = docs(sql, PROGRAM_ITEMS, ["kind = ?"], [kind], at=at)
    return sorted(rows, key=lambda r: (r.get("group", ""), r.get("number", 0), r["code"]))


def program_item(sql: Sql, *, kind: str, code: str, at: int | None = None) -> Row | None:
    return doc(sql, PROGRAM_ITEMS, f"{kind}:{code}", at=at)
