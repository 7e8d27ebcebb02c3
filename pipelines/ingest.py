"""Load export files into the ingest file, one transaction per file.

For every file: rows_in = rows_loaded + rows_quarantined + rows_duplicate, recorded in
`ingest_batches`. Bad rows go to `quarantine` with a reason; a file already loaded
(same sha256) is skipped; a corrected file replaces earlier rows by natural key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import queue
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import fastexcel
import polars as pl
import pyarrow  # noqa: F401  (frames reach DuckDB as Arrow: loaded with the module, not inside the first file)

from pipelines import LARGE_LOAD_BYTES, layouts, load_bytes, mappings, readers, reasons
from pipelines.readers import (
    FileRejected,
    RawFile,
    UnknownLayout,
    html_sheet,
    is_biff,
    is_html,
    layout_file,
    raw_rows,
    read_file,
    read_grid,
)
from pipelines.sources import SOURCES, Source, detect_source
from pipelines.validate import DERIVED_COLUMNS, check, device_from_name
from pipelines.xlsx import check_safe
from warehouse.lock import DiskFull, WarehouseError, is_disk_full, open_for_writing, release
from warehouse.paths import warehouse_path

SCHEMA_SQL = Path(__file__).resolve().parent.parent / "warehouse" / "schema.sql"
LOADABLE_SUFFIXES = {".csv", ".txt", ".dat", ".xlsx", ".xlsm", ".xls", ".json"}


@dataclass
class BatchResult:
    batch_id: str
    source: str | None
    file_name: str
    sha256: str
    status: str                          # loaded | skipped | rejected
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    rows_replaced: int = 0
    message: str = ""
    layout: str | None = None            # which layout read the file (kontrak = the contract's own)
    needs_mapping: bool = False          # rejected: no layout or saved mapping knows its header
    seconds: float = 0.0
    quarantined: pl.DataFrame = field(default_factory=pl.DataFrame)  # row_number, reason_code, reason, raw

    @property
    def top_reasons(self) -> list[tuple[str, int, str]]:
        """[(reason_code, count, an example reason)], most frequent first."""
        if self.quarantined.is_empty():
            return []
        grouped = (
            self.quarantined.group_by("reason_code")
            .agg(pl.len().alias("n"), pl.col("reason").first())
            .sort(["n", "reason_code"], descending=[True, False])
        )
        return [(r["reason_code"], r["n"], r["reason"]) for r in grouped.iter_rows(named=True)]


def connect(warehouse: Path | str | None = None, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    path = warehouse_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_for_writing(path, "ingest", wait)  # busy: WarehouseBusy naming the holder
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    # No checkpoint per file: ingest_files checkpoints when the rows held in memory pass
    # CHECKPOINT_MB (the WAL keeps every committed file durable meanwhile).
    con.execute("set checkpoint_threshold = '4GB'")
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    con.execute("set allocator_flush_threshold = '16MB'")
    con.execute("set allocator_background_threads = true")
    return con


MEMORY_LIMIT = "512MB"  # 256MB fails a large commit (database invalidated)
CHECKPOINT_MB = 128


def _checkpoint_if_large(con: duckdb.DuckDBPyConnection, give_back: bool = False) -> None:
    """Committed rows not yet checkpointed stay in memory (a 10x folder: over 1 GB).
    Write them to the file once they pass CHECKPOINT_MB instead of at the very end.
    `give_back` (a load of more than LARGE_LOAD_BYTES): lower DuckDB's memory limit for a
    moment, so the buffers a file's insert left cached are given back before the next file
    is prepared (10x subset: peak 1,627 -> 1,494 MB; at 1x it only costs time)."""
    (held,) = con.execute("select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory() "
                          "where tag = 'IN_MEMORY_TABLE'").fetchone()
    if held > CHECKPOINT_MB * 2**20:
        con.execute("checkpoint")
    if not give_back:
        return
    try:
        con.execute("set memory_limit = '64MB'")
    except duckdb.Error:  # what cannot be given back stays
        pass
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders walked, skipping names that start with `_` or `.`."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            for child in sorted(item.rglob("*")):
                parts = child.relative_to(item).parts
                if child.is_file() and child.suffix.lower() in LOADABLE_SUFFIXES and not any(
                    p.startswith(("_", ".")) for p in parts
                ):
                    found.append(child)
        else:
            found.append(item)
    return found


LAST_RANK = max(s.load_rank for s in SOURCES.values())


def _reference_rank(path: Path, saved: list[mappings.Mapping] = ()) -> int:
    """The source's `load_rank` (opd, then pegawai, then everything else), whatever the file names."""
    try:
        if path.suffix.lower() in (".dat", ".json"):
            return LAST_RANK
        rows = _sniff_rows(path)
        found = layouts.detect(rows)
        source = SOURCES[found[0].source] if found else detect_source([c for r in rows for c in r if c])
        if source is None and (mapped := mappings.matching(rows, list(saved))):
            source = SOURCES[mapped.source]
    except Exception:  # an unreadable file is reported by ingest_file, in Bahasa
        return LAST_RANK
    return source.load_rank if source else LAST_RANK


