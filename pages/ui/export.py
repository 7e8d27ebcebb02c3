"""Exports of exactly the filtered slice: for a person (CSV for Excel, plain CSV, XLSX) and with the
technical columns (CSV "kolom teknis", Parquet).

No Streamlit here: frames in, bytes out. A person's file has the headers shown on screen, values
rounded as on screen (shares as percent), booleans "Ya"/"Tidak" and codes in words
(`for_person`); the XLSX "Keterangan" sheet also lists each header's warehouse name. The
technical files keep the stable warehouse names and values, typed and unrounded. Text cells a
spreadsheet would run as a formula are neutralised with a leading `'` (CSV and XLSX; Parquet keeps
the original text, it is read by tools, not spreadsheets). Each variant has its own file name.

`produce(spec, fmt)` is what a download button calls when clicked: it fetches the
slice (already scoped by the query layer), builds the file and writes the `ekspor`
entry of the audit log (who, which table, filters, format, rows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import xlsxwriter

from pages.ui import format as fmt
from pages.ui import text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, minus the header row
FORMATS = {  # format -> (button label, file extension)
    "csv_id": ("CSV untuk Excel (;)", "csv"),
    "csv": ("CSV biasa (,)", "csv"),
    "xlsx": ("Excel (XLSX)", "xlsx"),
    "csv_teknis": ("CSV kolom teknis (nama dan nilai gudang data)", "csv"),
    "parquet": ("Parquet (kolom teknis)", "parquet"),
}
VARIANTS = {"csv_id": "excel", "csv": "biasa", "csv_teknis": "teknis"}  # file-name part: one name per variant
FOR_PERSON = {"csv_id", "csv", "xlsx"}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


@dataclasses.dataclass(frozen=True)
class ExportMeta:
    """What goes into the "Keterangan" sheet and the file name."""

    title: str                       # e.g. "Indeks Budaya Kerja per OPD-bulan"
    slug: str                        # e.g. "indeks_budaya_kerja"
    filters: dict[str, str]          # label -> human-readable value
    period: tuple[dt.date, dt.date] | None = None
    build_id: str | None = None
    data_as_of: str | None = None    # formatted freshness text
    technical: dict[str, str] | None = None  # warehouse column -> header, in a person's XLSX
    exported_at: dt.datetime = dataclasses.field(
        default_factory=lambda: dt.datetime.now(fmt.WIB))


def file_name(meta: ExportMeta, ext: str, fmt_: str | None = None) -> str:
    """`<slug>_<YYYY-MM>_<YYYY-MM>[_<variant>]_<YYYYMMDD-HHMM>.<ext>` (period part only if known;
    the variant tells the CSVs apart)."""
    slug = re.sub(r"[^a-z0-9]+", "_", meta.slug.lower()).strip("_") or "data"
    parts = [slug]
    if meta.period:
        parts += [f"{d:%Y-%m}" for d in meta.period]
    if fmt_ in VARIANTS:
        parts.append(VARIANTS[fmt_])
    parts.append(meta.exported_at.astimezone(fmt.WIB).strftime("%Y%m%d-%H%M"))
    return "_".join(parts) + "." + ext


@dataclasses.dataclass(frozen=True)
class Presentation:
    """How a table is shown on screen (what layout.table was given): header labels, formats
    (kind or (kind, decimals)) and code -> text maps, per warehouse column; the rest from pages/ui/text."""

    labels: dict = dataclasses.field(default_factory=dict)
    formats: dict = dataclasses.field(default_factory=dict)
    values: dict = dataclasses.field(default_factory=dict)


def _kind(p: Presentation, col: str, dtype) -> tuple[str | None, int]:
    kind = p.formats.get(col) or text.format_for(col, dtype)
    if not kind:
        return None, 1
    return (kind, 1) if isinstance(kind, str) else (kind[0], kind[1])


def headers(df: pl.DataFrame, p: Presentation) -> dict[str, str]:
    """warehouse column -> the header a person reads (unique: a repeated label gets its column)."""
    out, seen = {}, {}
    for c, t in df.schema.items():
        label = p.labels.get(c) or text.label(c)
        if _kind(p, c, t)[0] == "percent" and (t.is_float() or t.is_decimal()) and c not in p.values:
            label += " (%)"
        seen[label] = seen.get(label, 0) + 1
        out[c] = label if seen[label] == 1 else f"{label} ({c})"
    return out


def for_person(df: pl.DataFrame, p: Presentation) -> pl.DataFrame:
    """The slice as on screen: labelled headers, numbers rounded as shown (shares in percent),
    booleans Ya/Tidak, codes in words. Still numbers and dates, so a spreadsheet can sum them."""
    exprs = []
    for c, t in df.schema.items():
        kind, decimals = _kind(p, c, t)
        e = pl.col(c)
        if c in p.values:
            e = e.cast(pl.String).replace({str(k): v for k, v in p.values[c].items()})
        elif t == pl.Boolean:
            e = pl.when(e).then(pl.lit("Ya")).when(e.not_()).then(pl.lit("Tidak")).otherwise(pl.lit(None))
        elif t.is_float() or t.is_decimal():
            if kind == "percent":
                e = (e.cast(pl.Float64) * 100).round(decimals)
            elif kind == "integer":
                e = e.cast(pl.Float64).round(0)
            else:
                e = e.cast(pl.Float64).round(decimals)
        exprs.append(e.alias(c))
    return df.select(exprs).rename(headers(df, p))


# A spreadsheet runs a cell as a formula when it starts with = + - @, also after blanks, line
# breaks or invisible characters, and also in their full-width and small forms (＝ ＋ － ＠).
FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
RISKY = "^(?:[\\s\u200b-\u200d\u2060\ufeff]*[" + re.escape(FORMULA_SIGNS) + "]|[\t\r\n])"


def neutralise(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix `'` to text cells a spreadsheet would run as a formula: starting with = + - @
    (or their full-width forms), possibly after whitespace, or starting with TAB, CR or LF."""
    cols = [c for c, t in df.schema.items() if t == pl.String]
    return df.with_columns(
        pl.when(pl.col(c).str.contains(RISKY)).then("'" + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in cols
    )


def _flatten(df: pl.DataFrame) -> pl.DataFrame:
    """Nested or tz-aware columns into spreadsheet-friendly ones (tz -> WIB wall clock)."""
    exprs = []
    for c, t in df.schema.items():
        if isinstance(t, pl.Datetime) and t.time_zone:
            exprs.append(pl.col(c).dt.convert_time_zone("Asia/Jakarta").dt.replace_time_zone(None))
        elif isinstance(t, (pl.List, pl.Array, pl.Struct, pl.Object)):
            exprs.append(pl.col(c).map_elements(str, return_dtype=pl.String))
        elif t == pl.Binary:
            exprs.append(pl.col(c).bin.encode("hex"))
    return df.with_columns(exprs) if exprs else df


def to_csv(df: pl.DataFrame, *, excel_id: bool = True) -> bytes:
    """CSV bytes. excel_id: UTF-8 BOM, `;` separator and decimal comma (Indonesian Excel);
    otherwise a plain `,` CSV with decimal point (and still a BOM so Excel reads UTF-8)."""
    out = neutralise(_flatten(df)).write_csv(
        separator=";" if excel_id else ",",
        decimal_comma=excel_id,
        include_bom=True,
        datetime_format="%Y-%m-%d %H:%M:%S",
        date_format="%Y-%m-%d",
    )
    return out.encode("utf-8")


def keterangan_rows(meta: ExportMeta, df: pl.DataFrame) -> list[tuple[str, str]]:
    """The description sheet as (label, value) rows."""
    rows = [("Judul", meta.title)]
    if meta.period:
        rows.append(("Periode", f"{fmt.month(meta.period[0])} – {fmt.month(meta.period[1])}"))
    rows += [(f"Filter: {k}", v) for k, v in meta.filters.items()]
    rows += [
        ("Jumlah baris", fmt.integer(df.height)),
        ("Kolom", ", ".join(df.columns)),
        *([("Kolom teknis", "; ".join(f"{h} = {c}" for c, h in meta.technical.items()))] if meta.technical else []),
        ("Diekspor pada", fmt.datetime(meta.exported_at)),
        ("Data per", meta.data_as_of or fmt.DASH),
        ("ID build", meta.build_id or fmt.DASH),
        ("Sumber", "Dasbor Budaya Kerja ASN (build terbit, hanya-baca)"),
    ]
    return rows


def to_xlsx(df: pl.DataFrame, meta: ExportMeta) -> bytes:
    """Workbook with sheet "Data" (typed cells) and sheet "Keterangan" (filters, time, build)."""
    if df.height > XLSX_MAX_ROWS:
        raise ValueError(f"{fmt.integer(df.height)} baris melebihi batas Excel; gunakan CSV atau Parquet.")
    data = neutralise(_flatten(df))
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False, "in_memory": True})
    bold = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    date_f = wb.add_format({"num_format": "dd mmm yyyy"})
    ts_f = wb.add_format({"num_format": "dd mmm yyyy hh:mm"})
    ws = wb.add_worksheet("Data")
    for j, (name, dtype) in enumerate(data.schema.items()):
        ws.write_string(0, j, name, bold)
        cell_f = ts_f if isinstance(dtype, pl.Datetime) else date_f if dtype == pl.Date else None
        for i, v in enumerate(data[name].to_list(), start=1):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(i, j, v)
            elif isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(i, j, v, cell_f)
            elif isinstance(v, dt.time):
                ws.write_string(i, j, v.isoformat())
            else:
                ws.write(i, j, v)
        ws.set_column(j, j, max(10, min(40, len(name) + 2)))
    ws.freeze_panes(1, 0)
    if data.height:
        ws.autofilter(0, 0, data.height, max(data.width - 1, 0))
    info = wb.add_worksheet("Keterangan")
    info.set_column(0, 0, 24)
    info.set_column(1, 1, 80)
    for i, (k, v) in enumerate(keterangan_rows(meta, df)):
        info.write_string(i, 0, k, bold)
        info.write_string(i, 1, neutralise(pl.DataFrame({"v": [v]}))["v"][0])
    wb.close()
    return buf.getvalue()


