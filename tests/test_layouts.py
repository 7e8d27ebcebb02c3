"""Real export layouts (shared/spec/real-layouts.md) load as they come and give the same marts.

For every built-in layout, tests/fixtures/layouts/writers.py writes the dashboard fixture's
contract rows again in that layout; both folders go through ingest and build, and the marts
must be identical, with the same quarantined rows and every layout file recorded as read by
its layout.
"""

from __future__ import annotations

import datetime as dt
import shutil
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

MARTS = ("mart_opd_monthly", "mart_discipline_monthly", "mart_skp_opd", "mart_berakhlak_opd",
         "mart_berakhlak_behaviour_opd")


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


def _skp_folders(tmp_path: Path, others: tuple, laporan_skp: bool) -> tuple[Path, Path]:
    """The contract fixture, and the same folder with its SKP file as e-Kinerja BKN exports: the
    penilaian (with the `others` rows that are not definitive) and, if asked, the Laporan SKP.
    `Laporan Penilaian …` sorts before `Laporan SKP …`: the SKP list loads first by its load_rank."""
    contract, layout = tmp_path / "kontrak", tmp_path / "tata_letak"
    for folder in (contract, layout):
        shutil.copytree(writers.RAW, folder)
    (layout / "skp_2026.csv").unlink()
    writers.write_ekinerja(layout, others)
    if laporan_skp:
        writers.write_laporan_skp(layout, others)
    return contract, layout


def _not_definitive(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [r for (r,) in con.sql("select reason from quarantine where reason_code = 'skp_not_definitive' "
                                      "order by row_number").fetchall()]
    finally:
        con.close()


@pytest.mark.parametrize("laporan_skp", [True, False], ids=["dengan_laporan_skp", "penilaian_saja"])
def test_only_definitive_skps_are_kinerja(laporan_skp, tmp_path):
    """PLT/PLH SKPs, SKPs not approved and an employee's older SKP (earlier periode_akhir) give the
    marts of the contract file without those rows; the rows are in quarantine with their reason.
    Without a Laporan SKP the penilaian's own is_skp_plt_plh_pjb / periode_akhir_skp are used (an SKP's
    approval is only in the Laporan SKP, so that case is left out)."""
    others = writers.OTHER_SKPS if laporan_skp else writers.OTHER_SKPS[:2]
    contract, layout = _skp_folders(tmp_path, others, laporan_skp)
    _load(contract, tmp_path / "kontrak.duckdb")
    results = _load(layout, tmp_path / "tata_letak.duckdb")
    by_file = {r.file_name: r for r in results}
    penilaian = by_file["Laporan Penilaian SKP 2026.xlsx"]
    assert penilaian.layout == "ekinerja_penilaian_skp"
    assert penilaian.rows_in == 112 + sum(len(months) for _, months in others)
    assert penilaian.rows_in == penilaian.rows_loaded + penilaian.rows_quarantined + penilaian.rows_duplicate
    if laporan_skp:
        listed = by_file["Laporan SKP 2026.xlsx"]
        assert (listed.layout, listed.source, listed.rows_loaded, listed.rows_quarantined) == \
            ("ekinerja_laporan_skp", "skp_bkn", 28 + 3, 0)
    reasons = _not_definitive(tmp_path / "tata_letak.duckdb")
    expected = [
        "SKP plt-1001 adalah SKP PLT/PLH, bukan penilaian definitif pegawai; tidak dimuat sebagai kinerja.",
        "SKP plt-1001 adalah SKP PLT/PLH, bukan penilaian definitif pegawai; tidak dimuat sebagai kinerja.",
        "SKP lama-2002 (periode akhir 15-07-2026) digantikan SKP skp-199002022015032002 (periode akhir 31-12-2026) untuk "
        "periode 7 tahun 2026: penilaian SKP dengan periode akhir terakhir yang dipakai.",
    ]
    if laporan_skp:
        expected.append("SKP draf-2003 berstatus 'pengajuan', belum persetujuan; penilaiannya bukan penilaian "
                        "definitif dan tidak dimuat sebagai kinerja.")
    assert reasons == expected
    extra = ("kinerja", "skp_not_definitive", len(expected))
    assert _quarantined(tmp_path / "tata_letak.duckdb") == sorted([*_quarantined(tmp_path / "kontrak.duckdb"), extra])
    expected_marts, got = _marts(tmp_path / "kontrak.duckdb"), _marts(tmp_path / "tata_letak.duckdb")
    for mart in MARTS:
        assert got[mart] == expected_marts[mart], mart


def test_a_laporan_skp_alone_is_recognised_and_loads(tmp_path):
    writers.write_laporan_skp(tmp_path, writers.OTHER_SKPS)
    (result,) = ingest_files([tmp_path / "Laporan SKP 2026.xlsx"], warehouse=tmp_path / "w.duckdb", today=TODAY)
    assert (result.status, result.layout, result.source) == ("loaded", "ekinerja_laporan_skp", "skp_bkn")
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (31, 31, 0)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        rows = con.sql("select skp_id, nip, skp_status, is_plt_plh, period_end from raw_skp_bkn "
                       "where skp_id in ('plt-1001', 'lama-2002', 'draf-2003', 'skp-198501012010011001') order by skp_id").fetchall()
    finally:
        con.close()
    assert rows == [
        ("draf-2003", "199303032021212003", "pengajuan", False, dt.date(2026, 12, 31)),
        ("lama-2002", "199002022015032002", "persetujuan", False, dt.date(2026, 7, 15)),
        ("plt-1001", "198501012010011001", "persetujuan", True, dt.date(2026, 12, 31)),
        ("skp-198501012010011001", "198501012010011001", "persetujuan", False, dt.date(2026, 12, 31)),
    ]


def test_zkteco_repeated_punches_are_duplicates_not_punches(tmp_path):
    """`Pengecualian = Mengulang` rows of a ZKTeco log are counted as duplicates: none of their times
    is a loaded punch, and the batch says why."""
    _, layout = writers.folders(writers.CASES["zkteco_log"], tmp_path)
    results = _load(layout, tmp_path / "w.duckdb")
    log = next(r for r in results if r.file_name == "KEC-KOTA-01_log.txt")
    repeats = writers.repeated_punches()
    assert len(repeats) == 18
    assert (log.rows_in, log.rows_loaded, log.rows_duplicate, log.rows_quarantined) == (36 + 18, 36, 18, 0)
    assert "18 punch bertanda Pengecualian = Mengulang" in log.message
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        loaded = set(con.sql("select pin, punched_at from raw_absensi_log").fetchall())
    finally:
        con.close()
    assert loaded and not loaded & set(repeats)
