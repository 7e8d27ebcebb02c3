"""The Parquet lake: the validated raw tables (and the configuration the models read) for Spark.

`write_lake(out, warehouse=None)` reads the ingest file, writes the configuration and the
working-day calendar exactly as a build does, then every table the models read as Parquet:

    DIR/versions/<build id>/<table>/[lake_month=YYYY-MM/]*.parquet   (by source = table, and month)
    DIR/versions/<build id>/manifest.json   build id, rows, columns, sha256 of every file
    DIR/CURRENT                              the current version's name (swapped atomically)

The lake also holds every cfg_ table, ingest_batches and quarantine, and the manifest the
configuration (JSON), so `warehouse.engines.publish_spark` can publish a complete dashboard build.
TIME columns are stored as integer seconds since midnight (readable by Spark < 4.1);
`manifest["tables"][t]["time_columns"]` names them. The last 3 versions are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from warehouse import build as wb
from warehouse.config import load_config
from warehouse.paths import warehouse_path
from warehouse.portable import tables_read

KEEP_VERSIONS = 3
PARTITION_COLUMN = "lake_month"
# Raw tables large enough to split by month: table -> the date that decides the month.
MONTH_OF = {
    "raw_absensi_log": "punched_at",
    "raw_absensi_harian": "work_date",
    "raw_aktivitas": "activity_date",
}


# Read from the ingest file for the published build (build_sources, the Kelola page), not by the models.
FROM_WAREHOUSE = ("ingest_batches", "quarantine")


class LakeError(RuntimeError):
    """The lake could not be written or read; the message is Bahasa Indonesia."""


def lake_tables() -> list[str]:
    return sorted(tables_read([p for _n, p in wb.models()]))


def current_version(lake: Path | str) -> Path:
    lake = Path(lake)
    pointer = lake / "CURRENT"
    if not pointer.exists():
        raise LakeError(f"Lake {lake} belum ada (tidak ada berkas CURRENT); jalankan dulu: python -m pipelines lake --out {lake}")
    return lake / "versions" / pointer.read_text(encoding="utf-8").strip()


def read_manifest(lake: Path | str) -> dict:
    return json.loads((current_version(lake) / "manifest.json").read_text(encoding="utf-8"))


def _sha256(folder: Path) -> dict[str, str]:
    return {
        str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*.parquet"))
    }


def write_lake(out: Path | str, warehouse: Path | str | None = None, *, today: date | None = None) -> dict:
    out = Path(out)
    path = warehouse_path(warehouse)
    if not path.exists():
        raise LakeError(f"Gudang data {path} tidak ditemukan; muat berkas dulu (python -m pipelines ingest ...).")
    cfg = load_config()
    now = datetime.now(UTC)
    version = wb.new_build_id(now)
    tmp = out / "versions" / f".{version}.tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    tables = lake_tables()
    con = duckdb.connect()
    try:
        con.execute(f"attach '{wb.sql_str(path)}' as w (read_only)")
        present = {r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'w'").fetchall()}
        for name in sorted(set(tables) | set(FROM_WAREHOUSE)):
            if name.startswith("raw_") or name in FROM_WAREHOUSE:
                if name not in present:
                    raise LakeError(f"Tabel {name} tidak ada di {path}; muat berkas dulu.")
                con.execute(f'create view "{name}" as select * from w."{name}"')
        start, end = wb.period(con, cfg, today or date.today())
        wb.write_config(con, cfg, start, end)
        wb.write_calendar(con, cfg, start, end)
        # Also what a published build carries besides the marts (every cfg_ table, batches, quarantine).
        written = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database()").fetchall()]
        tables = sorted(set(tables) | set(FROM_WAREHOUSE) | {n for n in written if n.startswith("cfg")})
        manifest = {"build_id": version, "created_at": now.isoformat(), "warehouse": str(path),
                    "period_start": start.isoformat(), "period_end": end.isoformat(),
                    "config_path": str(cfg.path), "config_json": cfg.to_json(), "weights_json": cfg.weights_json(),
                    "tables": {}}
        for name in tables:
            cols = con.execute(f'describe "{name}"').fetchall()
            times = [c[0] for c in cols if c[1] == "TIME"]
            select = ", ".join(f'epoch("{c[0]}")::integer as "{c[0]}"' if c[0] in times else f'"{c[0]}"'
                               for c in cols)
            target = tmp / name
            if name in MONTH_OF:
                select += f", strftime(\"{MONTH_OF[name]}\", '%Y-%m') as {PARTITION_COLUMN}"
                options = f"format parquet, partition_by ({PARTITION_COLUMN})"
            else:
                target.mkdir()
                target = target / "part-0.parquet"
                options = "format parquet"
            con.execute(f"copy (select {select} from \"{name}\") to '{wb.sql_str(target)}' ({options})")
            manifest["tables"][name] = {
                "rows": con.execute(f'select count(*) from "{name}"').fetchone()[0],
                "columns": [[c[0], c[1]] for c in cols],
                "time_columns": times,
                "partition_by": [PARTITION_COLUMN] if name in MONTH_OF else [],
                "files": _sha256(tmp / name),
            }
    except duckdb.Error as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise LakeError(f"Lake tidak dapat ditulis dari {path}: {exc}") from exc
    finally:
        con.close()
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out / "versions" / version)
    pointer = out / f".CURRENT.{version}.tmp"
    pointer.write_text(version + "\n", encoding="utf-8")
    os.replace(pointer, out / "CURRENT")
    _prune(out, keep=version)
    return manifest


def _prune(out: Path, keep: str) -> None:
    versions = sorted((p for p in (out / "versions").iterdir() if not p.name.startswith(".")), reverse=True)
    for old in [v for v in versions if v.name != keep][KEEP_VERSIONS - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def summary(manifest: dict, out: Path | str) -> str:
    rows = ", ".join(f"{t} {m['rows']:,}".replace(",", ".") for t, m in manifest["tables"].items())
    return (f"Lake {manifest['build_id']} ditulis ke {out} (periode {manifest['period_start']} s.d. "
            f"{manifest['period_end']}).\nBaris per tabel: {rows}")
