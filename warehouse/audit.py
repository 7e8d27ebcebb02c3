"""The audit log: append-only, hash-chained, never silently skipped.

- `<warehouse>_audit.duckdb` holds `audit_log`; the app only appends (`audit`) and reads
  (`read_audit`, read-only). Each entry carries `seq`, the hash of the entry before it and its
  own hash (SHA-256 over the previous hash and the entry), so an edited, removed or inserted
  entry breaks the chain: `python -m warehouse.access verifikasi` reports the first broken one.
- While another process holds the audit file, an entry goes to an append-only queue beside it
  (`<warehouse>_audit.antrean.jsonl`, fsync'ed, flock'ed) and is moved into the log by the next
  write or read. If even the queue cannot be written, `AuditUnavailable` is raised: the caller
  must refuse the action (an export, a sign-in) it could not record.
- Retention (`apply_retention`, `python -m warehouse.access retensi`): entries older than
  BUDAYA_AUDIT_RETENSI_HARI days (default 365) move to `<warehouse>_audit_arsip_<YYYY-MM>.duckdb`
  (or are removed with `--hapus`); the run itself is an audit entry that anchors the chain.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from warehouse.paths import warehouse_path

GENESIS = "0" * 64
DEFAULT_RETENTION_DAYS = 365
_AUDIT_LOCK = threading.Lock()
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
COLUMNS = "occurred_at, username, event, details, rows, seq, entry_id, prev_hash, hash"
AUDIT_SCHEMA = """
create table if not exists audit_log (
    occurred_at timestamptz not null,
    username   varchar not null,
    event      varchar not null,   -- masuk, masuk_gagal, masuk_ditolak, keluar, akses_ditolak, unggah, terbit, ekspor
    details    varchar,            -- JSON: filters, file names, format ...
    rows       bigint,
    seq        bigint,             -- 1, 2, 3 ... in the order written
    entry_id   varchar,            -- unique; a queued entry is never written twice
    prev_hash  varchar,
    hash       varchar             -- sha256(prev_hash, the entry)
)
"""


class AuditUnavailable(RuntimeError):
    """The audit entry could not be written, not even to the queue; the message is in Bahasa Indonesia."""


def audit_path(warehouse: Path | None = None) -> Path:
    wh = warehouse_path(warehouse)
    return wh.with_name(wh.stem + "_audit.duckdb")


def queue_path(path: Path) -> Path:
    return path.with_name(path.stem + ".antrean.jsonl")


def archive_path(path: Path, month: str) -> Path:
    return path.with_name(f"{path.stem}_arsip_{month}.duckdb")


def retention_days() -> int:
    try:
        return max(1, int(os.environ.get("BUDAYA_AUDIT_RETENSI_HARI") or DEFAULT_RETENTION_DAYS))
    except ValueError:
        return DEFAULT_RETENTION_DAYS


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "ruang disk habis"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "tidak ada izin menulis"
    return "berkas tidak dapat ditulis"


def _entry(event: str, username: str, details: dict, rows: int | None) -> dict:
    now = datetime.now(UTC)
    return {"id": uuid.uuid4().hex, "t": (now - _EPOCH) // timedelta(microseconds=1), "username": username or "-",
            "event": event, "details": json.dumps(details, ensure_ascii=False, default=str, sort_keys=True),
            "rows": rows}


def _hash(prev: str, seq: int, e: dict) -> str:
    body = json.dumps([prev, seq, e["id"], e["t"], e["username"], e["event"], e["details"], e["rows"]],
                      ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def _connect(path: Path, read_only: bool = False, attempts: int = 8) -> duckdb.DuckDBPyConnection:
    """Connect, waiting briefly (under a second) for another process's write to end."""
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _ensure_schema(con) -> None:
    con.execute(AUDIT_SCHEMA)
    for column in ("seq bigint", "entry_id varchar", "prev_hash varchar", "hash varchar"):  # files from before
        con.execute(f"alter table audit_log add column if not exists {column}")
    legacy = con.execute("select epoch_us(occurred_at), username, event, details, rows, rowid from audit_log "
                         "where seq is null order by occurred_at, rowid").fetchall()
    if legacy:  # chain the entries written before the chain existed, oldest first
        _write(con, [], before=lambda c: c.execute("delete from audit_log where seq is null"),
               legacy=[{"id": uuid.uuid4().hex, "t": t, "username": u, "event": ev, "details": d, "rows": r}
                       for t, u, ev, d, r, _ in legacy])


