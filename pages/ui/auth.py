"""Sign-in: the access config, sign-in page, the signed-in account, sign-out, refusals.

dashboard.py resolves the account once per run (`resolve`) and hands it, with its scope, to
pages/ui/context.py; everything after that (data access, audit entries) reads it from there.

- The accounts file (or demo mode) is read through `warehouse.access.load_access`, once per
  file version (`st.cache_resource`); a missing or wrong file stops the app with the reason.
- The signed-in account is kept as a user name in the server-side session state
  (`SESSION_KEY`): a URL or widget cannot set it. Each run looks the name up in the
  config, so an account removed from the file is signed out at its next click.
- A sign-in also opens a server-side session (warehouse/sessions.py) whose signed id the browser
  keeps in an HTTP-only cookie (set by app.py's `/api/sesi` route, from a one-time code): a reload,
  a new tab or a shared link of the same browser is still signed in until the session expires
  (`BUDAYA_SESSION_HOURS`). Each run checks the session is still live, so signing out (which
  revokes it) ends it in every tab.
- One `SignInLimiter` per process (`st.cache_resource`) rate-limits failed sign-ins per (account,
  client), per client across accounts, and (briefly) per account; the client is `st.context.ip_address`
  (None on localhost: all local sessions are then one client).
- Every sign-in is audited before it is granted: one that cannot be recorded does not happen.
- When `.streamlit/secrets.toml` has an `[auth]` section, the sign-in page also offers
  `st.login()` (OIDC); `st.user.email` must match an account's `email` in the accounts file.
- Demo OPD of the `dinkes` demo account: the OPD named "Dinas Kesehatan" in the published
  build; if there is none, the OPD with the most active employees (ties: the lowest code).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from pages.ui import context, data
from warehouse import sessions
from warehouse.access import (
    AUDIT_REFUSED,
    DEFAULT_ACCOUNTS_FILE,
    DEMO_PASSWORDS,
    ROLES,
    AccessConfig,
    AccessConfigError,
    Account,
    AuditUnavailable,
    SignInLimiter,
    audit,
    load_access,
    sign_in,
)
from warehouse.query import ADMIN

SESSION_KEY = "_akun"          # user name of the signed-in account
OIDC_KEY = "_akun_oidc"        # True when signed in through st.login
SID_KEY = "_sesi"              # id of the server-side session (warehouse/sessions.py)
COOKIE_CODE_KEY = "_sesi_kode"  # one-time code the browser exchanges for the cookie (once)
DEMO_OPD_NAME = "dinas kesehatan"


# -- configuration -------------------------------------------------------------------

def accounts_file() -> Path:
    return Path(os.environ.get("BUDAYA_ACCOUNTS") or DEFAULT_ACCOUNTS_FILE).expanduser()


def demo_requested() -> bool:
    return os.environ.get("BUDAYA_DEMO", "") in ("1", "true", "ya")


@st.cache_resource(show_spinner=False)
def limiter() -> SignInLimiter:
    """One rate limiter for the whole server process (all sessions)."""
    return SignInLimiter()


def client() -> str | None:
    """The viewer's IP address (None on localhost or when Streamlit cannot tell)."""
    try:
        ip = st.context.ip_address
    except Exception:  # no script run context (e.g. a bare call in a test)
        return None
    return ip if isinstance(ip, str) and ip else None  # only a real address names a client


def audit_quietly(event: str, username: str, details: dict) -> None:
    """Audit an action that is refused anyway (a refusal, a sign-out): when even the queue cannot be
    written, say so on the server console rather than break the page."""
    try:
        audit(event, username, details)
    except AuditUnavailable as error:
        print(f"Peringatan: {error} (peristiwa {event})", file=sys.stderr)


@st.cache_resource(show_spinner=False, max_entries=4)
def _config(path: str, mtime: float, demo: bool, demo_opd: str) -> AccessConfig:
    return load_access(Path(path), demo=demo, demo_opd=demo_opd)


def pick_demo_opd(opd: pl.DataFrame) -> str:
    """Dinas Kesehatan if the build has it, else the OPD with the most active employees."""
    if opd.is_empty():
        return ""
    named = opd.filter(pl.col("opd_name").str.to_lowercase().str.strip_chars() == DEMO_OPD_NAME)
    if not named.is_empty():
        return named.sort("opd_code")["opd_code"][0]
    ranked = opd.with_columns(pl.col("employees_active").fill_null(0)).sort(
        ["employees_active", "opd_code"], descending=[True, False])
    return ranked["opd_code"][0]


