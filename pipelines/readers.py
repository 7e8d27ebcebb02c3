"""Read an export file as it comes into a frame of text cells.

Every reader returns a `RawFile`: the header as written, one text column per header
cell and `_row` (1-based data row; attlog: 1-based line). `raw_rows()` gives the row
as it came (JSON of header -> cell; attlog: the line), computed only for quarantined rows.
A file that cannot be read at all raises `FileRejected` with a reason in Bahasa Indonesia.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from pipelines import layouts
from pipelines.parse import normalise_header
from pipelines.sources import SOURCES, Source
from pipelines.xlsx import UnsafeWorkbook, broken, check_safe, numeric_cells

HEADER_SCAN_ROWS = 100  # a title block can be long (a DNP, a report with a letterhead)
STREAM_BYTES = 32 * 2**20  # a larger CSV is read slice by slice, never whole
ATTLOG_LINE = re.compile(r"^\s*(\S+)\s+(\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*(.*?)\s*$")


class FileRejected(Exception):
    """The whole file cannot be loaded; the message is for the admin, in Bahasa Indonesia."""


class UnknownLayout(FileRejected):
    """No source, built-in layout or saved mapping knows the file's header (a mapping can)."""


@dataclass
class RawFile:
    headers: list[str]
    frame: pl.DataFrame          # text columns named by header, plus _row (attlog: _raw, the line)
    kind: str                    # csv | xlsx | attlog
    skipped_lines: int = 0       # attlog: serial-number / checksum lines of the extended variant
    batches: Callable[[int], Iterator[pl.DataFrame]] | None = None  # large CSV: `frame` is empty
    layout: str | None = None    # the built-in layout that read it (None: the contract's own)
    source: str | None = None    # the source a layout names

    def pieces(self, rows: int) -> Iterator[pl.DataFrame]:
        """The cells slice by slice; a large CSV is parsed one slice at a time."""
        if self.batches is not None:
            yield from self.batches(rows)
            return
        for start in range(0, max(self.frame.height, 1), rows):
            yield self.frame.slice(start, rows)


