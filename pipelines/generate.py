"""Generator wilayah demo: ekspor sumber sebuah Pemkab fiktif ("Kabupaten Sukamaju").

`generate(out_dir, pegawai=6000, bulan=24, mulai=None, seed=42)` writes the source
exports of one regional government into `out_dir`, in the layouts of
`data-contract.md` §1–2, messy the way real exports are:

    opd.csv                         40 OPD (30 dinas/badan/sekretariat + 10 kecamatan)
    pegawai.xlsx                    title block on rows 1–2, header on row 3 (NO, NIP, NAMA, ...)
    absensi_log/<MESIN>_attlog.dat  ZKTeco punches, one file per machine (padded PINs, CRLF,
                                    missing trailing fields, one "extended" machine with a
                                    serial-number first line and a checksum last line)
    absensi_harian_YYYY-MM.csv      e-absensi recap per month (`;`, BOM / Windows-1252 + CRLF + an
                                    extra CATATAN column in some months, one month with display
                                    headers "Jam Masuk", mixed date and time spellings, code
                                    synonyms A/ALPA/C/HN/TM1-3, codes in odd case or with spaces).
                                    Rows for excused and TK days; H rows with times only for the
                                    six OPDs that use the app instead of a fingerprint machine
                                    (APP_OPDS: four kecamatan, DISPUSIP, DKP)
    kinerja.csv                     monthly SKP ratings and predikat (PermenPANRB 6/2022); ~3 %
                                    predikat empty (to derive), ~0.4 % contradicting the matrix
    aktivitas_YYYY-MM.csv           daily e-Kinerja activities per month (~8 % DITOLAK: an extra
                                    entry the atasan rejects; MENUNGGU: the month's last two days)
    pelatihan.xlsx                  training records, title block, header on row 4, JP partly as
                                    text with a decimal comma ("2,5"), year-end rush
    berakhlak.csv                   360° BerAKHLAK survey per semester with >= 3 months in the
                                    period; every second period has P01..P21 and leaves HARMONIS,
                                    ADAPTIF, KOLABORATIF empty (value = mean of its three items)
    _kunci/                         ground truth, never loaded (the ingestion skips `_*`):
        anomali.csv                 kind,nip,opd_code,month of every planted outlier
        baris_rusak.csv             file,row_number,expected_reason of every planted bad row:
                                    row_number is the 1-based data row (CSV/XLSX, title block and
                                    header excluded) or the 1-based line (attlog); reasons are the
                                    ingestion's reason codes (nip_scientific_notation,
                                    nip_invalid_format, unknown_nip, unknown_pin, unknown_opd,
                                    unknown_code, invalid_rating, out_of_range) or exact_duplicate
                                    (an exact repeat of the row above: rows_duplicate)
        predikat_kontradiksi.csv    kinerja rows whose predikat contradicts the matrix (load + flag)
        cerita.csv                  the story below, with OPD codes and months

The story the charts can tell (months are relative to the period; for the default
24 months 2024-11..2026-10 they are the ones in brackets):

* **Pelatihan budaya kerja** (month index round(0.375·bulan), [2025-08]): BAPPEDA
  (5.01.01), DINKES (1.02.01) and DPMPTSP (2.18.01) attend a BerAKHLAK work-culture
  training (visible in pelatihan.xlsx). From that month their lateness roughly halves,
  approved activity minutes rise ~10 %, ratings and BerAKHLAK scores go up.
* **Rompi terlambat** (round(0.5·bulan), [2025-11]): Dinas PUPR (1.03.01), the OPD with
  the worst lateness, makes late-comers wear a "Terlambat" vest; lateness drops sharply.
* **Unit decline** (kind `unit_decline`): Dinas Perhubungan (2.15.01) over the last
  round(bulan/4) months [2026-05..2026-10] and Kecamatan Karangsari (7.01.03) over the
  last round(bulan/6) months [2026-07..2026-10]: lateness and TK up, approved minutes
  down, ratings and BerAKHLAK down, getting worse month by month.
* Individual outliers (ground truth in `_kunci/anomali.csv`): `low_productivity`
  (~0.5 % of employees, 2–4 months of ~60–130 approved minutes per day present against
  ~300–420 for their OPD × jenis jabatan peers),
  `present_not_working` (~0.5 %, 1–2 months present by fingerprint with no approved
  activity), `buddy_punching` (~1 pair per 600 employees, both punches of one within
  1–20 s of the other on the same machine day after day for 1–3 months; ordinary
  colleagues also punch within seconds of each other by chance, never consistently).
* Also: one employee absent without notice 12 working days in a row (PP 94/2021's
  10-day rule), a handful of chronic TK employees, retirements (AKTIF=N; data stops at
  the retirement date), PPPK appointed during the period (data starts at TMT_PPPK),
  non-ASN (honorer) staff on the fingerprint machines (unknown PINs), Saturday
  punches for BPBD/Satpol PP, Ramadan hours (08.00) and cuti bersama.

Everything is vectorised with numpy and written month by month, in chunks, with polars
(XLSX through a small streaming writer), so the default region (~4.7 M punches, ~5.1 M
activities) takes ~10 s of CPU and `pegawai=60000` stays in bounded memory. The same
seed gives byte-identical files; the default period is the only input taken from the
clock (`datetime.date.today()`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from warehouse import rules as _rules
from warehouse.calendar import COLUMNS as CALENDAR_COLUMNS, calendar_rows, idul_fitri
from warehouse.config import load_config

# --------------------------------------------------------------------------------------
# Constants: codes, region, OPD catalogue
# --------------------------------------------------------------------------------------

KABUPATEN = "Sukamaju"
_CHUNK = 400_000  # rows formatted at once (bounds memory at pegawai=60000)
PEMKAB = f"Pemerintah Kabupaten {KABUPATEN}"

# Attendance status codes used inside the simulation (index into STATUS_CODES).
H, I_, S_, CT, CB, CM, CAP, DL, TB, TK = range(10)
STATUS_CODES = ["H", "I", "S", "CT", "CB", "CM", "CAP", "DL", "TB", "TK"]
NONE = -1

KECAMATAN = ["Sukamaju", "Cibeureum", "Karangsari", "Sindangjaya", "Margamulya",
             "Tanjungsari", "Pasirwangi", "Cikalong", "Sukaresmi", "Banjarsari"]
ARAH = ["Kaler", "Kidul", "Wetan", "Kulon"]

# (KODE_OPD, NAMA_OPD, SINGKATAN, RUMPUN, kind, weight at 6000 employees, office units)
_OPD: list[tuple[str, str, str, str, str, int, list[str]]] = [
    ("4.01.01", "Sekretariat Daerah", "SETDA", "Sekretariat", "setda", 280,
     ["Bagian Tata Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum",
      "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Kesejahteraan Rakyat",
      "Bagian Pengadaan Barang dan Jasa", "Bagian Protokol dan Komunikasi Pimpinan",
      "Bagian Perencanaan dan Keuangan"]),
    ("4.02.01", "Sekretariat DPRD", "SETWAN", "Sekretariat", "setwan", 124,
     ["Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan",
      "Bagian Fasilitasi Penganggaran dan Pengawasan"]),
    ("6.01.01", "Inspektorat Daerah", "INSPEKTORAT", "Inspektorat", "inspektorat", 110,
     ["Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
      "Inspektur Pembantu Wilayah III", "Inspektur Pembantu Wilayah IV"]),
    ("5.01.01", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "BAPPEDA", "Badan",
     "badan", 102, ["Sekretariat", "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                   "Bidang Perekonomian dan Sumber Daya Alam", "Bidang Infrastruktur dan Kewilayahan",
                   "Bidang Penelitian dan Pengembangan"]),
    ("5.03.01", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Badan", "badan", 88,
     ["Sekretariat", "Bidang Pengadaan, Pemberhentian dan Informasi", "Bidang Mutasi dan Promosi",
      "Bidang Pengembangan Kompetensi Aparatur", "Bidang Penilaian Kinerja dan Penghargaan"]),
    ("5.02.01", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Badan", "badan", 161,
     ["Sekretariat", "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi",
      "Bidang Pengelolaan Barang Milik Daerah"]),
    ("5.02.02", "Badan Pendapatan Daerah", "BAPENDA", "Badan", "badan", 131,
     ["Sekretariat", "Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Keberatan",
      "Bidang Pajak Bumi dan Bangunan", "UPTD Pendapatan Wilayah I", "UPTD Pendapatan Wilayah II"]),
    ("1.05.02", "Badan Penanggulangan Bencana Daerah", "BPBD", "Badan", "badan", 80,
     ["Sekretariat", "Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
      "Bidang Rehabilitasi dan Rekonstruksi", "Pusdalops PB"]),
    ("8.01.01", "Badan Kesatuan Bangsa dan Politik", "KESBANGPOL", "Badan", "badan", 44,
     ["Sekretariat", "Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri",
      "Bidang Kewaspadaan Nasional"]),
    ("1.01.01", "Dinas Pendidikan dan Kebudayaan", "DISDIKBUD", "Dinas", "pendidikan", 600,
     ["Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
      "Bidang PAUD dan Pendidikan Nonformal", "Bidang Kebudayaan"]),
    ("1.02.01", "Dinas Kesehatan", "DINKES", "Dinas", "kesehatan", 540,
     ["Sekretariat", "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
      "Bidang Pelayanan dan Sumber Daya Kesehatan"]),
    ("1.02.02", "Rumah Sakit Umum Daerah", "RSUD", "RSUD", "rsud", 450,
     ["Bagian Tata Usaha", "Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang"]),
    ("1.03.01", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Dinas", "dinas", 307,
     ["Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya",
      "Bidang Penataan Ruang", "UPTD Peralatan dan Perbekalan"]),
    ("1.04.01", "Dinas Perumahan dan Kawasan Permukiman", "DISPERKIM", "Dinas", "dinas", 95,
     ["Sekretariat", "Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"]),
    ("1.05.01", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "SATPOLPP", "Satpol PP", "satpol", 240,
     ["Sekretariat", "Bidang Penegakan Perundang-undangan Daerah", "Bidang Ketertiban Umum",
      "Bidang Pemadam Kebakaran", "Pos Damkar Wilayah Timur"]),
    ("1.06.01", "Dinas Sosial", "DINSOS", "Dinas", "dinas", 117,
     ["Sekretariat", "Bidang Perlindungan dan Jaminan Sosial", "Bidang Rehabilitasi Sosial",
      "Bidang Pemberdayaan Sosial"]),
    ("2.07.01", "Dinas Tenaga Kerja", "DISNAKER", "Dinas", "dinas", 66,
     ["Sekretariat", "Bidang Pelatihan dan Penempatan Tenaga Kerja", "Bidang Hubungan Industrial"]),
    ("2.08.01", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
     "DP3AP2KB", "Dinas", "dinas", 139,
     ["Sekretariat", "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
      "Bidang Pengendalian Penduduk dan Keluarga Berencana", "UPTD PPA"]),
    ("2.09.01", "Dinas Ketahanan Pangan", "DKP", "Dinas", "dinas", 58,
     ["Sekretariat", "Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"]),
    ("2.11.01", "Dinas Lingkungan Hidup", "DLH", "Dinas", "dinas", 219,
     ["Sekretariat", "Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran",
      "UPTD Tempat Pemrosesan Akhir"]),
    ("2.12.01", "Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", "Dinas", "dinas", 102,
     ["Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
      "Bidang Pengelolaan Informasi Administrasi Kependudukan"]),
    ("2.13.01", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "Dinas", "dinas", 73,
     ["Sekretariat", "Bidang Pemerintahan Desa", "Bidang Pemberdayaan Masyarakat Desa"]),
    ("2.15.01", "Dinas Perhubungan", "DISHUB", "Dinas", "dinas", 175,
     ["Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana",
      "UPTD Pengujian Kendaraan Bermotor", "UPTD Terminal"]),
    ("2.16.01", "Dinas Komunikasi dan Informatika", "DISKOMINFO", "Dinas", "dinas", 80,
     ["Sekretariat", "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
      "Bidang Persandian dan Statistik"]),
    ("2.17.01", "Dinas Koperasi, Usaha Kecil, Menengah dan Perdagangan", "DISKOPDAG", "Dinas", "dinas", 102,
     ["Sekretariat", "Bidang Koperasi dan Usaha Mikro", "Bidang Perdagangan", "UPTD Pasar"]),
    ("2.18.01", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Dinas", "dinas", 73,
     ["Sekretariat", "Bidang Penanaman Modal", "Bidang Pelayanan Perizinan", "Bidang Pengaduan dan Pengawasan"]),
    ("2.19.01", "Dinas Kepemudaan, Olahraga dan Pariwisata", "DISPORAPAR", "Dinas", "dinas", 80,
     ["Sekretariat", "Bidang Kepemudaan dan Olahraga", "Bidang Destinasi Pariwisata",
      "Bidang Pemasaran Pariwisata dan Ekonomi Kreatif"]),
    ("2.23.01", "Dinas Perpustakaan dan Kearsipan", "DISPUSIP", "Dinas", "dinas", 51,
     ["Sekretariat", "Bidang Perpustakaan", "Bidang Kearsipan"]),
    ("3.27.01", "Dinas Pertanian", "DISTAN", "Dinas", "dinas", 263,
     ["Sekretariat", "Bidang Tanaman Pangan dan Hortikultura", "Bidang Peternakan dan Kesehatan Hewan",
      "Bidang Penyuluhan", "UPTD Balai Penyuluhan Pertanian Wilayah I", "UPTD Balai Penyuluhan Pertanian Wilayah II"]),
    ("3.25.01", "Dinas Perikanan", "DISKAN", "Dinas", "dinas", 66,
     ["Sekretariat", "Bidang Perikanan Budidaya", "Bidang Perikanan Tangkap", "UPTD Balai Benih Ikan"]),
]
# Kecamatan: code 7.01.NN, weight varies by kecamatan.
_KEC_WEIGHTS = [150, 120, 110, 100, 95, 90, 85, 80, 70, 20]
for _i, (_k, _w) in enumerate(zip(KECAMATAN, _KEC_WEIGHTS, strict=True)):
    _OPD.append((f"7.01.{_i + 1:02d}", f"Kecamatan {_k}", f"KEC-{_k.upper()}", "Kecamatan", "kecamatan", _w,
                 ["Sekretariat Kecamatan", "Seksi Pemerintahan", "Seksi Ketentraman dan Ketertiban Umum",
                  "Seksi Pelayanan Umum", "Seksi Kesejahteraan Sosial"]))

# Story: OPD codes.
TRAINING_OPDS = ["5.01.01", "1.02.01", "2.18.01"]     # BAPPEDA, DINKES, DPMPTSP
ROMPI_OPD = "1.03.01"                                 # DPUPR
DECLINE_OPDS = [("2.15.01", 4), ("7.01.03", 6)]       # (code, divisor: decline = last round(bulan/divisor) months)
APP_OPDS = ["7.01.02", "7.01.05", "7.01.08", "7.01.10", "2.23.01", "2.09.01"]  # e-absensi app, no fingerprint
SATURDAY_OPDS = ["1.05.02", "1.05.01"]                # BPBD, Satpol PP

# Share of (Struktural, Fungsional, Pelaksana) and of PPPK per OPD kind.
_MIX = {
    "pendidikan": (0.012, 0.93, 0.058, 0.40), "kesehatan": (0.02, 0.86, 0.12, 0.36),
    "rsud": (0.025, 0.82, 0.155, 0.34), "kecamatan": (0.11, 0.06, 0.83, 0.12),
    "setda": (0.14, 0.30, 0.56, 0.09), "setwan": (0.11, 0.20, 0.69, 0.12),
    "inspektorat": (0.09, 0.65, 0.26, 0.06), "satpol": (0.06, 0.55, 0.39, 0.18),
    "badan": (0.10, 0.52, 0.38, 0.12), "dinas": (0.09, 0.52, 0.39, 0.15),
}

PNS_GOLONGAN = [f"{r}/{s}" for r, ss in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                for s in ss]  # 17 steps, index 0 = I/a
_GOL_START = {"SD": 0, "SMP": 2, "SMA": 4, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
_GOL_CAP = {"SD": 7, "SMP": 9, "SMA": 11, "D1": 11, "D2": 11, "D3": 12, "D4": 14, "S1": 14, "S2": 15, "S3": 16}
_PPPK_GOL = {"SD": "I", "SMP": "IV", "SMA": "V", "D1": "V", "D2": "VI", "D3": "VII", "D4": "IX", "S1": "IX",
             "S2": "X", "S3": "XI"}

FUNGSIONAL = {
    "pendidikan": ["Guru"],
    "kesehatan": ["Perawat", "Perawat", "Bidan", "Bidan", "Dokter", "Dokter Gigi", "Apoteker",
                  "Pranata Laboratorium Kesehatan", "Nutrisionis", "Sanitarian", "Penyuluh Kesehatan Masyarakat",
                  "Epidemiolog Kesehatan", "Perekam Medis"],
    "rsud": ["Perawat", "Perawat", "Perawat", "Bidan", "Dokter", "Dokter Spesialis", "Apoteker", "Radiografer",
             "Pranata Laboratorium Kesehatan", "Fisioterapis", "Perekam Medis", "Nutrisionis"],
    "inspektorat": ["Auditor", "Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"],
    "satpol": ["Polisi Pamong Praja", "Polisi Pamong Praja", "Analis Kebakaran"],
    "setda": ["Analis Kebijakan", "Perencana", "Pengelola Pengadaan Barang/Jasa", "Analis Hukum", "Pranata Humas"],
    "setwan": ["Analis Kebijakan", "Arsiparis", "Pranata Humas"],
    "kecamatan": ["Analis Kebijakan", "Penyuluh Keluarga Berencana"],
    "badan": ["Analis Kebijakan", "Perencana", "Analis Sumber Daya Manusia Aparatur",
              "Analis Keuangan Pusat dan Daerah",
              "Pranata Komputer", "Arsiparis", "Penata Kelola Penanggulangan Bencana"],
    "dinas": ["Analis Kebijakan", "Perencana", "Pranata Komputer", "Arsiparis", "Penyuluh Pertanian",
              "Teknik Jalan dan Jembatan", "Pengendali Dampak Lingkungan", "Penguji Kendaraan Bermotor",
              "Pekerja Sosial", "Pustakawan", "Administrator Database Kependudukan", "Pengawas Perikanan",
              "Penyuluh Perikanan", "Mediator Hubungan Industrial", "Pengawas Koperasi"],
}
# Jabatan fungsional typical of one OPD (falls back to FUNGSIONAL[kind]).
_FUNG_OPD = {
    "BAPPEDA": ["Perencana", "Perencana", "Peneliti", "Analis Kebijakan"],
    "BKPSDM": ["Analis Sumber Daya Manusia Aparatur", "Asesor Sumber Daya Manusia Aparatur", "Widyaiswara"],
    "BPKAD": ["Analis Keuangan Pusat dan Daerah", "Analis Pengelolaan Keuangan APBN", "Penilai Pemerintah"],
    "BAPENDA": ["Analis Keuangan Pusat dan Daerah", "Pranata Komputer"],
    "BPBD": ["Penata Kelola Penanggulangan Bencana", "Analis Bencana"],
    "KESBANGPOL": ["Analis Kebijakan"],
    "DPUPR": ["Teknik Jalan dan Jembatan", "Teknik Pengairan", "Penata Ruang", "Teknik Tata Bangunan dan Perumahan"],
    "DISPERKIM": ["Teknik Tata Bangunan dan Perumahan", "Penata Ruang"],
    "DINSOS": ["Pekerja Sosial", "Penyuluh Sosial"],
    "DISNAKER": ["Mediator Hubungan Industrial", "Pengantar Kerja", "Instruktur"],
    "DP3AP2KB": ["Penyuluh Keluarga Berencana", "Penyuluh Keluarga Berencana", "Pekerja Sosial"],
    "DKP": ["Analis Ketahanan Pangan", "Pengawas Mutu Hasil Pertanian"],
    "DLH": ["Pengendali Dampak Lingkungan", "Pengawas Lingkungan Hidup"],
    "DISDUKCAPIL": ["Administrator Database Kependudukan", "Pranata Komputer"],
    "DPMD": ["Penggerak Swadaya Masyarakat", "Analis Kebijakan"],
    "DISHUB": ["Penguji Kendaraan Bermotor", "Penguji Kendaraan Bermotor", "Analis Transportasi"],
    "DISKOMINFO": ["Pranata Komputer", "Pranata Humas", "Statistisi", "Sandiman"],
    "DISKOPDAG": ["Pengawas Koperasi", "Penera", "Pengawas Perdagangan"],
    "DPMPTSP": ["Analis Kebijakan", "Penata Perizinan"],
    "DISPORAPAR": ["Adyatama Kepariwisataan dan Ekonomi Kreatif", "Analis Kebijakan"],
    "DISPUSIP": ["Pustakawan", "Arsiparis"],
    "DISTAN": ["Penyuluh Pertanian", "Penyuluh Pertanian", "Pengawas Benih Tanaman", "Medik Veteriner",
               "Paramedik Veteriner"],
    "DISKAN": ["Penyuluh Perikanan", "Pengawas Perikanan"],
}
PELAKSANA = ["Pengadministrasi Perkantoran", "Pengadministrasi Perkantoran", "Penata Layanan Operasional",
             "Pengelola Layanan Operasional", "Operator Layanan Operasional", "Pengelola Keuangan",
             "Bendahara", "Pengelola Kepegawaian", "Pengelola Barang Milik Negara", "Pengolah Data dan Informasi",
             "Penata Kelola Sistem dan Teknologi Informasi", "Pengemudi", "Pengelola Umum Operasional"]

# e-Kinerja activity pools: (URAIAN, SATUAN, volume low, volume high, duration weight)
_AKT = {
    "umum": [
        ("Mengagendakan surat masuk dan surat keluar", "Surat", 5, 30, 1.0),
        ("Menyusun laporan kegiatan bulanan", "Laporan", 1, 1, 1.3),
        ("Menginput data kepegawaian ke aplikasi SIASN", "Berkas", 5, 40, 1.0),
        ("Memverifikasi dokumen pertanggungjawaban keuangan", "Dokumen", 3, 20, 1.2),
        ("Mengarsipkan dokumen dinas", "Berkas", 10, 50, 0.8),
        ("Menyiapkan bahan rapat koordinasi", "Kegiatan", 1, 2, 1.0),
        ("Mengikuti rapat koordinasi internal", "Kegiatan", 1, 1, 0.9),
        ("Menyusun notulen, daftar hadir, dan dokumentasi rapat", "Dokumen", 1, 2, 0.8),
        ("Melayani tamu dan konsultasi masyarakat", "Orang", 2, 15, 1.0),
        ("Mengelola persediaan barang habis pakai", "Laporan", 1, 1, 0.8),
        ("Memperbarui data aset pada aplikasi SIMDA BMD", "Data", 5, 30, 1.0),
        ("Membuat surat undangan dan nota dinas", "Surat", 1, 8, 0.7),
        ("Merekap daftar hadir pegawai", "Laporan", 1, 1, 0.6),
        ("Menyiapkan SPJ kegiatan", "Dokumen", 1, 5, 1.2),
        ("Mengolah data untuk bahan laporan kinerja", "Data", 3, 20, 1.1),
        ("Melaksanakan apel pagi", "Kegiatan", 1, 1, 0.2),
        ("Menginput realisasi anggaran pada SIPD", "Dokumen", 2, 10, 1.1),
        ("Menyusun draf Rencana Kerja perangkat daerah", "Dokumen", 1, 1, 1.5),
    ],
    "guru": [
        ("Melaksanakan kegiatan pembelajaran di kelas", "JP", 2, 8, 2.0),
        ("Menyusun modul ajar Kurikulum Merdeka", "Dokumen", 1, 2, 1.2),
        ("Mengoreksi hasil asesmen formatif siswa", "Lembar", 20, 40, 1.0),
        ("Menyusun soal penilaian sumatif", "Paket", 1, 2, 1.0),
        ("Melaksanakan bimbingan belajar dan konseling siswa", "Siswa", 2, 10, 0.8),
        ("Mengisi rapor digital siswa", "Siswa", 10, 32, 0.9),
        ("Mengikuti kegiatan KKG/MGMP", "Kegiatan", 1, 1, 1.0),
        ("Melaksanakan piket sekolah", "Kegiatan", 1, 1, 0.5),
        ("Melaksanakan Projek Penguatan Profil Pelajar Pancasila", "Kegiatan", 1, 1, 1.3),
        ("Mempelajari materi pada Platform Merdeka Mengajar", "Modul", 1, 2, 0.7),
    ],
    "nakes": [
        ("Melakukan pelayanan pasien rawat jalan", "Pasien", 5, 30, 1.8),
        ("Melakukan pengkajian dan asuhan keperawatan", "Pasien", 3, 12, 1.5),
        ("Memberikan imunisasi dasar di posyandu", "Anak", 5, 40, 1.0),
        ("Melaksanakan pemeriksaan ibu hamil (ANC)", "Orang", 3, 15, 1.0),
        ("Mencatat rekam medis elektronik pasien", "Berkas", 10, 40, 0.9),
        ("Melaksanakan penyuluhan kesehatan masyarakat", "Kegiatan", 1, 1, 1.0),
        ("Melakukan kunjungan rumah pasien TB", "Rumah", 1, 6, 1.1),
        ("Menyiapkan dan menyerahkan obat kepada pasien", "Resep", 10, 60, 1.0),
        ("Melakukan pemeriksaan laboratorium", "Sampel", 5, 30, 1.0),
        ("Melaksanakan jaga pelayanan gawat darurat", "Shift", 1, 1, 2.0),
    ],
    "pimpinan": [
        ("Memimpin rapat koordinasi bidang", "Kegiatan", 1, 1, 1.2),
        ("Memeriksa dan memaraf konsep surat dinas", "Surat", 3, 15, 0.8),
        ("Melakukan pembinaan dan pengawasan pegawai", "Kegiatan", 1, 1, 1.0),
        ("Memvalidasi aktivitas harian dan SKP bawahan", "Pegawai", 3, 15, 0.9),
        ("Mengikuti rapat pimpinan daerah", "Kegiatan", 1, 1, 1.3),
        ("Menyusun telaahan staf untuk pimpinan", "Dokumen", 1, 2, 1.1),
        ("Melakukan monitoring dan evaluasi program", "Laporan", 1, 1, 1.2),
        ("Menandatangani dokumen pertanggungjawaban", "Dokumen", 5, 20, 0.6),
    ],
    "teknis": [
        ("Menyusun kajian teknis dan analisis kebijakan", "Dokumen", 1, 1, 1.6),
        ("Mengumpulkan dan mengolah data teknis bidang", "Data", 5, 30, 1.2),
        ("Melaksanakan monitoring dan evaluasi kegiatan lapangan", "Lokasi", 1, 3, 1.4),
        ("Memberikan asistensi teknis kepada perangkat daerah", "Kegiatan", 1, 2, 1.1),
        ("Menyusun laporan hasil pelaksanaan tugas jabatan fungsional", "Laporan", 1, 1, 1.2),
        ("Memeriksa kelengkapan berkas permohonan layanan", "Berkas", 3, 15, 1.0),
        ("Mengelola aplikasi dan basis data layanan", "Aplikasi", 1, 2, 1.2),
    ],
    "layanan": [
        ("Melayani permohonan surat pengantar KTP dan KK", "Berkas", 3, 20, 1.0),
        ("Memverifikasi berkas rekomendasi izin usaha mikro", "Berkas", 1, 8, 1.0),
        ("Melaksanakan monitoring penggunaan dana desa", "Desa", 1, 3, 1.4),
        ("Mengikuti musyawarah perencanaan pembangunan desa", "Kegiatan", 1, 1, 1.2),
        ("Memfasilitasi penyelesaian sengketa warga", "Kasus", 1, 2, 1.1),
        ("Mendata penerima bantuan sosial", "KK", 10, 40, 1.0),
        ("Melayani legalisasi dokumen kependudukan", "Dokumen", 5, 25, 0.8),
    ],
}
_AKT_OPD = {
    "DPUPR": [("Melaksanakan pengawasan pekerjaan pemeliharaan jalan", "Lokasi", 1, 3, 1.5),
              ("Melakukan survei dan pengukuran lokasi", "Lokasi", 1, 4, 1.4),
              ("Menyusun rencana anggaran biaya pekerjaan irigasi", "Dokumen", 1, 1, 1.3),
              ("Memeriksa dokumen persetujuan bangunan gedung", "Berkas", 2, 8, 1.0)],
    "SATPOLPP": [("Melaksanakan patroli ketertiban umum", "Kegiatan", 1, 2, 1.5),
                 ("Melaksanakan penertiban pedagang kaki lima", "Lokasi", 1, 3, 1.3),
                 ("Melaksanakan piket siaga pemadam kebakaran", "Shift", 1, 1, 1.6)],
    "DISHUB": [("Melaksanakan pengujian kendaraan bermotor", "Kendaraan", 5, 30, 1.3),
               ("Mengatur lalu lintas pada jam sibuk", "Kegiatan", 1, 1, 1.0),
               ("Memeriksa kelaikan angkutan umum di terminal", "Kendaraan", 3, 15, 1.1)],
    "DISTAN": [("Melakukan pendampingan kelompok tani", "Kelompok", 1, 3, 1.4),
               ("Melaksanakan penyuluhan pertanian", "Kegiatan", 1, 1, 1.2),
               ("Melakukan vaksinasi hewan ternak", "Ekor", 10, 60, 1.1)],
    "DISKAN": [("Melakukan pendampingan pembudidaya ikan", "Kelompok", 1, 3, 1.3),
               ("Mendata hasil tangkapan nelayan", "Data", 5, 30, 1.0)],
    "DLH": [("Melakukan pemantauan kualitas air sungai", "Titik", 2, 6, 1.2),
            ("Memverifikasi dokumen lingkungan (UKL-UPL)", "Dokumen", 1, 3, 1.3),
            ("Mengawasi operasional tempat pemrosesan akhir sampah", "Kegiatan", 1, 1, 1.1)],
    "INSPEKTORAT": [("Melaksanakan audit kinerja perangkat daerah", "Kertas Kerja", 1, 3, 1.8),
                    ("Melakukan reviu laporan keuangan", "Dokumen", 1, 2, 1.5),
                    ("Menelaah pengaduan masyarakat", "Kasus", 1, 2, 1.2)],
    "DISDUKCAPIL": [("Memproses penerbitan KTP elektronik", "Keping", 10, 60, 1.2),
                    ("Memverifikasi berkas akta kelahiran", "Berkas", 5, 30, 1.1)],
    "DPMPTSP": [("Memeriksa kelengkapan berkas permohonan izin", "Berkas", 3, 15, 1.0),
                ("Memverifikasi perizinan berusaha pada OSS RBA", "Berkas", 3, 15, 1.1)],
    "BAPPEDA": [("Menyusun kajian perencanaan pembangunan daerah", "Dokumen", 1, 1, 1.6),
                ("Memverifikasi Renja perangkat daerah", "Dokumen", 1, 3, 1.3)],
    "BKPSDM": [("Memverifikasi usulan kenaikan pangkat", "Berkas", 5, 25, 1.2),
               ("Mengolah data SKP dan penilaian kinerja pegawai", "Data", 10, 50, 1.2)],
}
AKT_CATS = ["umum", "guru", "nakes", "pimpinan", "teknis", "layanan"]
for _abbr, _items in _AKT_OPD.items():
    _AKT[f"teknis:{_abbr}"] = _items
    AKT_CATS.append(f"teknis:{_abbr}")

_PELATIHAN = {
    # JENIS: (share, JP low, JP high, days low, days high, names, penyelenggara)
    "E-Learning": (0.33, 2, 10, 1, 5,
                   ["E-Learning ASN Unggul: Literasi Digital", "MOOC Pengelolaan Kinerja ASN",
                    "E-Learning Antikorupsi ACLC KPK", "E-Learning Smart ASN", "MOOC Core Values BerAKHLAK",
                    "E-Learning Pelayanan Publik Prima"],
                   ["ASN Unggul LAN RI", "Komisi Pemberantasan Korupsi", "BPSDM Provinsi"]),
    "Pelatihan Teknis": (0.22, 16, 40, 2, 5,
                         ["Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "Bimtek Penyusunan SKP dan e-Kinerja",
                          "Pelatihan Pengelolaan Keuangan Daerah pada SIPD", "Bimtek Pengelolaan Arsip Dinamis",
                          "Pelatihan Pelayanan Prima", "Bimtek Penyusunan Laporan Kinerja Instansi Pemerintah"],
                         ["BKPSDM Kabupaten Sukamaju", "BPSDM Provinsi", "LKPP", "Kementerian Dalam Negeri"]),
    "Seminar/Lokakarya": (0.14, 2, 8, 1, 1,
                          ["Seminar Transformasi Digital Pemerintahan", "Lokakarya Penguatan Reformasi Birokrasi",
                           "Webinar Manajemen Talenta ASN"],
                          ["BKPSDM Kabupaten Sukamaju", "Kementerian PANRB", "BKN Kantor Regional"]),
    "Pelatihan Fungsional": (0.08, 24, 60, 3, 10,
                             ["Pelatihan Penjenjangan Jabatan Fungsional", "Pelatihan Fungsional Pembentukan",
                              "Uji Kompetensi dan Pelatihan Fungsional"],
                             ["Instansi Pembina Jabatan Fungsional", "BPSDM Provinsi"]),
    "Kursus": (0.05, 10, 30, 2, 10,
               ["Kursus Microsoft Excel Tingkat Lanjut", "Kursus Bahasa Inggris", "Kursus Public Speaking"],
               ["Lembaga Kursus Mitra", "BKPSDM Kabupaten Sukamaju"]),
    "Coaching/Mentoring": (0.08, 2, 8, 1, 1,
                           ["Coaching Kinerja oleh Atasan Langsung", "Mentoring Penyusunan Rencana Aksi"],
                           ["Atasan Langsung", "BKPSDM Kabupaten Sukamaju"]),
    "Magang": (0.02, 40, 80, 5, 14,
               ["Magang di Kementerian Dalam Negeri", "Magang di Pemerintah Provinsi"],
               ["Kementerian Dalam Negeri", "Pemerintah Provinsi"]),
    "Pelatihan Struktural": (0.03, 40, 120, 10, 40,
                             ["Pelatihan Kepemimpinan Pengawas (PKP)", "Pelatihan Kepemimpinan Administrator (PKA)",
                              "Pelatihan Kepemimpinan Nasional Tingkat II"],
                             ["BPSDM Provinsi", "LAN RI"]),
    "Lainnya": (0.05, 2, 16, 1, 2,
                ["Sosialisasi Peraturan Disiplin PNS (PP 94/2021)", "Bimbingan Mental dan Rohani ASN"],
                ["BKPSDM Kabupaten Sukamaju", "Bagian Kesejahteraan Rakyat Setda"]),
}
CULTURE_TRAINING = "Pelatihan Budaya Kerja dan Core Values BerAKHLAK"

BERAKHLAK_VALUES = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"]
_VALUE_OFFSET = np.array([0.05, 0.0, -0.15, 0.10, 0.20, -0.10, 0.0])
_ITEM_VALUES_EMPTY = (3, 5, 6)  # in item periods: HARMONIS, ADAPTIF, KOLABORATIF only as P items

RATING = list(_rules.RATINGS)
# PermenPANRB 6/2022 matrix: [hasil][perilaku] with 0 = di atas, 1 = sesuai, 2 = di bawah.
# The regulation's matrix from its one home, as [hasil index][perilaku index] over RATINGS.
PREDIKAT_MATRIX = [[_rules.PREDIKAT_MATRIX[(h, p)] for p in _rules.RATINGS] for h in _rules.RATINGS]
PREDIKAT = list(_rules.PREDIKAT)

HEADERS = {
    "opd": ["KODE_OPD", "NAMA_OPD", "SINGKATAN", "RUMPUN"],
    "pegawai": ["NO", "NIP", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "STATUS_KEPEGAWAIAN", "GOLONGAN",
                "JENIS_JABATAN", "NAMA_JABATAN", "ESELON", "PENDIDIKAN", "KODE_OPD", "UNIT_KERJA", "TMT_CPNS",
                "TMT_PPPK", "PIN_ABSEN", "AKTIF"],
    "absensi_harian": ["NIP", "TANGGAL", "JAM_MASUK", "JAM_PULANG", "KETERANGAN"],
    "kinerja": ["NIP", "TAHUN", "PERIODE", "RATING_HASIL_KERJA", "RATING_PERILAKU_KERJA", "PREDIKAT_KINERJA"],
    "aktivitas": ["NIP", "TANGGAL", "URAIAN", "DURASI_MENIT", "VOLUME", "SATUAN", "STATUS", "JAM_MULAI",
                  "JAM_SELESAI"],
    "pelatihan": ["NIP", "NAMA_PELATIHAN", "JENIS", "PENYELENGGARA", "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP",
                  "NOMOR_SERTIFIKAT"],
    "berakhlak": ["PERIODE", "NIP_DINILAI", "PERAN_PENILAI", "ID_PENILAI", *BERAKHLAK_VALUES,
                  *[f"P{i:02d}" for i in range(1, 22)]],
}


# --------------------------------------------------------------------------------------
# Calendar: working days, Ramadan, hours (Perpres 21/2023)
# --------------------------------------------------------------------------------------

@functools.cache
def _calendar(first_year: int, last_year: int) -> dict[dt.date, dict]:
    """The warehouse's own calendar (default configuration) by date, so generated punches
    follow the workdays, Ramadan and hours that the marts expect."""
    rows = calendar_rows(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), load_config())
    return {row[0]: dict(zip(CALENDAR_COLUMNS, row)) for row in rows}


def _days(start: dt.date, end: dt.date) -> list[dict]:
    cal = _calendar(start.year, end.year)
    return [cal[start + dt.timedelta(days=i)] for i in range((end - start).days + 1)]


def national_holidays(years: list[int] | range) -> dict[dt.date, str]:
    """National holidays and cuti bersama (and regional holidays, if configured)."""
    years = list(years)
    return {r["date"]: r["holiday_name"] for r in _days(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31))
            if r["is_holiday"]}


def ramadan(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of Ramadan in `year`."""
    days = [r["date"] for r in _days(dt.date(year, 1, 1), dt.date(year, 12, 31)) if r["is_ramadan"]]
    return min(days), max(days)


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Workdays in [start, end]: Mon–Fri minus national holidays and cuti bersama."""
    return [r["date"] for r in _days(start, end) if r["is_workday"]]


def _month_add(first: dt.date, n: int) -> dt.date:
    k = first.year * 12 + first.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def default_start(bulan: int, today: dt.date | None = None) -> dt.date:
    """First month of the period that ends with the last complete month before today."""
    today = today or dt.date.today()
    return _month_add(dt.date(today.year, today.month, 1), -bulan)


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------

def _key(k: object) -> int:
    return zlib.crc32(str(k).encode()) if not isinstance(k, int) else k & 0xFFFFFFFF


class _Rngs:
    def __init__(self, seed: int):
        self.seed = seed % (2**32)

    def __call__(self, *keys: object) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence([self.seed, *[_key(k) for k in keys]]))


def _splitmix(x: np.ndarray) -> np.ndarray:
    z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _d2str(days: np.ndarray, style: str = "iso") -> pl.Series:
    """Epoch-day ints -> date strings (vectorised)."""
    s = pl.Series(days.astype("datetime64[D]")).cast(pl.Date)
    fmt = {"iso": "%Y-%m-%d", "dmy": "%d/%m/%Y", "dmy-": "%d-%m-%Y"}[style]
    return s.dt.strftime(fmt)


_TIME_TABLES: dict[str, pl.Series] = {}


def _time_table(kind: str) -> pl.Series:
    """Lookup tables: minute-of-day -> 'HH:MM' / 'HH.MM'; second-of-day -> 'HH:MM:SS' / 'H:MM:SS'."""
    if kind not in _TIME_TABLES:
        if kind in ("hm", "hm."):
            sep = ":" if kind == "hm" else "."
            vals = [f"{m // 60:02d}{sep}{m % 60:02d}" for m in range(1440)]
        elif kind == "hms":
            vals = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        else:  # "h:mm:ss" without leading zero
            vals = [f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        _TIME_TABLES[kind] = pl.Series(vals, dtype=pl.String)
    return _TIME_TABLES[kind]


def _sci(nip: str) -> str:
    return f"{int(nip):.5E}"  # what Excel shows for an 18-digit number: 1.98503E+17


def _weighted_round(total: int, weights: np.ndarray, minimum: int) -> np.ndarray:
    raw = weights / weights.sum() * total
    out = np.maximum(np.floor(raw).astype(int), minimum)
    while out.sum() < total:
        out[np.argmax(raw - out)] += 1
    while out.sum() > total:
        cand = np.where(out > minimum)[0]
        out[cand[np.argmax(out[cand] - raw[cand])]] -= 1
    return out


# --------------------------------------------------------------------------------------
# A small streaming XLSX writer (inline strings; fast and deterministic at 60 000 rows)
# --------------------------------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_PARTS = {
    "[Content_Types].xml": _XML + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
    "_rels/.rels": _XML + (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>'),
    "xl/_rels/workbook.xml.rels": _XML + (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": _XML + (
        f'<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}


def _col_letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _xml_escape(e: pl.Expr) -> pl.Expr:
    return (e.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True)
            .str.replace_all(">", "&gt;", literal=True))


def _cell(col: str, letter: str, kind: str, row: pl.Expr) -> pl.Expr:
    """One column's <c> elements; '' for an empty cell. kind: s text, n number, d date, auto."""
    c = pl.col(col)
    ref = pl.concat_str([pl.lit(f'<c r="{letter}'), row])
    if kind == "d":
        serial = (c.cast(pl.Date) - pl.lit(dt.date(1899, 12, 30))).dt.total_days().cast(pl.String)
        cell = pl.concat_str([ref, pl.lit('" s="1"><v>'), serial, pl.lit("</v></c>")])
    elif kind == "n":
        cell = pl.concat_str([ref, pl.lit('"><v>'), c.cast(pl.String), pl.lit("</v></c>")])
    else:
        text = c.cast(pl.String)
        cell = pl.concat_str([ref, pl.lit('" t="inlineStr"><is><t>'), _xml_escape(text), pl.lit("</t></is></c>")])
        if kind == "auto":
            num = pl.concat_str([ref, pl.lit('"><v>'), text, pl.lit("</v></c>")])
            cell = pl.when(text.str.contains(r"^-?\d+(\.\d+)?$")).then(num).otherwise(cell)
    return pl.when(c.is_not_null()).then(cell).otherwise(pl.lit(""))


