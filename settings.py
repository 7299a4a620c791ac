"""Configuration, read once from the environment."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from access.guards import parse_rate, rate_storage
from access.identity import JwtSettings
from domain.authority import Actor, Role
from domain.unit import unit_id_for

DEFAULT_DATABASE_URL = "sqlite:///socai.db"
DEFAULT_LOG_ORIGIN = "socai.nghi-duong"


N = TypeVar("N", int, float)


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


def _number(environ: Mapping[str, str], name: str, default: str, kind: type[N]) -> N:
    try:
        value = kind(environ.get(name, default))
    except ValueError:
        raise SettingsError(f"{name} must be a number") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive")
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    tokens: Mapping[str, Actor] = field(default_factory=dict)
    graphiql: bool = True
    response_cache: int = 1024  # entries; 0 turns the query response cache off
    # The ledger: the signing key (default: beside the SQLite file), the log's origin (the
    # checkpoints' first line and the key's name), and when the follower signs a checkpoint.
    key_file: str = ""
    log_origin: str = DEFAULT_LOG_ORIGIN
    checkpoint_every: int = 1000
    checkpoint_seconds: float = 60.0
    follow_poll_seconds: float = 1.0

    @property
    def key_path(self) -> Path:
        if self.key_file:
            return Path(self.key_file)
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url[len("sqlite:///") :]).with_suffix(".key")
        return Path("socai.key")

    # Pages on these origins may open the GraphQL WebSocket; same-origin pages and clients
    # that send no Origin (not browsers) always may.
    allowed_origins: tuple[str, ...] = ()
    poll_interval: float = 1.0  # seconds between looks at the log when not notified

    production: bool = False
    jwt: JwtSettings | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 256 * 1024
    rate_per_address: str = "600/minute"
    rate_per_token: str = "300/minute"
    # Where rate limits are counted: this process's memory, or a Redis all processes share.
    rate_limit_storage: str = "memory://"
    rate_limit_prefix: str = "socai"  # keeps one deployment's counters apart in a shared Redis

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        try:
            port = int(environ.get("PORT", "8000"))
            max_body = int(environ.get("SOCAI_MAX_BODY_BYTES", str(256 * 1024)))
        except ValueError:
            raise SettingsError("PORT and SOCAI_MAX_BODY_BYTES must be numbers") from None
        try:
            poll_interval = float(environ.get("SOCAI_POLL_INTERVAL", "1"))
        except ValueError:
            raise SettingsError("SOCAI_POLL_INTERVAL must be a number of seconds") from None
        if not 0.01 <= poll_interval <= 3600:
            raise SettingsError("SOCAI_POLL_INTERVAL must be from 0.01 to 3600 seconds")
        origins = environ.get("SOCAI_ALLOWED_ORIGINS", "")
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
        rate_storage_uri = environ.get("SOCAI_RATE_LIMIT_STORAGE", "memory://").strip()
        try:
            rate_storage(rate_storage_uri)
        except ValueError as error:
            raise SettingsError(f"SOCAI_RATE_LIMIT_STORAGE: {error}") from None
        production = _environment(environ) == "production"
        tokens = parse_tokens(environ.get("SOCAI_TOKENS", ""))
        if production and tokens:
            raise SettingsError("SOCAI_TOKENS is for development: use `socai token create`")
        return cls(
            key_file=environ.get("SOCAI_KEY_FILE", ""),
            log_origin=environ.get("SOCAI_LOG_ORIGIN", DEFAULT_LOG_ORIGIN),
            checkpoint_every=_number(environ, "SOCAI_CHECKPOINT_EVERY", "1000", int),
            checkpoint_seconds=_number(environ, "SOCAI_CHECKPOINT_SECONDS", "60", float),
            follow_poll_seconds=_number(environ, "SOCAI_FOLLOW_POLL_SECONDS", "1", float),
            database_url=environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            host=environ.get("HOST", "127.0.0.1"),
            port=port,
            tokens=tokens,
            graphiql=not production and _flag(environ.get("SOCAI_GRAPHIQL", "1")),
            production=production,
            jwt=_jwt(environ),
            cors_origins=_origins(environ.get("SOCAI_CORS_ORIGINS", "")),
            max_body_bytes=max_body,
            rate_per_address=rates["SOCAI_RATE_LIMIT"],
            rate_per_token=rates["SOCAI_TOKEN_RATE_LIMIT"],
            rate_limit_storage=rate_storage_uri,
            rate_limit_prefix=environ.get("SOCAI_RATE_LIMIT_PREFIX", "socai").strip() or "socai",
            response_cache=_number(environ, "SOCAI_RESPONSE_CACHE", "1024", int),
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            poll_interval=poll_interval,
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
