"""The Merkle tree of RFC 6962 / RFC 9162 §2.1 (C2SP merkle-tree): hashes, proofs, verification.

Nodes are addressed as perfect subtrees: node (level, index) is the hash of the 2**level leaves
starting at leaf index * 2**level. Every subtree the proofs of RFC 9162 §2.1.3–2.1.4 need is
either such a node or a subtree on the tree's right edge, whose hash follows from O(log n)
perfect nodes. So a store that keeps every perfect node (one interior node per leaf, on
average) answers any proof with O(log² n) point reads and no leaf scan, and appending a leaf
writes one leaf and, amortized, one interior node.

Where this module talks of a `NodeSource`, it means a function (level, index) -> hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

NodeSource = Callable[[int, int], bytes]


class ProofError(ValueError):
    """A proof was asked for sizes or indexes the tree does not have."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two smaller than `size` (size > 1)."""
    return 1 << ((size - 1).bit_length() - 1)


def subtree_hash(start: int, end: int, node: NodeSource) -> bytes:
    """MTH(D[start:end]) for a subtree the RFC's recursion reaches: `start` is a multiple of the
    smallest power of two ≥ end - start, so the left part of every split is a perfect node."""
    size = end - start
    if size & (size - 1) == 0:
        level = size.bit_length() - 1
        return node(level, start >> level)
    k = _split(size)
    return node_hash(subtree_hash(start, start + k, node), subtree_hash(start + k, end, node))


def root(size: int, node: NodeSource) -> bytes:
    return EMPTY_ROOT if size == 0 else subtree_hash(0, size, node)


def inclusion_proof(index: int, size: int, node: NodeSource) -> list[bytes]:
    """PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf first."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of size {size}")
    path: list[bytes] = []
    start, end, m = 0, size, index
    while end - start > 1:
        k = _split(end - start)
        if m < k:
            path.append(subtree_hash(start + k, end, node))
            end = start + k
        else:
            path.append(subtree_hash(start, start + k, node))
            start, m = start + k, m - k
    path.reverse()
    return path


def consistency_proof(first: int, second: int, node: NodeSource) -> list[bytes]:
    """PROOF(first, D[second]) of RFC 9162 §2.1.4.1."""
    if not 0 <= first <= second:
        raise ProofError(f"no consistency proof from size {first} to size {second}")
    if first in (0, second):
        return []
    proof: list[bytes] = []
    start, end, m, whole = 0, second, first, True
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            proof.append(subtree_hash(start + k, end, node))
            end = start + k
        else:
            proof.append(subtree_hash(start, start + k, node))
            start, m, whole = start + k, m - k, False
    if not whole:
        proof.append(subtree_hash(start, end, node))
    proof.reverse()
    return proof


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2, given the leaf's hash."""
    if index >= size or index < 0:
        return False
    fn, sn, h = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            h = node_hash(p, h)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            h = node_hash(h, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and h == expected_root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2."""
    if first > second or first < 0:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    if not proof:
        return False
    hashes = list(proof)
    if first & (first - 1) == 0:
        hashes.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = hashes[0]
    for p in hashes[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(p, fr), node_hash(p, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


def needed_nodes(
    proof: Callable[[NodeSource], object],
) -> list[tuple[int, int]]:
    """The perfect nodes a proof reads, found by running it on placeholders, so that a store
    can fetch them in one query before running it for real."""
    seen: dict[tuple[int, int], None] = {}

    def record(level: int, index: int) -> bytes:
        seen[(level, index)] = None
        return bytes(HASH_SIZE)

    proof(record)
    return list(seen)


class MemoryTree:
    """Every perfect node of a growing tree, one flat byte array per level: what `socai verify`
    rebuilds from the raw rows (1,000,000 leaves take about 64 MB)."""

    def __init__(self) -> None:
        self.size = 0
        self.levels: list[bytearray] = [bytearray()]
        self._frontier: list[bytes] = []  # per level, the perfect node waiting for a sibling

    def append(self, leaf: bytes) -> None:
        levels, frontier = self.levels, self._frontier
        levels[0] += leaf
        node, size, level = leaf, self.size, 0
        while size & 1:
            node = hashlib.sha256(b"\x01" + frontier[level] + node).digest()
            level += 1
            size >>= 1
            if level == len(levels):
                levels.append(bytearray())
            levels[level] += node
        if level == len(frontier):
            frontier.append(node)
        else:
            frontier[level] = node
        self.size += 1

    def node(self, level: int, index: int) -> bytes:
        at = index * HASH_SIZE
        found = bytes(self.levels[level][at : at + HASH_SIZE])
        if len(found) != HASH_SIZE:
            raise ProofError(f"no node ({level}, {index}) in a tree of size {self.size}")
        return found

    def root(self, size: int | None = None) -> bytes:
        return root(self.size if size is None else size, self.node)

    def leaf(self, index: int) -> bytes:
        return self.node(0, index)


def frontier_root(size: int, frontier: dict[int, bytes]) -> bytes:
    """The root from the perfect nodes on the right edge: frontier[level] for each set bit."""
    if size == 0:
        return EMPTY_ROOT
    result: bytes | None = None
    for level in range(size.bit_length()):
        if size >> level & 1:
            result = frontier[level] if result is None else node_hash(frontier[level], result)
    assert result is not None
    return result


def frontier_keys(size: int) -> list[tuple[int, int]]:
    """The perfect nodes on the right edge of a tree of `size` leaves: what appending needs."""
    return [(level, (size >> level) - 1) for level in range(size.bit_length()) if size >> level & 1]


def append_leaves(
    size: int, frontier: dict[int, bytes], leaves: Sequence[bytes]
) -> list[tuple[int, int, bytes]]:
    """Appends leaves to a tree given its right edge; returns the new perfect nodes
    (level, index, hash), leaves included, and updates `frontier` in place."""
    created: list[tuple[int, int, bytes]] = []
    for leaf in leaves:
        created.append((0, size, leaf))
        node, index, level = leaf, size, 0
        while index & 1:
            node = node_hash(frontier.pop(level), node)
            level += 1
            index >>= 1
            created.append((level, index, node))
        frontier[level] = node
        size += 1
    return created
