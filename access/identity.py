"""JWTs from an external identity provider (a city single sign-on), mapped to socai's roles.

The provider signs a token with a key published as a JWKS (a file, or a URL fetched and cached).
A token is accepted when its signature, issuer, audience and expiry check out; its role claim
(default `socai_role`) names one socai role — a string, or a list holding exactly one socai
role — and a reporter's unit claim (default `socai_unit`) names the code of its unit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

from domain.authority import Actor, Role
from domain.unit import unit_id_for

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]
LEEWAY_SECONDS = 30


class IdentityError(ValueError):
    """The JWT is not acceptable; the message says why (it goes to the log, not the client)."""


@dataclass(frozen=True)
class JwtSettings:
    issuer: str
    audience: str
    jwks: str  # a file path, or an https:// (or http://) URL
    role_claim: str = "socai_role"
    unit_claim: str = "socai_unit"
    # A JWKS URL: the key set is kept this long, refetched at once for an unknown `kid` (a key
    # rotated in) but at most once per cooldown, and a fetch gives up after the timeout.
    jwks_lifespan: float = 300
    jwks_cooldown: float = 30
    jwks_timeout: float = 5


class JwtVerifier:
    def __init__(self, settings: JwtSettings) -> None:
        self.settings = settings
        self._client: jwt.PyJWKClient | None = None
        self._keys: jwt.PyJWKSet | None = None
        if settings.jwks.startswith(("https://", "http://")):
            # No per-kid cache: a key the provider withdraws stops working once the set expires.
            self._client = jwt.PyJWKClient(
                settings.jwks,
                cache_keys=False,
                lifespan=settings.jwks_lifespan,
                cooldown_duration=settings.jwks_cooldown,
                timeout=settings.jwks_timeout,
            )
        else:
            self._keys = jwt.PyJWKSet.from_json(Path(settings.jwks).read_text(encoding="utf-8"))

    def _signing_key(self, token: str) -> Any:
        if self._client is not None:
            try:
                return self._client.get_signing_key_from_jwt(token).key
            except ValueError as error:  # the endpoint answered with something not JSON
                raise IdentityError(f"the JWKS could not be read: {error}") from None
        assert self._keys is not None
        kid = jwt.get_unverified_header(token).get("kid")
        candidates = [k for k in self._keys.keys if kid is None or k.key_id == kid]
        if len(candidates) != 1:
            raise IdentityError(f"no single key in the JWKS for kid {kid!r}")
        return candidates[0].key

    def actor_for(self, token: str) -> Actor:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._signing_key(token),
                algorithms=ALGORITHMS,
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise IdentityError(f"JWT refused: {error}") from None
        role = self._role(claims.get(self.settings.role_claim))
        unit_id = None
        if role is Role.REPORTER:
            unit_code = claims.get(self.settings.unit_claim)
            if not isinstance(unit_code, str) or not unit_code:
                raise IdentityError(
                    f"a reporter's JWT needs the '{self.settings.unit_claim}' claim"
                )
            unit_id = unit_id_for(unit_code)
        return Actor(f"sso:{str(claims['sub'])[:120]}", role, unit_id)

    def _role(self, claim: object) -> Role:
        names = [claim] if isinstance(claim, str) else claim if isinstance(claim, list) else []
        roles = {Role(n) for n in names if n in Role.__members__.values()} - {
            Role.PUBLIC,
            Role.SYSTEM,
        }
        if len(roles) != 1:
            raise IdentityError(
                f"the '{self.settings.role_claim}' claim must name exactly one socai role"
            )
        return roles.pop()
