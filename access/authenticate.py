"""One way in for every transport: `authenticate(authorization)` turns the value of an
Authorization header (HTTP) or of the `authorization` field of a websocket connection payload
into an actor, or raises `InvalidCredentials`."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager

from access.identity import IdentityError, JwtVerifier
from access.tokens import TOKEN_PREFIX, actor_for_token
from domain.authority import PUBLIC, Actor
from projections.storage import Sql

log = logging.getLogger("socai.access")


class InvalidCredentials(Exception):
    """Credentials were sent and are not good: unknown, revoked, expired or malformed."""


class Authenticator:
    def __init__(
        self,
        reading: Callable[[], AbstractContextManager[Sql]],
        *,
        development_tokens: Mapping[str, Actor] | None = None,
        jwt: JwtVerifier | None = None,
    ) -> None:
        self._reading = reading
        self._development = dict(development_tokens or {})
        self._jwt = jwt

    def authenticate(self, authorization: str | None) -> Actor:
        """No credentials: the public. Blocking (it may read the store or fetch a JWKS), so
        async callers run it in a worker thread, or first try `authenticate_at_once`."""
        actor = self.authenticate_at_once(authorization)
        if actor is not None or authorization is None:
            return actor or PUBLIC
        credential = self._credential(authorization)
        if credential.startswith(TOKEN_PREFIX):
            with self._reading() as sql:
                actor = actor_for_token(sql, credential)
            if actor is None:
                raise InvalidCredentials("unknown, revoked or expired token")
            return actor
        assert self._jwt is not None
        try:
            return self._jwt.actor_for(credential)
        except IdentityError as error:
            log.info("%s", error)
            raise InvalidCredentials("the identity token was refused") from None

    def authenticate_at_once(self, authorization: str | None) -> Actor | None:
        """The actor where telling it blocks on nothing (no credentials, a development token,
        a malformed header): then an async caller needs no worker thread. None where the
        store or the identity provider must answer (an API token, a JWT)."""
        if authorization is None or not authorization.strip():
            return PUBLIC
        credential = self._credential(authorization)
        if credential.startswith(TOKEN_PREFIX):
            return None
        if self._jwt is not None and credential.count(".") == 2:
            return None
        for token, actor in self._development.items():
            if hmac.compare_digest(token.encode(), credential.encode()):
                return actor
        raise InvalidCredentials("unknown token")

    @staticmethod
    def _credential(authorization: str) -> str:
        scheme, _, credential = authorization.strip().partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise InvalidCredentials("send 'Authorization: Bearer <token>'")
        return credential
