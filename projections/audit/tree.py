"""The ledger's Merkle tree and checkpoints in the database, beside the log.

Tables (made with the event store's own):
  ledger_leaves(leaf_index PK, position UNIQUE, hash)   one row per event, in log order
  ledger_nodes(level, idx, hash)                         every perfect subtree above the leaves
  ledger_checkpoints(tree_size PK, position, root_hash, note, signed_at)
  ledger_follower(name PK, position, size)               how far the follower has come

Every perfect node is kept (one interior row per leaf on average) rather than only the right
edge: appending reads the O(log n) right edge and writes one leaf and, amortized, one node, and a
proof at any tree size is O(log² n) point reads, never a scan of the leaves. Leaf indexes are
kept apart from positions because PostgreSQL's notification ids can skip numbers (a rolled-back
insert still consumes its id).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from projections.audit import merkle
from projections.read import VERSION_SOURCES
from projections.storage import DDL_PROVIDERS, Row, Sql

FOLLOWER = "ledger"


def _ddl(dialect: str, table: Callable[[str], str]) -> list[str]:
    big = "BIGINT" if dialect == "postgres" else "INTEGER"
    blob = "BYTEA" if dialect == "postgres" else "BLOB"
    return [
        f"CREATE TABLE IF NOT EXISTS {table('ledger_leaves')} (leaf_index {big} PRIMARY KEY, "
        f"position {big} NOT NULL UNIQUE, hash {blob} NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {table('ledger_nodes')} (level INTEGER NOT NULL, "
        f"idx {big} NOT NULL, hash {blob} NOT NULL, PRIMARY KEY (level, idx))",
        f"CREATE TABLE IF NOT EXISTS {table('ledger_checkpoints')} (tree_size {big} PRIMARY KEY, "
        f"position {big} NOT NULL, root_hash {blob} NOT NULL, note TEXT NOT NULL, "
        "signed_at TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {table('ledger_follower')} (name TEXT PRIMARY KEY, "
        f"position {big} NOT NULL, size {big} NOT NULL)",
    ]


DDL_PROVIDERS.append(_ddl)


# The tree and its checkpoints grow outside the event transaction: part of the version that
# cached answers are keyed by.
VERSION_SOURCES.extend(
    [
        lambda sql: f"SELECT MAX(tree_size) FROM {sql.table('ledger_checkpoints')}",
        lambda sql: f"SELECT MAX(size) FROM {sql.table('ledger_follower')}",
    ]
)


class OutsideTree(merkle.ProofError):
    """A position or tree size the tree does not (yet) hold; `field` names the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class TreeState:
    position: int  # the last log position in the tree (0: none)
    size: int


def state(sql: Sql) -> TreeState:
    row = sql.one(
        f"SELECT position, size FROM {sql.table('ledger_follower')} WHERE name = ?", (FOLLOWER,)
    )
    return TreeState(int(row["position"]), int(row["size"])) if row else TreeState(0, 0)


