"""Kelola Data helpers: uploaded files -> checks -> pipelines.ingest, results -> frames, publish.

Uploads are checked before anything touches the warehouse: allowed types (csv, txt, dat,
xlsx), a size limit per file (`BUDAYA_MAX_UPLOAD_MB`, default 200, refused here in Bahasa; the
browser only stops files past `BROWSER_CEILING_MB` = `server.maxUploadSize`), and XLSX decompression
bombs, entity expansion and broken archives (pipelines/xlsx.py `check_safe`, measured while
unpacking). If any file fails, none is loaded. The uploaded name is never a path: each file
is written under a fresh temp folder with a sanitised basename of at most 120 UTF-8 bytes,
distinct within the upload (`a/absensi.csv`, `b/absensi.csv` -> `absensi.csv`,
`absensi (2).csv`); the original name is shown in the report and kept in the audit log.
Uploads (`unggah`) and publishes (`terbit`) are audited here; neither starts when the audit log
cannot be written (`audit_ready`), and a failure to record one afterwards is said in the result.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import duckdb
import polars as pl

from pages.ui import format as fmt
from warehouse.access import AuditUnavailable, audit
from warehouse.audit import audit_ready
from warehouse.lock import WarehouseError

BUSY = ("Gudang data sedang dipakai proses lain (mis. `python -m pipelines ingest` atau `build`). "
        "Coba lagi sebentar lagi.")
ALLOWED_TYPES = ("csv", "txt", "dat", "xlsx", "xls", "json")
DEFAULT_MAX_UPLOAD_MB = 200
BROWSER_CEILING_MB = 1024  # what the browser sends at all (server.maxUploadSize too); the limit is checked here


def max_upload_mb() -> float:
    """Per-file upload limit in MB (`BUDAYA_MAX_UPLOAD_MB`, default 200)."""
    try:
        value = float(os.environ.get("BUDAYA_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return value if value > 0 else DEFAULT_MAX_UPLOAD_MB


MAX_NAME_BYTES = 120  # well under the 255 bytes a file name may take on Linux


def safe_name(name: str, index: int = 0, taken: set[str] | frozenset = frozenset()) -> str:
    """A basename that is safe to create in our own temp folder, whatever the browser sent.

    Only the last path part (either separator), letters, digits, space and `._-()`;
    no leading dot, at most 120 UTF-8 bytes (cut at a character boundary), the extension
    kept in lower case. A name already in `taken` gets ` (2)`, ` (3)`, ... before the
    extension. Names that are already plain come through unchanged (so the batch keeps
    the name users know)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = unicodedata.normalize("NFC", base).replace("\x00", "")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^\w .()\-]", "_", stem).strip(" .") or f"berkas_{index + 1}"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:12]
    ext = f".{ext}" if ext else ""
    for n in range(1, len(taken) + 2):
        suffix = f" ({n})" if n > 1 else ""
        room = MAX_NAME_BYTES - len(ext) - len(suffix)
        cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .") or f"berkas_{index + 1}"
        candidate = cut + suffix + ext
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: len(taken) + 1 candidates cannot all be taken")


def check_upload(name: str, data: bytes, limit_mb: float | None = None) -> str | None:
    """Why this uploaded file must not be loaded (Bahasa Indonesia), or None if it may."""
    from pipelines.xlsx import UnsafeWorkbook, check_safe

    limit_mb = max_upload_mb() if limit_mb is None else limit_mb
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    ext = re.sub(r"[^\w]", "", ext)[:12]
    name = re.sub(r"[\[\]()*`<>#|\\]", "", name)[:120]  # shown in Markdown: no links or markup
    if ext not in ALLOWED_TYPES:
        return (f"Berkas {name} ditolak: jenis .{ext or '?'} tidak diterima. Jenis yang diterima: "
                + ", ".join(f".{t}" for t in ALLOWED_TYPES) + ".")
    size_mb = len(data) / (1024 * 1024)
    if size_mb > limit_mb:
        return (f"Berkas {name} ditolak: ukurannya {fmt.number(size_mb, 1)} MB melebihi batas "
                f"{fmt.number(limit_mb, 0 if limit_mb >= 1 else 2)} MB per berkas.")
    if ext == "xlsx":
        try:
            with tempfile.TemporaryDirectory(prefix="periksa_") as tmp:
                path = Path(tmp) / "periksa.xlsx"
                path.write_bytes(data)
                check_safe(path)
        except UnsafeWorkbook as error:
            return str(error).replace("periksa.xlsx", name)
        except OSError as error:
            return _failure(error).replace("Gagal memuat:", f"Berkas {name} tidak dapat diperiksa:")
    return None


