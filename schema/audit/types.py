from __future__ import annotations

import base64
import datetime

import strawberry

from projections.audit.notes import Verifier
from projections.audit.tree import ConsistencyProof as StoredConsistencyProof
from projections.audit.tree import InclusionProof as StoredInclusionProof
from projections.storage import Row


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@strawberry.type(description="A signed tree head of the ledger (C2SP tlog-checkpoint).")
class Checkpoint:
    tree_size: int = strawberry.field(description="How many events the tree holds.")
    position: int = strawberry.field(description="The log position of its last event.")
    root_hash: str = strawberry.field(description="The RFC 6962 root hash, base64.")
    note: str = strawberry.field(
        description="The signed note: origin, tree size, root hash, a blank line, signatures."
    )
    signed_at: datetime.datetime

    @classmethod
    def from_row(cls, row: Row) -> Checkpoint:
        return cls(
            tree_size=int(row["tree_size"]),
            position=int(row["position"]),
            root_hash=b64(bytes(row["root_hash"])),
            note=row["note"],
            signed_at=datetime.datetime.fromisoformat(row["signed_at"]),
        )


@strawberry.type(description="Proof that an event is in the tree of a given size (RFC 9162).")
class InclusionProof:
    position: int
    leaf_index: int = strawberry.field(description="The event's index among the tree's leaves.")
    tree_size: int
    leaf_hash: str = strawberry.field(description="SHA-256(0x00 ‖ canonical record), base64.")
    root_hash: str = strawberry.field(description="The root at treeSize, base64.")
    audit_path: list[str] = strawberry.field(description="Sibling hashes, leaf first, base64.")

    @classmethod
    def of(cls, proof: StoredInclusionProof) -> InclusionProof:
        return cls(
            position=proof.position,
            leaf_index=proof.leaf_index,
            tree_size=proof.tree_size,
            leaf_hash=b64(proof.leaf_hash),
            root_hash=b64(proof.root_hash),
            audit_path=[b64(h) for h in proof.path],
        )


@strawberry.type(description="Proof that the tree of size `first` is a prefix of `second`.")
class ConsistencyProof:
    first: int
    second: int
    first_root_hash: str
    second_root_hash: str
    path: list[str] = strawberry.field(description="The proof's hashes (RFC 9162), base64.")

    @classmethod
    def of(cls, proof: StoredConsistencyProof) -> ConsistencyProof:
        return cls(
            first=proof.first,
            second=proof.second,
            first_root_hash=b64(proof.first_root),
            second_root_hash=b64(proof.second_root),
            path=[b64(h) for h in proof.path],
        )


@strawberry.type(description="The key that signs the checkpoints; pin it to verify them.")
class PublicKey:
    origin: str = strawberry.field(description="The log's origin, also the key's name.")
    verifier_key: str = strawberry.field(
        description="The signed-note verifier key: <name>+<key id hex>+<base64(0x01 ‖ key)>."
    )
    key_id: str = strawberry.field(description="The 4-byte key id, hex.")

    @classmethod
    def of(cls, verifier: Verifier) -> PublicKey:
        return cls(origin=verifier.name, verifier_key=str(verifier), key_id=verifier.key_id.hex())
