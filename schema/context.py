"""The typed context every resolver receives."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader

from domain.application import Ledger
from domain.authority import Actor
from domain.keyring import keys_for
from projections.audit.notes import Verifier
from projections.follow import LiveLog
from projections.storage import Row
from projections.units import units_by_id

UnitKey = tuple[str, int | None]  # a unit id, and the log position to read it at (None: now)


@dataclass
class Context:
    ledger: Ledger
    actor: Actor
    correlation_id: str
    request: Request | WebSocket | None = None
    verifier: Verifier | None = None  # the checkpoints' signing key, served to auditors
    live: LiveLog | None = None  # what subscriptions wait on
    connection_params: dict[str, object] | None = None  # a WebSocket's connection_init payload
    units: DataLoader[UnitKey, Row | None] = field(init=False)
    personal_keys: DataLoader[str, bytes | None] = field(init=False)
    # The persons whose personal fields this request showed: recorded once, when it ends.
    personal_reads: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        # One read transaction per batch of unit look-ups, not one per nested field.
        self.units = DataLoader(load_fn=self._load_units)
        self.personal_keys = DataLoader(load_fn=self._load_keys)

    async def _load_keys(self, person_ids: Sequence[str]) -> list[bytes | None]:
        def in_transaction() -> list[bytes | None]:
            with self.ledger.reading() as sql:
                found = keys_for(sql, person_ids)
            return [found[p] for p in person_ids]

        return await asyncio.to_thread(in_transaction)

    async def _load_units(self, keys: Sequence[UnitKey]) -> list[Row | None]:
        def in_transaction() -> list[Row | None]:
            found: dict[UnitKey, Row] = {}
            with self.ledger.reading() as sql:
                for at in {at for _, at in keys}:
                    ids = [unit_id for unit_id, key_at in keys if key_at == at]
                    for unit_id, row in units_by_id(sql, ids, at=at).items():
                        found[(unit_id, at)] = row
            return [found.get(key) for key in keys]

        return await asyncio.to_thread(in_transaction)
