"""The program catalog as it stands: goals, criteria, model types, phases, areas, bodies."""

from __future__ import annotations

import json

from domain.program import Program
from projections.fold import Touched, effective_or_recorded, event_data, on
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


@on(Program.CriterionDefined)
def _criterion_defined(e: Program.CriterionDefined, store: ViewStore) -> Touched:
    row = {
        "id": f"criterion:{e.code}",
        "kind": "criterion",
        **event_data(e),
        "version": 1,
        "status": "in_force",
        "defined_on": effective_or_recorded(e),
        "revised_on": None,
        "retired_on": None,
    }
    store.put(PROGRAM_ITEMS, row)
    return Touched((), f"Criterion defined: {e.code} — {e.text_vi}")


def _item(store: ViewStore, kind: str, code: str) -> Row:
    row = store.get(PROGRAM_ITEMS, f"{kind}:{code}")
    assert row is not None, "an amendment follows the definition it amends"
    return row


@on(Program.CriterionRevised)
def _criterion_revised(e: Program.CriterionRevised, store: ViewStore) -> Touched:
    row = _item(store, "criterion", e.code)
    store.put(
        PROGRAM_ITEMS,
        {
            **row,
            "text_vi": e.text_vi,
            "text_en": e.text_en,
            "version": e.version,
            "revised_on": effective_or_recorded(e),
        },
    )
    return Touched((), f"Criterion revised: {e.code} (version {e.version}) — {e.text_vi}")


@on(Program.CriterionRetired)
def _criterion_retired(e: Program.CriterionRetired, store: ViewStore) -> Touched:
    row = _item(store, "criterion", e.code)
    store.put(PROGRAM_ITEMS, {**row, "status": "retired", "retired_on": effective_or_recorded(e)})
    return Touched((), f"Criterion retired: {e.code} — {row['text_vi']}")


@on(Program.TargetRevised)
def _target_revised(e: Program.TargetRevised, store: ViewStore) -> Touched:
    row = _item(store, "model_type", e.code)
    target = {k: v for k, v in event_data(e).items() if k.startswith("target_")}
    store.put(PROGRAM_ITEMS, {**row, **target})
    return Touched((), f"Target revised: {row['name_vi']} — {e.target_text_vi}")


for _event_class in (
    Program.GoalDefined,
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


def program_item_versions(sql: Sql, *, kind: str, code: str, at: int | None = None) -> list[Row]:
    """Every version of an item, oldest first, each with the log positions it stood between;
    as of position `at`, the versions recorded by then, the last one still open."""
    rows = sql.all(
        f"SELECT pos_from, pos_to, doc FROM {sql.table(PROGRAM_ITEMS.name)} WHERE id = ? "
        "ORDER BY pos_from",
        (f"{kind}:{code}",),
    )
    found: list[Row] = []
    for r in rows:
        if at is not None and r["pos_from"] > at:
            break
        ended = r["pos_to"] is not None and (at is None or r["pos_to"] <= at)
        until = r["pos_to"] if ended else None
        found.append({**json.loads(r["doc"]), "pos_from": r["pos_from"], "pos_to": until})
    return found
