"""Who holds the warehouse, and clear messages when it is busy or the disk is full.

DuckDB lets one process open the ingest file for writing and then refuses every other
process, even read-only. While `ingest` or `build` holds it, a small holder file
(`<warehouse>.pemegang.json`: pid, command, user, since) sits beside it so that a second
command can say who holds it; the file is removed when the holder lets go.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

DEFAULT_WAIT_SECONDS = 900.0  # `--tunggu` given without a value
_POLL_SECONDS = 0.5
_DUCKDB_PID = re.compile(r"PID (\d+)")
_DISK_FULL_TEXT = ("no space left on device", "disk is full", "not enough space", "disk quota exceeded")


class WarehouseError(RuntimeError):
    """A fault the user can act on; the message is Bahasa Indonesia and safe to show."""


class WarehouseBusy(WarehouseError):
    pass


class DiskFull(WarehouseError):
    def __init__(self, where: Path, needed_bytes: int, detail: str = ""):
        free = free_bytes(where)
        text = f"Ruang disk habis di {where}: perlu ± {_mb(needed_bytes)} MB"
        text += f" (tersedia {_mb(free, up=False)} MB)." if free is not None else "."
        super().__init__(text + (f" {detail}" if detail else ""))
        self.where, self.needed_bytes = where, needed_bytes


def _mb(n: int | None, up: bool = True) -> int:
    n = max(int(n or 0), 0)
    return -(-n // 2**20) if up else n // 2**20


def free_bytes(where: Path) -> int | None:
    for candidate in (where, *where.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    return None


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(error, duckdb.Error) and any(t in str(error).lower() for t in _DISK_FULL_TEXT)


def is_lock_conflict(error: BaseException) -> bool:
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def holder_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".pemegang.json")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def current_holder(warehouse: Path) -> dict | None:
    """The holder file's content while its process lives; None otherwise (a killed
    holder leaves a stale file, which is ignored)."""
    try:
        holder = json.loads(holder_path(warehouse).read_text(encoding="utf-8"))
        return holder if _alive(int(holder["pid"])) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def describe_holder(warehouse: Path, error: BaseException | None = None) -> str:
    """'proses 123 (ingest, pengguna budi) sejak 02-12-2026 11:40:05 (3 menit lalu)'."""
    holder = current_holder(warehouse)
    if holder:
        since = datetime.fromisoformat(holder["since"])
        minutes = max(int((datetime.now(since.tzinfo) - since).total_seconds() // 60), 0)
        return (f"proses {holder['pid']} ({holder.get('command', '?')}, pengguna {holder.get('user', '?')}) "
                f"sejak {since:%d-%m-%Y %H:%M:%S} ({minutes} menit lalu)")
    found = _DUCKDB_PID.search(str(error or ""))
    return f"proses {found.group(1)}" if found else "proses lain"


def busy_message(warehouse: Path, error: BaseException | None = None, waited: float | None = None) -> str:
    text = f"Gudang data {warehouse} sedang dipakai oleh {describe_holder(warehouse, error)}."
    if waited:
        return text + f" Sudah menunggu {waited:.0f} detik; tidak ada yang diubah. Coba lagi nanti."
    return (text + " Tidak ada yang diubah. Coba lagi setelah proses itu selesai "
            "(di baris perintah: tambahkan --tunggu [detik] untuk menunggu).")


def _write_holder(warehouse: Path, command: str) -> None:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = str(os.getuid())
    record = {"pid": os.getpid(), "command": command, "user": user,
              "since": datetime.now().astimezone().isoformat(timespec="seconds"),
              "program": " ".join(sys.argv)[:200]}
    target = holder_path(warehouse)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:  # a full disk must not stop the load for a courtesy file
        tmp.unlink(missing_ok=True)


def _remove_holder(warehouse: Path) -> None:
    path = holder_path(warehouse)
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def open_for_writing(warehouse: Path, command: str, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the ingest file read-write and record this process as its holder. Busy:
    WarehouseBusy at once, or after `wait` seconds of retrying."""
    deadline = None if wait is None else time.monotonic() + wait
    told = False
    while True:
        try:
            con = duckdb.connect(str(warehouse))
            break
        except duckdb.Error as error:
            if is_disk_full(error):
                raise DiskFull(warehouse.parent, 16 * 2**20) from None
            if not is_lock_conflict(error):
                raise
            if deadline is None:
                raise WarehouseBusy(busy_message(warehouse, error)) from None
            if time.monotonic() >= deadline:
                raise WarehouseBusy(busy_message(warehouse, error, waited=wait)) from None
            if not told:
                print(f"Menunggu: gudang data dipakai oleh {describe_holder(warehouse, error)} "
                      f"(paling lama {wait:.0f} detik) ...", file=sys.stderr, flush=True)
                told = True
            time.sleep(_POLL_SECONDS)
    _write_holder(warehouse, command)
    return con


def release(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """Close the connection (its final checkpoint may hit a full disk: the WAL keeps the
    committed data, DuckDB replays it on the next open) and remove the holder file."""
    try:
        _remove_holder(warehouse)
        con.close()
    except duckdb.Error as error:
        if not is_disk_full(error):
            raise
        raise DiskFull(warehouse.parent, _wal_size(warehouse),
                       "Data yang sudah selesai dimuat tetap aman di berkas WAL dan dipakai pada pembukaan berikutnya."
                       ) from None


def _wal_size(warehouse: Path) -> int:
    try:
        return Path(str(warehouse) + ".wal").stat().st_size
    except OSError:
        return 0


@contextmanager
def holding(warehouse: Path, command: str, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_for_writing(warehouse, command, wait)
    try:
        yield con
    except BaseException:
        try:
            release(con, warehouse)
        except Exception:  # the first error is the one to report
            pass
        raise
    release(con, warehouse)
