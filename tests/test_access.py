"""Accounts, sign-in with rate limiting, and the audit log (warehouse/access.py)."""

from __future__ import annotations

from pathlib import Path

import bcrypt
import pytest

from warehouse import access


def _accounts_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "akun.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()


@pytest.fixture(autouse=True)
def _warehouse(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(tmp_path / "w.duckdb"))


def test_accounts_file_roles_and_scopes(tmp_path: Path):
    path = _accounts_file(tmp_path, f'''
pseudonym_key = "0123456789abcdef-rahasia"
[akun.kadinkes]
nama = "Kepala Dinas Kesehatan"
peran = "opd"
opd = ["1.02"]
sandi_bcrypt = "{_hash("rahasia-1")}"
[akun.analis]
peran = "analis"
sandi_bcrypt = "{_hash("rahasia-2")}"
''')
    cfg = access.load_access(path, demo=False)
    assert cfg.accounts["kadinkes"].opd_codes == ("1.02",)
    assert cfg.accounts["analis"].opd_codes is None and not cfg.accounts["analis"].show_personal
    limiter = access.SignInLimiter()
    assert access.sign_in(cfg, limiter, "KadinKes", "rahasia-1").account.role == "opd"
    assert access.sign_in(cfg, limiter, "kadinkes", "salah").account is None


@pytest.mark.parametrize(("body", "words"), [
    ('pseudonym_key = "pendek"\n[akun.a]\nperan = "admin"\nsandi_bcrypt = "$2b$x"', "pseudonym_key"),
    ('pseudonym_key = "0123456789abcdefgh"\n[akun.a]\nperan = "raja"\nsandi_bcrypt = "$2b$x"', "peran 'raja'"),
    ('pseudonym_key = "0123456789abcdefgh"\n[akun.a]\nperan = "opd"\nsandi_bcrypt = "$2b$x"', "daftar opd"),
    ('pseudonym_key = "0123456789abcdefgh"\n[akun.a]\nperan = "admin"\nsandi_bcrypt = "rahasia"', "bukan sandi biasa"),
    ('pseudonym_key = [', "tidak dapat dibaca"),
])
def test_bad_accounts_file_gives_clear_error(tmp_path: Path, body: str, words: str):
    with pytest.raises(access.AccessConfigError, match=words):
        access.load_access(_accounts_file(tmp_path, body), demo=False)


def test_no_accounts_refuses_unless_demo(tmp_path: Path):
    with pytest.raises(access.AccessConfigError, match="BUDAYA_DEMO=1"):
        access.load_access(tmp_path / "tidak-ada.toml", demo=False)
    demo = access.load_access(tmp_path / "tidak-ada.toml", demo=True, demo_opd="1.02")
    assert demo.demo and demo.accounts["dinkes"].opd_codes == ("1.02",)
    assert access.sign_in(demo, access.SignInLimiter(), "admin", access.DEMO_PASSWORDS["admin"]).account


def test_sign_in_is_rate_limited_per_account(tmp_path: Path):
    cfg = access.load_access(tmp_path / "x.toml", demo=True, demo_opd="1.02")
    limiter = access.SignInLimiter(max_failures=3, lock_seconds=60)
    for _ in range(3):
        assert access.sign_in(cfg, limiter, "sekda", "tebak").account is None
    locked = access.sign_in(cfg, limiter, "sekda", access.DEMO_PASSWORDS["sekda"])
    assert locked.account is None and "Terlalu banyak" in locked.message
    assert access.sign_in(cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"]).account  # other accounts unaffected
    assert limiter.locked_for("sekda", now=10**9) == 0  # the lock expires


def test_audit_log_records_sign_ins_and_exports(tmp_path: Path):
    cfg = access.load_access(tmp_path / "x.toml", demo=True)
    limiter = access.SignInLimiter()
    access.sign_in(cfg, limiter, "admin", "salah")
    access.sign_in(cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"])
    access.audit("ekspor", "admin", {"format": "csv", "opd": ["1.02"]}, rows=42)
    log = access.read_audit()
    assert log["event"].to_list() == ["ekspor", "masuk", "masuk_gagal"]
    assert log["rows"][0] == 42 and '"format": "csv"' in log["details"][0]


def test_roles_map_to_query_scopes(tmp_path: Path):
    cfg = access.load_access(tmp_path / "x.toml", demo=True, demo_opd="1.02")
    admin, sekda, analis, dinkes = (cfg.scope(cfg.accounts[u]) for u in ("admin", "sekda", "analis", "dinkes"))
    assert admin.opd_codes is None and admin.show_personal and admin.sees_raw
    assert sekda.opd_codes is None and sekda.show_personal and not sekda.sees_raw  # read only: no raw rows
    assert analis.opd_codes is None and not analis.show_personal and analis.pseudonym_key == cfg.pseudonym_key
    assert dinkes.opd_codes == ("1.02",) and dinkes.show_personal and not dinkes.sees_raw
    assert [a.can_manage_data for a in cfg.accounts.values()] == [True, False, False, False]


def test_email_accounts_for_oidc(tmp_path: Path):
    path = _accounts_file(tmp_path, f'''
pseudonym_key = "0123456789abcdef-rahasia"
[akun.sekda]
peran = "pimpinan"
email = "Sekda@Pemda.go.id"
[akun.camat]
peran = "opd"
opd = ["7.01"]
email = "camat@pemda.go.id"
sandi_bcrypt = "{_hash("rahasia-3")}"
''')
    cfg = access.load_access(path, demo=False)
    assert cfg.by_email(" SEKDA@pemda.go.id ").username == "sekda"
    assert cfg.by_email("orang@lain.id") is None and cfg.by_email("") is None
    limiter = access.SignInLimiter()
    assert access.sign_in(cfg, limiter, "sekda", "").account is None  # no password: OIDC only
    assert access.sign_in(cfg, limiter, "camat", "rahasia-3").account.username == "camat"
    dup = _accounts_file(tmp_path, path.read_text().replace("camat@pemda.go.id", "sekda@pemda.go.id"))
    with pytest.raises(access.AccessConfigError, match="sudah dipakai"):
        access.load_access(dup, demo=False)


def test_check_says_whether_the_dashboard_may_start(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    monkeypatch.delenv("BUDAYA_DEMO", raising=False)
    assert access.main(["check"]) == 1
    assert "BUDAYA_DEMO=1" in capsys.readouterr().err
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    assert access.main(["check"]) == 0
    assert "mode demo" in capsys.readouterr().out


def test_read_audit_filters_by_event_and_user(tmp_path: Path):
    access.audit("ekspor", "analis", {"format": "csv"}, rows=3)
    access.audit("ekspor", "admin", {"format": "xlsx"}, rows=4)
    access.audit("masuk", "admin", {})
    assert access.read_audit(events=["ekspor"])["username"].to_list() == ["admin", "analis"]
    assert access.read_audit(username="admin")["event"].to_list() == ["masuk", "ekspor"]
    assert access.read_audit(limit=1).height == 1
