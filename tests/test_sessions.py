"""Sign-in sessions (warehouse/sessions.py): lifetime, revocation, one-time codes, signature."""

from __future__ import annotations

import time

import pytest

from warehouse import sessions


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDAYA_SESSION_DB", str(tmp_path / "sesi.sqlite"))
    monkeypatch.setenv("BUDAYA_SESSION_KEY_FILE", str(tmp_path / "kunci" / "sesi.key"))
    monkeypatch.delenv("BUDAYA_SESSION_SECRET", raising=False)
    monkeypatch.setenv("BUDAYA_SESSION_HOURS", "2")
    return tmp_path


def test_a_session_lives_for_its_configured_hours_then_expires():
    now = time.time()
    sid = sessions.open_session("sekda", now=now)
    assert sessions.username(sid, now=now + 2 * 3600 - 1) == "sekda"
    assert sessions.username(sid, now=now + 2 * 3600 + 1) is None


def test_revoked_is_gone_for_every_holder_of_the_cookie():
    sid = sessions.open_session("sekda")
    other = sessions.open_session("sekda")
    sessions.revoke(sid)
    assert sessions.username(sid) is None
    assert sessions.username(other) == "sekda"  # another sign-in of the account is its own session


def test_the_cookie_is_signed_and_a_changed_one_is_refused():
    sid = sessions.open_session("admin")
    value = sessions.cookie_value(sid)
    assert value != sid and sessions.session_id(value) == sid
    body, signature = value.rsplit(".", 1)  # its first character: six bits of the HMAC (the last has padding)
    assert sessions.session_id(f"{body}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}") is None
    assert sessions.session_id(sid) is None and sessions.session_id(None) is None


def test_the_key_is_generated_outside_the_repository_once_and_private(store):
    sessions.cookie_value("x")
    key = store / "kunci" / "sesi.key"
    assert key.stat().st_mode & 0o777 == 0o600
    first = key.read_text()
    assert sessions.cookie_value("x") == sessions.cookie_value("x") and key.read_text() == first


def test_a_code_is_used_once_and_only_for_a_live_session():
    sid = sessions.open_session("admin")
    code = sessions.issue_code(sid)
    assert sessions.redeem_code(code) == sid
    assert sessions.redeem_code(code) is None
    revoked = sessions.issue_code(sid)
    sessions.revoke(sid)
    assert sessions.redeem_code(revoked) is None


def test_hours_setting_falls_back_on_nonsense(monkeypatch):
    monkeypatch.setenv("BUDAYA_SESSION_HOURS", "dua belas")
    assert sessions.lifetime_seconds() == sessions.DEFAULT_HOURS * 3600
    monkeypatch.setenv("BUDAYA_SESSION_HOURS", "0.5")
    assert sessions.lifetime_seconds() == 1800
