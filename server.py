"""The Starlette app: /graphql (with GraphiQL) and /healthz, built by `bootstrap` for tests too."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL

from domain.application import Ledger
from domain.authority import PUBLIC, Actor
from projections.audit.follower import LedgerFollower
from projections.audit.notes import NoteError, Signer, Verifier, load_signer
from projections.read import head_position
from projections.storage import Database
from schema import schema
from schema.context import Context
from settings import Settings, SettingsError

CORRELATION_HEADER = "x-correlation-id"
log = logging.getLogger("socai")


def signing_key(settings: Settings) -> Signer | None:
    """The checkpoints' signing key, if `socai init` made one; its name must be the origin."""
    if not settings.key_path.exists():
        return None
    try:
        signer = load_signer(settings.key_path)
    except NoteError as error:
        raise SettingsError(str(error)) from None
    if signer.name != settings.log_origin:
        raise SettingsError(
            f"the key in {settings.key_path} signs for '{signer.name}', "
            f"but SOCAI_LOG_ORIGIN is '{settings.log_origin}'"
        )
    return signer


class Credentials:
    """Turns the bearer token into an actor before any resolver runs; a bad token gets 401."""

    def __init__(self, app: ASGIApp, tokens: dict[str, Actor]) -> None:
        self.app = app
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        actor = PUBLIC
        if authorization:
            scheme, _, token = authorization.partition(" ")
            found = self.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
            if found is None:
                response = JSONResponse(
                    {"errors": [{"message": "invalid credentials"}]},
                    status_code=401,
                    headers={"www-authenticate": "Bearer"},
                )
                await response(scope, receive, send)
                return
            actor = found
        scope.setdefault("state", {})["actor"] = actor
        await self.app(scope, receive, send)


class LedgerGraphQL(GraphQL[Context, None]):
    def __init__(self, ledger: Ledger, *, graphiql: bool, verifier: Verifier | None) -> None:
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None)
        self.ledger = ledger
        self.verifier = verifier

    async def get_context(self, request: Any, response: Any = None) -> Context:
        actor: Actor = getattr(request.state, "actor", PUBLIC)
        given = request.headers.get(CORRELATION_HEADER, "")
        correlation_id = given[:100] if given else str(uuid.uuid4())
        return Context(
            ledger=self.ledger,
            actor=actor,
            correlation_id=correlation_id,
            request=request,
            verifier=self.verifier,
        )


def ledger_follower(settings: Settings, ledger: Ledger, signer: Signer | None) -> LedgerFollower:
    return LedgerFollower(
        ledger,
        signer,
        every=settings.checkpoint_every,
        seconds=settings.checkpoint_seconds,
        poll=settings.follow_poll_seconds,
    )


def bootstrap(settings: Settings, ledger: Ledger | None = None) -> Starlette:
    ledger = ledger or Ledger(Database.from_url(settings.database_url))
    signer = signing_key(settings)
    follower = ledger_follower(settings, ledger, signer)
    graphql = LedgerGraphQL(
        ledger, graphiql=settings.graphiql, verifier=signer.verifier if signer else None
    )

    async def healthz(request: Request) -> Response:
        with ledger.reading() as sql:
            position = head_position(sql)
        return JSONResponse({"status": "ok", "position": position})

    async def home(request: Request) -> Response:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if signer is None:
            log.warning(
                "no signing key at %s: the ledger's tree is built, but not signed "
                "until `socai init` creates the key",
                settings.key_path,
            )
        follower.start()
        try:
            yield
        finally:
            follower.stop()
            ledger.close()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        middleware=[Middleware(Credentials, tokens=dict(settings.tokens))],
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.follower = follower
    return app
