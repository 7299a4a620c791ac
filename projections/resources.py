"""Money (IV.2): each target's fund per year, every allocation, contribution and expenditure,
and the totals per source. Amounts stay whole numbers of đồng from event to answer."""

from __future__ import annotations

from domain.fund import Fund
from projections.fold import Touched, effective_or_recorded, on, plain
from projections.program import PROGRAM_ITEMS
from projections.read import doc, docs
from projections.storage import Row, Sql
from projections.tasks import TASKS
from projections.units import unit_name
from projections.viewstore import ViewStore, define_view

FUNDS = define_view("v_funds", ("target_kind", "TEXT"), ("target_id", "TEXT"), ("year", "INTEGER"))
MONEY = define_view(
    "v_money",
    ("fund_id", "TEXT"),
    ("year", "INTEGER"),
    ("kind", "TEXT"),
    ("source", "TEXT"),
    ("entry_date", "TEXT"),
)

SOURCES_VI = {"budget": "Ngân sách", "socialized": "Xã hội hóa"}


def dong(amount: int) -> str:
    """An amount as Vietnamese documents write it: 1.250.000 đ."""
    return f"{amount:,} đ".replace(",", ".")


def _fund(store: ViewStore, e: Fund.Event) -> Row:
    row = store.get(FUNDS, str(e.originator_id))
    assert row is not None, "a fund is opened before money moves through it"
    return row


def target_label(store: ViewStore, kind: str, target_id: str) -> tuple[str, tuple[str, ...]]:
    """A target's name for the history, and the units it concerns."""
    if kind == "unit":
        return unit_name(store, target_id), (target_id,)
    if kind == "task":
        task = store.get(TASKS, target_id)
        return (task["title"], (task["lead_unit_id"],)) if task else (target_id, ())
    model = store.get(PROGRAM_ITEMS, f"model_type:{target_id}")
    return (str(model["name_vi"]) if model else target_id), ()


def _entry(
    e: Fund.Event, store: ViewStore, fund: Row, kind: str, source: str, **detail: object
) -> None:
    store.put(
        MONEY,
        {
            "id": f"{fund['id']}:{e.originator_version}",
            "fund_id": fund["id"],
            "target_kind": fund["target_kind"],
            "target_id": fund["target_id"],
            "year": fund["year"],
            "kind": kind,
            "source": source,
            "entry_position": store.position,
            **detail,
        },
    )


@on(Fund.FundOpened)
def _opened(e: Fund.FundOpened, store: ViewStore) -> Touched:
    store.put(
        FUNDS,
        {
            "id": str(e.originator_id),
            "target_kind": e.target_kind,
            "target_id": e.target_id,
            "year": e.year,
            "budget_received": 0,
            "socialized_received": 0,
            "budget_spent": 0,
            "socialized_spent": 0,
        },
    )
    name, units = target_label(store, e.target_kind, e.target_id)
    return Touched(units, f"Fund opened for {name} ({e.year})")


@on(Fund.BudgetAllocated)
def _allocated(e: Fund.BudgetAllocated, store: ViewStore) -> Touched:
    fund = _fund(store, e)
    store.put(FUNDS, {**fund, "budget_received": fund["budget_received"] + e.amount})
    _entry(
        e,
        store,
        fund,
        "allocation",
        "budget",
        amount=e.amount,
        entry_date=effective_or_recorded(e),
        sector=e.sector,
        decision_ref=e.decision_ref,
    )
    name, units = target_label(store, fund["target_kind"], fund["target_id"])
    return Touched(units, f"Budget allocated: {dong(e.amount)} to {name} ({fund['year']})")


@on(Fund.ContributionReceived)
def _contributed(e: Fund.ContributionReceived, store: ViewStore) -> Touched:
    fund = _fund(store, e)
    store.put(FUNDS, {**fund, "socialized_received": fund["socialized_received"] + e.amount})
    _entry(
        e,
        store,
        fund,
        "contribution",
        "socialized",
        amount=e.amount,
        entry_date=effective_or_recorded(e),
        contributor_kind=e.contributor_kind,
        # A person's or a family's name: sealed, or in plaintext when recorded before sealing.
        contributor_name=e.contributor_name,
        sealed_name=plain(e.sealed_name),
        in_kind=e.in_kind,
    )
    name, units = target_label(store, fund["target_kind"], fund["target_id"])
    return Touched(units, f"Contribution received: {dong(e.amount)} for {name} ({fund['year']})")


@on(Fund.ExpenditureRecorded)
def _spent(e: Fund.ExpenditureRecorded, store: ViewStore) -> Touched:
    fund = _fund(store, e)
    field = f"{e.source}_spent"
    store.put(FUNDS, {**fund, field: fund[field] + e.amount})
    _entry(
        e,
        store,
        fund,
        "expenditure",
        e.source,
        amount=e.amount,
        entry_date=e.spent_on.isoformat(),
        purpose=e.purpose,
        evidence=list(e.evidence),
    )
    name, units = target_label(store, fund["target_kind"], fund["target_id"])
    return Touched(
        units, f"Expenditure recorded: {dong(e.amount)} from {e.source} for {name}: {e.purpose}"
    )


def get_fund(sql: Sql, fund_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, FUNDS, fund_id, at=at)


def list_funds(
    sql: Sql, *, year: int | None = None, target_kind: str | None = None, at: int | None = None
) -> list[Row]:
    where: list[str] = []
    params: list[object] = []
    for column, value in (("year", year), ("target_kind", target_kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    return docs(sql, FUNDS, where, params, at=at, order="year, target_kind, target_id")


def money_entries(
    sql: Sql,
    *,
    fund_id: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    at: int | None = None,
) -> list[Row]:
    """Entries in the order they were recorded; `since`/`until` bound their dates (ISO,
    inclusive)."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("fund_id", fund_id), ("year", year), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        where.append("entry_date >= ?")
        params.append(since)
    if until is not None:
        where.append("entry_date <= ?")
        params.append(until)
    return docs(sql, MONEY, where, params, at=at, order="pos_from, id")


def money_by_source(
    sql: Sql,
    *,
    year: int | None = None,
    since: str | None = None,
    until: str | None = None,
    at: int | None = None,
) -> list[Row]:
    """Per source: what was received (allocated or contributed) and what was spent."""
    totals = {s: {"source": s, "received": 0, "spent": 0} for s in SOURCES_VI}
    for entry in money_entries(sql, year=year, since=since, until=until, at=at):
        column = "spent" if entry["kind"] == "expenditure" else "received"
        totals[entry["source"]][column] += entry["amount"]
    return list(totals.values())