@st.cache_data(show_spinner=False, max_entries=4)
def _opd(build_file: str) -> pl.DataFrame:
    return data.open_build(build_file).run("common__opd", ADMIN)


@st.cache_data(show_spinner=False, max_entries=4)
def _demo_opd(build_file: str) -> str:
    return pick_demo_opd(_opd(build_file))


def _demo_opd_names() -> dict[str, str]:
    """OPD code -> name in the published build, for the demo accounts table (public names only)."""
    pub = data.published()
    if pub is None:
        return {}
    opd = _opd(str(pub.build_file))
    return dict(zip(opd["opd_code"].to_list(), opd["opd_name"].to_list()))


def demo_opd() -> str:
    """The demo OPD in the published build ('' before the first build: dinkes then sees nothing)."""
    pub = data.published()
    return _demo_opd(str(pub.build_file)) if pub is not None else ""


def config() -> AccessConfig:
    """The access config (raises AccessConfigError when the deployment must not start)."""
    path = accounts_file()
    exists = path.exists()
    demo = demo_requested()
    return _config(str(path), path.stat().st_mtime if exists else -1.0, demo,
                   demo_opd() if demo and not exists else "")


def config_or_stop() -> AccessConfig:
    """The access config, or an error page (and nothing else) when there is none."""
    try:
        return config()
    except AccessConfigError as error:
        print(f"Dasbor menolak berjalan: {error}", file=sys.stderr)
        st.title("Dasbor belum dapat dijalankan")
        st.error(str(error), icon=":material/lock:")
        st.markdown(
            "Dasbor berisi data pribadi ASN, jadi hanya berjalan dengan daftar akun:\n\n"
            "- buat berkas akun (TOML, di luar repositori) dan tunjuk dengan `BUDAYA_ACCOUNTS`; hash kata sandi "
            "dibuat dengan `python -m warehouse.access hash`; atau\n"
            "- untuk data contoh saja, jalankan dengan `BUDAYA_DEMO=1` (akun demo).")
        st.stop()


# -- who is signed in ------------------------------------------------------------------

def oidc_configured() -> bool:
    """True when secrets.toml has an [auth] section (st.login is then offered)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _oidc_account(cfg: AccessConfig) -> Account | None:
    """The account of an OIDC identity (st.user), signing it in; None (audited) for an unknown email."""
    if not oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = str(st.user.get("email") or "").strip().lower()
    except Exception:
        return None
    account = cfg.by_email(email)
    if account is None:
        if st.session_state.get("_oidc_ditolak") != email:
            st.session_state["_oidc_ditolak"] = email
            # an identity the provider vouched for, not text typed into a field: logged as it is
            audit_quietly("masuk_ditolak", email or "-", {"metode": "oidc", "alasan": "email tidak terdaftar",
                                                         "email": email, "klien": client() or "-"})
        return None
    try:  # recorded before it is granted
        audit("masuk", account.username, {"peran": account.role, "metode": "oidc", "email": email,
                                          "klien": client() or "-"})
    except AuditUnavailable as error:
        st.session_state["_masuk_pesan"] = AUDIT_REFUSED.format(error=error)
        return None
    st.session_state[SESSION_KEY] = account.username
    st.session_state[OIDC_KEY] = True
    return account


def _cookie_session() -> str | None:
    """The session id in this browser's cookie (sent with the page's connection), if signed right."""
    try:
        return sessions.session_id(st.context.cookies.get(sessions.COOKIE))
    except Exception:  # no request context (AppTest, a bare call)
        return None


def _live_session() -> None:
    """Sync the session state with the server-side session: a revoked or expired one signs out, a
    live cookie of a new tab or reload signs in."""
    sid = st.session_state.get(SID_KEY)
    if sid is None and not st.session_state.get(SESSION_KEY):
        sid = _cookie_session()
    if sid is None:
        return
    try:
        name = sessions.username(sid)
    except Exception as error:  # the store cannot be read: nobody is signed in through it
        print(f"Peringatan: sesi tidak dapat dibaca: {error}", file=sys.stderr)
        name = None
    if name is None:
        for key in (SESSION_KEY, SID_KEY, OIDC_KEY):
            st.session_state.pop(key, None)
        return
    st.session_state[SID_KEY] = sid
    st.session_state[SESSION_KEY] = name


def _session_account(cfg: AccessConfig) -> Account | None:
    """The account named in the session, or None (an account removed from the file is signed out)."""
    _live_session()
    name = st.session_state.get(SESSION_KEY)
    if not name:
        return None
    found = cfg.accounts.get(name)
    if found is None:  # removed from the accounts file since
        st.session_state.pop(SESSION_KEY, None)
    return found


def resolve(cfg: AccessConfig) -> Account | None:
    """The signed-in account, including one that just came back from st.login (once per run, by dashboard.py)."""
    return _session_account(cfg) or _oidc_account(cfg)


# -- pages ---------------------------------------------------------------------------

def _sign_in_submitted(cfg: AccessConfig) -> None:
    user = st.session_state.get("masuk_nama", "")
    password = st.session_state.get("masuk_sandi", "")
    st.session_state["masuk_sandi"] = ""  # never kept after the attempt
    result = sign_in(cfg, limiter(), user, password, client=client())
    if result.account is None:
        st.session_state["_masuk_pesan"] = result.message
        return
    st.session_state.pop("_masuk_pesan", None)
    st.session_state[SESSION_KEY] = result.account.username
    st.session_state[OIDC_KEY] = False
    try:
        sid = sessions.open_session(result.account.username)
        st.session_state[SID_KEY] = sid
        st.session_state[COOKIE_CODE_KEY] = sessions.issue_code(sid)
    except Exception as error:  # signed in for this tab only
        print(f"Peringatan: sesi tidak dapat disimpan: {error}", file=sys.stderr)


def _browser_call(path: str, query: dict | None = None) -> None:
    """POST to one of app.py's session routes from the browser (same origin, cookies included)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    url = ("/" + base if base else "") + path + ("?" + urlencode(query) if query else "")
    st.html(f"<script>fetch({json.dumps(url)}, {{method: 'POST', credentials: 'same-origin'}});</script>",
            unsafe_allow_javascript=True)


