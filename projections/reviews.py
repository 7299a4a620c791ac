"""The reviews view: each review with the position it covers and the figures it found, and the
comparison of two reviews."""

from __future__ import annotations

from collections import Counter
from typing import Any

from domain.review import Review
from projections.fold import Touched, on
from projections.program import program_items
from projections.read import doc, docs
from projections.storage import Row, Sql
from projections.summary import LABELS_VI
from projections.viewstore import ViewStore, define_view

REVIEWS = define_view(
    "v_reviews",
    ("kind", "TEXT"),
    ("year", "INTEGER"),
    ("phase", "TEXT"),
    ("covers_position", "INTEGER"),
)

KIND_VI = {
    "preliminary": "Sơ kết",
    "mid_term": "Đánh giá giữa kỳ",
    "final": "Tổng kết",
    "yearly": "Tổng kết năm",
}


@on(Review.ReviewHeld)
def _held(e: Review.ReviewHeld, store: ViewStore) -> Touched:
    store.put(
        REVIEWS,
        {
            "id": str(e.originator_id),
            "kind": e.kind,
            "year": e.year,
            "phase": e.phase,
            "title": e.title,
            "held_on": e.held_on.isoformat(),
            "conclusions": e.conclusions,
            "covers_position": e.covers_position,
            "summary": dict(e.summary),
            "recorded_position": store.position,
        },
    )
    return Touched(
        (), f"{KIND_VI[e.kind]} {e.year} held, covering positions 1–{e.covers_position}: {e.title}"
    )


def get_review(sql: Sql, review_id: str, *, at: int | None = None) -> Row | None:
    return doc(sql, REVIEWS, review_id, at=at)


def list_reviews(
    sql: Sql, *, phase: str | None = None, kind: str | None = None, at: int | None = None
) -> list[Row]:
    """Reviews in the order of the positions they cover."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("phase", phase), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    return docs(sql, REVIEWS, where, params, at=at, order="covers_position, id")


def labels(sql: Sql, keys: list[str], *, at: int | None = None) -> dict[str, str]:
    """Vietnamese labels for figure keys; a model's figures are named by the model."""
    names = {m["code"]: m["name_vi"] for m in program_items(sql, kind="model_type", at=at)}
    found: dict[str, str] = {}
    for key in keys:
        if key in LABELS_VI:
            found[key] = LABELS_VI[key]
            continue
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "models":
            what = "chỉ tiêu" if parts[2] == "target" else "được công nhận"
            found[key] = f"{names.get(parts[1], parts[1])}: {what}"
        else:
            found[key] = key
    return found


def figure_rows(sql: Sql, summary: dict[str, int], *, at: int | None = None) -> list[Row]:
    named = labels(sql, list(summary), at=at)
    return [{"key": k, "label_vi": named[k], "value": v} for k, v in summary.items()]


def compare(sql: Sql, earlier: Row, later: Row) -> dict[str, Any]:
    """Figure by figure, and event type by event type, what changed between two reviews."""
    before, after = earlier["summary"], later["summary"]
    keys = list(dict.fromkeys([*before, *after]))
    named = labels(sql, keys, at=later["covers_position"])
    changes = [
        {
            "key": k,
            "label_vi": named[k],
            "before": before.get(k, 0),
            "after": after.get(k, 0),
        }
        for k in keys
        if before.get(k, 0) != after.get(k, 0)
    ]
    low, high = sorted((earlier["covers_position"], later["covers_position"]))
    rows = sql.all(
        f"SELECT event_type FROM {sql.table('history')} WHERE position > ? AND position <= ?",
        (low, high),
    )
    counts = Counter(r["event_type"] for r in rows)
    return {
        "changes": changes,
        "event_counts": sorted(counts.items(), key=lambda item: (-item[1], item[0])),
        "from_position": low,
        "to_position": high,
    }
