"""Access by role through the real app (streamlit.testing.v1.AppTest on dashboard.py).

For each role x each page: the page renders; an `opd` account for OPD A, given OPD B in
the URL, sees no row of B anywhere on the page (tables, tiles, charts, filter options)
and exports none; an `analis` sees and exports no NIP and no name; every export is in
the audit log; only admin opens Kelola Data and Log Audit (the others get an audited
refusal). Plus: sign-in form, rate limit, sign-out, the refusal to start without
accounts, OIDC (st.user) mapping, and refused uploads that load nothing.

Runs on the fixture build (tests/fixtures/dashboard): 3 OPD, 28 employees. Demo accounts
(BUDAYA_DEMO=1): admin, sekda (pimpinan), analis, dinkes (opd: the fixture has no Dinas
Kesehatan, so the OPD with most employees, ties by lowest code: 1.01 Disdik).
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

import bcrypt
import duckdb
import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import EMPLOYEES, OPDS, make_fixture_warehouse  # noqa: E402

from pages import registry  # noqa: E402
from pages.ui import auth, export, manage, tpp_recap  # noqa: E402
from pages.ui import format as fmt  # noqa: E402
from warehouse import access  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

PAGES = {p.name: p.url for p in registry.PAGES}  # page file -> url path
ADMIN_ONLY = {p.name for p in registry.PAGES if p.admin_only}
ROLES = {"admin": "admin", "pimpinan": "sekda", "analis": "analis", "opd": "dinkes"}
OWN = "1.01"                                   # the dinkes demo account's OPD in the fixture
OTHER_SHORT = "BKPSDM"                         # OPD B, named in the URL
OWN_NIPS = {nip for nip, *_, opd, _ in EMPLOYEES if opd == OWN}
NAMES = {name for _, name, *_ in EMPLOYEES}
NIP_RE = re.compile(rb"(?<![\d.,])\d{18}(?!\d)")  # 18 digits, not the decimals of a number
FORMATS = list(export.FORMATS)
HASH_RE = re.compile(rb"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def forbidden_for_opd() -> list[bytes]:
    """What an account of OPD 1.01 must never receive: other OPDs' names and their people."""
    out = []
    for code, name, short, _ in OPDS:
        if code != OWN:
            out += [name.encode(), short.encode()]
    for nip, name, *_, opd, _ in EMPLOYEES:
        if opd != OWN:
            out += [nip.encode(), name.encode()]
    return out


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return make_fixture_warehouse(tmp_path_factory.mktemp("roles"))


@pytest.fixture(autouse=True)
def demo_env(warehouse, tmp_path, monkeypatch):
    """Demo mode with no accounts file; a fresh audit log per test (the warehouse is copied by path)."""
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    audit_file = access.audit_path(warehouse)
    audit_file.unlink(missing_ok=True)
    auth.limiter.clear()
    yield
    audit_file.unlink(missing_ok=True)


def open_as(user: str | None, page: str = "overview", **params) -> AppTest:
    """dashboard.py with `user` signed in (seeded like a successful sign-in), at `page`."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if user:
        at.session_state[auth.SESSION_KEY] = user
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def walk(node):
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for child in children.values():
        yield from walk(child)


def shown_bytes(at: AppTest) -> bytes:
    """Everything the page sent to the browser (tables as Arrow, charts as JSON, text),
    except warnings (they echo the refused URL value back to the viewer)."""
    parts = []
    for el in walk(at._tree):
        proto = getattr(el, "proto", None)
        if proto is None or (type(el).__name__ == "Warning"):
            continue
        parts.append(proto.SerializeToString())
    # widget ids and form/page hashes are 32 hex digits: they may hold 18 decimal digits in a row
    return HASH_RE.sub(b"", b"\n".join(parts))


def exports(at: AppTest) -> dict[str, export.ExportSpec]:
    return dict(at.session_state["_exports"]) if "_exports" in at.session_state else {}


def export_all(at: AppTest) -> list[tuple[str, str, bytes]]:
    """Every export button of the page in every format, through the button's own callable."""
    return [(key, f, export.produce(spec, f)) for key, spec in exports(at).items() for f in spec.formats]


def as_text(fmt_: str, raw: bytes) -> bytes:
    """Every cell of an export (header and Keterangan sheet included), one per line, so a
    check sees cells, not compressed bytes or separators."""
    if fmt_ == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(raw))
        cells = [v for ws in book for row in ws.iter_rows(values_only=True) for v in row]
    else:
        df = frame(fmt_, raw)
        cells = list(df.columns) + [v for c in df.columns for v in df[c].cast(pl.String).to_list()]
    return "\n".join(str(v) for v in cells if v is not None).encode()