def _write(con, entries: list[dict], before=None, legacy: list[dict] | None = None) -> None:
    """In one transaction: run `before`, then append `legacy` + `entries` to the chain."""
    con.begin()
    try:
        last = con.execute("select seq, hash from audit_log where seq is not null order by seq desc limit 1"
                           ).fetchone()
        seq, prev = last if last else (0, GENESIS)
        if before:
            before(con)
        for e in (legacy or []) + entries:
            seq += 1
            digest = _hash(prev, seq, e)
            con.execute("insert into audit_log (occurred_at, username, event, details, rows, seq, entry_id, "
                        "prev_hash, hash) values (make_timestamp(?::bigint) at time zone 'UTC', ?, ?, ?, ?, ?, ?, ?, ?)",
                        [e["t"], e["username"], e["event"], e["details"], e["rows"], seq, e["id"], prev, digest])
            prev = digest
        con.commit()
    except BaseException:
        con.rollback()
        raise


class _Queue:
    """The queue file, locked (flock) for the time of one append or one drain."""

    def __init__(self, path: Path, create: bool):
        self.path = queue_path(path)
        self.fd = os.open(self.path, os.O_RDWR | os.O_APPEND | (os.O_CREAT if create else 0), 0o600)

    def __enter__(self):
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *_):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)

    def append(self, entry: dict) -> None:
        os.write(self.fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode())
        os.fsync(self.fd)

    def entries(self) -> list[dict]:
        with open(os.dup(self.fd), "rb") as f:
            f.seek(0)
            lines = f.read().decode("utf-8", "replace").splitlines()
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:  # a line cut by a crash: keep its text as evidence
                out.append({**_entry("antrean_rusak", "-", {"baris": line[:2000]}, None)})
        return out

    def clear(self) -> None:
        os.ftruncate(self.fd, 0)
        os.fsync(self.fd)


_FAILURE: dict = {}
FAILURE_MEMORY_SECONDS = 30


def last_failure() -> str | None:
    """The message of an audit write that failed in the last FAILURE_MEMORY_SECONDS (this process), else None."""
    at, message = _FAILURE.get("last", (0.0, None))
    return message if time.monotonic() - at < FAILURE_MEMORY_SECONDS else None


def audit_ready(warehouse: Path | None = None, need_bytes: int = 1 << 20) -> str | None:
    """None when an entry can be recorded now, else why not: a probe before an action that cannot be
    undone (an upload, a publish), which must not happen unrecorded."""
    path = audit_path(warehouse)
    folder = next((p for p in [path.parent, *path.parent.parents] if p.exists()), path.parent)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        why = "tidak ada izin menulis"
    elif shutil.disk_usage(folder).free < need_bytes:
        why = "ruang disk habis"
    else:
        return last_failure()
    return f"Log audit {path.name} tidak dapat ditulis ({why}), jadi tindakan ini tidak dapat dicatat."


