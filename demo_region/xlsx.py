"""A small streaming XLSX writer (inline strings; fast and deterministic at 60 000 rows)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import polars as pl

from demo_region.formats import CHUNK

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
        zi._compresslevel = level
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
            for lo in range(0, df.height, CHUNK // 4):
                part = df.slice(lo, CHUNK // 4)
                row = (pl.int_range(pl.len()) + (first + lo)).cast(pl.String)
                xml = part.select(pl.concat_str(
                    [pl.lit('<row r="'), row, pl.lit('">'),
                     *[_cell(c, letters[i], kinds.get(c, "s"), row) for i, c in enumerate(df.columns)],
                     pl.lit("</row>")]).str.join("")).item()
                w.write(xml.encode())
            w.write(b"</sheetData></worksheet>")

