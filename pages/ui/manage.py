"""Kelola Data helpers: uploaded files -> pipelines.ingest, results -> frames, publish."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import polars as pl

BUSY = ("Gudang data sedang dipakai proses lain (mis. `python -m pipelines ingest` atau `build`). "
        "Coba lagi sebentar lagi.")


def ingest_uploads(files, source: str | None = None, device: str | None = None) -> tuple[list, str | None]:
    """Save uploads under their own names in a temp folder and load them. Returns (results, error)."""
    from pipelines.ingest import ingest_files

    with tempfile.TemporaryDirectory(prefix="unggah_") as tmp:
        paths = []
        for f in files:
            path = Path(tmp) / Path(f.name).name  # the name only: no folders from the browser
            path.write_bytes(f.getvalue())
            paths.append(path)
        try:
            return ingest_files(paths, source=source or None, device=device or None), None
        except duckdb.IOException as error:
            return [], BUSY if "lock" in str(error).lower() else f"Gagal memuat: {error}"


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
    """Quarantined rows per reason, most frequent first, with one example."""
    if quarantine.is_empty():
        return pl.DataFrame(schema={"reason_code": pl.String, "rows": pl.UInt32, "reason": pl.String})
    return (quarantine.group_by("reason_code").agg(pl.len().alias("rows"), pl.col("reason").first())
            .sort(["rows", "reason_code"], descending=[True, False]))


def publish() -> tuple[str | None, str | None]:
    """warehouse.build.build(): (summary, error)."""
    from warehouse.build import BuildError, build

    try:
        return build().summary(), None
    except BuildError as error:
        return None, f"Build dibatalkan, data lama tetap tampil: {error}"
    except duckdb.IOException as error:
        return None, BUSY if "lock" in str(error).lower() else f"Build gagal: {error}"
