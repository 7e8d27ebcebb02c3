"""Load and validate warehouse/config/budaya_kerja.toml (every metric threshold and weight).

`load_config(path=None)` reads `path`, else $BUDAYA_CONFIG, else the file next to this
module, and returns a frozen `Config`. A bad file raises `ConfigError` whose message is
Bahasa Indonesia and names the file and the key.

The optional `[duckdb]` section holds the build's resource settings (`Resources`:
memory_limit, threads, preserve_insertion_order, temp_directory,
max_temp_directory_size); `warehouse.build` applies them to its connection.
`[anonimitas] k` (`min_group_size`) is read by the query layer, not the build: the
`analis` role sees no row about fewer than k people (warehouse/query.py).
The optional `[tpp]` section holds the region's TPP rules (`TppRules`: split, bands, cuts,
sanctions, CPNS and leave, caps, rounding, the regulation cited); without it no TPP is computed.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from warehouse.rules import ASSESSOR_ROLES, PREDIKAT, SANCTION_TYPES, STATUS_CODES, TPP_LEAVE_CODES

DEFAULT_CONFIG = Path(__file__).resolve().parent / "config" / "budaya_kerja.toml"
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    # (key in [indeks.bobot], english component name, label)
    ("disiplin", "discipline", "Disiplin"),
    ("kinerja", "performance", "Kinerja"),
    ("kompetensi", "competency", "Kompetensi"),
    ("perilaku", "behaviour", "Perilaku (BerAKHLAK)"),
)
ORG_PREDIKAT = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
CURVE_KINDS = ("maks", "min", "wajib_ada")
MISSING_CHECKOUT = ("abaikan", "pulang_saat_datang")
SANCTION_CATEGORIES = ("Ringan", "Sedang", "Berat")
_SIZE_RE = re.compile(r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)


class ConfigError(ValueError):
    """The configuration file is unusable; the message is for a BKPSDM admin."""


@dataclass(frozen=True)
class SanctionStep:
    rank: int
    min_days: int
    max_days: int | None
    label: str
    category: str


@dataclass(frozen=True)
class CurveRule:
    organisational_predikat: str
    predikat: tuple[str, ...]
    kind: str
    value: float


@dataclass(frozen=True)
class OrgPredikat:
    """[[kinerja.predikat_organisasi_opd]]: an OPD's predikat kinerja organisasi (SE MenPANRB 3/2023),
    for one year or (year None) every year; `basis` says where it was decided (e.g. the LHE)."""

    opd_code: str
    year: int | None
    predikat: str
    basis: str | None


@dataclass(frozen=True)
class Hours:
    start: time
    end_mon_thu: time
    end_fri: time
    minutes: int


@dataclass(frozen=True)
class TppBand:
    """One band of lateness (TL) or early leave (PSW): minutes min..max (None = no upper end)."""

    kind: str          # "terlambat" / "pulang_cepat"
    code: str          # TL1, PSW2, ...
    min_minutes: int
    max_minutes: int | None
    percent: float     # per occurrence


@dataclass(frozen=True)
class TppRules:
    """[tpp]: the TPP rules of the region's Perkada (percents as written, 0-100)."""

    example: bool                      # the shipped example, not a region's regulation
    version: str
    regulation: str
    w_kinerja: float
    w_disiplin: float
    discipline_basis: str              # "bagian_disiplin" | "tpp": what the discipline percents are of
    cpns_percent: float
    cpns_months: int
    absent_day_percent: float          # per TK day
    no_activity_day_percent: float     # per present day without approved activity
    max_discipline_cut_percent: float  # of the discipline basis
    max_cut_percent: float             # of the TPP
    rounding: int                      # rupiah: every amount is a multiple of it
    bands: tuple[TppBand, ...]
    leave_paid_percent: dict[str, float]   # CB / CM / TB -> percent of the TPP paid for those days
    sanction_percent: dict[str, float]     # SANCTION_TYPES code -> percent cut per month of the sanction


