"""Who may see what: accounts, roles, sign-in with rate limiting, and the audit log.

Accounts live in a TOML file outside the repository (`BUDAYA_ACCOUNTS`, default
`~/.config/budaya/akun.toml`), passwords as bcrypt hashes:

    pseudonym_key = "a long random secret"      # keys the analis pseudonyms

    [akun.sekda]
    nama = "Sekretaris Daerah"
    peran = "pimpinan"                          # admin | pimpinan | analis | opd
    sandi_bcrypt = "$2b$12$..."                 # python -m warehouse.access hash

    [akun.kadinkes]
    nama = "Kepala Dinas Kesehatan"
    peran = "opd"
    opd = ["1.02.01"]
    sandi_bcrypt = "$2b$12$..."
    email = "kadinkes@pemda.go.id"              # optional: sign-in through st.login (OIDC)

An account may have a password, an email (for OIDC through `st.login` when the
region configures `[auth]` in `.streamlit/secrets.toml`), or both.

A deployment with no accounts file refuses to start unless demo mode is asked for
(`BUDAYA_DEMO=1`), which uses the demo accounts below (shown on the sign-in page).
`python -m warehouse.access check` says which of the two applies (exit 1 when the
dashboard would refuse to start), so a start script can fail fast.
The audit log is its own DuckDB file beside the warehouse (`<warehouse>_audit.duckdb`):
the dashboard never writes the ingest file the pipelines own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import threading
import time
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import bcrypt
import duckdb

from warehouse.paths import warehouse_path

ROLES = {
    "admin": "Admin BKPSDM: semua OPD, data pribadi, Kelola Data",
    "pimpinan": "Pimpinan (Sekda, Asisten): semua OPD, hanya baca",
    "analis": "Analis: semua OPD, NIP dan nama disamarkan",
    "opd": "Kepala OPD: hanya OPD sendiri",
}
DEFAULT_ACCOUNTS_FILE = Path("~/.config/budaya/akun.toml").expanduser()
MAX_FAILURES = 5
LOCK_SECONDS = 300


class AccessConfigError(RuntimeError):
    """The accounts file is missing or wrong; the message is in Bahasa Indonesia."""


@dataclasses.dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    opd_codes: tuple[str, ...] | None      # None = every OPD
    password_hash: bytes = dataclasses.field(repr=False, default=b"")
    email: str | None = None                # for OIDC (st.login); lower case

    @property
    def can_manage_data(self) -> bool:
        return self.role == "admin"

    @property
    def show_personal(self) -> bool:
        return self.role != "analis"

    @property
    def role_label(self) -> str:
        return {"admin": "Admin", "pimpinan": "Pimpinan", "analis": "Analis", "opd": "Kepala OPD"}[self.role]


@dataclasses.dataclass(frozen=True)
class AccessConfig:
    accounts: dict[str, Account]
    pseudonym_key: bytes
    demo: bool

    def by_email(self, email: str | None) -> Account | None:
        """The account whose `email` is this address (OIDC sign-in), or None."""
        wanted = (email or "").strip().lower()
        if not wanted:
            return None
        return next((a for a in self.accounts.values() if a.email == wanted), None)

    def scope(self, account: Account):
        """The query-layer Scope of an account (warehouse/query.py enforces it)."""
        from warehouse.query import Scope

        return Scope(opd_codes=account.opd_codes, show_personal=account.show_personal,
                     pseudonym_key=None if account.show_personal else self.pseudonym_key,
                     raw_data=account.can_manage_data)


DEMO_PASSWORDS = {"admin": "admin-demo", "sekda": "sekda-demo", "analis": "analis-demo", "dinkes": "dinkes-demo"}


def _demo_accounts(demo_opd: str) -> dict[str, Account]:
    people = [
        ("admin", "Admin BKPSDM (demo)", "admin", None),
        ("sekda", "Sekretaris Daerah (demo)", "pimpinan", None),
        ("analis", "Analis Bagian Organisasi (demo)", "analis", None),
        ("dinkes", "Kepala OPD (demo)", "opd", (demo_opd,)),
    ]
    # Low cost factor: demo accounts are public anyway, and sign-in stays instant.
    return {
        user: Account(user, name, role, opds, bcrypt.hashpw(DEMO_PASSWORDS[user].encode(), bcrypt.gensalt(4)))
        for user, name, role, opds in people
    }


def load_access(path: Path | None = None, *, demo: bool | None = None, demo_opd: str = "") -> AccessConfig:
    """Read the accounts file; in demo mode without a file, the demo accounts."""
    demo = os.environ.get("BUDAYA_DEMO", "") in ("1", "true", "ya") if demo is None else demo
    path = Path(path or os.environ.get("BUDAYA_ACCOUNTS") or DEFAULT_ACCOUNTS_FILE)
    if not path.exists():
        if demo:
            key = hashlib.sha256(b"budaya-demo-pseudonym").digest()
            return AccessConfig(_demo_accounts(demo_opd), key, demo=True)
        raise AccessConfigError(
            f"Berkas akun {path} tidak ada. Buat berkas akun (lihat warehouse/access.py) atau jalankan "
            "dalam mode demo dengan BUDAYA_DEMO=1."
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AccessConfigError(f"Berkas akun {path} tidak dapat dibaca: {error}") from error
    key = str(data.get("pseudonym_key", ""))
    if len(key) < 16:
        raise AccessConfigError(f"Berkas akun {path}: pseudonym_key wajib diisi, minimal 16 karakter.")
    accounts = {}
    for user, entry in (data.get("akun") or {}).items():
        role = entry.get("peran")
        if role not in ROLES:
            raise AccessConfigError(f"Akun '{user}': peran '{role}' tidak dikenal ({', '.join(ROLES)}).")
        opds = entry.get("opd")
        if role == "opd" and not opds:
            raise AccessConfigError(f"Akun '{user}' berperan opd tetapi tidak menyebut daftar opd.")
        email = str(entry.get("email", "")).strip().lower() or None
        hashed = str(entry.get("sandi_bcrypt", "")).encode()
        if not hashed.startswith(b"$2") and not (email and not hashed):
            raise AccessConfigError(f"Akun '{user}': sandi_bcrypt harus hash bcrypt, bukan sandi biasa.")
        if email and any(a.email == email for a in accounts.values()):
            raise AccessConfigError(f"Akun '{user}': email {email} sudah dipakai akun lain.")
        if role == "opd" and (not isinstance(opds, list) or not all(isinstance(c, str) and c for c in opds)):
            raise AccessConfigError(f"Akun '{user}': opd harus daftar kode OPD, mis. opd = [\"1.02.01\"].")
        accounts[user.lower()] = Account(user.lower(), entry.get("nama", user), role,
                                         tuple(opds) if role == "opd" else None, hashed, email)
    if not accounts:
        raise AccessConfigError(f"Berkas akun {path} tidak berisi akun apa pun ([akun.<nama>]).")
    return AccessConfig(accounts, key.encode(), demo=False)


class SignInLimiter:
    """At most MAX_FAILURES failed sign-ins per account in LOCK_SECONDS; then locked."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS):
        self.max_failures, self.lock_seconds = max_failures, lock_seconds
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def locked_for(self, username: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = [t for t in self._failures.get(username, []) if now - t < self.lock_seconds]
            self._failures[username] = recent
            if len(recent) < self.max_failures:
                return 0.0
            return self.lock_seconds - (now - recent[0])

    def record_failure(self, username: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._failures) > 10_000:  # many invented names: forget the stale ones
                self._failures = {u: ts for u, ts in self._failures.items() if now - ts[-1] < self.lock_seconds}
            self._failures.setdefault(username, []).append(now)

    def reset(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)


_DUMMY: list[bytes] = []


def _dummy_hash() -> bytes:
    if not _DUMMY:
        _DUMMY.append(bcrypt.hashpw(b"tidak-ada-akun", bcrypt.gensalt(12)))
    return _DUMMY[0]


@dataclasses.dataclass(frozen=True)
class SignInResult:
    account: Account | None
    message: str


def sign_in(config: AccessConfig, limiter: SignInLimiter, username: str, password: str) -> SignInResult:
    username = (username or "").strip().lower()[:64]  # what is logged and rate-limited
    wait = limiter.locked_for(username)
    if wait > 0:
        audit("masuk_ditolak", username, {"alasan": "terkunci"})
        return SignInResult(None, f"Terlalu banyak percobaan gagal. Coba lagi dalam {int(wait // 60) + 1} menit.")
    account = config.accounts.get(username)
    secret = (password or "").encode()[:72]  # bcrypt reads at most 72 bytes
    if account is None or not account.password_hash:
        bcrypt.checkpw(secret, _dummy_hash())  # same work as a real check: no account enumeration by timing
        account = None
    elif not bcrypt.checkpw(secret, account.password_hash):
        account = None
    if account is None:
        limiter.record_failure(username)
        audit("masuk_gagal", username, {})
        return SignInResult(None, "Nama pengguna atau kata sandi salah.")
    limiter.reset(username)
    audit("masuk", username, {"peran": account.role})
    return SignInResult(account, f"Selamat datang, {account.display_name}.")


# ---- audit log -------------------------------------------------------------------------

_AUDIT_LOCK = threading.Lock()
AUDIT_SCHEMA = """
create table if not exists audit_log (
    occurred_at timestamptz not null,
    username   varchar not null,
    event      varchar not null,   -- masuk, masuk_gagal, masuk_ditolak, keluar, akses_ditolak, unggah, terbit, ekspor
    details    varchar,            -- JSON: filters, file names, format ...
    rows       bigint
)
"""


def audit_path(warehouse: Path | None = None) -> Path:
    wh = warehouse_path(warehouse)
    return wh.with_name(wh.stem + "_audit.duckdb")


def audit(event: str, username: str, details: dict, rows: int | None = None,
          warehouse: Path | None = None) -> None:
    """Append one event. Open-write-close, so no process holds the file."""
    path = audit_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = [datetime.now(timezone.utc), username or "-", event,
              json.dumps(details, ensure_ascii=False, default=str, sort_keys=True), rows]
    with _AUDIT_LOCK:
        for attempt in range(20):
            try:
                con = duckdb.connect(str(path))
                break
            except duckdb.IOException:
                time.sleep(0.05 * (attempt + 1))
        else:
            print(f"Peringatan: log audit {path} terkunci; peristiwa {event} tidak tercatat.", file=sys.stderr)
            return
        try:
            con.execute(AUDIT_SCHEMA)
            con.execute("insert into audit_log values (?, ?, ?, ?, ?)", record)
        finally:
            con.close()


def read_audit(warehouse: Path | None = None, limit: int = 500, events: list[str] | None = None,
               username: str | None = None):
    """Newest events first, as a polars frame (empty before the first event)."""
    import polars as pl

    path = audit_path(warehouse)
    empty = pl.DataFrame(schema={"occurred_at": pl.Datetime(time_zone="UTC"), "username": pl.String,
                                 "event": pl.String, "details": pl.String, "rows": pl.Int64})
    if not path.exists():
        return empty
    sql = ("select * from audit_log where ($events is null or list_contains($events, event)) "
           "and ($username is null or username = $username) order by occurred_at desc limit $limit")
    with _AUDIT_LOCK:
        for attempt in range(20):  # another process may be appending right now
            try:
                con = duckdb.connect(str(path), read_only=True)
                break
            except duckdb.IOException:
                time.sleep(0.05 * (attempt + 1))
        else:
            raise AccessConfigError(f"Log audit {path} sedang dikunci proses lain; coba lagi.")
        try:
            if not con.execute("select count(*) from information_schema.tables where table_name = 'audit_log'"
                               ).fetchall()[0][0]:
                return empty
            return con.sql(sql, params={"events": events or None, "username": username or None,
                                        "limit": int(limit)}).pl()
        finally:
            con.close()


def check() -> int:
    """Exit 0 when the dashboard can start (accounts file, or demo mode), else 1 with the reason."""
    try:
        config = load_access()
    except AccessConfigError as error:
        print(f"Dasbor tidak dapat dijalankan: {error}", file=sys.stderr)
        return 1
    roles = sorted({a.role for a in config.accounts.values()})
    mode = "mode demo (akun demo)" if config.demo else "berkas akun"
    print(f"Akses siap: {mode}, {len(config.accounts)} akun, peran {', '.join(roles)}.")
    return 0


def main(argv: list[str]) -> int:
    """`python -m warehouse.access hash` prints a bcrypt hash for a password typed in;
    `python -m warehouse.access check` exits 1 when the dashboard would refuse to start."""
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] != ["hash"]:
        print("pakai: python -m warehouse.access hash|check", file=sys.stderr)
        return 2
    import getpass

    password = getpass.getpass("Kata sandi: ")
    print(bcrypt.hashpw(password.encode(), bcrypt.gensalt(12)).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