def _enqueue(path: Path, entry: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not queue_path(path).exists()
        with _Queue(path, create=True) as queue:
            queue.append(entry)
        if fresh:  # the new file's name must survive a crash too
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as error:
        message = f"Log audit {path.name} tidak dapat ditulis ({_why(error)}), jadi tindakan ini tidak dapat dicatat."
        _FAILURE["last"] = (time.monotonic(), message)
        raise AuditUnavailable(message) from error
    _FAILURE.pop("last", None)


def _append_with_queue(con, path: Path, entries: list[dict], before=None) -> None:
    """Write the queued entries, then `entries`; the queue is emptied only after the commit."""
    _ensure_schema(con)
    try:
        queue = _Queue(path, create=False)
    except OSError:  # no queue (the usual case), or one that cannot be opened: it waits, the log does not
        _write(con, entries, before)
        return
    with queue:
        queued = queue.entries()
        ids = [q["id"] for q in queued]
        done = {r[0] for r in con.execute("select entry_id from audit_log where list_contains(?, entry_id)",
                                          [ids]).fetchall()} if ids else set()
        _write(con, [q for q in queued if q["id"] not in done] + entries, before)
        if queued:
            queue.clear()


def audit(event: str, username: str, details: dict, rows: int | None = None,
          warehouse: Path | None = None) -> None:
    """Append one event; queue it durably while the log is held by another process.
    Raises AuditUnavailable when it cannot be recorded at all (the caller refuses the action)."""
    path = audit_path(warehouse)
    entry = _entry(event, username, details, rows)
    with _AUDIT_LOCK:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = _connect(path)
        except (duckdb.Error, OSError):
            _enqueue(path, entry)
            return
        try:
            _append_with_queue(con, path, [entry])
            _FAILURE.pop("last", None)
        except (duckdb.Error, OSError):  # e.g. the disk filled during the write: the queue still takes it
            _enqueue(path, entry)
        finally:
            con.close()


def drain(warehouse: Path | None = None) -> None:
    """Move queued entries into the log when it is free (before a read); quiet when it is not."""
    path = audit_path(warehouse)
    if not queue_path(path).exists() or not queue_path(path).stat().st_size:
        return
    with _AUDIT_LOCK:
        try:
            con = _connect(path, attempts=3)
        except (duckdb.Error, OSError):
            return
        try:
            _append_with_queue(con, path, [])
        except (duckdb.Error, OSError):
            pass
        finally:
            con.close()


def queued_count(warehouse: Path | None = None) -> int:
    """Entries waiting in the queue (not yet in the log)."""
    try:
        with open(queue_path(audit_path(warehouse)), "rb") as f:
            return sum(1 for line in f if line.strip())
    except FileNotFoundError:
        return 0


def _read_only(path: Path):
    try:
        return _connect(path, read_only=True, attempts=20)
    except duckdb.Error as error:
        raise AuditUnavailable(f"Log audit {path.name} sedang dipakai proses lain atau rusak; coba lagi "
                               "sebentar lagi.") from error


def read_audit(warehouse: Path | None = None, limit: int = 500, events: list[str] | None = None,
               username: str | None = None):
    """Newest events first, as a polars frame (empty before the first event); queued entries are
    moved into the log first when it is free. The log is opened read-only."""
    import polars as pl

    drain(warehouse)
    path = audit_path(warehouse)
    empty = pl.DataFrame(schema={"occurred_at": pl.Datetime(time_zone="UTC"), "username": pl.String,
                                 "event": pl.String, "details": pl.String, "rows": pl.Int64, "seq": pl.Int64})
    if not path.exists():
        return empty
    sql = ("select occurred_at, username, event, details, rows, seq from audit_log "
           "where ($events is null or list_contains($events, event)) "
           "and ($username is null or username = $username) order by occurred_at desc, seq desc limit $limit")
    with _AUDIT_LOCK:
        con = _read_only(path)
        try:
            if not _has_log(con):
                return empty
            has_seq = con.execute("select count(*) from information_schema.columns where table_name = 'audit_log' "
                                  "and column_name = 'seq'").fetchall()[0][0]
            return con.sql(sql if has_seq else sql.replace(", seq from", ", null::bigint as seq from"
                                                            ).replace(", seq desc", ""),
                           params={"events": events or None, "username": username or None,
                                   "limit": int(limit)}).pl()
        finally:
            con.close()


def _has_log(con) -> bool:
    return bool(con.execute("select count(*) from information_schema.tables where table_name = 'audit_log'"
                            ).fetchall()[0][0])


# ---- tamper evidence ---------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    broken_seq: int | None
    message: str


def _rows(path: Path) -> list[tuple]:
    con = _read_only(path)
    try:
        if not _has_log(con):
            return []
        return con.execute("select seq, entry_id, epoch_us(occurred_at), username, event, details, rows, "
                           "prev_hash, hash from audit_log order by seq").fetchall()
    finally:
        con.close()


def archives(warehouse: Path | None = None) -> list[Path]:
    path = audit_path(warehouse)
    return sorted(path.parent.glob(f"{path.stem}_arsip_*.duckdb"))


def verify_chain(warehouse: Path | None = None) -> ChainReport:
    """Recompute the chain over the archives and the log; the first entry that does not verify."""
    path = audit_path(warehouse)
    if not path.exists():
        return ChainReport(True, 0, None, "Log audit belum berisi entri.")
    by_seq: dict = {}
    for file in [*archives(warehouse), path]:
        for row in _rows(file):
            by_seq.setdefault(row[0], row)  # an archive written twice by an interrupted retention: same entry
    rows = [by_seq[s] for s in sorted(by_seq, key=lambda s: (s is None, s or 0))]
    if not rows:
        return ChainReport(True, 0, None, "Log audit belum berisi entri.")
    anchors = {}
    for row in rows:
        if row[4] == "retensi":
            d = json.loads(row[5] or "{}")
            anchors[d.get("sampai_seq")] = d.get("hash_terakhir")
    prev, expected = rows[0][7], rows[0][0]
    if expected is None:
        return ChainReport(False, len(rows), None, "Log audit belum dirantai (entri tanpa nomor urut).")
    if not (expected == 1 and prev == GENESIS) and anchors.get(expected - 1) != prev:
        return _broken(rows, 0, "awal rantai tidak cocok dengan catatan retensi mana pun")
    for i, (seq, entry_id, t, user, event, details, n, prev_hash, digest) in enumerate(rows):
        if seq != expected:
            return _broken(rows, i, f"entri nomor {expected} hilang")
        e = {"id": entry_id, "t": t, "username": user, "event": event, "details": details, "rows": n}
        if prev_hash != prev or digest != _hash(prev, seq, e):
            return _broken(rows, i, "isi entri tidak cocok dengan hash-nya (diubah)")
        prev, expected = digest, seq + 1
    return ChainReport(True, len(rows), None, f"Rantai log audit utuh: {len(rows)} entri terverifikasi.")


def _broken(rows, i: int, why: str) -> ChainReport:
    seq, _, t, user, event = rows[i][:5]
    when = (_EPOCH + timedelta(microseconds=t)).strftime("%Y-%m-%d %H:%M:%S UTC") if t is not None else "?"
    return ChainReport(False, len(rows), seq, f"Rantai log audit RUSAK mulai entri nomor {seq} ({when}, "
                                              f"{event}, {user}): {why}.")


# ---- retention ---------------------------------------------------------------------------

def apply_retention(days: int | None = None, warehouse: Path | None = None, *, remove: bool = False,
                    username: str = "-", now: datetime | None = None) -> dict:
    """Move (or remove) the entries older than `days` days; audited as `retensi`. Returns the details."""
    days = retention_days() if days is None else days
    path = audit_path(warehouse)
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    cut_us = (cutoff - _EPOCH) // timedelta(microseconds=1)
    with _AUDIT_LOCK:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = _connect(path, attempts=20)
        except duckdb.Error as error:
            raise AuditUnavailable(f"Log audit {path.name} sedang dipakai proses lain; coba lagi.") from error
        try:
            _append_with_queue(con, path, [])
            # only a prefix of the chain may go: up to the first entry that is still young
            young = con.execute("select min(seq) from audit_log where epoch_us(occurred_at) >= ?", [cut_us]
                                ).fetchone()[0]
            upto = (young - 1) if young is not None else (con.execute("select max(seq) from audit_log"
                                                                      ).fetchone()[0] or 0)
            old = con.execute(f"select {COLUMNS}, strftime(occurred_at at time zone 'UTC', '%Y-%m') from audit_log "
                              "where seq <= ? order by seq", [upto]).fetchall()
            files = []
            if old and not remove:
                for month in sorted({r[-1] for r in old}):
                    files.append(archive_path(path, month).name)
                    _archive(archive_path(path, month), [r[:-1] for r in old if r[-1] == month])
            details = {"hari": days, "batas": cutoff.isoformat(timespec="seconds"), "dipindah": len(old),
                       "sampai_seq": upto if old else None, "hash_terakhir": old[-1][8] if old else None,
                       "arsip": files, "dihapus": bool(old and remove)}
            _write(con, [_entry("retensi", username, details, len(old))],
                   before=lambda c: c.execute("delete from audit_log where seq <= ?", [upto]) if old else None)
        finally:
            con.close()
    return details


def _archive(file: Path, rows: list[tuple]) -> None:
    con = duckdb.connect(str(file))
    try:
        con.execute(AUDIT_SCHEMA)
        have = {r[0] for r in con.execute("select entry_id from audit_log").fetchall()}
        con.executemany(f"insert into audit_log ({COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [r for r in rows if r[6] not in have])
    finally:
        con.close()