def read_file(path: Path, source_hint: Source | None = None, opds: list | None = None,
              skps: Callable[[], dict] = layouts.no_skps, data: bytes | None = None) -> RawFile:
    """`opds`: (code, name, short) of the loaded OPD list, for layouts that name OPDs; `skps`: the
    loaded e-Kinerja SKP list (layouts.Skp by id), asked for by the penilaian layout only;
    `data`: the bytes of a text file when the caller has read them already."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path, source_hint)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        if is_html(path):
            sheet = html_sheet(path)
            sheet.opds, sheet.skps = opds or [], skps
            return _from_grid(sheet, source_hint, "html")
        return _read_xlsx(path, source_hint, opds, skps)
    data = path.read_bytes() if data is None else data
    if not data or data.isspace():  # (no stripped copy of a large file)
        raise FileRejected(f"Berkas {path.name} kosong.")
    utf8 = _as_utf8(data)
    if len(utf8) <= STREAM_BYTES:
        utf8 = clean_bytes(utf8)
    head = utf8[:65536].decode("utf-8", errors="replace")
    if suffix == ".dat" or _looks_like_attlog(head):
        return read_attlog_text(utf8)
    delimiter = _delimiter(head.splitlines()[:HEADER_SCAN_ROWS])
    head_rows = layouts.read_delimited_rows("\n".join(head.splitlines()[:layouts.HEADER_SCAN_ROWS]), delimiter)
    if layouts.detect(head_rows, source_hint.name if source_hint else None):
        rows = layouts.read_delimited_rows(utf8.decode("utf-8", errors="replace"), delimiter)
        return _from_grid(layouts.Sheet(rows, path.name, opds or [], skps=skps), source_hint, "csv")
    return _read_delimited(utf8, head, path, source_hint, as_on_disk=utf8 is data)


def _unrecognised(name: str) -> FileRejected:
    return UnknownLayout(f"Tata letak berkas {name} tidak dikenali: tidak ada baris judul kolom "
                        "yang cocok dengan sumber mana pun (mis. NIP, TANGGAL, KETERANGAN).")


def _from_grid(sheet: layouts.Sheet, source_hint: Source | None, kind: str) -> RawFile:
    """A built-in layout's rows, else the contract's layout found in the same cells."""
    found = layouts.detect(sheet.rows, source_hint.name if source_hint else None)
    if found is None:
        index = _header_row(sheet.rows, source_hint)
        if index is None:
            raise _unrecognised(sheet.file_name)
        headers = _unique_headers(list(sheet.rows[index]))
        width = len(headers)
        body = [list(r[:width]) + [None] * (width - len(r)) for r in sheet.rows[index + 1:]]
        frame = pl.DataFrame(body, schema={h: pl.String for h in headers}, orient="row")
        return _finish(frame, headers, kind)
    layout, index = found
    return layout_file(layout.name, layout.source, list(layout.convert(sheet, index)), kind)


def layout_file(name: str, source: str, rows: list[dict], kind: str) -> RawFile:
    """Rows a layout wrote in the contract's headers as a RawFile (cells as text). A row the layout
    judged itself carries `_quarantine` (code, reason) -> `_pre_code`/`_pre_reason`, which validation
    applies first; a row the export marks as a repeat (`_repeat`) -> `_pre_dup`, counted as a duplicate."""
    headers = [f.header for f in SOURCES[source].fields]
    judged = [r.get("_quarantine") or (None, None) for r in rows]
    frame = pl.DataFrame(
        {"_row": [r["_row"] for r in rows], "_raw": [r["_raw"] for r in rows],
         **{h: [_cell(r.get(h)) for r in rows] for h in headers},
         "_pre_code": [code for code, _ in judged], "_pre_reason": [text for _, text in judged],
         "_pre_dup": [bool(r.get("_repeat")) for r in rows]},
        schema={"_row": pl.Int64, "_raw": pl.String, **{h: pl.String for h in headers},
                "_pre_code": pl.String, "_pre_reason": pl.String, "_pre_dup": pl.Boolean})
    return RawFile(headers=headers, frame=frame, kind=kind, layout=name, source=source)


def _cell(value) -> str | None:
    return None if value is None else str(value)


def is_html(path: Path) -> bool:
    """An HTML table saved with an .xls name (PHP apps, Apps Script)."""
    with path.open("rb") as handle:
        start = handle.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(b"<") and any(tag in start for tag in (b"<html", b"<table", b"<!doctype", b"<meta"))


def html_sheet(path: Path) -> layouts.Sheet:
    """The largest table of an HTML file, as rows of cell text (colspans spread, `<br>` as a new line)."""
    import lxml.html

    try:
        document = lxml.html.fromstring(path.read_bytes())
    except Exception as error:  # lxml raises several kinds for broken markup
        raise FileRejected(f"Berkas {path.name} tampak seperti HTML tetapi tidak dapat dibaca.") from error
    tables = document.xpath("//table")
    if not tables:
        raise FileRejected(f"Berkas {path.name} berupa HTML tanpa tabel; tidak ada baris yang dapat dimuat.")
    table = max(tables, key=lambda t: len(t.xpath(".//tr")))
    rows = []
    for tr in table.xpath(".//tr"):
        cells: list[str | None] = []
        for cell in tr.xpath("./td|./th"):
            for br in cell.xpath(".//br"):
                br.tail = "\n" + (br.tail or "")
            text = cell.text_content().strip()
            cells.append(text or None)
            cells.extend([None] * (int(cell.get("colspan", "1") or 1) - 1))
        rows.append(cells)
    return layouts.Sheet(rows, path.name)


def read_grid(path: Path) -> layouts.Sheet:
    """Every cell of the file's first sheet (or table, or delimited text) as text, for a mapping."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        if is_html(path):
            return html_sheet(path)
        try:
            if not is_biff(path):
                check_safe(path)
            frame = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, dtypes="string").to_polars()
        except UnsafeWorkbook as error:
            raise FileRejected(str(error)) from error
        except (Exception, pl.exceptions.PanicException) as error:
            raise FileRejected(str(broken(path.name))) from error
        return layouts.Sheet([list(r) for r in frame.rows()], path.name)
    text = clean_bytes(_as_utf8(path.read_bytes())).decode("utf-8", errors="replace")
    delimiter = _delimiter(text.splitlines()[:HEADER_SCAN_ROWS])
    return layouts.Sheet(layouts.read_delimited_rows(text, delimiter), path.name)


def _read_json(path: Path, source_hint: Source | None) -> RawFile:
    try:
        data = json.loads(_as_utf8(path.read_bytes()))
    except (ValueError, UnicodeDecodeError) as error:
        raise FileRejected(f"Berkas {path.name} bukan JSON yang sah; tidak ada baris yang dimuat.") from error
    if not layouts.is_bkn_presensi(data) or (source_hint and source_hint.name != "absensi_harian"):
        raise FileRejected(f"Berkas JSON {path.name} tidak dikenali: yang dapat dimuat adalah rekap bulanan "
                           "presensi BKN (data[].presensi[]).")
    return layout_file(layouts.BKN_JSON, "absensi_harian", list(layouts.bkn_presensi_rows(data)), "json")