def _sniff_rows(path: Path) -> list[list[str | None]]:
    """Cells of the first rows, enough to recognise the source or layout."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        if is_html(path):
            return html_sheet(path).rows[:layouts.HEADER_SCAN_ROWS]
        if not is_biff(path):
            check_safe(path)  # before any cell reader opens it: a bomb must not inflate here either
        sheet = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, n_rows=layouts.HEADER_SCAN_ROWS,
                                                          dtypes="string")
        return [list(row) for row in sheet.to_polars().rows()]
    with path.open("rb") as handle:
        head = handle.read(8192).decode("utf-8", errors="replace")
    lines = head.splitlines()[:layouts.HEADER_SCAN_ROWS]
    delimiter = max((";", ",", "\t", "|"), key=lambda d: sum(line.count(d) for line in lines))
    return layouts.read_delimited_rows("\n".join(lines), delimiter)


def ingest_files(
    paths: Iterable[Path | str],
    warehouse: Path | str | None = None,
    source: str | None = None,
    device: str | None = None,
    today: date | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
    wait: float | None = None,
    mapping: str | None = None,
) -> list[BatchResult]:
    """`mapping`: the name of a saved column mapping to read every file with (`--peta`); without
    it, a file no layout knows is read by the saved mapping its header matches, if any.

    Both cores: while one file's rows go into DuckDB (this thread), the following files are read
    and validated in two other threads (`_Ahead`), as long as none of the files before them
    changes what validation reads (raw_opd, raw_pegawai, raw_pin_mesin, raw_skp_bkn: REFERENCE_SOURCES)."""
    saved = mappings.saved(warehouse_path(warehouse).parent)
    forced = mappings.by_name(warehouse_path(warehouse).parent, mapping) if mapping else None  # ValueError: Bahasa
    ranked = [forced] if forced else saved
    rank = {p: _reference_rank(p, ranked) for p in expand_paths(paths)}
    files = sorted(rank, key=lambda p: (rank[p], str(p)))
    large = load_bytes(files) > LARGE_LOAD_BYTES
    con = connect(warehouse, wait)
    results = []
    known, machines = _Known(), _MachinesLoaded()
    options = dict(source=source, device=device, today=today, mapping=forced, saved=saved, known=known)
    ahead = _Ahead(con, options)
    try:
        for index, path in enumerate(files):
            begun = time.perf_counter()
            prepared = ahead.take(path) or _prepare(con, path, **options)
            if _may_prepare_ahead(prepared):
                ahead.fill(files[index + 1:], rank)
            results.append(_finish(con, prepared, begun, machines))
            del prepared  # its rows, before the next file is prepared (10x: a 2 M-row frame)
            if results[-1].status == "loaded" and results[-1].source in REFERENCE_SOURCES:
                ahead.discard()  # prepared against the references as they were
                known.clear()
            _checkpoint_if_large(con, large)
            if on_result:
                on_result(results[-1])
    except BaseException as error:
        ahead.close()
        try:
            release(con, warehouse_path(warehouse))
        except Exception:  # the first error is the one to report
            pass
        if is_disk_full(error):  # e.g. a checkpoint
            raise DiskFull(warehouse_path(warehouse).parent, _file_size(warehouse_path(warehouse))) from None
        raise
    ahead.close()
    release(con, warehouse_path(warehouse))
    return results


# Sources whose rows validation of other files reads (references, layouts' OPD and SKP lists):
# the next file is prepared ahead only while the current one is none of these.
REFERENCE_SOURCES = frozenset({"opd", "pegawai", "pin_mesin", "skp_bkn"})


def _may_prepare_ahead(current: _Prepared) -> bool:
    """Files after `current` may be prepared while it is loaded: it changes nothing validation reads."""
    if current.source is not None and current.source.name in REFERENCE_SOURCES and current.loads:
        return False
    return not (current.source is None and current.loads)


class _Known:
    """What validation reads from the warehouse (raw_opd, raw_pegawai, raw_pin_mesin, raw_skp_bkn,
    the load tables' columns), read once per load and kept until ingest_files loads a file of
    REFERENCE_SOURCES (`clear`, once no file is being prepared). Threads preparing at once may
    both read a query: the second result stored is the same as the first."""

    def __init__(self):
        self.memo: dict = {}

    def clear(self) -> None:
        self.memo.clear()

    def frame(self, con, sql: str) -> pl.DataFrame:
        if sql not in self.memo:
            self.memo[sql] = con.sql(sql).pl()
        return self.memo[sql]

    def rows(self, con, sql: str, params: tuple = ()) -> list[tuple]:
        if (sql, params) not in self.memo:
            self.memo[sql, params] = con.execute(sql, list(params)).fetchall()
        return list(self.memo[sql, params])

    def skps(self, con) -> dict[str, layouts.Skp]:
        if "skps" not in self.memo:
            self.memo["skps"] = _skps(con)
        return self.memo["skps"]


PREPARE_THREADS = 2  # files prepared at once while this thread writes: both cores stay busy


class _Ahead:
    """The files after the one being written, prepared in order in PREPARE_THREADS threads (each
    its own DuckDB cursor: reads only). Only files read whole (at most readers.STREAM_BYTES),
    together at most AHEAD_BYTES: a file read slice by slice is prepared alone, by the writing
    thread. None is started past a file that is likely a reference source (`rank`)."""

    AHEAD_BYTES = 2 * readers.STREAM_BYTES

    def __init__(self, con: duckdb.DuckDBPyConnection, options: dict):
        self.con, self.options = con, options
        self.pool: ThreadPoolExecutor | None = None
        self.cursors: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
        self.opened: list[duckdb.DuckDBPyConnection] = []
        self.pending: deque[tuple[Path, Future]] = deque()

    def fill(self, following: list[Path], rank: dict[Path, int]) -> None:
        queued = {path for path, _ in self.pending}
        held = sum(_file_size(path) for path in queued)
        for path in following[:PREPARE_THREADS]:
            if path not in queued:
                size = _file_size(path)
                if size > readers.STREAM_BYTES or held + size > self.AHEAD_BYTES:
                    return
                self._start(path)
                held += size
            if rank.get(path, LAST_RANK) < LAST_RANK:
                return

    def _start(self, path: Path) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(PREPARE_THREADS, thread_name_prefix="ingest-ahead")
            for _ in range(PREPARE_THREADS):
                self.opened.append(self.con.cursor())
                self.cursors.put(self.opened[-1])
        self.pending.append((path, self.pool.submit(self._prepare, path)))

    def _prepare(self, path: Path) -> _Prepared:
        cursor = self.cursors.get()
        try:
            return _prepare(cursor, path, **self.options)
        finally:
            self.cursors.put(cursor)

    def take(self, path: Path) -> _Prepared | None:
        if not self.pending or self.pending[0][0] != path:
            self.discard()
            return None
        _, future = self.pending.popleft()
        return future.result()  # a WarehouseError or an interrupt raised there is raised here

    def discard(self) -> None:
        """Wait for every file being prepared and forget them."""
        while self.pending:
            try:
                self.pending.popleft()[1].result()
            except BaseException:  # the error being reported is the first one
                pass

    def close(self) -> None:
        self.discard()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None
        for cursor in self.opened:
            cursor.close()
        self.opened.clear()


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _database_dir(con: duckdb.DuckDBPyConnection) -> Path:
    (path,) = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return Path(path).resolve().parent


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    source: str | None = None,
    device: str | None = None,
    today: date | None = None,
    mapping: mappings.Mapping | None = None,
    saved: list[mappings.Mapping] | None = None,
) -> BatchResult:
    begun = time.perf_counter()
    return _finish(con, _prepare(con, path, source, device, today, mapping, saved), begun)


@dataclass
class _Prepared:
    """A file read, validated and split into the rows to load and to quarantine (no write yet)."""

    path: Path
    started: datetime
    sha: str = ""
    source: Source | None = None
    rejection: str | None = None           # the file is rejected with this message
    needs_mapping: bool = False
    raw: RawFile | None = None
    typed: pl.DataFrame | None = None      # the load's columns, _row and _load (True: load it)
    keys: pl.DataFrame | None = None       # keep_loaded: the natural key of the rows to load
    quarantine: pl.DataFrame | None = None  # row_number, reason_code, reason, raw (batch columns added later)
    counts: dict = field(default_factory=dict)
    error: BaseException | None = None     # a WarehouseError: raised when the file's turn comes

    @property
    def loads(self) -> bool:
        return self.rejection is None and self.error is None and self.typed is not None


def _prepare(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    source: str | None = None,
    device: str | None = None,
    today: date | None = None,
    mapping: mappings.Mapping | None = None,
    saved: list[mappings.Mapping] | None = None,
    known: _Known | None = None,
) -> _Prepared:
    """Everything up to the write, reading the warehouse only (`con` may be a second thread's cursor)."""
    prepared = _Prepared(path, datetime.now(UTC))
    known = known or _Known()
    today = today or date.today()
    try:
        content = _text_read_whole(path)
        if content is None:
            with path.open("rb") as handle:
                prepared.sha = hashlib.file_digest(handle, "sha256").hexdigest()
        else:
            prepared.sha = hashlib.sha256(content).hexdigest()
    except OSError as error:
        prepared.rejection = f"Berkas {path.name} tidak dapat dibuka: {error}"
        return prepared
    if _earlier(con, prepared.sha):  # skipped: said when its turn comes
        return prepared
    chosen = SOURCES.get(source) if source else None
    if source and chosen is None:
        prepared.rejection = f"Sumber '{source}' tidak dikenal. Pilihan: " + ", ".join(SOURCES)
        return prepared
    try:
        raw = _read(con, path, chosen, mapping, saved or [], known, content)
        del content
        if raw.source and (chosen is None or raw.layout.startswith("peta:")):
            chosen = SOURCES[raw.source]
        chosen = chosen or detect_source(raw.headers)
        if chosen is None:
            raise FileRejected(f"Sumber berkas {path.name} tidak dapat dikenali dari judul kolomnya "
                               f"({', '.join(raw.headers[:12])}). Gunakan --source.")
        prepared.source = chosen
        device_id = device or (device_from_name(path) if raw.kind == "attlog" else None)
        checked = _check_in_chunks(raw, chosen, today, device_id or device_from_name(path), _suspect(con, chosen, known))
        _split(con, prepared, chosen, raw, checked, known)
    except WarehouseError as error:  # disk full: stop the whole ingest, nothing of this file is kept
        prepared.error = error
    except FileRejected as error:
        prepared.source = chosen
        prepared.rejection = str(error)
        prepared.needs_mapping = isinstance(error, NeedsMapping)
    except (Exception, pl.exceptions.PanicException) as error:  # a bug must not stop the other files
        prepared.source = chosen
        prepared.rejection = f"Berkas {path.name} gagal dimuat karena kesalahan internal: {error!r}"
    return prepared


def _text_read_whole(path: Path) -> bytes | None:
    """The bytes of a CSV or attlog that the reader takes whole (hashed from memory, read once)."""
    if path.suffix.lower() in (".csv", ".txt", ".dat") and _file_size(path) <= readers.STREAM_BYTES:
        return path.read_bytes()
    return None


def _earlier(con, sha: str) -> tuple[str, str] | None:
    return con.execute(
        "select batch_id, source from ingest_batches where sha256 = ? and status = 'loaded' "
        "order by started_at limit 1",
        [sha],
    ).fetchone()


def _finish(con: duckdb.DuckDBPyConnection, prepared: _Prepared, begun: float,
            machines: _MachinesLoaded | None = None) -> BatchResult:
    """Write a prepared file: skipped, rejected or loaded (one transaction). `seconds`: from when
    this file's turn came (`begun`) to its commit, so the files' seconds add up to the load's."""
    path, sha, started = prepared.path, prepared.sha, prepared.started
    if prepared.error is not None:
        raise prepared.error
    batch_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    if sha and (earlier := _earlier(con, sha)):
        result = BatchResult(batch_id, earlier[1], path.name, sha, "skipped",
                             message=f"Isi berkas sama persis dengan batch {earlier[0]}; tidak ada yang diubah.")
        _insert_batch(con, result, started)
        return result
    if prepared.rejection is None and prepared.typed is None:  # skipped when prepared: a batch stays
        raise AssertionError(f"{path.name}: prepared as skipped, but no loaded batch has its sha256")
    if prepared.rejection is not None:
        result = _record_rejected(con, path, sha, prepared.source, prepared.rejection, started)
        result.needs_mapping = prepared.needs_mapping
        return result
    try:
        result = _load(con, path, sha, batch_id, prepared, started, begun, machines or _MachinesLoaded())
    except WarehouseError:
        raise
    except FileRejected as error:
        return _record_rejected(con, path, sha, prepared.source, str(error), started)
    except (Exception, pl.exceptions.PanicException) as error:  # a bug must not stop the other files
        return _record_rejected(con, path, sha, prepared.source,
                                f"Berkas {path.name} gagal dimuat karena kesalahan internal: {error!r}", started)
    return result


class NeedsMapping(FileRejected):
    """The file's layout is unknown: a column mapping (Kelola Data or --peta) can read it."""


def _read(con, path: Path, chosen: Source | None, mapping: mappings.Mapping | None,
          saved: list[mappings.Mapping], known: _Known, content: bytes | None = None) -> RawFile:
    """The file through its built-in layout or the contract's; else through the given or a
    matching saved mapping; else a mapping template is written and the file is rejected."""
    if mapping is None:
        try:
            return read_file(path, chosen, known.rows(con, "select opd_code, opd_name, opd_short from raw_opd"),
                             lambda: known.skps(con), content)
        except UnknownLayout:
            sheet = read_grid(path)
            mapping = mappings.matching(sheet.rows, saved)
            if mapping is None:
                _, message = mappings.template(_database_dir(con), path.name, sheet.rows)
                raise NeedsMapping(message) from None
    else:
        sheet = read_grid(path)
    try:
        rows = mappings.apply(sheet, mapping)
    except ValueError as error:
        raise FileRejected(str(error)) from error
    return layout_file(mapping.label, mapping.source, rows, "peta")


def _skps(con) -> dict[str, layouts.Skp]:
    """The loaded e-Kinerja SKP list, by SKP id (the penilaian layout judges its rows by it)."""
    rows = con.execute("select skp_id, nip, skp_status, is_plt_plh, period_end from raw_skp_bkn").fetchall()
    return {skp_id: layouts.Skp(nip, status, plt, end) for skp_id, nip, status, plt, end in rows}


CHUNK_ROWS = 100_000  # rows validated at a time: smaller slices, lower peak, same speed


def _check_in_chunks(raw: RawFile, source: Source, today: date, device: str, suspect: pl.Expr) -> pl.DataFrame:
    """Validate a large file slice by slice, keeping only typed columns, so memory stays
    near the size of the file's text. The cells as written stay in `raw.frame`; a CSV
    read slice by slice keeps only those of rows that may be quarantined (`suspect`).
    Two slices of a file read slice by slice (prepared alone) are checked at a time
    (CHECK_THREADS), in order; a file read whole is prepared beside others, one slice at a time."""
    keep = [f.column for f in source.fields] + ["_row", "_code", "_reason", "_pre_dup"]

    def checked_piece(piece: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame | None]:
        checked = check(dataclasses.replace(raw, frame=piece), source, today, device=device)
        part = checked.select([c for c in checked.columns if c in keep or c in DERIVED_COLUMNS])
        if raw.batches is None:
            return part, None
        rows = checked.filter(pl.col("_code").is_not_null() | suspect.fill_null(True)).select("_row")
        return part, _compacted(piece.join(rows, on="_row", how="semi"))

    parts, kept = [], []

    def collect(future: Future) -> None:
        part, rows = future.result()
        parts.append(part)
        if rows is not None:
            kept.append(rows)

    if raw.batches is None:  # read whole: prepared beside other files, one slice at a time
        parts.extend(checked_piece(piece)[0] for piece in raw.pieces(CHUNK_ROWS))
    else:
        with ThreadPoolExecutor(CHECK_THREADS, thread_name_prefix="ingest-check") as pool:
            pending: deque[Future] = deque()
            for piece in raw.pieces(CHUNK_ROWS):
                pending.append(pool.submit(checked_piece, piece))
                if len(pending) == CHECK_THREADS:
                    collect(pending.popleft())
            while pending:
                collect(pending.popleft())
    if raw.batches is not None:
        raw.frame = pl.concat(kept).rechunk()
    return _concat_column_by_column(parts)


CHECK_THREADS = 2  # slices checked at once: both cores while the other thread waits on DuckDB


def _compacted(frame: pl.DataFrame) -> pl.DataFrame:
    """A copy whose text owns only its own bytes: a few rows taken from a slice would otherwise
    keep every cell of the slice alive (polars' string views share the slice's buffers)."""
    return pl.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.oldest()))


