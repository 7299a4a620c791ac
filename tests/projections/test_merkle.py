"""The Merkle code against a naive, recursive RFC 6962 §2.1 written here from the RFC's text,
on every tree size from 1 to 64, and against the worked seven-leaf example of C2SP's
merkle-tree.md."""

from __future__ import annotations

import hashlib
from typing import ClassVar

import pytest

from projections.audit import merkle

MAX = 64


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def largest_power_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d: list[bytes]) -> bytes:
    if not d:
        return sha(b"")
    if len(d) == 1:
        return sha(b"\x00" + d[0])
    k = largest_power_below(len(d))
    return sha(b"\x01" + mth(d[:k]) + mth(d[k:]))


def path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = largest_power_below(len(d))
    if m < k:
        return [*path(m, d[:k]), mth(d[k:])]
    return [*path(m - k, d[k:]), mth(d[:k])]


def subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [mth(d)]
    k = largest_power_below(n)
    if m <= k:
        return [*subproof(m, d[:k], b), mth(d[k:])]
    return [*subproof(m - k, d[k:], False), mth(d[:k])]


def proof(m: int, d: list[bytes]) -> list[bytes]:
    return [] if m in (0, len(d)) else subproof(m, d, True)


ENTRIES = [f"entry {i}".encode() for i in range(MAX)]


@pytest.fixture(scope="module")
def built() -> merkle.MemoryTree:
    tree = merkle.MemoryTree()
    for entry in ENTRIES:
        tree.append(merkle.leaf_hash(entry))
    return tree


def test_the_empty_tree_hashes_the_empty_string() -> None:
    assert merkle.MemoryTree().root() == mth([]) == merkle.EMPTY_ROOT


@pytest.mark.parametrize("n", range(1, MAX + 1))
def test_roots_and_inclusion_proofs_match_the_rfc(built: merkle.MemoryTree, n: int) -> None:
    d = ENTRIES[:n]
    assert built.root(n) == mth(d)
    for m in range(n):
        expected = path(m, d)
        got = merkle.inclusion_proof(m, n, built.node)
        assert got == expected, (m, n)
        assert merkle.verify_inclusion(built.leaf(m), m, n, got, mth(d))


@pytest.mark.parametrize("n", range(1, MAX + 1))
def test_consistency_proofs_match_the_rfc(built: merkle.MemoryTree, n: int) -> None:
    d = ENTRIES[:n]
    for m in range(n + 1):
        expected = proof(m, d)
        got = merkle.consistency_proof(m, n, built.node)
        assert got == expected, (m, n)
        assert merkle.verify_consistency(m, n, mth(d[:m]), mth(d), got)


def test_bad_proofs_do_not_verify(built: merkle.MemoryTree) -> None:
    n = 37
    root = built.root(n)
    for m in (0, 5, 16, 36):
        good = merkle.inclusion_proof(m, n, built.node)
        leaf = built.leaf(m)
        assert merkle.verify_inclusion(leaf, m, n, good, root)
        assert not merkle.verify_inclusion(leaf, m, n, good[:-1], root)
        assert not merkle.verify_inclusion(leaf, m, n, [*good, good[0]], root)
        assert not merkle.verify_inclusion(leaf, m, n, good, built.root(n + 1))
        assert not merkle.verify_inclusion(built.leaf(m + 1), m, n, good, root)
        flipped = [bytes([good[0][0] ^ 1]) + good[0][1:], *good[1:]]
        assert not merkle.verify_inclusion(leaf, m, n, flipped, root)
        assert not merkle.verify_inclusion(leaf, n, n, good, root)
    # The size shapes the path: the last leaf's proof does not fit the next size.
    last = merkle.inclusion_proof(n - 1, n, built.node)
    assert not merkle.verify_inclusion(built.leaf(n - 1), n - 1, n + 1, last, root)
    for m in (1, 7, 8, 20):
        good = merkle.consistency_proof(m, n, built.node)
        old = built.root(m)
        assert merkle.verify_consistency(m, n, old, root, good)
        assert not merkle.verify_consistency(m, n, built.root(m + 1), root, good)
        assert not merkle.verify_consistency(m, n, old, built.root(n - 1), good)
        assert not merkle.verify_consistency(m, n, old, root, good[:-1])
        assert not merkle.verify_consistency(m, n, old, root, [*good, good[-1]])
        assert not merkle.verify_consistency(n, m, root, old, good)
    assert not merkle.verify_consistency(4, 4, root, built.root(4), [])
    assert not merkle.verify_consistency(0, 4, merkle.EMPTY_ROOT, built.root(4), [root])


