"""Looks inside an XLSX (a zip of XML) for what the cell readers hide:
decompression bombs, and which cells Excel stored as numbers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150

_SHEET = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL = re.compile(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|'
                  r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"')
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v>')


class UnsafeWorkbook(Exception):
    """The file looks like a decompression bomb or is not a workbook (Bahasa Indonesia message)."""


def check_safe(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as error:
        raise UnsafeWorkbook(f"Berkas {path.name} bukan XLSX yang sah (bukan arsip zip).") from error
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise UnsafeWorkbook(
            f"Berkas {path.name} ditolak: isinya mengembang menjadi {total / 1e6:,.0f} MB "
            f"({total / packed:,.0f}x ukuran berkas), ciri bom dekompresi.".replace(",", ".")
        )


def _sheet_member(archive: zipfile.ZipFile, sheet: int | str) -> str | None:
    workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
    sheets = _SHEET.findall(workbook)
    rels_text = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    rels = {}
    for m in _REL.finditer(rels_text):
        rel_id, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        rels[rel_id] = target
    chosen = next((rid for name, rid in sheets if name == sheet), None) if isinstance(sheet, str) else (
        sheets[sheet][1] if sheet < len(sheets) else None)
    target = rels.get(chosen or "")
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def numeric_cells(path: Path, sheet: int | str, column: int) -> dict[int, float]:
    """{excel_row: value} of the cells in a 0-based column that Excel stored as numbers."""
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    wanted = letters.encode()
    found: dict[int, float] = {}
    with zipfile.ZipFile(path) as archive:
        member = _sheet_member(archive, sheet)
        if member is None:
            return found
        xml = archive.read(member)
    for col, row, attrs, value in _CELL.findall(xml):
        if col == wanted and (b't="' not in attrs or b't="n"' in attrs):
            try:
                found[int(row)] = float(value)
            except ValueError:
                continue
    return found
