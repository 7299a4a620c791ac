"""The Starlette app: /graphql (with GraphiQL), /healthz and the portal at /portal, built by
`bootstrap` for tests too."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UNSET, UnsetType

from access.authenticate import Authenticator, InvalidCredentials
from access.guards import BodyLimit, RateLimit, WebSocketOrigins, parse_rate
from access.identity import JwtVerifier
from domain.application import Ledger
from domain.authority import PUBLIC, Actor
from portal import STATIC_DIR
from projections.audit.follower import LedgerFollower
from projections.audit.notes import NoteError, Signer, Verifier, load_signer
from projections.follow import LiveLog
from projections.read import head_position
from projections.storage import Database
from reports.periodic import periodic_report_page
from schema import build_schema
from schema.context import Context
from schema.feed.rest import feed_endpoint
from schema.http_cache import ResponseCache
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
    """Turns the bearer token into an actor before any resolver runs; a bad token gets 401.
    WebSockets are checked when they open (`LedgerGraphQL.on_ws_connect`)."""

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
                known = self.authenticator.authenticate_at_once(authorization)
                if known is None:
                    known = await asyncio.to_thread(self.authenticator.authenticate, authorization)
                actor = known
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
        settings: Settings,
        live: LiveLog,
        verifier: Verifier | None,
    ) -> None:
        super().__init__(
            build_schema(production=settings.production),
            graphql_ide="graphiql" if settings.graphiql else None,
            allowed_origins=settings.allowed_origins,
        )
        self.ledger = ledger
        self.authenticator = authenticator
        self.live = live
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
            live=self.live,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Credentials for a WebSocket: `{"authorization": "Bearer <token>"}` in the
        connection_init payload, else the handshake's Authorization header; none is public."""
        params = context.connection_params or {}
        given = params.get("authorization", params.get("Authorization"))
        if given is None and context.request is not None:
            given = context.request.headers.get("authorization")
        try:
            context.actor = await asyncio.to_thread(
                self.authenticator.authenticate, str(given) if given else None
            )
        except InvalidCredentials:
            raise ConnectionRejectionError({"message": "invalid credentials"}) from None
        acknowledged: UnsetType = UNSET  # the plain connection_ack
        return acknowledged


def ledger_follower(settings: Settings, ledger: Ledger, signer: Signer | None) -> LedgerFollower:
    return LedgerFollower(
        ledger,
        signer,
        every=settings.checkpoint_every,
        seconds=settings.checkpoint_seconds,
        poll=settings.follow_poll_seconds,
    )


def check_workers(settings: Settings, workers: int) -> None:
    """Several server processes on one store: PostgreSQL only (each process's writes and reads
    go to the database, which keeps them consistent; the ledger follower runs in one process
    per database), and rate limits counted in a shared storage or not at all (each process
    would otherwise count its own share)."""
    if workers < 2:
        return
    if Database.from_url(settings.database_url).backend != "postgres":
        raise SettingsError("--workers needs PostgreSQL; SQLite serves from one process")
    limited = parse_rate(settings.rate_per_address) or parse_rate(settings.rate_per_token)
    if limited and settings.rate_limit_storage.startswith("memory://"):
        raise SettingsError(
            "--workers: each process would count rate limits of its own; set "
            "SOCAI_RATE_LIMIT_STORAGE to a redis:// URI, or the limits off"
        )


def app_from_environment() -> Starlette:
    """The application as a worker process of `socai serve --workers N` builds it."""
    return bootstrap(Settings.from_env())


def bootstrap(settings: Settings, ledger: Ledger | None = None) -> Starlette:
    ledger = ledger or Ledger(Database.from_url(settings.database_url))
    signer = signing_key(settings)
    follower = ledger_follower(settings, ledger, signer)
    live = LiveLog(ledger, poll_interval=settings.poll_interval)
    authenticator = Authenticator(
        ledger.reading,
        development_tokens=settings.tokens,
        jwt=JwtVerifier(settings.jwt) if settings.jwt else None,
    )
    graphql = LedgerGraphQL(
        ledger, authenticator, settings, live, signer.verifier if signer else None
    )

    async def healthz(request: Request) -> Response:
        with ledger.reading() as sql:
            position = head_position(sql)
        return JSONResponse({"status": "ok", "position": position})

    async def home(request: Request) -> Response:
        return RedirectResponse("/portal/")

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
            await live.close()
            ledger.close()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route(
                "/graphql",
                ResponseCache(graphql, ledger, entries=settings.response_cache),
                methods=["GET", "POST"],
            ),
            WebSocketRoute("/graphql", graphql),
            Route("/feed", feed_endpoint(ledger)),
            Route("/reports/periodic", periodic_report_page),
            Mount("/portal", StaticFiles(directory=STATIC_DIR, html=True), name="portal"),
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
                storage=settings.rate_limit_storage,
                prefix=settings.rate_limit_prefix,
            ),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
            Middleware(WebSocketOrigins, allowed=settings.allowed_origins or settings.cors_origins),
            Middleware(Credentials, authenticator=authenticator),
        ],
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.follower = follower
    app.state.authenticator = authenticator
    return app
