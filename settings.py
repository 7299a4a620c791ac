"""Configuration, read once from the environment."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from access.guards import parse_rate
from access.identity import JwtSettings
from domain.authority import Actor, Role
from domain.unit import unit_id_for

DEFAULT_DATABASE_URL = "sqlite:///socai.db"


class SettingsError(ValueError):
    pass


def parse_tokens(spec: str) -> dict[str, Actor]:
    """`token=role` or `token=role@unit-code`, comma-separated: the development credentials."""
    tokens: dict[str, Actor] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        token, sep, grant = item.partition("=")
        role_name, _, unit_code = grant.partition("@")
        if not sep or not token or len(token) < 8:
            raise SettingsError(f"token entry '{item[:12]}…' must be token=role, token ≥ 8 chars")
        try:
            role = Role(role_name)
        except ValueError:
            raise SettingsError(f"unknown role '{role_name}'") from None
        if role in (Role.PUBLIC, Role.SYSTEM):
            raise SettingsError(f"role '{role_name}' cannot be given to a token")
        digest = hashlib.sha256(token.encode()).hexdigest()[:12]
        actor_id = f"{role.value}{'@' + unit_code if unit_code else ''}:{digest}"
        tokens[token] = Actor(actor_id, role, unit_id_for(unit_code) if unit_code else None)
    return tokens


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    tokens: Mapping[str, Actor] = field(default_factory=dict)
    graphiql: bool = True
    production: bool = False
    jwt: JwtSettings | None = None
    cors_origins: tuple[str, ...] = ()
    websocket_origins: tuple[str, ...] = ()
    max_body_bytes: int = 256 * 1024
    rate_per_address: str = "600/minute"
    rate_per_token: str = "300/minute"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        try:
            port = int(environ.get("PORT", "8000"))
            max_body = int(environ.get("SOCAI_MAX_BODY_BYTES", str(256 * 1024)))
        except ValueError:
            raise SettingsError("PORT and SOCAI_MAX_BODY_BYTES must be numbers") from None
        rates = {
            name: environ.get(name, default)
            for name, default in (
                ("SOCAI_RATE_LIMIT", "600/minute"),
                ("SOCAI_TOKEN_RATE_LIMIT", "300/minute"),
            )
        }
        for name, rate in rates.items():
            try:
                parse_rate(rate)
            except ValueError:
                raise SettingsError(f"{name}: write it like 300/minute, or off") from None
        production = _environment(environ) == "production"
        tokens = parse_tokens(environ.get("SOCAI_TOKENS", ""))
        if production and tokens:
            raise SettingsError("SOCAI_TOKENS is for development: use `socai token create`")
        return cls(
            database_url=environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            host=environ.get("HOST", "127.0.0.1"),
            port=port,
            tokens=tokens,
            graphiql=not production and _flag(environ.get("SOCAI_GRAPHIQL", "1")),
            production=production,
            jwt=_jwt(environ),
            cors_origins=_origins(environ.get("SOCAI_CORS_ORIGINS", "")),
            websocket_origins=_origins(environ.get("SOCAI_WS_ORIGINS", "")),
            max_body_bytes=max_body,
            rate_per_address=rates["SOCAI_RATE_LIMIT"],
            rate_per_token=rates["SOCAI_TOKEN_RATE_LIMIT"],
        )


def _origins(value: str) -> tuple[str, ...]:
    return tuple(o.strip().rstrip("/") for o in value.split(",") if o.strip())


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("0", "false", "no", "off")


def _environment(environ: Mapping[str, str]) -> str:
    value = environ.get("SOCAI_ENV", "development").strip().lower()
    if value not in ("development", "production"):
        raise SettingsError("SOCAI_ENV is development or production")
    return value


def _jwt(environ: Mapping[str, str]) -> JwtSettings | None:
    names = ("SOCAI_JWT_ISSUER", "SOCAI_JWT_AUDIENCE", "SOCAI_JWT_JWKS")
    given = [environ.get(name, "").strip() for name in names]
    if not any(given):
        return None
    if not all(given):
        raise SettingsError(f"JWT sign-on needs all of {', '.join(names)}")
    return JwtSettings(
        issuer=given[0],
        audience=given[1],
        jwks=given[2],
        role_claim=environ.get("SOCAI_JWT_ROLE_CLAIM", "socai_role"),
        unit_claim=environ.get("SOCAI_JWT_UNIT_CLAIM", "socai_unit"),
    )
