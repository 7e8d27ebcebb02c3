"""Faults a real office meets: a second writer while an ingest holds the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_ingest import region  # noqa: F401  (fixture)
from tests.test_ingest_promises import _snapshot

ROOT = Path(__file__).resolve().parent.parent


def _cli(warehouse: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(warehouse), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def _held_ingest(region: Path, seconds: int) -> subprocess.Popen:  # noqa: F811
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
def test_second_writer_is_told_who_holds_the_warehouse(region: Path, command):  # noqa: F811
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


def test_tunggu_waits_for_the_holder_then_runs(region: Path):  # noqa: F811
    warehouse = region / "w.duckdb"
    holder = _held_ingest(region, 3)
    out = _cli(warehouse, "build", "--tunggu", "60")
    holder.wait(timeout=60)
    assert holder.returncode == 0
    assert out.returncode == 0, out.stderr
    assert "Menunggu: gudang data dipakai oleh proses" in out.stderr
    assert "Build " in out.stdout and "selesai" in out.stdout