def frame(fmt_: str, raw: bytes) -> pl.DataFrame:
    if fmt_ == "parquet":
        return pl.read_parquet(io.BytesIO(raw))
    if fmt_ == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(raw))["Data"].iter_rows(values_only=True))
        return pl.DataFrame([[str(v) if v is not None else None for v in r] for r in rows[1:]],
                            schema=[str(c) for c in rows[0]], orient="row") if rows else pl.DataFrame()
    return pl.read_csv(io.BytesIO(raw), separator=";" if fmt_ == "csv_id" else ",", infer_schema=False)


def audit_events(event: str | None = None) -> pl.DataFrame:
    log = access.read_audit(limit=10_000)
    return log.filter(event=event) if event else log


# -- each role on each page ------------------------------------------------------------

@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("page", list(PAGES))
def test_role_on_page(role, page, warehouse):
    user = ROLES[role]
    params = {"opd": OTHER_SHORT, "drill": OTHER_SHORT} if role == "opd" else {}
    at = open_as(user, page, **params)
    assert at.title[0].value

    if page in ADMIN_ONLY and role != "admin":
        assert any("Akses ditolak" in e.value for e in at.error), [e.value for e in at.error]
        assert not at.dataframe and not exports(at) and not at.get("file_uploader")
        denied = [json.loads(d) for d in audit_events("akses_ditolak")["details"]]
        assert [d["halaman"] for d in denied if "jenis" not in d] == [PAGES[page]]  # the page refusal
        assert set(audit_events("akses_ditolak")["username"]) == {user}
        return
    assert not at.error, [e.value for e in at.error]

    files = export_all(at)
    logged = audit_events("ekspor")
    assert logged.height == len(files)  # every export built is in the audit log ...
    assert set(logged["username"]) <= {user}
    for (key, f, raw), row in zip(files, reversed(logged.to_dicts())):  # ... newest first
        details = json.loads(row["details"])
        assert details["format"] == f and details["halaman"] == PAGES[page]
        assert details["judul"] == exports(at)[key].meta.title
        assert row["rows"] == frame(f, raw).height

    if role == "admin" and page in ("overview", "explore"):  # the checks below can see a leak
        assert any(bad in shown_bytes(at) for bad in forbidden_for_opd())
    if role == "admin" and page == "discipline":
        assert any(NIP_RE.search(as_text(f, raw)) for _, f, raw in files)
    if role == "opd":
        shown = shown_bytes(at)
        for bad in forbidden_for_opd():
            assert bad not in shown, f"{page}: {bad!r} shown to an OPD account of {OWN}"
        assert at.sidebar.multiselect(key="opd").options == ["Disdik"]  # only its own OPD to choose
        for key, f, raw in files:
            text = as_text(f, raw)
            if key == "tpp_rekap":  # the recap's sign-off names the BKPSDM as the second signer (layout text)
                text = text.replace(tpp_recap.SIGN_OFF_BKPSDM.encode(), b"")
            for bad in forbidden_for_opd():
                assert bad not in text, f"{page} {key} {f}: {bad!r} exported to an OPD account"
            df = frame(f, raw)
            if "opd_code" in df.columns:
                assert set(df["opd_code"].drop_nulls()) <= {OWN}, (page, key, f)
            if "nip" in df.columns:
                assert set(df["nip"].drop_nulls()) <= OWN_NIPS, (page, key, f)
        denied = audit_events("akses_ditolak")
        assert denied.height >= 1  # the URL naming another OPD is logged ...
        assert any(OTHER_SHORT in d for d in denied["details"])
        at.run()  # ... once per session and value: a rerun (a click) does not log it again
        assert audit_events("akses_ditolak").height == denied.height

    if role == "analis":
        shown = shown_bytes(at)
        found = NIP_RE.search(shown)
        assert not found, f"{page}: a NIP is shown to the analis: {shown[max(0, found.start() - 300):found.end() + 80]!r}"
        for name in NAMES:
            assert name.encode() not in shown, f"{page}: {name} shown to the analis"
        for key, f, raw in files:
            text = as_text(f, raw)
            assert not NIP_RE.search(text), f"{page} {key} {f}: a NIP is exported to the analis"
            for name in NAMES:
                assert name.encode() not in text, f"{page} {key} {f}: {name} exported to the analis"


