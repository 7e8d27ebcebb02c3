"""Real export layouts (shared/spec/real-layouts.md) load as they come and give the same marts.

For every built-in layout, tests/fixtures/layouts/writers.py writes the dashboard fixture's
contract rows again in that layout; both folders go through ingest and build, and the marts
must be identical, with the same quarantined rows and every layout file recorded as read by
its layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "layouts"))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

import writers  # noqa: E402
from fixture_warehouse import TODAY  # noqa: E402

from pipelines.ingest import ingest_files  # noqa: E402
from warehouse.build import build  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

MARTS = ("mart_opd_monthly", "mart_discipline_monthly", "mart_skp_opd", "mart_berakhlak_opd")


def _load(folder: Path, warehouse: Path):
    results = ingest_files([folder], warehouse=warehouse, today=TODAY)
    rejected = [f"{r.file_name}: {r.message}" for r in results if r.status != "loaded"]
    assert not rejected, rejected
    build(warehouse, today=TODAY)
    return results


def _marts(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    try:
        return {m: [tuple(round(v, 9) if isinstance(v, float) else v for v in row)
                    for row in con.sql(f"select * from {m} order by all").fetchall()] for m in MARTS}
    finally:
        con.close()


def _quarantined(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql("select source, reason_code, count(*) from quarantine group by all order by all").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("name", list(writers.CASES))
def test_layout_gives_the_marts_of_the_contract_layout(name, tmp_path):
    case = writers.CASES[name]
    contract, layout = writers.folders(case, tmp_path)
    _load(contract, tmp_path / "kontrak.duckdb")
    results = _load(layout, tmp_path / "tata_letak.duckdb")
    written = {p.name for p in layout.iterdir()} - {p.name for p in contract.iterdir()}
    by_file = {r.file_name: r for r in results}
    assert {by_file[f].layout for f in written if f != "pengguna_mesin.csv"} == {case.layout}
    assert all(r.rows_in == r.rows_loaded + r.rows_quarantined + r.rows_duplicate for r in results)
    assert _quarantined(tmp_path / "tata_letak.duckdb") == _quarantined(tmp_path / "kontrak.duckdb")
    expected, got = _marts(tmp_path / "kontrak.duckdb"), _marts(tmp_path / "tata_letak.duckdb")
    for mart in MARTS:
        assert expected[mart], f"{mart} is empty: the comparison would prove nothing"
        assert got[mart] == expected[mart], mart
