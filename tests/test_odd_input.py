"""Input that is odd but common (issue 12, part 3): valid rows load with their values, the rest
are quarantined with a Bahasa reason, and no file is rejected whole for one cell."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import RAW  # noqa: E402  (writes raw/opd.xlsx when missing)

from pipelines.ingest import ingest_files  # noqa: E402

TODAY = dt.date(2026, 12, 1)
BUDI, SITI = "198501012010011001", "199002022015032002"
HEADER = b"NIP;TANGGAL;JAM_MASUK;JAM_PULANG;KETERANGAN"


def load(tmp_path: Path, name: str, content: bytes | None = None):
    """OPD list and employees, then the odd file; returns (its batch, warehouse connection)."""
    folder = tmp_path / "sumber"
    folder.mkdir(exist_ok=True)
    for reference in ("opd.xlsx", "pegawai.csv"):
        if not (folder / reference).exists():
            shutil.copy(RAW / reference, folder / reference)
    if content is not None:
        (folder / name).write_bytes(content)
    results = ingest_files([folder], warehouse=tmp_path / "wh.duckdb", today=TODAY)
    (result,) = [r for r in results if r.file_name == name]
    assert result.status == "loaded", result.message
    assert result.rows_in == result.rows_loaded + result.rows_quarantined + result.rows_duplicate
    return result, duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True)


def test_cr_only_line_ends_in_an_attlog(tmp_path):
    lines = [f"  100\t2026-09-0{d} 07:1{d}:20\t1\t0\t1\t0" for d in (1, 2, 3)]
    result, con = load(tmp_path, "KANTOR-01_attlog.dat", "\r".join(lines).encode() + b"\r")
    assert (result.rows_loaded, result.rows_quarantined) == (3, 0)
    assert con.sql("select nip, punched_at from raw_absensi_log order by 2").fetchall() == [
        (BUDI, dt.datetime(2026, 9, d, 7, 10 + d, 20)) for d in (1, 2, 3)]


def test_cr_only_line_ends_in_a_csv(tmp_path):
    rows = [HEADER, f"{BUDI};01/09/2026;07.31;16.05;H".encode(), f"{SITI};01/09/2026;;;S".encode()]
    result, con = load(tmp_path, "rekap.csv", b"\r".join(rows) + b"\r")
    assert result.rows_loaded == 2
    assert con.sql("select nip, status_code, time_in from raw_absensi_harian order by 1").fetchall() == [
        (BUDI, "H", dt.time(7, 31)), (SITI, "S", None)]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_stray_windows_1252_byte_in_utf8_is_decoded_on_its_line_only(tmp_path, bom):
    text = (RAW / "pegawai.csv").read_bytes()
    text = text.replace(b"Budi Santoso", "Budi Santoso Pérez".encode()).replace(b"Bidang SMP", b"Bidang SMP \x96 Timur", 1)
    result, con = load(tmp_path, "pegawai.csv", bom + text)
    assert (result.rows_loaded, result.rows_quarantined) == (28, 0)
    assert con.sql(f"select name from raw_pegawai where nip = '{BUDI}'").fetchall()[0] == ("Budi Santoso Pérez",)
    assert con.sql("select count(*) from raw_pegawai where work_unit = 'Bidang SMP – Timur'").fetchall()[0] == (1,)


def test_a_bom_at_the_start_of_a_line(tmp_path):
    rows = [HEADER, f"{BUDI};01/09/2026;07.31;16.05;H".encode(), f"\ufeff{SITI};01/09/2026;07.20;16.02;H".encode()]
    result, con = load(tmp_path, "rekap.csv", b"\n".join(rows))
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    assert con.sql("select nip from raw_absensi_harian order by 1").fetchall() == [(BUDI,), (SITI,)]


def test_two_digit_years(tmp_path):
    rows = [HEADER, f"{BUDI};17/11/26;07.31;16.05;H".encode(), f"{SITI};17-11-26;07.20;16.02;H".encode()]
    result, con = load(tmp_path, "rekap.csv", b"\n".join(rows))
    assert result.rows_loaded == 2
    assert con.sql("select distinct work_date from raw_absensi_harian").fetchall() == [(dt.date(2026, 11, 17),)]


def test_nan_inf_and_negative_numbers_are_quarantined_with_a_reason(tmp_path):
    head = "NIP;NAMA_PELATIHAN;JENIS;PENYELENGGARA;TANGGAL_MULAI;TANGGAL_SELESAI;JP;NOMOR_SERTIFIKAT"
    rows = [head, *(f"{BUDI};Pelatihan {k};Kursus;BKPSDM;01/09/2026;02/09/2026;{jp};" for k, jp in
                    enumerate(["8", "NaN", "inf", "-4", "-inf"]))]
    _result, con = load(tmp_path, "pelatihan.csv", "\n".join(rows).encode())
    assert con.sql("select training_name, jp from raw_pelatihan").fetchall() == [("Pelatihan 0", 8.0)]
    assert con.sql("select row_number, reason_code, reason from quarantine order by 1").fetchall() == [
        (2, "invalid_number", "Bukan angka di kolom JP: 'NaN'."),
        (3, "invalid_number", "Bukan angka di kolom JP: 'inf'."),
        (4, "out_of_range", "Nilai kolom JP di luar rentang 0,01–1000: '-4'."),
        (5, "invalid_number", "Bukan angka di kolom JP: '-inf'."),
    ]


def test_an_excel_day_fraction_that_rounds_to_midnight_is_the_last_second(tmp_path):
    rows = [HEADER, f"{BUDI};01/09/2026;0.3125;0.999999999;H".encode()]
    result, con = load(tmp_path, "rekap.csv", b"\n".join(rows))
    assert result.rows_loaded == 1
    assert con.sql("select time_in, time_out from raw_absensi_harian").fetchall()[0] == (dt.time(7, 30), dt.time(23, 59, 59))


def test_control_bytes_inside_a_line(tmp_path):
    punches = b"  100\t2026-09-01 07:18:20\x1f\t1\t0\t1\t0\r\n  100\t2026-09-01 16:05:00\t1\t1\x1f\t1\t0\r\n"
    result, con = load(tmp_path, "KANTOR-01_attlog.dat", punches)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    con.close()
    rows = [HEADER, f"{BUDI};01/09/2026;07.31;16.05;H\x1f".encode(), f"{SITI}\x1f;01/09/2026;;;S".encode()]
    result, con2 = load(tmp_path, "rekap.csv", b"\n".join(rows))
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    assert con2.sql("select nip, status_code from raw_absensi_harian order by 1").fetchall() == [(BUDI, "H"), (SITI, "S")]


ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_nip_in_arabic_indic_or_full_width_digits_is_read_as_ascii(tmp_path):
    rows = [HEADER.decode(), f"{BUDI.translate(ARABIC)};01/09/2026;07.31;16.05;H",
            f"{SITI.translate(FULL_WIDTH)};01/09/2026;07.20;16.02;H"]
    result, con = load(tmp_path, "rekap.csv", "\n".join(rows).encode())
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    assert con.sql("select nip from raw_absensi_harian order by 1").fetchall() == [(BUDI,), (SITI,)]


def test_nip_in_full_width_digits_in_an_xlsx(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["NIP", "TANGGAL", "JAM_MASUK", "JAM_PULANG", "KETERANGAN"])
    book.active.append([BUDI.translate(FULL_WIDTH), "01/09/2026", "07:31", "16:05", "H"])
    (tmp_path / "sumber").mkdir()
    book.save(tmp_path / "sumber" / "rekap.xlsx")
    result, con = load(tmp_path, "rekap.xlsx")
    assert result.rows_loaded == 1
    assert con.sql("select nip from raw_absensi_harian").fetchall() == [(BUDI,)]


def test_an_xlsx_header_far_below_a_long_title_block(tmp_path):
    book = openpyxl.Workbook()
    for line in range(45):
        book.active.append([f"Catatan kop laporan baris {line + 1}"])
    book.active.append(["NIP", "TANGGAL", "JAM_MASUK", "JAM_PULANG", "KETERANGAN"])
    book.active.append([BUDI, "01/09/2026", "07:31", "16:05", "H"])
    (tmp_path / "sumber").mkdir()
    book.save(tmp_path / "sumber" / "rekap.xlsx")
    result, con = load(tmp_path, "rekap.xlsx")
    assert result.rows_loaded == 1
    assert con.sql("select nip, row_number from raw_absensi_harian").fetchall() == [(BUDI, 1)]


def test_an_impossible_berakhlak_period_quarantines_its_row_not_the_file(tmp_path):
    head = "PERIODE;NIP_DINILAI;PERAN_PENILAI;ID_PENILAI;BERORIENTASI_PELAYANAN;AKUNTABEL;KOMPETEN;HARMONIS;LOYAL;ADAPTIF;KOLABORATIF"
    rows = [head, f"2026-S1;{BUDI};ATASAN;A-1;4;4;4;4;4;4;4", f"2099-TW9;{BUDI};REKAN;R-1;4;4;4;4;4;4;4"]
    result, con = load(tmp_path, "berakhlak.csv", "\n".join(rows).encode())
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    ((code, reason),) = con.sql("select reason_code, reason from quarantine").fetchall()
    assert code == "invalid_period"
    assert reason == "PERIODE tidak dikenali: '2099-TW9' (contoh: 2026-S1, 2026-TW2)."