def _as_utf8(data: bytes) -> bytes:
    """UTF-8 bytes without BOM; Windows-1252 exports are transcoded. A UTF-8 file with a stray
    Windows-1252 byte is transcoded line by line: only the lines that are not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.isascii():  # ASCII is UTF-8 (one fast scan; the common case)
        return data
    decoder, view, step = codecs.getincrementaldecoder("utf-8")(), memoryview(data), 1 << 24
    try:  # checked slice by slice: a whole-file str would double the memory of a large file
        for start in range(0, len(data), step):
            decoder.decode(view[start:start + step])
        decoder.decode(b"", final=True)
        return data
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    good = sum(1 for line in lines if _is_utf8(line) and not line.isascii())
    if not good:  # nothing that is UTF-8 beyond ASCII: a Windows-1252 file
        return data.decode("cp1252", errors="replace").encode("utf-8")
    return b"\n".join(line if _is_utf8(line) else line.decode("cp1252", errors="replace").encode("utf-8")
                      for line in lines)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
FOREIGN_DIGITS = {  # Arabic-Indic, Extended Arabic-Indic and full-width digits, as UTF-8 bytes
    lead: {chr(base + d).encode("utf-8"): str(d).encode() for d in range(10)}
    for lead, base in ((b"\xd9", 0x660), (b"\xdb", 0x6F0), (b"\xef\xbc", 0xFF10))
}


def clean_bytes(data: bytes) -> bytes:
    """Line ends, BOMs, control bytes and digits as a loader expects them: CR-only line ends as LF,
    a BOM at the start of a line dropped, control bytes (0x1F …) dropped, Arabic-Indic and
    full-width digits as ASCII digits."""
    if b"\n" not in data[:65536] and b"\r" in data:
        data = data.replace(b"\r", b"\n")
    stripped = data.translate(None, CONTROL_BYTES)
    if len(stripped) != len(data):
        data = stripped
    if data.isascii():  # no BOM, no foreign digits (the common case: one fast scan)
        return data
    if b"\xef\xbb\xbf" in data:
        data = data.replace(b"\xef\xbb\xbf", b"")
    for lead, digits in FOREIGN_DIGITS.items():
        if lead in data:
            for foreign, ascii_digit in digits.items():
                data = data.replace(foreign, ascii_digit)
    return data


def _looks_like_attlog(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:5] if ln.strip()]
    return sum(bool(ATTLOG_LINE.match(ln)) for ln in lines) >= max(1, len(lines) - 2)


def _header_row(rows: list[list[str | None]], source_hint: Source | None) -> int | None:
    """Index of the first row that carries a known source's signature headers."""
    candidates = [source_hint] if source_hint else list(SOURCES.values())
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = {normalise_header(c) for c in row if c}
        for source in candidates:
            if all(normalise_header(h) in cells for h in source.signature):
                return index
    return None