def _concat_column_by_column(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """One contiguous frame from the slices, freeing each column's slices once it is
    copied: the peak is one column more than the frame, not twice the frame. `parts`
    is emptied (the caller's list must not keep the slices alive)."""
    if len(parts) == 1:
        return parts.pop()
    columns = []
    for name in parts[0].columns:
        columns.append(pl.concat([part.get_column(name) for part in parts]).rechunk())
        parts[:] = [part.drop(name) for part in parts]
    parts.clear()
    return pl.DataFrame(columns)


def _suspect(con, source: Source, known: _Known) -> pl.Expr:
    """Rows the reference rules may quarantine (an unknown NIP / KODE_OPD); True = maybe."""
    if source.reference is None:
        return pl.lit(False)
    if source.reference == "pin":  # PINs are resolved later: keep all
        return pl.lit(True)
    known_opd, people = _references(con, known)
    if source.reference == "opd_code":
        return ~pl.col("opd_code").is_in(known_opd["opd_code"].implode())
    return ~pl.col("nip").is_in(people["nip"].implode())


def _as_written(raw: RawFile, rows: pl.Series) -> pl.DataFrame:
    """`_row`, `_as_written` of the given rows; re-reads a sliced CSV for rows not kept
    (a conflicting duplicate is only known once the whole file was seen)."""
    wanted = rows.implode()
    found = raw.frame.filter(pl.col("_row").is_in(wanted))
    if raw.batches is not None and found.height < rows.len():
        missing = rows.filter(~rows.is_in(found["_row"].implode())).implode()
        found = pl.concat([found, *(p.filter(pl.col("_row").is_in(missing)) for p in raw.pieces(CHUNK_ROWS))])
    return found.select("_row", _as_written=raw_rows(found, raw.headers))


def _record_rejected(con, path: Path, sha: str, source: Source | None, message: str, started) -> BatchResult:
    result = BatchResult(f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}", source.name if source else None,
                         path.name, sha, "rejected", message=message)
    _insert_batch(con, result, started)
    return result