def test_opd_account_tiles_are_its_own_opd(warehouse):
    """Given OPD B in the URL, the tiles of an OPD account are those of its own OPD (A)."""
    at = open_as("dinkes", "overview", opd=OTHER_SHORT)
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    row = con.sql("select * from mart_opd_monthly where opd_code = $c order by month desc limit 1",
                  params={"c": OWN}).pl().row(0, named=True)
    con.close()
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Indeks Budaya Kerja"] == fmt.number(row["culture_index"])
    assert tiles["Disiplin"] == fmt.number(row["discipline_score"])
    assert "Disdik" in at.markdown[0].value  # the headline names the account's own OPD


@pytest.mark.parametrize("table", ["dim_pegawai", "mart_discipline_monthly", "mart_outliers",
                                   "fct_attendance_daily", "mart_region_monthly"])
def test_opd_account_explores_and_exports_only_its_opd(table):
    at = open_as("dinkes", "explore", tabel=table, opd=OTHER_SHORT)
    assert at.selectbox(key="tabel").value == table
    full = export.produce(exports(at)["explore_table"], "csv_teknis")
    df = pl.read_csv(io.BytesIO(full), infer_schema=False)
    if "opd_code" in df.columns:
        assert set(df["opd_code"]) == {OWN}
    if "nip" in df.columns:
        assert set(df["nip"]) <= OWN_NIPS and df.height > 0
    for bad in forbidden_for_opd():
        assert bad not in full


def test_analis_pseudonyms_are_stable_across_exports_and_sessions():
    first = open_as("analis", "explore", tabel="dim_pegawai")
    second = open_as("analis", "explore", tabel="dim_pegawai")
    a = pl.read_csv(io.BytesIO(export.produce(exports(first)["explore_table"], "csv_teknis")), infer_schema=False)
    b = pl.read_parquet(io.BytesIO(export.produce(exports(second)["explore_table"], "parquet")))
    assert a["nip"].to_list() == b["nip"].to_list()
    assert all(re.fullmatch(r"ASN-[0-9A-F]{10}", n) for n in a["nip"])
    assert a["name"].to_list() == [f"Pegawai {n}" for n in a["nip"]]
    assert a.height == len(EMPLOYEES)  # all OPDs, pseudonymised


def test_pimpinan_and_analis_cannot_browse_the_quarantine():
    for user in ("sekda", "analis", "dinkes"):
        at = open_as(user, "explore", tabel="quarantine")
        assert at.selectbox(key="tabel").value != "quarantine"
        assert "quarantine" not in at.selectbox(key="tabel").options
        assert "ingest_batches" not in at.selectbox(key="tabel").options
    assert audit_events("akses_ditolak").height == 3
    admin = open_as("admin", "explore", tabel="quarantine")
    assert admin.selectbox(key="tabel").value == "quarantine"


# -- sign-in, rate limit, sign-out -------------------------------------------------------

def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="masuk_nama").input(user)
    at.text_input(key="masuk_sandi").input(password)
    return at.button(key="masuk_kirim").click().run()


def test_nobody_signed_in_sees_only_the_sign_in_page_on_every_url():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert [t.value for t in at.title] == ["Masuk"]
    assert not at.metric and not exports(at)
    demo = at.dataframe[0].value
    assert list(demo["Nama pengguna"]) == ["admin", "sekda", "analis", "dinkes"]
    assert list(demo["Kata sandi"]) == [access.DEMO_PASSWORDS[u] for u in demo["Nama pengguna"]]
    # every url path of the app is registered, and each one is the sign-in page (no page file)
    registered = at._registered_pages.values()
    assert {info.get("url_pathname") for info in registered} >= set(PAGES.values()) - {"ringkasan"}
    assert not any(info.get("script_path") for info in registered)
    with pytest.raises(ValueError):
        at.switch_page("pages/manage_data.py")


def test_sign_in_form_sign_out_and_audit():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["opd"] = "Disdik"
    at.run()
    sign_in(at, "sekda", "salah")
    assert at.error[0].value == "Nama pengguna atau kata sandi salah."
    assert at.title[0].value == "Masuk"
    sign_in(at, "SEKDA ", access.DEMO_PASSWORDS["sekda"])
    assert not at.exception
    assert at.title[0].value == "Ringkasan"
    assert "Sekretaris Daerah (demo)" in at.sidebar.markdown[0].value
    assert at.sidebar.multiselect(key="opd").value == ["1.01"]  # the deep link survived signing in
    assert at.session_state["masuk_sandi"] == ""  # the password is not kept
    at.sidebar.button(key="keluar").click().run()
    assert at.title[0].value == "Masuk"
    assert auth.SESSION_KEY not in at.session_state
    assert audit_events()["event"].to_list() == ["keluar", "masuk", "masuk_gagal"]


