"""Every quarantine reason code, in one registry.

A `Reason` is a stable code, its message template(s) in Bahasa Indonesia with named
placeholders ({column}, {value}, ...), the sources that can produce it, and what a data
admin reads on Kelola Data: what it means and what to do. Validation makes quarantine
reasons only through `Reason.rule` / `Reason.message`, so a code outside this registry
cannot reach the `quarantine` table (tests/test_reasons.py checks the code, the README).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import polars as pl

Rule = tuple[pl.Expr, str, pl.Expr]  # (row is bad, reason_code, reason)

_ALL = ("opd", "pegawai", "absensi_log", "absensi_harian", "kinerja", "aktivitas", "pelatihan", "berakhlak",
        "pin_mesin", "tpp_dasar", "hukuman_disiplin", "skp_bkn")
_TPP = ("tpp_dasar", "hukuman_disiplin")
_WITH_NIP = _ALL[1:]


@dataclass(frozen=True)
class Reason:
    code: str
    templates: dict[str, str]        # form -> template; one form unless the wording depends on the case
    sources: tuple[str, ...]         # sources that can produce it
    explanation: str                 # what it means, for a data admin
    action: str                      # what to do about it

    def message(self, form: str | None = None, **values: str | pl.Expr) -> pl.Expr:
        """The reason text: the template with `values` (literal text or a column expression)."""
        if form is None:
            (template,) = self.templates.values()
        else:
            template = self.templates[form]
        if all(isinstance(v, str) for v in values.values()):
            return pl.lit(template.format(**values))
        parts = list(string.Formatter().parse(template))
        pattern = "".join(text + ("{}" if name is not None else "") for text, name, _, _ in parts)
        return pl.format(pattern, *(_expr(values[name]) for _, name, _, _ in parts if name is not None))

    def rule(self, bad: pl.Expr, form: str | None = None, **values: str | pl.Expr) -> Rule:
        return bad, self.code, self.message(form, **values)

    def text(self, form: str | None = None, **values: str) -> tuple[str, str]:
        """(code, reason text) for one row a layout judges itself (`Layout.reasons`)."""
        template = self.templates[form] if form is not None else next(iter(self.templates.values()))
        return self.code, template.format(**values)


def _expr(value: str | pl.Expr) -> pl.Expr:
    return pl.lit(value) if isinstance(value, str) else value


MISSING_VALUE = Reason(
    "missing_value",
    {"column": "Kolom {column} kosong.",
     "pin_and_nip": "Kolom PIN dan NIP kosong: punch tidak dapat dikaitkan ke pegawai.",
     "core_value": "Nilai {value} kosong dan tiga butir perilakunya tidak lengkap.",
     "tpp_basis": "Kolom NIP dan NAMA_JABATAN kosong: besaran TPP tidak dapat dikaitkan ke pegawai atau jabatan."},
    _ALL,
    "Kolom wajib pada baris ini kosong, sehingga baris tidak dapat dipakai.",
    "Isi kolom tersebut di sistem sumber, ekspor ulang, lalu muat lagi berkasnya.",
)
NIP_SCIENTIFIC_NOTATION = Reason(
    "nip_scientific_notation",
    {"": "NIP rusak: tertulis dalam notasi ilmiah oleh Excel ({value}); digit yang hilang tidak ditebak, "
         "perbaiki di sumber (format sel sebagai teks)."},
    _WITH_NIP,
    "Excel mengubah NIP menjadi notasi ilmiah (mis. 1,98503E+17) sehingga digit terakhirnya hilang; "
    "sistem tidak menebak digit yang hilang.",
    "Ekspor ulang dari sistem sumber, atau format kolom NIP sebagai Teks sebelum menyimpan di Excel.",
)
NIP_INVALID_FORMAT = Reason(
    "nip_invalid_format",
    {"": "NIP harus 18 digit angka: {value} ({digits} digit)."},
    _WITH_NIP,
    "NIP bukan 18 digit angka (ada huruf, kurang atau lebih digit).",
    "Periksa NIP di sistem sumber dan perbaiki penulisannya, lalu muat ulang berkasnya.",
)
NIP_INVALID_BIRTH_DATE = Reason(
    "nip_invalid_birth_date",
    {"": "NIP tidak sah: digit 1–8 ({digits}) bukan tanggal lahir yang sah."},
    ("pegawai",),
    "Delapan digit pertama NIP harus tanggal lahir (TTTTBBHH); di baris ini bukan tanggal yang ada.",
    "Cocokkan NIP dengan SK/data kepegawaian (SIASN) dan perbaiki di data pegawai.",
)
NIP_INVALID_TMT = Reason(
    "nip_invalid_tmt",
    {"": "NIP tidak sah: digit 9–14 ({digits}) bukan TMT CPNS (TTTTBB) setelah tanggal lahir."},
    ("pegawai",),
    "Untuk PNS, digit 9–14 NIP adalah bulan TMT CPNS; di baris ini bukan bulan yang sah atau jatuh "
    "sebelum tanggal lahir.",
    "Cocokkan NIP dan STATUS_KEPEGAWAIAN dengan data kepegawaian (SIASN), perbaiki di sumber.",
)
NIP_INVALID_GENDER_DIGIT = Reason(
    "nip_invalid_gender_digit",
    {"": "NIP tidak sah: digit ke-15 ({digit}) harus 1 (laki-laki) atau 2 (perempuan)."},
    ("pegawai",),
    "Untuk PNS, digit ke-15 NIP menandai jenis kelamin (1 atau 2); di baris ini angkanya lain.",
    "Periksa NIP di data kepegawaian (SIASN) dan perbaiki di sumber.",
)
NIP_BIRTH_DATE_MISMATCH = Reason(
    "nip_birth_date_mismatch",
    {"": "NIP tidak cocok dengan TANGGAL_LAHIR: NIP menyebut {from_nip}, kolom menyebut {from_column}."},
    ("pegawai",),
    "Tanggal lahir di NIP berbeda dengan kolom TANGGAL_LAHIR; salah satunya keliru.",
    "Cari mana yang benar (SK/SIASN), perbaiki NIP atau TANGGAL_LAHIR di sumber, lalu muat ulang.",
)
NIP_GENDER_MISMATCH = Reason(
    "nip_gender_mismatch",
    {"": "NIP tidak cocok dengan JENIS_KELAMIN: digit ke-15 {digit} tetapi kolom menyebut {from_column}."},
    ("pegawai",),
    "Digit jenis kelamin di NIP berbeda dengan kolom JENIS_KELAMIN; salah satunya keliru.",
    "Cari mana yang benar (SK/SIASN), perbaiki NIP atau JENIS_KELAMIN di sumber, lalu muat ulang.",
)
INVALID_DATE = Reason(
    "invalid_date",
    {"date": "Tanggal tidak dikenali di kolom {column}: {value}.",
     "timestamp": "Waktu tidak dikenali di kolom {column}: {value}."},
    ("pegawai", "absensi_log", "absensi_harian", "aktivitas", "pelatihan", *_TPP, "skp_bkn"),
    "Isi sel tidak dapat dibaca sebagai tanggal atau waktu (mis. 31/02/2026 atau teks bebas).",
    "Perbaiki tanggalnya di sumber (format yang dikenal: 2026-03-31, 31/03/2026, 31-03-2026), lalu muat ulang.",
)
INVALID_TIME = Reason(
    "invalid_time",
    {"": "Jam tidak dikenali di kolom {column}: {value}."},
    ("absensi_harian", "aktivitas"),
    "Isi sel tidak dapat dibaca sebagai jam (mis. 25:10 atau teks bebas).",
    "Perbaiki jamnya di sumber (format JJ:MM atau JJ:MM:DD), lalu muat ulang.",
)
INVALID_NUMBER = Reason(
    "invalid_number",
    {"int": "Bukan bilangan bulat di kolom {column}: {value}.",
     "number": "Bukan angka di kolom {column}: {value}."},
    ("kinerja", "aktivitas", "pelatihan", "berakhlak", *_TPP),
    "Kolom ini harus berisi angka, tetapi isinya teks atau angka pecahan di kolom bilangan bulat.",
    "Perbaiki isinya di sumber menjadi angka, lalu muat ulang.",
)
OUT_OF_RANGE = Reason(
    "out_of_range",
    {"": "Nilai kolom {column} di luar rentang {range}: {value}."},
    ("kinerja", "aktivitas", "pelatihan", "berakhlak", *_TPP),
    "Angkanya terbaca tetapi di luar batas yang masuk akal (mis. DURASI_MENIT di luar 1–1440, JP ≤ 0, "
    "skor di luar 1–5).",
    "Periksa angka itu di sistem sumber; bila salah ketik, perbaiki lalu muat ulang.",
)
UNKNOWN_CODE = Reason(
    "unknown_code",
    {"": "Kode tidak dikenal di kolom {column}: {value}."},
    ("opd", "pegawai", "absensi_harian", "kinerja", "aktivitas", "pelatihan", "berakhlak", "hukuman_disiplin",
     "skp_bkn"),
    "Isi kolom berkode tidak ada di daftar kode kontrak data (juga setelah sinonim yang umum dikenali).",
    "Ganti dengan salah satu kode yang berlaku (lihat kontrak data), atau minta kode baru ditambahkan "
    "bila memang sah.",
)
INVALID_RATING = Reason(
    "invalid_rating",
    {"": "Nilai di kolom {column} di luar pilihan PermenPANRB 6/2022: {value}."},
    ("kinerja",),
    "Rating atau predikat kinerja bukan salah satu pilihan PermenPANRB 6/2022.",
    "Gunakan pilihan resmi (mis. DI ATAS / SESUAI / DI BAWAH EKSPEKTASI; SANGAT BAIK … SANGAT KURANG) "
    "di sumber, lalu muat ulang.",
)
INVALID_PERIOD = Reason(
    "invalid_period",
    {"": "PERIODE tidak dikenali: {value} (contoh: 2026-S1, 2026-TW2)."},
    ("berakhlak",),
    "PERIODE penilaian BerAKHLAK tidak berbentuk tahun-semester atau tahun-triwulan.",
    "Tulis PERIODE seperti 2026-S1 atau 2026-TW2 di sumber, lalu muat ulang.",
)
FUTURE_DATE = Reason(
    "future_date",
    {"date": "Tanggal di masa depan: {date} (hari ini {today}).",
     "period": "Periode di masa depan: {value} (hari ini {today})."},
    ("absensi_log", "absensi_harian", "kinerja", "aktivitas", "pelatihan", "berakhlak"),
    "Baris bertanggal (atau berperiode) setelah hari ini; biasanya salah ketik tahun atau jam mesin salah.",
    "Perbaiki tanggalnya di sumber (atau atur jam mesin absensi), lalu muat ulang.",
)
DATE_ORDER = Reason(
    "date_order",
    {"": "TANGGAL_SELESAI ({end}) sebelum TANGGAL_MULAI ({start})."},
    ("pelatihan",),
    "Pelatihan tercatat selesai sebelum dimulai; kedua tanggal mungkin tertukar.",
    "Periksa kedua tanggal di sumber, perbaiki urutannya, lalu muat ulang.",
)
UNKNOWN_OPD = Reason(
    "unknown_opd",
    {"": "KODE_OPD tidak dikenal: '{opd}' tidak ada di daftar OPD (muat daftar OPD terlebih dahulu)."},
    ("pegawai",),
    "Pegawai ini tercatat di OPD yang belum ada di daftar OPD gudang data.",
    "Muat daftar OPD yang memuat kode itu terlebih dahulu (atau perbaiki KODE_OPD), lalu muat ulang data pegawai.",
)
UNKNOWN_NIP = Reason(
    "unknown_nip",
    {"": "NIP tidak dikenal: '{nip}' tidak ada di data pegawai."},
    ("absensi_harian", "kinerja", "aktivitas", "pelatihan", "berakhlak", "pin_mesin", *_TPP),
    "NIP pada baris ini tidak ada di data pegawai yang sudah dimuat (pegawai baru, atau NIP salah ketik).",
    "Muat data pegawai terbaru terlebih dahulu, atau perbaiki NIP di sumber, lalu muat ulang berkas ini.",
)
UNKNOWN_PIN = Reason(
    "unknown_pin",
    {"": "PIN {pin} pada mesin {device} tidak terdaftar sebagai PIN_ABSEN (atau NIP) pegawai mana pun, "
         "dan tidak ada di daftar pengguna mesin (pin_mesin)."},
    ("absensi_log",),
    "PIN di mesin absensi tidak cocok dengan PIN_ABSEN maupun NIP pegawai mana pun.",
    "Isi PIN_ABSEN pegawai itu di data pegawai, atau muat daftar pengguna mesin (kolom PIN, NIP, MESIN), "
    "lalu muat ulang log absensinya.",
)
CONFLICTING_DUPLICATE = Reason(
    "conflicting_duplicate",
    {"": "Baris ganda dengan kunci yang sama ({key}) tetapi isinya berbeda dari baris {first}; "
         "baris pertama yang dipakai."},
    ("opd", "pegawai", "absensi_log", "absensi_harian", "kinerja", "pelatihan", "berakhlak", "pin_mesin", *_TPP,
     "skp_bkn"),
    "Berkas memuat dua baris untuk hal yang sama (kunci sama) dengan isi berbeda; yang pertama dipakai.",
    "Hapus baris yang keliru di sumber; bila baris ini yang benar, perbaiki dan muat ulang berkasnya.",
)
UNPARSEABLE_LINE = Reason(
    "unparseable_line",
    {"": "Baris attlog tidak dapat dibaca: harus PIN, TAB, lalu waktu YYYY-MM-DD HH:MM:SS."},
    ("absensi_log",),
    "Baris di berkas attlog mesin absensi tidak berbentuk PIN, TAB, waktu.",
    "Unduh ulang attlog dari mesin; bila berulang, periksa pengaturan ekspor mesinnya.",
)
INVALID_SANCTION_DURATION = Reason(
    "invalid_sanction_duration",
    {"": "LAMA_BULAN pemotongan tunjangan kinerja 25% harus 6, 9 atau 12 bulan (PP 94/2021): {value}."},
    ("hukuman_disiplin",),
    "Hukuman pemotongan tunjangan kinerja 25% menurut PP 94/2021 berlaku 6, 9 atau 12 bulan; lama di baris "
    "ini lain atau kosong, sehingga potongan TPP-nya tidak dapat dihitung.",
    "Cocokkan LAMA_BULAN dengan SK hukuman disiplinnya, perbaiki di sumber, lalu muat ulang.",
)
SKP_NOT_DEFINITIVE = Reason(
    "skp_not_definitive",
    {"plt": "SKP {skp} adalah SKP PLT/PLH, bukan penilaian definitif pegawai; tidak dimuat sebagai kinerja.",
     "status": "SKP {skp} berstatus '{status}', belum persetujuan; penilaiannya bukan penilaian definitif "
               "dan tidak dimuat sebagai kinerja.",
     "older": "SKP {skp} (periode akhir {end}) digantikan SKP {other} (periode akhir {other_end}) untuk "
              "periode {period} tahun {year}: penilaian SKP dengan periode akhir terakhir yang dipakai."},
    ("kinerja",),
    "Penilaian e-Kinerja BKN ini milik SKP yang bukan SKP definitif pegawai: SKP PLT/PLH, SKP yang belum "
    "disetujui (skp_status bukan 'persetujuan'), atau SKP lama pegawai yang punya SKP lain dengan periode "
    "akhir lebih baru untuk periode yang sama (mutasi).",
    "Tidak perlu tindakan bila memang PLT/PLH atau mutasi. Bila SKP itu seharusnya disetujui, selesaikan "
    "persetujuannya di e-Kinerja BKN, unduh ulang Laporan SKP dan Laporan Penilaian SKP, lalu muat keduanya.",
)

REASONS: dict[str, Reason] = {r.code: r for r in (
    MISSING_VALUE, NIP_SCIENTIFIC_NOTATION, NIP_INVALID_FORMAT, NIP_INVALID_BIRTH_DATE, NIP_INVALID_TMT,
    NIP_INVALID_GENDER_DIGIT, NIP_BIRTH_DATE_MISMATCH, NIP_GENDER_MISMATCH, INVALID_DATE, INVALID_TIME,
    INVALID_NUMBER, OUT_OF_RANGE, UNKNOWN_CODE, INVALID_RATING, INVALID_PERIOD, FUTURE_DATE, DATE_ORDER,
    UNKNOWN_OPD, UNKNOWN_NIP, UNKNOWN_PIN, CONFLICTING_DUPLICATE, UNPARSEABLE_LINE, INVALID_SANCTION_DURATION,
    SKP_NOT_DEFINITIVE,
)}


def explain(code: str | None) -> tuple[str, str]:
    """(what it means, what to do) for a code, for Kelola Data; a code from an older build
    that is no longer in the registry gets a plain note instead of nothing."""
    reason = REASONS.get(code or "")
    if reason is None:
        return "Kode alasan ini tidak ada di daftar kode saat ini (dari versi lama).", \
            "Baca kolom alasan; muat ulang berkasnya agar diperiksa dengan aturan saat ini."
    return reason.explanation, reason.action