def _insert_batch(con, result: BatchResult, started: datetime) -> None:
    con.execute(
        "insert into ingest_batches (batch_id, source, file_name, sha256, rows_in, rows_loaded, rows_quarantined, "
        "rows_duplicate, rows_replaced, status, message, started_at, finished_at, layout) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [result.batch_id, result.source or "tidak_dikenal", result.file_name, result.sha256, result.rows_in,
         result.rows_loaded, result.rows_quarantined, result.rows_duplicate, result.rows_replaced,
         result.status, result.message or None, started, datetime.now(UTC), result.layout],
    )


def _references(con, known: _Known) -> tuple[pl.DataFrame, pl.DataFrame]:
    known_opd = known.frame(con, "select opd_code from raw_opd")
    people = known.frame(con, "select nip, pin_absen from raw_pegawai")
    return known_opd, people


def _reference_rules(con, source: Source, frame: pl.DataFrame, known: _Known) -> pl.DataFrame:
    """Resolve PINs and mark rows that name an unknown NIP, PIN or KODE_OPD (`source.reference`)."""
    known_opd, people = _references(con, known)
    frame = frame.rechunk()  # polars 2.1 panics on multi-chunk string views inside when/then
    if source.reference is None:
        return frame
    if source.reference == "opd_code":
        bad = pl.col("_code").is_null() & ~pl.col("opd_code").is_in(known_opd["opd_code"].implode())
        return _mark(frame, reasons.UNKNOWN_OPD.rule(bad, opd=pl.col("opd_code")))
    if source.reference == "pin":
        by_pin = people.filter(pl.col("pin_absen").is_not_null()).select(
            pl.col("pin_absen").alias("_key"), pl.col("nip").alias("_nip_by_pin")).unique("_key", keep="first")
        frame = frame.join(by_pin, left_on="pin", right_on="_key", how="left", maintain_order="left").rechunk()
        frame = _join_enrolment(con, frame, known)
        nips = people["nip"].implode()
        frame = frame.with_columns(
            nip=pl.coalesce(
                pl.when(pl.col("nip").is_in(nips)).then(pl.col("nip")),
                pl.col("_nip_by_pin"),
                pl.when(pl.col("pin").is_in(nips)).then(pl.col("pin")),
                pl.when(pl.col("_nip_enrolled").is_in(nips)).then(pl.col("_nip_enrolled")),
            ),
            pin=pl.coalesce("pin", "nip"),
        ).drop("_nip_by_pin", "_nip_enrolled")
        bad = pl.col("_code").is_null() & pl.col("nip").is_null()
        return _mark(frame, reasons.UNKNOWN_PIN.rule(bad, pin=pl.col("pin").fill_null("(kosong)"),
                                                     device=pl.col("device_id")))
    bad = pl.col("_code").is_null() & ~pl.col("nip").is_in(people["nip"].implode())
    return _mark(frame, reasons.UNKNOWN_NIP.rule(bad, nip=pl.col("nip")))


