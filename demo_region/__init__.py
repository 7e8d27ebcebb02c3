"""Generator wilayah demo: ekspor sumber sebuah Pemkab fiktif ("Kabupaten Sukamaju").

Run it with `python -m pipelines generate|demo` (data-contract.md §4).

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
seed gives byte-identical files (tests/test_generate.py pins the bytes of a small region); the
default period is the only input taken from the clock (`datetime.date.today()`).

Modules: `catalogue` and `activity_pools` (the fictional region's data), `calendar`, `rand`
(seeded streams), `region` and `people` (OPDs, units, machines, employees), `plan` (story and
planted anomalies), `attendance` (the monthly simulation), the writers `master_data`, `attlog`,
`recap`, `activities`, `kinerja`, `training`, `survey`, `bad_rows` (planted bad rows),
`answer_key` (`_kunci/`), with `formats` and `xlsx`; `generator` runs them in order.
"""

from demo_region.calendar import default_start, national_holidays, ramadan, working_days
from demo_region.catalogue import HEADERS, PREDIKAT_MATRIX, RATING
from demo_region.generator import generate
from demo_region.summary import GenerateSummary
from demo_region.xlsx import write_xlsx

__all__ = ["HEADERS", "PREDIKAT_MATRIX", "RATING", "GenerateSummary", "default_start", "generate",
           "national_holidays", "ramadan", "working_days", "write_xlsx"]

