"""A file large enough for the fast paths of validation (values parsed once per distinct
value, a plain format with a few rows the full parser reads, reasons put back by position):
the same values, reasons and row numbers as the rules promise for a small file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from pipelines.ingest import ingest_files
from pipelines.parse import clean_text, parse_code, parse_date
from pipelines.sources import ATTENDANCE_CODES
from pipelines.validate import per_distinct
from tests.test_ingest import BUDI, PPPK, SITI, query, region  # noqa: F401 (fixture)

HEADER = "NIP;TANGGAL;JAM_MASUK;JAM_PULANG;KETERANGAN"
ODD = {  # row number -> the line as written, among thousands of plain rows
    7: f"{SITI};07 Juli 2026;07.31;16:05;h",  # a date in words, a time with a dot: read, loaded
    1200: f"{BUDI};31/02/2026;07:30;16:00;H",  # no such day
    2500: f"{SITI};2026-07-02;07:30;16:00;MOGOK",  # unknown code
    3100: "199912312020121999;2026-07-03;07:30;16:00;H",  # no such employee
    3999: f"{PPPK};2026-07-04;25:00;16:00;S",  # no such time
}


def _big_month(path: Path) -> Path:
    """4,000 rows: three employees over many days, keys unique, the ODD rows at their numbers."""
    lines = [HEADER]
    day = dt.date(2027, 1, 1)  # after the ODD rows' days: no key repeats
    for number in range(1, 4001):
        if number in ODD:
            lines.append(ODD[number])
            continue
        nip = (BUDI, SITI, PPPK)[number % 3]
        work_date = day + dt.timedelta(days=number // 3)
        code = ("H", " hadir ", "S", "izin")[number % 4]
        lines.append(f"{nip};{work_date:%d/%m/%Y};07:{number % 60:02d};16:00;{code}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_per_distinct_is_cell_by_cell():
    cells = ["2026-01-12", "12/01/2026", " 12 Januari 2026 ", None, "x", "17/11/26", "", "'2026-02-01"] * 500
    column = pl.Series("v", cells, dtype=pl.String)
    for expr in (clean_text, parse_date, lambda e: parse_code(e, ATTENDANCE_CODES)):
        direct = column.to_frame().select(expr(pl.col("v"))).to_series()
        assert per_distinct(column, expr).to_list() == direct.to_list()
    assert per_distinct(pl.Series("v", [None] * 100, dtype=pl.String), parse_date).to_list() == [None] * 100


def test_large_file_values_reasons_and_row_numbers(region: Path):
    path = _big_month(region / "absensi_harian_big.csv")
    (result,) = ingest_files([path], warehouse=region / "w.duckdb", today=dt.date(2031, 1, 1))
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (4000, 3996, 4)
    assert query(region, "select row_number, reason_code, reason from quarantine order by 1") == [
        (1200, "invalid_date", "Tanggal tidak dikenali di kolom TANGGAL: '31/02/2026'."),
        (2500, "unknown_code", "Kode tidak dikenal di kolom KETERANGAN: 'MOGOK'."),
        (3100, "unknown_nip", "NIP tidak dikenal: '199912312020121999' tidak ada di data pegawai."),
        (3999, "invalid_time", "Jam tidak dikenali di kolom JAM_MASUK: '25:00'."),
    ]
    assert query(region, "select nip, work_date, time_in, status_code, status_raw from raw_absensi_harian "
                         "where row_number in (6, 7, 8) order by row_number") == [
        (BUDI, dt.date(2027, 1, 3), dt.time(7, 6), "S", "S"),
        (SITI, dt.date(2026, 7, 7), dt.time(7, 31), "H", "h"),
        (PPPK, dt.date(2027, 1, 3), dt.time(7, 8), "H", "H"),
    ]
    assert query(region, "select count(*), count(distinct status_code) from raw_absensi_harian") == [(3996, 3)]
