"""The units view: every village, cell, office, organization, school and business."""

from __future__ import annotations

from domain.unit import Unit
from projections.fold import StaleRead, Touched, effective_or_recorded, on
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.viewstore import ViewStore, define_view

UNITS = define_view(
    "v_units", ("code", "TEXT"), ("kind", "TEXT"), ("status", "TEXT"), ("parent_id", "TEXT")
)


def unit_name(store: ViewStore, unit_id: object) -> str:
    if unit_id is None:
        return "—"
    row = store.get(UNITS, str(unit_id))
    return str(row["name"]) if row else str(unit_id)


@on(Unit.UnitRegistered)
def _registered(e: Unit.UnitRegistered, store: ViewStore) -> Touched:
    store.put(
        UNITS,
        {
            "id": str(e.originator_id),
            "code": e.code,
            "kind": e.kind,
            "name": e.name,
            "parent_id": str(e.parent_id) if e.parent_id else None,
            "status": "active",
            "merged_into": None,
            "registered_on": effective_or_recorded(e),
            "ended_on": None,
        },
    )
    units = (str(e.originator_id),) + ((str(e.parent_id),) if e.parent_id else ())
    return Touched(units, f"Unit registered: {e.name} ({e.kind})")


@on(Unit.UnitRenamed)
def _renamed(e: Unit.UnitRenamed, store: ViewStore) -> Touched:
    row = store.get(UNITS, str(e.originator_id))
    assert row is not None
    old = row["name"]
    store.put(UNITS, {**row, "name": e.name})
    return Touched((row["id"],), f"Unit renamed: {old} → {e.name}")


@on(Unit.UnitMerged)
def _merged(e: Unit.UnitMerged, store: ViewStore) -> Touched:
    row = store.get(UNITS, str(e.originator_id))
    assert row is not None
    store.put(
        UNITS,
        {
            **row,
            "status": "merged",
            "merged_into": str(e.into_id),
            "ended_on": effective_or_recorded(e),
        },
    )
    return Touched(
        (row["id"], str(e.into_id)),
        f"Unit merged: {row['name']} into {unit_name(store, e.into_id)}",
    )


@on(Unit.UnitDissolved)
def _dissolved(e: Unit.UnitDissolved, store: ViewStore) -> Touched:
    row = store.get(UNITS, str(e.originator_id))
    assert row is not None
    store.put(UNITS, {**row, "status": "dissolved", "ended_on": effective_or_recorded(e)})
    return Touched((row["id"],), f"Unit dissolved: {row['name']}")


def list_units(
    sql: Sql,
    *,
    kind: str | None = None,
    status: str | None = None,
    parent_id: str | None = None,
    after_code: str | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    where: list[str] = []
    params: list[object] = []
    for column, value in (("kind", kind), ("status", status), ("parent_id", parent_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after_code is not None:
        where.append("code > ?")
        params.append(after_code)
    return page(docs(sql, UNITS, where, params, at=at, order="code", limit=first + 1), first)


def units_by_id(sql: Sql, unit_ids: list[str], *, at: int | None = None) -> dict[str, Row]:
    if not unit_ids:
        return {}
    marks = ", ".join("?" * len(unit_ids))
    return {r["id"]: r for r in docs(sql, UNITS, [f"id IN ({marks})"], unit_ids, at=at)}


def get_unit(sql: Sql, unit_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, UNITS, unit_id, at=at)


def require_active(sql: Sql, unit_ids: list[str]) -> None:
    """Inside a writing transaction: the units a command gives work to are still active."""
    for unit_id in unit_ids:
        row = get_unit(sql, unit_id)
        if row is None or row["status"] != "active":
            raise StaleRead(f"unit {unit_id} changed while the command ran")