def to_parquet(df: pl.DataFrame, meta: ExportMeta | None = None) -> bytes:
    """Parquet bytes, typed as in the warehouse; filters go in the file's key-value metadata."""
    buf = io.BytesIO()
    kv = {k: v for k, v in keterangan_rows(meta, df)} if meta else None
    df.write_parquet(buf, metadata=kv)
    return buf.getvalue()


@dataclasses.dataclass(frozen=True)
class ExportSpec:
    """One table's export, as drawn on a page: what to fetch and whom to log it for."""

    fetch: Callable[[], pl.DataFrame]  # the scoped slice (a cached frame or a query)
    meta: ExportMeta
    username: str
    page: str
    warehouse: Path | None = None      # whose audit log (None: the current warehouse)
    builder: Callable[[pl.DataFrame, ExportMeta], bytes] | None = None  # a fixed layout instead of FORMATS
    formats: tuple[str, ...] = tuple(FORMATS)  # the formats offered (a builder: its one format)
    shown: Presentation = dataclasses.field(default_factory=Presentation)


def build(df: pl.DataFrame, fmt_: str, meta: ExportMeta, shown: Presentation | None = None) -> bytes:
    if fmt_ in FOR_PERSON:
        shown = shown or Presentation()
        meta = dataclasses.replace(meta, technical=headers(df, shown))
        df = for_person(df, shown)
    if fmt_ == "csv_id":
        return to_csv(df, excel_id=True)
    if fmt_ in ("csv", "csv_teknis"):
        return to_csv(df, excel_id=False)
    if fmt_ == "xlsx":
        return to_xlsx(df, meta)
    if fmt_ == "parquet":
        return to_parquet(df, meta)
    raise ValueError(f"unknown export format {fmt_!r}")