def _unique_headers(cells: list[str | None]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        name = (cell or "").replace("\ufeff", "").strip() or f"KOLOM_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}#{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def raw_rows(frame: pl.DataFrame, headers: list[str]) -> pl.Expr:
    """The quarantine's `raw`: the attlog line, else a JSON object of header -> cell."""
    if "_raw" in frame.columns:
        return pl.col("_raw")
    return pl.struct(headers).struct.json_encode()


def _numbered(frame: pl.DataFrame, headers: list[str], offset: int = 0) -> pl.DataFrame:
    """`_row` = 1-based data row; rows without any cell are dropped."""
    frame = frame.with_row_index("_row", offset=offset + 1).with_columns(pl.col("_row").cast(pl.Int64))
    if not headers or frame.is_empty():
        return frame
    # Most rows have a first cell; only the others are tested cell by cell.
    filled = frame.get_column(headers[0]).str.contains(r"\S").fill_null(False)
    if filled.all():
        return frame
    others = (~filled).arg_true()
    rest = frame[others].select(pl.any_horizontal(pl.lit(False), *(pl.col(h).str.contains(r"\S") for h in headers[1:]))
                                .fill_null(False)).to_series()
    return frame.filter(filled.scatter(others, rest))


def _finish(frame: pl.DataFrame, headers: list[str], kind: str) -> RawFile:
    return RawFile(headers=headers, frame=_numbered(frame, headers), kind=kind)


def _read_delimited(data: bytes, head: str, path: Path, source_hint: Source | None,
                    as_on_disk: bool = False) -> RawFile:
    """`as_on_disk`: `data` is the file's bytes unchanged (UTF-8, no BOM): a large file is then
    read slice by slice from the file itself and its bytes are not kept."""
    head_lines = head.splitlines()[:HEADER_SCAN_ROWS]
    delimiter = _delimiter(head_lines)
    rows = [line.split(delimiter) for line in head_lines]
    header_index = _header_row(rows, source_hint)
    if header_index is None:
        raise _unrecognised(path.name)
    options = dict(separator=delimiter, skip_rows=header_index, has_header=True, infer_schema=False,
                   truncate_ragged_lines=True, quote_char='"')
    unreadable = f"Berkas {path.name} tidak dapat dibaca sebagai CSV: {{}}"
    streamed = len(data) > STREAM_BYTES  # then only the header is read here
    try:
        frame = pl.read_csv(data, n_rows=0 if streamed else None, **options)
    except Exception as error:  # polars raises several kinds for broken CSV
        raise FileRejected(unreadable.format(error)) from error
    headers = _unique_headers(list(frame.columns))
    frame.columns = headers
    if not streamed:
        return _finish(frame, headers, "csv")

    kept = [] if as_on_disk else [data]

    def batches(rows: int) -> Iterator[pl.DataFrame]:
        if as_on_disk:
            rows_from = path
        else:  # transcoded: the first pass frees the bytes, a later one transcodes again
            rows_from = io.BytesIO(kept.pop() if kept else _as_utf8(path.read_bytes()))
        offset = 0
        try:
            for batch in pl.scan_csv(rows_from, **options).collect_batches(chunk_size=rows):
                batch.columns = headers
                yield _numbered(batch, headers, offset)
                offset += batch.height
        except Exception as error:
            raise FileRejected(unreadable.format(error)) from error

    return RawFile(headers=headers, frame=_numbered(frame, headers), kind="csv", batches=batches)


def _delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines)
    counts = {d: sample.count(d) for d in (";", ",", "\t", "|")}
    return max(counts, key=counts.get)


def is_biff(path: Path) -> bool:
    """An old binary .xls (OLE compound file), read by calamine; not a zip to inspect."""
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_xlsx(path: Path, source_hint: Source | None, opds: list | None = None,
               skps: Callable[[], dict] = layouts.no_skps) -> RawFile:
    """check_safe first (bombs, entity expansion, lying sizes), then the cells; a workbook the
    readers still cannot open is refused with a plain message, never the library's text."""
    biff = is_biff(path)
    try:
        if not biff:
            check_safe(path)
    except UnsafeWorkbook as error:
        raise FileRejected(str(error)) from error
    try:
        return _xlsx_cells(path, source_hint, opds, biff, skps)
    except (FileRejected, MemoryError):
        raise
    except (Exception, pl.exceptions.PanicException) as error:
        raise FileRejected(str(broken(path.name))) from error


def _xlsx_cells(path: Path, source_hint: Source | None, opds: list | None = None, biff: bool = False,
                skps: Callable[[], dict] = layouts.no_skps) -> RawFile:
    reader = fastexcel.read_excel(str(path))
    sheet = _choose_sheet(reader.sheet_names, source_hint)
    frame = reader.load_sheet(sheet, header_row=None, dtypes="string").to_polars()
    hint = source_hint.name if source_hint else None
    if layouts.detect([list(r) for r in frame.head(layouts.HEADER_SCAN_ROWS).rows()], hint):
        name = sheet if isinstance(sheet, str) else reader.sheet_names[sheet]
        grid = layouts.Sheet([list(r) for r in frame.rows()], path.name, opds or [], name, skps)
        return _from_grid(grid, source_hint, "xls" if biff else "xlsx")
    if biff:
        return _from_grid(layouts.Sheet([list(r) for r in frame.rows()], path.name), source_hint, "xls")
    rows = frame.head(HEADER_SCAN_ROWS).rows()
    header_index = _header_row([list(r) for r in rows], source_hint)
    if header_index is None:
        raise _unrecognised(path.name)
    headers = _unique_headers(list(rows[header_index]))
    frame = frame.slice(header_index + 1)
    frame.columns = headers
    frame = frame.with_columns(pl.col(h).str.replace(r"\.0$", "") for h in headers if _integer_like(h))
    digits = {k.decode(): v.decode() for table in FOREIGN_DIGITS.values() for k, v in table.items()}
    frame = frame.with_columns(pl.col(h).str.replace_many(digits) for h in headers
                               if normalise_header(h) in {"NIP", "NIPDINILAI"})
    frame = _mark_numeric_nips(path, sheet, frame, headers, header_index)
    return _finish(frame, headers, "xlsx")