def keep_cookie() -> None:
    """Right after a sign-in: have the browser fetch its session cookie (once)."""
    code = st.session_state.pop(COOKIE_CODE_KEY, None)
    if code:
        _browser_call("/api/sesi", {"kode": code})


def sign_in_page() -> None:
    """The only page anyone sees before signing in (every URL shows it)."""
    cfg = config()
    if st.session_state.pop("_hapus_cookie", None):
        _browser_call("/api/sesi/keluar")
    st.title("Masuk")
    st.caption("Dasbor Budaya Kerja ASN berisi data kepegawaian pribadi (UU 27/2022). Setiap akun hanya "
               "melihat OPD dan data yang menjadi haknya; masuk, ekspor dan unggahan dicatat di log audit.")
    left, _ = st.columns([2, 3])
    with left:
        with st.form("masuk", enter_to_submit=True):
            st.text_input("Nama pengguna", key="masuk_nama", autocomplete="username")
            st.text_input("Kata sandi", type="password", key="masuk_sandi", autocomplete="current-password")
            st.form_submit_button("Masuk", type="primary", icon=":material/login:", key="masuk_kirim",
                                  on_click=_sign_in_submitted, args=(cfg,))
        message = st.session_state.get("_masuk_pesan")
        if message:
            st.error(message, icon=":material/error:")
        if oidc_configured():
            _oidc_button()
        denied = st.session_state.get("_oidc_ditolak")
        if denied is not None:
            st.error(f"Email {plain(denied) or '(kosong)'} tidak terdaftar di daftar akun dasbor. "
                     "Hubungi admin BKPSDM.",
                     icon=":material/block:")
            if st.button("Keluar dari akun instansi", key="oidc_keluar"):
                st.session_state.clear()
                st.logout()
    if cfg.demo:
        st.subheader("Akun demo")
        st.caption("Mode demo (`BUDAYA_DEMO=1`): data contoh, akun dan kata sandi ini terbuka untuk umum. "
                   "Deployment sungguhan memakai berkas akun (lihat `warehouse/access.py`).")
        names = _demo_opd_names()
        rows = []
        for a in cfg.accounts.values():
            opd = (", ".join(f"{names.get(c, c)} ({c})" for c in a.opd_codes if c)
                   if a.opd_codes is not None else "Semua OPD")
            rows.append({"Nama pengguna": a.username, "Kata sandi": DEMO_PASSWORDS.get(a.username, ""),
                         "Peran": ROLES[a.role], "OPD": opd or "— (belum ada data terbit)"})
        st.dataframe(pl.DataFrame(rows), hide_index=True, key="akun_demo")
    _load_charts_early()


