"""`socai verify`: recompute the Merkle tree from the raw event rows and check it against every
signed checkpoint, and optionally against a checkpoint an auditor kept from earlier.

The signed checkpoints are the only thing trusted (with the pinned public key): anyone with
full access to the database can rewrite events, leaves and nodes alike, but not sign. The
stored leaves only help to name the first position that differs: when they reproduce a signed
root they are what was signed, so the first event whose leaf differs from them is the first
one altered; when they do not, the tree was rewritten too and only the range between two
checkpoints can be named.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from domain.ledger import LedgerCore
from projections.audit import merkle
from projections.audit.notes import Checkpoint, NoteError, Verifier, open_checkpoint
from projections.audit.records import MalformedRecord, record_leaf_hash
from projections.audit.snapshot import Snapshot, event_batches, snapshot, stored_leaves


@dataclass(frozen=True)
class Outcome:
    ok: bool
    events: int  # events read from the log
    checkpoint: int  # tree size of the latest checkpoint the log matches
    position: int | None = None  # where the first problem is, if it has a position
    problem: str = ""
    detail: str = ""

    def line(self) -> str:
        if self.ok:
            return f"verified {self.events} events up to checkpoint {self.checkpoint}{self.detail}"
        if self.position is None:
            return f"mismatch: {self.problem}"
        return f"mismatch at position {self.position}: {self.problem}"


@dataclass(frozen=True)
class _Signed:
    size: int
    position: int  # the last log position it covers (0 for a kept checkpoint: not known)
    root: bytes
    label: str


@dataclass(frozen=True)
class _Divergence:
    """The first leaf where the log and the stored tree disagree."""

    index: int
    stored: tuple[int, bytes] | None  # (position, hash) the tree recorded, if any
    logged: int | None  # the position the log has at that leaf, if any
    last_logged: int  # the log's last position before it

    def describe(self) -> tuple[int, str]:
        if self.stored is None:
            assert self.logged is not None
            return self.logged, "this event is not in the stored tree"
        position = self.stored[0]
        if self.logged is None:
            return position, (
                f"missing from the log, which ends at position {self.last_logged} "
                "(events were deleted from its end)"
            )
        if self.logged == position:
            return position, "the stored event is not the one the ledger recorded"
        if self.logged > position:
            return position, (
                f"missing from the log (deleted; the next event is at position {self.logged})"
            )
        return self.logged, f"an event the ledger never recorded (inserted before {position})"


class _Failed(Exception):
    def __init__(self, position: int | None, problem: str) -> None:
        super().__init__(problem)
        self.position = position
        self.problem = problem


def _signed_checkpoints(db: Snapshot, verifier: Verifier) -> list[_Signed]:
    signed: list[_Signed] = []
    rows = db.rows(
        f"SELECT tree_size, position, root_hash, note FROM {db.table('ledger_checkpoints')} "
        "ORDER BY tree_size"
    )
    for size, position, root_hash, note in rows:
        label = f"the checkpoint at tree size {size}"
        try:
            checkpoint = open_checkpoint(str(note), verifier)
        except NoteError as error:
            raise _Failed(None, f"{label}: {error}") from None
        if checkpoint.size != int(size) or checkpoint.root != bytes(root_hash):
            raise _Failed(None, f"{label}: its columns do not match its signed note")
        signed.append(_Signed(int(size), int(position), checkpoint.root, label))
    return signed


def _stored_root(db: Snapshot, size: int) -> bytes | None:
    """The root of the stored leaves [0, size), or None if there are fewer."""
    tree = merkle.MemoryTree()
    for _, _, leaf in stored_leaves(db):
        if tree.size == size:
            break
        tree.append(leaf)
    return tree.root(size) if tree.size == size else None


def _first_divergence(db: Snapshot) -> _Divergence | None:
    """The first leaf where the log and the stored tree disagree: a second pass, made only
    once something failed to match."""
    leaves = stored_leaves(db)
    index, last = 0, 0
    for rows in event_batches(db):
        for position, stream, version, topic, state in rows:
            stored = next(leaves, None)
            if stored is None:
                return None  # the tree ends here; the rest is not in it yet
            try:
                leaf = record_leaf_hash(position, stream, version, topic, state)
            except MalformedRecord:
                leaf = b""
            if stored[1] != position or stored[2] != leaf:
                return _Divergence(index, (stored[1], stored[2]), position, last)
            index, last = index + 1, position
    rest = next(leaves, None)
    return _Divergence(index, (rest[1], rest[2]), None, last) if rest else None


class _Walk:
    """One pass over the log: every leaf hashed into the tree, the roots checked at the signed
    sizes, and the events after the last checkpoint compared with the stored leaves (nothing
    signs those yet, but the stored tree must still hold them unchanged)."""

    def __init__(self, db: Snapshot) -> None:
        self.db = db
        self.tree = merkle.MemoryTree()
        self.divergence: _Divergence | None = None
        self.last_position = 0

    def run(self, targets: dict[int, _Signed], compare_from: int) -> None:
        tree = self.tree
        leaves = stored_leaves(self.db, start=compare_from)
        comparing = True
        for rows in event_batches(self.db):
            for position, stream, version, topic, state in rows:
                try:
                    leaf = record_leaf_hash(position, stream, version, topic, state)
                except MalformedRecord as error:
                    raise _Failed(position, str(error)) from None
                if comparing and tree.size >= compare_from:
                    stored = next(leaves, None)
                    if stored is None:  # events the follower has not reached yet
                        comparing = False
                    elif stored[1] != position or stored[2] != leaf:
                        self.divergence = _Divergence(
                            tree.size, (stored[1], stored[2]), position, self.last_position
                        )
                        comparing = False
                tree.append(leaf)
                self.last_position = position
                signed = targets.get(tree.size)
                if signed is not None and tree.root() != signed.root:
                    raise self._mismatch(signed, targets)
        if comparing:
            rest = next(leaves, None)
            if rest is not None:
                self.divergence = _Divergence(
                    tree.size, (rest[1], rest[2]), None, self.last_position
                )

    def _mismatch(self, signed: _Signed, targets: dict[int, _Signed]) -> _Failed:
        d = _first_divergence(self.db)
        if (
            d is not None
            and d.index < signed.size
            and _stored_root(self.db, signed.size) == (signed.root)
        ):
            position, problem = d.describe()
            return _Failed(position, f"{problem}; {signed.label} does not match")
        if signed.size > self.tree.size:
            return _Failed(
                self.last_position + 1,
                f"{signed.label} covers {signed.size} events but the log holds "
                f"{self.tree.size}: events after position {self.last_position} were deleted",
            )
        earlier = [s for s in targets.values() if s.size < signed.size and s.position]
        start = max(earlier, key=lambda s: s.size) if earlier else None
        after = start.position if start else 0
        return _Failed(
            after + 1,
            f"an event after position {after} was altered: {signed.label} does not match the "
            "log, and the stored tree was rewritten too, so the exact event cannot be told",
        )


def verify(ledger: LedgerCore, verifier: Verifier, kept_note: str | None = None) -> Outcome:
    with snapshot(ledger) as db:
        try:
            return _verify(db, verifier, kept_note)
        except _Failed as failed:
            return Outcome(False, 0, 0, failed.position, failed.problem)


def _verify(db: Snapshot, verifier: Verifier, kept_note: str | None) -> Outcome:
    signed = _signed_checkpoints(db, verifier)
    kept: _Signed | None = None
    if kept_note is not None:
        try:
            checkpoint: Checkpoint = open_checkpoint(kept_note, verifier)
        except NoteError as error:
            raise _Failed(None, f"the kept checkpoint: {error}") from None
        kept = _Signed(checkpoint.size, 0, checkpoint.root, "the kept checkpoint")
        same = next((s for s in signed if s.size == kept.size), None)
        if same is not None and same.root != kept.root:
            raise _Failed(
                None,
                f"the kept checkpoint and {same.label} differ: the log was rewritten and "
                "re-signed (a fork)",
            )
    targets = {s.size: s for s in signed}
    if kept is not None and kept.size not in targets:
        targets[kept.size] = kept
    walk = _Walk(db)
    walk.run(targets, compare_from=signed[-1].size if signed else 0)
    tree = walk.tree
    beyond = [s for s in targets.values() if s.size > tree.size]
    if beyond:
        first = min(beyond, key=lambda s: s.size)
        raise walk._mismatch(first, targets)  # the log is shorter than what was signed
    if walk.divergence is not None:
        position, problem = walk.divergence.describe()
        raise _Failed(position, f"{problem} (after the last signed checkpoint)")
    ordered = sorted(targets.values(), key=lambda s: s.size)
    for older, newer in itertools.pairwise(ordered):
        proof = merkle.consistency_proof(older.size, newer.size, tree.node)
        if not merkle.verify_consistency(older.size, newer.size, older.root, newer.root, proof):
            raise _Failed(None, f"{older.label} and {newer.label} are not consistent")
    if not signed and tree.size:
        raise _Failed(None, "no signed checkpoint covers the log yet: run `socai checkpoint`")
    latest = signed[-1].size if signed else 0
    detail = ""
    if kept is not None:
        detail += f"; the kept checkpoint at tree size {kept.size} is a prefix of it"
    if tree.size > latest:
        detail += f"; the last {tree.size - latest} match the stored tree, not yet signed"
    return Outcome(True, tree.size, latest, detail=detail)