def _mark_numeric_nips(path: Path, sheet, frame: pl.DataFrame, headers: list[str], header_index: int) -> pl.DataFrame:
    """An 18-digit NIP stored as an Excel number has lost its last digits. Show it as Excel
    does (`1.98501E+17`) so validation quarantines it instead of trusting the digits."""
    for position, header in enumerate(headers):
        if normalise_header(header) not in {"NIP", "NIPDINILAI"}:
            continue
        numbers = {row - header_index - 1: f"{value:.5E}".replace("E+0", "E+")
                   for row, value in numeric_cells(path, sheet, position).items() if value > 99_999_999}
        if numbers:
            marks = pl.DataFrame({"_pos": list(numbers), "_shown": list(numbers.values())},
                                 schema={"_pos": pl.Int64, "_shown": pl.String})
            frame = (frame.with_row_index("_pos", offset=1).with_columns(pl.col("_pos").cast(pl.Int64))
                     .join(marks, on="_pos", how="left", maintain_order="left")
                     .with_columns(pl.coalesce("_shown", header).alias(header)).drop("_pos", "_shown"))
    return frame


def _integer_like(header: str) -> bool:
    """Excel stores whole numbers as floats; `2026.0` should read as `2026`."""
    return normalise_header(header) in {"TAHUN", "PERIODE", "PIN", "PINABSEN", "DURASIMENIT", "KODEOPD"}


def _choose_sheet(names: list[str], source_hint: Source | None) -> int | str:
    wanted = {normalise_header(n) for n in ([source_hint.name] if source_hint else SOURCES)}
    for name in names:
        if normalise_header(name) in wanted:
            return name
    return 0


def read_attlog_text(text: str | bytes) -> RawFile:
    """ZKTeco attlog: `PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>…`. The extended variant's first
    (serial number) and last (checksum) lines are not punches and are not counted."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    frame = pl.read_csv(data, has_header=False, separator="\x1f", quote_char=None, infer_schema=False,
                        new_columns=["_raw"], encoding="utf8-lossy")
    frame = frame.with_row_index("_row", offset=1).with_columns(
        pl.col("_row").cast(pl.Int64), pl.col("_raw").str.strip_chars_end("\r"))
    frame = frame.filter(pl.col("_raw").str.strip_chars().str.len_chars() > 0)
    frame = frame.with_columns(_tab=pl.col("_raw").str.splitn("\t", 3))  # split once, read field by field
    tab = pl.col("_tab")
    simple_time = tab.struct.field("field_1").str.strip_chars()
    frame = frame.with_columns(_simple=simple_time.str.contains(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
                               .fill_null(False))
    simple = frame.filter("_simple").with_columns(
        PIN=tab.struct.field("field_0").str.strip_chars(),
        WAKTU=simple_time,
        _fields=tab.struct.field("field_2"),
    ).drop("_tab", "_simple")
    parts = pl.col("_raw").str.extract_groups(ATTLOG_LINE.pattern)
    other = frame.filter(~pl.col("_simple")).drop("_tab", "_simple").with_columns(_parts=parts).with_columns(
        PIN=pl.col("_parts").struct.field("1"),
        WAKTU=pl.col("_parts").struct.field("2"),
        _fields=pl.col("_parts").struct.field("3"),
    ).drop("_parts")
    frame = simple if other.is_empty() else pl.concat([simple, other]).sort("_row").rechunk()
    skipped = 0
    if frame.height:
        edges = [0, frame.height - 1] if frame.height > 1 else [0]
        unmatched_edges = [i for i in edges if frame["PIN"][i] is None]
        if len(unmatched_edges) == 2:  # extended variant: serial first, checksum last
            edge_rows = [frame["_row"][i] for i in unmatched_edges]
            frame = frame.filter(~pl.col("_row").is_in(edge_rows))
            skipped = len(unmatched_edges)
    frame = frame.with_columns(_tabbed(frame.get_column("_fields")), MESIN=pl.lit(None, dtype=pl.String))
    return RawFile(headers=["PIN", "WAKTU", "MESIN"], frame=frame, kind="attlog", skipped_lines=skipped)


def _tabbed(fields: pl.Series) -> pl.Series:
    """The fields after the time, whitespace runs as one tab; computed once per distinct value
    (a machine writes the same few status/verify combinations on every line)."""
    distinct = fields.drop_nulls().unique()
    if distinct.len() * 8 > fields.len():
        return fields.str.replace_all(r"\s+", "\t")
    return fields.replace_strict(distinct, distinct.str.replace_all(r"\s+", "\t"), default=None,
                                 return_dtype=pl.String)