def _join_enrolment(con, frame: pl.DataFrame, known: _Known) -> pl.DataFrame:
    """`_nip_enrolled`: the NIP a machine's user list (raw_pin_mesin) gives the punch's PIN,
    on that machine first, else on any machine ('*')."""
    enrolled = known.frame(con, "select pin, nip, device_id from raw_pin_mesin")
    if enrolled.is_empty():
        return frame.with_columns(_nip_enrolled=pl.lit(None, dtype=pl.String))
    own = enrolled.filter(pl.col("device_id") != "*").select(
        pl.col("pin").alias("_pin"), pl.col("device_id").alias("_dev"), pl.col("nip").alias("_nip_own"))
    anywhere = enrolled.filter(pl.col("device_id") == "*").select(
        pl.col("pin").alias("_pin"), pl.col("nip").alias("_nip_any"))
    frame = frame.join(own, left_on=["pin", "device_id"], right_on=["_pin", "_dev"], how="left",
                       maintain_order="left")
    frame = frame.join(anywhere, left_on="pin", right_on="_pin", how="left", maintain_order="left")
    return frame.with_columns(_nip_enrolled=pl.coalesce("_nip_own", "_nip_any")).drop("_nip_own", "_nip_any").rechunk()


def _mark(frame: pl.DataFrame, rule: reasons.Rule) -> pl.DataFrame:
    """Set `_code` / `_reason` where the rule's row test holds."""
    bad, code, reason = rule
    positions = frame.select(bad.fill_null(False)).to_series().arg_true()
    if positions.is_empty():
        return frame
    texts = frame[positions].select(reason.cast(pl.String)).to_series()  # formatted for those rows only
    return frame.with_columns(
        frame.get_column("_code").cast(pl.String).clone().scatter(positions, code),
        frame.get_column("_reason").cast(pl.String).clone().scatter(positions, texts),
    )