class ExportRefused(RuntimeError):
    """An export that could not be audited, so no file is given; the message is in Bahasa Indonesia."""


def produce(spec: ExportSpec, fmt_: str) -> bytes:
    """Fetch, build and audit one export (runs when the download button is clicked). The bytes are
    returned only once the export is recorded (in the log, or durably queued): else ExportRefused."""
    from warehouse.access import AuditUnavailable, audit

    if fmt_ not in spec.formats:
        raise ValueError(f"format {fmt_!r} not offered for {spec.meta.slug}")
    df = spec.fetch()
    out = spec.builder(df, spec.meta) if spec.builder else build(df, fmt_, spec.meta, spec.shown)
    try:
        audit("ekspor", spec.username, {
            "halaman": spec.page, "judul": spec.meta.title, "tabel": spec.meta.slug, "format": fmt_,
            "filter": spec.meta.filters, "build": spec.meta.build_id,
            "berkas": file_name(spec.meta, FORMATS[fmt_][1] if fmt_ in FORMATS else "xlsx", fmt_),
        }, rows=df.height, warehouse=spec.warehouse)
    except AuditUnavailable as error:
        raise ExportRefused(f"Ekspor dibatalkan, berkas tidak dibuat: {error} Coba lagi sebentar lagi atau "
                            "hubungi admin BKPSDM.") from error
    return out


def refusal_file(message: str, fmt_: str) -> bytes:
    """A file in the asked format that holds only the refusal (no data): the browser's own
    download error would be Streamlit's fixed English text."""
    note = pl.DataFrame({"pesan": [message]})
    meta = ExportMeta(title="Ekspor ditolak", slug="ekspor_ditolak", filters={})
    return build(note, fmt_, meta)


def deliver(spec: ExportSpec, fmt_: str) -> bytes:
    """What a download button hands over: the export, or a file saying in Bahasa Indonesia why not."""
    try:
        return produce(spec, fmt_)
    except ExportRefused as refused:
        return refusal_file(str(refused), fmt_)


def audit_blocked() -> str | None:
    """Why exports are refused right now (the last audit write failed moments ago), or None."""
    from warehouse.audit import last_failure

    error = last_failure()
    return f"Unduhan sementara tidak tersedia: {error}" if error else None
