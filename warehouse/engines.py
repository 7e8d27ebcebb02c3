"""The models on two engines over the Parquet lake (pipelines.lake): DuckDB and Apache Spark.

- `build_spark(lake, master)` runs every model in dependency order (warehouse.spec) on Spark,
  writing each to `<lake>/marts/<model>/` as Parquet and reading it back for the next ones;
- `build_duckdb(lake)` runs the same files on DuckDB over the same lake (in memory);
- `compare(lake, master)` does both and reports, per model, rows and the largest relative
  difference of any number (text, dates, ranks must be equal);
- `publish_spark(lake, warehouse)` turns the Spark marts into the read-only DuckDB build the
  dashboard reads (warehouse.build's publish step).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time as _time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lake import current_version, read_manifest
from warehouse import build as wb
from warehouse.portable import as_temp_view, to_spark

SPARK_MISSING = (
    "Mesin Spark belum terpasang. Pasang dengan: bash scripts/dev.sh test (atau "
    "pip install -r requirements-spark.lock; Java: apt-get install -y default-jre-headless)."
)


LOG4J2_FILE = Path(__file__).resolve().with_name("spark_log4j2.properties")
# PySpark's Python loggers that print a failed query as JSON lines on stderr.
_PYSPARK_QUERY_LOGGERS = ("SQLQueryContextLogger", "DataFrameQueryContextLogger")


class EngineError(RuntimeError):
    """A model failed on an engine; the message is Bahasa Indonesia."""


def spark_log_file(lake: Path | str) -> Path:
    """Where the CLI's Spark driver writes its own output (JVM stderr, log4j, PySpark query logs)."""
    return Path(lake) / "logs" / "spark.log"


