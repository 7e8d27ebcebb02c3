"""Real export layouts (shared/spec/real-layouts.md), recognised from the header alone and
rewritten into the contract's headers, so validation and every model stay as they are.

A `Layout` finds its header row among the first rows of a sheet and turns the sheet's text
cells into rows keyed by contract header (`PegawaiRow`-like dicts of text). Values are not
parsed here: the contract's validation parses them and quarantines what it cannot read.
Each output row keeps `_row` (its data-row number) and `_raw` (the cells as they came, JSON).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from pipelines import reasons
from pipelines.parse import MONTHS_ID, normalise_header, parse_date

HEADER_SCAN_ROWS = 100
FORMS_TABLE = Path(__file__).with_name("berakhlak_forms.toml")


@dataclass(frozen=True)
class Skp:
    """One SKP of the loaded e-Kinerja BKN Laporan SKP (raw_skp_bkn)."""
    nip: str
    status: str | None        # `persetujuan` = approved
    plt: bool                 # PLT/PLH: not the employee's definitive post
    end: date | None          # periode_akhir


def no_skps() -> dict[str, Skp]:
    return {}


@dataclass
class Sheet:
    """The text cells of one sheet (or a CSV/HTML table), all rows, as they came."""
    rows: list[list[str | None]]
    file_name: str
    opds: list[tuple[str, str, str | None]] = field(default_factory=list)  # (code, name, short) of raw_opd
    sheet_name: str | None = None
    skps: Callable[[], dict[str, Skp]] = no_skps  # {SKP id: Skp} of raw_skp_bkn, read only when asked


@dataclass(frozen=True)
class Layout:
    name: str                                            # recorded on the batch
    label: str                                           # shown to users
    source: str                                          # contract source it becomes
    find: Callable[[list[list[str | None]]], int | None]  # header row index, or None
    convert: Callable[[Sheet, int], Iterator[dict]]      # rows of contract header -> text
    # reasons a layout gives rows itself (a row's `_quarantine`: (code, text)); validation checks them first
    reasons: tuple[reasons.Reason, ...] = ()


def norm_row(row: list[str | None]) -> list[str]:
    return [normalise_header(c or "") for c in row]


def _text(value) -> str | None:
    """A cell as text: `null` and blanks are empty; a float Excel wrote for a whole number loses `.0`."""
    if value is None:
        return None
    text = str(value).replace("\ufeff", "").strip()
    if text == "" or text.lower() in ("null", "none", "nan"):
        return None
    return text


def _records(sheet: Sheet, header: int, rows_of_header: int = 1) -> Iterator[tuple[int, dict[str, str | None], str]]:
    """(data row number, {normalised header: cell}, raw JSON) for each non-empty data row."""
    names = [c or f"KOLOM_{i + 1}" for i, c in enumerate(sheet.rows[header])]
    keys = norm_row(sheet.rows[header])
    number = 0
    for row in sheet.rows[header + rows_of_header:]:
        cells = [_text(c) for c in row]
        if not any(cells):
            continue
        number += 1
        raw = json.dumps({n: (row[i] if i < len(row) else None) for i, n in enumerate(names)}, ensure_ascii=False)
        yield number, {k: (cells[i] if i < len(cells) else None) for i, k in enumerate(keys) if k}, raw


def _has(row: list[str | None], *names: str) -> bool:
    cells = set(norm_row(row))
    return all(normalise_header(n) in cells for n in names)


def _first(rows, test: Callable[[list[str | None]], bool], limit: int = HEADER_SCAN_ROWS) -> int | None:
    return next((i for i, r in enumerate(rows[:limit]) if test(r)), None)


def _pick(cells: dict[str, str | None], *names: str) -> str | None:
    for name in names:
        value = cells.get(normalise_header(name))
        if value:
            return value
    return None


ASCII_DIGITS = {base + d: str(d) for base in (0x660, 0x6F0, 0xFF10) for d in range(10)}


def _clean_nip(value: str | None) -> str | None:
    """Leading apostrophe and printed spaces (`19850101 201001 1 001`) removed; anything else kept."""
    if value is None:
        return None
    text = value.translate(ASCII_DIGITS).strip().lstrip("'").strip()
    if re.fullmatch(r"[\d\s]+", text):
        text = re.sub(r"\s+", "", text)
    return text or None


def _norm_name(text: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def resolve_opd(sheet: Sheet, *names: str | None) -> str | None:
    """KODE_OPD of the first name that is an OPD's code, name or short name (case, spaces and
    punctuation ignored); else the first name as written, which validation reports as unknown."""
    table: dict[str, str] = {}
    for code, name, short in sheet.opds:
        for key in (code, name, short):
            if key:
                table.setdefault(_norm_name(key), code)
    for name in names:
        if name and _norm_name(name) in table:
            return table[_norm_name(name)]
    return next((n for n in names if n), None)


# --- SIASN "Export Data ASN" ------------------------------------------------------------------

PPPK_KEDUDUKAN = {"71", "72", "73"}
JENIS_JABATAN_ID = {"1": "Struktural", "2": "Fungsional", "3": "Fungsional", "4": "Pelaksana"}
INACTIVE_WORDS = ("PENSIUN", "MENINGGAL", "BERHENTI", "PEMBERHENTIAN", "MPP", "PUNAH")


def _position_type(name: str | None, code: str | None) -> str | None:
    upper = (name or "").upper()
    if "STRUKTURAL" in upper:
        return "Struktural"
    if "PELAKSANA" in upper or "FUNGSIONAL UMUM" in upper:
        return "Pelaksana"
    if "FUNGSIONAL" in upper:
        return "Fungsional"
    return JENIS_JABATAN_ID.get((code or "").strip().lstrip("0")) or name


def _education(name: str | None) -> str | None:
    """`S-1/Sarjana`, `Diploma III`, `SLTA`, `S2` -> the contract's level; unknown as written."""
    if not name:
        return None
    upper = name.upper()
    compact = re.sub(r"[^A-Z0-9]", "", upper)
    for pattern, level in ((r"^S([123])", "S{}"), (r"^D([1-4])", "D{}")):
        if m := re.match(pattern, compact):
            return level.format(m.group(1))
    roman = {"I": "1", "II": "2", "III": "3", "IV": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
    if m := re.match(r"^(?:DIPLOMA|D)\s*-?\s*(IV|III|II|I|[1-4])\b", upper):
        return f"D{roman[m.group(1)]}"
    if m := re.match(r"^(?:STRATA|S)\s*-?\s*(III|II|I|[1-3])\b", upper):
        return f"S{roman[m.group(1)]}"
    for word, level in (("SARJANA", "S1"), ("MAGISTER", "S2"), ("PASCASARJANA", "S2"), ("DOKTOR", "S3")):
        if compact.startswith(word):
            return level
    for words, level in ((("SARJANA", "STRATA"), None), (("SLTA", "SMA", "SMK", "SMU"), "SMA"),
                         (("SLTP", "SMP"), "SMP"), (("SD", "SEKOLAH DASAR"), "SD")):
        if level and any(compact.startswith(w.replace(" ", "")) for w in words):
            return level
    return name


def _gender(value: str | None) -> str | None:
    upper = (value or "").strip().upper()
    return {"M": "L", "F": "P", "1": "L", "2": "P", "LK": "L", "PR": "P"}.get(upper, value)


def _siasn_find(rows) -> int | None:
    return _first(rows, lambda r: _has(r, "NIP BARU", "NAMA")
                  and (_has(r, "KEDUDUKAN HUKUM ID") or _has(r, "KEDUDUKAN HUKUM NAMA"))
                  and (_has(r, "JENIS JABATAN ID") or _has(r, "JENIS JABATAN NAMA")))


def _full_name(front: str | None, name: str | None, back: str | None) -> str | None:
    if not name:
        return None
    text = f"{front} {name}" if front else name
    return f"{text}, {back}" if back else text


def _siasn_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    for number, c, raw in _records(sheet, header):
        kedudukan_id = (_pick(c, "KEDUDUKAN HUKUM ID") or "").lstrip("0")
        kedudukan = (_pick(c, "KEDUDUKAN HUKUM NAMA") or "").upper()
        kind = (_pick(c, "JENIS PEGAWAI NAMA") or "").upper()
        pppk = kedudukan_id in PPPK_KEDUDUKAN or "PPPK" in kedudukan or "PPPK" in kind or "P3K" in kind
        tmt = _pick(c, "TMT CPNS")
        yield {
            "_row": number, "_raw": raw,
            "NIP": _clean_nip(_pick(c, "NIP BARU")),
            "NAMA": _full_name(_pick(c, "GELAR DEPAN"), _pick(c, "NAMA"), _pick(c, "GELAR BELAKANG")),
            "JENIS_KELAMIN": _gender(_pick(c, "JENIS KELAMIN")),
            "TANGGAL_LAHIR": _pick(c, "TANGGAL LAHIR"),
            "STATUS_KEPEGAWAIAN": "PPPK" if pppk else "PNS",
            "GOLONGAN": _pick(c, "GOL AKHIR NAMA", "GOL AWAL NAMA"),
            "JENIS_JABATAN": _position_type(_pick(c, "JENIS JABATAN NAMA"), _pick(c, "JENIS JABATAN ID")),
            "NAMA_JABATAN": _pick(c, "JABATAN NAMA"),
            "ESELON": _pick(c, "ESELON NAMA"),
            "PENDIDIKAN": _education(_pick(c, "TINGKAT PENDIDIKAN NAMA")),
            "KODE_OPD": resolve_opd(sheet, _pick(c, "SATUAN KERJA KERJA NAMA"), _pick(c, "SATUAN KERJA INDUK NAMA"),
                                    _pick(c, "UNOR INDUK NAMA"), _pick(c, "UNOR NAMA")),
            "UNIT_KERJA": _pick(c, "UNOR NAMA"),
            "TMT_CPNS": None if pppk else tmt,
            "TMT_PPPK": (_pick(c, "TMT PPPK", "TMT CPNS", "TMT PNS") if pppk else None),
            "PIN_ABSEN": _pick(c, "PIN ABSEN", "PIN"),
            "AKTIF": "N" if any(w in kedudukan for w in INACTIVE_WORDS) else "Y",
        }


# --- SIMPEG "Daftar Nominatif Pegawai" ------------------------------------------------------------

def _stack(value: str | None) -> list[str | None]:
    """A stacked cell (`nama` over `tempat, tgl`) as its lines."""
    if not value:
        return []
    return [_text(p) for p in re.split(r"\s*(?:\r?\n|<br\s*/?>)\s*", value)]


def _line(value: str | None, index: int) -> str | None:
    parts = _stack(value)
    return parts[index] if index < len(parts) else None


def _dnp_find(rows) -> int | None:
    return _first(rows, lambda r: any(k.startswith("NIP/") for k in norm_row(r))
                  and any(k.startswith("NAMA") for k in norm_row(r)))


def _dnp_title_opd(sheet: Sheet, header: int) -> str | None:
    for row in sheet.rows[:header]:
        for cell in row:
            if cell and (m := re.match(r"^\s*PADA\s+(.+?)\s*$", str(cell), re.IGNORECASE)):
                return m.group(1)
    return None


DNP_COLUMNS = {  # what a header cell starts with (normalised) -> our name for the column
    "NAMA": "name", "NIP": "nip", "GOL": "gol", "PANGKAT": "gol", "JABATAN": "job", "JENISJABATAN": "kind",
    "UNITKERJA": "unit", "ESELON": "eselon", "PENDIDIKAN": "education", "L/P": "gender", "JENISKELAMIN": "gender",
    "JK": "gender", "STATUS": "status",
}


def _dnp_columns(keys: list[str]) -> dict[str, int]:
    col: dict[str, int] = {}
    for i, key in enumerate(keys):
        name = next((n for prefix, n in sorted(DNP_COLUMNS.items(), key=lambda kv: -len(kv[0]))
                     if key.startswith(prefix)), None)
        if name and name not in col:
            col[name] = i
    return col


def _dnp_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    keys = norm_row(sheet.rows[header])
    col = _dnp_columns(keys)
    job_has_unit = "job" in col and "UNITKERJA" in keys[col["job"]]
    title_opd = _dnp_title_opd(sheet, header)
    names = [c or f"KOLOM_{i + 1}" for i, c in enumerate(sheet.rows[header])]
    second = sheet.rows[header + 1] if header + 1 < len(sheet.rows) else []
    body = header + (1 if any(_looks_like_nip(c) for c in second) else 2)  # 2nd header row: numbers or sub-labels
    number = 0
    for row in sheet.rows[body:]:
        cells = [(str(c) if c is not None else None) for c in row] + [None] * len(names)
        if not any(_text(c) for c in cells):
            continue
        number += 1
        get = {name: cells[i] for name, i in col.items()}
        raw = json.dumps({n: (row[i] if i < len(row) else None) for i, n in enumerate(names)}, ensure_ascii=False)
        nip = _clean_nip(_line(get.get("nip"), 0))
        born = _line(get.get("name"), 1)
        golongan = next((p for p in _stack(get.get("gol")) if p and re.fullmatch(r"[IVX]+(/[a-eA-E])?", p)), None)
        status = _text(get.get("status"))
        if status is None and nip and len(nip) == 18:
            status = "PPPK" if nip[12:14] == "21" or (golongan and "/" not in golongan) else "PNS"
        eselon = _text(get.get("eselon"))
        kind = _text(get.get("kind")) or ("Struktural" if eselon and eselon != "-" else None)
        yield {
            "_row": number, "_raw": raw, "NIP": nip,
            "NAMA": _line(get.get("name"), 0),
            "TANGGAL_LAHIR": born.rsplit(",", 1)[-1].strip() if born else None,
            "JENIS_KELAMIN": _gender(_text(get.get("gender"))),
            "STATUS_KEPEGAWAIAN": status,
            "GOLONGAN": golongan,
            "JENIS_JABATAN": _position_type(kind, None),
            "NAMA_JABATAN": _line(get.get("job"), 0),
            "ESELON": eselon,
            "PENDIDIKAN": _education(_line(get.get("education"), 0)),
            "KODE_OPD": resolve_opd(sheet, title_opd),
            "UNIT_KERJA": _text(get.get("unit")) or (_line(get.get("job"), 1) if job_has_unit else None),
            "TMT_CPNS": None if status == "PPPK" else _cpns_from_nip(nip),
            "TMT_PPPK": None,
            "AKTIF": "Y",
        }


def _looks_like_nip(cell) -> bool:
    return bool(cell) and bool(re.fullmatch(r"'?\d{8}\s?\d{6}\s?\d\s?\d{3}", str(cell).split("\n")[0].strip()))


def _cpns_from_nip(nip: str | None) -> str | None:
    """A DNP prints no TMT CPNS beside the NIP; digits 9–14 of a PNS NIP are that month."""
    if nip and re.fullmatch(r"\d{18}", nip):
        return f"01/{nip[12:14]}/{nip[8:12]}"
    return None


# --- e-Kinerja BKN "Laporan Penilaian SKP" --------------------------------------------------------

def _ekinerja_find(rows) -> int | None:
    return _first(rows, lambda r: _has(r, "nip", "hasil_akhir"), limit=20)


def _period_from_text(*texts: str | None) -> tuple[str | None, str | None]:
    """(month 1–12 or TAHUNAN, year) named in a sheet name, title or file name."""
    for text in texts:
        if not text:
            continue
        lower = str(text).lower()
        year = m.group(1) if (m := re.search(r"(20\d\d)", lower)) else None
        if "tahunan" in lower:
            return "TAHUNAN", year
        for word in sorted(MONTHS_ID, key=len, reverse=True):
            if re.search(rf"(?<![a-z]){word}(?![a-z])", lower):
                return str(MONTHS_ID[word]), year
        if m := re.search(r"(20\d\d)[-_ ](\d{1,2})(?!\d)", lower):
            return str(int(m.group(2))), m.group(1)
        if m := re.search(r"(?<!\d)(\d{1,2})[-_/ ](20\d\d)", lower):
            return str(int(m.group(1))), m.group(2)
    return None, None


def _ekinerja_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    title = " ".join(str(c) for r in sheet.rows[:header] for c in r if c)
    period, year = _period_from_text(sheet.sheet_name, title, sheet.file_name)
    rows, skps = [], []
    for number, c, raw in _records(sheet, header):
        periode_id = _pick(c, "periode_id", "periode", "bulan")
        if periode_id and re.fullmatch(r"\d{1,2}(\.0)?", periode_id):
            value = int(float(periode_id))
            row_period = str(value) if 1 <= value <= 12 else "TAHUNAN"
        else:
            row_period = periode_id or period
        predikat = _pick(c, "hasil_akhir")
        rows.append({
            "_row": number, "_raw": raw,
            "NIP": _clean_nip(_pick(c, "nip")),
            "TAHUN": _pick(c, "tahun_skp", "tahun") or year,
            "PERIODE": row_period,
            "RATING_HASIL_KERJA": _pick(c, "hasil_kerja"),
            "RATING_PERILAKU_KERJA": _pick(c, "perilaku_kerja"),
            "PREDIKAT_KINERJA": None if predikat in ("-", "--") else predikat,
        })
        skps.append((_pick(c, "id", "skp_id"), _pick(c, "is_skp_plt_plh_pjb", "is_plt_plh"),
                     _pick(c, "periode_akhir_skp", "periode_akhir")))
    yield from _definitive_only(rows, skps, sheet.skps)


def _days(texts: list[str | None]) -> list[date | None]:
    """Dates as the contract's parser reads them (ISO, d/m/Y, Excel serial …); unreadable: None."""
    return pl.DataFrame({"v": texts}, schema={"v": pl.String}).select(parse_date(pl.col("v")))["v"].to_list()


def _definitive_only(rows: list[dict], own: list[tuple], loaded: Callable[[], dict[str, Skp]]) -> list[dict]:
    """The penilaian rows of each employee's definitive SKP (real-layouts.md §6.1): an SKP of the
    loaded Laporan SKP (joined on `id`), else the row's own `is_skp_plt_plh_pjb`/`periode_akhir_skp`.
    Rows of a PLT/PLH SKP, of an SKP not approved (`skp_status` other than `persetujuan`) and of an
    employee's older SKP where a later one (latest `periode_akhir`) is assessed for the same period
    are given SKP_NOT_DEFINITIVE, so they are quarantined, not loaded."""
    table = loaded() if any(skp_id for skp_id, _, _ in own) else {}
    ends = _days([end for _, _, end in own])
    judged = []
    for row, (skp_id, plt_flag, _), own_end in zip(rows, own, ends, strict=True):
        skp = table.get(skp_id or "")
        plt = skp.plt if skp else (plt_flag or "").strip().removesuffix(".0") in ("1", "true", "True", "TRUE")
        status = skp.status if skp else None
        end = skp.end if skp else own_end
        shown = skp_id or "(tanpa id)"
        if plt:
            row["_quarantine"] = reasons.SKP_NOT_DEFINITIVE.text("plt", skp=shown)
        elif status is not None and status.strip().lower() != "persetujuan":
            row["_quarantine"] = reasons.SKP_NOT_DEFINITIVE.text("status", skp=shown, status=status)
        judged.append((row, skp_id, end))
    latest: dict[tuple, tuple[date, str]] = {}
    for row, skp_id, end in judged:
        key = (row["NIP"], row["TAHUN"], row["PERIODE"])
        if "_quarantine" not in row and end and skp_id and (key not in latest or end > latest[key][0]):
            latest[key] = (end, skp_id)
    for row, skp_id, end in judged:
        best = latest.get((row["NIP"], row["TAHUN"], row["PERIODE"]))
        if "_quarantine" not in row and best and skp_id and skp_id != best[1] and end and end < best[0]:
            row["_quarantine"] = reasons.SKP_NOT_DEFINITIVE.text(
                "older", skp=skp_id, end=end.strftime("%d-%m-%Y"), other=best[1],
                other_end=best[0].strftime("%d-%m-%Y"), period=row["PERIODE"], year=row["TAHUN"])
    return rows


# --- e-Kinerja BKN "Laporan SKP" (one row per SKP) ---------------------------------------------------

def _skp_find(rows) -> int | None:
    return _first(rows, lambda r: _has(r, "nip", "is_plt_plh", "periode_akhir") and not _has(r, "hasil_akhir"),
                  limit=20)


def _skp_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    for number, c, raw in _records(sheet, header):
        yield {
            "_row": number, "_raw": raw,
            "SKP_ID": _pick(c, "id", "skp_id"),
            "NIP": _clean_nip(_pick(c, "nip")),
            "SKP_STATUS": _pick(c, "skp_status"),
            "IS_PLT_PLH": _pick(c, "is_plt_plh"),
            "PERIODE_AWAL": _pick(c, "periode_awal"),
            "PERIODE_AKHIR": _pick(c, "periode_akhir"),
        }


# --- Pemda daily recap (KEHADIRAN code + KETERANGAN note) ------------------------------------------

_PRESENT = re.compile(r"^(?:HN|H|TM\d?|PC\d?|TMD?H[MP]|WF[HO]|TL\d?|PSW\d?|CP\d?)(?:[-/ ]?(?:TM\d?|PC\d?|TMD?H[MP]|"
                      r"TL\d?|PSW\d?|CP\d?|TAD|TAP|PLN))*$")


def attendance_code(value: str | None) -> str | None:
    """A vendor's day code as the contract's: combined late/early codes (`TM1PC2`, `TM1-PC2`),
    `TMDHM`/`TMDHP` (no check-in/out recorded), WFH/WFO -> H; LJ/LN/LK -> L; others as written."""
    if value is None:
        return None
    upper = re.sub(r"\s+", " ", value.strip().upper())
    if _PRESENT.match(upper.replace(" ", "")):
        return "H"
    if upper in ("LJ", "LN", "LK", "LIBUR NASIONAL"):
        return "L"
    return value.strip()


def _recap_find(rows) -> int | None:
    return _first(rows, lambda r: _has(r, "NIP", "TANGGAL", "KEHADIRAN", "KETERANGAN"))


def _dash(value: str | None) -> str | None:
    return None if value is None or value.strip() in ("-", "--") else value


def _recap_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    for number, c, raw in _records(sheet, header):
        yield {
            "_row": number, "_raw": raw,
            "NIP": _clean_nip(_pick(c, "NIP")),
            "TANGGAL": _pick(c, "TANGGAL"),
            "JAM_MASUK": _dash(_pick(c, "JAM MASUK")),
            "JAM_PULANG": _dash(_pick(c, "JAM PULANG")),
            "KETERANGAN": attendance_code(_pick(c, "KEHADIRAN")),
        }


# --- Monthly matrix (columns 01…31) -----------------------------------------------------------------

def _day_columns(row: list[str | None]) -> dict[int, int]:
    """{column index: day} of the header cells that are day numbers 1–31, in one run."""
    days = {}
    for i, cell in enumerate(row):
        text = (_text(cell) or "").removesuffix(".0")
        if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 31:
            days[i] = int(text)
    return days if len(days) >= 28 else {}


def _matrix_nip(row) -> int | None:
    keys = norm_row(row)
    return next((keys.index(k) for k in ("NIP", "NIPBARU", "NIP/NRP") if k in keys), None)


def _matrix_find(rows) -> int | None:
    def test(index: int) -> bool:
        row = rows[index]
        if _matrix_nip(row) is None:
            return False
        return bool(_day_columns(row)) or (index + 1 < len(rows) and bool(_day_columns(rows[index + 1])))
    return next((i for i in range(min(len(rows), HEADER_SCAN_ROWS)) if test(i)), None)


MATRIX_CODES = {"WFO": "H", "WFH": "H", "HADIR": "H", "IJIN": "I", "ALPHA": "TK", "ALPA": "TK", "TIDAK ABSEN": "TK",
                "UNDANGAN": "DL", "ISOMAN": "S"}


def _matrix_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    head = sheet.rows[header]
    days = _day_columns(head)
    rows_of_header = 1
    if not days:
        days, rows_of_header = _day_columns(sheet.rows[header + 1]), 2
    title = " ".join(str(c) for r in sheet.rows[:header] for c in r if c)
    month, year = _period_from_text(title, sheet.sheet_name, sheet.file_name)
    if month in (None, "TAHUNAN") or year is None:
        from pipelines.readers import FileRejected

        raise FileRejected(f"Bulan rekap matriks {sheet.file_name} tidak terbaca dari judul maupun nama berkas "
                           "(mis. 'REKAP ABSENSI BULAN JULI 2026' atau 'rekap_2026-07.xls').")
    nip_col = _matrix_nip(head)
    names = {i: (c or f"KOLOM_{i + 1}") for i, c in enumerate(head)}
    number = 0
    for row in sheet.rows[header + rows_of_header:]:
        first = " ".join(str(c) for c in row[:nip_col + 2] if c).strip().upper()
        if re.match(r"^(JUMLAH|TOTAL|JML)\b", first) or not any(_text(c) for c in row):
            continue  # summary rows under the matrix
        nip = _clean_nip(_text(row[nip_col]) if nip_col < len(row) else None)
        person = {names[i]: row[i] for i in range(min(len(row), min(days))) if i in names}
        for column, day in sorted(days.items()):
            cell = _text(row[column]) if column < len(row) else None
            if cell is None or cell in ("-", "--"):
                continue
            number += 1
            try:
                day_date = date(int(year), int(month), day).isoformat()
            except ValueError:
                day_date = f"{day:02d}/{int(month):02d}/{year}"
            code = cell.upper()
            yield {"_row": number, "_raw": json.dumps({**person, "TANGGAL": str(day), "KODE": cell}, ensure_ascii=False),
                   "NIP": nip, "TANGGAL": day_date, "JAM_MASUK": None, "JAM_PULANG": None,
                   "KETERANGAN": MATRIX_CODES.get(code, attendance_code(cell))}


# --- ZKTeco "Laporan Kehadiran" and punch log ----------------------------------------------------------

def _zk_report_find(rows) -> int | None:
    return _first(rows, lambda r: _has(r, "Tanggal", "Scan Masuk", "Scan Pulang")
                  and (_has(r, "No. ID") or _has(r, "No.ID") or _has(r, "Emp No.")))


def _zk_report_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    number = 0
    for _, c, raw in _records(sheet, header):
        pin = _pick(c, "No. ID", "Emp No.")
        day = _pick(c, "Tanggal")
        for scan in (_dash(_pick(c, "Scan Masuk")), _dash(_pick(c, "Scan Pulang"))):
            if scan is None:
                continue
            number += 1
            yield {"_row": number, "_raw": raw, "PIN": pin, "NIP": None,
                   "WAKTU": f"{_date_part(day)} {scan}" if day else None, "MESIN": None}


def _date_part(day: str) -> str:
    """An Excel date cell read as `2026-07-01 00:00:00` keeps only its date."""
    return re.sub(r"[ T]00:00(:00)?(\.0+)?$", "", day.strip())


def _zk_log_find(rows) -> int | None:
    return _first(rows, lambda r: (_has(r, "Tgl/Waktu") or _has(r, "Date/Time"))
                  and (_has(r, "No.ID") or _has(r, "No.") or _has(r, "No. ID") or _has(r, "ID Number")))


def _zk_log_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    """`Pengecualian = Mengulang` marks a repeated punch (§4.3): counted as a duplicate, not loaded."""
    for number, c, raw in _records(sheet, header):
        yield {"_row": number, "_raw": raw, "PIN": _pick(c, "No.ID", "No. ID", "No.", "ID Number"), "NIP": None,
               "WAKTU": _pick(c, "Tgl/Waktu", "Date/Time"), "MESIN": _pick(c, "Mesin", "SN", "Device"),
               "_repeat": (_pick(c, "Pengecualian") or "").strip().upper() == "MENGULANG"}


# --- BerAKHLAK from a Google Forms export ------------------------------------------------------------

def forms_table() -> list[tuple[str, str]]:
    """(contract column, question text) pairs shipped in berakhlak_forms.toml."""
    data = tomllib.loads(FORMS_TABLE.read_text(encoding="utf-8"))
    return [(column, question) for column, questions in data["kolom"].items() for question in questions]


def _question_key(text: str) -> str:
    text = re.sub(r"^\s*\d+\s*[.)]\s*", "", text)  # a numbered question: `1. Memahami …`
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _forms_columns(row: list[str | None]) -> dict[str, int]:
    """{contract column: column index} for a header whose cells are the shipped questions; a grid
    question (`Berorientasi Pelayanan [Memahami …]`) is matched by its row text in brackets."""
    table = {_question_key(q): column for column, q in forms_table()}
    out = {}
    for i, cell in enumerate(row):
        text = cell or ""
        keys = [_question_key(m.group(1)) for m in re.finditer(r"\[([^\]]+)\]", text)] + [_question_key(text)]
        found = (table[k] if k in table else next((c for q, c in table.items() if q and k.startswith(q)), None)
                 for k in keys)
        column = next((c for c in found if c), None)
        if column and column not in out:
            out[column] = i
    return out


def _forms_find(rows) -> int | None:
    def test(row) -> bool:
        keys = norm_row(row)
        if not keys or keys[0] not in ("TIMESTAMP", "STEMPELWAKTU", "CAPWAKTU"):
            return False
        found = _forms_columns(row)
        return "NIP_DINILAI" in found and "PERAN_PENILAI" in found
    return _first(rows, test, limit=5)


def _score(value: str | None) -> str | None:
    """`4`, `4 - Sering`, `Sangat Setuju (5)` -> the digit; anything else as written."""
    if value is None:
        return None
    if m := re.match(r"^\s*([1-5])(?:[.,]0+)?(?:\s*[-–.:)].*)?\s*$", value) or re.search(r"\(([1-5])\)\s*$", value):
        return m.group(1)
    return value


def _role(answer: str | None) -> str | None:
    """`Atasan langsung`, `Rekan sejawat`, `Diri sendiri` … -> the contract's role; else as written."""
    upper = (answer or "").upper()
    for word, role in (("ATASAN", "ATASAN"), ("BAWAHAN", "BAWAHAN"), ("REKAN", "REKAN"), ("SEJAWAT", "REKAN"),
                       ("DIRI", "DIRI"), ("SENDIRI", "DIRI")):
        if word in upper:
            return role
    return answer


def _semester(timestamp: str | None) -> str | None:
    if not timestamp:
        return None
    if m := re.match(r"^(\d{4})-(\d{2})", timestamp) or re.match(r"^\d{1,2}/(\d{1,2})/(\d{4})", timestamp):
        year, month = (m.group(1), m.group(2)) if len(m.group(1)) == 4 else (m.group(2), m.group(1))
        return f"{year}-S{1 if int(month) <= 6 else 2}"
    return None


def _forms_convert(sheet: Sheet, header: int) -> Iterator[dict]:
    columns = _forms_columns(sheet.rows[header])
    email = next((i for i, k in enumerate(norm_row(sheet.rows[header])) if k in ("EMAILADDRESS", "ALAMATEMAIL", "EMAIL")),
                 None)
    names = [c or f"KOLOM_{i + 1}" for i, c in enumerate(sheet.rows[header])]
    number = 0
    for row in sheet.rows[header + 1:]:
        cells = [_text(c) for c in row] + [None] * len(names)
        if not any(cells):
            continue
        number += 1
        out = {"_row": number, "_raw": json.dumps(dict(zip(names, row)), ensure_ascii=False)}
        for column, index in columns.items():
            value = cells[index]
            out[column] = _score(value) if column not in ("PERIODE", "NIP_DINILAI", "PERAN_PENILAI") else value
        out["NIP_DINILAI"] = _clean_nip(out.get("NIP_DINILAI"))
        out["PERAN_PENILAI"] = _role(out.get("PERAN_PENILAI"))
        out["PERIODE"] = out.get("PERIODE") or _semester(cells[0])
        who = (cells[email] or "").strip().lower() if email is not None else ""
        # the assessor is identified by a hash of the e-mail address, never the address itself
        out["ID_PENILAI"] = hashlib.sha256(who.encode()).hexdigest()[:16] if who else None
        yield out


LAYOUTS: tuple[Layout, ...] = (
    Layout("siasn_export_asn", "SIASN Export Data ASN", "pegawai", _siasn_find, _siasn_convert),
    Layout("simpeg_dnp", "SIMPEG Daftar Nominatif Pegawai", "pegawai", _dnp_find, _dnp_convert),
    Layout("ekinerja_penilaian_skp", "e-Kinerja BKN Laporan Penilaian SKP", "kinerja", _ekinerja_find, _ekinerja_convert,
           (reasons.SKP_NOT_DEFINITIVE,)),
    Layout("ekinerja_laporan_skp", "e-Kinerja BKN Laporan SKP", "skp_bkn", _skp_find, _skp_convert),
    Layout("rekap_harian_pemda", "Rekap harian e-absensi (KEHADIRAN + KETERANGAN)", "absensi_harian", _recap_find,
           _recap_convert),
    Layout("matriks_bulanan", "Rekap bulanan matriks (kolom tanggal 01–31)", "absensi_harian", _matrix_find,
           _matrix_convert),
    Layout("zkteco_laporan_kehadiran", "ZKTeco Laporan Kehadiran", "absensi_log", _zk_report_find, _zk_report_convert),
    Layout("zkteco_log", "ZKTeco log absensi", "absensi_log", _zk_log_find, _zk_log_convert),
    Layout("google_forms_berakhlak", "BerAKHLAK dari Google Forms", "berakhlak", _forms_find, _forms_convert),
)
BY_NAME = {layout.name: layout for layout in LAYOUTS}


def detect(rows: list[list[str | None]], source: str | None = None) -> tuple[Layout, int] | None:
    """The built-in layout whose header is among the first rows (and its row index)."""
    for layout in LAYOUTS:
        if source and layout.source != source:
            continue
        index = layout.find(rows)
        if index is not None:
            return layout, index
    return None


# --- BKN presensi JSON ----------------------------------------------------------------------------

BKN_JSON = "bkn_presensi_json"


def is_bkn_presensi(data) -> bool:
    items = data.get("data") if isinstance(data, dict) else None
    return isinstance(items, list) and any(isinstance(i, dict) and "presensi" in i for i in items)


def _local_time(check) -> str | None:
    """The local clock of a check block: `time_with_timezone`, never the UTC `time`."""
    if not isinstance(check, dict):
        return None
    value = check.get("time_with_timezone")
    return _text(value)


def bkn_presensi_rows(data) -> Iterator[dict]:
    number = 0
    for person in data["data"]:
        if not isinstance(person, dict):
            continue
        year, month = person.get("tahun"), person.get("bulan")
        for day in person.get("presensi") or []:
            number += 1
            raw = json.dumps({"nip": person.get("nip"), "nama": person.get("nama"), "tahun": year, "bulan": month,
                              **(day if isinstance(day, dict) else {"presensi": day})}, ensure_ascii=False)
            if not isinstance(day, dict):
                yield {"_row": number, "_raw": raw, "NIP": _clean_nip(_text(person.get("nip")))}
                continue
            value = _text(day.get("day"))
            if value and re.fullmatch(r"\d{1,2}", value) and year and month:
                try:
                    work_date = date(int(year), int(month), int(value)).isoformat()
                except ValueError:
                    work_date = f"{value}/{month}/{year}"
            else:
                work_date = value
            yield {"_row": number, "_raw": raw,
                   "NIP": _clean_nip(_text(person.get("nip"))),
                   "TANGGAL": work_date,
                   "JAM_MASUK": _local_time(day.get("checkIn")),
                   "JAM_PULANG": _local_time(day.get("checkOut")),
                   "KETERANGAN": attendance_code(_text(day.get("status")))}


def read_delimited_rows(text: str, delimiter: str) -> list[list[str | None]]:
    """Every line of a delimited file as its cells (title lines keep their own width)."""
    return [list(r) for r in csv.reader(text.splitlines(), delimiter=delimiter)]
