"""ASGI guards in front of GraphQL: request body size, rate limits, websocket origins.

Rate limits are counted by the `limits` library (moving window) in a storage: this process's
memory by default, so that several server processes each count their own share; or a Redis
that all of them share (`SOCAI_RATE_LIMIT_STORAGE=redis://…`), so that a client's share is the
same however the load balancer spreads its requests."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import limits
from limits.errors import ConfigurationError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


class BodyLimit:
    """Refuses a request body larger than `max_bytes` with 413, before anything parses it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"errors": [{"message": f"the request body is larger than {self.max_bytes} bytes"}]},
            status_code=413,
        )
        await response(scope, receive, send)


def parse_rate(value: str) -> limits.RateLimitItem | None:
    """`300/minute`, `20/second`, …; `off` for none."""
    if value.strip().lower() in ("", "0", "off", "none"):
        return None
    return limits.parse(value)


log = logging.getLogger("socai.ratelimit")

MEMORY = "memory://"
KEY_PREFIX = "socai"  # the counters' keys, apart from anything else the shared storage holds
REDIS_SCHEMES = ("redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster")
LOG_EVERY_SECONDS = 60.0  # a storage that stays down is logged once a minute, not per request


def rate_storage(uri: str, prefix: str = KEY_PREFIX) -> Storage:
    """The counters' storage from `memory://` or a Redis URI (`redis://host:6379`,
    `rediss://`, `redis+sentinel://`, `redis+cluster://`), its keys under `prefix`; ValueError
    for anything else. Nothing connects until the first request is counted."""
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "memory":
        return MemoryStorage()
    if scheme not in REDIS_SCHEMES:
        raise ValueError(f"'{scheme}' storage: use memory:// or a redis:// URI")
    options: dict[str, Any] = {"key_prefix": prefix, "socket_connect_timeout": 2}
    try:
        storage = storage_from_string(uri, **options)
    except ConfigurationError as error:
        raise ValueError(str(error)) from None
    assert isinstance(storage, Storage), "a synchronous storage for a redis:// URI"
    return storage


class RateLimit:
    """Answers 429 when a client address, or a token, sends more than its share. When the
    shared storage cannot be reached, requests pass uncounted (and it is logged): the limits
    protect the service, and their storage going down must not take the service down."""

    def __init__(
        self,
        app: ASGIApp,
        per_address: limits.RateLimitItem | None,
        per_token: limits.RateLimitItem | None,
        storage: str = MEMORY,
        prefix: str = KEY_PREFIX,
    ) -> None:
        self.app = app
        self.per_address = per_address
        self.per_token = per_token
        store = rate_storage(storage, prefix)
        self.limiter = MovingWindowRateLimiter(store)
        # Memory answers at once; a shared storage is asked over the network, off the loop.
        self._in_thread = not isinstance(store, MemoryStorage)
        self._logged_at = -LOG_EVERY_SECONDS

    def _count(self, item: limits.RateLimitItem, who: str) -> float | None:
        """Counts one request: None within the share, else when the window resets."""
        if self.limiter.hit(item, who):
            return None
        return self.limiter.get_window_stats(item, who).reset_time

    async def _over(self, item: limits.RateLimitItem, who: str) -> int | None:
        """Counts one request; the seconds to wait when it is over the share, else None."""
        try:
            if self._in_thread:
                reset = await asyncio.to_thread(self._count, item, who)
            else:
                reset = self._count(item, who)
            if reset is None:
                return None
        except Exception:  # the storage is down or refuses: let the request through
            now = time.monotonic()
            if now - self._logged_at >= LOG_EVERY_SECONDS:
                self._logged_at = now
                log.exception("rate limits not counted: their storage failed")
            return None
        return max(1, math.ceil(reset - time.time()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope.get("path") == "/healthz":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        checks: list[tuple[limits.RateLimitItem, str]] = []
        if self.per_address is not None:
            checks.append((self.per_address, f"address:{client[0] if client else 'unknown'}"))
        authorization = _header(scope, b"authorization")
        if self.per_token is not None and authorization:
            digest = hashlib.sha256(authorization.encode()).hexdigest()
            checks.append((self.per_token, f"token:{digest}"))
        for item, who in checks:
            retry = await self._over(item, who)
            if retry is not None:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 4429})
                    return
                response = JSONResponse(
                    {"errors": [{"message": "too many requests: slow down and retry later"}]},
                    status_code=429,
                    headers={"retry-after": str(retry)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class WebSocketOrigins:
    """A browser's websocket is accepted only from an allowed origin, or from the server's own;
    a client that sends no Origin (not a browser) is let through to authenticate."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {o.rstrip("/") for o in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            origin = _header(scope, b"origin").rstrip("/")
            host = _header(scope, b"host")
            same = bool(origin) and urlsplit(origin).netloc == host
            if origin and not same and origin not in self.allowed and "*" not in self.allowed:
                await send({"type": "websocket.close", "code": 4403})
                return
        await self.app(scope, receive, send)
