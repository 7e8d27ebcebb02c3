"""The audit log cannot be skipped, does not keep typed secrets, shows tampering, and has retention
(warehouse/audit.py); sign-in limits per client and per (account, client) (warehouse/access.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import make_fixture_warehouse  # noqa: E402

from pages.ui import auth, export  # noqa: E402
from warehouse import access  # noqa: E402
from warehouse import audit as audit_log  # noqa: E402


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(path))
    return path


class Holder:
    """Another process with the audit file open (as a second dashboard or a CLI write would)."""

    def __init__(self, path: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(path)!r}); "
                                   "c.execute('create table if not exists gembok (x int)'); "
                                   "print('siap', flush=True); sys.stdin.read()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "siap"

    def release(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _spec(warehouse: Path) -> export.ExportSpec:
    frame = pl.DataFrame({"opd_code": ["1.01", "1.02", "1.03"], "index": [71.5, 80.0, 64.2]})
    meta = export.ExportMeta(title="Indeks per OPD", slug="indeks_opd", filters={"OPD": "Semua"})
    return export.ExportSpec(fetch=lambda: frame, meta=meta, username="analis", page="ringkasan",
                             warehouse=warehouse)


def _block_queue(warehouse: Path) -> None:
    """Make the queue unwritable even for root: a directory where the queue file goes."""
    audit_log.queue_path(access.audit_path(warehouse)).mkdir(parents=True)


# -- never skipped -----------------------------------------------------------------------

def test_export_while_the_audit_file_is_held_is_queued_and_written_later(warehouse: Path):
    access.audit("masuk", "analis", {})  # the log exists
    holder = Holder(access.audit_path(warehouse))
    try:
        raw = export.produce(_spec(warehouse), "csv")
        assert raw.decode("utf-8").count("\n") == 4  # the file is given: its entry is queued durably
        assert audit_log.queued_count(warehouse) == 1
        with pytest.raises(audit_log.AuditUnavailable, match="sedang dipakai proses lain"):
            access.read_audit(warehouse)
    finally:
        holder.release()
    log = access.read_audit(warehouse)  # the read moves the queue in first
    assert log["event"].to_list() == ["ekspor", "masuk"]
    entry = log.row(0, named=True)
    assert entry["username"] == "analis" and entry["rows"] == 3
    assert json.loads(entry["details"])["tabel"] == "indeks_opd"
    assert audit_log.queued_count(warehouse) == 0
    assert access.verify_chain(warehouse).ok


def test_export_that_cannot_be_recorded_at_all_gives_no_file(warehouse: Path):
    access.audit("masuk", "analis", {})
    _block_queue(warehouse)
    holder = Holder(access.audit_path(warehouse))
    try:
        with pytest.raises(export.ExportRefused) as refused:
            export.produce(_spec(warehouse), "xlsx")
        handed_over = export.deliver(_spec(warehouse), "xlsx")  # what the download button gives instead
    finally:
        holder.release()
    sheet = openpyxl.load_workbook(io.BytesIO(handed_over)).worksheets[0]
    assert [c.value for c in sheet["A"]] == ["pesan", str(refused.value)]  # the reason, no data row
    assert str(refused.value).startswith("Ekspor dibatalkan, berkas tidak dibuat: Log audit w_audit.duckdb")
    assert "tidak dapat dicatat" in str(refused.value)
    assert export.audit_blocked().startswith("Unduhan sementara tidak tersedia")  # the page disables downloads
    assert access.read_audit(warehouse)["event"].to_list() == ["masuk"]


def test_sign_in_while_the_audit_file_is_held_is_queued_then_logged(warehouse: Path):
    cfg = access.load_access(Path("/nonexistent"), demo=True)
    holder = Holder(access.audit_path(warehouse))
    try:
        assert access.sign_in(cfg, access.SignInLimiter(), "sekda", access.DEMO_PASSWORDS["sekda"]).account
    finally:
        holder.release()
    access.audit("keluar", "sekda", {})  # the next write moves the queue in first, in order
    assert access.read_audit(warehouse)["event"].to_list() == ["keluar", "masuk"]
    assert access.read_audit(warehouse)["seq"].to_list() == [2, 1]


def test_sign_in_that_cannot_be_recorded_does_not_happen(warehouse: Path):
    cfg = access.load_access(Path("/nonexistent"), demo=True)
    access.audit("masuk", "admin", {})
    _block_queue(warehouse)
    holder = Holder(access.audit_path(warehouse))
    try:
        result = access.sign_in(cfg, access.SignInLimiter(), "sekda", access.DEMO_PASSWORDS["sekda"])
    finally:
        holder.release()
    assert result.account is None
    assert result.message.startswith("Masuk dibatalkan karena tidak dapat dicatat di log audit")


def test_a_password_typed_as_user_name_is_not_stored(warehouse: Path):
    cfg = access.load_access(Path("/nonexistent"), demo=True)
    limiter = access.SignInLimiter()
    typed = "Rahasia-Sekda-2026!"
    for _ in range(2):
        assert access.sign_in(cfg, limiter, typed, "").account is None
    log = access.read_audit(warehouse)
    assert log["event"].to_list() == ["masuk_gagal", "masuk_gagal"]
    names = set(log["username"])
    assert len(names) == 1 and next(iter(names)).startswith("tak-dikenal#")  # linkable, not readable
    blob = access.audit_path(warehouse).read_bytes()
    assert typed.lower().encode() not in blob and typed.encode() not in blob
    assert typed.lower() not in "".join(log["details"]) and typed.lower() not in names
    assert access.sign_in(cfg, limiter, "SEKDA", "salah").account is None  # a real account keeps its name
    assert access.read_audit(warehouse)["username"][0] == "sekda"


# -- sign-in limits ----------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def demo_cfg(warehouse):
    return access.load_access(Path("/nonexistent"), demo=True)


def test_one_client_trying_many_accounts_is_locked_but_not_the_real_user(demo_cfg):
    clock = Clock()
    limiter = access.SignInLimiter(clock=clock)
    for i in range(access.MAX_CLIENT_FAILURES):  # one failure per invented account: no account limit hit
        assert access.sign_in(demo_cfg, limiter, f"pegawai{i}", "tebak", client="10.0.0.66").account is None
    refused = access.sign_in(demo_cfg, limiter, "sekda", access.DEMO_PASSWORDS["sekda"], client="10.0.0.66")
    assert refused.account is None
    assert refused.message.startswith("Terlalu banyak percobaan gagal dari perangkat ini.")
    assert access.sign_in(demo_cfg, limiter, "sekda", access.DEMO_PASSWORDS["sekda"], client="10.0.0.5").account
    clock.now += access.CLIENT_LOCK_SECONDS
    assert access.sign_in(demo_cfg, limiter, "sekda", access.DEMO_PASSWORDS["sekda"], client="10.0.0.66").account


def test_a_stranger_cannot_lock_the_real_user_out(demo_cfg):
    clock = Clock()
    limiter = access.SignInLimiter(clock=clock)
    for _ in range(access.MAX_FAILURES):
        access.sign_in(demo_cfg, limiter, "admin", "tebak", client="10.0.0.66")
    assert "Coba lagi dalam 5 menit" in access.sign_in(demo_cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"],
                                                       client="10.0.0.66").message
    for _ in range(100):  # the locked client keeps trying: it extends nothing
        clock.now += 1
        access.sign_in(demo_cfg, limiter, "admin", "tebak", client="10.0.0.66")
    assert access.sign_in(demo_cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"], client="10.0.0.5").account
    clock.now += access.LOCK_SECONDS - 100
    assert access.sign_in(demo_cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"], client="10.0.0.66").account


def test_many_clients_on_one_account_get_only_a_short_capped_back_off(demo_cfg):
    clock = Clock()
    limiter = access.SignInLimiter(clock=clock)
    for i in range(access.ACCOUNT_BACKOFF_AFTER + 10):  # a botnet, one guess per address
        limiter.record_failure("admin", f"10.1.0.{i}")
    waited = access.sign_in(demo_cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"], client="10.0.0.5")
    assert waited.account is None
    assert waited.message == (f"Terlalu banyak percobaan gagal untuk akun ini. Tunggu {access.ACCOUNT_BACKOFF_CAP} "
                              "detik, lalu coba lagi.")
    clock.now += access.ACCOUNT_BACKOFF_CAP
    assert access.sign_in(demo_cfg, limiter, "admin", access.DEMO_PASSWORDS["admin"], client="10.0.0.5").account


def test_the_client_on_the_sign_in_page_is_the_ip_address(warehouse, monkeypatch):
    """auth passes st.context.ip_address to sign_in; without one (localhost) all sessions are one client."""
    seen = []
    real = access.sign_in
    monkeypatch.setattr(auth, "sign_in", lambda *a, **k: seen.append(k.get("client")) or real(*a, **k))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(warehouse.parent / "tidak-ada.toml"))
    auth.limiter.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.text_input(key="masuk_nama").input("sekda")
    at.text_input(key="masuk_sandi").input("salah")
    at.button(key="masuk_kirim").click().run()
    assert seen == [None]
    assert json.loads(access.read_audit(warehouse)["details"][0])["klien"] == "-"


# -- tamper evidence ---------------------------------------------------------------------

def _cli(*args: str, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warehouse.access", *args], cwd=ROOT, capture_output=True,
                          text=True, env={"BUDAYA_WAREHOUSE": str(warehouse), "PATH": "/usr/bin:/bin"}, timeout=60)


def test_chain_verification_finds_the_first_edited_entry(warehouse: Path):
    for i in range(4):
        access.audit("ekspor", "analis", {"format": "csv"}, rows=i)
    ok = _cli("verifikasi", warehouse=warehouse)
    assert ok.returncode == 0 and ok.stdout.startswith("Rantai log audit utuh: 4 entri terverifikasi.")
    con = duckdb.connect(str(access.audit_path(warehouse)))
    con.execute("update audit_log set rows = 1000 where seq = 2")  # someone hides how much was exported
    con.execute("update audit_log set username = 'admin' where seq = 3")
    con.close()
    report = access.verify_chain(warehouse)
    assert not report.ok and report.broken_seq == 2
    bad = _cli("verifikasi", warehouse=warehouse)
    assert bad.returncode == 1 and "RUSAK mulai entri nomor 2" in bad.stderr and "Traceback" not in bad.stderr


def test_chain_verification_finds_a_removed_entry(warehouse: Path):
    for i in range(3):
        access.audit("masuk", f"u{i}", {})
    con = duckdb.connect(str(access.audit_path(warehouse)))
    con.execute("delete from audit_log where seq = 2")
    con.close()
    report = access.verify_chain(warehouse)
    assert (report.ok, report.broken_seq) == (False, 3)
    assert "entri nomor 2 hilang" in report.message


# -- retention ---------------------------------------------------------------------------

def test_retention_archives_old_entries_and_is_itself_audited(warehouse: Path):
    access.audit("masuk", "lama1", {})
    access.audit("ekspor", "lama2", {}, rows=5)
    time.sleep(0.01)
    boundary = datetime.now(UTC)
    time.sleep(0.01)
    access.audit("masuk", "baru", {})
    done = access.apply_retention(30, warehouse, username="admin", now=boundary + timedelta(days=30))
    assert done["dipindah"] == 2 and done["sampai_seq"] == 2
    log = access.read_audit(warehouse)
    assert log["username"].to_list() == ["admin", "baru"] and log["event"][0] == "retensi"
    month = boundary.strftime("%Y-%m")
    archive = audit_log.archive_path(access.audit_path(warehouse), month)
    assert done["arsip"] == [archive.name]
    with duckdb.connect(str(archive), read_only=True) as con:
        assert con.execute("select username from audit_log order by seq").fetchall() == [("lama1",), ("lama2",)]
    assert access.verify_chain(warehouse).message == "Rantai log audit utuh: 4 entri terverifikasi."
    archive.unlink()  # archive moved off-site: the log alone still verifies from the retention anchor
    assert access.verify_chain(warehouse).ok
    access.audit("keluar", "baru", {})
    assert access.verify_chain(warehouse).entries == 3


def test_retention_cli_removes_with_hapus_and_reads_the_setting(warehouse: Path):
    access.audit("masuk", "lama", {})
    out = _cli("retensi", "--hari", "1", "--hapus", warehouse=warehouse)
    assert out.returncode == 0 and out.stdout.startswith("Retensi 1 hari")  # nothing is a day old yet
    assert access.read_audit(warehouse)["event"].to_list() == ["retensi", "masuk"]
    done = access.apply_retention(None, warehouse, remove=True, now=datetime.now(UTC) + timedelta(days=400))
    assert done["hari"] == audit_log.DEFAULT_RETENTION_DAYS and done["dipindah"] == 2 and done["dihapus"]
    assert not audit_log.archives(warehouse)
    assert access.read_audit(warehouse)["event"].to_list() == ["retensi"]
    assert access.verify_chain(warehouse).ok


def test_log_audit_page_shows_the_chain_and_the_queue(tmp_path: Path, monkeypatch):
    wh = make_fixture_warehouse(tmp_path)
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(wh))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    access.audit("ekspor", "analis", {}, rows=3)
    access.audit("masuk", "admin", {})

    def page() -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.session_state[auth.SESSION_KEY] = "admin"
        at.run()
        at.switch_page("pages/audit_log.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    at = page()
    assert at.success[0].value.startswith("Rantai log audit utuh: 2 entri terverifikasi.")
    assert any(c.value.startswith("0 entri antre") for c in at.caption)
    con = duckdb.connect(str(access.audit_path(wh)))
    con.execute("update audit_log set rows = 0 where event = 'ekspor'")
    con.close()
    at = page()
    assert at.error[0].value.startswith("Rantai log audit RUSAK mulai entri nomor 1")


@pytest.fixture(autouse=True)
def _forget_failures():
    yield
    audit_log._FAILURE.clear()  # a failure remembered for the page must not leak into the next test
