"""Looks inside an XLSX (a zip of XML) for what the cell readers hide:
decompression bombs, entity expansion, broken archives, and which cells Excel stored as numbers.

`check_safe` never trusts the sizes the zip declares: it decompresses every member as a
stream, counting bytes, and stops as soon as the total passes the limit, so a lying
central directory cannot make the loader inflate a 600 MB sheet."""

from __future__ import annotations

import codecs
import copy
import os
import re
import zipfile
import zlib
from pathlib import Path

DEFAULT_MAX_UPLOAD_MB = 200        # BUDAYA_MAX_UPLOAD_MB's default (pages/ui/manage.py)
MIN_UNPACKED_MB = 100              # the unpacked limit never goes below this
MAX_COMPRESSION_RATIO = 150        # real workbooks stay far below; measured, not declared
RATIO_FLOOR_BYTES = 16 * 2**20     # the ratio is only judged past this many bytes
CHUNK_BYTES = 2**20
MAX_MEMBERS = 10_000               # parts in one workbook (sheets, styles, images, ...)
MAX_DIRECTORY_BYTES = 8 * 2**20    # the zip's list of parts
NOT_XML = ("xl/media/", "xl/embeddings/")  # images (an SVG may carry a DOCTYPE) and OLE objects
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_SHEET = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL = re.compile(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|'
                  r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"')
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v>')


class UnsafeWorkbook(Exception):
    """The file looks like a bomb, is broken or is not a workbook (Bahasa Indonesia message)."""


def _env_mb(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def max_unpacked_bytes() -> int:
    """How many bytes a workbook may unpack to: `BUDAYA_MAX_XLSX_UNPACKED_MB`, by default
    twice the upload limit (400 MB for the default 200 MB), at least 100 MB."""
    upload_mb = _env_mb("BUDAYA_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
    default = max(MIN_UNPACKED_MB, 2 * upload_mb)
    return int(_env_mb("BUDAYA_MAX_XLSX_UNPACKED_MB", default) * 2**20)


def _count(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def _mb(n: float) -> str:
    return _count(n / 2**20)


def broken(name: str) -> UnsafeWorkbook:
    return UnsafeWorkbook(
        f"Berkas {name} bukan XLSX yang sah: arsipnya rusak, terpotong, dilindungi kata sandi, atau bukan "
        "buku kerja Excel. Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu muat lagi.")


def check_safe(path: Path, limit: int | None = None) -> None:
    """Raise UnsafeWorkbook unless every member inflates, as measured, within the limits,
    matches the size the zip declares, and holds no DOCTYPE/ENTITY declaration."""
    limit = max_unpacked_bytes() if limit is None else limit
    stat = path.stat()
    seen = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limit)
    if seen in _passed:  # ingest sniffs the headers before it reads the file: check once
        return
    _check(path, limit)
    _passed.add(seen)


_passed: set[tuple] = set()


def _check(path: Path, limit: int) -> None:
    ratio_limit = max(RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO * max(1, path.stat().st_size))
    stop = min(limit, ratio_limit)
    total = 0
    try:
        _check_directory(path)
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
                    raise broken(path.name)
                member = copy.copy(info)
                member.file_size = 2**62  # read to the real end of the stream, not the declared one
                scan = None if info.filename.startswith(NOT_XML) else _Declarations()
                size = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(CHUNK_BYTES):
                        size += len(chunk)
                        total += len(chunk)
                        if total > stop:
                            raise _bomb(path, total, limit, ratio_limit)
                        if scan and scan.found(chunk):
                            raise UnsafeWorkbook(
                                f"Berkas {path.name} ditolak: bagian {info.filename} memuat deklarasi XML "
                                "DOCTYPE/ENTITY. Excel tidak pernah menulisnya; deklarasi itu dipakai untuk "
                                "serangan ekspansi entitas (\"billion laughs\"). Tidak ada baris yang dimuat.")
                if size != info.file_size:
                    raise UnsafeWorkbook(
                        f"Berkas {path.name} ditolak: arsipnya rusak atau dimanipulasi (bagian {info.filename} "
                        f"berisi {_count(size)} byte, tercatat {_count(info.file_size)} byte). Simpan ulang dari "
                        "Excel sebagai .xlsx, lalu muat lagi.")
    except UnsafeWorkbook:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
            KeyError) as error:
        raise broken(path.name) from error
    if "xl/workbook.xml" not in names:
        raise broken(path.name)


def _check_directory(path: Path) -> None:
    """Refuse a zip declaring more members than a workbook has before zipfile lists them all
    (a million tiny entries would cost gigabytes of ZipInfo objects)."""
    with path.open("rb") as handle:
        end = zipfile._EndRecData(handle)  # the stdlib's reader of the end record (zip64 too)
    if end is None:
        raise broken(path.name)
    if end[zipfile._ECD_ENTRIES_TOTAL] > MAX_MEMBERS or end[zipfile._ECD_SIZE] > MAX_DIRECTORY_BYTES:
        raise UnsafeWorkbook(
            f"Berkas {path.name} ditolak: arsipnya memuat {_count(end[zipfile._ECD_ENTRIES_TOTAL])} bagian "
            f"(buku kerja Excel biasanya di bawah seratus; batas {_count(MAX_MEMBERS)}), ciri bom dekompresi. "
            "Tidak ada baris yang dimuat.")


def _bomb(path: Path, total: int, limit: int, ratio_limit: int) -> UnsafeWorkbook:
    why = (f"batas {_mb(limit)} MB per buku kerja" if total > limit else
           f"lebih dari {MAX_COMPRESSION_RATIO}x ukuran berkas")
    return UnsafeWorkbook(
        f"Berkas {path.name} ditolak: isinya mengembang menjadi lebih dari {_mb(total)} MB saat dibuka "
        f"({why}), ciri bom dekompresi. Pemeriksaan dihentikan di situ; tidak ada baris yang dimuat.")


class _Declarations:
    """Finds `<!DOCTYPE` / `<!ENTITY` in an XML part read chunk by chunk (UTF-8 or UTF-16)."""

    def __init__(self):
        self.decoder = None
        self.tail = ""

    def found(self, chunk: bytes) -> bool:
        if self.decoder is None:
            encoding = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16", b"<\x00": "utf-16-le",
                        b"\x00<": "utf-16-be"}.get(chunk[:2], "utf-8")
            self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = self.tail + self.decoder.decode(chunk)
        self.tail = text[-32:]
        return bool(_DECLARATION.search(text))


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
