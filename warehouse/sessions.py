"""Sign-in sessions that survive a reload, a new tab and a shared link, for a configurable time.

A signed-in browser holds one HTTP-only cookie (`COOKIE`): a session id signed with the
server's key (itsdangerous). The id means something only while its row in the session store
is live: not expired, not revoked. Signing out revokes the row, so every tab holding the
cookie is signed out at its next click (server-side revocation; the cookie itself is also
deleted).

- Store: SQLite beside the warehouse (`<warehouse>_sesi.sqlite`, `BUDAYA_SESSION_DB` to move it).
- Key: `BUDAYA_SESSION_SECRET`, or the file `BUDAYA_SESSION_KEY_FILE` (default
  `~/.config/budaya/sesi.key`), generated (mode 0600) on first use. Never in the repository.
- Lifetime: `BUDAYA_SESSION_HOURS` (default 12) from sign-in.
- The cookie is set by an HTTP route of the server (app.py, `/_budaya/sesi`) that exchanges a
  one-time code (`CODE_SECONDS`) the sign-in form issued; the session id itself never reaches
  page JavaScript.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import time
from pathlib import Path

from itsdangerous import BadSignature, Signer

from warehouse.paths import warehouse_path

COOKIE = "budaya_sesi"
DEFAULT_HOURS = 12.0
CODE_SECONDS = 60
DEFAULT_KEY_FILE = Path("~/.config/budaya/sesi.key")

_SCHEMA = """
create table if not exists sesi (
    id text primary key, username text not null, created real not null, expires real not null,
    revoked real
);
create table if not exists kode (
    code text primary key, sesi_id text not null, expires real not null
);
"""


def lifetime_seconds() -> float:
    """Session lifetime from BUDAYA_SESSION_HOURS (hours, decimals allowed)."""
    raw = os.environ.get("BUDAYA_SESSION_HOURS", "").strip()
    try:
        hours = float(raw) if raw else DEFAULT_HOURS
    except ValueError:
        hours = DEFAULT_HOURS
    return max(hours, 0.0) * 3600


def store_path() -> Path:
    explicit = os.environ.get("BUDAYA_SESSION_DB")
    if explicit:
        return Path(explicit).expanduser()
    wh = warehouse_path()
    return wh.with_name(f"{wh.stem}_sesi.sqlite")


def _key() -> bytes:
    secret = os.environ.get("BUDAYA_SESSION_SECRET")
    if secret:
        return secret.encode()
    path = Path(os.environ.get("BUDAYA_SESSION_KEY_FILE") or DEFAULT_KEY_FILE).expanduser()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # two processes starting at once: the first one wins
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _signer() -> Signer:
    return Signer(_key(), salt="budaya-sesi")


@contextlib.contextmanager
def _db():
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10)
    try:
        con.executescript(_SCHEMA)
        with con:
            yield con
    finally:
        con.close()


def open_session(username: str, now: float | None = None) -> str:
    """A new session of `username`; returns its id (kept server-side and, signed, in the cookie)."""
    now = time.time() if now is None else now
    sid = secrets.token_urlsafe(32)
    with _db() as con:
        con.execute("delete from sesi where expires < ? or revoked is not null", (now - 86400,))
        con.execute("insert into sesi values (?, ?, ?, ?, null)", (sid, username, now, now + lifetime_seconds()))
    return sid


def username(sid: str | None, now: float | None = None) -> str | None:
    """The account of a live session (None when unknown, expired or revoked)."""
    if not sid:
        return None
    now = time.time() if now is None else now
    with _db() as con:
        row = con.execute("select username from sesi where id = ? and revoked is null and expires > ?",
                          (sid, now)).fetchone()
    return row[0] if row else None


def expires(sid: str) -> float | None:
    with _db() as con:
        row = con.execute("select expires from sesi where id = ?", (sid,)).fetchone()
    return row[0] if row else None


def revoke(sid: str | None) -> None:
    """End a session everywhere (every tab holding its cookie)."""
    if sid:
        with _db() as con:
            con.execute("update sesi set revoked = ? where id = ? and revoked is null", (time.time(), sid))


def issue_code(sid: str) -> str:
    """A one-time code the browser exchanges for the cookie (within CODE_SECONDS)."""
    code = secrets.token_urlsafe(24)
    with _db() as con:
        con.execute("delete from kode where expires < ?", (time.time(),))
        con.execute("insert into kode values (?, ?, ?)", (code, sid, time.time() + CODE_SECONDS))
    return code


def redeem_code(code: str | None) -> str | None:
    """The session id of a live one-time code, which is used up."""
    if not code:
        return None
    with _db() as con:
        row = con.execute("delete from kode where code = ? and expires > ? returning sesi_id",
                          (code, time.time())).fetchone()
    return row[0] if row and username(row[0]) else None


def cookie_value(sid: str) -> str:
    return _signer().sign(sid).decode()


def session_id(cookie: str | None) -> str | None:
    """The session id in a cookie value, or None when it is missing or its signature is wrong."""
    if not cookie:
        return None
    try:
        return _signer().unsign(cookie).decode()
    except BadSignature:
        return None
