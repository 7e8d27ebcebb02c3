"""The sources of the data contract (and e-Kinerja BKN's SKP list): headers, types, codes, keys, rules.

One `Source` per export. A `Field` maps one contract header (normalised: upper case,
no spaces, dots or underscores) to one column of its `raw_<source>` table. Everything a
source does differently (what it references, how a reload treats loaded rows, its own
row rules and derived columns) is declared on its `Source`, so validate.py and ingest.py
never ask which source they hold; a new source is one declaration here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from pipelines import reasons
from pipelines.parse import as_written, normalise_header, quoted
from pipelines.reasons import Reason, Rule
from warehouse.rules import PREDIKAT_MATRIX, SANCTION_CUT_MONTHS, SANCTION_TYPES


def _codes(canonical: dict[str, list[str]]) -> dict[str, str]:
    """{code: [synonyms]} -> {SPELLING: code}, spellings upper-cased."""
    out: dict[str, str] = {}
    for code, spellings in canonical.items():
        for spelling in [code, *spellings]:
            out[spelling.upper()] = code
    return out


ATTENDANCE_CODES = _codes({
    "H": ["HN", "HADIR", "TM", "TM1", "TM2", "TM3", "PC", "PC1", "PC2", "PC3"],
    "I": ["IZIN", "IJIN"],
    "S": ["SAKIT"],
    "CT": ["C", "CUTI", "CUTI TAHUNAN"],
    "CB": ["CUTI BESAR"],
    "CM": ["CUTI MELAHIRKAN"],
    "CAP": ["CUTI ALASAN PENTING"],
    "DL": ["DINAS LUAR"],
    "TB": ["TUGAS BELAJAR"],
    "TK": ["A", "ALPA", "ALPHA", "TANPA KETERANGAN"],
    "L": ["LIBUR"],
})
RUMPUN = _codes({r: [] for r in (
    "Sekretariat", "Inspektorat", "Badan", "Dinas", "RSUD", "Satpol PP", "Kecamatan", "Kelurahan", "Lainnya"
)})
GENDER = _codes({"L": ["LAKI-LAKI", "LAKI LAKI", "PRIA"], "P": ["PEREMPUAN", "WANITA"]})
EMPLOYMENT = _codes({"PNS": ["CPNS"], "PPPK": ["P3K"]})
POSITION_TYPE = _codes({"Struktural": [], "Fungsional": [], "Pelaksana": []})
EDUCATION = _codes({
    "SD": [], "SMP": ["SLTP"], "SMA": ["SLTA", "SMK", "SMU"], "D1": ["DI"], "D2": ["DII"],
    "D3": ["DIII"], "D4": ["DIV"], "S1": [], "S2": [], "S3": [],
})
_ROMAN = ["I", "II", "III", "IV"]
GOLONGAN = _codes({
    **{f"{r}/{s}": [f"{r}/{s.upper()}", f"{r}{s}", f"{r}{s.upper()}"]
       for r in _ROMAN for s in "abcde" if not (r == "I" and s == "e") and not (r != "IV" and s == "e")},
    **{r: [] for r in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                       "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")},
})
YES_NO = _codes({"Y": ["YA", "AKTIF", "1", "TRUE"], "N": ["TIDAK", "T", "NONAKTIF", "0", "FALSE"]})
ACTIVITY_STATUS = _codes({"DISETUJUI": ["SETUJU", "APPROVED"], "DITOLAK": ["TOLAK", "REJECTED"],
                          "MENUNGGU": ["PENDING", "DIAJUKAN"]})
TRAINING_TYPES = _codes({t: [] for t in (
    "Pelatihan Struktural", "Pelatihan Fungsional", "Pelatihan Teknis", "Seminar/Lokakarya", "Kursus",
    "E-Learning", "Coaching/Mentoring", "Magang", "Lainnya",
)} | {"Seminar/Lokakarya": ["SEMINAR", "LOKAKARYA", "SEMINAR / LOKAKARYA"],
      "E-Learning": ["ELEARNING", "E LEARNING"], "Coaching/Mentoring": ["COACHING", "MENTORING"]})
RATINGS = _codes({
    "DI ATAS EKSPEKTASI": ["DIATAS EKSPEKTASI", "DI ATAS"],
    "SESUAI EKSPEKTASI": ["SESUAI"],
    "DI BAWAH EKSPEKTASI": ["DIBAWAH EKSPEKTASI", "DI BAWAH"],
})
PREDIKAT = _codes({
    "SANGAT BAIK": [], "BAIK": [], "BUTUH PERBAIKAN": ["CUKUP"],
    "KURANG/MISCONDUCT": ["KURANG", "MISCONDUCT", "KURANG / MISCONDUCT"], "SANGAT KURANG": [],
})
ASSESSOR_ROLES = _codes({"ATASAN": [], "REKAN": ["REKAN KERJA"], "BAWAHAN": [], "DIRI": ["SENDIRI", "DIRI SENDIRI"]})

CORE_VALUES = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


@dataclass(frozen=True)
class Field:
    column: str                      # raw table column
    header: str                      # the contract header, as shown to users
    kind: str = "text"               # text nip date time timestamp int number code
    required: bool = False
    codes: dict[str, str] | None = None
    low: float | None = None
    high: float | None = None
    aliases: tuple[str, ...] = ()    # other headers seen in real exports
    unreadable: Reason | None = None  # reason for a cell that does not parse (default: by kind)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalise_header(h) for h in (self.header, *self.aliases))


@dataclass(frozen=True)
class Source:
    name: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...]           # raw columns; () = no key within a file
    signature: tuple[str, ...]             # headers whose presence identifies the source
    future_column: str | None = None       # a date column that may not lie after today
    replace_by: tuple[str, ...] = field(default=())  # key a later file replaces rows by
    # The column a row must name that is already loaded: a KODE_OPD of raw_opd, a NIP of
    # raw_pegawai, or a PIN resolved to one (PIN_ABSEN, else NIP); None = no reference.
    reference: Literal["opd_code", "nip", "pin"] | None = "nip"
    load_rank: int = 3                     # folders load by rank: references (opd 0, pegawai 1, pin_mesin 2) first
    keep_loaded: bool = False              # a reload never replaces: rows already loaded count as duplicates
    row_rules: Callable[[], list[Rule]] | None = None           # rules beyond the fields', after them
    period_start: Callable[[], pl.Expr] | None = None           # first day of a row's period (future check)
    derive: Callable[[pl.DataFrame, str | None], pl.DataFrame] | None = None  # (frame, device) -> frame
    excludes: tuple[str, ...] = ()         # headers whose presence rules the source out

    @property
    def table(self) -> str:
        return f"raw_{self.name}"

    def field(self, column: str) -> Field:
        return next(f for f in self.fields if f.column == column)


OPD = Source(
    "opd",
    (
        Field("opd_code", "KODE_OPD", required=True),
        Field("opd_name", "NAMA_OPD", required=True),
        Field("opd_short", "SINGKATAN"),
        Field("rumpun", "RUMPUN", "code", required=True, codes=RUMPUN),
    ),
    natural_key=("opd_code",),
    signature=("KODE_OPD", "NAMA_OPD"),
    reference=None,
    load_rank=0,
)

def _nip_structure_rules() -> list[Rule]:
    """NIP parts against the rest of the row (contract §1, pegawai)."""
    nip = pl.col("nip")
    is_pns = pl.col("employment_status") == "PNS"
    birth = nip.str.slice(0, 8).str.to_date("%Y%m%d", strict=False)
    tmt = (nip.str.slice(8, 6) + "01").str.to_date("%Y%m%d", strict=False)
    gender_digit = nip.str.slice(14, 1)
    return [
        reasons.NIP_INVALID_BIRTH_DATE.rule(birth.is_null(), digits=nip.str.slice(0, 8)),
        reasons.NIP_INVALID_TMT.rule(is_pns & (tmt.is_null() | (tmt <= birth)), digits=nip.str.slice(8, 6)),
        reasons.NIP_INVALID_GENDER_DIGIT.rule(is_pns & ~gender_digit.is_in(["1", "2"]), digit=gender_digit),
        reasons.NIP_BIRTH_DATE_MISMATCH.rule(
            pl.col("birth_date").is_not_null() & (pl.col("birth_date") != birth),
            from_nip=birth.dt.strftime("%d-%m-%Y"), from_column=pl.col("birth_date").dt.strftime("%d-%m-%Y")),
        reasons.NIP_GENDER_MISMATCH.rule(
            is_pns & pl.col("gender").is_not_null()
            & (pl.col("gender") != pl.when(gender_digit == "1").then(pl.lit("L")).otherwise(pl.lit("P"))),
            digit=gender_digit, from_column=pl.col("gender")),
    ]


def _derive_pegawai(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    return frame.with_columns(
        tmt_date=pl.coalesce("tmt_cpns", "tmt_pppk"),
        is_active=pl.col("is_active").fill_null("Y") == "Y",
        pin_absen=pl.col("pin_absen").str.replace(r"\.0$", "").str.strip_chars_start("0").replace("", "0"),
    )


PEGAWAI = Source(
    "pegawai",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("name", "NAMA", required=True),
        Field("gender", "JENIS_KELAMIN", "code", codes=GENDER),
        Field("birth_date", "TANGGAL_LAHIR", "date"),
        Field("employment_status", "STATUS_KEPEGAWAIAN", "code", required=True, codes=EMPLOYMENT),
        Field("golongan", "GOLONGAN", "code", codes=GOLONGAN),
        Field("position_type", "JENIS_JABATAN", "code", required=True, codes=POSITION_TYPE),
        Field("position_name", "NAMA_JABATAN"),
        Field("eselon", "ESELON"),
        Field("education", "PENDIDIKAN", "code", codes=EDUCATION),
        Field("opd_code", "KODE_OPD", required=True),
        Field("work_unit", "UNIT_KERJA"),
        Field("tmt_cpns", "TMT_CPNS", "date"),
        Field("tmt_pppk", "TMT_PPPK", "date"),
        Field("pin_absen", "PIN_ABSEN"),
        Field("is_active", "AKTIF", "code", codes=YES_NO),
    ),
    natural_key=("nip",),
    signature=("NIP", "NAMA", "KODE_OPD", "JENIS_JABATAN"),
    reference="opd_code",
    load_rank=1,
    row_rules=_nip_structure_rules,
    derive=_derive_pegawai,
)

def _derive_enrolment(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    return frame.with_columns(
        pin=pl.col("pin").str.replace(r"\.0$", "").str.strip_chars().str.strip_chars_start("0").replace("", "0"),
        device_id=pl.col("device_id").fill_null(ANY_DEVICE),
    )


ANY_DEVICE = "*"  # an enrolment without MESIN holds on every machine
PIN_MESIN = Source(
    "pin_mesin",
    (
        Field("pin", "PIN", required=True, aliases=("NO.ID", "NO ID", "USERID", "USER_ID", "ID")),
        Field("nip", "NIP", "nip", required=True),
        Field("device_id", "MESIN", aliases=("DEVICE", "SN", "ID_MESIN")),
    ),
    natural_key=("pin", "device_id"),
    signature=("PIN", "NIP"),
    excludes=("WAKTU", "NAMA_OPD", "JENIS_JABATAN", "KODE_OPD"),
    load_rank=2,
    derive=_derive_enrolment,
)


def _punch_rules() -> list[Rule]:
    return [reasons.MISSING_VALUE.rule(pl.col("pin").is_null() & pl.col("nip").is_null(), "pin_and_nip")]


def _derive_punches(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    fields = pl.col("_fields") if "_fields" in frame.columns else pl.lit(None, dtype=pl.String)
    return frame.with_columns(
        raw_fields=fields,
        pin=pl.col("pin").str.strip_chars().str.strip_chars_start("0").replace("", "0"),
        device_id=pl.coalesce(pl.col("device_id"), pl.lit(device)).fill_null("TANPA-MESIN"),
    )


ABSENSI_LOG = Source(
    "absensi_log",
    (
        Field("pin", "PIN", aliases=("USERID", "USER_ID")),
        Field("nip", "NIP", "nip"),
        Field("punched_at", "WAKTU", "timestamp", required=True, aliases=("CHECKTIME", "JAM")),
        Field("device_id", "MESIN", aliases=("DEVICE", "SN", "ID_MESIN")),
    ),
    natural_key=("pin", "punched_at", "device_id"),
    signature=("WAKTU",),
    future_column="punched_at",
    reference="pin",
    keep_loaded=True,
    row_rules=_punch_rules,
    derive=_derive_punches,
)

ABSENSI_HARIAN = Source(
    "absensi_harian",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("work_date", "TANGGAL", "date", required=True),
        Field("time_in", "JAM_MASUK", "time"),
        Field("time_out", "JAM_PULANG", "time"),
        Field("status_code", "KETERANGAN", "code", required=True, codes=ATTENDANCE_CODES,
              aliases=("KEHADIRAN", "STATUS")),
    ),
    natural_key=("nip", "work_date"),
    signature=("NIP", "TANGGAL", "KETERANGAN"),
    future_column="work_date",
    derive=lambda frame, device: frame.with_columns(status_raw=as_written("status_code")),
)

def _derive_skp(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    return frame.with_columns(skp_status=pl.col("skp_status").str.strip_chars().str.to_lowercase(),
                              is_plt_plh=pl.col("is_plt_plh").fill_null("N") == "Y")


# e-Kinerja BKN Laporan SKP (real-layouts.md §6.1): one row per SKP. The penilaian rows of an SKP that is
# PLT/PLH or not approved are not loaded as kinerja (layouts._definitive_only), so it loads before kinerja.
# No NIP reference: it only judges penilaian rows, which are checked against the employees themselves.
SKP_BKN = Source(
    "skp_bkn",
    (
        Field("skp_id", "SKP_ID", required=True),
        Field("nip", "NIP", "nip", required=True),
        Field("skp_status", "SKP_STATUS"),
        Field("is_plt_plh", "IS_PLT_PLH", "code", codes=YES_NO),
        Field("period_start", "PERIODE_AWAL", "date"),
        Field("period_end", "PERIODE_AKHIR", "date"),
    ),
    natural_key=("skp_id",),
    signature=("SKP_ID", "NIP", "IS_PLT_PLH", "PERIODE_AKHIR"),
    reference=None,
    load_rank=2,
    derive=_derive_skp,
)


def _kinerja_period_start() -> pl.Expr:
    month = (
        pl.when(pl.col("period").str.starts_with("TW"))
        .then((pl.col("period").str.slice(2).cast(pl.Int32, strict=False) - 1) * 3 + 1)
        .when(pl.col("period") == "TAHUNAN").then(1)
        .otherwise(pl.col("period").cast(pl.Int32, strict=False))
    )
    return pl.date(pl.col("year"), month, 1)


def _derive_predikat(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    by_matrix = pl.concat_str(["rating_hasil", "rating_perilaku"], separator="|").replace_strict(
        {f"{h}|{p}": v for (h, p), v in PREDIKAT_MATRIX.items()}, default=None, return_dtype=pl.String
    )
    frame = frame.with_columns(predikat_matrix=by_matrix)
    return frame.with_columns(
        predikat=pl.coalesce("predikat_source", "predikat_matrix"),
        is_predikat_derived=pl.col("predikat_source").is_null(),
        is_predikat_mismatch=pl.col("predikat_source").is_not_null()
        & (pl.col("predikat_source") != pl.col("predikat_matrix")).fill_null(False),
    )


KINERJA = Source(
    "kinerja",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("year", "TAHUN", "int", required=True, low=2000, high=2100),
        Field("period", "PERIODE", "code", required=True,
              codes=_codes({**{str(m): [f"{m:02d}"] for m in range(1, 13)},
                            **{f"TW{q}": [f"TW {q}", f"TW-{q}"] for q in range(1, 5)},
                            "TAHUNAN": ["TAHUN"]})),
        Field("rating_hasil", "RATING_HASIL_KERJA", "code", required=True, codes=RATINGS,
              unreadable=reasons.INVALID_RATING),
        Field("rating_perilaku", "RATING_PERILAKU_KERJA", "code", required=True, codes=RATINGS,
              unreadable=reasons.INVALID_RATING),
        Field("predikat_source", "PREDIKAT_KINERJA", "code", codes=PREDIKAT, aliases=("PREDIKAT",),
              unreadable=reasons.INVALID_RATING),
    ),
    natural_key=("nip", "year", "period"),
    signature=("NIP", "RATING_HASIL_KERJA"),
    period_start=_kinerja_period_start,
    derive=_derive_predikat,
)

AKTIVITAS = Source(
    "aktivitas",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("activity_date", "TANGGAL", "date", required=True),
        Field("description", "URAIAN"),
        Field("duration_minutes", "DURASI_MENIT", "int", required=True, low=1, high=1440),
        Field("volume", "VOLUME", "number", low=0),
        Field("volume_unit", "SATUAN"),
        Field("status", "STATUS", "code", required=True, codes=ACTIVITY_STATUS),
        Field("start_time", "JAM_MULAI", "time"),
        Field("end_time", "JAM_SELESAI", "time"),
    ),
    natural_key=(),
    signature=("NIP", "DURASI_MENIT"),
    future_column="activity_date",
    replace_by=("nip", "activity_date"),
)

def _training_rules() -> list[Rule]:
    return [reasons.DATE_ORDER.rule(pl.col("end_date") < pl.col("start_date"),
                                    end=pl.col("end_date").dt.strftime("%d-%m-%Y"),
                                    start=pl.col("start_date").dt.strftime("%d-%m-%Y"))]


PELATIHAN = Source(
    "pelatihan",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("training_name", "NAMA_PELATIHAN", required=True),
        Field("training_type", "JENIS", "code", required=True, codes=TRAINING_TYPES),
        Field("organizer", "PENYELENGGARA"),
        Field("start_date", "TANGGAL_MULAI", "date", required=True),
        Field("end_date", "TANGGAL_SELESAI", "date", required=True),
        Field("jp", "JP", "number", required=True, low=0.01, high=1000),
        Field("certificate_no", "NOMOR_SERTIFIKAT"),
    ),
    natural_key=("nip", "training_name", "start_date"),
    signature=("NIP", "NAMA_PELATIHAN", "JP"),
    future_column="end_date",
    row_rules=_training_rules,
)

def _berakhlak_rules() -> list[Rule]:
    return [
        reasons.INVALID_PERIOD.rule(~pl.col("period").str.contains(r"^\d{4}-(S[12]|TW[1-4])$"),
                                    value=quoted(as_written("period"))),
        *(reasons.MISSING_VALUE.rule(pl.col(value).is_null(), "core_value", value=value.upper())
          for value in CORE_VALUES),
    ]


def _berakhlak_period_start() -> pl.Expr:
    """First day of a valid period; null for one like `2099-TW9` (quarantined as invalid_period)."""
    valid = pl.col("period").str.contains(r"^\d{4}-(S[12]|TW[1-4])$")
    year = pl.col("period").str.slice(0, 4).cast(pl.Int32, strict=False)
    part = pl.col("period").str.slice(5)
    month = (
        pl.when(part == "S2").then(7)
        .when(part.str.starts_with("TW")).then((part.str.slice(2).cast(pl.Int32, strict=False) - 1) * 3 + 1)
        .otherwise(1)
    )
    return pl.date(pl.when(valid).then(year), pl.when(valid).then(month), 1)


def _derive_core_values(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    """Period spelled as the contract does; a missing core value = mean of its three items."""
    frame = frame.with_columns(pl.col("period").str.to_uppercase().str.replace_all(r"\s", ""))
    return frame.with_columns(
        pl.coalesce(pl.col(v), pl.mean_horizontal([pl.col(f"p{3 * i + k:02d}") for k in (1, 2, 3)])
                    .fill_nan(None)).alias(v)
        for i, v in enumerate(CORE_VALUES)
    )


_ITEMS = tuple(Field(f"p{i:02d}", f"P{i:02d}", "number", low=1, high=5) for i in range(1, 22))
BERAKHLAK = Source(
    "berakhlak",
    (
        Field("period", "PERIODE", required=True),
        Field("nip", "NIP_DINILAI", "nip", required=True),
        Field("assessor_role", "PERAN_PENILAI", "code", required=True, codes=ASSESSOR_ROLES),
        Field("assessor_id", "ID_PENILAI", required=True),
        *(Field(v, v.upper(), "number", low=1, high=5) for v in CORE_VALUES),
        *_ITEMS,
    ),
    natural_key=("period", "nip", "assessor_role", "assessor_id"),
    signature=("NIP_DINILAI", "PERAN_PENILAI"),
    row_rules=_berakhlak_rules,
    period_start=_berakhlak_period_start,
    derive=_derive_core_values,
)

def _tpp_basis_rules() -> list[Rule]:
    return [reasons.MISSING_VALUE.rule(pl.col("nip").is_null() & pl.col("position_name").is_null(), "tpp_basis")]


def _derive_tpp_basis(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    """One key per amount: the NIP, else the jabatan (as written, case and spaces ignored)."""
    return frame.with_columns(basis_key=pl.coalesce(
        pl.col("nip"), pl.lit("JABATAN:") + pl.col("position_name").str.to_uppercase().str.replace_all(r"\s+", " ")))


TPP_DASAR = Source(
    "tpp_dasar",
    (
        Field("nip", "NIP", "nip"),
        Field("position_name", "NAMA_JABATAN", aliases=("JABATAN",)),
        Field("kelas_jabatan", "KELAS_JABATAN", "int", low=1, high=17, aliases=("KELAS",)),
        Field("amount", "BESARAN_TPP", "number", required=True, low=1, high=1_000_000_000,
              aliases=("BESARAN", "TPP")),
        Field("valid_from", "BERLAKU_MULAI", "date", required=True, aliases=("TMT_BERLAKU", "BERLAKU")),
    ),
    natural_key=("nip", "position_name", "valid_from"),
    signature=("BESARAN_TPP", "BERLAKU_MULAI"),
    replace_by=("basis_key", "valid_from"),
    row_rules=_tpp_basis_rules,
    derive=_derive_tpp_basis,
)

SANCTION_CODES = _codes({code: [label, code.replace("_", " ")] for code, label in SANCTION_TYPES})
SANCTION_CODES |= _codes({"PEMOTONGAN_TUNJANGAN": [
    "PEMOTONGAN TUKIN 25%", "PEMOTONGAN TPP 25%", "PEMOTONGAN TUNJANGAN KINERJA", "PEMOTONGAN TUNJANGAN KINERJA 25 %",
    *(f"PEMOTONGAN TUNJANGAN KINERJA 25% SELAMA {m} BULAN" for m in SANCTION_CUT_MONTHS)]})


def _sanction_rules() -> list[Rule]:
    cut = pl.col("sanction_type") == "PEMOTONGAN_TUNJANGAN"
    return [reasons.INVALID_SANCTION_DURATION.rule(
        cut & (pl.col("months").is_null() | ~pl.col("months").is_in(list(SANCTION_CUT_MONTHS))),
        value=pl.col("months").cast(pl.String).fill_null("(kosong)"))]


def _derive_sanction(frame: pl.DataFrame, device: str | None) -> pl.DataFrame:
    """JENIS_HUKUMAN is read as its code (warehouse.rules.SANCTION_TYPES); the wording as it came is kept."""
    return frame.with_columns(sanction_raw=as_written("sanction_type"))


HUKUMAN_DISIPLIN = Source(
    "hukuman_disiplin",
    (
        Field("nip", "NIP", "nip", required=True),
        Field("sanction_type", "JENIS_HUKUMAN", "code", required=True, codes=SANCTION_CODES,
              aliases=("JENIS", "HUKUMAN")),
        Field("sk_number", "NOMOR_SK", required=True, aliases=("NO_SK", "SK")),
        Field("tmt", "TMT", "date", required=True, aliases=("TMT_HUKUMAN",)),
        Field("months", "LAMA_BULAN", "int", low=1, high=60, aliases=("LAMA", "BULAN")),
    ),
    natural_key=("nip", "sk_number"),
    signature=("NIP", "JENIS_HUKUMAN", "NOMOR_SK"),
    row_rules=_sanction_rules,
    derive=_derive_sanction,
)

SOURCES: dict[str, Source] = {s.name: s for s in (
    OPD, PEGAWAI, PIN_MESIN, ABSENSI_LOG, ABSENSI_HARIAN, KINERJA, AKTIVITAS, PELATIHAN, BERAKHLAK, TPP_DASAR,
    HUKUMAN_DISIPLIN, SKP_BKN
)}


def detect_source(headers: list[str]) -> Source | None:
    """The source whose signature headers are all present; the most specific wins."""
    present = {normalise_header(h) for h in headers if h}
    matches = [
        s for s in SOURCES.values()
        if all(normalise_header(h) in present for h in s.signature)
        and not any(normalise_header(h) in present for h in s.excludes)
    ]
    if not matches:
        return None
    return max(matches, key=lambda s: len(s.signature))