def fetch_nodes(sql: Sql, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    by_level: dict[int, list[int]] = {}
    for level, index in keys:
        by_level.setdefault(level, []).append(index)
    found: dict[tuple[int, int], bytes] = {}
    for level, indexes in by_level.items():
        marks = ",".join("?" * len(indexes))
        if level == 0:
            rows = sql.all(
                f"SELECT leaf_index AS idx, hash FROM {sql.table('ledger_leaves')} "
                f"WHERE leaf_index IN ({marks})",
                indexes,
            )
        else:
            rows = sql.all(
                f"SELECT idx, hash FROM {sql.table('ledger_nodes')} "
                f"WHERE level = ? AND idx IN ({marks})",
                [level, *indexes],
            )
        for row in rows:
            found[(level, int(row["idx"]))] = bytes(row["hash"])
    return found


def _run(sql: Sql, proof: Callable[[merkle.NodeSource], bytes | list[bytes]]) -> object:
    nodes = fetch_nodes(sql, merkle.needed_nodes(proof))

    def node(level: int, index: int) -> bytes:
        try:
            return nodes[(level, index)]
        except KeyError:
            raise merkle.ProofError(f"the stored tree lacks node ({level}, {index})") from None

    return proof(node)


def root_at(sql: Sql, size: int) -> bytes:
    found = _run(sql, lambda node: merkle.root(size, node))
    assert isinstance(found, bytes)
    return found


def append(sql: Sql, tree: TreeState, leaves: Sequence[tuple[int, bytes]]) -> TreeState:
    """Appends (position, leaf hash) pairs after `tree`; the caller holds the follower's lock."""
    if not leaves:
        return tree
    frontier = {lvl: h for (lvl, _), h in fetch_nodes(sql, merkle.frontier_keys(tree.size)).items()}
    created = merkle.append_leaves(tree.size, frontier, [h for _, h in leaves])
    sql.many(
        f"INSERT INTO {sql.table('ledger_leaves')} (leaf_index, position, hash) VALUES (?, ?, ?)",
        [(tree.size + i, position, h) for i, (position, h) in enumerate(leaves)],
    )
    interior = [(level, index, h) for level, index, h in created if level > 0]
    if interior:
        sql.many(
            f"INSERT INTO {sql.table('ledger_nodes')} (level, idx, hash) VALUES (?, ?, ?)",
            interior,
        )
    return TreeState(leaves[-1][0], tree.size + len(leaves))


@dataclass(frozen=True)
class InclusionProof:
    position: int
    leaf_index: int
    tree_size: int
    leaf_hash: bytes
    root_hash: bytes
    path: list[bytes]


@dataclass(frozen=True)
class ConsistencyProof:
    first: int
    second: int
    first_root: bytes
    second_root: bytes
    path: list[bytes]


def _check_size(field: str, size: int, tree: TreeState) -> None:
    if size < 0:
        raise OutsideTree(field, f"a tree size is not negative (got {size})")
    if size > tree.size:
        raise OutsideTree(field, f"the tree holds {tree.size} events so far, not {size}")


def inclusion_proof(sql: Sql, position: int, tree_size: int | None = None) -> InclusionProof:
    tree = state(sql)
    row = sql.one(
        f"SELECT leaf_index, hash FROM {sql.table('ledger_leaves')} WHERE position = ?",
        (position,),
    )
    if row is None:
        raise OutsideTree("position", f"no event at position {position} is in the tree")
    index = int(row["leaf_index"])
    size = tree_size if tree_size is not None else latest_size(sql) or tree.size
    _check_size("treeSize", size, tree)
    if index >= size:
        raise OutsideTree(
            "treeSize", f"position {position} is leaf {index}, outside a tree of size {size}"
        )
    path = _run(sql, lambda node: merkle.inclusion_proof(index, size, node))
    assert isinstance(path, list)
    return InclusionProof(position, index, size, bytes(row["hash"]), root_at(sql, size), path)


def consistency_proof(sql: Sql, first: int, second: int) -> ConsistencyProof:
    tree = state(sql)
    _check_size("first", first, tree)
    _check_size("second", second, tree)
    if first > second:
        raise OutsideTree("first", f"first ({first}) must not be larger than second ({second})")
    path = _run(sql, lambda node: merkle.consistency_proof(first, second, node))
    assert isinstance(path, list)
    return ConsistencyProof(first, second, root_at(sql, first), root_at(sql, second), path)


_CHECKPOINT_COLUMNS = "tree_size, position, root_hash, note, signed_at"


def latest_checkpoint(sql: Sql) -> Row | None:
    return sql.one(
        f"SELECT {_CHECKPOINT_COLUMNS} FROM {sql.table('ledger_checkpoints')} "
        "ORDER BY tree_size DESC LIMIT 1"
    )


def latest_size(sql: Sql) -> int | None:
    row = latest_checkpoint(sql)
    return int(row["tree_size"]) if row else None


def list_checkpoints(sql: Sql, *, after_size: int | None = None, first: int = 50) -> list[Row]:
    """Oldest first; `first + 1` rows so that the caller can tell whether more follow."""
    return sql.all(
        f"SELECT {_CHECKPOINT_COLUMNS} FROM {sql.table('ledger_checkpoints')} "
        "WHERE tree_size > ? ORDER BY tree_size LIMIT ?",
        (after_size if after_size is not None else -1, first + 1),
    )


def record_checkpoint(
    sql: Sql, tree: TreeState, root_hash: bytes, note: str, signed_at: str
) -> None:
    sql.execute(
        f"INSERT INTO {sql.table('ledger_checkpoints')} ({_CHECKPOINT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?)",
        (tree.size, tree.position, root_hash, note, signed_at),
    )
