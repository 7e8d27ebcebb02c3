"""The TPP inputs load like every source: reasons for bad rows, conservation, replace by key."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.ingest import ingest_files

OPD = "KODE_OPD,NAMA_OPD,SINGKATAN,RUMPUN\n1.01,Dinas Pendidikan,Disdik,Dinas\n"
PEGAWAI = ("NIP,NAMA,JENIS_KELAMIN,STATUS_KEPEGAWAIAN,JENIS_JABATAN,NAMA_JABATAN,KODE_OPD,TMT_CPNS\n"
           "198501012010011001,Budi Santoso,L,PNS,Struktural,Sekretaris Dinas,1.01,01/01/2010\n"
           "199002022015032002,Siti Aminah,P,PNS,Fungsional,Pengawas Sekolah,1.01,01/03/2015\n")


def _load(tmp_path: Path, files: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return ingest_files([folder / n for n in files], warehouse=tmp_path / "w.duckdb")


def _quarantine(tmp_path: Path, source: str) -> list[tuple]:
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        return con.execute("select row_number, reason_code, reason from quarantine where source = ? order by 1",
                           [source]).fetchall()


def test_tpp_dasar_bad_rows_are_quarantined_with_reasons(tmp_path):
    _load(tmp_path, {"opd.csv": OPD, "pegawai.csv": PEGAWAI})
    tpp = ("NIP,NAMA_JABATAN,KELAS_JABATAN,BESARAN_TPP,BERLAKU_MULAI\n"
           ",Pengawas Sekolah,9,\"4.000.000\",01/01/2026\n"          # jabatan row (id-ID number)
           "198501012010011001,,12,7500000,2026-01-01\n"             # NIP row
           ",,8,3400000,01/01/2026\n"                                # neither NIP nor jabatan
           ",Analis,8,tiga juta,01/01/2026\n"                        # not a number
           "199912312020011009,,8,3400000,01/01/2026\n"              # NIP not in pegawai
           ",Perencana,25,3400000,01/01/2026\n"                      # kelas outside 1-17
           ",Pengawas Sekolah,9,4100000,01/01/2026\n")               # same key, other amount
    (result,) = _load(tmp_path, {"tpp_dasar.csv": tpp})
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined, result.rows_duplicate) == (7, 2, 5, 0)
    got = _quarantine(tmp_path, "tpp_dasar")
    assert [(r, c) for r, c, _ in got] == [(3, "missing_value"), (4, "invalid_number"), (5, "unknown_nip"),
                                          (6, "out_of_range"), (7, "conflicting_duplicate")]
    assert "NIP dan NAMA_JABATAN kosong" in got[0][2] and "tiga juta" in got[1][2]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select basis_key, amount from raw_tpp_dasar order by 1").fetchall() == [
            ("198501012010011001", 7_500_000.0), ("JABATAN:PENGAWAS SEKOLAH", 4_000_000.0)]
    # a corrected file replaces the amount of the same jabatan and start, whatever its case
    _load(tmp_path, {"tpp_dasar_koreksi.csv": "NAMA_JABATAN,BESARAN_TPP,BERLAKU_MULAI\n"
                                              "pengawas  sekolah,4200000,01/01/2026\n"})
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select basis_key, amount from raw_tpp_dasar order by 1").fetchall() == [
            ("198501012010011001", 7_500_000.0), ("JABATAN:PENGAWAS SEKOLAH", 4_200_000.0)]


def test_hukuman_disiplin_codes_and_pp94_length(tmp_path):
    _load(tmp_path, {"opd.csv": OPD, "pegawai.csv": PEGAWAI})
    sanctions = ("NIP,JENIS_HUKUMAN,NOMOR_SK,TMT,LAMA_BULAN\n"
                 "198501012010011001,Pemotongan tunjangan kinerja 25% selama 6 bulan,800/1/2026,01/03/2026,6\n"
                 "199002022015032002,teguran lisan,800/2/2026,10/02/2026,\n"
                 "199002022015032002,Pemotongan TPP 25%,800/3/2026,01/04/2026,7\n"
                 "199002022015032002,Dipecat,800/4/2026,01/04/2026,\n"
                 "199002022015032002,Teguran tertulis,800/5/2026,31/02/2026,\n")
    (result,) = _load(tmp_path, {"hukuman_disiplin.csv": sanctions})
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (5, 2, 3)
    got = _quarantine(tmp_path, "hukuman_disiplin")
    assert [(r, c) for r, c, _ in got] == [(3, "invalid_sanction_duration"), (4, "unknown_code"), (5, "invalid_date")]
    assert "6, 9 atau 12 bulan" in got[0][2] and "7" in got[0][2]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select sanction_type, months from raw_hukuman_disiplin order by sk_number").fetchall() == [
            ("PEMOTONGAN_TUNJANGAN", 6), ("TEGURAN_LISAN", None)]
