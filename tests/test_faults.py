"""Faults a real office meets: a second writer or reader while an ingest holds the warehouse, a full disk,
CLI audit entries."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pipelines.__main__ import _bare_tunggu, parser
from tests.test_ingest import region  # noqa: F401  (fixture)
from tests.test_ingest_promises import _snapshot

ROOT = Path(__file__).resolve().parent.parent


def _cli(warehouse: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(warehouse), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def _held_ingest(region: Path, seconds: int) -> subprocess.Popen:
    punches = region / "TAHAN_attlog.dat"
    punches.write_text("".join(f"{101 + i % 3}\t2026-01-{1 + i % 28:02d} 07:{i % 60:02d}:00\t1\t0\t1\t0\n"
                               for i in range(500)))
    env = {**os.environ, "BUDAYA_INGEST_PAUSE_SECONDS": str(seconds)}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "--warehouse", str(region / "w.duckdb"), "ingest",
                             str(punches)], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if "menunggu commit" in line:
            return proc
    raise AssertionError("the held ingest never reached its commit")


@pytest.mark.parametrize("command", [["ingest", "KINERJA"], ["build"]], ids=["ingest", "build"])
def test_second_writer_is_told_who_holds_the_warehouse(region: Path, command):
    warehouse = region / "w.duckdb"
    other = region / "opd_lagi.csv"
    other.write_text((region / "opd.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    args = [str(other) if a == "KINERJA" else a for a in command]
    before = _snapshot(warehouse)
    holder = _held_ingest(region, 20)
    try:
        out = _cli(warehouse, *args)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "IOException" not in out.stderr
    assert f"sedang dipakai oleh proses {holder.pid} (ingest, pengguna" in out.stderr
    assert _snapshot(warehouse) == before


def test_tunggu_waits_for_the_holder_then_runs(region: Path):
    warehouse = region / "w.duckdb"
    holder = _held_ingest(region, 3)
    out = _cli(warehouse, "build", "--tunggu", "60")
    holder.wait(timeout=60)
    assert holder.returncode == 0
    assert out.returncode == 0, out.stderr
    assert "Menunggu: gudang data dipakai oleh proses" in out.stderr
    assert "Build " in out.stdout and "selesai" in out.stdout


# --- disk full -------------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 12 MB tmpfs mounted by the test (root only); unmounted afterwards."""
    def mount(where: Path, size_mb: int = 12) -> Path:
        where.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"tmpfs tidak dapat dipasang di mesin ini: {done.stderr.strip() or done.returncode}")
        mounted.append(where)
        return where
    mounted: list[Path] = []
    yield mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _punches(path: Path, lines: int) -> Path:
    """Punches at random moments of 2025 (few duplicates; random times compress poorly)."""
    start, pick = datetime(2025, 1, 1), random.Random(13).randrange
    path.write_text("".join(f"{101 + pick(3)}\t{start + timedelta(seconds=pick(365 * 86400)):%Y-%m-%d %H:%M:%S}"
                            f"\t1\t0\t{pick(5)}\t0\n" for _ in range(lines)))
    return path


def test_ingest_on_a_full_disk_says_so_and_changes_nothing(region: Path, small_disk):
    disk = small_disk(region / "kecil", 4)
    warehouse = disk / "w.duckdb"
    warehouse.write_bytes((region / "w.duckdb").read_bytes())
    big = _punches(region / "besar_attlog.dat", 1_000_000)
    before = _snapshot(warehouse)
    out = _cli(warehouse, "ingest", str(big))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "rollback" not in out.stderr
    assert f"Ruang disk habis di {disk}: perlu ± " in out.stderr and "MB (tersedia " in out.stderr
    needed = int(out.stderr.split("perlu ± ")[1].split(" MB")[0])
    assert needed >= 12  # an honest estimate: more than the whole disk
    assert _snapshot(warehouse) == before