@dataclass(frozen=True)
class Resources:
    """DuckDB settings of the build connection ([duckdb] in the config file)."""

    memory_limit: str = "1.1GB"
    threads: int = 2  # 0 = DuckDB's default (every core)
    preserve_insertion_order: bool = False
    temp_directory: Path | None = None  # None = <warehouse file>.tmp beside the warehouse
    max_temp_directory_size: str | None = None  # None = DuckDB's default (90% of free disk)

    def temp_dir_for(self, warehouse: Path) -> Path:
        if self.temp_directory is None:
            return warehouse.with_name(warehouse.name + ".tmp")
        return self.temp_directory if self.temp_directory.is_absolute() else warehouse.parent / self.temp_directory


@dataclass(frozen=True)
class Config:
    path: Path
    period_start: date | None
    period_end: date | None
    holiday_categories: tuple[str, ...]
    regional_calendar: Path | None
    hours: Hours
    ramadan_hours: Hours
    min_departure_gap_minutes: int
    missing_checkout: str
    ramadan_start: dict[int, date]
    present_codes: tuple[str, ...]
    excused_codes: tuple[str, ...]
    absent_codes: tuple[str, ...]
    minutes_per_day: int
    consecutive_days: int
    consecutive_label: str
    consecutive_category: str
    ladder: tuple[SanctionStep, ...]
    skp_weight: float
    activity_weight: float
    target_minutes_per_day: float
    organisational_predikat: str
    predikat_points: dict[str, float]
    curve: tuple[CurveRule, ...]
    org_predikat: tuple[OrgPredikat, ...]
    target_jp: float
    minutes_per_jp: float
    behaviour_roles: tuple[str, ...]
    coverage_min: float
    weights: dict[str, float]  # english component name -> weight as written
    outliers: dict[str, dict[str, Any]] = field(default_factory=dict)
    resources: Resources = field(default_factory=Resources)
    min_group_size: int = 5  # [anonimitas] k: the analis role sees no group of fewer people
    tpp: TppRules | None = None  # [tpp]; None = the region has not set its TPP rules

    def weights_json(self) -> str:
        return json.dumps(self.weights, sort_keys=True)

    def to_json(self) -> str:
        def default(o: Any) -> Any:
            if isinstance(o, (date, time, Path)):
                return str(o)
            raise TypeError(type(o))

        return json.dumps(asdict(self), default=default, sort_keys=True, ensure_ascii=False)


def config_path(explicit: str | os.PathLike | None = None) -> Path:
    chosen = explicit or os.environ.get("BUDAYA_CONFIG") or DEFAULT_CONFIG
    return Path(chosen).expanduser().resolve()


def build_params(cfg: Config) -> dict[str, Any]:
    """The scalar settings the models read (table `cfg`, besides the period) and that
    descriptions quote as `{name}` (warehouse.spec.describe)."""
    o = cfg.outliers
    return {
        "min_departure_gap_minutes": cfg.min_departure_gap_minutes,
        "missing_checkout": cfg.missing_checkout,
        "minutes_per_day": cfg.minutes_per_day,
        "consecutive_days": cfg.consecutive_days,
        "consecutive_label": cfg.consecutive_label,
        "consecutive_category": cfg.consecutive_category,
        "skp_weight": cfg.skp_weight,
        "activity_weight": cfg.activity_weight,
        "target_minutes_per_day": cfg.target_minutes_per_day,
        "organisational_predikat": cfg.organisational_predikat,
        "target_jp": cfg.target_jp,
        "coverage_min": cfg.coverage_min,
        "w_discipline": cfg.weights["discipline"],
        "w_performance": cfg.weights["performance"],
        "w_competency": cfg.weights["competency"],
        "w_behaviour": cfg.weights["behaviour"],
        "lp_z": o["low_productivity"]["z_threshold"],
        "lp_max_median_ratio": o["low_productivity"]["max_median_ratio"],
        "lp_min_present_days": o["low_productivity"]["min_present_days"],
        "lp_min_peers": o["low_productivity"]["min_peers"],
        "pnw_min_present_days": o["present_not_working"]["min_present_days"],
        "pnw_min_share_idle": o["present_not_working"]["min_share_idle"],
        "bp_max_seconds": o["buddy_punching"]["max_seconds"],
        "bp_min_days": o["buddy_punching"]["min_days"],
        "bp_min_share_days": o["buddy_punching"]["min_share_days"],
        "ud_trend_months": o["unit_decline"]["trend_months"],
        "ud_z": o["unit_decline"]["z_threshold"],
        "ud_min_drop": o["unit_decline"]["min_drop"],
        "ud_discipline": "discipline" in o["unit_decline"]["components"],
        "ud_performance": "performance" in o["unit_decline"]["components"],
        "ud_competency": "competency" in o["unit_decline"]["components"],
        "ud_behaviour": "behaviour" in o["unit_decline"]["components"],
    }