def test_sign_in_is_rate_limited_per_account():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for _ in range(access.MAX_FAILURES):
        sign_in(at, "admin", "tebakan")
    sign_in(at, "admin", access.DEMO_PASSWORDS["admin"])  # right password, but locked now
    assert at.title[0].value == "Masuk"
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    other = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()  # another session, same lock
    sign_in(other, "admin", access.DEMO_PASSWORDS["admin"])
    assert "Terlalu banyak" in other.error[0].value
    sign_in(other, "analis", access.DEMO_PASSWORDS["analis"])  # other accounts are unaffected
    assert other.title[0].value == "Ringkasan"
    events = audit_events()["event"].to_list()
    assert events.count("masuk_gagal") == access.MAX_FAILURES and events.count("masuk_ditolak") == 2


def test_no_accounts_and_no_demo_refuses_to_run(monkeypatch):
    monkeypatch.delenv("BUDAYA_DEMO")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state[auth.SESSION_KEY] = "admin"  # even a forged session gets nothing
    at.run()
    assert at.title[0].value == "Dasbor belum dapat dijalankan"
    assert "BUDAYA_DEMO=1" in at.error[0].value
    assert not at.metric and not at.dataframe and not at.text_input


# -- accounts file and OIDC ---------------------------------------------------------------

def _accounts(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "akun.toml"
    hashed = bcrypt.hashpw(b"rahasia-kecamatan", bcrypt.gensalt(4)).decode()
    path.write_text(f'''
pseudonym_key = "kunci-rahasia-uji-0123456789"
[akun.duaopd]
nama = "Kepala Dua OPD"
peran = "opd"
opd = ["1.01", "7.01"]
sandi_bcrypt = "{hashed}"
[akun.kadisdik]
nama = "Kepala Dinas Pendidikan"
peran = "opd"
opd = ["1.01"]
email = "Kadisdik@Pemda.go.id"
''', encoding="utf-8")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(path))
    monkeypatch.delenv("BUDAYA_DEMO")
    return path


def test_accounts_file_opd_account_with_two_opds(tmp_path, monkeypatch):
    _accounts(tmp_path, monkeypatch)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.dataframe  # no demo accounts listed outside demo mode
    sign_in(at, "duaopd", "rahasia-kecamatan")
    assert at.title[0].value == "Ringkasan"
    assert sorted(at.sidebar.multiselect(key="opd").options) == ["Disdik", "Kec. Kota"]
    at.switch_page("pages/explore.py").run()
    df = pl.read_csv(io.BytesIO(export.produce(exports(at)["explore_table"], "csv_teknis")), infer_schema=False)
    assert set(df["opd_code"]) == {"1.01", "7.01"}


