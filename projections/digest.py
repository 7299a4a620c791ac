"""One SHA-256 over every view row, so two stores can be compared in one line.

The digest covers, as they stood at a log position (default: now), every view table's row
versions in force (id, the position where the version began, the document as stored), then the
history and its unit index up to that position. Documents are compared as stored: every writer
stores them through `storage.dumps`, which is canonical (sorted keys, no spaces). Rows are
sorted here, not by the database, so the order does not depend on a backend's collation.
"""

from __future__ import annotations

import hashlib

from projections.read import alive
from projections.storage import Sql, dumps
from projections.viewstore import HISTORY_COLUMNS, VIEWS

PAGE = 20_000


def views_digest(sql: Sql, at: int | None = None) -> str:
    digest = hashlib.sha256()
    for name in sorted(VIEWS):
        condition, params = alive(at)
        rows = sql.all(f"SELECT id, pos_from, doc FROM {sql.table(name)} WHERE {condition}", params)
        digest.update(f"view {name} {len(rows)}\n".encode())
        for row in sorted(rows, key=lambda r: str(r["id"])):
            digest.update(f"{row['id']}\t{row['pos_from']}\t{row['doc']}\n".encode())
    digest.update(b"history\n")
    columns = ", ".join(HISTORY_COLUMNS)
    bound = "" if at is None else " AND position <= ?"
    after = 0
    while True:
        rows = sql.all(
            f"SELECT {columns} FROM {sql.table('history')} WHERE position > ?{bound} "
            "ORDER BY position LIMIT ?",
            (after, *(() if at is None else (at,)), PAGE),
        )
        if not rows:
            break
        last = int(rows[-1]["position"])
        units = sql.all(
            f"SELECT unit_id, position FROM {sql.table('history_units')} "
            "WHERE position > ? AND position <= ?",
            (after, last),
        )
        for row in rows:
            digest.update(dumps([row[c] for c in HISTORY_COLUMNS]).encode() + b"\n")
        for unit in sorted((int(u["position"]), str(u["unit_id"])) for u in units):
            digest.update(f"unit {unit[0]}\t{unit[1]}\n".encode())
        after = last
    return digest.hexdigest()
