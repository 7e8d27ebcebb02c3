"""Planted anomalies in generated regions are found: recall >= 0.9, precision >= 0.8 per kind.

generate (demo_region) -> ingest (pipelines.ingest) -> build (warehouse.build), then
mart_outliers is compared with the generator's ground truth `_kunci/anomali.csv`
(kind, nip, opd_code, month), matched on (kind, nip, month), or (kind, opd_code, month)
for unit_decline. The detectors never read the ground truth.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

KINDS = ("low_productivity", "present_not_working", "buddy_punching", "unit_decline")
PEGAWAI, BULAN, MULAI = 800, 6, "2026-05"


def _key(kind: str, nip: str | None, opd_code: str, month: str) -> tuple[str, str, str]:
    return (kind, opd_code if kind == "unit_decline" else nip, month[:7])


def _scores(truth: set, found: set) -> dict[str, tuple[float, float, int, int]]:
    out = {}
    for kind in KINDS:
        t = {k for k in truth if k[0] == kind}
        f = {k for k in found if k[0] == kind}
        tp = len(t & f)
        out[kind] = (tp / len(t) if t else 1.0, tp / len(f) if f else (1.0 if not t else 0.0), len(t), len(f))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_anomalies_are_found(tmp_path: Path, seed: int):
    from demo_region import generate
    from pipelines.ingest import ingest_files
    from warehouse.build import build

    sources, warehouse = tmp_path / "sumber", tmp_path / "budaya.duckdb"
    generate(sources, pegawai=PEGAWAI, bulan=BULAN, mulai=MULAI, seed=seed)
    results = ingest_files([sources], warehouse=warehouse)
    assert all(r.status == "loaded" for r in results), [(r.file_name, r.message) for r in results
                                                       if r.status != "loaded"]
    build(warehouse)

    with (sources / "_kunci" / "anomali.csv").open(encoding="utf-8") as handle:
        truth = {_key(r["kind"], r["nip"], r["opd_code"], r["month"]) for r in csv.DictReader(handle)}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = {_key(kind, nip, opd, month.isoformat()) for kind, nip, opd, month in
                 con.execute("select kind, nip, opd_code, month from mart_outliers").fetchall()}
        reasons = con.execute("select count(*) from mart_outliers where length(reason) < 40").fetchone()[0]
    finally:
        con.close()
    assert {k[0] for k in truth} == set(KINDS), "the generator should plant every kind"
    scores = _scores(truth, found)
    for kind, (recall, precision, n_truth, n_found) in scores.items():
        assert recall >= 0.9, f"{kind}: recall {recall:.2f} ({n_truth} planted, {n_found} found)"
        assert precision >= 0.8, f"{kind}: precision {precision:.2f} ({n_truth} planted, {n_found} found)"
    assert reasons == 0
