"""The data contract's promises: conservation, atomicity under SIGKILL, readers undisturbed."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest_files
from tests.test_ingest import BUDI, PPPK, SITI, TODAY, ingest, query, region  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
NIPS = [BUDI, SITI, PPPK]
BAD_CELLS = {
    "NIP": ["1.98501E+17", "19850112", "abc"],
    "TANGGAL": ["31/02/2026", "??", "2026-13-01", "01/01/2099"],
    "JAM_MASUK": ["25:99", "pagi", "7"],
    "JAM_PULANG": ["99.99", "sore"],
    "KETERANGAN": ["ZZ", "HADIR?", ""],
}


def _valid_rows(n: int) -> list[dict[str, str]]:
    start = dt.date(2025, 1, 1)
    rows = []
    for i in range(n):
        day = start + dt.timedelta(days=i // len(NIPS))
        rows.append({"NIP": NIPS[i % len(NIPS)], "TANGGAL": day.strftime("%d/%m/%Y"),
                     "JAM_MASUK": f"07.{i % 60:02d}", "JAM_PULANG": "16:00", "KETERANGAN": "H"})
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_random_corruption_conserves_rows_and_loses_no_valid_row(region: Path, seed: int):
    rng = random.Random(seed)
    rows = _valid_rows(300)
    corrupted: set[int] = set()
    for _ in range(rng.randint(5, 60)):
        index = rng.randrange(len(rows))
        column = rng.choice(list(BAD_CELLS))
        rows[index][column] = rng.choice(BAD_CELLS[column])
        corrupted.add(index + 1)
    path = region / f"rekap_{seed}.csv"
    header = list(rows[0])
    path.write_text("\n".join([";".join(header)] + [";".join(r[h] for h in header) for r in rows]) + "\n")

    (result,) = ingest(region, path)

    assert result.rows_in == len(rows)
    assert result.rows_in == result.rows_loaded + result.rows_quarantined + result.rows_duplicate
    assert result.rows_duplicate == 0
    assert set(dict(query(region, f"select row_number, 1 from quarantine where file_name = '{path.name}'"))) == corrupted
    loaded = {r for (r,) in query(region, "select row_number from raw_absensi_harian")}
    assert loaded == set(range(1, len(rows) + 1)) - corrupted
    batch = query(region, f"select rows_in, rows_loaded, rows_quarantined, rows_duplicate from ingest_batches "
                          f"where file_name = '{path.name}'")
    assert batch == [(result.rows_in, result.rows_loaded, result.rows_quarantined, result.rows_duplicate)]


def _snapshot(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()]
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def test_sigkill_mid_load_leaves_warehouse_as_before(region: Path):
    warehouse = region / "w.duckdb"
    before = _snapshot(warehouse)
    punches = region / "BESAR_attlog.dat"
    with punches.open("w") as out:
        for i in range(200_000):
            out.write(f"{101 + i % 3}\t2026-01-{1 + i % 28:02d} 07:{i % 60:02d}:{i % 59:02d}\t1\t0\t1\t0\n")
    env = {**os.environ, "BUDAYA_INGEST_PAUSE_SECONDS": "60"}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines", "--warehouse", str(warehouse), "ingest",
                             str(punches)], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if "menunggu commit" in line:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(warehouse) == before
    (result,) = ingest_files([punches], warehouse=warehouse, today=TODAY)
    assert result.status == "loaded" and result.rows_loaded > 0


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_validation_in_small_chunks_gives_the_same_quarantine(region: Path, monkeypatch, streamed):
    """A large CSV is parsed and checked slice by slice (streamed) and keeps the text only
    of suspect rows; the counts, reasons and rows as written are those of a whole read."""
    import pipelines.ingest
    import pipelines.readers

    rows = _valid_rows(120)
    rows[3]["TANGGAL"] = "31/02/2026"
    rows[50] = dict(rows[10])                       # exact repeat across chunks -> duplicate
    rows[60]["NIP"] = "199901012020011001"          # well-formed but unknown -> unknown_nip
    rows[90] = {**rows[20], "KETERANGAN": "S"}      # same key, other values -> conflicting_duplicate
    path = region / "rekap_potong.csv"
    header = list(rows[0])
    title = "REKAP ABSENSI HARIAN\nPeriode: Januari \u2013 April 2025\n\n"  # Windows-1252 en dash
    text = title + "\n".join([";".join(header)] + [";".join(r[h] for h in header) for r in rows]) + "\n"
    path.write_bytes(text.encode("cp1252"))
    monkeypatch.setattr(pipelines.ingest, "CHUNK_ROWS", 7)
    if streamed:
        monkeypatch.setattr(pipelines.readers, "STREAM_BYTES", 0)
    (result,) = ingest(region, path)
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined, result.rows_duplicate) == (120, 116, 3, 1)
    found = query(region, "select row_number, reason_code, raw from quarantine where file_name = 'rekap_potong.csv' "
                          "order by row_number")
    assert [(n, code) for n, code, _ in found] == [(4, "invalid_date"), (61, "unknown_nip"),
                                                   (91, "conflicting_duplicate")]
    assert '"NIP":"199901012020011001"' in found[1][2] and '"KETERANGAN":"S"' in found[2][2]
    reason = query(region, "select reason from quarantine where row_number = 91")[0][0]
    assert "berbeda dari baris 21" in reason
    assert query(region, f"select count(*) from raw_absensi_harian where batch_id = '{result.batch_id}'")[0][0] == 116


@pytest.mark.parametrize("threshold_mb, written_during_load", [(0, True), (10_000, False)])
def test_loaded_rows_are_checkpointed_once_memory_holds_enough(region: Path, monkeypatch,
                                                               threshold_mb, written_during_load):
    """Committed rows wait in memory (and the WAL) until CHECKPOINT_MB, then go to the file."""
    import pipelines.ingest

    monkeypatch.setattr(pipelines.ingest, "CHECKPOINT_MB", threshold_mb)
    path = region / "rekap.csv"
    rows = _valid_rows(60)
    path.write_text("\n".join([";".join(rows[0])] + [";".join(r.values()) for r in rows]) + "\n")
    wal = region / "w.duckdb.wal"
    wal_after = []
    ingest(region, path, on_result=lambda r: wal_after.append(wal.exists() and wal.stat().st_size > 0))
    assert wal_after == [not written_during_load]
    assert query(region, "select count(*) from raw_absensi_harian")[0][0] == 60


def _allocator_after_prepare(folder: Path, user_value: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    if user_value:
        env["_RJEM_MALLOC_CONF"] = user_value
    code = (f"import os, pipelines; pipelines.prepare_memory_for([r'{folder}']); import polars; "
            "print(os.environ['_RJEM_MALLOC_CONF'])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_a_large_load_returns_freed_memory_soon(tmp_path: Path):
    """Over LARGE_LOAD_BYTES the allocator hands memory back after 0.3 s (a 10x region stays
    under 2 GB); a smaller load keeps it a second (faster); a user's own setting wins."""
    small, large = tmp_path / "kecil", tmp_path / "besar"
    small.mkdir(), large.mkdir()
    (small / "a.csv").write_text("NIP\n1\n")
    with open(large / "a.csv", "wb") as f:  # sparse: 3 GB by size, nothing on disk
        f.truncate(3 * 2**30)
    assert _allocator_after_prepare(large).endswith("dirty_decay_ms:300,muzzy_decay_ms:0")
    assert _allocator_after_prepare(small).endswith("dirty_decay_ms:1000,muzzy_decay_ms:1000")
    assert _allocator_after_prepare(large, "dirty_decay_ms:7").endswith(",dirty_decay_ms:7")