def _mark_in_file_duplicates(frame: pl.DataFrame, source: Source) -> pl.DataFrame:
    """Exact repeats -> `_dup`; same natural key with other values -> conflicting_duplicate.
    The earliest row of the file wins. Only rows whose 64-bit hash repeats are compared
    exactly, and no step copies the whole frame (a 2.5 M-row file stays one copy). With a
    natural key, both kinds of twin share it: only rows whose key repeats are judged."""
    repeat = pl.col("_pre_dup").fill_null(False) if "_pre_dup" in frame.columns else pl.lit(False)
    if not source.natural_key:
        return _judge_duplicates(frame, source, repeat)
    hashes = frame.select(pl.when(pl.col("_code").is_null() & ~repeat).then(_row_hash(list(source.natural_key))))
    maybe = _repeated(hashes.to_series())
    unmarked = frame.with_columns(_dup=repeat)
    if maybe.is_empty():
        return unmarked
    judged = _judge_duplicates(frame[maybe], source, repeat)
    return unmarked.with_columns(unmarked.get_column(c).scatter(maybe, judged.get_column(c).cast(unmarked.schema[c]))
                                 for c in ("_dup", "_code", "_reason"))


def _judge_duplicates(frame: pl.DataFrame, source: Source, repeat: pl.Expr) -> pl.DataFrame:
    valid = pl.col("_code").is_null()
    frame = frame.with_columns(_dup=_earlier_twin(frame, [f.column for f in source.fields], valid & ~repeat))
    frame = frame.with_columns(_dup=pl.col("_dup") | repeat)  # a punch the export marks as repeated
    if not source.natural_key:
        return frame
    key = list(source.natural_key)
    conflict = _earlier_twin(frame, key, valid & ~pl.col("_dup"))
    if not conflict.any():
        return frame
    clashes = frame.lazy().select("_row", *key).filter(conflict)
    firsts = (frame.lazy().filter(valid & ~pl.col("_dup")).select("_row", *key)
              .join(clashes.select(key).unique(), on=key, how="semi", nulls_equal=True)
              .group_by(key).agg(pl.col("_row").min().alias("_first")))
    described = pl.format(", ".join(f"{source.field(k).header} {{}}" for k in key),
                          *[pl.col(k).cast(pl.String).fill_null("(kosong)") for k in key])
    message = reasons.CONFLICTING_DUPLICATE.message(key=described, first=pl.col("_first"))
    clash_reasons = clashes.join(firsts, on=key, nulls_equal=True).select("_row", _clash_reason=message).collect()
    clash_reason = frame.select("_row").join(clash_reasons, on="_row", how="left",
                                             maintain_order="left")["_clash_reason"]
    conflicting = clash_reason.is_not_null()
    return frame.with_columns(
        _code=pl.when(conflicting).then(pl.lit(reasons.CONFLICTING_DUPLICATE.code)).otherwise("_code"),
        _reason=pl.coalesce(clash_reason, "_reason"),
    )