def _fill(disk: Path, leave_bytes: int) -> None:
    """Take the disk's free space down to about `leave_bytes`."""
    free = shutil.disk_usage(disk).free
    with (disk / "pengisi.bin").open("wb") as out:
        out.truncate(0)
        out.write(b"\0" * max(free - leave_bytes, 0))


def _published(warehouse: Path) -> tuple[str, list[str]]:
    pub = warehouse.with_name(warehouse.stem + "_published")
    return (pub / "CURRENT").read_text(), sorted(p.name for p in pub.iterdir() if p.name != "pengisi.bin")


def test_build_on_a_full_disk_keeps_the_published_build(region: Path, small_disk):
    disk = small_disk(region / "kecil", 48)
    warehouse = disk / "w.duckdb"
    warehouse.write_bytes((region / "w.duckdb").read_bytes())
    assert _cli(warehouse, "build").returncode == 0
    before = _published(warehouse)
    _fill(disk, 0)
    out = _cli(warehouse, "build")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "Error" not in out.stderr
    assert f"Ruang disk habis di {disk}: perlu ± " in out.stderr and "sebelumnya tetap tampil" in out.stderr
    assert _published(warehouse) == before  # same CURRENT, no .tmp left
    (disk / "pengisi.bin").unlink()
    assert _cli(warehouse, "build").returncode == 0  # and the warehouse still builds once there is room


