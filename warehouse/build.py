"""Build the marts from the ingest tables, check them, and publish a read-only copy.

`build(warehouse=None, *, today=None, config=None) -> BuildResult`:
1. open the ingest file read-write with the config's [duckdb] resource settings
   (memory_limit, threads, preserve_insertion_order, spill folder beside the warehouse)
   and make sure the ingest schema exists;
2. write the configuration (`cfg_*`) and the working-day calendar (`dim_calendar`);
3. run the models of `warehouse/models/<layer>/<name>.sql` in dependency order
   (warehouse.spec), all in one transaction; a model that reads
   `getvariable('chunk_start')` / `getvariable('chunk_end')` is run month by month (its
   rows of each piece of whole months appended; a piece holds CHUNK_EMPLOYEE_MONTHS), so
   that a piece's rows fit in memory;
4. hold every published model to its spec's columns and types (the column contract),
   then run the checks: the spec's tests (grain unique, not null, accepted range and
   values) and `warehouse/checks/assert_*.sql`; any returned row fails the build
   (rolled back, nothing published) with a Bahasa Indonesia message naming the check;
5. copy every published table into `<published_dir>/<build_id>.duckdb`, then point
   `<published_dir>/CURRENT` at it with an atomic rename; keep the last 3 builds.

The steps are public functions for the other engines (warehouse.engines, pipelines.lake):
`period`, `write_config`, `write_calendar`, `register_macros`, `run_models`,
`check_contract`, `run_checks`, `write_sources_table`, `publish`, `new_build_id`.
"""

from __future__ import annotations

import os
import re
import shutil
import time as _time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from warehouse import spec
from warehouse.calendar import COLUMNS as CALENDAR_COLUMNS
from warehouse.calendar import calendar_rows
from warehouse.config import COMPONENTS, Config, build_params, load_config
from warehouse.lock import DiskFull, is_disk_full, open_for_writing, release
from warehouse.paths import published_dir, warehouse_path
from warehouse.rules import CORE_VALUES, PREDIKAT, behaviour_items

HERE = Path(__file__).resolve().parent
SCHEMA_SQL = HERE / "schema.sql"
CHECKS_DIR = HERE / "checks"
KEEP_BUILDS = 3
# Published besides the published models: the configuration, the calendar, the build's own tables.
PUBLISHED_EXTRA = ("dim_calendar", "build_info", "build_sources", "ingest_batches", "quarantine")


