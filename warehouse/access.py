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
the dashboard never writes the ingest file the pipelines own. It is append-only, hash-chained,
queued durably while another process holds it, and never skipped (warehouse/audit.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import math
import os
import sys
import threading
import time
import tomllib
from pathlib import Path

import bcrypt

from warehouse.audit import (  # noqa: F401
    AuditUnavailable,
    apply_retention,
    audit,
    audit_path,
    queued_count,
    read_audit,
    retention_days,
    verify_chain,
)

ROLES = {
    "admin": "Admin BKPSDM: semua OPD, data pribadi, Kelola Data",
    "pimpinan": "Pimpinan (Sekda, Asisten): semua OPD, hanya baca",
    "analis": "Analis: semua OPD, NIP dan nama disamarkan",
    "opd": "Kepala OPD: hanya OPD sendiri",
}
DEFAULT_ACCOUNTS_FILE = Path("~/.config/budaya/akun.toml").expanduser()
MAX_FAILURES = 5             # per (account, client) in LOCK_SECONDS
LOCK_SECONDS = 300
MAX_CLIENT_FAILURES = 20     # per client, all accounts together, in CLIENT_LOCK_SECONDS
CLIENT_LOCK_SECONDS = 900
ACCOUNT_BACKOFF_AFTER = 10   # per account from every client: then a short back-off ...
ACCOUNT_BACKOFF_CAP = 30     # ... of at most this many seconds


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
    """Failed sign-ins, counted three ways (a refused attempt is not counted, so a locked client
    cannot extend anyone's lock):

    - per (account, client): MAX_FAILURES in LOCK_SECONDS, then that pair is locked for the rest of
      the window. A stranger locks only their own client out of the account, never the real user.
    - per client, across all accounts: MAX_CLIENT_FAILURES in CLIENT_LOCK_SECONDS, then the client is
      locked (one client trying many accounts).
    - per account, from every client: after ACCOUNT_BACKOFF_AFTER failures in LOCK_SECONDS each
      further attempt waits a short back-off (doubling, at most ACCOUNT_BACKOFF_CAP seconds) after
      the last failure: slows guessing from many clients, never locks the owner out for long.
    """

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS, *,
                 client_failures: int = MAX_CLIENT_FAILURES, client_seconds: float = CLIENT_LOCK_SECONDS,
                 account_backoff_after: int = ACCOUNT_BACKOFF_AFTER, backoff_cap: float = ACCOUNT_BACKOFF_CAP,
                 clock=time.monotonic):
        self.max_failures, self.lock_seconds = max_failures, lock_seconds
        self.client_failures, self.client_seconds = client_failures, client_seconds
        self.account_backoff_after, self.backoff_cap = account_backoff_after, backoff_cap
        self.clock = clock
        self._failures: dict[tuple, list[float]] = {}  # ("pair", user, client) | ("client", c) | ("account", u)
        self._lock = threading.Lock()

    def _recent(self, key: tuple, window: float, now: float) -> list[float]:
        recent = [t for t in self._failures.get(key, []) if now - t < window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def refusal(self, username: str, client: str | None = None, now: float | None = None) -> tuple[float, str]:
        """(seconds to wait, which limit) — (0, "") when an attempt may be made now."""
        now = self.clock() if now is None else now
        client = client or "-"
        with self._lock:
            pair = self._recent(("pair", username, client), self.lock_seconds, now)
            if len(pair) >= self.max_failures:
                return self.lock_seconds - (now - pair[0]), "akun"
            per_client = self._recent(("client", client), self.client_seconds, now)
            if len(per_client) >= self.client_failures:
                return self.client_seconds - (now - per_client[0]), "klien"
            account = self._recent(("account", username), self.lock_seconds, now)
            over = len(account) - self.account_backoff_after
            if over >= 0:
                wait = min(self.backoff_cap, 2.0 ** over) - (now - account[-1])
                if wait > 0:
                    return wait, "jeda"
            return 0.0, ""

    def locked_for(self, username: str, client: str | None = None, now: float | None = None) -> float:
        return self.refusal(username, client, now)[0]

    def record_failure(self, username: str, client: str | None = None, now: float | None = None) -> None:
        now = self.clock() if now is None else now
        client = client or "-"
        with self._lock:
            if len(self._failures) > 30_000:  # many invented names or clients: forget the stale ones
                window = max(self.lock_seconds, self.client_seconds)
                self._failures = {k: ts for k, ts in self._failures.items() if now - ts[-1] < window}
            for key in (("pair", username, client), ("client", client), ("account", username)):
                self._failures.setdefault(key, []).append(now)

    def reset(self, username: str, client: str | None = None) -> None:
        """A successful sign-in clears its own (account, client) count only: signing in to one's own
        account does not buy a client more guesses at others."""
        with self._lock:
            self._failures.pop(("pair", username, client or "-"), None)


_DUMMY: list[bytes] = []


def _dummy_hash() -> bytes:
    if not _DUMMY:
        _DUMMY.append(bcrypt.hashpw(b"tidak-ada-akun", bcrypt.gensalt(12)))
    return _DUMMY[0]


@dataclasses.dataclass(frozen=True)
class SignInResult:
    account: Account | None
    message: str


def unknown_user(typed: str, key: bytes) -> str:
    """How a name that is no account is logged: a marker and a keyed hash. Repeated attempts with the
    same text are linkable; the text (perhaps a password typed in the wrong field) is not recoverable."""
    return "tak-dikenal#" + hmac.new(key, typed.encode(), hashlib.sha256).hexdigest()[:10]


WAIT_MESSAGES = {
    "akun": "Terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit.",
    "klien": "Terlalu banyak percobaan gagal dari perangkat ini. Coba lagi dalam {minutes} menit.",
    "jeda": "Terlalu banyak percobaan gagal untuk akun ini. Tunggu {seconds} detik, lalu coba lagi.",
}
AUDIT_REFUSED = ("Masuk dibatalkan karena tidak dapat dicatat di log audit: {error} "
                 "Coba lagi sebentar lagi atau hubungi admin BKPSDM.")


def sign_in(config: AccessConfig, limiter: SignInLimiter, username: str, password: str,
            client: str | None = None) -> SignInResult:
    """Check a password sign-in from `client` (an IP address; None = unknown). A sign-in that cannot
    be audited does not happen."""
    username = (username or "").strip().lower()[:64]  # what is rate-limited
    logged = username if username in config.accounts else unknown_user(username, config.pseudonym_key)
    where = {"klien": client or "-"}
    try:
        wait, which = limiter.refusal(username, client)
        if wait > 0:
            audit("masuk_ditolak", logged, {"alasan": "terkunci" if which == "akun" else which, **where})
            return SignInResult(None, WAIT_MESSAGES[which].format(minutes=math.ceil(wait / 60),
                                                                  seconds=math.ceil(wait)))
        account = config.accounts.get(username)
        secret = (password or "").encode()[:72]  # bcrypt reads at most 72 bytes
        if account is None or not account.password_hash:
            bcrypt.checkpw(secret, _dummy_hash())  # same work as a real check: no account enumeration by timing
            account = None
        elif not bcrypt.checkpw(secret, account.password_hash):
            account = None
        if account is None:
            limiter.record_failure(username, client)
            audit("masuk_gagal", logged, where)
            return SignInResult(None, "Nama pengguna atau kata sandi salah.")
        audit("masuk", username, {"peran": account.role, **where})  # before anything is granted
    except AuditUnavailable as error:
        return SignInResult(None, AUDIT_REFUSED.format(error=error))
    limiter.reset(username, client)
    return SignInResult(account, f"Selamat datang, {account.display_name}.")


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


def verify() -> int:
    """`verifikasi`: recompute the audit chain; exit 1 at the first broken entry."""
    try:
        report = verify_chain()
    except AuditUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    queued = queued_count()
    print(report.message + (f" {queued} entri masih antre (belum masuk log)." if queued else ""),
          file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def retention(argv: list[str]) -> int:
    """`retensi [--hari N] [--hapus]`: move entries older than N days to monthly archives (or remove them)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m warehouse.access retensi")
    parser.add_argument("--hari", type=int, default=None,
                        help=f"umur entri yang disimpan (bawaan BUDAYA_AUDIT_RETENSI_HARI atau {retention_days()})")
    parser.add_argument("--hapus", action="store_true", help="hapus entri lama alih-alih memindahkannya ke arsip")
    args = parser.parse_args(argv)
    if args.hari is not None and args.hari < 1:
        print("--hari harus minimal 1.", file=sys.stderr)
        return 2
    try:
        done = apply_retention(args.hari, remove=args.hapus, username=f"cli:{_os_user()}")
    except AuditUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    where = "dihapus" if done["dihapus"] else ("dipindah ke " + ", ".join(done["arsip"]) if done["arsip"] else "")
    print(f"Retensi {done['hari']} hari (batas {done['batas']}): {done['dipindah']} entri {where}".rstrip() + ".")
    return 0


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "-"


def main(argv: list[str]) -> int:
    """`python -m warehouse.access hash` prints a bcrypt hash for a password typed in;
    `check` exits 1 when the dashboard would refuse to start; `verifikasi` checks the audit
    hash chain; `retensi [--hari N] [--hapus]` archives (or removes) old audit entries."""
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] == ["verifikasi"]:
        return verify()
    if argv[:1] == ["retensi"]:
        return retention(argv[1:])
    if argv[:1] != ["hash"]:
        print("pakai: python -m warehouse.access hash|check|verifikasi|retensi", file=sys.stderr)
        return 2
    import getpass

    password = getpass.getpass("Kata sandi: ")
    print(bcrypt.hashpw(password.encode(), bcrypt.gensalt(12)).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