def _row_hash(columns: list[str]) -> pl.Expr:
    """A 64-bit hash of the values in `columns` (equal values, equal hash): the columns' own
    hashes, seeded by position, XOR-ed (half the cost of hashing a struct). Only a filter:
    rows whose hashes repeat are then compared value by value."""
    combined = pl.col(columns[0]).hash(seed=0)
    for seed, column in enumerate(columns[1:], 1):
        combined = combined.xor(pl.col(column).hash(seed=seed))
    return combined


def _repeated(hashes: pl.Series) -> pl.Series:
    """Positions (ascending) of the rows whose (non-null) hash another row shares: equal
    hashes are neighbours once sorted (half the time and memory of is_unique's hash table)."""
    order = hashes.arg_sort(nulls_last=True)
    ordered = hashes.gather(order)
    shared = ((ordered == ordered.shift(1)) | (ordered == ordered.shift(-1))).fill_null(False)
    return order.filter(shared).sort()


def _earlier_twin(frame: pl.DataFrame, columns: list[str], among: pl.Expr) -> pl.Series:
    """True where an earlier row (smaller _row) of those `among` has the same values in `columns`."""
    repeated = _repeated(frame.select(pl.when(among).then(_row_hash(columns))).to_series())
    twin = pl.repeat(False, frame.height, eager=True, dtype=pl.Boolean).alias("_twin")
    if repeated.is_empty():
        return twin
    candidates = frame[repeated].select("_row", *columns).with_columns(_at=repeated)
    twins = candidates.sort("_row").select("_at", _twin=~pl.struct(columns).is_first_distinct())
    return twin.scatter(twins["_at"], twins["_twin"])


def _split(con, prepared: _Prepared, source: Source, raw: RawFile, checked: pl.DataFrame, known: _Known) -> None:
    """In-file duplicates and references judged; the rows to load (`typed`, selected inside
    DuckDB by `_load`) and the quarantine's rows as written, on `prepared`."""
    checked = _mark_in_file_duplicates(checked, source)
    checked = _reference_rules(con, source, checked, known)
    columns = [c for c, in known.rows(
        con, "select column_name from information_schema.columns where table_name = ? and column_name not in "
        "('batch_id', 'row_number') order by ordinal_position", (source.table,))]
    quarantined = checked.filter(pl.col("_code").is_not_null() & ~pl.col("_dup"))
    # the rows to load are selected inside DuckDB: no second copy of a large file in memory
    typed = checked.select(*columns, "_row", _load=pl.col("_code").is_null() & ~pl.col("_dup"))
    duplicates, rows_in, selected = int(checked["_dup"].sum()), checked.height, int(typed["_load"].sum())
    repeats = int(checked["_pre_dup"].fill_null(False).sum()) if "_pre_dup" in checked.columns else 0
    del checked
    q = quarantined.join(_as_written(raw, quarantined["_row"]), on="_row", how="left").sort("_row").select(
        pl.lit(source.name).alias("source"), pl.lit(prepared.path.name).alias("file_name"),
        pl.col("_row").alias("row_number"), pl.col("_code").alias("reason_code"),
        pl.col("_reason").alias("reason"), pl.col("_as_written").alias("raw"))
    message = f"{raw.skipped_lines} baris nomor seri/checksum (attlog varian extended) dilewati." \
        if raw.skipped_lines else ""
    if repeats:
        message = " ".join(filter(None, [message, f"{repeats} punch bertanda Pengecualian = Mengulang (punch "
                                                  "ulang di mesin) dihitung sebagai duplikat, tidak dimuat."]))
    prepared.typed, prepared.quarantine = typed, q
    if source.keep_loaded:  # (here, not in the writing thread)
        prepared.keys = typed.lazy().filter("_load").select(source.natural_key).collect()
    prepared.counts = dict(columns=columns, duplicates=duplicates, rows_in=rows_in, selected=selected,
                           message=message, layout=raw.layout or ("attlog" if raw.kind == "attlog" else "kontrak"))


