"""The commendations view: every proposal, and what became of it."""

from __future__ import annotations

from domain.commendation import Commendation
from projections.fold import Touched, effective_or_recorded, on, plain
from projections.read import Page, doc, docs, page
from projections.storage import Row, Sql
from projections.viewstore import ViewStore, define_view

# `proposed_at` is the log position of the proposal: the stable order and the page cursor.
COMMENDATIONS = define_view(
    "v_commendations",
    ("unit_id", "TEXT"),
    ("status", "TEXT"),
    ("recipient_kind", "TEXT"),
    ("proposed_at", "INTEGER"),
    as_of=("unit_id",),
)

_NAMELESS = {"person": "a person", "family": "a family"}


def _recipient(row: Row) -> str:
    """How the history names a recipient: never a citizen's or a family's name."""
    kind: str = row["recipient_kind"]
    return _NAMELESS[kind] if kind in _NAMELESS else str(row["recipient_name"])


def _units(row: Row) -> tuple[str, ...]:
    return (row["unit_id"],) if row["unit_id"] else ()


@on(Commendation.CommendationProposed)
def _proposed(e: Commendation.CommendationProposed, store: ViewStore) -> Touched:
    row: Row = {
        "id": str(e.originator_id),
        "recipient_kind": e.recipient_kind,
        "unit_id": str(e.unit_id) if e.unit_id else None,
        "recipient_name": e.recipient_name,  # empty for a person or a family: see `recipient`
        "recipient": plain(e.recipient),  # their name, sealed: ciphertext only
        "form": e.form,
        "achievement": e.achievement,
        "proposed_by": e.proposed_by,
        "proposed_on": effective_or_recorded(e),
        "proposed_at": store.position,
        "status": "proposed",
        "decision_number": None,
        "decision_date": None,
        "issued_by": None,
        "revoked_on": None,
        "revocation_decision_number": None,
        "revocation_reason": None,
    }
    store.put(COMMENDATIONS, row)
    return Touched(_units(row), f"Commendation proposed: {e.form} for {_recipient(row)}")


@on(Commendation.CommendationIssued)
def _issued(e: Commendation.CommendationIssued, store: ViewStore) -> Touched:
    row = store.get(COMMENDATIONS, str(e.originator_id))
    assert row is not None
    row = {
        **row,
        "status": "issued",
        "decision_number": e.decision_number,
        "decision_date": e.decision_date.isoformat(),
        "issued_by": e.issued_by,
    }
    store.put(COMMENDATIONS, row)
    return Touched(
        _units(row),
        f"Commendation issued: {row['form']} for {_recipient(row)}, "
        f"decision {e.decision_number} by {e.issued_by}",
    )


@on(Commendation.CommendationRevoked)
def _revoked(e: Commendation.CommendationRevoked, store: ViewStore) -> Touched:
    row = store.get(COMMENDATIONS, str(e.originator_id))
    assert row is not None
    row = {
        **row,
        "status": "revoked",
        "revoked_on": effective_or_recorded(e),
        "revocation_decision_number": e.decision_number,
        "revocation_reason": e.stamp.reason,
    }
    store.put(COMMENDATIONS, row)
    by = f" by decision {e.decision_number}" if e.decision_number else ""
    return Touched(_units(row), f"Commendation revoked{by}: {row['form']} for {_recipient(row)}")


def get_commendation(sql: Sql, commendation_id: str, at: int | None = None) -> Row | None:
    return doc(sql, COMMENDATIONS, commendation_id, at=at)


def list_commendations(
    sql: Sql,
    *,
    unit_id: str | None = None,
    status: str | None = None,
    recipient_kind: str | None = None,
    after: int | None = None,
    first: int = 50,
    at: int | None = None,
) -> Page:
    """Commendations in the order they were proposed; `after` is a `proposed_at` position."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (
        ("unit_id", unit_id),
        ("status", status),
        ("recipient_kind", recipient_kind),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after is not None:
        where.append("proposed_at > ?")
        params.append(after)
    found = docs(sql, COMMENDATIONS, where, params, at=at, order="proposed_at, id", limit=first + 1)
    return page(found, first)


def commendations_of_unit(sql: Sql, unit_id: str, at: int | None = None) -> list[Row]:
    return docs(sql, COMMENDATIONS, ["unit_id = ?"], [unit_id], at=at, order="proposed_at, id")
