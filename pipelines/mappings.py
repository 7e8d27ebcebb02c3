"""Saved column mappings ("peta kolom") for layouts nobody shipped.

A mapping names, for one source, which column of the file holds each contract column. It is
saved as `<warehouse folder>/peta/<name>.toml`, recognised again from the fingerprint of the
file's header (its column names, order and case ignored), used by `ingest --peta NAME`, and
recorded on the batch as `peta:<name>`. When a file matches no layout and no mapping, ingest
writes a template beside the saved mappings and says which columns it still needs.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipelines.layouts import Sheet, norm_row
from pipelines.parse import normalise_header
from pipelines.sources import SOURCES, Source

TEMPLATE_SCAN_ROWS = 30


@dataclass(frozen=True)
class Mapping:
    name: str
    source: str
    columns: dict[str, str]          # contract header -> the file's header
    fingerprint: str = ""
    sample: tuple[tuple[str, ...], ...] = ()  # the header and five rows it was made on (for editing)

    @property
    def label(self) -> str:
        return f"peta:{self.name}"


def fingerprint(headers: list[str | None]) -> str:
    """The header's column names, normalised, order ignored."""
    names = sorted({normalise_header(h) for h in headers if h and normalise_header(h)})
    return hashlib.sha256("|".join(names).encode()).hexdigest()[:16]


def folder(warehouse_dir: Path) -> Path:
    return warehouse_dir / "peta"


def safe_name(name: str) -> str:
    """A mapping name as a file name: letters, digits, `-` and `_`."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", name.strip()).strip("_")
    if not cleaned:
        raise ValueError("Nama peta kolom kosong: pakai huruf, angka, '-' atau '_'.")
    return cleaned[:60]


def saved(warehouse_dir: Path) -> list[Mapping]:
    """Every saved mapping (templates not yet filled in are skipped)."""
    out = []
    for path in sorted(folder(warehouse_dir).glob("*.toml")):
        try:
            out.append(read(path))
        except (ValueError, KeyError, tomllib.TOMLDecodeError):
            continue
    return out


def read(path: Path) -> Mapping:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = SOURCES[data["sumber"]]
    columns = {k: v for k, v in data.get("kolom", {}).items() if isinstance(v, str) and v.strip()}
    missing = [f.header for f in source.fields if f.required and f.header not in columns]
    if missing:
        raise ValueError(f"Peta {path.stem}: kolom wajib belum dipetakan: {', '.join(missing)}.")
    sample = tuple(tuple(str(c) for c in row) for row in data.get("contoh", []))
    return Mapping(data.get("nama") or path.stem, source.name, columns, data.get("sidik_jari", ""), sample)


def by_name(warehouse_dir: Path, name: str) -> Mapping:
    path = folder(warehouse_dir) / f"{safe_name(name)}.toml"
    if not path.exists():
        known = ", ".join(m.name for m in saved(warehouse_dir)) or "(belum ada)"
        raise ValueError(f"Peta kolom '{name}' tidak ada. Peta tersimpan: {known}.")
    return read(path)


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def save(warehouse_dir: Path, mapping: Mapping) -> Path:
    folder(warehouse_dir).mkdir(parents=True, exist_ok=True)
    path = folder(warehouse_dir) / f"{safe_name(mapping.name)}.toml"
    lines = [f"nama = {_toml(safe_name(mapping.name))}", f"sumber = {_toml(mapping.source)}",
             f"sidik_jari = {_toml(mapping.fingerprint)}", "", "[kolom]"]
    if mapping.sample:  # top-level keys must come before the [kolom] table
        lines[3:3] = ["contoh = [" + ", ".join("[" + ", ".join(_toml(c) for c in row) + "]" for row in mapping.sample)
                      + "]"]
    lines += [f"{header} = {_toml(column)}" for header, column in mapping.columns.items() if column]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def header_row(rows: list[list[str | None]], mapping: Mapping) -> int | None:
    """The first row that holds every file column the mapping names."""
    wanted = {normalise_header(c) for c in mapping.columns.values()}
    for index, row in enumerate(rows[:100]):
        if wanted <= set(norm_row(row)):
            return index
    return None


def matching(rows: list[list[str | None]], mappings: list[Mapping]) -> Mapping | None:
    """A saved mapping whose fingerprint is a header among the first rows."""
    prints = {fingerprint(row): i for i, row in enumerate(rows[:100]) if any(row)}
    return next((m for m in mappings if m.fingerprint in prints), None)


def apply(sheet: Sheet, mapping: Mapping) -> list[dict]:
    """The sheet's data rows in the contract's headers; `_raw` keeps the row as it came."""
    index = header_row(sheet.rows, mapping)
    if index is None:
        raise ValueError(f"Berkas {sheet.file_name} tidak memuat kolom yang dipetakan oleh peta {mapping.name} "
                         f"({', '.join(mapping.columns.values())}).")
    names = [c or f"KOLOM_{i + 1}" for i, c in enumerate(sheet.rows[index])]
    position = {normalise_header(c): i for i, c in reversed(list(enumerate(names)))}
    columns = {header: position[normalise_header(c)] for header, c in mapping.columns.items()}
    out, number = [], 0
    for row in sheet.rows[index + 1:]:
        cells = [None if c is None or str(c).strip() == "" else str(c) for c in row] + [None] * len(names)
        if not any(cells):
            continue
        number += 1
        out.append({"_row": number, "_raw": json.dumps(dict(zip(names, row)), ensure_ascii=False),
                    **{header: cells[i] for header, i in columns.items()}})
    return out


def likely_header(rows: list[list[str | None]]) -> int:
    """The row among the first ones with the most text cells: where a header usually is."""
    scored = [(sum(1 for c in row if c and not re.fullmatch(r"[\d.,:/ -]+", str(c))), -i)
              for i, row in enumerate(rows[:TEMPLATE_SCAN_ROWS])]
    return -max(scored)[1] if scored else 0


HINTS = {  # words a vendor's header often uses for a contract column (a template's guess only)
    "NIP": ("NIP",), "TANGGAL": ("TGL", "TANGGAL", "DATE", "HARI"), "JAM_MASUK": ("MASUK", "DATANG", "IN"),
    "JAM_PULANG": ("PULANG", "KELUAR", "OUT"), "KETERANGAN": ("KET", "STATUS", "HADIR", "KODE"),
    "NAMA": ("NAMA",), "WAKTU": ("WAKTU", "JAM", "TIME"), "PIN": ("PIN", "NOID", "USER"),
}
PREFERENCE = ("absensi_harian", "pegawai", "kinerja", "absensi_log", "aktivitas", "pelatihan", "berakhlak", "opd",
              "pin_mesin")


def guess_column(field, headers: list[str]) -> str:
    """The file column that is the field's header or alias, else one holding a hint word."""
    by_key = {normalise_header(h): h for h in headers}
    exact = next((by_key[k] for k in field.keys if k in by_key), None)
    if exact:
        return exact
    hints = HINTS.get(field.header, ())
    return next((h for h in headers if any(w in normalise_header(h) for w in hints)), "")