def _load(con, path: Path, sha: str, batch_id: str, prepared: _Prepared, started: datetime,
          begun: float, machines: _MachinesLoaded) -> BatchResult:
    source, typed, counts = prepared.source, prepared.typed, prepared.counts
    columns, duplicates, selected = counts["columns"], counts["duplicates"], counts["selected"]
    q = prepared.quarantine.select(pl.lit(batch_id).alias("batch_id"), pl.all())
    con.execute("begin transaction")
    try:
        con.register("incoming_all", typed.to_arrow())
        incoming = "(select * exclude (_load) from incoming_all where _load)"
        to_load = prepared.keys
        if to_load is not None and machines.may_match(con, source, to_load) and _may_match_loaded(con, source, to_load):
            match = " and ".join(f"r.{k} = i.{k}" for k in source.natural_key)
            con.execute(
                f"create or replace temp table incoming_new as select i.* from {incoming} i anti join {source.table} r "
                f"on {match}")
            loaded_rel = "incoming_new"
            loaded = con.execute("select count(*) from incoming_new").fetchone()[0]
            duplicates += selected - loaded
        else:
            loaded_rel, loaded = incoming, selected
        replaced = _replace_existing(con, source, loaded_rel)
        column_list = ", ".join(columns)
        con.execute(
            f"insert into {source.table} ({column_list}, batch_id, row_number) "
            f"select {column_list}, ?, _row from {loaded_rel}", [batch_id])
        if q.height:
            con.register("incoming_quarantine", q.to_arrow())
            con.execute("insert into quarantine select batch_id, source, file_name, row_number, reason_code, "
                        "reason, raw from incoming_quarantine")
        result = BatchResult(batch_id, source.name, path.name, sha, "loaded", rows_in=counts["rows_in"],
                             rows_loaded=loaded, rows_quarantined=q.height, rows_duplicate=duplicates,
                             rows_replaced=replaced, message=counts["message"], layout=counts["layout"],
                             quarantined=q.select("row_number", "reason_code", "reason", "raw"))
        assert result.rows_in == result.rows_loaded + result.rows_quarantined + result.rows_duplicate
        result.seconds = time.perf_counter() - begun
        _insert_batch(con, result, started)
        _pause_for_fault_test()
        con.execute("commit")
        if to_load is not None:
            machines.committed(source, to_load)
    except BaseException as error:
        _rollback_if_active(con)
        if is_disk_full(error):  # the WAL holds about the uncompressed rows
            needed = max(typed.estimated_size() + q.estimated_size(), _file_size(path))
            raise DiskFull(_database_dir(con), needed) from None
        raise
    finally:
        con.execute("select 1").fetchall()  # a failed statement's result ends here, before unregister
        for view in ("incoming_all", "incoming_quarantine"):
            con.unregister(view)
    return result


def _rollback_if_active(con: duckdb.DuckDBPyConnection) -> None:
    """A commit that failed to write its WAL (disk full) has already ended the transaction."""
    try:
        con.execute("rollback")
    except duckdb.TransactionException:  # no transaction is active
        pass


class _MachinesLoaded:
    """The machines (device_id) with punches in the warehouse: read once per load, then kept up
    to date with each committed file. A file from machines not among them repeats no loaded
    punch, so its pre-check needs no scan of every loaded punch (at 10x: 47 M, for each file)."""

    def __init__(self):
        self.machines: set[str] | None = None

    def may_match(self, con, source: Source, rows: pl.DataFrame) -> bool:
        if "device_id" not in source.natural_key:
            return True
        if self.machines is None:
            self.machines = {m for m, in con.execute(f"select distinct device_id from {source.table}").fetchall()}
        return not self.machines.isdisjoint(rows["device_id"].unique().to_list())

    def committed(self, source: Source, rows: pl.DataFrame) -> None:
        if self.machines is not None and "device_id" in source.natural_key:
            self.machines.update(rows["device_id"].unique().to_list())


def _may_match_loaded(con, source: Source, rows: pl.DataFrame) -> bool:
    """Cheap pre-check before the anti-join against every loaded row (`keep_loaded`): the
    range of the key's time column (zone maps), and the values of its other key columns."""
    if rows.is_empty():
        return False
    timed = next(k for k in source.natural_key if source.field(k).kind in ("date", "timestamp"))
    others = [k for k in source.natural_key if k != timed]
    where = "".join(f" and {k} in (select unnest(?))" for k in others)
    (found,) = con.execute(
        f"select count(*) from (select 1 from {source.table} where {timed} between ? and ?{where} limit 1)",
        [rows[timed].min(), rows[timed].max(), *(rows[k].unique().to_list() for k in others)]).fetchone()
    return found > 0


def _pause_for_fault_test() -> None:
    """Tests kill a load here, mid-transaction (BUDAYA_INGEST_PAUSE_SECONDS)."""
    seconds = float(os.environ.get("BUDAYA_INGEST_PAUSE_SECONDS", "0") or 0)
    if seconds:
        print("menunggu commit", file=sys.stderr, flush=True)
        time.sleep(seconds)


def _replace_existing(con, source: Source, relation: str) -> int:
    """Delete earlier rows that the incoming rows supersede; returns how many."""
    key = source.replace_by or source.natural_key
    if not key or source.keep_loaded:
        return 0
    dated = [k for k in key if k in ("work_date", "activity_date")]
    if dated:  # months that were never loaded need no delete scan (zone maps answer this)
        (overlap,) = con.execute(
            f"select count(*) from (select 1 from {source.table} where {dated[0]} between "
            f"(select min({dated[0]}) from {relation}) and (select max({dated[0]}) from {relation}) limit 1)"
        ).fetchone()
        if not overlap:
            return 0
    match = " and ".join(f"t.{k} = i.{k}" for k in key)
    (count,) = con.execute(
        f"delete from {source.table} t where exists (select 1 from {relation} i where {match})"
    ).fetchone()
    return int(count)
