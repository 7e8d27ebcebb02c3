"""One measured step per process: `python -m bench.steps STEP --json OUT [options]`.

The orchestrator (bench/run.py) starts each step in a fresh interpreter and reads the
child's peak RSS from `os.wait4`. A step times only its own work (imports and
interpreter start-up are outside the timed window, for every contender alike) and
writes its figures as JSON to `--json`.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

LOADABLE_SUFFIXES = {".csv", ".txt", ".dat", ".xlsx", ".xlsm", ".xls"}
XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


def source_files(src: Path) -> list[Path]:
    """The files ingestion loads from a folder: same rule as pipelines.ingest.expand_paths
    (names starting with `_` or `.` anywhere below the folder are skipped, e.g. `_kunci/`)."""
    found = []
    for child in sorted(src.rglob("*")):
        parts = child.relative_to(src).parts
        if child.is_file() and child.suffix.lower() in LOADABLE_SUFFIXES and not any(
            p.startswith(("_", ".")) for p in parts
        ):
            found.append(child)
    return found


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- generate ---------------------------------------------------------------------------


def step_generate(args) -> dict:
    out = Path(args.src)
    from demo_region import generate

    generator = "demo_region"
    t0 = time.perf_counter()
    summary = generate(out, pegawai=args.pegawai, bulan=args.bulan, seed=args.seed)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "generator": generator, "summary": str(summary)[:2000]}


# -- load -------------------------------------------------------------------------------


def step_load_ours(args) -> dict:
    from pipelines import prepare_memory_for

    prepare_memory_for([args.src])  # as `python -m pipelines ingest` does
    from pipelines.ingest import ingest_files

    work = _fresh(Path(args.work))
    wh = work / "budaya.duckdb"
    profile = None
    if args.profile:
        import cProfile
        profile = cProfile.Profile()
        profile.enable()
    peak_after: dict[str, float] = {}  # the process's peak RSS once each file is loaded
    t0 = time.perf_counter()
    try:
        results = ingest_files([args.src], warehouse=wh,
                               on_result=lambda r: peak_after.__setitem__(r.file_name, _self_rss_mb()))
    finally:  # keep the profile of a load that crashed too
        if profile is not None:
            profile.disable()
            profile.dump_stats(args.profile)
    seconds = time.perf_counter() - t0
    by_status: dict[str, int] = {}
    for r in results:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    return {
        "seconds": seconds,
        "files": len(results),
        "files_by_status": by_status,
        "rows_in": sum(r.rows_in for r in results),
        "rows_loaded": sum(r.rows_loaded for r in results),
        "rows_quarantined": sum(r.rows_quarantined for r in results),
        "rows_duplicate": sum(r.rows_duplicate for r in results),
        "rejected": [f"{r.file_name}: {r.message}"[:300] for r in results if r.status == "rejected"][:10],
        "per_file": [{"file": r.file_name, "source": r.source, "status": r.status, "rows_in": r.rows_in,
                      "seconds": getattr(r, "seconds", None), "peak_rss_mb": peak_after.get(r.file_name)}
                     for r in results],
        "warehouse": str(wh),
        "warehouse_mb": wh.stat().st_size / 2**20,
    }


def _csv_delimiter(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(8192).decode("utf-8", errors="replace")
    counts = {d: head.count(d) for d in (";", ",", "\t", "|")}
    return max(counts, key=counts.get)


def step_load_duckdb(args) -> dict:
    """DuckDB's own bulk read: read_csv (auto-detect) of every CSV/.dat into a table of a
    fresh DuckDB file; XLSX via read_xlsx when the excel extension is statically
    available, else polars.read_excel (calamine) registered and copied into a table."""
    import duckdb

    files = source_files(Path(args.src))
    work = _fresh(Path(args.work))
    con = duckdb.connect(str(work / "floor.duckdb"))
    has_excel = con.execute(
        "select count(*) from duckdb_extensions() where extension_name = 'excel' and install_mode = 'STATICALLY_LINKED'"
    ).fetchall()[0][0] > 0
    xlsx_reader = "duckdb.read_xlsx" if has_excel else "polars.read_excel(calamine)"
    if not has_excel and any(f.suffix.lower() in XLSX_SUFFIXES for f in files):
        import polars as pl
    rows = 0
    fallbacks = []
    per_file = {}
    t0 = time.perf_counter()
    for i, f in enumerate(files):
        t_file = time.perf_counter()
        table = f"t{i}"
        lit = "'" + str(f).replace("'", "''") + "'"
        suffix = f.suffix.lower()
        if suffix in XLSX_SUFFIXES:
            if has_excel:
                con.execute(f"create table {table} as select * from read_xlsx({lit}, all_varchar = true)")
            else:
                import polars as pl
                frame = pl.read_excel(f, has_header=False, infer_schema_length=0)
                con.register("x", frame.to_arrow())
                con.execute(f"create table {table} as select * from x")
                con.unregister("x")
        elif suffix == ".dat":
            con.execute(f"create table {table} as select * from read_csv({lit}, delim = '\\t', header = false, "
                        "null_padding = true)")
        else:
            try:
                con.execute(f"create table {table} as select * from read_csv({lit})")
            except duckdb.Error as error:  # a layout the sniffer cannot take: read it all as text
                fallbacks.append(f"{f.name}: {str(error).splitlines()[0][:160]}")
                con.execute(f"create or replace table {table} as select * from read_csv({lit}, all_varchar = true, "
                            f"null_padding = true, delim = '{_csv_delimiter(f)}', ignore_errors = true)")
        rows += con.execute(f"select count(*) from {table}").fetchall()[0][0]
        per_file[f.name] = time.perf_counter() - t_file
    con.execute("checkpoint")
    con.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "files": len(files), "rows": rows, "xlsx_reader": xlsx_reader,
            "fallbacks": fallbacks[:10], "per_file": per_file}


def step_load_pandas(args) -> dict:
    """Plain pandas: read_csv (default C engine, delimiter from the first 8 KB) / read_excel
    (openpyxl), then DuckDB `register` + CREATE TABLE AS into a fresh DuckDB file."""
    import duckdb
    import pandas as pd

    files = source_files(Path(args.src))
    work = _fresh(Path(args.work))
    con = duckdb.connect(str(work / "pandas.duckdb"))
    rows = 0
    errors = []
    per_file = {}
    t0 = time.perf_counter()
    for i, f in enumerate(files):
        t_file = time.perf_counter()
        suffix = f.suffix.lower()
        try:
            if suffix in XLSX_SUFFIXES:
                df = pd.read_excel(f, header=None, dtype=str)
            elif suffix == ".dat":
                df = pd.read_csv(f, sep="\t", header=None, dtype=str)
            else:
                df = pd.read_csv(f, sep=_csv_delimiter(f), on_bad_lines="skip", encoding_errors="replace")
        except Exception as error:  # noqa: BLE001
            errors.append(f"{f.name}: {error!r}"[:200])
            continue
        con.register("df", df)
        con.execute(f"create table t{i} as select * from df")
        con.unregister("df")
        rows += len(df)
        per_file[f.name] = time.perf_counter() - t_file
    con.execute("checkpoint")
    con.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "files": len(files), "rows": rows, "errors": errors[:10], "per_file": per_file,
            "method": "pandas.read_csv/read_excel(openpyxl) -> duckdb register + create table as"}


# -- build ------------------------------------------------------------------------------


def step_build(args) -> dict:
    from warehouse.build import build

    loaded = Path(args.loaded)
    work = _fresh(Path(args.work))
    wh = work / "budaya.duckdb"
    shutil.copyfile(loaded, wh)  # outside the timed window
    t0 = time.perf_counter()
    result = build(wh)
    seconds = time.perf_counter() - t0
    from warehouse.paths import current_build_file

    published = current_build_file(wh)
    summary = result.summary() if hasattr(result, "summary") else str(result)
    return {"seconds": seconds, "warehouse": str(wh), "published": str(published) if published else None,
            "published_mb": published.stat().st_size / 2**20 if published else None,
            "summary": str(summary)[:1500],
            # seconds of each model (dependency order), plus calendar, checks and publish
            "timings": dict(getattr(result, "timings", {}) or {})}


# -- culture index: ours vs pandas ------------------------------------------------------


def step_culture(args) -> dict:
    from bench import culture

    return culture.measure(Path(args.warehouse), repeat=args.repeat)


# -- pages ------------------------------------------------------------------------------


def step_pages(args) -> dict:
    from bench import pages

    return pages.measure(Path(args.published), iterations=args.iterations, cold_iterations=args.cold_iterations)


STEPS = {
    "generate": step_generate,
    "load_ours": step_load_ours,
    "load_duckdb": step_load_duckdb,
    "load_pandas": step_load_pandas,
    "build": step_build,
    "culture": step_culture,
    "pages": step_pages,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.steps")
    p.add_argument("step", choices=STEPS)
    p.add_argument("--json", required=True)
    p.add_argument("--src")
    p.add_argument("--work")
    p.add_argument("--loaded")
    p.add_argument("--warehouse")
    p.add_argument("--published")
    p.add_argument("--pegawai", type=int, default=6000)
    p.add_argument("--bulan", type=int, default=24)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--iterations", type=int, default=20)
    p.add_argument("--cold-iterations", type=int, default=5)
    p.add_argument("--profile")
    args = p.parse_args(argv)
    out = STEPS[args.step](args)
    out["self_peak_rss_mb"] = _self_rss_mb()
    Path(args.json).write_text(json.dumps(out, default=str, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

