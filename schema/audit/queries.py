"""The ledger's proofs. Input the tree cannot answer (a position not in it, a size beyond it,
sizes out of order, a bad page size or cursor) is a GraphQL error whose extensions carry
`code: BAD_USER_INPUT` and the `field` at fault."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from domain.base import InvalidInput
from projections.audit import tree
from projections.storage import Sql
from schema.audit.types import Checkpoint, ConsistencyProof, InclusionProof, PublicKey
from schema.common import MAX_PAGE, Connection, PageInfo, decode_cursor, encode_cursor, one, read
from schema.context import Context

R = TypeVar("R")


class BadAuditInput(InvalidInput):
    @property
    def extensions(self) -> dict[str, str]:
        return {"code": "BAD_USER_INPUT", "field": self.field}


def _answer(query: Callable[..., R]) -> Callable[..., R]:
    def guarded(sql: Sql, **kwargs: Any) -> R:
        try:
            return query(sql, **kwargs)
        except tree.OutsideTree as error:
            raise BadAuditInput(error.field, error.message) from None

    return guarded


@strawberry.type
class AuditQueries:
    @strawberry.field(description="The newest signed checkpoint; null before the first one.")
    async def latest_checkpoint(self, info: Info[Context, None]) -> Checkpoint | None:
        return await one(info, tree.latest_checkpoint, Checkpoint.from_row)

    @strawberry.field(description="Every signed checkpoint, oldest first; cursors are sizes.")
    async def checkpoints(
        self, info: Info[Context, None], first: int = 50, after: str | None = None
    ) -> Connection[Checkpoint]:
        if not 1 <= first <= MAX_PAGE:
            raise BadAuditInput("first", f"must be between 1 and {MAX_PAGE}")
        try:
            cursor = decode_cursor("size", after)
        except InvalidInput as error:
            raise BadAuditInput("after", error.message) from None
        if cursor is not None and not cursor.isdigit():
            raise BadAuditInput("after", "is not a cursor of this list")
        rows = await read(
            info,
            tree.list_checkpoints,
            after_size=int(cursor) if cursor is not None else None,
            first=first,
        )
        nodes = [Checkpoint.from_row(r) for r in rows[:first]]
        end = encode_cursor("size", nodes[-1].tree_size) if nodes else None
        return Connection(
            nodes=nodes, page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=end)
        )

    @strawberry.field(
        description="Proof that the event at `position` is in the tree of `treeSize` events "
        "(default: the latest checkpoint's size)."
    )
    async def inclusion_proof(
        self, info: Info[Context, None], position: int, tree_size: int | None = None
    ) -> InclusionProof:
        proof = await read(
            info, _answer(tree.inclusion_proof), position=position, tree_size=tree_size
        )
        return InclusionProof.of(proof)

    @strawberry.field(description="Proof that the tree of `first` events is a prefix of `second`.")
    async def consistency_proof(
        self, info: Info[Context, None], first: int, second: int
    ) -> ConsistencyProof:
        proof = await read(info, _answer(tree.consistency_proof), first=first, second=second)
        return ConsistencyProof.of(proof)

    @strawberry.field(description="The checkpoints' signing key; null if the server has none.")
    def public_key(self, info: Info[Context, None]) -> PublicKey | None:
        verifier = info.context.verifier
        return PublicKey.of(verifier) if verifier else None