@contextmanager
def _stderr_to(log_file: Path | None):
    """Point file descriptor 2 at log_file while the JVM starts, so the JVM inherits it for its lifetime."""
    if log_file is None:
        yield
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log_file, "ab") as f:
        os.dup2(f.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@dataclass
class EngineBuild:
    engine: str
    seconds: float
    timings: dict[str, float]
    rows: dict[str, int]


# ---------------------------------------------------------------- DuckDB over the lake


def _duckdb_views(con: duckdb.DuckDBPyConnection, lake: Path) -> None:
    version = current_version(lake)
    for name, meta in read_manifest(lake)["tables"].items():
        cols = ", ".join(
            f"(time '00:00:00' + to_seconds(\"{c}\"))::time as \"{c}\"" if c in meta["time_columns"] else f'"{c}"'
            for c, _type in meta["columns"]
        )
        files = wb.sql_str(version / name / "**" / "*.parquet")
        con.execute(f"create view \"{name}\" as select {cols} from read_parquet('{files}', hive_partitioning = false)")


def build_duckdb(lake: Path | str, con: duckdb.DuckDBPyConnection | None = None) -> tuple[EngineBuild, duckdb.DuckDBPyConnection]:
    """Every model on DuckDB (in memory) over the lake; the connection holds the tables."""
    t0 = _time.perf_counter()
    con = con or duckdb.connect()
    _duckdb_views(con, Path(lake))
    wb.register_macros(con)
    timings: dict[str, float] = {}
    wb.run_models(con, timings)
    rows = {n: con.execute(f'select count(*) from "{n}"').fetchall()[0][0] for n, _p in wb.models()}
    return EngineBuild("duckdb", _time.perf_counter() - t0, timings, rows), con


# ---------------------------------------------------------------- Spark


LOCAL_DRIVER_MEMORY = "6g"  # local[N]: the driver is the executor too; Spark's 1 GB default fails at 10x


def parse_spark_conf(pairs: list[str] | None) -> dict[str, str]:
    """`--spark-conf KUNCI=NILAI` (repeatable) as a dict; a malformed pair is an EngineError."""
    conf = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key.strip().startswith("spark.") or not value.strip():
            raise EngineError(f"--spark-conf harus berbentuk spark.KUNCI=NILAI, misalnya "
                              f"spark.driver.memory=6g; tertulis: {pair!r}.")
        conf[key.strip()] = value.strip()
    return conf


def spark_session(master: str | None = None, shuffle_partitions: int = 8, log_file: Path | None = None,
                  conf: dict[str, str] | None = None):
    """A SparkSession with the settings the models need (UTC, TIME type), quiet: log4j2 errors only
    (warehouse/spark_log4j2.properties), no progress bar; with log_file, everything the JVM and
    PySpark's query loggers print goes there instead of the terminal. `conf` (from --spark-conf)
    is applied last; a local master gets LOCAL_DRIVER_MEMORY unless conf says otherwise."""
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    try:
        from pyspark.logger import PySparkLogger
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineError(SPARK_MISSING) from exc
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError(SPARK_MISSING)
    if log_file is not None:
        for name in _PYSPARK_QUERY_LOGGERS:
            logger = PySparkLogger.getLogger(name)
            logger.handlers = [logging.FileHandler(log_file, encoding="utf-8", delay=True)]
    java_opts = f"-Duser.timezone=UTC -Dlog4j2.configurationFile={LOG4J2_FILE.as_uri()}"
    builder = (
        SparkSession.builder.appName("budaya-kerja")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.timeType.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.structuredLogging.enabled", "false")
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.executor.extraJavaOptions", java_opts)
    )
    if master:
        builder = builder.master(master)
    elif not os.environ.get("SPARK_MASTER"):
        builder = builder.master("local[2]")
    if (master or os.environ.get("SPARK_MASTER") or "local").startswith("local"):
        builder = builder.config("spark.driver.memory", LOCAL_DRIVER_MEMORY)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    with _stderr_to(log_file):
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
    return spark


def _spark_views(spark, lake: Path) -> dict:
    version = current_version(lake)
    manifest = read_manifest(lake)
    for name, meta in manifest["tables"].items():
        cols = ", ".join(
            f"time_from_seconds(`{c}`) as `{c}`" if c in meta["time_columns"] else f"`{c}`"
            for c, _type in meta["columns"]
        )
        spark.read.parquet(str(version / name)).createOrReplaceTempView(f"_lake_{name}")
        spark.sql(f"select {cols} from _lake_{name}").createOrReplaceTempView(name)
    return manifest


def _cfg_row(spark) -> dict:
    return spark.table("cfg").collect()[0].asDict()


def build_spark(lake: Path | str, master: str | None = None, spark=None, conf: dict[str, str] | None = None,
                progress=None) -> EngineBuild:
    """Every model on Spark over the lake; each written to <lake>/marts/<model>/.
    progress(name, seconds, rows) is called after each model (the bench prints it as it goes)."""
    lake = Path(lake)
    t0 = _time.perf_counter()
    log_file = None if spark else spark_log_file(lake)
    spark = spark or spark_session(master, log_file=log_file, conf=conf)
    _spark_views(spark, lake)
    cfg = _cfg_row(spark)
    wb.check_portable()
    marts = lake / "marts"
    timings, rows = {}, {}
    for name, path in wb.models():
        t1 = _time.perf_counter()
        target = marts / name
        try:
            sql = to_spark(path.read_text(encoding="utf-8"), cfg)
            spark.sql(sql).write.mode("overwrite").parquet(str(target))
        except Exception as exc:  # Spark raises its own error classes; the message names the model
            raise EngineError(_model_failed(path.name, exc, log_file)) from exc
        frame = spark.read.parquet(str(target))
        frame.createOrReplaceTempView(name)
        rows[name] = frame.count()
        timings[name] = _time.perf_counter() - t1
        if progress:
            progress(name, timings[name], rows[name])
    return EngineBuild("spark", _time.perf_counter() - t0, timings, rows)


def _model_failed(model_file: str, exc: Exception, log_file: Path | None) -> str:
    """The user's message: the model and Spark's error code; Spark's own text goes to the log (or the end)."""
    code = getattr(exc, "getCondition", lambda: None)() or type(exc).__name__
    message = f"Model {model_file} gagal dijalankan di Spark (kode galat {code})."
    if log_file is None:
        first = str(exc).strip().splitlines()[0][:400] if str(exc).strip() else ""
        return f"{message} Rincian: {first}" if first else message
    with open(log_file, "a", encoding="utf-8") as log:
        log.write(f"\n--- {model_file} gagal ---\n{exc}\n")
    return f"{message} Rincian teknis tercatat di {log_file}."


def spark_mart(con: duckdb.DuckDBPyConnection, lake: Path, name: str) -> duckdb.DuckDBPyRelation:
    return con.sql(f"select * from read_parquet('{wb.sql_str(Path(lake) / 'marts' / name / '*.parquet')}')")


# ---------------------------------------------------------------- compare


@dataclass
class ModelDiff:
    model: str
    rows_duckdb: int
    rows_spark: int
    max_rel_diff: float
    problem: str = ""

    @property
    def equal(self) -> bool:
        return not self.problem


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    # Exact columns first, floats last (rounded to 9 digits, so a last-bit difference does not reorder).
    exact = [c for c, t in frame.schema.items() if not t.is_float()]
    floats = [c for c, t in frame.schema.items() if t.is_float()]
    keys = [pl.col(c).cast(pl.String) if frame.schema[c].is_nested() else pl.col(c) for c in exact]
    keys += [pl.col(c).round_sig_figs(9) for c in floats]
    return frame.sort(keys, nulls_last=True) if keys else frame


def compare_frames(model: str, a: pl.DataFrame, b: pl.DataFrame, rel_tol: float = 1e-9) -> ModelDiff:
    diff = ModelDiff(model, a.height, b.height, 0.0)
    if a.columns != b.columns:
        diff.problem = f"kolom berbeda: {a.columns} vs {b.columns}"
        return diff
    if a.height != b.height:
        diff.problem = "jumlah baris berbeda"
        return diff
    a, b = _sorted(a), _sorted(b)
    for col in a.columns:
        x, y = a[col], b[col]
        if x.dtype.is_numeric() and y.dtype.is_numeric():
            xf, yf = x.cast(pl.Float64), y.cast(pl.Float64)
            if not (xf.is_null() == yf.is_null()).all():
                diff.problem = f"kolom {col}: NULL di baris yang berbeda"
                return diff
            both = pl.DataFrame({"x": xf, "y": yf}).drop_nulls()
            # Relative to the value, or to 1 below 1: a delta of two equal scores is 0 on one engine and
            # 1e-15 on the other, which is the same number, not a 100 % difference.
            rel = both.select(
                ((pl.col("x") - pl.col("y")).abs() / pl.max_horizontal(pl.col("x").abs(), pl.col("y").abs(), pl.lit(1.0)))
                .fill_nan(0.0).max()
            ).item()
            rel = rel or 0.0
            diff.max_rel_diff = max(diff.max_rel_diff, rel)
            if rel > rel_tol or (not x.dtype.is_float() and not (x.cast(pl.Float64) == y.cast(pl.Float64)).all()):
                diff.problem = f"kolom {col}: selisih relatif {rel:.3g}"
                return diff
        else:
            xs = x.cast(pl.String) if x.dtype != y.dtype or x.dtype.is_nested() else x
            ys = y.cast(pl.String) if x.dtype != y.dtype or y.dtype.is_nested() else y
            if not xs.equals(ys):
                bad = (xs != ys) | (xs.is_null() != ys.is_null())
                n = int(bad.fill_null(True).sum())
                diff.problem = f"kolom {col}: {n} nilai berbeda"
                return diff
    return diff


def compare(lake: Path | str, master: str | None = None, spark=None,
            conf: dict[str, str] | None = None) -> tuple[list[ModelDiff], EngineBuild, EngineBuild]:
    lake = Path(lake)
    duck, con = build_duckdb(lake)
    sparked = build_spark(lake, master, spark, conf)
    diffs = []
    for name, _path in wb.models():
        a = con.sql(f'select * from "{name}"').pl()
        b = pl.read_parquet(lake / "marts" / name / "*.parquet")
        diffs.append(compare_frames(name, a, b))
    con.close()
    return diffs, duck, sparked


def report(diffs: list[ModelDiff], duck: EngineBuild, sparked: EngineBuild) -> str:
    lines = [f"{'model':34} {'baris DuckDB':>12} {'baris Spark':>12} {'selisih relatif maks':>21}  hasil"]
    for d in diffs:
        lines.append(f"{d.model:34} {d.rows_duckdb:>12,} {d.rows_spark:>12,} {d.max_rel_diff:>21.3g}  "
                     + ("sama" if d.equal else "BERBEDA: " + d.problem))
    same = sum(d.equal for d in diffs)
    lines.append(f"{same}/{len(diffs)} model sama. Waktu build: DuckDB {duck.seconds:.1f} d, Spark {sparked.seconds:.1f} d.")
    return "\n".join(lines)


# ---------------------------------------------------------------- publish


def _duckdb_model_types(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Each model's columns and DuckDB types, bound as temp views over the lake (nothing is computed)."""
    types = {}
    wb.set_chunk(con, *con.execute("select period_start, period_end from cfg").fetchone())
    for name, path in wb.models():
        con.execute(as_temp_view(path.read_text(encoding="utf-8")))
        types[name] = [(r[0], r[1]) for r in con.execute(f'describe "{name}"').fetchall()]
    for name, _path in reversed(wb.models()):
        con.execute(f'drop view "{name}"')
    return types


def publish_spark(lake: Path | str, warehouse: Path | str | None = None) -> Path:
    """The Spark marts as the dashboard's read-only build, with the same tables and column types a
    DuckDB build publishes: marts cast to the types DuckDB gives them, the lake's configuration,
    calendar, ingest_batches and quarantine, build_info (with the configuration JSON) and build_sources."""
    from warehouse.paths import published_dir, warehouse_path

    lake = Path(lake)
    manifest = read_manifest(lake)
    missing = [m for m in ("config_json", "weights_json") if m not in manifest]
    missing += [n for n, _p in wb.models() if not (lake / "marts" / n).is_dir()]
    if missing:
        raise EngineError(f"Lake {lake} belum lengkap untuk diterbitkan ({', '.join(missing[:3])}); "
                          "tulis ulang lake lalu jalankan build --engine spark.")
    con = duckdb.connect()
    try:
        _duckdb_views(con, lake)
        wb.register_macros(con)
        types = _duckdb_model_types(con)
        for name in manifest["tables"]:
            if not name.startswith("raw_"):
                con.execute(f'create table "{name}_t" as select * from "{name}"')
                con.execute(f'drop view "{name}"')
                con.execute(f'alter table "{name}_t" rename to "{name}"')
        for name, _path in wb.models():
            cols = ", ".join(f'"{c}"::{t} as "{c}"' for c, t in types[name])
            files = wb.sql_str(lake / "marts" / name / "*.parquet")
            con.execute(f"create table \"{name}\" as select {cols} from read_parquet('{files}')")
        build_id = manifest["build_id"] + "-spark"
        con.execute(
            "create table build_info as select ?::varchar as build_id, ?::timestamptz as built_at, "
            "?::date as period_start, ?::date as period_end, ?::varchar as config_path, "
            "?::varchar as config_json, ?::varchar as weights_json",
            [build_id, datetime.now(UTC), manifest["period_start"], manifest["period_end"],
             manifest["config_path"], manifest["config_json"], manifest["weights_json"]],
        )
        wb.write_sources_table(con)
        for name in [n for n in manifest["tables"] if n.startswith("raw_")]:
            con.execute(f'drop view "{name}"')
        return wb.publish(con, published_dir(warehouse_path(warehouse)), build_id)
    finally:
        con.close()