class _Reader:
    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data

    def fail(self, key: str, msg: str) -> ConfigError:
        return ConfigError(f"Konfigurasi tidak valid ({self.path}): `{key}` {msg}")

    def get(self, key: str, default: Any = ..., data: dict | None = None) -> Any:
        node: Any = self.data if data is None else data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is ...:
                    raise self.fail(key, "wajib diisi tetapi tidak ditemukan.")
                return default
            node = node[part]
        return node

    def number(self, key: str, value: Any = ..., *, minimum: float | None = 0.0,
               maximum: float | None = None, integer: bool = False) -> float:
        if value is ...:
            value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"harus berupa angka, ditemukan {value!r}.")
        if integer and int(value) != value:
            raise self.fail(key, f"harus bilangan bulat, ditemukan {value!r}.")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"tidak boleh kurang dari {minimum:g}, ditemukan {value!r}.")
        if maximum is not None and value > maximum:
            raise self.fail(key, f"tidak boleh lebih dari {maximum:g}, ditemukan {value!r}.")
        return int(value) if integer else float(value)

    def text(self, key: str, value: Any = ..., choices: tuple[str, ...] | None = None) -> str:
        if value is ...:
            value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"harus berupa teks tidak kosong, ditemukan {value!r}.")
        value = value.strip()
        if choices is not None and value not in choices:
            raise self.fail(key, f"harus salah satu dari {', '.join(choices)}; ditemukan {value!r}.")
        return value

    def texts(self, key: str, choices: tuple[str, ...] | None = None, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.get(key)
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(key, f"harus berupa daftar teks, ditemukan {value!r}.")
        return tuple(self.text(key, v, choices) for v in value)

    def clock(self, key: str) -> time:
        value = self.text(key)
        try:
            hh, mm = value.replace(".", ":").split(":")
            return time(int(hh), int(mm))
        except ValueError:
            raise self.fail(key, f"harus berupa jam JJ:MM (mis. 07:30), ditemukan {value!r}.") from None

    def day(self, key: str, value: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, f"harus berupa tanggal TTTT-BB-HH, ditemukan {value!r}.") from None

    def hours(self, prefix: str) -> Hours:
        start = self.clock(f"jam_kerja.{prefix}masuk")
        end_mt = self.clock(f"jam_kerja.{prefix}pulang_senin_kamis")
        end_f = self.clock(f"jam_kerja.{prefix}pulang_jumat")
        for key, end in ((f"{prefix}pulang_senin_kamis", end_mt), (f"{prefix}pulang_jumat", end_f)):
            if end <= start:
                raise self.fail(f"jam_kerja.{key}", f"({end:%H:%M}) harus lebih lambat dari jam masuk ({start:%H:%M}).")
        minutes = self.number(f"jam_kerja.{prefix}menit_kerja_per_hari", minimum=1, maximum=1440, integer=True)
        return Hours(start, end_mt, end_f, minutes)


def load_config(path: str | os.PathLike | None = None) -> Config:
    p = config_path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Berkas konfigurasi tidak dapat dibaca ({p}): {exc.strerror or exc}.") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Berkas konfigurasi bukan TOML yang sah ({p}): {exc}.") from None
    r = _Reader(p, data)

    period = r.get("periode", {})
    start = r.day("periode.mulai", period["mulai"]) if "mulai" in period else None
    end = r.day("periode.selesai", period["selesai"]) if "selesai" in period else None
    if start and end and end < start:
        raise r.fail("periode.selesai", "tidak boleh sebelum periode.mulai.")

    categories = r.texts("kalender.kategori_libur", ("public", "government"))
    regional_raw = r.get("kalender.berkas_daerah", "")
    regional = None
    if regional_raw:
        regional = Path(r.text("kalender.berkas_daerah", regional_raw))
        if not regional.is_absolute():
            regional = (p.parent / regional).resolve()
        if not regional.exists():
            raise r.fail("kalender.berkas_daerah", f"menunjuk berkas yang tidak ada: {regional}.")

    ramadan = {}
    for year, value in r.get("ramadan.mulai", {}).items():
        try:
            y = int(year)
        except ValueError:
            raise r.fail(f"ramadan.mulai.{year}", "harus berkunci tahun (mis. 2026).") from None
        d = r.day(f"ramadan.mulai.{year}", value)
        if d.year != y:
            raise r.fail(f"ramadan.mulai.{year}", f"tanggal {d} tidak berada pada tahun {y}.")
        ramadan[y] = d

    present = r.texts("status.hadir", STATUS_CODES)
    excused = r.texts("status.dikecualikan", STATUS_CODES)
    absent = r.texts("status.tanpa_keterangan", STATUS_CODES)
    seen: dict[str, str] = {}
    for key, codes in (("status.hadir", present), ("status.dikecualikan", excused), ("status.tanpa_keterangan", absent)):
        for c in codes:
            if c in seen:
                raise r.fail(key, f"memuat kode {c} yang sudah ada di {seen[c]}.")
            seen[c] = key

    steps_raw = r.get("disiplin.tangga")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise r.fail("disiplin.tangga", "harus berisi sekurang-kurangnya satu anak tangga sanksi.")
    mins, labels, cats = [], [], []
    for i, step in enumerate(steps_raw, start=1):
        key = f"disiplin.tangga[{i}]"
        if not isinstance(step, dict):
            raise r.fail(key, "harus berupa tabel dengan hari_min, label, kategori.")
        mins.append(r.number(f"{key}.hari_min", step.get("hari_min"), minimum=1, integer=True))
        labels.append(r.text(f"{key}.label", step.get("label")))
        cats.append(r.text(f"{key}.kategori", step.get("kategori"), SANCTION_CATEGORIES))
        if i > 1 and mins[-1] <= mins[-2]:
            raise r.fail(f"{key}.hari_min", f"harus lebih besar dari anak tangga sebelumnya ({mins[-2]}); "
                                             f"tangga sanksi harus naik, ditemukan {mins[-1]}.")
    if "PTDH" in " ".join(labels).upper():
        raise r.fail("disiplin.tangga", "memakai singkatan PTDH; tulis label persis seperti peraturan.")
    ladder = tuple(
        SanctionStep(i + 1, mins[i], mins[i + 1] - 1 if i + 1 < len(mins) else None, labels[i], cats[i])
        for i in range(len(mins))
    )

    points_raw = r.get("kinerja.poin_predikat")
    if not isinstance(points_raw, dict) or set(points_raw) != set(PREDIKAT):
        raise r.fail("kinerja.poin_predikat", f"harus memuat tepat kelima predikat: {', '.join(PREDIKAT)}.")
    points = {k: r.number(f"kinerja.poin_predikat.{k}", points_raw[k], maximum=100) for k in PREDIKAT}

    curve = []
    for i, rule in enumerate(r.get("kinerja.kurva", []), start=1):
        key = f"kinerja.kurva[{i}]"
        if not isinstance(rule, dict):
            raise r.fail(key, "harus berupa tabel.")
        curve.append(CurveRule(
            r.text(f"{key}.predikat_organisasi", rule.get("predikat_organisasi"), ORG_PREDIKAT),
            tuple(r.text(f"{key}.predikat", v, PREDIKAT) for v in (rule.get("predikat") or [None])),
            r.text(f"{key}.jenis", rule.get("jenis"), CURVE_KINDS),
            r.number(f"{key}.nilai", rule.get("nilai"), maximum=1),
        ))

    org_predikat, seen = [], set()
    for i, row in enumerate(r.get("kinerja.predikat_organisasi_opd", []), start=1):
        key = f"kinerja.predikat_organisasi_opd[{i}]"
        if not isinstance(row, dict):
            raise r.fail(key, "harus berupa tabel (kode_opd, tahun opsional, predikat, dasar opsional).")
        year = row.get("tahun")
        entry = OrgPredikat(
            r.text(f"{key}.kode_opd", row.get("kode_opd")),
            None if year is None else r.number(f"{key}.tahun", year, minimum=2000, maximum=2100, integer=True),
            r.text(f"{key}.predikat", row.get("predikat"), ORG_PREDIKAT),
            None if row.get("dasar") is None else r.text(f"{key}.dasar", row.get("dasar")),
        )
        if (entry.opd_code, entry.year) in seen:
            raise r.fail(key, f"mengulang OPD {entry.opd_code} untuk "
                              f"{'semua tahun' if entry.year is None else f'tahun {entry.year}'}.")
        seen.add((entry.opd_code, entry.year))
        org_predikat.append(entry)

    weights = {}
    for key, name, _label in COMPONENTS:
        weights[name] = r.number(f"indeks.bobot.{key}")
    if sum(weights.values()) <= 0:
        raise r.fail("indeks.bobot", "jumlah bobot harus lebih dari 0.")
    skp_w = r.number("kinerja.bobot_skp")
    act_w = r.number("kinerja.bobot_aktivitas")
    if skp_w + act_w <= 0:
        raise r.fail("kinerja.bobot_skp", "jumlah bobot_skp dan bobot_aktivitas harus lebih dari 0.")

    outliers = {
        "low_productivity": {
            "z_threshold": r.number("outlier.low_productivity.ambang_z", minimum=None, maximum=0),
            "max_median_ratio": r.number("outlier.low_productivity.maks_rasio_median", maximum=1),
            "min_present_days": r.number("outlier.low_productivity.min_hari_hadir", minimum=1, integer=True),
            "min_peers": r.number("outlier.low_productivity.min_rekan", minimum=3, integer=True),
        },
        "present_not_working": {
            "min_present_days": r.number("outlier.present_not_working.min_hari_hadir", minimum=1, integer=True),
            "min_share_idle": r.number("outlier.present_not_working.min_porsi_tanpa_aktivitas", maximum=1),
        },
        "buddy_punching": {
            "max_seconds": r.number("outlier.buddy_punching.detik_maks", minimum=1, maximum=600, integer=True),
            "min_days": r.number("outlier.buddy_punching.min_hari", minimum=2, integer=True),
            "min_share_days": r.number("outlier.buddy_punching.min_porsi_hari", maximum=1),
        },
        "unit_decline": {
            "trend_months": r.number("outlier.unit_decline.bulan_tren", minimum=1, maximum=24, integer=True),
            "z_threshold": r.number("outlier.unit_decline.ambang_z", minimum=None, maximum=0),
            "min_drop": r.number("outlier.unit_decline.min_penurunan"),
        },
    }
    decline_components = r.texts("outlier.unit_decline.komponen", tuple(k for k, _n, _l in COMPONENTS))
    outliers["unit_decline"]["components"] = tuple(
        name for key, name, _l in COMPONENTS if key in decline_components)

    return Config(
        tpp=_tpp(r),
        resources=_resources(r),
        min_group_size=r.number("anonimitas.k", r.get("anonimitas.k", 5), minimum=1, maximum=1000, integer=True),
        path=p,
        period_start=start,
        period_end=end,
        holiday_categories=categories,
        regional_calendar=regional,
        hours=r.hours(""),
        ramadan_hours=r.hours("ramadan_"),
        min_departure_gap_minutes=r.number("jam_kerja.jeda_minimal_pulang_menit", maximum=720, integer=True),
        missing_checkout=r.text("jam_kerja.tanpa_absen_pulang", choices=MISSING_CHECKOUT),
        ramadan_start=ramadan,
        present_codes=present,
        excused_codes=excused,
        absent_codes=absent,
        minutes_per_day=r.number("disiplin.menit_per_hari", minimum=1, integer=True),
        consecutive_days=r.number("disiplin.hari_berturut_turut", minimum=1, integer=True),
        consecutive_label=r.text("disiplin.label_berturut_turut"),
        consecutive_category=r.text("disiplin.kategori_berturut_turut", choices=SANCTION_CATEGORIES),
        ladder=ladder,
        skp_weight=skp_w,
        activity_weight=act_w,
        target_minutes_per_day=r.number("kinerja.menit_target_per_hari", minimum=1),
        organisational_predikat=r.text("kinerja.predikat_organisasi", choices=ORG_PREDIKAT),
        predikat_points=points,
        curve=tuple(curve),
        org_predikat=tuple(org_predikat),
        target_jp=r.number("kompetensi.target_jp", minimum=1),
        minutes_per_jp=r.number("kompetensi.menit_per_jp", minimum=1),
        behaviour_roles=r.texts("perilaku.peran_dihitung", ASSESSOR_ROLES),
        coverage_min=r.number("indeks.cakupan_minimum", maximum=1),
        weights=weights,
        outliers=outliers,
    )