def likely_source(headers: list[str | None]) -> Source:
    """The source whose required columns the file seems to hold most of (a template's best guess)."""
    names = [h for h in headers if h]

    def score(source: Source) -> tuple:
        required = [f for f in source.fields if f.required]
        found = sum(1 for f in required if guess_column(f, names))
        preference = PREFERENCE.index(source.name) if source.name in PREFERENCE else len(PREFERENCE)  # others last
        return (found / max(1, len(required)), found, -preference)
    return max(SOURCES.values(), key=score)


def template(warehouse_dir: Path, file_name: str, rows: list[list[str | None]]) -> tuple[Path, str]:
    """Write a mapping template for an unrecognised file; returns its path and the message for the admin."""
    headers = [c for c in rows[likely_header(rows)] if c] if rows else []
    source = likely_source(headers)
    guess = {f.header: guess_column(f, headers) for f in source.fields}
    name = safe_name(Path(file_name).stem)
    folder(warehouse_dir).mkdir(parents=True, exist_ok=True)
    path = folder(warehouse_dir) / f"{name}.toml"
    lines = [f"# Peta kolom untuk {file_name}. Isi nama kolom berkas untuk tiap kolom kontrak (kosongkan yang",
             "# tidak ada), ganti `sumber` bila perlu, lalu muat ulang:",
             f"#   python -m pipelines ingest --peta {name} <berkas>",
             f"# Kolom di berkas: {', '.join(headers)}",
             f"nama = {_toml(name)}", f"sumber = {_toml(source.name)}",
             f"sidik_jari = {_toml(fingerprint(headers))}", "", "[kolom]"]
    for f in source.fields:
        lines.append(f"{f.header} = {_toml(guess[f.header])}{'  # wajib' if f.required else ''}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    needed = [f.header for f in source.fields if f.required and not guess[f.header]]
    message = (f"Tata letak berkas {file_name} tidak dikenali. Kolom yang ditemukan: {', '.join(headers) or '(tidak ada)'}. "
               f"Kolom kontrak yang masih dibutuhkan (tebakan sumber: {source.name}): {', '.join(needed) or '-'}. "
               f"Templat peta kolom ditulis ke {path}; isi lalu muat ulang dengan --peta {name}, "
               "atau petakan kolomnya di halaman Kelola Data.")
    return path, message


def sample_of(rows: list[list[str | None]], header: int, size: int = 5) -> tuple[tuple[str, ...], ...]:
    """The header row and the first data rows, as text (empty cells as '')."""
    kept = [rows[header], *[r for r in rows[header + 1:] if any(r)][:size]]
    return tuple(tuple("" if c is None else str(c) for c in row) for row in kept)


def _shown(values):
    """A parsed value as an admin reads it: dates dd-mm-yyyy, times HH:MM, decimal comma."""
    import polars as pl

    if values.dtype == pl.Date:
        return values.dt.strftime("%d-%m-%Y")
    if values.dtype == pl.Time:
        return values.dt.strftime("%H:%M")
    if values.dtype == pl.Datetime:
        return values.dt.strftime("%d-%m-%Y %H:%M")
    if values.dtype.is_float():
        return values.cast(pl.String).str.replace(r"\.0$", "").str.replace(".", ",", literal=True)
    return values.cast(pl.String)


def preview(sample: tuple[tuple[str, ...], ...], source: str, columns: dict[str, str], today=None):
    """The sample's rows as the mapping reads them: each contract column parsed, and the
    validation result (`Hasil`: OK or the quarantine reason) of each row."""
    from datetime import date

    from pipelines.readers import layout_file
    from pipelines.validate import check

    sheet = Sheet([list(r) for r in sample], "contoh")
    mapping = Mapping("contoh", source, {h: c for h, c in columns.items() if c})
    raw = layout_file("contoh", source, apply(sheet, mapping), "peta")
    try:
        checked = check(raw, SOURCES[source], today or date.today())
    except Exception as error:  # e.g. a required column not chosen yet: its Bahasa message
        return None, str(error)
    shown = [f.column for f in SOURCES[source].fields if f.header in mapping.columns]
    frame = checked.sort("_row").select(
        *[_shown(checked[c]).alias(SOURCES[source].field(c).header) for c in shown],
        Hasil=checked["_reason"].fill_null("OK"))
    return frame, None
