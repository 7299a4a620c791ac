"""JWTs checked against a JWKS fetched from a URL: a real HTTP server publishes the identity
provider's keys, rotates them, withdraws them, breaks and goes away; every refusal is a clean
401, never a server error."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from access.identity import JwtSettings
from domain.application import Ledger
from server import bootstrap
from settings import Settings

ISSUER, AUDIENCE = "https://sso.example.vn/realms/haiphong", "socai"
REGISTER = """
mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { __typename } }
"""
LIFESPAN = 0.5  # seconds the key set is kept, so that a withdrawn key is noticed in a test


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**public, "kid": kid, "use": "sig", "alg": "RS256"}


def sign(key: rsa.RSAPrivateKey, kid: str, **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-7", "iat": now, "exp": now + 300, **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


@dataclass
class Provider:
    """The identity provider's JWKS endpoint: what it serves, and how often it was asked."""

    keys: list[dict[str, Any]]
    body: bytes | None = None  # served instead of the key set when set
    status: int = 200
    fetches: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> tuple[int, bytes]:
        with self.lock:
            self.fetches += 1
            return self.status, self.body or json.dumps({"keys": self.keys}).encode()


@pytest.fixture
def provider() -> Iterator[tuple[Provider, str, ThreadingHTTPServer]]:
    published = Provider(keys=[])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = published.answer()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/realms/haiphong/certs"
    try:
        yield published, url, server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
async def http(
    ledger: Ledger, provider: tuple[Provider, str, ThreadingHTTPServer]
) -> AsyncIterator[httpx.AsyncClient]:
    _, url, _ = provider
    settings = Settings(
        jwt=JwtSettings(
            issuer=ISSUER,
            audience=AUDIENCE,
            jwks=url,
            jwks_lifespan=LIFESPAN,
            jwks_cooldown=0,
            jwks_timeout=2,
        )
    )
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as client:
        yield client


async def register(client: httpx.AsyncClient, token: str, code: str) -> httpx.Response:
    variables = {"input": {"idempotencyKey": code, "code": code, "kind": "VILLAGE", "name": code}}
    return await client.post(
        "/graphql",
        json={"query": REGISTER, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )


def registered(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["registerUnit"]["__typename"])


async def test_a_jwt_is_checked_against_the_published_keys_through_a_rotation(
    http: httpx.AsyncClient, provider: tuple[Provider, str, ThreadingHTTPServer]
) -> None:
    published, _, _ = provider
    old, new = new_key(), new_key()
    published.keys = [jwk(old, "2026-01")]
    assert registered(await register(http, sign(old, "2026-01", socai_role="office"), "a")) == (
        "UnitChanged"
    )
    assert published.fetches == 1
    assert registered(await register(http, sign(old, "2026-01", socai_role="office"), "b")) == (
        "UnitChanged"
    )
    assert published.fetches == 1, "the key set is kept, not fetched for every request"

    # The provider rotates: the new key is published beside the old one. A token signed with
    # the new key names a kid not seen yet, and the set is fetched again at once.
    published.keys = [jwk(old, "2026-01"), jwk(new, "2026-07")]
    assert registered(await register(http, sign(new, "2026-07", socai_role="office"), "c")) == (
        "UnitChanged"
    )
    assert published.fetches == 2

    # A kid the provider never published, and the old kid on a token signed by another key.
    stranger = new_key()
    unknown = await register(http, sign(stranger, "2099-01", socai_role="office"), "d")
    assert (unknown.status_code, unknown.headers["www-authenticate"]) == (401, "Bearer")
    forged = await register(http, sign(stranger, "2026-07", socai_role="office"), "e")
    assert forged.status_code == 401

    # The old key is withdrawn: once the kept set expires, tokens signed with it are refused.
    published.keys = [jwk(new, "2026-07")]
    time.sleep(LIFESPAN + 0.2)
    withdrawn = await register(http, sign(old, "2026-01", socai_role="office"), "f")
    assert withdrawn.status_code == 401
    assert registered(await register(http, sign(new, "2026-07", socai_role="office"), "g")) == (
        "UnitChanged"
    )


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b"internal error"),
        (200, b"<html>not json</html>"),
        (200, b"[1, 2, 3]"),
        (200, b'{"keys": []}'),
        (200, b'{"keys": [{"kty": "RSA", "kid": "k1", "n": "x"}]}'),
    ],
)
async def test_a_broken_key_set_gets_401_not_a_server_error(
    http: httpx.AsyncClient,
    provider: tuple[Provider, str, ThreadingHTTPServer],
    status: int,
    body: bytes,
) -> None:
    published, _, _ = provider
    published.status, published.body = status, body
    response = await register(http, sign(new_key(), "k1", socai_role="office"), "a")
    assert response.status_code == 401, response.text
    assert published.fetches >= 1, "the endpoint was asked"


async def test_an_unreachable_provider_gets_401_not_a_server_error(
    http: httpx.AsyncClient, provider: tuple[Provider, str, ThreadingHTTPServer]
) -> None:
    published, _, server = provider
    key = new_key()
    published.keys = [jwk(key, "k1")]
    server.shutdown()
    server.server_close()  # the port now refuses connections
    response = await register(http, sign(key, "k1", socai_role="office"), "a")
    assert response.status_code == 401, response.text
    assert published.fetches == 0
