"""ASGI guards in front of GraphQL: request body size, rate limits, websocket origins.

Rate limits are counted in this process's memory (the `limits` library, moving window): with
several server processes each counts its own share, so set the limits per process."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Sequence
from urllib.parse import urlsplit

import limits
from limits.storage import MemoryStorage
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


class RateLimit:
    """Answers 429 when a client address, or a token, sends more than its share."""

    def __init__(
        self,
        app: ASGIApp,
        per_address: limits.RateLimitItem | None,
        per_token: limits.RateLimitItem | None,
    ) -> None:
        self.app = app
        self.per_address = per_address
        self.per_token = per_token
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

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
            if not self.limiter.hit(item, who):
                reset = self.limiter.get_window_stats(item, who).reset_time
                retry = max(1, math.ceil(reset - time.time()))
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
