"""The Starlette app: /graphql (with GraphiQL) and /healthz, built by `bootstrap` for tests too."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UnsetType

from access.authenticate import Authenticator, InvalidCredentials
from access.guards import BodyLimit, RateLimit, WebSocketOrigins, parse_rate
from access.identity import JwtVerifier
from domain.application import Ledger
from domain.authority import PUBLIC, Actor
from projections.read import head_position
from projections.storage import Database
from schema import build_schema
from schema.context import Context
from settings import Settings

CORRELATION_HEADER = "x-correlation-id"


class Credentials:
    """Turns the bearer token into an actor before any resolver runs; a bad token gets 401."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        actor = PUBLIC
        if authorization:
            try:
                actor = await asyncio.to_thread(self.authenticator.authenticate, authorization)
            except InvalidCredentials:
                response = JSONResponse(
                    {"errors": [{"message": "invalid credentials"}]},
                    status_code=401,
                    headers={"www-authenticate": "Bearer"},
                )
                await response(scope, receive, send)
                return
        scope.setdefault("state", {})["actor"] = actor
        await self.app(scope, receive, send)


class LedgerGraphQL(GraphQL[Context, None]):
    def __init__(
        self,
        ledger: Ledger,
        authenticator: Authenticator,
        *,
        graphiql: bool,
        production: bool = False,
    ) -> None:
        super().__init__(
            build_schema(production=production), graphql_ide="graphiql" if graphiql else None
        )
        self.ledger = ledger
        self.authenticator = authenticator

    async def get_context(self, request: Any, response: Any = None) -> Context:
        actor: Actor = getattr(request.state, "actor", PUBLIC)
        given = request.headers.get(CORRELATION_HEADER, "")
        correlation_id = given[:100] if given else str(uuid.uuid4())
        return Context(
            ledger=self.ledger, actor=actor, correlation_id=correlation_id, request=request
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A websocket sends its token in the connection payload: {"authorization": "Bearer …"}."""
        params = context.connection_params or {}
        authorization = params.get("authorization") or params.get("Authorization")
        try:
            context.actor = await asyncio.to_thread(
                self.authenticator.authenticate,
                authorization if isinstance(authorization, str) else None,
            )
        except InvalidCredentials:
            raise ConnectionRejectionError({"message": "invalid credentials"}) from None
        return UnsetType()


def bootstrap(settings: Settings, ledger: Ledger | None = None) -> Starlette:
    ledger = ledger or Ledger(Database.from_url(settings.database_url))
    authenticator = Authenticator(
        ledger.reading,
        development_tokens=settings.tokens,
        jwt=JwtVerifier(settings.jwt) if settings.jwt else None,
    )
    graphql = LedgerGraphQL(
        ledger, authenticator, graphiql=settings.graphiql, production=settings.production
    )

    async def healthz(request: Request) -> Response:
        with ledger.reading() as sql:
            position = head_position(sql)
        return JSONResponse({"status": "ok", "position": position})

    async def home(request: Request) -> Response:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", CORRELATION_HEADER],
            ),
            Middleware(
                RateLimit,
                per_address=parse_rate(settings.rate_per_address),
                per_token=parse_rate(settings.rate_per_token),
            ),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
            Middleware(
                WebSocketOrigins, allowed=settings.websocket_origins or settings.cors_origins
            ),
            Middleware(Credentials, authenticator=authenticator),
        ],
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.authenticator = authenticator
    return app
