"""The typed context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.websockets import WebSocket

from domain.application import Ledger
from domain.authority import Actor
from projections.follow import LiveLog


@dataclass
class Context:
    ledger: Ledger
    actor: Actor
    correlation_id: str
    request: Request | WebSocket | None = None
    live: LiveLog | None = None  # what subscriptions wait on
    connection_params: dict[str, object] | None = None  # a WebSocket's connection_init payload