def _failure(error: Exception) -> str:
    """Why the upload could not be loaded, in Bahasa Indonesia (an OSError's text is English)."""
    if isinstance(error, OSError):
        why = {errno.ENOSPC: "ruang disk habis", errno.ENAMETOOLONG: "nama berkas terlalu panjang"}
        return ("Gagal memuat: berkas unggahan tidak dapat disimpan sementara di server "
                f"({why.get(error.errno, 'kesalahan berkas')}). Tidak ada yang dimuat.")
    return f"Gagal memuat: {error}"


@dataclasses.dataclass
class UploadOutcome:
    results: list            # BatchResult per file, file_name = the original name
    error: str | None        # why nothing (or not everything) was loaded
    refused: list[str]       # one message per refused file
    pending: dict[str, bytes] = dataclasses.field(default_factory=dict)  # files whose layout needs a mapping


@dataclasses.dataclass
class Upload:
    """A file held in the session (what st.file_uploader gives: a name and the bytes)."""
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def ingest_uploads(files, source: str | None = None, device: str | None = None, *,
                   username: str = "-", warehouse: Path | None = None, mapping: str | None = None) -> UploadOutcome:
    """Check every file, then (only if all pass) load them; audit the attempt either way."""
    from pipelines.ingest import ingest_files

    names = [str(getattr(f, "name", "") or f"berkas_{i + 1}") for i, f in enumerate(files)]
    blobs = [f.getvalue() for f in files]
    refused = [m for m in (check_upload(n, b) for n, b in zip(names, blobs)) if m]
    details = {"berkas": names, "ukuran_byte": [len(b) for b in blobs], "sumber": source, "mesin": device or None}
    if refused:
        unrecorded = _record("unggah_ditolak", username, {**details, "alasan": refused}, 0, warehouse)
        return UploadOutcome([], " ".join(filter(None, ["Tidak ada berkas yang dimuat.", unrecorded])), refused)
    blocked = audit_ready(warehouse)
    if blocked:
        return UploadOutcome([], f"Tidak ada berkas yang dimuat: {blocked}", [])
    with tempfile.TemporaryDirectory(prefix="unggah_") as tmp:
        paths, original = [], {}
        try:
            for i, (name, blob) in enumerate(zip(names, blobs)):
                folder = Path(tmp) / f"{i:03d}"  # one folder per file
                folder.mkdir()
                path = folder / safe_name(name, i, taken=set(original))  # a/x.csv, b/x.csv: x.csv, x (2).csv
                path.write_bytes(blob)
                paths.append(path)
                original[path.name] = name
            results = ingest_files(paths, warehouse=warehouse, source=source or None, device=device or None,
                                   mapping=mapping)
        except ValueError as error:  # an unknown saved mapping: pipelines/mappings.py says it in Bahasa
            return UploadOutcome([], f"Tidak ada yang dimuat: {error}", [])
        except WarehouseError as error:  # busy (names the holder) or disk full: already Bahasa Indonesia
            message = f"Tidak ada yang dimuat: {error}"
            unrecorded = _record("unggah_gagal", username, {**details, "alasan": message}, 0, warehouse)
            return UploadOutcome([], " ".join(filter(None, [message, unrecorded])), [])
        except (duckdb.IOException, OSError) as error:
            message = BUSY if "lock" in str(error).lower() else _failure(error)
            unrecorded = _record("unggah_gagal", username, {**details, "alasan": message}, 0, warehouse)
            return UploadOutcome([], " ".join(filter(None, [message, unrecorded])), [])
    results = [dataclasses.replace(r, file_name=original.get(r.file_name, r.file_name)) for r in results]
    unrecorded = _record("unggah", username, {
        **details,
        "hasil": [{"berkas": r.file_name, "status": r.status, "batch": r.batch_id, "dimuat": r.rows_loaded,
                   "karantina": r.rows_quarantined, "duplikat": r.rows_duplicate} for r in results],
    }, sum(r.rows_loaded for r in results), warehouse)
    pending = {r.file_name: blobs[names.index(r.file_name)] for r in results if r.needs_mapping and r.file_name in names}
    return UploadOutcome(results, unrecorded, [], pending)


