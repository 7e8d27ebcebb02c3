"""`python -m bench --engine spark --lake DIR [--master URL]`: Spark build time over a Parquet lake.

Runs every model once on Spark (default local[2]) and once on DuckDB over the same lake,
prints per-model seconds and the cost per million input rows, and writes
bench/results/spark-<lake name>.json. Make the lake first: `python -m pipelines lake --out DIR`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench --engine spark")
    p.add_argument("--engine", choices=["spark"], default="spark")
    p.add_argument("--lake", required=True)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--spark-conf", action="append", metavar="KUNCI=NILAI")
    args = p.parse_args(argv)
    from pipelines.lake import read_manifest
    from warehouse import engines

    lake = Path(args.lake)
    input_rows = sum(t["rows"] for t in read_manifest(lake)["tables"].values())
    duck, _con = engines.build_duckdb(lake)
    print(f"DuckDB over the lake: {duck.seconds:.1f} s", flush=True)
    _con.close()

    def progress(name: str, secs: float, rows: int) -> None:
        print(f"  spark {name:34} {secs:8.2f} s {rows:>12,} rows", flush=True)

    sparked = engines.build_spark(lake, args.master, conf=engines.parse_spark_conf(args.spark_conf),
                                  progress=progress)
    print(f"{'model':34} {'Spark s':>8} {'DuckDB s':>9} {'baris':>10}")
    for name, secs in sparked.timings.items():
        print(f"{name:34} {secs:8.2f} {duck.timings.get(name, 0):9.2f} {sparked.rows[name]:>10,}")
    per_m = sparked.seconds / (input_rows / 1e6)
    print(f"Total: Spark {sparked.seconds:.1f} s, DuckDB {duck.seconds:.1f} s; {input_rows:,} baris masukan; "
          f"Spark {per_m:.1f} s per juta baris masukan")
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"spark-{lake.name}.json"
    out.write_text(json.dumps({"master": args.master, "input_rows": input_rows, "spark_seconds": sparked.seconds,
                               "duckdb_seconds": duck.seconds, "spark_models": sparked.timings,
                               "duckdb_models": duck.timings, "rows": sparked.rows}, indent=1))
    return 0
