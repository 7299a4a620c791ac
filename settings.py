"""Configuration, read once from the environment."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

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

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        try:
            port = int(environ.get("PORT", "8000"))
        except ValueError:
            raise SettingsError("PORT must be a number") from None
        try:
            poll_interval = float(environ.get("SOCAI_POLL_INTERVAL", "1"))
        except ValueError:
            raise SettingsError("SOCAI_POLL_INTERVAL must be a number of seconds") from None
        if not 0.01 <= poll_interval <= 3600:
            raise SettingsError("SOCAI_POLL_INTERVAL must be from 0.01 to 3600 seconds")
        origins = environ.get("SOCAI_ALLOWED_ORIGINS", "")
        return cls(
            key_file=environ.get("SOCAI_KEY_FILE", ""),
            log_origin=environ.get("SOCAI_LOG_ORIGIN", DEFAULT_LOG_ORIGIN),
            checkpoint_every=_number(environ, "SOCAI_CHECKPOINT_EVERY", "1000", int),
            checkpoint_seconds=_number(environ, "SOCAI_CHECKPOINT_SECONDS", "60", float),
            follow_poll_seconds=_number(environ, "SOCAI_FOLLOW_POLL_SECONDS", "1", float),
            database_url=environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            host=environ.get("HOST", "127.0.0.1"),
            port=port,
            tokens=parse_tokens(environ.get("SOCAI_TOKENS", "")),
            graphiql=environ.get("SOCAI_GRAPHIQL", "1") not in ("0", "false", "no"),
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            poll_interval=poll_interval,
        )