def test_proofs_outside_the_tree_are_refused(built: merkle.MemoryTree) -> None:
    with pytest.raises(merkle.ProofError):
        merkle.inclusion_proof(5, 5, built.node)
    with pytest.raises(merkle.ProofError):
        merkle.consistency_proof(6, 5, built.node)
    with pytest.raises(merkle.ProofError):
        merkle.MemoryTree().node(0, 0)


def test_appending_from_the_right_edge_builds_every_perfect_node(
    built: merkle.MemoryTree,
) -> None:
    """What the database follower does: keep only the right edge between batches."""
    nodes: dict[tuple[int, int], bytes] = {}
    frontier: dict[int, bytes] = {}
    size = 0
    for batch in (1, 2, 3, 5, 8, 13, 21, 11):
        leaves = [built.leaf(i) for i in range(size, size + batch)]
        assert set(frontier) == {level for level, _ in merkle.frontier_keys(size)}
        for level, index, h in merkle.append_leaves(size, frontier, leaves):
            nodes[(level, index)] = h
        size += batch
        assert merkle.frontier_root(size, frontier) == built.root(size)
    assert size == MAX
    for (level, index), h in nodes.items():
        assert built.node(level, index) == h
    assert len(nodes) == 2 * MAX - 1


def test_needed_nodes_names_what_a_proof_reads(built: merkle.MemoryTree) -> None:
    keys = merkle.needed_nodes(lambda node: merkle.inclusion_proof(3, 7, node))
    subset = {k: built.node(*k) for k in keys}
    assert merkle.inclusion_proof(3, 7, lambda lv, i: subset[(lv, i)]) == path(3, ENTRIES[:7])


class TestTheSevenLeafExampleOfC2SP:
    """merkle-tree.md labels the nodes of a seven-entry tree and lists proofs by label."""

    d: ClassVar[list[bytes]] = [f"d[{i}]".encode() for i in range(7)]

    @pytest.fixture
    def labels(self) -> dict[str, bytes]:
        a, b, c, d_, e, f, g = (sha(b"\x00" + x) for x in self.d)
        h, i, j = sha(b"\x01" + a + b), sha(b"\x01" + c + d_), sha(b"\x01" + e + f)
        k, l_ = sha(b"\x01" + h + i), sha(b"\x01" + j + g)
        root = sha(b"\x01" + k + l_)
        return {
            "a": a, "b": b, "c": c, "d": d_, "e": e, "f": f, "g": g,
            "h": h, "i": i, "j": j, "k": k, "l": l_, "root": root,
        }  # fmt: skip

    @pytest.fixture
    def tree(self) -> merkle.MemoryTree:
        tree = merkle.MemoryTree()
        for entry in self.d:
            tree.append(merkle.leaf_hash(entry))
        return tree

    def test_root(self, tree: merkle.MemoryTree, labels: dict[str, bytes]) -> None:
        assert tree.root() == labels["root"]

    @pytest.mark.parametrize(
        ("index", "expected"), [(0, "b i l"), (3, "c h l"), (4, "f g k"), (6, "j k")]
    )
    def test_inclusion(
        self, tree: merkle.MemoryTree, labels: dict[str, bytes], index: int, expected: str
    ) -> None:
        got = merkle.inclusion_proof(index, 7, tree.node)
        assert got == [labels[x] for x in expected.split()]
        assert merkle.verify_inclusion(tree.leaf(index), index, 7, got, labels["root"])

    @pytest.mark.parametrize(("first", "expected"), [(3, "c d h l"), (4, "l"), (6, "j g k")])
    def test_consistency(
        self, tree: merkle.MemoryTree, labels: dict[str, bytes], first: int, expected: str
    ) -> None:
        got = merkle.consistency_proof(first, 7, tree.node)
        assert got == [labels[x] for x in expected.split()]
        assert merkle.verify_consistency(first, 7, tree.root(first), labels["root"], got)