def _resources(r: _Reader) -> Resources:
    """[duckdb]: every key optional; the defaults keep a 10x build under 2 GB of RAM."""
    d = Resources()
    section = r.get("duckdb", {})
    if not isinstance(section, dict):
        raise r.fail("duckdb", "harus berupa tabel (bagian [duckdb]).")
    known = {"memory_limit", "threads", "preserve_insertion_order", "temp_directory", "max_temp_directory_size"}
    for key in section:
        if key not in known:
            raise r.fail(f"duckdb.{key}", f"tidak dikenal; kunci yang boleh: {', '.join(sorted(known))}.")

    def size(key: str, default: str | None) -> str | None:
        if key not in section:
            return default
        value = r.text(f"duckdb.{key}", section[key])
        if not _SIZE_RE.match(value):
            raise r.fail(f"duckdb.{key}", f"harus berupa ukuran seperti \"1.5GB\" atau \"1536MB\", ditemukan {value!r}.")
        return value

    order = section.get("preserve_insertion_order", d.preserve_insertion_order)
    if not isinstance(order, bool):
        raise r.fail("duckdb.preserve_insertion_order", f"harus true atau false, ditemukan {order!r}.")
    temp_raw = section.get("temp_directory", "")
    if not isinstance(temp_raw, str):
        raise r.fail("duckdb.temp_directory", f"harus berupa teks (folder), ditemukan {temp_raw!r}.")
    return Resources(
        memory_limit=size("memory_limit", d.memory_limit),
        threads=r.number("duckdb.threads", section.get("threads", d.threads), maximum=256, integer=True),
        preserve_insertion_order=order,
        temp_directory=Path(temp_raw.strip()).expanduser() if temp_raw.strip() else None,
        max_temp_directory_size=size("max_temp_directory_size", d.max_temp_directory_size),
    )