def _record(event: str, username: str, details: dict, rows: int | None, warehouse: Path | None) -> str | None:
    """Audit; None when recorded (or durably queued), else a message for the admin."""
    try:
        audit(event, username, details, rows=rows, warehouse=warehouse)
    except AuditUnavailable as error:
        return f"Peringatan: {error}"
    return None


def results_frame(results) -> pl.DataFrame:
    """One row per file: counts and status (rows_in = loaded + quarantined + duplicate)."""
    return pl.DataFrame([{
        "file_name": r.file_name, "source": r.source, "status": r.status, "rows_in": r.rows_in,
        "rows_loaded": r.rows_loaded, "rows_quarantined": r.rows_quarantined,
        "rows_duplicate": r.rows_duplicate, "rows_replaced": r.rows_replaced, "message": r.message or None,
    } for r in results], schema_overrides={"source": pl.String, "message": pl.String})


def quarantine_frame(results) -> pl.DataFrame:
    """Every quarantined row of these results, with its file, reason and the raw row."""
    parts = [r.quarantined.with_columns(pl.lit(r.file_name).alias("file_name"), pl.lit(r.source).alias("source"))
             for r in results if not r.quarantined.is_empty()]
    if not parts:
        return pl.DataFrame(schema={"file_name": pl.String, "source": pl.String, "row_number": pl.Int64,
                                    "reason_code": pl.String, "reason": pl.String, "raw": pl.String})
    frame = pl.concat(parts, how="diagonal_relaxed")
    first = ["file_name", "source", "row_number", "reason_code", "reason", "raw"]
    return frame.select([c for c in first if c in frame.columns] + [c for c in frame.columns if c not in first])


def reasons_frame(quarantine: pl.DataFrame) -> pl.DataFrame:
    """Quarantined rows per reason, most frequent first, with one example, what the code
    means and what to do (pipelines/reasons.py)."""
    from pipelines.reasons import explain

    if quarantine.is_empty():
        return pl.DataFrame(schema={"reason_code": pl.String, "rows": pl.UInt32, "reason": pl.String,
                                    "explanation": pl.String, "action": pl.String})
    per_code = (quarantine.group_by("reason_code").agg(pl.len().alias("rows"), pl.col("reason").first())
                .sort(["rows", "reason_code"], descending=[True, False]))
    explained = [explain(code) for code in per_code["reason_code"]]
    return per_code.with_columns(pl.Series("explanation", [e for e, _ in explained], pl.String),
                                 pl.Series("action", [a for _, a in explained], pl.String))


def publish(*, username: str = "-", warehouse: Path | None = None) -> tuple[str | None, str | None]:
    """warehouse.build.build(): (summary, error); audited as `terbit` (or `terbit_gagal`)."""
    from warehouse.build import BuildError, build

    blocked = audit_ready(warehouse)
    if blocked:
        return None, f"Build tidak dijalankan, data lama tetap tampil: {blocked}"
    try:
        result = build(warehouse)
    except BuildError as error:
        _record("terbit_gagal", username, {"alasan": str(error)}, None, warehouse)
        return None, f"Build dibatalkan, data lama tetap tampil: {error}"
    except WarehouseError as error:  # busy (names the holder) or disk full: already Bahasa Indonesia
        message = f"Build tidak dijalankan, data lama tetap tampil: {error}"
        _record("terbit_gagal", username, {"alasan": message}, None, warehouse)
        return None, message
    except duckdb.IOException as error:
        message = BUSY if "lock" in str(error).lower() else f"Build gagal: {error}"
        _record("terbit_gagal", username, {"alasan": message}, None, warehouse)
        return None, message
    return result.summary(), _record("terbit", username, {"build": result.build_id}, None, warehouse)
