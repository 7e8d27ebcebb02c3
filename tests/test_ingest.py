"""Ingestion: every source and variant of the data contract, checked value by value."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipelines.ingest import ingest_files

TODAY = dt.date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent

OPD_CSV = "KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n1.01;Dinas Kesehatan;Dinkes;Dinas\n2.01;Kecamatan Kota;;kecamatan \n"
PEGAWAI_HEADER = ["NIP", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "STATUS_KEPEGAWAIAN", "GOLONGAN",
                  "JENIS_JABATAN", "NAMA_JABATAN", "PENDIDIKAN", "KODE_OPD", "UNIT_KERJA", "TMT_CPNS", "PIN_ABSEN"]
BUDI = "198501122010011001"   # PNS, born 12 Jan 1985, CPNS Jan 2010, male
SITI = "199003042015022002"   # PNS, born 4 Mar 1990, CPNS Feb 2015, female
PPPK = "199105062023211003"   # PPPK, born 6 May 1991
PEGAWAI_ROWS = [
    [BUDI, "Budi Santoso", "L", "12/01/1985", "PNS", "III/a", "Fungsional", "Dokter", "S1", "1.01", "Puskesmas", "01-01-2010", "101"],
    [SITI, "Siti Aminah", "P", "04 Maret 1990", "pns", "III/b", "pelaksana", "Pengadministrasi", "D3", "2.01", "Umum", "2015-02-01", "102"],
    [PPPK, "Rahmat", "L", "06/05/1991", "PPPK", "IX", "Fungsional", "Guru", "S1", "1.01", "SDN 1", "", "103"],
]


def write_xlsx(path: Path, rows: list[list], title: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv_text(rows: list[list], sep: str = ",") -> str:
    return "\n".join(sep.join(str(c) for c in row) for row in rows) + "\n"


@pytest.fixture
def region(tmp_path: Path) -> Path:
    """A warehouse with two OPD and three employees loaded."""
    (tmp_path / "opd.csv").write_text(OPD_CSV, encoding="utf-8")
    write_xlsx(tmp_path / "pegawai.xlsx", [PEGAWAI_HEADER, *PEGAWAI_ROWS], title="DAFTAR PEGAWAI 2026")
    results = ingest(tmp_path, tmp_path / "opd.csv", tmp_path / "pegawai.xlsx")
    assert [r.rows_loaded for r in results] == [2, 3]
    return tmp_path


def ingest(tmp_path: Path, *paths: Path, **kw):
    return ingest_files(list(paths), warehouse=tmp_path / "w.duckdb", today=TODAY, **kw)


def query(tmp_path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def quarantined(tmp_path: Path, file_name: str) -> dict[int, str]:
    return dict(query(tmp_path, f"select row_number, reason_code from quarantine where file_name = '{file_name}'"))


def test_opd_and_pegawai_values(region: Path):
    assert query(region, "select opd_code, opd_short, rumpun from raw_opd order by 1") == [
        ("1.01", "Dinkes", "Dinas"), ("2.01", None, "Kecamatan")]
    rows = query(region, "select nip, birth_date, employment_status, position_type, tmt_date, pin_absen, is_active, "
                         "row_number from raw_pegawai order by nip")
    assert rows[0] == (BUDI, dt.date(1985, 1, 12), "PNS", "Fungsional", dt.date(2010, 1, 1), "101", True, 1)
    assert rows[1] == (SITI, dt.date(1990, 3, 4), "PNS", "Pelaksana", dt.date(2015, 2, 1), "102", True, 2)
    assert rows[2][0] == PPPK and rows[2][4] is None


@pytest.mark.parametrize(
    ("nip", "fields", "code"),
    [
        ("1.98501E+17", {}, "nip_scientific_notation"),
        ("19850112201001100", {}, "nip_invalid_format"),
        ("198513122010011001", {"TANGGAL_LAHIR": ""}, "nip_invalid_birth_date"),
        ("198501122010131001", {}, "nip_invalid_tmt"),
        ("198501121980011001", {}, "nip_invalid_tmt"),
        ("198501122010013001", {}, "nip_invalid_gender_digit"),
        ("198501122010011009", {"TANGGAL_LAHIR": "13/01/1985"}, "nip_birth_date_mismatch"),
        ("198501122010011009", {"JENIS_KELAMIN": "P"}, "nip_gender_mismatch"),
        ("198501122010011009", {"KODE_OPD": "9.99"}, "unknown_opd"),
        ("198501122010011009", {"JENIS_JABATAN": "Honorer"}, "unknown_code"),
        ("198501122010011009", {"NAMA": " "}, "missing_value"),
    ],
)
def test_pegawai_quarantine_reasons(region: Path, nip, fields, code):
    row = dict(zip(PEGAWAI_HEADER, PEGAWAI_ROWS[0]))
    row.update({"NIP": nip, "PIN_ABSEN": "900", **fields})
    path = region / "pegawai_baru.csv"
    path.write_text(csv_text([PEGAWAI_HEADER, PEGAWAI_ROWS[1], list(row.values())]), encoding="utf-8")
    (result,) = ingest(region, path)
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (2, 1, 1)
    assert quarantined(region, "pegawai_baru.csv") == {2: code}
    raw, reason = query(region, "select raw, reason from quarantine where file_name = 'pegawai_baru.csv'")[0]
    assert json.loads(raw)["NIP"] == nip
    assert reason and reason[0].isupper()


def test_scientific_notation_reason_reads_for_an_admin(region: Path):
    path = region / "rekap.csv"
    path.write_text("NIP;TANGGAL;KETERANGAN\n1.98501E+17;12/01/2026;S\n", encoding="utf-8")
    ingest(region, path)
    (reason,) = query(region, "select reason from quarantine where file_name = 'rekap.csv'")[0]
    assert reason.startswith("NIP rusak: tertulis dalam notasi ilmiah oleh Excel ('1.98501E+17')")


def test_attlog_variants(region: Path):
    extended = (
        "SN: AEH7201560012\r\n"
        f"  101\t2026-01-12 07:31:05\t1\t0\t1\t0\r\n"
        "101\t2026-01-12 16:05:00\t1\t1\r\n"
        "102\t2026-01-12 07:45:00\r\n"
        "555\t2026-01-12 07:00:00\t1\t0\t1\t0\r\n"
        "rusak tanpa waktu\r\n"
        f"{BUDI}\t2026-01-12 16:10:00\t1\t1\t1\t0\r\n"
        "CHECKSUM 0x3FA2\r\n"
    )
    path = region / "DINKES-01_attlog.dat"
    path.write_bytes(extended.encode())
    (result,) = ingest(region, path)
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined, result.rows_duplicate) == (6, 4, 2, 0)
    assert quarantined(region, path.name) == {5: "unknown_pin", 6: "unparseable_line"}
    rows = query(region, "select nip, pin, punched_at, device_id, raw_fields, row_number from raw_absensi_log "
                         "order by row_number")
    assert rows[0] == (BUDI, "101", dt.datetime(2026, 1, 12, 7, 31, 5), "DINKES-01", "1\t0\t1\t0", 2)
    assert rows[2][:2] == (SITI, "102") and rows[2][4] is None
    assert rows[3][0] == BUDI  # a PIN equal to a NIP is accepted


def test_punches_overlapping_between_downloads_are_duplicates(region: Path):
    first = region / "A_attlog.dat"
    first.write_text("101\t2026-01-12 07:31:05\t1\n101\t2026-01-12 16:05:00\t1\n")
    second = region / "A_attlog_2.dat"
    second.write_text("101\t2026-01-12 16:05:00\t1\n101\t2026-01-13 07:20:00\t1\n101\t2026-01-13 07:20:00\t1\n")
    ingest(region, first)
    (result,) = ingest(region, second, device="A")
    assert (result.rows_in, result.rows_loaded, result.rows_duplicate) == (3, 1, 2)
    assert query(region, "select count(*) from raw_absensi_log")[0][0] == 3


def test_in_one_load_a_machine_seen_earlier_repeats_its_punches_and_a_new_one_does_not(region: Path):
    """One ingest of three downloads: a second file of machine A repeats A's punches (duplicates);
    machine B's file with the same PIN and times is new punches (the loaded machines are kept
    up to date file by file, not read once)."""
    (region / "A_attlog.dat").write_text("101\t2026-01-12 07:31:05\t1\n")
    (region / "A_attlog_2.dat").write_text("101\t2026-01-12 07:31:05\t1\n101\t2026-01-13 07:20:00\t1\n")
    (region / "B_attlog.dat").write_text("101\t2026-01-12 07:31:05\t0\n")  # (not A's bytes: not skipped)
    results = {r.file_name: r for r in ingest(region, *(region / n for n in ("A_attlog.dat", "A_attlog_2.dat",
                                                                             "B_attlog.dat")))}
    assert (results["A_attlog_2.dat"].rows_loaded, results["A_attlog_2.dat"].rows_duplicate) == (1, 1)
    assert (results["B_attlog.dat"].rows_loaded, results["B_attlog.dat"].rows_duplicate) == (1, 0)
    assert query(region, "select device_id, count(*) from raw_absensi_log group by 1 order by 1") == [("A", 2), ("B", 1)]


def test_absensi_log_csv_layout(region: Path):
    path = region / "punch.csv"
    path.write_text(f"NIP,WAKTU,MESIN\n{SITI},12/01/2026 07:29,KEC-1\n{SITI},2026-01-12 16.01,KEC-1\n")
    (result,) = ingest(region, path)
    assert result.rows_loaded == 2
    assert query(region, "select punched_at from raw_absensi_log order by 1") == [
        (dt.datetime(2026, 1, 12, 7, 29),), (dt.datetime(2026, 1, 12, 16, 1),)]


def test_absensi_harian_windows_1252_title_block_codes_and_formats(region: Path):
    rows = [
        "REKAP ABSENSI BULAN JANUARI 2026 – Dinas Kesehatan",
        "",
        "No;Nip;Tanggal;Jam Masuk;JAM_PULANG;Keterangan;Catatan",
        f"1;{BUDI};12/01/2026;07.31;16:00; hn ;café",
        f"2;{BUDI};13-01-2026;7:45:05;;TM2;",
        f"3;{BUDI};14 Januari 2026;;;a;",
        f"4;{BUDI};15 Jan 2026;;;ALPA;",
        f"5;{BUDI};46038;;;c;",
        f"6;{BUDI};2026-01-19;07:30;15:00;PC1;",
        f"7;{BUDI};20/01/2026;;;Dl;",
        f"8;{BUDI};31/02/2026;;;S;",
        f"9;{BUDI};21/01/2026;25.10;;H;",
        f"10;{BUDI};22/01/2026;;;XX;",
        f"11;{BUDI};01/12/2026;;;S;",
        f"12;{BUDI};12/01/2026;07:31;16:00;H;",
        f"13;{BUDI};12/01/2026;07:40;16:00;H;",
        "14;199999999999999999;23/01/2026;;;S;",
    ]
    path = region / "rekap_jan.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    (result,) = ingest(region, path)
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined, result.rows_duplicate) == (14, 7, 6, 1)
    assert quarantined(region, path.name) == {
        8: "invalid_date", 9: "invalid_time", 10: "unknown_code", 11: "future_date",
        13: "conflicting_duplicate", 14: "unknown_nip"}
    got = query(region, "select work_date, time_in, time_out, status_code from raw_absensi_harian order by 1")
    assert got == [
        (dt.date(2026, 1, 12), dt.time(7, 31), dt.time(16, 0), "H"),
        (dt.date(2026, 1, 13), dt.time(7, 45, 5), None, "H"),
        (dt.date(2026, 1, 14), None, None, "TK"),
        (dt.date(2026, 1, 15), None, None, "TK"),
        (dt.date(2026, 1, 16), None, None, "CT"),
        (dt.date(2026, 1, 19), dt.time(7, 30), dt.time(15, 0), "H"),
        (dt.date(2026, 1, 20), None, None, "DL"),
    ]
    assert "Catatan" in json.loads(query(region, "select raw from quarantine limit 1")[0][0])


def test_kinerja_predikat_derived_flagged_and_rejected(region: Path):
    path = region / "kinerja.csv"
    path.write_text(csv_text([
        ["NIP", "TAHUN", "PERIODE", "RATING_HASIL_KERJA", "RATING_PERILAKU_KERJA", "PREDIKAT_KINERJA"],
        [BUDI, 2026, 1, "DI ATAS EKSPEKTASI", "di atas ekspektasi", ""],
        [BUDI, 2026, 2, "SESUAI EKSPEKTASI", "DI BAWAH EKSPEKTASI", "Baik"],
        [BUDI, 2026, "TW1", "DI BAWAH EKSPEKTASI", "SESUAI EKSPEKTASI", "BUTUH PERBAIKAN"],
        [BUDI, 2026, 3, "LUAR BIASA", "SESUAI EKSPEKTASI", ""],
        [BUDI, 2026, 12, "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI", ""],
        [BUDI, 2026, 13, "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI", ""],
    ]), encoding="utf-8")
    (_result,) = ingest(region, path)
    assert quarantined(region, path.name) == {4: "invalid_rating", 5: "future_date", 6: "unknown_code"}
    assert query(region, "select period, predikat, predikat_matrix, is_predikat_derived, is_predikat_mismatch "
                         "from raw_kinerja order by row_number") == [
        ("1", "SANGAT BAIK", "SANGAT BAIK", True, False),
        ("2", "BAIK", "KURANG/MISCONDUCT", False, True),
        ("TW1", "BUTUH PERBAIKAN", "BUTUH PERBAIKAN", False, False),
    ]


def test_aktivitas_ranges_and_corrected_file_replaces_by_day(region: Path):
    header = ["NIP", "TANGGAL", "URAIAN", "DURASI_MENIT", "VOLUME", "SATUAN", "STATUS", "JAM_MULAI", "JAM_SELESAI"]
    first = region / "aktivitas_jan.csv"
    first.write_text(csv_text([
        header,
        [BUDI, "2026-01-12", "Pelayanan pasien", 240, 12, "pasien", "disetujui", "08:00", "12:00"],
        [BUDI, "2026-01-12", "Pelayanan pasien", 240, 12, "pasien", "disetujui", "08:00", "12:00"],
        [BUDI, "2026-01-12", "Rapat", 0, 1, "kegiatan", "DISETUJUI", "", ""],
        [BUDI, "2026-01-12", "Laporan", 1441, 1, "dokumen", "DISETUJUI", "", ""],
        [BUDI, "2026-01-13", "Laporan", 120, "\"1,5\"", "dokumen", "Menunggu", "", ""],
        [SITI, "2026-01-13", "Surat", 60, 3, "surat", "SELESAI", "", ""],
    ]), encoding="utf-8")
    (result,) = ingest(region, first)
    assert (result.rows_loaded, result.rows_quarantined, result.rows_duplicate) == (2, 3, 1)
    assert quarantined(region, first.name) == {3: "out_of_range", 4: "out_of_range", 6: "unknown_code"}
    corrected = region / "aktivitas_jan_revisi.csv"
    corrected.write_text(csv_text([header, [BUDI, "2026-01-13", "Laporan", 120, "\"1,5\"", "dokumen", "DISETUJUI", "", ""]]))
    (fix,) = ingest(region, corrected)
    assert fix.rows_replaced == 1
    assert query(region, "select activity_date, status, volume from raw_aktivitas order by 1") == [
        (dt.date(2026, 1, 12), "DISETUJUI", 12.0), (dt.date(2026, 1, 13), "DISETUJUI", 1.5)]


def test_pelatihan_xlsx_decimal_comma_excel_dates(region: Path):
    path = write_xlsx(region / "pelatihan.xlsx", [
        ["NIP", "NAMA_PELATIHAN", "JENIS", "PENYELENGGARA", "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP", "NOMOR_SERTIFIKAT"],
        [BUDI, "Pelatihan Pelayanan Prima", "pelatihan teknis", "BPSDM", dt.date(2026, 3, 2), dt.date(2026, 3, 4), 24, "X-1"],
        [BUDI, "Webinar SPBE", "Seminar/Lokakarya", "Kominfo", "10/04/2026", "10/04/2026", "2,5", ""],
        [SITI, "Kursus Excel", "Kursus", "LPK", 46100, 46101, 8, None],
        [SITI, "Latsar", "Pelatihan Dasar", "BPSDM", "2026-05-01", "2026-05-20", 40, None],
        [SITI, "Coaching", "Coaching/Mentoring", "BKPSDM", "2026-06-05", "2026-06-01", 4, None],
        [SITI, "Magang", "Magang", "RSUD", "2026-06-05", "2026-06-06", 0, None],
    ], title="REKAP PENGEMBANGAN KOMPETENSI 2026")
    (_result,) = ingest(region, path)
    assert quarantined(region, path.name) == {4: "unknown_code", 5: "date_order", 6: "out_of_range"}
    assert query(region, "select training_type, end_date, jp from raw_pelatihan order by row_number") == [
        ("Pelatihan Teknis", dt.date(2026, 3, 4), 24.0),
        ("Seminar/Lokakarya", dt.date(2026, 4, 10), 2.5),
        ("Kursus", dt.date(2026, 3, 20), 8.0),
    ]


def test_berakhlak_values_and_items(region: Path):
    values = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"]
    items = [f"P{i:02d}" for i in range(1, 22)]
    header = ["PERIODE", "NIP_DINILAI", "PERAN_PENILAI", "ID_PENILAI", *values, *items]
    path = region / "berakhlak.csv"
    path.write_text(csv_text([
        header,
        ["2026-S1", BUDI, "atasan", "h1", 4, 4, 5, 4, 5, 3, 4, *[""] * 21],
        ["2026-S1", BUDI, "DIRI", "h2", "", 5, 5, 5, 5, 5, 5, 3, 4, 5, *[""] * 18],
        ["2026-S1", BUDI, "REKAN", "h3", 6, 4, 4, 4, 4, 4, 4, *[""] * 21],
        ["2026-X", BUDI, "REKAN", "h4", 4, 4, 4, 4, 4, 4, 4, *[""] * 21],
        ["2026-S1", BUDI, "TEMAN", "h5", 4, 4, 4, 4, 4, 4, 4, *[""] * 21],
        ["2026-S1", BUDI, "BAWAHAN", "h6", "", 4, 4, 4, 4, 4, 4, *[""] * 21],
    ]), encoding="utf-8")
    (_result,) = ingest(region, path)
    assert quarantined(region, path.name) == {3: "out_of_range", 4: "invalid_period", 5: "unknown_code",
                                              6: "missing_value"}
    assert query(region, "select assessor_role, berorientasi_pelayanan, akuntabel from raw_berakhlak "
                         "order by row_number") == [("ATASAN", 4.0, 4.0), ("DIRI", 4.0, 5.0)]
    # the 21 behaviour items are kept beside the values (empty items stay empty; DIRI: P01..P03 = 3, 4, 5)
    assert query(region, "select p01, p02, p03, p04, p21 from raw_berakhlak order by row_number") == [
        (None, None, None, None, None), (3.0, 4.0, 5.0, None, None)]


def test_same_file_twice_changes_nothing(region: Path):
    path = region / "rekap.csv"
    path.write_text(f"NIP;TANGGAL;KETERANGAN\n{BUDI};12/01/2026;S\n{BUDI};12/01/2026;X\n", encoding="utf-8")
    ingest(region, path)
    counts = query(region, "select (select count(*) from raw_absensi_harian), (select count(*) from quarantine)")
    (again,) = ingest(region, path)
    assert again.status == "skipped" and again.rows_loaded == 0
    assert query(region, "select (select count(*) from raw_absensi_harian), (select count(*) from quarantine)") == counts


def test_corrected_file_replaces_by_natural_key(region: Path):
    (region / "a.csv").write_text(f"NIP;TANGGAL;KETERANGAN\n{BUDI};12/01/2026;TK\n{BUDI};13/01/2026;S\n")
    (region / "b.csv").write_text(f"NIP;TANGGAL;KETERANGAN\n{BUDI};12/01/2026;S\n")
    ingest(region, region / "a.csv")
    (fix,) = ingest(region, region / "b.csv")
    assert fix.rows_replaced == 1
    assert query(region, "select work_date, status_code from raw_absensi_harian order by 1") == [
        (dt.date(2026, 1, 12), "S"), (dt.date(2026, 1, 13), "S")]


def test_folder_loads_reference_sources_first_and_skips_underscore(tmp_path: Path):
    (tmp_path / "a_rekap.csv").write_text(f"NIP;TANGGAL;KETERANGAN\n{BUDI};12/01/2026;S\n")
    (tmp_path / "z_opd.csv").write_text(OPD_CSV)
    write_xlsx(tmp_path / "m_pegawai.xlsx", [PEGAWAI_HEADER, PEGAWAI_ROWS[0]])
    (tmp_path / "_kunci").mkdir()
    (tmp_path / "_kunci" / "anomali.csv").write_text("kind,nip\nx,y\n")
    results = ingest(tmp_path, tmp_path)
    assert [r.source for r in results] == ["opd", "pegawai", "absensi_harian"]
    assert all(r.rows_quarantined == 0 for r in results)


def test_a_file_prepared_before_an_unforeseen_pegawai_list_loaded_is_judged_again(
        region: Path, monkeypatch: pytest.MonkeyPatch):
    """Files after the one being written are prepared ahead; a pegawai list the folder's sort
    did not recognise (here: nothing is recognised) changes who is known, so the rekap prepared
    meanwhile is checked again against it."""
    import pipelines.ingest as ingest_module
    monkeypatch.setattr(ingest_module, "_reference_rank", lambda path, saved=(): ingest_module.LAST_RANK)
    rekap = f"NIP;TANGGAL;KETERANGAN\n{NEW};12/01/2026;S\n"
    (region / "a_rekap.csv").write_text(rekap)
    write_xlsx(region / "b_pegawai.xlsx", [PEGAWAI_HEADER, [NEW, *PEGAWAI_ROWS[0][1:-1], "104"]])
    (region / "c_rekap.csv").write_text(rekap.replace("12/01", "13/01"))
    results = ingest(region, region / "a_rekap.csv", region / "b_pegawai.xlsx", region / "c_rekap.csv")
    assert [(r.source, r.rows_loaded, r.rows_quarantined) for r in results] == [
        ("absensi_harian", 0, 1), ("pegawai", 1, 0), ("absensi_harian", 1, 0)]
    assert results[0].top_reasons[0][0] == "unknown_nip"


NEW = "198501122010011002"  # born, appointed and male as Budi


def test_cli_rejects_unknown_layout_with_nonzero_exit(tmp_path: Path):
    bad = tmp_path / "catatan.csv"
    bad.write_text("foo,bar\n1,2\n")
    proc = subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(tmp_path / "w.duckdb"),
                           "ingest", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "catatan.csv" in proc.stderr and "tidak dikenali" in proc.stderr
    assert query(tmp_path, "select status from ingest_batches") == [("rejected",)]


def test_cli_prints_counts_and_top_reasons(region: Path):
    path = region / "rekap.csv"
    path.write_text(f"NIP;TANGGAL;KETERANGAN\n{BUDI};12/01/2026;S\n{BUDI};13/01/2026;Q\n")
    proc = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "--warehouse", str(region / "w.duckdb"),
                           str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "2 baris masuk, 1 dimuat, 1 dikarantina, 0 duplikat" in proc.stdout
    assert "unknown_code" in proc.stdout


def test_xlsx_nip_stored_as_number_is_quarantined_not_trusted(region: Path):
    path = write_xlsx(region / "rekap.xlsx", [
        ["NIP", "TANGGAL", "KETERANGAN"],
        [BUDI, "12/01/2026", "S"],
        [int(BUDI), "13/01/2026", "S"],
    ])
    (result,) = ingest(region, path)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert quarantined(region, "rekap.xlsx") == {2: "nip_scientific_notation"}


def test_xlsx_decompression_bomb_is_rejected_whole(region: Path):
    import zipfile

    bomb = region / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    (result,) = ingest(region, bomb)
    assert result.status == "rejected" and "bom dekompresi" in result.message
    assert query(region, "select count(*) from quarantine")[0][0] == 0