def test_publish_checks_free_space_first_and_leaves_nothing(region: Path, small_disk):
    warehouse = region / "w.duckdb"
    assert _cli(warehouse, "build").returncode == 0
    pub = region / "w_published"
    pub.rename(region / "lama")
    small_disk(pub, 12)
    for old in (region / "lama").iterdir():
        shutil.copy2(old, pub / old.name)
    before = _published(warehouse)
    build_size = max(p.stat().st_size for p in pub.glob("*.duckdb"))
    _fill(pub, build_size // 2)
    out = _cli(warehouse, "build")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    free_mb = shutil.disk_usage(pub).free // 2**20
    assert f"Ruang disk habis di {pub}: perlu ± {-(-int(build_size * 1.2) // 2**20)} MB (tersedia {free_mb} MB)" \
        in out.stderr
    assert "Build baru tidak diterbitkan; build sebelumnya tetap tampil." in out.stderr
    assert _published(warehouse) == before


# --- status, demo and Kelola Data while a load runs -----------------------------------------------------------


def test_status_during_a_load_reads_the_published_build(region: Path):
    warehouse = region / "w.duckdb"
    assert _cli(warehouse, "build").returncode == 0
    quiet = _cli(warehouse, "status")
    assert quiet.returncode == 0 and "Sedang ada pemuatan" not in quiet.stdout
    holder = _held_ingest(region, 20)
    try:
        out = _cli(warehouse, "status")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    first, second = out.stdout.splitlines()[:2]
    assert first.startswith(f"Sedang ada pemuatan: gudang data dipakai oleh proses {holder.pid} (ingest, pengguna ")
    assert " sejak " in first
    assert "per build terbit terakhir" in second
    # the same figures as before the load began (the held file is not counted)
    assert out.stdout.split("Build terbit:")[1] == quiet.stdout.split("Build terbit:")[1]


def test_demo_while_held_says_busy_and_generates_nothing(region: Path):
    warehouse = region / "w.duckdb"
    before = _snapshot(warehouse)
    holder = _held_ingest(region, 20)
    try:
        out = _cli(warehouse, "demo", "--out", str(region / "demo"), "--pegawai", "30", "--bulan", "1")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert f"sedang dipakai oleh proses {holder.pid} (ingest, pengguna" in out.stderr
    assert not (region / "demo").exists()
    assert _snapshot(warehouse) == before


class _Upload:
    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def test_kelola_data_upload_and_publish_while_held(region: Path):
    from pages.ui import manage
    from warehouse.access import read_audit

    warehouse = region / "w.duckdb"
    upload = _Upload("opd_baru.csv", (region / "opd.csv").read_bytes() + b"\n")
    holder = _held_ingest(region, 20)
    try:
        outcome = manage.ingest_uploads([upload], username="admin", warehouse=warehouse)
        summary, error = manage.publish(username="admin", warehouse=warehouse)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    busy = f"sedang dipakai oleh proses {holder.pid} (ingest, pengguna"
    assert outcome.results == [] and busy in outcome.error and "Tidak ada yang dimuat" in outcome.error
    assert summary is None and busy in error and "data lama tetap tampil" in error
    events = read_audit(warehouse)
    reasons = dict(zip(events["event"], events["details"]))
    assert busy in reasons["unggah_gagal"] and busy in reasons["terbit_gagal"]


# --- CLI audit entries ------------------------------------------------------------------------------------------


def test_cli_ingest_and_build_are_audited(region: Path):
    import getpass
    import json

    from warehouse.access import read_audit

    warehouse = region / "w.duckdb"
    bad = region / "rusak.csv"
    bad.write_text("apa,ini\n1,2\n", encoding="utf-8")
    _punches(region / "M1_attlog.dat", 50)
    assert _cli(warehouse, "ingest", str(region / "M1_attlog.dat"), str(bad)).returncode == 1  # one rejected
    built = _cli(warehouse, "build")
    assert built.returncode == 0
    holder = _held_ingest(region, 20)
    try:
        assert _cli(warehouse, "build").returncode == 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
    log = read_audit(warehouse)
    who = f"cli:{getpass.getuser()}"
    rows = {e: (u, json.loads(d), n) for u, e, d, n in log.select("username", "event", "details", "rows").rows()[::-1]}
    user, loaded, rows_loaded = rows["unggah"]
    assert user == who and rows_loaded == 50
    assert [(r["berkas"], r["status"]) for r in loaded["hasil"]] == [("M1_attlog.dat", "loaded"),
                                                                    ("rusak.csv", "rejected")]
    assert loaded["hasil"][0]["sumber"] == "absensi_log" and loaded["hasil"][0]["dimuat"] == 50
    assert loaded["ditolak"][0]["berkas"] == "rusak.csv" and loaded["ditolak"][0]["alasan"]
    assert rows["terbit"][0] == who and rows["terbit"][1]["build"] in built.stdout
    assert rows["terbit_gagal"][0] == who and "sedang dipakai oleh proses" in rows["terbit_gagal"][1]["alasan"]


def test_bare_tunggu_before_the_paths_keeps_the_path(region: Path):
    warehouse = region / "w.duckdb"
    folder = region / "baru"
    folder.mkdir()
    _punches(folder / "M2_attlog.dat", 40)
    holder = _held_ingest(region, 3)
    out = _cli(warehouse, "ingest", "--tunggu", str(folder))
    holder.wait(timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Menunggu: gudang data dipakai oleh proses" in out.stderr
    assert "DIMUAT   M2_attlog.dat [absensi_log]: 40 baris masuk, 40 dimuat" in out.stdout
    args = parser().parse_args(_bare_tunggu(["ingest", "--tunggu", "a.csv", "b.csv"]))
    assert args.paths == ["a.csv", "b.csv"] and args.tunggu == 900
    assert parser().parse_args(_bare_tunggu(["ingest", "--tunggu", "5", "a.csv"])).tunggu == 5


def test_publish_that_runs_out_mid_copy_leaves_no_tmp(region: Path, small_disk, monkeypatch):
    from warehouse import build as build_module
    from warehouse.lock import DiskFull

    warehouse = region / "w.duckdb"
    pub = small_disk(region / "w_published", 12)
    _fill(pub, 256 * 1024)
    monkeypatch.setattr(build_module, "_publish_size", lambda con, pub_dir: 0)  # an estimate that was too low
    with pytest.raises(DiskFull, match=f"Ruang disk habis di {pub}: perlu ± "):
        build_module.build(warehouse)
    assert sorted(p.name for p in pub.iterdir()) == ["pengisi.bin"]  # no .tmp, no .wal, no CURRENT