def write_xlsx(path: Path, sheet: str, title: list[str | None], df: pl.DataFrame, kinds: dict[str, str],
               created: dt.datetime) -> None:
    """Write `df` as the only sheet of an XLSX file, under `title` rows (None = blank row) and a bold
    header. Columns are text unless `kinds` says "n" (number), "d" (date) or "auto" (number when it
    looks like one, e.g. JP "24" but not "2,5"). Streams the sheet in chunks; byte-stable."""
    import zipfile

    first = len(title) + 2  # first data row (1-based)
    last = first + df.height - 1
    width = len(df.columns)
    letters = [_col_letter(i) for i in range(width)]

    def inline(r: int, c: int, text: str, style: str = ' s="2"') -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{letters[c]}{r}"{style} t="inlineStr"><is><t>{text}</t></is></c>'

    head = [_XML, f'<worksheet {_NS} xmlns:r="{_REL}"><dimension ref="A1:{letters[-1]}{max(last, first - 1)}"/>',
            "<sheetData>"]
    for r, t in enumerate(title, start=1):
        if t:
            head.append(f'<row r="{r}">{inline(r, 0, t)}</row>')
    hr = len(title) + 1
    head.append(f'<row r="{hr}">' + "".join(inline(hr, c, h) for c, h in enumerate(df.columns)) + "</row>")

    def entry(name: str, level: int = 6) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi._compresslevel = level  # noqa: SLF001 (no public setter before Python 3.13)
        zi.external_attr = 0o644 << 16
        return zi

    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = dict(_XLSX_PARTS)
    parts["xl/workbook.xml"] = _XML + (f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
                                       f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts["docProps/core.xml"] = _XML + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>BKPSDM</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created></cp:coreProperties>')
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "xl/styles.xml"):
            zf.writestr(entry(name), parts[name])
        with zf.open(entry("xl/worksheets/sheet1.xml", 1), "w") as w:
            w.write("".join(head).encode())
            for lo in range(0, df.height, _CHUNK // 4):
                part = df.slice(lo, _CHUNK // 4)
                row = (pl.int_range(pl.len()) + (first + lo)).cast(pl.String)
                xml = part.select(pl.concat_str(
                    [pl.lit('<row r="'), row, pl.lit('">'),
                     *[_cell(c, letters[i], kinds.get(c, "s"), row) for i, c in enumerate(df.columns)],
                     pl.lit("</row>")]).str.join("")).item()
                w.write(xml.encode())
            w.write(b"</sheetData></worksheet>")


# --------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------

@dataclass
class GenerateSummary:
    out_dir: Path
    mulai: str
    sampai: str
    pegawai: int
    opd: int
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    anomalies: dict[str, int] = field(default_factory=dict)
    anomaly_rows: dict[str, int] = field(default_factory=dict)
    bad_rows: dict[str, int] = field(default_factory=dict)
    story: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        fmt = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
        lines = [
            f"Wilayah demo {PEMKAB} ditulis ke {self.out_dir}",
            f"  periode {self.mulai} s.d. {self.sampai}, {fmt(self.pegawai)} pegawai, {self.opd} OPD, "
            f"{len(self.files)} berkas, {self.seconds:.1f} detik",
            "  baris per sumber: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.rows.items()),
            "  anomali tertanam: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.anomalies.items()),
            "  baris rusak tertanam: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.bad_rows.items()),
            "  cerita:",
        ]
        lines += [f"    - {s['bulan']} {s['opd_code']} {s['keterangan']}" for s in self.story]
        lines.append("  kunci jawaban di _kunci/ (tidak dimuat oleh ingest)")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------
# The region (static part)
# --------------------------------------------------------------------------------------

class _Region:
    """Employees, units and machines; numpy arrays indexed by employee."""

    def __init__(self, n: int, months: list[dt.date], rngs: _Rngs):
        self.months = months
        self.rngs = rngs
        self.p_start = months[0]
        self.p_end = _month_add(months[-1], 1) - dt.timedelta(days=1)
        self._opds(n)
        self._units_devices()
        self._employees(n)

    # ---------- OPD
    def _opds(self, n: int) -> None:
        self.opd_code = [o[0] for o in _OPD]
        self.opd_name = [o[1] for o in _OPD]
        self.opd_abbr = [o[2] for o in _OPD]
        self.opd_rumpun = [o[3] for o in _OPD]
        self.opd_kind = [o[4] for o in _OPD]
        weights = np.array([o[5] for o in _OPD], dtype=float)
        self.opd_size = _weighted_round(n, weights, minimum=3 if n >= 120 else 1)
        self.n_opd = len(_OPD)
        self.opd_index = {c: i for i, c in enumerate(self.opd_code)}
        self.opd_app = np.array([c in APP_OPDS for c in self.opd_code])

    # ---------- units and fingerprint machines
    def _units_devices(self) -> None:
        rng = self.rngs("units")
        self.unit_name: list[str] = []
        self.unit_opd: list[int] = []
        self.unit_office: list[bool] = []
        self.opd_units: list[tuple[int, int]] = []
        self.dev_id: list[str] = []
        self.dev_opd: list[int] = []
        self.unit_dev: list[int] = []
        self.opd_devs: list[tuple[int, int]] = []
        for o, (_code, opd_name, abbr, _r, kind, _w, office) in enumerate(_OPD):
            size = int(self.opd_size[o])
            service: list[str] = []
            if kind == "pendidikan":
                n_school = max(2, size // 14)
                count = {k: 0 for k in KECAMATAN}
                for s in range(n_school):
                    kec = KECAMATAN[s % len(KECAMATAN)]
                    count[kec] += 1
                    level = "SMP Negeri" if s % 10 in (3, 7, 9) else "SD Negeri"
                    service.append(f"{level} {count[kec]} {kec}")
            elif kind == "kesehatan":
                n_pkm = max(2, min(size // 25, 2 * len(KECAMATAN)))
                service = [f"Puskesmas {KECAMATAN[i % 10]}" + (" II" if i >= 10 else "") for i in range(n_pkm)]
                service += ["UPTD Laboratorium Kesehatan Daerah", "UPTD Instalasi Farmasi"]
            elif kind == "rsud":
                service = ["Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Rawat Jalan",
                           "Instalasi Farmasi", "Instalasi Laboratorium", "Instalasi Radiologi",
                           "Instalasi Bedah Sentral", "Instalasi Gizi"]
            elif kind == "kecamatan":
                kec = opd_name.removeprefix("Kecamatan ")
                service = [f"Kelurahan {kec} {ARAH[i]}" for i in range(2 + (size > 80) + (size > 110))]
            units = list(office) + service
            if kind in ("setda", "setwan"):
                units = office
            u0 = len(self.unit_name)
            self.unit_name += units
            self.unit_opd += [o] * len(units)
            self.unit_office += [u in office for u in units]
            self.opd_units.append((u0, len(units)))
            n_dev = max(1, int(round(size / 70)))
            d0 = len(self.dev_id)
            self.dev_id += [f"{abbr}-{k + 1:02d}" for k in range(n_dev)]
            self.dev_opd += [o] * n_dev
            self.opd_devs.append((d0, n_dev))
            n_service = len(service)
            j = 0
            for u in units:
                if n_dev == 1:
                    self.unit_dev.append(d0)
                elif n_service and u in office:
                    self.unit_dev.append(d0)
                elif n_service:
                    self.unit_dev.append(d0 + 1 + j % (n_dev - 1))
                    j += 1
                else:
                    self.unit_dev.append(d0 + j % n_dev)
                    j += 1
        self.n_dev = len(self.dev_id)
        # attlog variants per machine
        self.dev_padded = rng.random(self.n_dev) < 0.4
        self.dev_crlf = rng.random(self.n_dev) < 0.3
        self.dev_face = rng.random(self.n_dev) < 0.25          # verify mode 15 instead of 1
        self.dev_short = rng.random(self.n_dev) < 0.15         # some lines miss trailing fields
        self.dev_extended = np.zeros(self.n_dev, bool)
        self.dev_extended[self.opd_devs[self.opd_index["5.03.01"]][0]] = True  # BKPSDM-01
        self.dev_crlf[self.dev_extended] = True
        self.dev_serial = [f"A{''.join(rng.choice(list('CEFJKNQRSTUY'), 3))}{rng.integers(10**8, 10**9)}"
                           for _ in range(self.n_dev)]

    # ---------- employees
    def _employees(self, n: int) -> None:
        rng = self.rngs("pegawai")
        n_ghost = max(2, round(n * 0.002))      # pegawai rows that will be broken (not simulated)
        n_out = max(5, round(n * 0.003))         # outsiders: valid NIPs not in pegawai (unknown_nip)
        self.n = n
        total = n + n_ghost + n_out
        self.n_ghost, self.n_out = n_ghost, n_out
        opd = np.repeat(np.arange(self.n_opd), self.opd_size)
        # ghosts and outsiders: random OPDs
        opd = np.concatenate([opd, rng.integers(0, self.n_opd, n_ghost + n_out)])
        jenis = np.full(total, 2, np.int8)  # 0 Struktural, 1 Fungsional, 2 Pelaksana
        pppk = np.zeros(total, bool)
        head = np.zeros(total, bool)
        for o in range(self.n_opd):
            idx = np.where(opd[:n] == o)[0]
            fs, ff, _fp, fk = _MIX[self.opd_kind[o]]
            ns = max(1, int(round(fs * len(idx))))
            nf = int(round(ff * len(idx)))
            if len(idx) <= 2:
                ns = 1
            nf = min(nf, len(idx) - ns)
            jenis[idx[:ns]] = 0
            jenis[idx[ns:ns + nf]] = 1
            head[idx[0]] = True
            rest = idx[ns:]
            pppk[rest] = rng.random(len(rest)) < fk
        extra = np.arange(n, total)
        jenis[extra] = rng.choice([1, 2], len(extra))
        pppk[extra] = rng.random(len(extra)) < 0.2
        self.opd, self.jenis, self.pppk, self.head = opd, jenis, pppk, head
        female_p = np.where(np.isin(opd, [self.opd_index["1.01.01"], self.opd_index["1.02.01"],
                                          self.opd_index["1.02.02"]]), 0.68, 0.45)
        self.female = rng.random(total) < female_p
        self._positions(rng, total)
        self._dates(rng, total)
        self._nips(rng, total)
        self._names(total)
        self._behaviour(rng)

    def _positions(self, rng: np.random.Generator, total: int) -> None:
        unit = np.zeros(total, np.int32)
        title = np.empty(total, dtype=object)
        eselon = np.empty(total, dtype=object)
        edu = np.empty(total, dtype=object)
        cat = np.zeros(total, np.int8)  # activity pool
        for o in range(self.n_opd):
            kind = self.opd_kind[o]
            u0, nu = self.opd_units[o]
            units = list(range(u0, u0 + nu))
            office = [u for u in units if self.unit_office[u]]
            service = [u for u in units if not self.unit_office[u]]
            idx = np.where(self.opd == o)[0]
            struk = idx[self.jenis[idx] == 0]
            slots = self._struktural_slots(o, office, service)
            for k, e in enumerate(struk):
                t, es, u = slots[k % len(slots)] if k < len(slots) else (
                    f"Kepala Seksi {['Perencanaan', 'Pembinaan', 'Pengendalian', 'Data dan Informasi'][k % 4]}",
                    "IV.a", office[k % len(office)])
                title[e], eselon[e], unit[e] = t, es, u
            fung = idx[self.jenis[idx] == 1]
            pel = idx[self.jenis[idx] == 2]
            if len(fung):
                pool = _FUNG_OPD.get(self.opd_abbr[o], FUNGSIONAL[kind])
                base = np.array(pool, dtype=object)[rng.integers(0, len(pool), len(fung))]
                title[fung] = base
                to_service = (rng.random(len(fung)) < 0.9) & bool(service)
                su = np.array(service or office)[rng.integers(0, len(service or office), len(fung))]
                ou = np.array(office)[rng.integers(0, len(office), len(fung))]
                unit[fung] = np.where(to_service, su, ou)
            if len(pel):
                title[pel] = np.array(PELAKSANA, dtype=object)[rng.integers(0, len(PELAKSANA), len(pel))]
                to_service = (rng.random(len(pel)) < 0.4) & bool(service)
                su = np.array(service or office)[rng.integers(0, len(service or office), len(pel))]
                ou = np.array(office)[rng.integers(0, len(office), len(pel))]
                unit[pel] = np.where(to_service, su, ou)
            # activity category
            c = np.where(self.jenis[idx] == 0, 3, 0)
            if kind == "pendidikan":
                c = np.where(self.jenis[idx] == 1, 1, c)
            elif kind in ("kesehatan", "rsud"):
                c = np.where(self.jenis[idx] == 1, 2, c)
            else:
                own = f"teknis:{self.opd_abbr[o]}"
                c = np.where(self.jenis[idx] == 1, AKT_CATS.index(own) if own in AKT_CATS else 4, c)
                if kind == "kecamatan":
                    c = np.where(self.jenis[idx] == 2, np.where(rng.random(len(idx)) < 0.5, 5, 0), c)
            cat[idx] = c
        # education
        u = rng.random(total)
        j = self.jenis
        title_s = title.astype(str)
        is_guru = np.char.startswith(title_s, "Guru")
        is_dokter = np.char.startswith(title_s, "Dokter")
        is_nakes_d3 = np.isin(title_s, ["Perawat", "Bidan", "Radiografer", "Pranata Laboratorium Kesehatan",
                                        "Perekam Medis", "Nutrisionis", "Sanitarian", "Fisioterapis"])
        edu[:] = np.where(u < 0.45, "SMA", np.where(u < 0.6, "D3", np.where(u < 0.93, "S1", "S2")))  # pelaksana
        edu[j == 0] = np.where(u[j == 0] < 0.5, "S1", np.where(u[j == 0] < 0.97, "S2", "S3"))
        f = j == 1
        edu[f] = np.where(u[f] < 0.08, "D3", np.where(u[f] < 0.85, "S1", "S2"))
        edu[f & is_guru] = np.where(u[f & is_guru] < 0.03, "D4", np.where(u[f & is_guru] < 0.87, "S1", "S2"))
        edu[f & is_nakes_d3] = np.where(u[f & is_nakes_d3] < 0.55, "D3", np.where(u[f & is_nakes_d3] < 0.97, "S1",
                                                                                   "S2"))
        edu[f & is_dokter] = np.where(u[f & is_dokter] < 0.8, "S1", "S2")
        small = (j == 2) & (rng.random(total) < 0.03)
        edu[small] = np.where(rng.random(small.sum()) < 0.5, "SD", "SMP")
        # jabatan level for fungsional
        self.unit, self.title_base, self.eselon, self.edu, self.cat = unit, title, eselon, edu, cat
        self.is_guru, self.is_dokter = is_guru, is_dokter
        self.device = np.array(self.unit_dev, np.int32)[unit]

    def _struktural_slots(self, o: int, office: list[int], service: list[int]) -> list[tuple[str, str, int]]:
        kind, name = self.opd_kind[o], self.opd_name[o]
        u = office[0]
        heads = {"setda": ("Sekretaris Daerah", "II.a"), "setwan": ("Sekretaris DPRD", "II.b"),
                 "inspektorat": ("Inspektur", "II.b"), "rsud": ("Direktur Rumah Sakit Umum Daerah", "II.b"),
                 "satpol": ("Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "II.b"),
                 "kecamatan": (f"Camat {name.removeprefix('Kecamatan ')}", "III.a")}
        t, es = heads.get(kind, (f"Kepala {name}", "II.b"))
        slots = [(t, es, u)]
        if kind == "setda":
            slots += [("Asisten Pemerintahan dan Kesejahteraan Rakyat", "II.b", u),
                      ("Asisten Perekonomian dan Pembangunan", "II.b", u),
                      ("Asisten Administrasi Umum", "II.b", u)]
        sekretariat = [x for x in office if self.unit_name[x].startswith("Sekretariat")
                       or self.unit_name[x] == "Bagian Tata Usaha"]
        if kind == "kecamatan":
            slots.append(("Sekretaris Camat", "III.b", office[0]))
        elif sekretariat:
            slots.append(("Sekretaris" if kind != "rsud" else "Kepala Bagian Tata Usaha", "III.a", sekretariat[0]))
        for x in office:
            nm = self.unit_name[x]
            if nm.startswith(("Bidang", "Bagian ", "UPTD", "Inspektur Pembantu", "Pusdalops")) and x not in sekretariat:
                if nm.startswith("Inspektur Pembantu"):
                    slots.append((nm, "III.a", x))
                else:
                    slots.append((f"Kepala {nm}", "III.b" if not nm.startswith(("UPTD", "Pusdalops")) else "IV.a", x))
            elif nm.startswith("Seksi"):
                slots.append((f"Kepala {nm}", "IV.a", x))
        for x in service:
            nm = self.unit_name[x]
            if nm.startswith("Kelurahan"):
                slots.append((f"Lurah {nm.removeprefix('Kelurahan ')}", "IV.a", x))
            elif nm.startswith("UPTD"):
                slots.append((f"Kepala {nm}", "IV.a", x))
        if sekretariat:
            slots += [("Kepala Sub Bagian Umum dan Kepegawaian", "IV.a", sekretariat[0]),
                      ("Kepala Sub Bagian Perencanaan dan Keuangan", "IV.a", sekretariat[0])]
        return slots

    def _dates(self, rng: np.random.Generator, total: int) -> None:
        p0 = np.datetime64(self.p_start, "D").astype(np.int64)
        p1 = np.datetime64(self.p_end, "D").astype(np.int64)
        # age at the period start, 22..57
        age = np.clip(rng.triangular(22, 41, 58, total), 22, 57.7)
        age[self.jenis == 0] = np.clip(age[self.jenis == 0] + 7, 32, 57.7)
        birth = (p0 - age * 365.25).astype(np.int64)
        # retirements during the period: ~1% of PNS reach BUP 58 inside the period
        n_months = len(self.months)
        retire = np.zeros(total, bool)
        cand = np.where(~self.pppk[: self.n] & ~self.head[: self.n])[0]
        n_ret = max(1, round(self.n * 0.01)) if n_months >= 2 else 0
        end = np.full(total, p1 + 1, np.int64)
        if n_ret:
            chosen = rng.choice(cand, min(n_ret, len(cand)), replace=False)
            retire[chosen] = True
            m = rng.integers(1, n_months, len(chosen))
            ret_day = np.array([np.datetime64(self.months[k], "D").astype(np.int64) for k in m])
            # BUP 58: retire on the first day of the month after the 58th birthday
            birth[chosen] = ret_day - 58 * 365.25 - rng.integers(2, 27, len(chosen))
            end[chosen] = ret_day
        self.birth = birth
        self.retired = retire
        # TMT CPNS (PNS): age 21..35 at appointment, before the period
        cpns_age = rng.uniform(20.5, 35, total)
        tmt = (birth + cpns_age * 365.25).astype(np.int64)
        latest = p0 - 40
        tmt = np.minimum(tmt, latest)
        tmt = np.maximum(tmt, birth + int(18.2 * 365.25) + 31)
        tmt_m = tmt.astype("datetime64[D]").astype("datetime64[M]")
        tmt_m = np.maximum(tmt_m, (birth + int(18.2 * 365.25) + 31).astype("datetime64[D]").astype("datetime64[M]")
                           + 1)
        self.tmt_cpns = tmt_m.astype("datetime64[D]").astype(np.int64)
        # TMT PPPK: batches; some inside the period (data starts then)
        batches = np.array([np.datetime64(d, "D").astype(np.int64) for d in
                            ("2021-12-01", "2022-10-01", "2023-06-01", "2024-03-01", "2025-03-01", "2025-10-01")])
        allowed = batches[batches <= p1 - 28]
        pick = rng.integers(0, len(allowed), total)
        tmt_p = allowed[pick]
        self.tmt_pppk = np.maximum(tmt_p, birth + int(21 * 365.25))
        self.tmt_pppk = self.tmt_pppk.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(
            np.int64)
        start = np.where(self.pppk, np.maximum(self.tmt_pppk, p0), p0)
        start[self.n:] = p1 + 10  # ghosts/outsiders never simulated
        end[self.n:] = p1 + 10
        self.start, self.end = start, end
        # long leaves: CM (female, ~1.5%/yr), CB, TB
        self.long_code = np.full(total, NONE, np.int8)
        self.long_start = np.zeros(total, np.int64)
        self.long_end = np.zeros(total, np.int64)
        years = n_months / 12
        u = rng.random(total)
        cm = self.female & (age < 42) & (u < 0.015 * years)
        tb = ~cm & ~self.pppk & (self.jenis != 0) & (u > 1 - 0.004)
        cb = ~cm & ~tb & ~self.pppk & (u > 0.5) & (u < 0.5 + 0.0015 * years)
        span = p1 - p0
        for mask, code, lo, hi in ((cm, CM, 88, 92), (cb, CB, 30, 75), (tb, TB, 300, 700)):
            k = mask.sum()
            s = p0 + rng.integers(-60, max(span, 1), k)
            self.long_code[mask] = code
            self.long_start[mask] = s
            self.long_end[mask] = s + rng.integers(lo, hi + 1, k)

    def _nips(self, rng: np.random.Generator, total: int) -> None:
        birth = pl.Series(self.birth.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y%m%d")
        tmt = pl.Series(self.tmt_cpns.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y%m")
        tmt_p = pl.Series(self.tmt_pppk.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y")
        g = pl.Series(np.where(self.female, "2", "1"))
        df = pl.DataFrame({"b": birth, "t": tmt, "tp": tmt_p, "g": g, "pppk": self.pppk,
                           "i": np.arange(total)})
        df = df.with_columns(
            prefix=pl.when(pl.col("pppk")).then(pl.col("b") + pl.col("tp") + pl.lit("21") + pl.col("g"))
            .otherwise(pl.col("b") + pl.col("t") + pl.col("g")))
        df = df.with_columns(seq=(pl.col("i").rank("ordinal").over("prefix")).cast(pl.Int64))
        # occasionally the sequence does not start at 001 (earlier holders of the prefix elsewhere)
        bump = rng.random(total) < 0.05
        df = df.with_columns(_bump=pl.Series(np.where(bump, rng.integers(1, 4, total), 0)))
        df = df.with_columns(seq=pl.col("seq") + pl.col("_bump").first().over("prefix"))
        df = df.with_columns(nip=pl.col("prefix") + pl.col("seq").cast(pl.String).str.zfill(3))
        nips = df["nip"]
        assert nips.n_unique() == total
        self.nip = nips.to_numpy().astype(str)
        self.nip_s = nips.rename("NIP")
        self.nip_int = np.array([int(x) for x in self.nip], dtype=np.uint64)
        # PIN_ABSEN: unique region-wide
        self.pin = (1001 + rng.permutation(total)).astype(np.int64)

    def _names(self, total: int) -> None:
        from faker import Faker

        fk = Faker("id_ID")
        fk.seed_instance(self.rngs.seed)
        male = sorted({fk.first_name_male() for _ in range(1500)})
        female = sorted({fk.first_name_female() for _ in range(1500)})
        last_m = sorted({fk.last_name_male() for _ in range(800)})
        last_f = sorted({fk.last_name_female() for _ in range(800)})
        rng = self.rngs("nama")
        f = self.female
        first = np.where(f, np.array(female, dtype=object)[rng.integers(0, len(female), total)],
                         np.array(male, dtype=object)[rng.integers(0, len(male), total)])
        mid = np.where(f, np.array(female, dtype=object)[rng.integers(0, len(female), total)],
                       np.array(male, dtype=object)[rng.integers(0, len(male), total)])
        last = np.where(f, np.array(last_f, dtype=object)[rng.integers(0, len(last_f), total)],
                        np.array(last_m, dtype=object)[rng.integers(0, len(last_m), total)])
        u = rng.random(total)
        name = np.where(u < 0.1, first, np.where(u < 0.3, first + " " + mid + " " + last, first + " " + last))
        # academic titles
        edu = self.edu
        title = self.title_base.astype(str)
        s1 = np.array(["S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.AP.", "S.IP.", "S.Ak.", "S.P."], dtype=object)
        suffix = np.full(total, "", dtype=object)
        k = edu == "S1"
        suffix[k] = s1[rng.integers(0, len(s1), k.sum())]
        suffix[k & self.is_guru] = "S.Pd."
        nurse = np.isin(title, ["Perawat"])
        suffix[k & nurse] = "S.Kep., Ns."
        suffix[(edu == "D3") & nurse] = "A.Md.Kep."
        suffix[(edu == "D3") & (title == "Bidan")] = "A.Md.Keb."
        suffix[(edu == "D3") & ~nurse & (title != "Bidan")] = "A.Md."
        k2 = edu == "S2"
        s2 = np.array(["S.E., M.Si.", "S.H., M.H.", "S.Sos., M.AP.", "S.T., M.T.", "S.IP., M.Si.", "S.E., M.M."],
                      dtype=object)
        suffix[k2] = s2[rng.integers(0, len(s2), k2.sum())]
        suffix[k2 & self.is_guru] = "S.Pd., M.Pd."
        name = np.where(suffix == "", name, name + ", " + suffix)
        name = np.where(edu == "S3", "Dr. " + name.astype(str) + ", M.Si.", name)
        name = np.where(self.is_dokter, "dr. " + name.astype(str), name)
        old = (rng.random(total) < 0.06) & (self.birth < np.datetime64("1975-01-01").astype(np.int64))
        name = np.where(old, np.where(f, "Hj. ", "H. ") + name.astype(str), name)
        self.name = name.astype(str)

    def _behaviour(self, rng: np.random.Generator) -> None:
        """Per-employee habits: lateness, absences, logged minutes, rating tendencies."""
        total = len(self.nip)
        opd_late = np.exp(rng.normal(0, 0.35, self.n_opd))
        opd_late[self.opd_index[ROMPI_OPD]] = 2.4
        self.opd_min = np.clip(rng.normal(1.0, 0.05, self.n_opd), 0.88, 1.12)
        self.late_p = np.clip(rng.beta(1.6, 11, total) * opd_late[self.opd], 0.005, 0.8)
        self.late_mean = rng.gamma(2.0, 6.0, total) + 3           # minutes when late
        self.early_mean = rng.gamma(3.0, 6.0, total) + 2          # minutes early when on time
        self.stay_mean = rng.gamma(2.0, 8.0, total) + 1           # minutes after closing
        self.early_p = rng.beta(1.2, 30, total)
        self.tk_rate = rng.gamma(0.6, 0.006, total)
        chronic = rng.random(total) < 0.004
        self.tk_rate[chronic] = rng.uniform(0.04, 0.12, chronic.sum())
        self.sick = rng.gamma(2, 0.0065, total)
        self.izin = rng.gamma(2, 0.005, total)
        self.dl = np.where(self.jenis == 0, 0.06, np.where(self.cat >= 4, 0.035, 0.015)) * rng.uniform(0.5, 1.5, total)
        self.ct = rng.uniform(0.015, 0.045, total)
        self.minutes = rng.uniform(328, 416, total) * self.opd_min[self.opd]
        self.minutes *= np.where(self.cat == 1, 0.95, 1.0)
        self.reject_p = np.clip(rng.beta(3, 16, total), 0.0, 0.5)  # P(extra rejected entry per day)
        self.q_hasil = rng.normal(0, 1, total)
        self.q_perilaku = 0.85 * self.q_hasil + rng.normal(0, 0.53, total)
        self.q_beh = 0.4 * self.q_perilaku + rng.normal(0, 0.9, total)
        self.fingerprint = ~self.opd_app[self.opd]


# --------------------------------------------------------------------------------------
# Story and anomalies
# --------------------------------------------------------------------------------------

@dataclass
class _Plan:
    train_m: int
    rompi_m: int
    decline: list[tuple[int, int]]                     # (opd index, first decline month)
    low: dict[int, list[int]]                          # month -> employees
    pnw: dict[int, list[int]]
    buddy: dict[int, list[tuple[int, int]]]            # month -> [(a, b)]
    casual: np.ndarray                                 # (k, 2) pairs of ordinary colleagues
    tk_run: tuple[int, int] | None                     # (employee, month): TK on the month's first 12 days
    truth: list[tuple[str, str, str, str]] = field(default_factory=list)


def _plan(R: _Region) -> _Plan:
    rng = R.rngs("plan")
    nm = len(R.months)
    train_m = min(nm - 1, round(0.375 * nm))
    rompi_m = min(nm - 1, round(0.5 * nm))
    decline = []
    for code, div in DECLINE_OPDS:
        k = max(1, round(nm / div))
        decline.append((R.opd_index[code], nm - k))
    n = R.n
    month_first = np.array([np.datetime64(m, "D").astype(np.int64) for m in R.months])
    decl_opd = {o for o, _ in decline}
    # peer groups (OPD x jenis) large enough for a robust score
    grp = R.opd[:n].astype(np.int64) * 3 + R.jenis[:n]
    grp_size = np.bincount(grp, minlength=R.n_opd * 3)[grp]
    ok = (~R.retired[:n]) & (R.start[:n] <= month_first[0]) & (R.long_code[:n] == NONE) & ~R.head[:n]
    ok &= ~np.isin(R.opd[:n], list(decl_opd))
    used = np.zeros(n, bool)

    def pick(count: int, extra: np.ndarray) -> np.ndarray:
        cand = np.where(ok & extra & ~used)[0]
        if len(cand) == 0:
            return cand
        chosen = np.sort(rng.choice(cand, min(count, len(cand)), replace=False))
        used[chosen] = True
        return chosen

    truth: list[tuple[str, str, str, str]] = []
    low: dict[int, list[int]] = {}
    pnw: dict[int, list[int]] = {}
    buddy: dict[int, list[tuple[int, int]]] = {}
    n_anom = max(2, round(n * 0.005))
    for e in pick(n_anom, grp_size >= 8):
        length = int(rng.integers(2, 5))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            low.setdefault(m, []).append(int(e))
            truth.append(("low_productivity", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    for e in pick(n_anom, R.fingerprint[:n] & (grp_size >= 5)):
        length = int(rng.integers(1, 3))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            pnw.setdefault(m, []).append(int(e))
            truth.append(("present_not_working", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    # buddy pairs: same machine
    n_pairs = max(2, round(n / 600))
    dev = R.device[:n]
    for _ in range(n_pairs):
        cand = np.where(ok & ~used & R.fingerprint[:n])[0]
        if len(cand) < 2:
            break
        a = int(rng.choice(cand))
        mates = cand[(dev[cand] == dev[a]) & (cand != a)]
        if len(mates) == 0:
            used[a] = True
            continue
        b = int(rng.choice(mates))
        used[[a, b]] = True
        length = int(rng.integers(1, 4))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            buddy.setdefault(m, []).append((a, b))
            for e in (a, b):
                truth.append(("buddy_punching", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    for o, m0 in decline:
        for m in range(m0, nm):
            truth.append(("unit_decline", "", R.opd_code[o], R.months[m].isoformat()))
    # ordinary colleagues who sometimes arrive together (not consistently)
    fp = np.where(R.fingerprint[:n] & ~used)[0]
    order = fp[np.argsort(dev[fp], kind="stable")]
    n_cas = len(order) // 40
    starts = rng.choice(max(1, len(order) - 1), n_cas, replace=False) if n_cas else np.array([], int)
    casual = np.stack([order[starts], order[starts + 1]], axis=1) if n_cas else np.zeros((0, 2), int)
    casual = casual[dev[casual[:, 0]] == dev[casual[:, 1]]] if n_cas else casual
    # one employee absent 12 working days in a row
    tk_run = None
    cand = np.where(ok & ~used)[0]
    if len(cand) and nm >= 1:
        e = int(rng.choice(cand))
        used[e] = True
        tk_run = (e, int(rng.integers(0, nm)))
    truth.sort(key=lambda t: (t[0], t[2], t[1], t[3]))
    return _Plan(train_m, rompi_m, decline, low, pnw, buddy, casual, tk_run, truth)


def _effects(R: _Region, P: _Plan, m: int) -> dict[str, np.ndarray]:
    """Per-OPD multipliers for month m (the story)."""
    no = R.n_opd
    eff = {k: np.ones(no) for k in ("late_mult", "late_mean", "min_mult", "tk_mult")}
    eff.update({k: np.zeros(no) for k in ("late_add", "tk_add", "hasil", "perilaku", "beh")})
    if m >= P.train_m:
        for c in TRAINING_OPDS:
            o = R.opd_index[c]
            ramp = min(1.0, 0.6 + 0.2 * (m - P.train_m))
            eff["late_mult"][o] *= 1 - 0.5 * ramp
            eff["min_mult"][o] *= 1 + 0.10 * ramp
            eff["hasil"][o] += 0.35 * ramp
            eff["perilaku"][o] += 0.35 * ramp
            eff["beh"][o] += 0.25 * ramp
    o = R.opd_index[ROMPI_OPD]
    if m >= P.rompi_m:
        eff["late_mult"][o] *= 0.15
        eff["late_mean"][o] *= 0.6
        eff["perilaku"][o] += 0.3
    nm = len(R.months)
    for o, m0 in P.decline:
        if m >= m0:
            k = nm - m0
            s = 0.55 + 0.45 * ((m - m0) / max(1, k - 1))
            eff["late_add"][o] += 0.30 * s
            eff["late_mean"][o] *= 1 + 0.8 * s
            eff["tk_add"][o] += 0.04 * s
            eff["min_mult"][o] *= 1 - 0.38 * s
            eff["hasil"][o] -= 1.1 * s
            eff["perilaku"][o] -= 1.1 * s
            eff["beh"][o] -= 0.7 * s
    return eff


# --------------------------------------------------------------------------------------
# Bad rows
# --------------------------------------------------------------------------------------

class _Bad:
    """Planted bad rows: inserted copies of real rows with a broken/unknown NIP, exact duplicates,
    or an invalid value. Records (file, row_number, expected_reason)."""

    def __init__(self, R: _Region):
        self.R = R
        self.files: list[str] = []
        self.rows: list[np.ndarray] = []
        self.reasons: list[np.ndarray] = []
        self.unknown = R.nip[R.n + R.n_ghost:]

    def add(self, file: str, rows: np.ndarray, reasons: np.ndarray | str) -> None:
        rows = np.asarray(rows, np.int64)
        if len(rows) == 0:
            return
        self.files.append(file)
        self.rows.append(rows)
        self.reasons.append(np.broadcast_to(np.asarray(reasons, dtype=object), rows.shape))

    def plant(self, df: pl.DataFrame, rng: np.random.Generator, nip_col: str, frac: float,
              invalid: dict[str, list[str]] | None = None, dup_only: bool = False) -> tuple[pl.DataFrame, np.ndarray,
                                                                                             np.ndarray]:
        """Insert bad rows into an all-string frame; return (frame, 0-based positions, reasons)."""
        n = df.height
        k = int(rng.binomial(n, frac)) if n else 0
        if n >= 50:
            k = max(k, 1)
        if k == 0:
            return df, np.zeros(0, np.int64), np.zeros(0, object)
        k = min(k, n)
        src = np.sort(rng.choice(n, k, replace=False))   # at most one planted row after any real row
        kinds = np.array(["exact_duplicate"] * k, dtype=object)
        if not dup_only:
            choices = ["exact_duplicate", "nip_scientific_notation", "nip_invalid_format", "unknown_nip"]
            p = [0.35, 0.2, 0.15, 0.3]
            if invalid:
                choices.append("invalid")
                p = [x * 0.85 for x in p] + [0.15]
            kinds = np.array(choices, dtype=object)[rng.choice(len(choices), k, p=p)]
        ins = df[src.tolist()]
        nips = ins[nip_col].to_list()
        new_nips = []
        for nip, kind in zip(nips, kinds, strict=True):
            if kind == "nip_scientific_notation":
                new_nips.append(_sci(nip))
            elif kind == "nip_invalid_format":
                new_nips.append(nip[:-1])
            elif kind == "unknown_nip":
                new_nips.append(str(self.unknown[rng.integers(0, len(self.unknown))]))
            else:
                new_nips.append(nip)
        ins = ins.with_columns(pl.Series(nip_col, new_nips, dtype=pl.String))
        reasons = kinds.copy()
        if invalid and (kinds == "invalid").any():
            cols = sorted(invalid)
            for j in np.where(kinds == "invalid")[0]:
                col = cols[rng.integers(0, len(cols))]
                value, reason = invalid[col][rng.integers(0, len(invalid[col]))].split("|")
                ins[int(j), col] = value
                reasons[j] = reason
        key_old = np.arange(n, dtype=np.int64) * 2
        key_new = src * 2 + 1
        out = pl.concat([df.with_columns(_k=pl.Series(key_old), _b=pl.lit(False)),
                         ins.with_columns(_k=pl.Series(key_new), _b=pl.lit(True))]).sort("_k", maintain_order=True)
        pos = np.where(out["_b"].to_numpy())[0]
        # positions of inserted rows follow the order of src (stable sort keeps insertion order)
        return out.drop("_k", "_b"), pos.astype(np.int64), reasons

    def frame(self) -> pl.DataFrame:
        if not self.rows:
            return pl.DataFrame(schema={"file": pl.String, "row_number": pl.Int64, "expected_reason": pl.String})
        files = np.concatenate([np.full(len(r), f, dtype=object) for f, r in zip(self.files, self.rows,
                                                                                   strict=True)])
        return pl.DataFrame({"file": files.astype(str), "row_number": np.concatenate(self.rows),
                             "expected_reason": np.concatenate(self.reasons).astype(str)})


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

def _csv_bytes(df: pl.DataFrame, sep: str = ",", header: bool = True, crlf: bool = False) -> bytes:
    buf = io.BytesIO()
    df = df.with_columns(pl.col(pl.String).replace("", None))  # empty cells unquoted
    df.write_csv(buf, separator=sep, include_header=header, line_terminator="\r\n" if crlf else "\n")
    return buf.getvalue()


class _Generator:
    def __init__(self, out: Path, n: int, bulan: int, mulai: dt.date, seed: int):
        self.out = out
        self.rngs = _Rngs(seed)
        self.months = [_month_add(mulai, k) for k in range(bulan)]
        self.R = _Region(n, self.months, self.rngs)
        self.P = _plan(self.R)
        self.bad = _Bad(self.R)
        self.rows: dict[str, int] = {}
        self.timings: dict[str, float] = {}
        self.files: list[str] = []
        R = self.R
        self.holidays = national_holidays(range(self.months[0].year - 1, self.months[-1].year + 2))
        lebaran = [idul_fitri(y) for y in range(self.months[0].year, self.months[-1].year + 1)]
        self.lebaran = np.array([np.datetime64(d, "D").astype(np.int64) for d in lebaran])
        # monthly stats for BerAKHLAK
        nm = len(self.months)
        self.stat_late = np.zeros((nm, R.n), np.float32)
        self.stat_days = np.zeros((nm, R.n), np.float32)
        self.stat_prod = np.zeros((nm, R.n), np.float32)
        self.dev_lines = np.zeros(R.n_dev, np.int64)
        self.dev_crc = np.zeros(R.n_dev, np.int64)

    # ---------------------------------------------------------------- calendar per month
    def _month_days(self, m: int) -> dict[str, np.ndarray]:
        first = self.months[m]
        last = _month_add(first, 1) - dt.timedelta(days=1)
        rows = [r for r in _days(first, last) if r["is_workday"]]
        days = [r["date"] for r in rows]
        d = np.array([np.datetime64(x, "D").astype(np.int64) for x in days], np.int64)
        wd = np.array([x.weekday() for x in days])
        ram = np.array([r["is_ramadan"] for r in rows], bool)
        seconds = lambda t: t.hour * 3600 + t.minute * 60  # noqa: E731
        start = np.array([seconds(r["start_time"]) for r in rows], np.int64)
        end = np.array([seconds(r["end_time"]) for r in rows], np.int64)
        ct_f = np.ones(len(d))
        ct_f[np.array([x.month == 12 for x in days], bool)] = 2.2
        near = (np.abs(d[:, None] - self.lebaran[None, :]) <= 8).any(axis=1)
        ct_f[near] = 3.5
        late_add = np.where(wd == 0, 0.02, 0.0) + np.where(near, 0.05, 0.0) + np.where(ram, 0.02, 0.0)
        sats = []
        x = first
        while x <= last:
            if x.weekday() == 5 and x not in self.holidays:
                sats.append(np.datetime64(x, "D").astype(np.int64))
            x += dt.timedelta(days=1)
        return {"d": d, "wd": wd, "start": start, "end": end, "ct": ct_f, "late_add": late_add,
                "sat": np.array(sats, np.int64), "ram": ram}

    # ---------------------------------------------------------------- simulation
    def _simulate(self, m: int, cal: dict) -> dict[str, np.ndarray]:
        R, P = self.R, self.P
        rng = self.rngs("hadir", m)
        n = R.n
        d = cal["d"]
        nd = len(d)
        eff = _effects(R, P, m)
        opd = R.opd[:n]
        active = (R.start[:n, None] <= d[None, :]) & (d[None, :] < R.end[:n, None])
        p_tk = R.tk_rate[:n] * eff["tk_mult"][opd] + eff["tk_add"][opd]
        c1 = p_tk[:, None]
        c2 = c1 + R.sick[:n, None]
        c3 = c2 + R.izin[:n, None]
        c4 = c3 + 0.0015
        c5 = c4 + R.dl[:n, None]
        c6 = c5 + R.ct[:n, None] * cal["ct"][None, :]
        u = rng.random((n, nd), dtype=np.float32)
        status = np.full((n, nd), H, np.int8)
        for code, c in ((CT, c6), (DL, c5), (CAP, c4), (I_, c3), (S_, c2), (TK, c1)):
            status[u < c] = code
        if nd > 1:  # sickness lasts a few days
            ext = (status[:, :-1] == S_) & (status[:, 1:] == H) & (rng.random((n, nd - 1), dtype=np.float32) < 0.45)
            status[:, 1:][ext] = S_
        long_mask = (R.long_start[:n, None] <= d[None, :]) & (d[None, :] < R.long_end[:n, None]) & (
            R.long_code[:n, None] != NONE)
        status = np.where(long_mask, R.long_code[:n, None], status).astype(np.int8)
        if P.tk_run and P.tk_run[1] == m:
            e = P.tk_run[0]
            status[e, : min(nd, 12)] = TK
        for e in P.pnw.get(m, []):
            row = status[e]
            fix = np.isin(row, [TK, S_, I_, CAP, CT, DL]) & (rng.random(nd) < 0.9)
            row[fix] = H
        for a, b in P.buddy.get(m, []):
            ok = (status[a] == H) & ~long_mask[b] & (rng.random(nd) < 0.92)
            status[b, ok] = H
        status[~active] = NONE
        present = status == H

        # --- times
        p_late = (R.late_p[:n, None] * eff["late_mult"][opd][:, None] + eff["late_add"][opd][:, None]
                  + cal["late_add"][None, :])
        late = rng.random((n, nd), dtype=np.float32) < np.clip(p_late, 0, 0.95)
        late_min = rng.exponential(1.0, (n, nd)).astype(np.float32) * (R.late_mean[:n] * eff["late_mean"][opd])[:, None]
        early_min = rng.gamma(2.0, 0.5, (n, nd)).astype(np.float32) * R.early_mean[:n, None]
        st = cal["start"][None, :]
        arr = st + np.where(late, late_min * 60 + 60, -early_min * 60) + rng.integers(0, 60, (n, nd))
        arr = np.clip(arr, st - 90 * 60, st + 300 * 60).astype(np.int32)
        leave_p = R.early_p[:n] * (1 + 2 * (eff["late_add"][opd] > 0))  # declining units leave early too
        early_leave = rng.random((n, nd), dtype=np.float32) < leave_p[:, None]
        en = cal["end"][None, :]
        leave = np.where(early_leave, -(rng.exponential(25.0, (n, nd)) + 1) * 60,
                         rng.exponential(1.0, (n, nd)) * R.stay_mean[:n, None] * 60)
        dep = np.clip(en + leave + rng.integers(0, 60, (n, nd)), arr + 3600, 21 * 3600 + 1800).astype(np.int32)
        v = rng.random((n, nd), dtype=np.float32)
        miss_dep = v < 0.03
        miss_arr = v > 0.996
        dev = np.broadcast_to(R.device[:n, None], (n, nd)).copy()
        other = rng.random((n, nd), dtype=np.float32) < 0.015
        if other.any():
            ei, di = np.nonzero(other)
            d0 = np.array([R.opd_devs[o][0] for o in range(R.n_opd)])[opd[ei]]
            nd_ = np.array([R.opd_devs[o][1] for o in range(R.n_opd)])[opd[ei]]
            dev[ei, di] = d0 + rng.integers(0, 1 << 30, len(ei)) % nd_
        # buddy punching: b's punches follow a's by 1-20 s on a's machine
        for a, b in P.buddy.get(m, []):
            days = present[a] & present[b]
            k = days.sum()
            arr[b, days] = arr[a, days] + rng.integers(1, 21, k)
            dep[b, days] = dep[a, days] + rng.integers(1, 21, k)
            miss_arr[b, days] = miss_arr[a, days]
            miss_dep[b, days] = miss_dep[a, days]
            dev[b, days] = dev[a, days]
        # ordinary colleagues arriving together now and then
        if len(P.casual):
            a, b = P.casual[:, 0], P.casual[:, 1]
            together = present[a] & present[b] & (rng.random((len(a), nd), dtype=np.float32) < 0.12)
            pi, di = np.nonzero(together)
            arr[b[pi], di] = arr[a[pi], di] + rng.integers(1, 26, len(pi))
            dev[b[pi], di] = dev[a[pi], di]
        is_late = present & ~miss_arr & (arr > st)
        return {"status": status, "present": present, "arr": arr, "dep": dep, "miss_arr": miss_arr,
                "miss_dep": miss_dep, "dev": dev, "late": is_late, "eff": eff, "active": active}

    # ---------------------------------------------------------------- attlog
    def _write_punches(self, m: int, cal: dict, S: dict) -> int:
        R = self.R
        rng = self.rngs("punch", m)
        n = R.n
        d = cal["d"]
        fp = R.fingerprint[:n, None]
        present = S["present"]
        arr_mask = present & fp & ~S["miss_arr"]
        dep_mask = present & fp & ~S["miss_dep"]
        excused_punch = np.isin(S["status"], [I_, DL]) & fp & (rng.random(present.shape, dtype=np.float32) < 0.12)
        arr_mask |= excused_punch
        ea, da = np.nonzero(arr_mask)
        ed, dd = np.nonzero(dep_mask)
        dev = np.concatenate([S["dev"][ea, da], S["dev"][ed, dd]])
        t = np.concatenate([d[da] * 86400 + S["arr"][ea, da], d[dd] * 86400 + S["dep"][ed, dd]])
        pin = np.concatenate([R.pin[ea], R.pin[ed]])
        io_ = np.concatenate([np.zeros(len(ea), np.int8), np.ones(len(ed), np.int8)])
        # honorer (non-ASN) staff on the machines: unknown PINs
        nh = max(1, round(n * 0.002))
        hr = self.rngs("honorer")
        fp_devs = np.where(~R.opd_app[np.array(R.dev_opd)])[0]
        h_dev = fp_devs[hr.integers(0, len(fp_devs), nh)]
        h_pin = 90001 + np.arange(nh) * 7 + int(R.pin.max())
        h_day = rng.random((nh, len(d))) < 0.88
        hi, hd = np.nonzero(h_day)
        h_arr = d[hd] * 86400 + cal["start"][hd] - rng.integers(0, 1800, len(hi))
        h_dep = d[hd] * 86400 + cal["end"][hd] + rng.integers(0, 1800, len(hi))
        # Saturday activities (BPBD, Satpol PP)
        sat_codes = [R.opd_index[c] for c in SATURDAY_OPDS]
        sat_emp = np.where(np.isin(R.opd[:n], sat_codes) & R.fingerprint[:n])[0]
        sat_t, sat_e = [], []
        for s in cal["sat"]:
            alive = sat_emp[(R.start[sat_emp] <= s) & (s < R.end[sat_emp])]
            who = alive[rng.random(len(alive)) < 0.06]
            sat_e.append(np.repeat(who, 2))
            sat_t.append(np.stack([s * 86400 + 7 * 3600 + rng.integers(0, 3600, len(who)),
                                   s * 86400 + 12 * 3600 + rng.integers(0, 3600, len(who))], 1).ravel())
        sat_e = np.concatenate(sat_e) if sat_e else np.zeros(0, np.int64)
        sat_t = np.concatenate(sat_t) if sat_t else np.zeros(0, np.int64)
        dev = np.concatenate([dev, h_dev[hi], h_dev[hi], R.device[sat_e]]).astype(np.int32)
        t = np.concatenate([t, h_arr, h_dep, sat_t]).astype(np.int64)
        pin = np.concatenate([pin, h_pin[hi], h_pin[hi], R.pin[sat_e]]).astype(np.int64)
        io_ = np.concatenate([io_, np.zeros(len(hi), np.int8), np.ones(len(hi), np.int8),
                              np.tile(np.array([0, 1], np.int8), len(sat_e) // 2)])
        unknown = np.concatenate([np.zeros(len(t) - 2 * len(hi) - len(sat_e), bool), np.ones(2 * len(hi), bool),
                                  np.zeros(len(sat_e), bool)])
        # duplicate punches a few seconds later
        dup = rng.random(len(t)) < 0.015
        dev = np.concatenate([dev, dev[dup]])
        t = np.concatenate([t, t[dup] + rng.integers(1, 9, dup.sum())])
        pin = np.concatenate([pin, pin[dup]])
        io_ = np.concatenate([io_, io_[dup]])
        unknown = np.concatenate([unknown, unknown[dup]])
        order = np.lexsort((pin, t, dev))
        dev, t, pin, io_, unknown = dev[order], t[order], pin[order], io_[order], unknown[order]
        counts = np.bincount(dev, minlength=R.n_dev)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        rank = np.arange(len(t)) - starts[dev]
        line_no = self.dev_lines[dev] + rank + 1 + R.dev_extended[dev]  # extended: serial line first
        # ---- format lines, a batch of machines at a time (bounded memory)
        day = t // 86400
        sec = (t % 86400).astype(np.int64)
        d0 = int(day.min()) if len(day) else 0
        ndays = int(day.max() - d0 + 1) if len(day) else 1
        dstr = _d2str(np.arange(d0, d0 + ndays), "iso")
        short = R.dev_short[dev] & (rng.random(len(t)) < 0.15)
        tail_idx = np.where(short, 4 + (rng.random(len(t)) < 0.5), R.dev_face[dev] * 2 + io_)
        tails = pl.Series(["\t1\t0\t1\t0", "\t1\t1\t1\t0", "\t1\t0\t15\t0", "\t1\t1\t15\t0", "", "\t1"])
        bad_rows = np.where(unknown)[0]
        for k in np.unique(dev[bad_rows]):
            sel = bad_rows[dev[bad_rows] == k]
            self.bad.add(f"absensi_log/{R.dev_id[k]}_attlog.dat", line_no[sel], "unknown_pin")
        folder = self.out / "absensi_log"
        devices = np.nonzero(counts)[0]
        batch: list[int] = []
        for i, k in enumerate(devices):
            batch.append(int(k))
            size = starts[batch[-1]] + counts[batch[-1]] - starts[batch[0]]
            if size < _CHUNK and i < len(devices) - 1:
                continue
            lo, hi = int(starts[batch[0]]), int(starts[batch[-1]] + counts[batch[-1]])
            sl = slice(lo, hi)
            line = pl.DataFrame({
                "p": pl.Series(pin[sl]).cast(pl.String), "pad": R.dev_padded[dev[sl]],
                "d": dstr.gather(day[sl] - d0), "t": _time_table("hms").gather(sec[sl]),
                "tail": tails.gather(tail_idx[sl])}).select(
                pl.concat_str([pl.when(pl.col("pad")).then(pl.col("p").str.pad_start(9)).otherwise(pl.col("p")),
                               pl.lit("\t"), pl.col("d"), pl.lit(" "), pl.col("t"), pl.col("tail")]).alias("line"))
            for kk in batch:
                a, c = int(starts[kk]) - lo, int(counts[kk])
                term = "\r\n" if R.dev_crlf[kk] else "\n"
                buf = io.BytesIO()
                line.slice(a, c).write_csv(buf, include_header=False, quote_style="never", line_terminator=term)
                data = buf.getvalue()
                with open(folder / f"{R.dev_id[kk]}_attlog.dat", "ab" if self.dev_lines[kk] else "wb") as fh:
                    if self.dev_lines[kk] == 0 and R.dev_extended[kk]:
                        fh.write((R.dev_serial[kk] + term).encode())
                    fh.write(data)
                if R.dev_extended[kk]:
                    self.dev_crc[kk] = zlib.crc32(data, int(self.dev_crc[kk]))
                self.dev_lines[kk] += c
            batch = []
        return len(t)

    def _finish_attlog(self) -> None:
        R = self.R
        for k in range(R.n_dev):
            path = self.out / "absensi_log" / f"{R.dev_id[k]}_attlog.dat"
            if R.dev_extended[k]:
                with open(path, "ab" if self.dev_lines[k] else "wb") as fh:
                    if self.dev_lines[k] == 0:
                        fh.write((R.dev_serial[k] + "\r\n").encode())
                    fh.write(f"CHECKSUM {int(self.dev_crc[k]) & 0xFFFFFFFF:08X}\r\n".encode())
            if self.dev_lines[k] or R.dev_extended[k]:
                self.files.append(f"absensi_log/{path.name}")

    # ---------------------------------------------------------------- absensi_harian
    def _write_recap(self, m: int, cal: dict, S: dict) -> int:
        R = self.R
        rng = self.rngs("rekap", m)
        n = R.n
        status = S["status"]
        app = ~R.fingerprint[:n, None]
        excused = np.isin(status, [I_, S_, CT, CB, CM, CAP, DL, TB])
        tk = (status == TK) & (rng.random(status.shape, dtype=np.float32) < 0.7)
        h_app = S["present"] & app
        e_idx, d_idx = np.nonzero(excused | tk | h_app)
        st = status[e_idx, d_idx]
        codes = np.array(STATUS_CODES, dtype=object)[st]
        u = rng.random(len(st))
        codes = np.where((st == TK) & (u < 0.25), "A", np.where((st == TK) & (u < 0.4), "ALPA", codes))
        codes = np.where((st == CT) & (u < 0.2), "C", codes)
        arr = S["arr"][e_idx, d_idx]
        dep = S["dep"][e_idx, d_idx]
        is_h = st == H
        start = cal["start"][d_idx]
        late_m = (arr - start) / 60
        tm = np.where(late_m >= 60, "TM3", np.where(late_m >= 30, "TM2", "TM1"))
        codes = np.where(is_h & (u < 0.15), "HN", codes)
        codes = np.where(is_h & (late_m > 0) & (u > 0.5), tm, codes)
        # messy codes: case and stray spaces
        v = rng.random(len(st))
        codes = codes.astype(str)
        lower = v < 0.012
        codes = np.where(lower, np.char.lower(codes), codes)
        padded = (v >= 0.012) & (v < 0.024)
        codes = np.where(padded, np.char.add(np.char.add(" ", codes), " "), codes)
        title = (v >= 0.024) & (v < 0.03)
        codes = np.where(title, np.char.capitalize(codes), codes)
        miss_arr = S["miss_arr"][e_idx, d_idx] & is_h
        miss_dep = S["miss_dep"][e_idx, d_idx] & is_h
        style = m % 6
        t_mode = ["hm", "hm.", "hm", "mixed", "hm", "hm."][style]
        if t_mode == "mixed":
            hm = _time_table("hm").gather(arr // 60)
            hms = _time_table("h:mm:ss").gather(arr)
            pick = rng.random(len(arr)) < 0.4
            jm = pl.DataFrame({"a": hm, "b": hms, "p": pick}).select(
                pl.when("p").then("b").otherwise("a"))[:, 0]
            hm2 = _time_table("hm").gather(dep // 60)
            hms2 = _time_table("h:mm:ss").gather(dep)
            jp = pl.DataFrame({"a": hm2, "b": hms2, "p": pick}).select(pl.when("p").then("b").otherwise("a"))[:, 0]
        else:
            jm = _time_table(t_mode).gather(arr // 60)
            jp = _time_table(t_mode).gather(dep // 60)
        d_style = ["iso", "dmy", "mixed", "iso", "dmy-", "mixed"][(m * 7 + 3) % 6]
        days = cal["d"]
        if d_style == "mixed":
            iso = _d2str(days, "iso").gather(d_idx)
            dmy = _d2str(days, "dmy").gather(d_idx)
            pick = rng.random(len(d_idx)) < 0.5
            tgl = pl.DataFrame({"a": iso, "b": dmy, "p": pick}).select(pl.when("p").then("b").otherwise("a"))[:, 0]
        else:
            tgl = _d2str(days, d_style).gather(d_idx)
        df = pl.DataFrame({
            "NIP": R.nip_s.gather(e_idx),
            "TANGGAL": tgl,
            "JAM_MASUK": jm, "JAM_PULANG": jp, "_h": is_h, "_ma": miss_arr, "_md": miss_dep,
            "KETERANGAN": pl.Series(codes, dtype=pl.String),
        }).with_columns(
            JAM_MASUK=pl.when(pl.col("_h") & ~pl.col("_ma")).then("JAM_MASUK").otherwise(pl.lit("")),
            JAM_PULANG=pl.when(pl.col("_h") & ~pl.col("_md")).then("JAM_PULANG").otherwise(pl.lit("")),
        ).drop("_h", "_ma", "_md")
        cp1252 = m % 6 == 4
        if cp1252:
            notes = {"S": "Surat keterangan dokter – Puskesmas", "DL": "Dinas luar – SPT terlampir",
                     "I": "Izin keperluan keluarga", "CT": "Cuti tahunan – disetujui atasan"}
            df = df.with_columns(CATATAN=pl.col("KETERANGAN").str.strip_chars().str.to_uppercase()
                                 .replace_strict(notes, default=""))
        df, pos, reasons = self.bad.plant(
            df, rng, "NIP", 0.003, invalid={"KETERANGAN": ["XX|unknown_code", "HDR|unknown_code"]})
        name = f"absensi_harian_{self.months[m]:%Y-%m}.csv"
        self.bad.add(name, pos + 1, reasons)
        if m % 12 == 7:  # one month exported with display headers
            df = df.rename({"NIP": "Nip", "TANGGAL": "Tanggal", "JAM_MASUK": "Jam Masuk", "JAM_PULANG": "Jam Pulang",
                            "KETERANGAN": "Keterangan"})
        data = _csv_bytes(df, sep=";", crlf=cp1252)
        if cp1252:
            data = data.decode("utf-8").encode("cp1252")
        elif m % 3 == 1:
            data = b"\xef\xbb\xbf" + data
        (self.out / name).write_bytes(data)
        self.files.append(name)
        return df.height

    # ---------------------------------------------------------------- aktivitas
    def _write_activities(self, m: int, cal: dict, S: dict) -> tuple[int, np.ndarray]:
        R, P = self.R, self.P
        rng = self.rngs("aktivitas", m)
        n = R.n
        status = S["status"]
        eff = S["eff"]
        work = (status == H) | (status == DL)
        pnw = np.zeros(n, bool)
        pnw[P.pnw.get(m, [])] = True
        low = np.zeros(n, bool)
        low[P.low.get(m, [])] = True
        # present-not-working: most present days without any activity
        drop = pnw[:, None] & (status == H) & (rng.random(status.shape, dtype=np.float32) < 0.88)
        e_idx, d_idx = np.nonzero(work & ~drop)
        na = len(e_idx)
        opd = R.opd[e_idx]
        mu = R.minutes[e_idx] * eff["min_mult"][opd]
        total = mu * np.clip(rng.normal(1.0, 0.12, na), 0.4, 1.6)
        total = np.where(low[e_idx], rng.uniform(70, 135, na), total)
        total = np.where(cal["ram"][d_idx], total * 0.87, total)
        k = rng.choice(np.array([1, 2, 3]), na, p=[0.38, 0.42, 0.20])
        k = np.where(low[e_idx], 1 + (rng.random(na) < 0.3), k)
        # an extra entry the atasan rejects (not counted in the day's work; ~8 % of rows)
        extra = (rng.random(na) < R.reject_p[e_idx]).astype(np.int64)
        rows = np.repeat(np.arange(na), k + extra)
        nr = len(rows)
        first = np.concatenate([[0], np.cumsum(k + extra)[:-1]])
        is_extra = (np.arange(nr) - first[rows]) >= k[rows]
        # activity pool per row
        ecat = R.cat[e_idx][rows]
        use_umum = rng.random(nr) < 0.25
        cat = np.where(use_umum, 0, ecat)
        pool_sizes = np.array([len(_AKT[c]) for c in AKT_CATS])
        pool_off = np.concatenate([[0], np.cumsum(pool_sizes)[:-1]])
        item = pool_off[cat] + (rng.integers(0, 1 << 30, nr) % pool_sizes[cat])
        flat = [x for c in AKT_CATS for x in _AKT[c]]
        weight_tab = np.array([x[4] for x in flat])
        w = np.where(is_extra, 0.0, weight_tab[item] * rng.uniform(0.6, 1.4, nr))
        wsum = np.add.reduceat(w, first) if na else np.zeros(0)
        dur = np.maximum(5, np.round(total[rows] * w / wsum[rows] / 5) * 5).astype(np.int64)
        dur = np.where(is_extra, rng.integers(3, 19, nr) * 5, dur)
        # status per row: extra entries rejected; entries of the month's last days still wait for the atasan
        recent = d_idx[rows] >= len(cal["d"]) - 2
        st = np.where(is_extra, 1, np.where(recent & (rng.random(nr) < 0.45), 2, 0))
        pnw_rows = pnw[e_idx][rows] & (status[e_idx, d_idx][rows] == H)
        st = np.where(pnw_rows, np.where(rng.random(nr) < 0.6, 1, 2), st)
        # times
        gap = rng.integers(0, 16, nr)
        step = dur + gap
        cums = np.cumsum(step)
        grp_start = cums[first] - step[first]
        begin_first = np.maximum(cal["start"][d_idx] // 60 + 10 + rng.integers(0, 25, na), 7 * 60)
        start = begin_first[rows] + (cums - step - grp_start[rows])
        start = np.where(start >= 12 * 60, start + 45, start)
        end = start + dur
        start = np.clip(start, 0, 1439)
        end = np.clip(end, 0, 1439)
        vol_lo = np.array([x[2] for x in flat])[item]
        vol_hi = np.array([x[3] for x in flat])[item]
        vol = vol_lo + (rng.integers(0, 1 << 30, nr) % (vol_hi - vol_lo + 1))
        uraian = pl.Series([x[0] for x in flat], dtype=pl.String)
        satuan = pl.Series([x[1] for x in flat], dtype=pl.String)
        style = (m * 5 + 1) % 7
        d_fmt = "dmy" if style in (2, 5) else "iso"
        t_tab = _time_table("hm." if style == 3 else "hm")
        no_time = rng.random(nr) < 0.06
        approved = np.bincount(e_idx[rows], weights=dur * (st == 0), minlength=n)
        name = f"aktivitas_{self.months[m]:%Y-%m}.csv"
        dates = _d2str(cal["d"], d_fmt)
        status_s = pl.Series(["DISETUJUI", "DITOLAK", "MENUNGGU"], dtype=pl.String)
        written = 0
        with open(self.out / name, "wb") as fh:
            for lo in range(0, max(nr, 1), _CHUNK):
                sl = slice(lo, min(nr, lo + _CHUNK))
                df = pl.DataFrame({
                    "NIP": R.nip_s.gather(e_idx[rows[sl]]),
                    "TANGGAL": dates.gather(d_idx[rows[sl]]),
                    "URAIAN": uraian.gather(item[sl]),
                    "DURASI_MENIT": pl.Series(dur[sl]).cast(pl.String),
                    "VOLUME": pl.Series(vol[sl]).cast(pl.String),
                    "SATUAN": satuan.gather(item[sl]),
                    "STATUS": status_s.gather(st[sl]),
                    "JAM_MULAI": t_tab.gather(start[sl]),
                    "JAM_SELESAI": t_tab.gather(end[sl]),
                    "_nt": no_time[sl],
                }).with_columns(
                    JAM_MULAI=pl.when("_nt").then(pl.lit(None, pl.String)).otherwise("JAM_MULAI"),
                    JAM_SELESAI=pl.when("_nt").then(pl.lit(None, pl.String)).otherwise("JAM_SELESAI"),
                ).drop("_nt")
                df, pos, reasons = self.bad.plant(df, rng, "NIP", 0.002,
                                                  invalid={"DURASI_MENIT": ["0|out_of_range", "2000|out_of_range"]})
                self.bad.add(name, pos + 1 + written, reasons)
                fh.write(_csv_bytes(df, header=written == 0))
                written += df.height
        self.files.append(name)
        return written, approved

    # ---------------------------------------------------------------- kinerja
    def _kinerja_rows(self, m: int, S: dict, approved: np.ndarray, fh, offset: int) -> int:
        R = self.R
        rng = self.rngs("kinerja", m)
        n = R.n
        status = S["status"]
        active_days = S["active"].sum(axis=1)
        present = S["present"].sum(axis=1)
        worked = present + (status == DL).sum(axis=1)
        late_rate = S["late"].sum(axis=1) / np.maximum(present, 1)
        tkd = (status == TK).sum(axis=1)
        prod = approved / np.maximum(worked, 1)
        typical = np.median(prod[worked >= 5]) if (worked >= 5).any() else 1.0
        prod = prod / max(typical, 1.0)                 # relative to this month's regional median
        eff = S["eff"]
        opd = R.opd[:n]
        self.stat_late[m] = late_rate
        self.stat_days[m] = present
        self.stat_prod[m] = np.where(worked > 0, prod, np.nan)
        hs = (2.4 * np.clip(prod - 1, -1, 0.5) + 0.55 * R.q_hasil[:n] + rng.normal(0, 0.45, n) + eff["hasil"][opd])
        ps = (0.55 * R.q_perilaku[:n] - 3.0 * late_rate - 0.25 * tkd + rng.normal(0, 0.45, n) + eff["perilaku"][opd]
              + 0.25)
        h = np.where(hs > 0.5, 0, np.where(hs < -1.0, 2, 1))
        p = np.where(ps > 0.35, 0, np.where(ps < -1.35, 2, 1))
        pred = np.array(PREDIKAT_MATRIX, dtype=object)[h, p]
        keep = (active_days > 0) & (rng.random(n) > 0.008)
        idx = np.where(keep)[0]
        u = rng.random(len(idx))
        pred_out = pred[idx].astype(object)
        pred_out[u < 0.03] = ""
        contra = u > 0.996
        alt = np.array(PREDIKAT, dtype=object)[rng.integers(0, 5, len(idx))]
        alt = np.where(alt == pred_out, "BAIK", alt)
        alt = np.where(alt == pred_out, "SANGAT BAIK", alt)
        pred_out[contra] = alt[contra]
        month = self.months[m]
        df = pl.DataFrame({
            "NIP": R.nip_s.gather(idx),
            "TAHUN": pl.Series([str(month.year)] * len(idx), dtype=pl.String),
            "PERIODE": pl.Series([str(month.month)] * len(idx), dtype=pl.String),
            "RATING_HASIL_KERJA": pl.Series(np.array(RATING, dtype=object)[h[idx]].astype(str), dtype=pl.String),
            "RATING_PERILAKU_KERJA": pl.Series(np.array(RATING, dtype=object)[p[idx]].astype(str), dtype=pl.String),
            "PREDIKAT_KINERJA": pl.Series(pred_out.astype(str), dtype=pl.String),
            "_c": contra,
        })
        df, pos, reasons = self.bad.plant(df.drop("_c").with_columns(_c=df["_c"].cast(pl.String)), rng, "NIP", 0.003,
                                          invalid={"RATING_HASIL_KERJA": ["BAIK SEKALI|invalid_rating"]})
        self.bad.add("kinerja.csv", pos + 1 + offset, reasons)
        c_rows = np.where((df["_c"] == "true").to_numpy())[0]
        ins = np.zeros(df.height, bool)
        ins[pos] = True
        c_rows = c_rows[~ins[c_rows]]
        self.contra.append(df[c_rows.tolist()].select("NIP", "TAHUN", "PERIODE", "PREDIKAT_KINERJA")
                           .with_columns(row_number=pl.Series(c_rows + 1 + offset)))
        df = df.drop("_c")
        fh.write(_csv_bytes(df, header=False))
        return df.height

    # ---------------------------------------------------------------- berakhlak
    def _semesters(self) -> list[tuple[str, list[int]]]:
        out = []
        years = range(self.months[0].year, self.months[-1].year + 1)
        for y in years:
            for s in (1, 2):
                ms = [k for k, mo in enumerate(self.months) if mo.year == y and (mo.month <= 6) == (s == 1)]
                if len(ms) >= 3 or (len(self.months) < 3 and ms):
                    out.append((f"{y}-S{s}", ms))
        return out

    def _write_berakhlak(self) -> int:
        R, P = self.R, self.P
        n = R.n
        sems = self._semesters()
        opd = R.opd[:n]
        fh = open(self.out / "berakhlak.csv", "wb")
        fh.write((",".join(HEADERS["berakhlak"]) + "\n").encode())
        written = 0
        # employees sorted by OPD for peer sampling
        order = np.argsort(opd, kind="stable")
        opd_start = np.searchsorted(opd[order], np.arange(R.n_opd))
        opd_cnt = np.bincount(opd, minlength=R.n_opd)
        struk_by_opd = [np.where((opd == o) & (R.jenis[:n] == 0))[0] for o in range(R.n_opd)]
        setda = struk_by_opd[R.opd_index["4.01.01"]]
        for si, (period, ms) in enumerate(sems):
            rng = self.rngs("berakhlak", period)
            first = np.datetime64(self.months[ms[0]], "D").astype(np.int64)
            last = np.datetime64(_month_add(self.months[ms[-1]], 1), "D").astype(np.int64)
            alive = (R.start[:n] < last) & (R.end[:n] > first + 45)
            who = np.where(alive)[0]
            nw = len(who)
            eff = np.mean([_effects(R, P, k)["beh"] for k in ms], axis=0)
            seen = self.stat_days[ms][:, who] > 0
            late = np.where(seen.any(axis=0), (self.stat_late[ms][:, who] * seen).sum(axis=0)
                            / np.maximum(seen.sum(axis=0), 1), 0.1)
            base = 3.95 + 0.3 * R.q_beh[who] - 1.2 * late + eff[opd[who]]
            # assessors
            roles, targets, raters = [], [], []
            roles.append(np.full(nw, 3)); targets.append(who); raters.append(who)            # DIRI
            # ATASAN: a struktural of the same OPD (or Setda)
            at = np.empty(nw, np.int64)
            for o in range(R.n_opd):
                sel = np.where(opd[who] == o)[0]
                pool = struk_by_opd[o]
                pool = pool if len(pool) > 1 else setda
                at[sel] = pool[rng.integers(0, len(pool), len(sel))]
            clash = at == who
            at[clash] = setda[0] if len(setda) and setda[0] != 0 else at[clash]
            roles.append(np.full(nw, 0)); targets.append(who); raters.append(at)
            # REKAN: two or three colleagues of the same OPD
            for r in range(3):
                take = np.ones(nw, bool) if r < 2 else rng.random(nw) < 0.5
                o = opd[who[take]]
                cnt = opd_cnt[o]
                j = rng.integers(0, 1 << 30, take.sum()) % cnt
                mate = order[opd_start[o] + j]
                mate = np.where(mate == who[take], order[opd_start[o] + (j + 1) % cnt], mate)
                roles.append(np.full(take.sum(), 1)); targets.append(who[take]); raters.append(mate)
            # BAWAHAN for struktural
            sw = who[R.jenis[who] == 0]
            for _r in range(3):
                o = opd[sw]
                cnt = opd_cnt[o]
                j = rng.integers(0, 1 << 30, len(sw)) % cnt
                sub = order[opd_start[o] + j]
                roles.append(np.full(len(sw), 2)); targets.append(sw); raters.append(sub)
            role = np.concatenate(roles)
            tgt = np.concatenate(targets)
            rat = np.concatenate(raters)
            ok = (rat != tgt) | (role == 3)
            ok &= rng.random(len(role)) < np.where(role == 3, 0.93, 0.88)   # response rate
            role, tgt, rat = role[ok], tgt[ok], rat[ok]
            hid = _splitmix(R.nip_int[rat] ^ _splitmix(np.full(len(rat), _key(period) + R.rngs.seed, np.uint64)))
            hid_s = [f"{x:016x}" for x in hid.tolist()]
            keep = pl.DataFrame({"t": tgt, "h": hid_s}).select(
                pl.struct("t", "h").is_first_distinct())[:, 0].to_numpy()  # one row per rater
            role, tgt, rat = role[keep], tgt[keep], rat[keep]
            hid_s = [h for h, k in zip(hid_s, keep, strict=True) if k]
            nr = len(role)
            pos = np.searchsorted(who, tgt)
            bias = np.array([-0.05, 0.08, 0.12, 0.4])[role]
            rater_sd = rng.normal(0, 0.3, nr)
            items = (base[pos][:, None] + bias[:, None] + rater_sd[:, None] + np.repeat(_VALUE_OFFSET, 3)[None, :]
                     + rng.normal(0, 0.5, (nr, 21)))
            items_i = np.clip(np.round(items), 1, 5).astype(np.int64)
            vals = np.clip(np.round(items.reshape(nr, 7, 3).mean(axis=2) + rng.normal(0, 0.25, (nr, 7))), 1, 5).astype(
                np.int64)
            with_items = si % 2 == 1 and len(sems) > 1
            data = {"PERIODE": pl.Series([period] * nr, dtype=pl.String),
                    "NIP_DINILAI": R.nip_s.gather(tgt),
                    "PERAN_PENILAI": pl.Series(["ATASAN", "REKAN", "BAWAHAN", "DIRI"], dtype=pl.String).gather(role),
                    "ID_PENILAI": pl.Series(hid_s, dtype=pl.String)}
            for v, name in enumerate(BERAKHLAK_VALUES):
                col = pl.Series(vals[:, v]).cast(pl.String)
                if with_items and v in _ITEM_VALUES_EMPTY:
                    col = pl.repeat(None, nr, dtype=pl.String, eager=True)
                data[name] = col
            for i in range(21):
                data[f"P{i + 1:02d}"] = (pl.Series(items_i[:, i]).cast(pl.String) if with_items
                                         else pl.repeat(None, nr, dtype=pl.String, eager=True))
            role_order = pl.Series("_r", np.array([1, 2, 3, 0])[role])  # DIRI, ATASAN, REKAN, BAWAHAN
            df = (pl.DataFrame(data).with_columns(role_order)
                  .sort("NIP_DINILAI", "_r", maintain_order=True).drop("_r"))
            df, pos, reasons = self.bad.plant(df, rng, "NIP_DINILAI", 0.003,
                                              invalid={"LOYAL": ["6|out_of_range", "0|out_of_range"]})
            self.bad.add("berakhlak.csv", pos + 1 + written, reasons)
            fh.write(_csv_bytes(df, header=False))
            written += df.height
        fh.close()
        self.files.append("berakhlak.csv")
        self.semesters = [s for s, _ in sems]
        return written

    # ---------------------------------------------------------------- pelatihan
    def _write_pelatihan(self) -> int:
        R, P = self.R, self.P
        rng = self.rngs("pelatihan")
        n = R.n
        kinds = list(_PELATIHAN)
        share = np.array([_PELATIHAN[k][0] for k in kinds])
        share /= share.sum()
        month_w = np.array([0.5, 0.6, 0.8, 0.7, 0.8, 0.7, 0.8, 0.9, 1.0, 1.7, 2.1, 1.6])
        recs = []
        years = sorted({mo.year for mo in self.months})
        p_first = np.datetime64(self.months[0], "D").astype(np.int64)
        p_last = np.datetime64(_month_add(self.months[-1], 1), "D").astype(np.int64) - 1
        for y in years:
            in_period = np.array([dt.date(y, mo, 1) in self.months for mo in range(1, 13)])
            frac = (month_w * in_period).sum() / month_w.sum()
            motivated = rng.random(n) < 0.62
            lam = np.where(motivated, 3.6, 0.9) * frac
            cnt = rng.poisson(lam)
            e = np.repeat(np.arange(n), cnt)
            k = len(e)
            kind = rng.choice(len(kinds), k, p=share)
            # structural leadership training mostly for struktural
            kind = np.where((kind == kinds.index("Pelatihan Struktural")) & (R.jenis[e] != 0) & (rng.random(k) < 0.8),
                            kinds.index("Pelatihan Teknis"), kind)
            mw = month_w * in_period
            mo = rng.choice(12, k, p=mw / mw.sum()) + 1
            start = np.array([np.datetime64(f"{y}-{x:02d}-01", "D").astype(np.int64) for x in range(1, 13)])[mo - 1]
            start = start + rng.integers(0, 26, k)
            recs.append((e, kind, start))
        e = np.concatenate([r[0] for r in recs]) if recs else np.zeros(0, np.int64)
        kind = np.concatenate([r[1] for r in recs]) if recs else np.zeros(0, np.int64)
        start = np.concatenate([r[2] for r in recs]) if recs else np.zeros(0, np.int64)
        lo = np.array([_PELATIHAN[kinds[k]][1] for k in range(len(kinds))])[kind]
        hi = np.array([_PELATIHAN[kinds[k]][2] for k in range(len(kinds))])[kind]
        jp = (lo + rng.integers(0, 1 << 30, len(kind)) % (hi - lo + 1)).astype(float)
        elearn = kind == kinds.index("E-Learning")
        half = elearn & (rng.random(len(kind)) < 0.3)
        jp[half] += 0.5
        dlo = np.array([_PELATIHAN[kinds[k]][3] for k in range(len(kinds))])[kind]
        dhi = np.array([_PELATIHAN[kinds[k]][4] for k in range(len(kinds))])[kind]
        dur = dlo + rng.integers(0, 1 << 30, len(kind)) % (dhi - dlo + 1)
        end = start + dur - 1
        name_idx = rng.integers(0, 1 << 30, len(kind))
        names = np.array([_PELATIHAN[kinds[k]][5][j % len(_PELATIHAN[kinds[k]][5])] for k, j in
                          zip(kind.tolist(), name_idx.tolist(), strict=True)], dtype=object)
        pen = np.array([_PELATIHAN[kinds[k]][6][j % len(_PELATIHAN[kinds[k]][6])] for k, j in
                        zip(kind.tolist(), (name_idx // 7).tolist(), strict=True)], dtype=object)
        jenis = np.array(kinds, dtype=object)[kind]
        # story: the work-culture training month
        tm = self.months[P.train_m]
        t0 = np.datetime64(tm, "D").astype(np.int64)
        story = np.where(np.isin(R.opd[:n], [R.opd_index[c] for c in TRAINING_OPDS])
                         & (R.start[:n] <= t0 + 20) & (R.end[:n] > t0 + 25))[0]
        batch = rng.integers(0, 3, len(story))
        s_start = t0 + 5 + 7 * batch
        e = np.concatenate([e, story])
        names = np.concatenate([names, np.full(len(story), CULTURE_TRAINING, dtype=object)])
        jenis = np.concatenate([jenis, np.full(len(story), "Pelatihan Teknis", dtype=object)])
        pen = np.concatenate([pen, np.full(len(story), f"BKPSDM Kabupaten {KABUPATEN}", dtype=object)])
        start = np.concatenate([start, s_start])
        end = np.concatenate([end, s_start + 2])
        jp = np.concatenate([jp, np.full(len(story), 24.0)])
        keep = (end <= p_last) & (start >= p_first - 20) & (R.start[e] <= start) & (R.end[e] > end)
        e, names, jenis, pen, start, end, jp = e[keep], names[keep], jenis[keep], pen[keep], start[keep], end[keep], jp[
            keep]
        # no duplicate (NIP, training, start)
        df = pl.DataFrame({"e": e, "n": names.astype(str), "s": start}).with_row_index("i")
        first_i = df.unique(["e", "n", "s"], keep="first", maintain_order=True)["i"].to_numpy()
        e, names, jenis, pen, start, end, jp = (x[first_i] for x in (e, names, jenis, pen, start, end, jp))
        # chronological order
        order = np.lexsort((e, start))
        e, names, jenis, pen, start, end, jp = (x[order] for x in (e, names, jenis, pen, start, end, jp))
        nr = len(e)
        yr = end.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        cert = np.array([f"800.2/{i + 1:05d}/BKPSDM/{y}" for i, y in enumerate(yr.tolist())], dtype=object)
        cert[rng.random(nr) < 0.15] = None
        # JP: a number cell, or (some half JP) text with a decimal comma as typed by hand: "2,5"
        as_text = (jp != np.floor(jp)) & (rng.random(nr) < 0.6)
        jp_s = pl.Series(jp).cast(pl.String).str.replace(r"\.0$", "")
        jp_s = pl.select(pl.when(pl.Series(as_text)).then(jp_s.str.replace(".", ",", literal=True))
                         .otherwise(jp_s)).to_series()
        df = pl.DataFrame({
            "NIP": R.nip_s.gather(e), "NAMA_PELATIHAN": pl.Series(names.tolist(), dtype=pl.String),
            "JENIS": pl.Series(jenis.tolist(), dtype=pl.String),
            "PENYELENGGARA": pl.Series(pen.tolist(), dtype=pl.String),
            "TANGGAL_MULAI": pl.Series(start.astype("datetime64[D]")).cast(pl.Date),
            "TANGGAL_SELESAI": pl.Series(end.astype("datetime64[D]")).cast(pl.Date),
            "JP": jp_s, "NOMOR_SERTIFIKAT": pl.Series(cert.tolist(), dtype=pl.String)})
        df, pos, reasons = self.bad.plant(df, self.rngs("pelatihan-bad"), "NIP", 0.003,
                                          invalid={"JP": ["0|out_of_range"]})
        self.bad.add("pelatihan.xlsx", pos + 1, reasons)
        title = ["REKAPITULASI PENGEMBANGAN KOMPETENSI ASN",
                 f"{PEMKAB.upper()} PERIODE {self.months[0]:%m/%Y} - {self.months[-1]:%m/%Y}", None]
        kinds = {"TANGGAL_MULAI": "d", "TANGGAL_SELESAI": "d", "JP": "auto"}
        self._xlsx("pelatihan.xlsx", "Rekap Pelatihan", title, df, kinds)
        return df.height

    def _xlsx(self, name: str, sheet: str, title: list[str | None], df: pl.DataFrame, kinds: dict[str, str]) -> None:
        created = dt.datetime.combine(_month_add(self.months[-1], 1), dt.time(8, 0))
        write_xlsx(self.out / name, sheet, title, df, kinds, created)
        self.files.append(name)

    # ---------------------------------------------------------------- opd + pegawai
    def _write_opd(self) -> int:
        R = self.R
        df = pl.DataFrame({"KODE_OPD": R.opd_code, "NAMA_OPD": R.opd_name, "SINGKATAN": R.opd_abbr,
                           "RUMPUN": R.opd_rumpun})
        (self.out / "opd.csv").write_bytes(_csv_bytes(df))
        self.files.append("opd.csv")
        return df.height

    def _write_pegawai(self) -> int:
        R = self.R
        rng = self.rngs("pegawai-out")
        n, ng = R.n, R.n_ghost
        total = n + ng
        idx = np.arange(total)
        # order: by OPD, struktural first, then name
        order = np.lexsort((R.name[:total], R.jenis[:total], np.array(R.opd_code, dtype=object)[R.opd[:total]]
                            .astype(str)))
        ghosts = set(range(n, total))
        years_in = (np.datetime64(self.R.p_start, "D").astype(np.int64) - R.tmt_cpns) / 365.25
        gol = np.empty(total, dtype=object)
        for i in idx:
            e = R.edu[i]
            if R.pppk[i]:
                gol[i] = _PPPK_GOL[e]
            else:
                g = min(_GOL_START[e] + int(max(years_in[i], 0) // 4), _GOL_CAP[e])
                if R.jenis[i] == 0:
                    es = R.eselon[i] or ""
                    g = max(g, {"II.a": 14, "II.b": 13, "III.a": 11, "III.b": 10}.get(es, 8))
                gol[i] = PNS_GOLONGAN[min(g, 16)]
        level = np.where(np.isin(gol, ["III/c", "III/d"]), "Ahli Muda",
                         np.where(np.char.startswith(gol.astype(str), "IV"), "Ahli Madya",
                                  np.where(np.char.startswith(gol.astype(str), "III"), "Ahli Pertama", "Terampil")))
        pppk_level = np.where(np.isin(gol, ["IX", "X", "XI"]), "Ahli Pertama", "Terampil")
        level = np.where(R.pppk[:total], pppk_level, level)
        title = R.title_base[:total].astype(str)
        f = R.jenis[:total] == 1
        spec = np.char.startswith(title, "Dokter Spesialis")
        title = np.where(f & ~spec, np.char.add(np.char.add(title, " "), level.astype(str)), title)
        title = np.where(f & spec, np.char.add(title, " Ahli Muda"), title)
        rows = []
        bad_pos, bad_reason = [], []
        broken = {n + g: ["nip_scientific_notation", "nip_invalid_format", "unknown_opd"][g % 3] for g in range(ng)}
        dup_after = set(rng.choice(n, max(1, round(n * 0.0005)), replace=False).tolist())
        row_no = 0
        for i in order.tolist():
            nip = R.nip[i]
            kode = R.opd_code[R.opd[i]]
            reason = broken.get(i)
            if reason == "nip_scientific_notation":
                nip = _sci(nip)
            elif reason == "nip_invalid_format":
                nip = nip[1:]
            elif reason == "unknown_opd":
                kode = "9.99.01"
            birth = R.birth[i].astype("datetime64[D]").item()
            row = [None, nip, R.name[i], "P" if R.female[i] else "L", birth.strftime("%d/%m/%Y"),
                   "PPPK" if R.pppk[i] else "PNS", gol[i], ["Struktural", "Fungsional", "Pelaksana"][R.jenis[i]],
                   title[i], R.eselon[i] if R.jenis[i] == 0 else None, R.edu[i], kode, R.unit_name[R.unit[i]],
                   None if R.pppk[i] else R.tmt_cpns[i].astype("datetime64[D]").item(),
                   R.tmt_pppk[i].astype("datetime64[D]").item() if R.pppk[i] else None,
                   int(R.pin[i]), "N" if R.retired[i] else "Y"]
            row_no += 1
            row[0] = row_no
            rows.append(tuple(row))
            if i in ghosts:
                bad_pos.append(row_no)
                bad_reason.append(reason)
            if i in dup_after:
                rows.append(tuple(row))
                row_no += 1
                bad_pos.append(row_no)
                bad_reason.append("exact_duplicate")
        self.bad.add("pegawai.xlsx", np.array(bad_pos), np.array(bad_reason, dtype=object))
        title_rows = [f"DAFTAR PEGAWAI ASN {PEMKAB.upper()} (PNS DAN PPPK)",
                      f"Keadaan per {_month_add(self.months[-1], 1) - dt.timedelta(days=1):%d-%m-%Y}"]
        schema = {h: pl.String for h in HEADERS["pegawai"]} | {"NO": pl.Int64, "TMT_CPNS": pl.Date,
                                                               "TMT_PPPK": pl.Date, "PIN_ABSEN": pl.Int64}
        df = pl.DataFrame(rows, schema=schema, orient="row")
        kinds = {"NO": "n", "TMT_CPNS": "d", "TMT_PPPK": "d", "PIN_ABSEN": "n"}
        self._xlsx("pegawai.xlsx", "Pegawai", title_rows, df, kinds)
        return df.height

    # ---------------------------------------------------------------- run
    def run(self) -> GenerateSummary:
        t0 = time.perf_counter()
        out = self.out
        out.mkdir(parents=True, exist_ok=True)
        (out / "absensi_log").mkdir(exist_ok=True)
        (out / "_kunci").mkdir(exist_ok=True)
        if (out / "_kunci" / "anomali.csv").exists():
            # an earlier generator run: drop its monthly files and machines, which may not be rewritten
            for pattern in ("absensi_log/*_attlog.dat", "absensi_harian_*.csv", "aktivitas_*.csv"):
                for p in out.glob(pattern):
                    p.unlink()
        R = self.R
        rows = self.rows
        tick = time.perf_counter()
        rows["opd"] = self._write_opd()
        rows["pegawai"] = self._write_pegawai()
        self.timings["pegawai"] = time.perf_counter() - tick
        rows["absensi_log"] = rows["absensi_harian"] = rows["aktivitas"] = rows["kinerja"] = 0
        self.contra: list[pl.DataFrame] = []
        with open(out / "kinerja.csv", "wb") as kf:
            kf.write((",".join(HEADERS["kinerja"]) + "\n").encode())
            for m in range(len(self.months)):
                cal = self._month_days(m)
                if len(cal["d"]) == 0:
                    continue
                S = self._simulate(m, cal)
                rows["absensi_log"] += self._write_punches(m, cal, S)
                rows["absensi_harian"] += self._write_recap(m, cal, S)
                na, approved = self._write_activities(m, cal, S)
                rows["aktivitas"] += na
                rows["kinerja"] += self._kinerja_rows(m, S, approved, kf, rows["kinerja"])
                del S
        self.timings["bulanan"] = time.perf_counter() - tick - self.timings["pegawai"]
        self.files.append("kinerja.csv")
        self._finish_attlog()
        tick = time.perf_counter()
        rows["pelatihan"] = self._write_pelatihan()
        self.timings["pelatihan"] = time.perf_counter() - tick
        tick = time.perf_counter()
        rows["berakhlak"] = self._write_berakhlak()
        self.timings["berakhlak"] = time.perf_counter() - tick
        # ground truth
        truth = pl.DataFrame(self.P.truth, schema=["kind", "nip", "opd_code", "month"], orient="row")
        (out / "_kunci" / "anomali.csv").write_bytes(_csv_bytes(truth))
        bad = self.bad.frame().sort(["file", "row_number"])
        (out / "_kunci" / "baris_rusak.csv").write_bytes(_csv_bytes(bad))
        contra = (pl.concat(self.contra) if self.contra else pl.DataFrame()).with_columns(
            file=pl.lit("kinerja.csv")) if self.contra else pl.DataFrame(
            schema={"file": pl.String, "row_number": pl.Int64})
        if contra.height:
            contra = contra.select("file", "row_number", "NIP", "TAHUN", "PERIODE", "PREDIKAT_KINERJA")
        (out / "_kunci" / "predikat_kontradiksi.csv").write_bytes(_csv_bytes(contra))
        story = self._story()
        (out / "_kunci" / "cerita.csv").write_bytes(_csv_bytes(pl.DataFrame(story)))
        self.files += ["_kunci/anomali.csv", "_kunci/baris_rusak.csv", "_kunci/predikat_kontradiksi.csv",
                       "_kunci/cerita.csv"]
        anomalies = {}
        for kind in ("low_productivity", "present_not_working", "buddy_punching", "unit_decline"):
            sel = truth.filter(pl.col("kind") == kind)
            anomalies[kind] = (sel["opd_code"].n_unique() if kind == "unit_decline"
                               else sel["nip"].n_unique() // (2 if kind == "buddy_punching" else 1))
        summary = GenerateSummary(
            out_dir=out, mulai=f"{self.months[0]:%Y-%m}", sampai=f"{self.months[-1]:%Y-%m}", pegawai=R.n,
            opd=R.n_opd, files=sorted(self.files), rows=rows, anomalies=anomalies,
            anomaly_rows={k: truth.filter(pl.col("kind") == k).height for k in anomalies},
            bad_rows=dict(bad.group_by("expected_reason").len().sort("expected_reason").iter_rows()),
            story=story, seconds=time.perf_counter() - t0, timings=self.timings)
        return summary

    def _story(self) -> list[dict]:
        R, P = self.R, self.P
        s = [{"peristiwa": "pelatihan_budaya_kerja", "opd_code": c, "bulan": f"{self.months[P.train_m]:%Y-%m}",
              "keterangan": f"{R.opd_abbr[R.opd_index[c]]}: pelatihan budaya kerja BerAKHLAK; keterlambatan turun, "
                            "menit kerja dan nilai naik sejak bulan ini"} for c in TRAINING_OPDS]
        s.append({"peristiwa": "rompi_terlambat", "opd_code": ROMPI_OPD, "bulan": f"{self.months[P.rompi_m]:%Y-%m}",
                  "keterangan": "DPUPR: kampanye rompi 'Terlambat'; keterlambatan turun tajam sejak bulan ini"})
        for o, m0 in P.decline:
            s.append({"peristiwa": "unit_decline", "opd_code": R.opd_code[o], "bulan": f"{self.months[m0]:%Y-%m}",
                      "keterangan": f"{R.opd_abbr[o]}: budaya kerja menurun sampai akhir periode (terlambat, TK naik; "
                                    "menit kerja, nilai SKP, BerAKHLAK turun)"})
        if P.tk_run:
            e, m = P.tk_run
            s.append({"peristiwa": "tk_beruntun", "opd_code": R.opd_code[R.opd[e]],
                      "bulan": f"{self.months[m]:%Y-%m}",
                      "keterangan": f"NIP {R.nip[e]}: tanpa keterangan hingga 12 hari kerja berturut-turut"})
        return s


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------

def generate(out_dir: Path, pegawai: int = 6000, bulan: int = 24, mulai: str | None = None,
             seed: int = 42) -> GenerateSummary:
    """Write a demo region's source exports into `out_dir` (see the module docstring)."""
    if pegawai < 40:
        raise ValueError("pegawai minimal 40")
    if bulan < 1:
        raise ValueError("bulan minimal 1")
    if mulai:
        y, mo = mulai.split("-")
        start = dt.date(int(y), int(mo), 1)
    else:
        start = default_start(bulan)
    return _Generator(Path(out_dir), pegawai, bulan, start, seed).run()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipelines.generate", description="Buat data sumber wilayah demo.")
    ap.add_argument("--out", required=True, help="folder tujuan")
    ap.add_argument("--pegawai", type=int, default=6000)
    ap.add_argument("--bulan", type=int, default=24)
    ap.add_argument("--mulai", default=None, help="bulan pertama, YYYY-MM")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args(argv)
    print(generate(Path(a.out), pegawai=a.pegawai, bulan=a.bulan, mulai=a.mulai, seed=a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
