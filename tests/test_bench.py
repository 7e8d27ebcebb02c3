"""Smoke test of the benchmark harness at a tiny scale (the figures themselves are not checked)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(
    r"^bench: load/duckdb=(\d+\.\d+|n/a)x build_s=(\d+\.\d+|n/a) page_p95_ms=(\d+\.\d+|n/a) peak_rss_mb=(\d+|n/a)$"
)


def test_bench_runs_and_prints_the_summary_line(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--pegawai", "200", "--bulan", "2", "--repeat", "1",
         "--iterations", "2", "--cold-iterations", "1", "--cache", str(tmp_path / "cache"),
         "--results", str(tmp_path / "results")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    match = SUMMARY.match(lines[-1])
    assert match, lines[-5:]
    assert match.group(1) != "n/a", proc.stdout[-3000:]  # our load and DuckDB's read both ran
    assert "LOAD" in proc.stdout and "machine:" in proc.stdout
    results = list((tmp_path / "results").glob("2*.json"))
    assert len(results) == 1
    data = json.loads(results[0].read_text())
    assert data["summary"]["line"] == lines[-1]
    assert data["machine"]["nproc"] >= 1
    # Where the build's time goes: every model's seconds in the JSON, the slowest printed.
    steps = data["summary"]["build_steps"]
    assert {"fct_attendance_daily", "mart_opd_monthly", "checks", "publish"} <= set(steps)
    assert list(steps.values()) == sorted(steps.values(), reverse=True)
    assert "build steps by time" in proc.stdout and next(iter(steps)) in proc.stdout
    assert set(data["build"][0]["timings"]) == set(steps)
    # The load per source is in the JSON too (printed at every scale).
    assert {"absensi_log", "aktivitas"} <= set(data["summary"]["by_source"])