def test_oidc_email_maps_to_an_account_and_unknown_email_is_refused(tmp_path, monkeypatch):
    _accounts(tmp_path, monkeypatch)
    secrets = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                        "client_id": "dasbor", "client_secret": "s",
                        "server_metadata_url": "https://idp.example/.well-known/openid-configuration"}}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(secrets)
    at.user = {"is_logged_in": True, "email": "kadisdik@pemda.go.id", "name": "Kadisdik"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Ringkasan"
    assert "Kepala Dinas Pendidikan" in at.sidebar.markdown[0].value
    assert at.sidebar.multiselect(key="opd").options == ["Disdik"]
    unknown = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    unknown.secrets.update(secrets)
    unknown.user = {"is_logged_in": True, "email": "orang.lain@gmail.com"}
    unknown.run()
    assert unknown.title[0].value == "Masuk"
    assert any("orang.lain@gmail.com tidak terdaftar" in e.value for e in unknown.error)
    log = audit_events()
    assert log.filter(event="masuk")["username"].to_list() == ["kadisdik"]
    refused = log.filter(event="masuk_ditolak")
    assert refused["username"].to_list() == ["orang.lain@gmail.com"]
    assert json.loads(refused["details"][0])["metode"] == "oidc"


# -- uploads ----------------------------------------------------------------------------

class Upload:
    """What st.file_uploader hands the page: a name and the bytes."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def zip_bomb() -> bytes:
    """An .xlsx-named zip whose one member inflates 1000x (64 MB of zeros in ~64 KB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (64 * 1024 * 1024))
    return buf.getvalue()


OPD_CSV = b"KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n9.99;Dinas Baru;DB;Dinas\n"


@pytest.mark.parametrize(("upload", "words"), [
    (Upload("rekap.xlsx", zip_bomb()), "bom dekompresi"),
    (Upload("besar.csv", OPD_CSV + b"9.98;Dinas Lain;DL;Dinas\n" * 60_000), "melebihi batas 1 MB"),
    (Upload("makro.xlsm", b"PK\x03\x04"), "jenis .xlsm tidak diterima"),
    (Upload("../../etc/cron.d/x.exe", b"MZ"), "jenis .exe tidak diterima"),
])
def test_refused_upload_loads_nothing(tmp_path, monkeypatch, upload, words):
    monkeypatch.setenv("BUDAYA_MAX_UPLOAD_MB", "1")
    target = tmp_path / "ingest.duckdb"
    good = Upload("opd.csv", OPD_CSV)
    outcome = manage.ingest_uploads([good, upload], username="admin", warehouse=target)
    assert outcome.results == [] and outcome.error == "Tidak ada berkas yang dimuat."
    assert len(outcome.refused) == 1 and words in outcome.refused[0], outcome.refused
    assert not target.exists()  # nothing was loaded, not even the good file
    entry = access.read_audit(target).row(0, named=True)
    assert entry["event"] == "unggah_ditolak" and entry["username"] == "admin" and entry["rows"] == 0
    assert json.loads(entry["details"])["berkas"] == ["opd.csv", upload.name]


def test_upload_name_is_never_a_path(tmp_path):
    target = tmp_path / "ingest.duckdb"
    outcome = manage.ingest_uploads([Upload("../../../tmp/opd.csv", OPD_CSV)], username="admin", warehouse=target)
    assert outcome.error is None and outcome.results[0].status == "loaded"
    assert outcome.results[0].file_name == "../../../tmp/opd.csv"  # shown as sent ...
    con = duckdb.connect(str(target), read_only=True)
    stored = con.execute("select file_name from ingest_batches").fetchall()
    con.close()
    assert stored == [("opd.csv",)]  # ... but stored and written under a plain basename
    assert json.loads(access.read_audit(target)["details"][0])["berkas"] == ["../../../tmp/opd.csv"]


# -- the same on the demo region (the real pipeline's build) ------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("role", ["opd", "analis"])
@pytest.mark.parametrize("page", [p for p in PAGES if p not in ADMIN_ONLY])
def test_role_on_the_demo_region(demo_region, monkeypatch, role, page):
    """dinkes is the Dinas Kesehatan of the demo region; given another OPD in the URL it sees
    and exports only its own; analis exports carry no NIP or name of dim_pegawai."""
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(demo_region.warehouse))
    con = duckdb.connect(str(demo_region.published), read_only=True)
    opd = con.sql("select opd_code, opd_name, opd_short from dim_opd").pl()
    people = con.sql("select nip, name, opd_code from dim_pegawai").pl()
    con.close()
    own = opd.filter(opd_name="Dinas Kesehatan")["opd_code"][0]
    other = opd.filter(pl.col("opd_code") != own).sort("opd_code")["opd_short"][0]
    params = {"opd": other, "drill": other} if role == "opd" else {}
    at = open_as(ROLES[role], page, **params)
    assert not at.error
    if role == "opd":
        assert at.sidebar.multiselect(key="opd").options == opd.filter(opd_code=own)["opd_short"].to_list()
    own_nips = set(people.filter(opd_code=own)["nip"])
    names = [n.encode() for n in people["name"] if len(n) > 8]  # long enough not to occur by chance
    before = audit_events("ekspor").height  # the demo region's audit log is shared by these tests
    for key, f, raw in export_all(at):
        df = frame(f, raw)
        if role == "opd":
            if "opd_code" in df.columns:
                assert set(df["opd_code"].drop_nulls()) <= {own}, (page, key, f)
            if "nip" in df.columns:
                assert set(df["nip"].drop_nulls()) <= own_nips, (page, key, f)
        else:
            text = as_text(f, raw)
            assert not NIP_RE.search(text), (page, key, f)
            assert not [n for n in names if n in text], (page, key, f)
    assert audit_events("ekspor").height - before == sum(len(s.formats) for s in exports(at).values())


def test_demo_opd_is_dinas_kesehatan_else_the_largest_opd():
    opd = pl.DataFrame({"opd_code": ["2.01", "1.01", "3.01"], "opd_name": ["Dinas A", "Dinas B", "Dinas Kesehatan"],
                        "employees_active": [10, 10, 1]})
    assert auth.pick_demo_opd(opd) == "3.01"
    assert auth.pick_demo_opd(opd.head(2)) == "1.01"  # a tie: the lowest code
    assert auth.pick_demo_opd(opd.head(0)) == ""      # nothing published yet: dinkes sees nothing
