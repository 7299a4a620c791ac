"""The typed context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.websockets import WebSocket

from domain.application import Ledger
from domain.authority import Actor
from projections.audit.notes import Verifier


@dataclass
class Context:
    ledger: Ledger
    actor: Actor
    correlation_id: str
    request: Request | WebSocket | None = None
    verifier: Verifier | None = None  # the checkpoints' signing key, served to auditors
