"""Where the warehouse lives: one read-write ingest file plus published read-only builds.

    <warehouse>.duckdb                  ingest file (raw_*, ingest_batches, quarantine, mart_*)
    <warehouse>_published/CURRENT       name of the build the dashboard reads
    <warehouse>_published/<build>.duckdb  a published, immutable copy of the marts
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "data" / "budaya.duckdb"


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """`--warehouse PATH`, else $BUDAYA_WAREHOUSE, else warehouse/data/budaya.duckdb."""
    chosen = explicit or os.environ.get("BUDAYA_WAREHOUSE") or DEFAULT_WAREHOUSE
    return Path(chosen).expanduser().resolve()


def published_dir(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.stem + "_published")


def current_build_file(warehouse: Path) -> Path | None:
    """The published build the dashboard should read, or None before the first build."""
    pointer = published_dir(warehouse) / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = published_dir(warehouse) / name
    return path if path.exists() else None