class BuildError(RuntimeError):
    """The build stopped; the message is Bahasa Indonesia. Nothing was published."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    violations: int
    sample: list[tuple] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.violations == 0


@dataclass(frozen=True)
class BuildResult:
    build_id: str
    published: Path
    seconds: float
    checks: list[CheckResult]
    row_counts: dict[str, int]
    period_start: date
    period_end: date
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """A few lines in Bahasa Indonesia for the command line."""
        marts = {k: v for k, v in self.row_counts.items() if k.startswith(("mart_", "dim_", "fct_"))}
        lines = [
            f"Build {self.build_id} selesai dalam {self.seconds:.1f} detik "
            f"(periode {self.period_start:%d-%m-%Y} s.d. {self.period_end:%d-%m-%Y}).",
            f"Diterbitkan: {self.published}",
            f"Pemeriksaan mutu: {sum(c.passed for c in self.checks)}/{len(self.checks)} lulus.",
            "Baris per tabel: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in sorted(marts.items())),
        ]
        return "\n".join(lines)


def models() -> list[tuple[str, Path]]:
    """(table name, SQL file) for every model, in dependency order (warehouse.spec)."""
    try:
        return [(m.name, m.sql_path) for m in spec.models()]
    except spec.SpecError as exc:
        raise BuildError(f"Model tidak dapat disusun: {exc}") from None


def checks() -> list[tuple[str, Path]]:
    return [(p.stem, p) for p in sorted(CHECKS_DIR.glob("assert_*.sql"))]


def period(con: duckdb.DuckDBPyConnection, cfg: Config, today: date) -> tuple[date, date]:
    lo, hi = con.execute(
        """
        select min(lo), max(hi) from (
            select min(punched_at)::date as lo, max(punched_at)::date as hi from raw_absensi_log
            union all
            select min(work_date), max(work_date) from raw_absensi_harian
        )
        """
    ).fetchone()
    if lo is None:
        lo, hi = con.execute("select min(activity_date), max(activity_date) from raw_aktivitas").fetchone()
    if lo is None:
        lo, hi = today.replace(day=1), today
    start = cfg.period_start or lo
    end = cfg.period_end or min(hi, today)
    end = max(end, start)
    return start, end


def write_config(con: duckdb.DuckDBPyConnection, cfg: Config, start: date, end: date) -> None:
    params = {"period_start": start, "period_end": end, **build_params(cfg)}
    cols = ", ".join(f"${k} as {k}" for k in params)
    con.execute(f"create or replace table cfg as select {cols}", params)
    con.execute("create or replace table cfg_params (name varchar, value varchar)")
    con.executemany("insert into cfg_params values (?, ?)", [(k, str(v)) for k, v in params.items()])

    con.execute("create or replace table cfg_weights (component varchar, label varchar, weight double)")
    con.executemany(
        "insert into cfg_weights values (?, ?, ?)",
        [(name, label, cfg.weights[name]) for _key, name, label in COMPONENTS],
    )
    con.execute(
        "create or replace table cfg_sanction_ladder (sanction_rank integer, min_days integer, "
        "max_days integer, label varchar, category varchar)"
    )
    con.executemany(
        "insert into cfg_sanction_ladder values (?, ?, ?, ?, ?)",
        [(s.rank, s.min_days, s.max_days, s.label, s.category) for s in cfg.ladder],
    )
    con.execute(
        "create or replace table cfg_predikat_points (predikat varchar, predikat_order integer, "
        "label varchar, points double)"
    )
    con.executemany(
        "insert into cfg_predikat_points values (?, ?, ?, ?)",
        [(p, i + 1, p.title(), cfg.predikat_points[p]) for i, p in enumerate(PREDIKAT)],
    )
    con.execute(
        "create or replace table cfg_curve_rules (rule_id integer, organisational_predikat varchar, "
        "predikat varchar[], kind varchar, value double)"
    )
    con.executemany(
        "insert into cfg_curve_rules values (?, ?, ?, ?, ?)",
        [(i + 1, r.organisational_predikat, list(r.predikat), r.kind, r.value) for i, r in enumerate(cfg.curve)],
    )
    con.execute(
        "create or replace table cfg_org_predikat (opd_code varchar, year integer, organisational_predikat varchar, "
        "basis varchar)"
    )
    if cfg.org_predikat:  # none configured: every OPD takes kinerja.predikat_organisasi
        con.executemany(
            "insert into cfg_org_predikat values (?, ?, ?, ?)",
            [(o.opd_code, o.year, o.predikat, o.basis) for o in cfg.org_predikat],
        )
    con.execute("create or replace table cfg_status_codes (status_code varchar, status_class varchar)")
    con.executemany(
        "insert into cfg_status_codes values (?, ?)",
        [(c, "present") for c in cfg.present_codes]
        + [(c, "excused") for c in cfg.excused_codes]
        + [(c, "absent") for c in cfg.absent_codes],
    )
    con.execute(
        "create or replace table cfg_core_values (core_value varchar, label varchar, value_order integer)"
    )
    con.executemany(
        "insert into cfg_core_values values (?, ?, ?)",
        [(code, label, i + 1) for i, (code, label) in enumerate(CORE_VALUES)],
    )
    con.execute(
        "create or replace table cfg_behaviours (behaviour varchar, behaviour_order integer, core_value varchar, "
        "item_in_value integer, label varchar)"
    )
    con.executemany(
        "insert into cfg_behaviours values (?, ?, ?, ?, ?)",
        [(code, i + 1, value, k, text) for i, (code, value, k, text) in enumerate(behaviour_items())],
    )
    from warehouse.tpp import rule_frames

    for name, frame in rule_frames(cfg.tpp).items():  # [tpp]: empty tables when the region has none
        con.register("_tpp_frame", frame.to_arrow())
        con.execute(f"create or replace table {name} as select * from _tpp_frame")
        con.unregister("_tpp_frame")
    con.execute("create or replace table cfg_behaviour_roles (assessor_role varchar)")
    con.executemany("insert into cfg_behaviour_roles values (?)", [(r,) for r in cfg.behaviour_roles])


def write_calendar(con: duckdb.DuckDBPyConnection, cfg: Config, start: date, end: date) -> None:
    con.execute(
        """
        create or replace table dim_calendar (
            date date primary key, year integer, month date, iso_dow integer,
            is_weekend boolean, is_holiday boolean, is_cuti_bersama boolean,
            holiday_name varchar, is_workday boolean, is_ramadan boolean,
            start_time time, end_time time, workday_minutes integer
        )
        """
    )
    rows = calendar_rows(start, end, cfg)
    if rows:
        frame = pl.DataFrame(rows, schema=list(CALENDAR_COLUMNS), orient="row")  # noqa: F841 (scanned below)
        con.execute("insert into dim_calendar select * from frame")


def _apply_resources(con: duckdb.DuckDBPyConnection, cfg: Config, warehouse: Path) -> None:
    """The [duckdb] settings of the config: memory cap, threads, spill folder."""
    res = cfg.resources
    temp = res.temp_dir_for(warehouse)
    con.execute(f"set temp_directory = '{sql_str(temp)}'")
    if res.max_temp_directory_size:
        con.execute(f"set max_temp_directory_size = '{res.max_temp_directory_size}'")
    con.execute(f"set memory_limit = '{res.memory_limit}'")
    if res.threads:
        con.execute(f"set threads = {int(res.threads)}")
    con.execute(f"set preserve_insertion_order = {'true' if res.preserve_insertion_order else 'false'}")


def register_macros(con: duckdb.DuckDBPyConnection) -> None:
    # Indonesian number format: 1.234,5 (d decimals).
    con.execute(
        "create or replace temp macro fmt_id(x, d) as "
        "translate(format('{:,.' || d || 'f}', x), ',.', '.,')"
    )
    # Percent in Indonesian format from a 0-1 fraction: 12,5 %
    con.execute("create or replace temp macro pct_id(x) as fmt_id(100 * x, 1) || ' %'")
    # Seconds since midnight of a TIME.
    con.execute("create or replace temp macro secs(t) as epoch(t)")
    # One BIGINT for (employee, date): int_employee_spans.emp_key + days since 1970.
    con.execute("create or replace temp macro day_key(k, d) as k + date_diff('day', date '1970-01-01', d)")
    # A day of the month as one bit of a BIGINT (day 1 = bit 0): bit_or gives a month's days.
    con.execute("create or replace temp macro day_bit(d) as 1::bigint << (day(d) - 1)")
    con.execute(
        "create or replace temp macro month_label_id(m) as "
        "(['Jan','Feb','Mar','Apr','Mei','Jun','Jul','Agu','Sep','Okt','Nov','Des'])[month(m)] "
        "|| ' ' || year(m)"
    )


def check_portable() -> None:
    """Refuse a model that uses a construct known not to run the same on Spark (warehouse.portable)."""
    from warehouse.portable import problems

    found = problems([path for _name, path in models()])
    if found:
        raise BuildError("Model memakai SQL yang tidak portabel ke Spark:\n- " + "\n- ".join(found))


def is_chunked(sql: str) -> bool:
    """A model written for month-by-month runs (it filters its inputs on the chunk's dates)."""
    return "getvariable('chunk_start')" in sql


# A month-by-month model's piece holds about this many employee-months (10x: one month per
# piece, 1x: ten; a piece costs ~50 ms of its own, so a small region runs in few pieces).
CHUNK_EMPLOYEE_MONTHS = 60_000


def month_chunks(start: date, end: date, months: int = 1) -> list[tuple[date, date]]:
    """[start, end] cut at every `months`-th month end: (first day, last day) of each piece."""
    chunks, first = [], start
    while first <= end:
        months_on = first.month - 1 + months
        after = date(first.year + months_on // 12, months_on % 12 + 1, 1)
        last = min(end, after - timedelta(days=1))
        chunks.append((first, last))
        first = last + timedelta(days=1)
    return chunks


def _months_per_chunk(con: duckdb.DuckDBPyConnection) -> int:
    (employees,) = con.execute("select count(*) from raw_pegawai").fetchone()
    return max(1, CHUNK_EMPLOYEE_MONTHS // max(1, employees))


def set_chunk(con: duckdb.DuckDBPyConnection, first: date, last: date) -> None:
    con.execute(f"set variable chunk_start = date '{first.isoformat()}'")
    con.execute(f"set variable chunk_end = date '{last.isoformat()}'")


def _appending(sql: str, name: str) -> str:
    """`create or replace table <name> as <query>` as `insert into <name> <query>`."""
    return re.sub(rf"create\s+or\s+replace\s+table\s+{name}\s+as\s", f"insert into {name} ", sql, count=1,
                  flags=re.IGNORECASE)


def run_models(con: duckdb.DuckDBPyConnection, timings: dict[str, float] | None = None) -> None:
    """Every model, in dependency order, on this connection (its inputs already there)."""
    timings = {} if timings is None else timings
    check_portable()
    start, end = con.execute("select period_start, period_end from cfg").fetchone()
    months = _months_per_chunk(con)
    for name, path in models():
        sql = path.read_text(encoding="utf-8")
        t0 = _time.perf_counter()
        chunks = month_chunks(start, end, months) if is_chunked(sql) else []
        try:
            if not chunks:
                con.execute(sql)
            for i, (first, last) in enumerate(chunks):
                set_chunk(con, first, last)
                con.execute(sql if i == 0 else _appending(sql, name))
        except duckdb.Error as exc:
            raise BuildError(f"Model {path.name} gagal dijalankan: {exc}") from exc
        timings[name] = _time.perf_counter() - t0


def check_contract(con: duckdb.DuckDBPyConnection) -> None:
    """Every published model has exactly its spec's columns, in order, with its types."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = current_database() and table_schema = 'main' order by table_name, ordinal_position"
    ).fetchall()
    actual: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        actual.setdefault(table, []).append((column, dtype))
    found = [p for m in spec.published().values() for p in spec.contract_problems(m, actual.get(m.name, []))]
    if found:
        raise BuildError("Build dibatalkan: kolom tabel terbit tidak sesuai spesifikasinya, tidak ada yang "
                         "diterbitkan.\n- " + "\n- ".join(found))


def all_checks() -> list[tuple[str, str]]:
    """(name, SQL): the spec tests of every model, then warehouse/checks/assert_*.sql."""
    derived = [c for m in spec.models() for c in spec.check_sql(m)]
    return derived + [(name, path.read_text(encoding="utf-8")) for name, path in checks()]


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    results = []
    for name, sql in all_checks():
        try:
            rel = con.sql(sql)
            rows = rel.fetchall()
        except duckdb.Error as exc:
            raise BuildError(f"Pemeriksaan {name} gagal dijalankan: {exc}") from exc
        results.append(CheckResult(name, len(rows), rows[:5]))
    return results


def _failure_message(failed: list[CheckResult]) -> str:
    parts = [f"Build dibatalkan: {len(failed)} pemeriksaan mutu data gagal, tidak ada yang diterbitkan."]
    for c in failed:
        parts.append(f"- {c.name}: {c.violations} baris melanggar; contoh: {c.sample[:3]}")
    return "\n".join(parts)


def write_sources_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        create or replace table build_sources as
        with data_dates as (
            select 'opd' as source, count(*) as rows, null::date as min_d, null::date as max_d from raw_opd
            union all select 'pegawai', count(*), min(tmt_date), max(tmt_date) from raw_pegawai
            union all select 'absensi_log', count(*), min(punched_at)::date, max(punched_at)::date from raw_absensi_log
            union all select 'absensi_harian', count(*), min(work_date), max(work_date) from raw_absensi_harian
            union all select 'kinerja', count(*), min(make_date(year, 1, 1)), max(make_date(year, 12, 31)) from raw_kinerja
            union all select 'aktivitas', count(*), min(activity_date), max(activity_date) from raw_aktivitas
            union all select 'pelatihan', count(*), min(end_date), max(end_date) from raw_pelatihan
            union all select 'berakhlak', count(*), null, null from raw_berakhlak
            union all select 'tpp_dasar', count(*), min(valid_from), max(valid_from) from raw_tpp_dasar
            union all select 'hukuman_disiplin', count(*), min(tmt), max(tmt) from raw_hukuman_disiplin
        ),
        loads as (
            select source, max(finished_at) as last_loaded_at
            from ingest_batches where status = 'loaded' group by source
        )
        select d.source, d.rows::bigint as rows, l.last_loaded_at,
               d.min_d as min_data_date, d.max_d as max_data_date
        from data_dates d left join loads l using (source)
        order by d.source
        """
    )


def published_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables a build publishes: published models (spec), cfg_*, PUBLISHED_EXTRA."""
    names = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and not temporary order by table_name"
    ).fetchall()]
    wanted = set(spec.published()) | set(PUBLISHED_EXTRA)
    return [n for n in names if n in wanted or n.startswith("cfg_")]


def publish(con: duckdb.DuckDBPyConnection, pub_dir: Path, build_id: str) -> Path:
    pub_dir.mkdir(parents=True, exist_ok=True)
    target = pub_dir / f"{build_id}.duckdb"
    tmp = pub_dir / f".{build_id}.duckdb.tmp"
    pointer_tmp = pub_dir / f".CURRENT.{build_id}.tmp"
    # Leftovers of an interrupted publish (only one build runs at a time: it holds the
    # ingest file's write lock).
    for stale in list(pub_dir.glob(".*.duckdb.tmp*")) + list(pub_dir.glob(".CURRENT.*.tmp")):
        stale.unlink(missing_ok=True)
    needed = _publish_size(con, pub_dir)
    if shutil.disk_usage(pub_dir).free < needed:
        raise DiskFull(pub_dir, needed, "Build baru tidak diterbitkan; build sebelumnya tetap tampil.")
    try:
        con.execute(f"attach '{sql_str(tmp)}' as pub")
        # The copies keep each table's row order (marts are written ordered by month/OPD so
        # that the pages' filters skip row groups), whatever preserve_insertion_order says.
        order = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
        con.execute("set preserve_insertion_order = true")
        try:
            for name in published_tables(con):
                con.execute(f'create table pub."{name}" as select * from main."{name}"')
        finally:
            con.execute("detach pub")
            con.execute(f"set preserve_insertion_order = {'true' if order else 'false'}")
        os.replace(tmp, target)
        pointer_tmp.write_text(target.name + "\n", encoding="utf-8")
        os.replace(pointer_tmp, pub_dir / "CURRENT")
    except BaseException as error:
        for left in (tmp, Path(str(tmp) + ".wal"), pointer_tmp):  # nothing left behind on the (full) disk
            left.unlink(missing_ok=True)
        if is_disk_full(error):
            raise DiskFull(pub_dir, needed, "Build baru tidak diterbitkan; build sebelumnya tetap tampil.") from None
        raise
    _prune(pub_dir, keep=target.name)
    return target


def _publish_size(con: duckdb.DuckDBPyConnection, pub_dir: Path) -> int:
    """Bytes the copy will take: the last published build's size (the same tables), else
    the used blocks of the ingest file (which holds them, and the raw tables besides)."""
    from warehouse.paths import current_build_file

    try:
        previous = current_build_file(pub_dir.parent / pub_dir.name.removesuffix("_published"))
        if previous is not None:
            return int(previous.stat().st_size * 1.2)
    except OSError:
        pass
    (used,) = con.execute("select sum(used_blocks * block_size) from pragma_database_size() "
                          "where database_name = current_database()").fetchone()
    return int(used or 0)


def _prune(pub_dir: Path, keep: str) -> None:
    builds = sorted(pub_dir.glob("*.duckdb"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    kept = [p for p in builds if p.name == keep] + [p for p in builds if p.name != keep]
    for old in kept[KEEP_BUILDS:]:
        old.unlink(missing_ok=True)
        Path(str(old) + ".wal").unlink(missing_ok=True)


def _rollback_if_active(con: duckdb.DuckDBPyConnection) -> None:
    """A commit that could not write (disk full) has already ended the transaction."""
    try:
        con.execute("rollback")
    except duckdb.TransactionException:
        pass


def sql_str(p: Path) -> str:
    return str(p).replace("'", "''")


def new_build_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def build(
    warehouse: Path | str | None = None,
    *,
    today: date | None = None,
    config: Config | Path | str | None = None,
    wait: float | None = None,
) -> BuildResult:
    t_start = _time.perf_counter()
    path = warehouse_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    cfg = config if isinstance(config, Config) else load_config(config)
    today = today or date.today()
    timings: dict[str, float] = {}

    con = open_for_writing(path, "build", wait)  # busy: WarehouseBusy naming the holder
    try:
        result = _build(con, path, cfg, today, timings, t_start)
    except BaseException as error:
        try:
            release(con, path)
        except Exception:  # the first error is the one to report
            pass
        if is_disk_full(error) or is_disk_full(error.__cause__ or error):
            raise DiskFull(path.parent, _build_size(path),
                           "Build dibatalkan; build terbit sebelumnya tetap tampil.") from None
        raise
    release(con, path)
    return result


def _build_size(warehouse: Path) -> int:
    """The marts take about what the last published build takes (else the ingest file's size)."""
    from warehouse.paths import current_build_file

    previous = current_build_file(warehouse)
    try:
        return (previous or warehouse).stat().st_size
    except OSError:
        return 0


def _build(con: duckdb.DuckDBPyConnection, path: Path, cfg: Config, today: date, timings: dict[str, float],
           t_start: float) -> BuildResult:
    t0 = _time.perf_counter()
    _apply_resources(con, cfg, path)
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    start, end = period(con, cfg, today)
    now = datetime.now(UTC)
    build_id = new_build_id(now)
    register_macros(con)
    timings["prepare"] = _time.perf_counter() - t0
    con.execute("begin transaction")
    try:
        t0 = _time.perf_counter()
        write_config(con, cfg, start, end)
        write_calendar(con, cfg, start, end)
        timings["calendar"] = _time.perf_counter() - t0
        run_models(con, timings)
        t0 = _time.perf_counter()
        check_contract(con)
        results = run_checks(con)
        timings["checks"] = _time.perf_counter() - t0
        failed = [c for c in results if not c.passed]
        if failed:
            raise BuildError(_failure_message(failed))
        con.execute(
            """
            create or replace table build_info as select
                $build_id as build_id, $built_at::timestamptz as built_at,
                $period_start::date as period_start, $period_end::date as period_end,
                $config_path as config_path, $config_json as config_json,
                $weights_json as weights_json
            """,
            {
                "build_id": build_id, "built_at": now, "period_start": start,
                "period_end": end, "config_path": str(cfg.path),
                "config_json": cfg.to_json(), "weights_json": cfg.weights_json(),
            },
        )
        t0 = _time.perf_counter()
        write_sources_table(con)
        con.execute("commit")
        timings["commit"] = _time.perf_counter() - t0
    except BaseException:
        _rollback_if_active(con)
        raise
    t0 = _time.perf_counter()
    row_counts = {
        name: con.execute(f'select count(*) from "{name}"').fetchone()[0]
        for name in published_tables(con)
    }
    timings["row_counts"] = _time.perf_counter() - t0
    t0 = _time.perf_counter()
    target = publish(con, published_dir(path), build_id)
    timings["publish"] = _time.perf_counter() - t0
    return BuildResult(
        build_id=build_id,
        published=target,
        seconds=_time.perf_counter() - t_start,
        checks=results,
        row_counts=row_counts,
        period_start=start,
        period_end=end,
        timings=timings,
    )
