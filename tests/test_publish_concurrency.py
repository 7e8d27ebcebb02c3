"""Readers never see a half-built state: a second process keeps reading the published
build while a load and a rebuild run, and sees the new build once it is published."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from demo_region import generate
from pipelines.ingest import ingest_files
from warehouse.build import build
from warehouse.paths import current_build_file

ROOT = Path(__file__).resolve().parent.parent

READER = textwrap.dedent("""
    import json, sys, time, duckdb
    from pathlib import Path
    from warehouse.paths import current_build_file
    warehouse, seconds = Path(sys.argv[1]), float(sys.argv[2])
    seen, errors, reads, end = [], [], 0, time.monotonic() + seconds
    print("siap", flush=True)
    while time.monotonic() < end:
        try:
            con = duckdb.connect()
            con.execute(f"attach '{current_build_file(warehouse)}' as pub (read_only)")
            build_id, = con.execute("select build_id from pub.build_info").fetchone()
            n, = con.execute("select count(*) from pub.mart_opd_monthly").fetchone()
            con.close()
            reads += 1
            if not seen or seen[-1][0] != build_id:
                seen.append((build_id, n))
        except Exception as error:
            errors.append(repr(error))
    print(json.dumps({"reads": reads, "errors": errors, "seen": seen}))
""")


def test_reader_keeps_working_during_load_and_build(tmp_path: Path):
    sources, warehouse = tmp_path / "sumber", tmp_path / "budaya.duckdb"
    generate(sources, pegawai=150, bulan=2, mulai="2026-08", seed=3)
    early = [p for p in sources.glob("aktivitas_*.csv")]
    ingest_files([sources], warehouse=warehouse)
    first = build(warehouse)

    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), "12"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "siap"
    # A corrected export arrives: the load and the rebuild run while the reader reads.
    corrected = tmp_path / "aktivitas_revisi.csv"
    corrected.write_text(early[0].read_text(encoding="utf-8").replace("DITOLAK", "DISETUJUI"), encoding="utf-8")
    (result,) = ingest_files([corrected], warehouse=warehouse)
    assert result.status == "loaded" and result.rows_replaced > 0
    second = build(warehouse)
    out = json.loads(reader.communicate(timeout=60)[0])

    assert out["errors"] == []
    assert out["reads"] > 10
    assert [build_id for build_id, _ in out["seen"]] == [first.build_id, second.build_id]
    assert current_build_file(warehouse).name.startswith(second.build_id)
