"""Stored API tokens on a real store: shown once, kept as a hash, revocable, expiring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access.authenticate import Authenticator, InvalidCredentials
from access.cli import parse_expiry
from access.tokens import TokenError, create_token, list_tokens, revoke_token
from cli import main
from domain.application import Ledger
from domain.authority import PUBLIC, Role
from domain.unit import unit_id_for
from tests.conftest import OFFICE, request_as


def test_a_token_stands_for_its_role_until_revoked(ledger: Ledger) -> None:
    with ledger.store.writing() as sql:
        token, secret = create_token(sql, role=Role.OFFICE, name="Văn phòng")
        _, reporter_secret = create_token(
            sql, role=Role.REPORTER, name="Thôn 1", unit_code="thon-1"
        )
    authenticator = Authenticator(ledger.reading)
    actor = authenticator.authenticate(f"Bearer {secret}")
    assert (actor.id, actor.role, actor.unit_id) == (f"office:{token.id}", Role.OFFICE, None)
    scoped = authenticator.authenticate(f"bearer  {reporter_secret} ")
    assert (scoped.role, scoped.unit_id) == (Role.REPORTER, unit_id_for("thon-1"))
    assert authenticator.authenticate(None) == PUBLIC
    assert authenticator.authenticate("") == PUBLIC
    with ledger.store.writing() as sql:
        revoked = revoke_token(sql, token.id)
    assert revoked.revoked_at is not None
    with pytest.raises(InvalidCredentials):
        authenticator.authenticate(f"Bearer {secret}")
    assert authenticator.authenticate(f"Bearer {reporter_secret}").role is Role.REPORTER
    for bad in (f"Basic {reporter_secret}", "Bearer", f"Bearer {reporter_secret}x", "Bearer x"):
        with pytest.raises(InvalidCredentials):
            authenticator.authenticate(bad)


def test_only_the_hash_is_stored(ledger: Ledger) -> None:
    with ledger.store.writing() as sql:
        _, secret = create_token(sql, role=Role.AUDITOR, name="kiểm toán")
    with ledger.reading() as sql:
        rows = sql.all(f"SELECT * FROM {sql.table('api_tokens')}")
    assert len(rows) == 1
    assert not any(secret in str(value) or secret[6:] in str(value) for value in rows[0].values())


def test_an_expired_token_is_refused(ledger: Ledger) -> None:
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    with ledger.store.writing() as sql:
        _, secret = create_token(
            sql, role=Role.OFFICE, name="", expires_at=long_ago + timedelta(days=1), now=long_ago
        )
        _, fresh = create_token(
            sql, role=Role.OFFICE, name="", expires_at=datetime.now(UTC) + timedelta(hours=1)
        )
    authenticator = Authenticator(ledger.reading)
    with pytest.raises(InvalidCredentials):
        authenticator.authenticate(f"Bearer {secret}")
    assert authenticator.authenticate(f"Bearer {fresh}").role is Role.OFFICE


def test_tokens_are_granted_within_the_rules(ledger: Ledger) -> None:
    with ledger.store.writing() as sql:
        for role, unit in (
            (Role.PUBLIC, None),
            (Role.SYSTEM, None),
            (Role.REPORTER, None),
            (Role.OFFICE, "thon-1"),
        ):
            with pytest.raises(TokenError):
                create_token(sql, role=role, name="", unit_code=unit)
        past = datetime(2020, 1, 1, tzinfo=UTC)
        with pytest.raises(TokenError):
            create_token(sql, role=Role.OFFICE, name="", expires_at=past)
        with pytest.raises(TokenError):
            revoke_token(sql, "nope")
        assert list_tokens(sql) == []


def test_expiry_is_read_as_a_duration_a_date_or_never() -> None:
    now = datetime(2026, 5, 1, 3, 0, tzinfo=UTC)
    assert parse_expiry("never", now) is None
    assert parse_expiry("90d", now) == now + timedelta(days=90)
    assert parse_expiry("12h", now) == now + timedelta(hours=12)
    assert parse_expiry("2026-12-31", now) == datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    assert parse_expiry("2026-06-01T08:00:00+07:00", now) == datetime(2026, 6, 1, 1, tzinfo=UTC)
    for bad in ("soon", "2026-06-01T08:00:00", "-3d"):
        with pytest.raises(TokenError):
            parse_expiry(bad, now)


def test_the_command_creates_lists_and_revokes(
    ledger: Ledger,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ledger.register_unit(
        request_as(OFFICE), code="thon-1", kind="village", name="Thôn 1", parent_id=None
    )
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SOCAI_TOKENS", raising=False)
    assert main(["token", "create", "--role", "reporter", "--unit", "thon-1", "--name", "A"]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("socai_")
    assert Authenticator(ledger.reading).authenticate(f"Bearer {secret}").role is Role.REPORTER
    assert main(["token", "create", "--role", "reporter", "--unit", "thon-9"]) == 2
    assert "no unit with code 'thon-9'" in capsys.readouterr().err
    assert main(["token", "list"]) == 0
    listing = capsys.readouterr().out
    assert "reporter" in listing
    assert "active" in listing
    assert secret not in listing
    token_id = listing.splitlines()[1].split()[0]
    assert main(["token", "revoke", token_id]) == 0
    capsys.readouterr()
    main(["token", "list"])
    assert "revoked" in capsys.readouterr().out
    with pytest.raises(InvalidCredentials):
        Authenticator(ledger.reading).authenticate(f"Bearer {secret}")