def _load_charts_early() -> None:
    """An empty, invisible chart: the browser fetches and compiles Plotly (the largest part of the
    app, seconds on a slow laptop) while the password is typed, not after it is sent."""
    import plotly.graph_objects as go

    st.html("<style>.st-key-grafik_awal {position: absolute; width: 2px; height: 2px; overflow: hidden;"
            " opacity: 0; pointer-events: none;}</style>")
    with st.container(key="grafik_awal"):
        st.plotly_chart(go.Figure(layout={"width": 10, "height": 10}), theme=None, key="grafik_awal_plotly",
                        config={"staticPlot": True}, width=10, height=10)


def _oidc_button() -> None:
    try:
        import authlib  # noqa: F401
    except ImportError:
        st.warning("Masuk dengan akun instansi (SSO) dikonfigurasi, tetapi paket Authlib belum terpasang "
                   "(`pip install streamlit[auth]`).", icon=":material/warning:")
        return
    st.button("Masuk dengan akun instansi (SSO)", icon=":material/badge:", key="masuk_sso", on_click=st.login)


def sign_out() -> None:
    """Audit, forget everything of this session, end the OIDC identity too."""
    oidc = bool(st.session_state.get(OIDC_KEY))
    audit_quietly("keluar", context.viewer().username, {"metode": "oidc" if oidc else "sandi"})
    try:
        sessions.revoke(st.session_state.get(SID_KEY) or _cookie_session())  # every tab of it is out
    except Exception as error:
        print(f"Peringatan: sesi tidak dapat dicabut: {error}", file=sys.stderr)
    st.session_state.clear()
    st.session_state["_hapus_cookie"] = True
    if oidc:
        st.logout()  # deletes the identity cookie and starts a new session
    else:
        st.rerun()


def sidebar(found: Account, opd_labels: dict[str, str] | None = None) -> None:
    """Name, role (and OPDs) of the signed-in account, and the sign-out button."""
    with st.sidebar:
        where = ""
        if found.opd_codes is not None:
            names = [(opd_labels or {}).get(c, c) for c in found.opd_codes]
            where = "  \nOPD: " + (", ".join(names) if names else "—")
        st.markdown(f":material/account_circle: **{found.display_name}**  \n{found.role_label} · "
                    f"`{found.username}`{where}")
        if not found.show_personal:
            st.caption("NIP dan nama ditampilkan sebagai pseudonim (tetap sama di setiap ekspor).")
        if st.button("Keluar", icon=":material/logout:", key="keluar", type="secondary"):
            sign_out()


def refuse(page: str) -> None:
    """A page this account may not open: say so, audit it once per session, stop."""
    found = context.viewer().account
    flag = f"_ditolak_{page}"
    if not st.session_state.get(flag):
        st.session_state[flag] = True
        audit_quietly("akses_ditolak", found.username if found else "-",
                      {"halaman": page, "peran": found.role if found else None})
    st.error("Akses ditolak: halaman ini hanya untuk admin pengelola data. Percobaan membuka halaman ini "
             "dicatat di log audit.", icon=":material/block:")
    st.stop()


def require_admin(page: str) -> Account:
    """Stop the page with a refusal unless the viewer is an admin."""
    if not context.viewer().can_manage:
        refuse(page)
    return context.viewer().account


def plain(text: str, limit: int = 60) -> str:
    """A value from a URL or an identity provider, safe to echo in Markdown (no links, no markup)."""
    return re.sub(r"[^\w .()@+\-]", "", str(text))[:limit]


def denied_once(kind: str, values: dict) -> None:
    """Audit one `akses_ditolak` per session and distinct values (e.g. an OPD outside the scope in
    the URL); the page it happened on is recorded but does not make it new."""
    key = f"_ditolak_{kind}"
    frozen = repr(sorted((k, v) for k, v in values.items() if k != "halaman"))
    if st.session_state.get(key) == frozen:
        return
    st.session_state[key] = frozen
    audit_quietly("akses_ditolak", context.viewer().username, {"jenis": kind, **values})
