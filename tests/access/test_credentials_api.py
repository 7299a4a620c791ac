"""Credentials over HTTP and websocket: stored tokens, JWTs from an identity provider."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from access.authenticate import Authenticator, InvalidCredentials
from access.identity import JwtSettings
from access.tokens import TOKEN_PREFIX, create_token
from domain.application import Ledger
from domain.authority import PUBLIC, Actor, Role
from domain.unit import unit_id_for
from schema.context import Context
from server import bootstrap
from settings import Settings, SettingsError

ISSUER, AUDIENCE = "https://sso.example.vn/realms/haiphong", "socai"
REGISTER = """
mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { __typename } }
"""


def unit_input(code: str) -> dict[str, Any]:
    return {"input": {"idempotencyKey": code, "code": code, "kind": "VILLAGE", "name": code}}


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_file(tmp_path: Path, signing_key: rsa.RSAPrivateKey) -> Path:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key()))
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [{**public, "kid": "k1", "use": "sig"}]}))
    return path


def sign(key: rsa.RSAPrivateKey, **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-42", "iat": now, "exp": now + 300, **claims}
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


@pytest.fixture
async def http(ledger: Ledger, jwks_file: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(jwt=JwtSettings(issuer=ISSUER, audience=AUDIENCE, jwks=str(jwks_file)))
    app = bootstrap(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://socai.test") as client:
        client.app = app  # type: ignore[attr-defined]
        yield client


async def post(client: httpx.AsyncClient, token: str | None, code: str) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await client.post(
        "/graphql", json={"query": REGISTER, "variables": unit_input(code)}, headers=headers
    )


async def test_a_stored_token_writes_and_a_revoked_one_gets_401(
    ledger: Ledger, http: httpx.AsyncClient
) -> None:
    from access.tokens import revoke_token

    with ledger.store.writing() as sql:
        token, secret = create_token(sql, role=Role.OFFICE, name="Văn phòng")
    ok = await post(http, secret, "thon-1")
    assert ok.json()["data"]["registerUnit"]["__typename"] == "UnitChanged"
    anonymous = await post(http, None, "thon-2")
    assert anonymous.json()["data"]["registerUnit"]["__typename"] == "NotAllowed"
    with ledger.store.writing() as sql:
        revoke_token(sql, token.id)
    refused = await post(http, secret, "thon-3")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert (await post(http, "garbage-token", "thon-4")).status_code == 401


async def test_a_jwt_maps_to_a_role_and_unit(
    http: httpx.AsyncClient, signing_key: rsa.RSAPrivateKey
) -> None:
    office = sign(signing_key, socai_role="office")
    ok = await post(http, office, "thon-1")
    assert ok.json()["data"]["registerUnit"]["__typename"] == "UnitChanged"
    history = await http.post(
        "/graphql", json={"query": '{ history(filter: {stream: "unit"}) { nodes { actorId } } }'}
    )
    assert history.json()["data"]["history"]["nodes"] == [{"actorId": "sso:u-42"}]
    listed = sign(signing_key, socai_role=["viewer", "committee"])
    assert (await post(http, listed, "thon-2")).json()["data"]["registerUnit"][
        "__typename"
    ] == "NotAllowed"
    authenticator = http.app.state.authenticator  # type: ignore[attr-defined]
    reporter = authenticator.authenticate(
        "Bearer " + sign(signing_key, socai_role="reporter", socai_unit="thon-1")
    )
    assert (reporter.role, reporter.unit_id) == (Role.REPORTER, unit_id_for("thon-1"))


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "another-app"},
        {"iss": "https://elsewhere.example"},
        {"exp": 1_000_000},
        {"socai_role": None},
        {"socai_role": "system"},
        {"socai_role": ["office", "committee"]},
        {"socai_role": "reporter"},
        {"sub": None},
    ],
)
async def test_a_bad_jwt_gets_401(
    http: httpx.AsyncClient, signing_key: rsa.RSAPrivateKey, claims: dict[str, Any]
) -> None:
    token = sign(signing_key, **{"socai_role": "office", **claims})
    assert (await post(http, token, "thon-1")).status_code == 401


async def test_a_jwt_signed_by_another_key_gets_401(http: httpx.AsyncClient) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert (await post(http, sign(stranger, socai_role="office"), "thon-1")).status_code == 401


async def test_a_websocket_sends_its_token_in_the_connection_payload(
    ledger: Ledger, http: httpx.AsyncClient
) -> None:
    from strawberry.exceptions import ConnectionRejectionError

    from projections.follow import LiveLog
    from server import LedgerGraphQL

    with ledger.store.writing() as sql:
        _, secret = create_token(sql, role=Role.AUDITOR, name="")
    authenticator = http.app.state.authenticator  # type: ignore[attr-defined]
    graphql = LedgerGraphQL(ledger, authenticator, Settings(graphiql=False), LiveLog(ledger), None)
    context = Context(ledger=ledger, actor=PUBLIC, correlation_id="ws")
    context.connection_params = {"authorization": f"Bearer {secret}"}
    await graphql.on_ws_connect(context)
    assert context.actor.role is Role.AUDITOR
    context.connection_params = {}
    await graphql.on_ws_connect(context)
    assert context.actor == PUBLIC
    context.connection_params = {"authorization": "Bearer socai_nope"}
    with pytest.raises(ConnectionRejectionError):
        await graphql.on_ws_connect(context)


def test_production_refuses_development_tokens_and_half_a_jwt_setup() -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"SOCAI_ENV": "production", "SOCAI_TOKENS": "abcdefgh=office"})
    with pytest.raises(SettingsError):
        Settings.from_env({"SOCAI_JWT_ISSUER": ISSUER})
    production = Settings.from_env({"SOCAI_ENV": "production", "SOCAI_GRAPHIQL": "1"})
    assert (production.production, production.graphiql) == (True, False)


def test_credentials_that_block_on_nothing_are_told_at_once() -> None:
    """The server resolves no credentials, development tokens and malformed headers on the
    event loop; API tokens (the store) and JWTs (the identity provider) go to a worker thread."""
    reads: list[str] = []

    @contextmanager
    def reading() -> Iterator[Any]:
        reads.append("read")
        raise AssertionError("the store was read")
        yield

    office = Actor("dev-office", Role.OFFICE)
    authenticator = Authenticator(reading, development_tokens={"dev-token": office})
    assert authenticator.authenticate_at_once(None) is PUBLIC
    assert authenticator.authenticate_at_once("  ") is PUBLIC
    assert authenticator.authenticate_at_once("Bearer dev-token") == office
    assert authenticator.authenticate("Bearer dev-token") == office
    for bad in ("Basic dev-token", "Bearer", "Bearer other-token"):
        with pytest.raises(InvalidCredentials):
            authenticator.authenticate_at_once(bad)
        with pytest.raises(InvalidCredentials):
            authenticator.authenticate(bad)
    assert authenticator.authenticate_at_once(f"Bearer {TOKEN_PREFIX}abc") is None
    assert reads == []