TPP_BAND_KINDS = (("terlambat", "TL", "Terlambat"), ("pulang_cepat", "PSW", "Pulang sebelum waktunya"))
DISCIPLINE_BASES = ("bagian_disiplin", "tpp")


def _tpp(r: _Reader) -> TppRules | None:
    """[tpp]: optional; every key checked, percents 0-100, bands rising without gaps or overlaps."""
    section = r.get("tpp", None)
    if section is None:
        return None
    if not isinstance(section, dict):
        raise r.fail("tpp", "harus berupa tabel (bagian [tpp]).")

    def pct(key: str, value: Any = ...) -> float:
        return r.number(f"tpp.{key}", r.get(f"tpp.{key}") if value is ... else value, maximum=100)

    example = r.get("tpp.contoh", False)
    if not isinstance(example, bool):
        raise r.fail("tpp.contoh", f"harus true atau false, ditemukan {example!r}.")
    w_k, w_d = pct("bobot_kinerja"), pct("bobot_disiplin")
    if abs(w_k + w_d - 100) > 1e-9:
        raise r.fail("tpp.bobot_kinerja", f"ditambah tpp.bobot_disiplin harus 100, ditemukan {w_k:g} + {w_d:g}.")
    bands: list[TppBand] = []
    for kind, prefix, label in TPP_BAND_KINDS:
        raw = r.get(f"tpp.{kind}")
        if not isinstance(raw, list) or not raw:
            raise r.fail(f"tpp.{kind}", f"harus berisi sekurang-kurangnya satu rentang menit ({label}).")
        previous_max: int | None = 0
        for i, band in enumerate(raw, start=1):
            key = f"tpp.{kind}[{i}]"
            if not isinstance(band, dict):
                raise r.fail(key, "harus berupa tabel dengan kode, menit_min, menit_maks, persen.")
            code = r.text(f"{key}.kode", band.get("kode"))
            if not code.startswith(prefix):
                raise r.fail(f"{key}.kode", f"harus diawali {prefix} ({label}), ditemukan {code!r}.")
            lo = r.number(f"{key}.menit_min", band.get("menit_min"), minimum=1, integer=True)
            hi = band.get("menit_maks")
            hi = None if hi is None else r.number(f"{key}.menit_maks", hi, minimum=lo, integer=True)
            if previous_max is None:
                raise r.fail(key, "tidak boleh ada setelah rentang tanpa menit_maks (rentang terakhir).")
            if lo != previous_max + 1:
                raise r.fail(f"{key}.menit_min", f"harus {previous_max + 1} (tepat setelah rentang sebelumnya: "
                                                 f"tanpa celah dan tanpa tumpang tindih), ditemukan {lo}.")
            bands.append(TppBand(kind, code, lo, hi, r.number(f"{key}.persen", band.get("persen"), maximum=100)))
            previous_max = hi
    codes = [b.code for b in bands]
    if len(set(codes)) != len(codes):
        raise r.fail("tpp.terlambat", f"memuat kode rentang ganda: {', '.join(sorted({c for c in codes if codes.count(c) > 1}))}.")
    leave_raw = r.get("tpp.cuti")
    if not isinstance(leave_raw, dict) or set(leave_raw) != {c for c, _l in TPP_LEAVE_CODES}:
        raise r.fail("tpp.cuti", "harus memuat tepat " + ", ".join(f"{c} ({lab})" for c, lab in TPP_LEAVE_CODES)
                     + ": persen TPP yang tetap dibayar untuk hari-hari itu.")
    sanction_raw = r.get("tpp.hukuman")
    known = {c for c, _l in SANCTION_TYPES}
    if not isinstance(sanction_raw, dict) or not sanction_raw:
        raise r.fail("tpp.hukuman", "harus berupa tabel jenis hukuman = persen potongan per bulan.")
    for code in sanction_raw:
        if code not in known:
            raise r.fail(f"tpp.hukuman.{code}", f"bukan jenis hukuman PP 94/2021; pilih {', '.join(sorted(known))}.")
    rounding = r.number("tpp.pembulatan_rupiah", minimum=1, maximum=1000, integer=True)
    return TppRules(
        example=example,
        version=r.text("tpp.versi"),
        regulation=r.text("tpp.peraturan"),
        w_kinerja=w_k,
        w_disiplin=w_d,
        discipline_basis=r.text("tpp.dasar_persen_disiplin", choices=DISCIPLINE_BASES),
        cpns_percent=pct("cpns_persen"),
        cpns_months=r.number("tpp.masa_cpns_bulan", minimum=0, maximum=60, integer=True),
        absent_day_percent=pct("potongan_tk_persen"),
        no_activity_day_percent=pct("potongan_tanpa_aktivitas_persen"),
        max_discipline_cut_percent=pct("maks_potongan_disiplin_persen"),
        max_cut_percent=pct("maks_potongan_persen"),
        rounding=rounding,
        bands=tuple(bands),
        leave_paid_percent={c: pct(f"cuti.{c}", leave_raw[c]) for c, _l in TPP_LEAVE_CODES},
        sanction_percent={c: pct(f"hukuman.{c}", v) for c, v in sanction_raw.items()},
    )
