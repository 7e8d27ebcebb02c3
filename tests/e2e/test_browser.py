"""Real browser: `streamlit run app.py` (dashboard.py + the session routes) + Debian chromium driven by Playwright.

Covers what AppTest cannot: the widget -> URL write-back, reload keeping the view,
click-to-drill on a chart, presentation mode without sidebar, real downloads (and their
audit entries), the upload form of Kelola Data (and a refused zip bomb), and sign-in,
sign-out and a refused page, a sign-in kept across reloads and tabs (session cookie) and a
cold deep link. The server runs in demo mode (BUDAYA_DEMO=1, no accounts file); a new
browser context signs in through the form. Screenshots of every page in
both modes are written to tests/artifacts/screenshots/ (gitignored).

    pytest -m browser tests/e2e
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import openpyxl
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import make_fixture_warehouse  # noqa: E402

from bench import browser as bench_browser  # noqa: E402
from pages import registry  # noqa: E402
from pages.ui import format as fmt  # noqa: E402
from pages.ui import text  # noqa: E402
from warehouse.access import DEMO_PASSWORDS, read_audit  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
PAGES = {("" if p is registry.DEFAULT else p.url): p.title for p in registry.PAGES}  # the default page is "/"

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class Server(bench_browser.Server):
    """One `streamlit run app.py` on a free local port, reading `warehouse` (its own session store)."""

    def __init__(self, warehouse: Path, **env_extra: str):
        super().__init__(warehouse, warehouse.parent, **env_extra)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return make_fixture_warehouse(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(warehouse, browser):
    srv = Server(warehouse)
    yield srv
    srv.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True,
                                  locale="en-US")  # an en-US laptop must still see 1.234,5
    pg = context.new_page()
    yield pg
    context.close()


def settle(pg, quiet: int = 4) -> None:
    """Wait until the script has stopped running and no skeleton is left, for `quiet` polls."""
    calm = 0
    for _ in range(240):
        busy = pg.evaluate("""() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return !app || app.getAttribute('data-test-script-state') === 'running'
                || document.querySelectorAll('[data-testid="stSkeleton"]').length > 0; }""")
        calm = 0 if busy else calm + 1
        if calm >= quiet:
            return
        pg.wait_for_timeout(250)
    raise AssertionError("the app kept running")


def title(pg) -> str:
    return pg.locator("h1").first.inner_text().strip()


def sign_in(pg, user: str = "admin", password: str | None = None) -> None:
    """Fill the sign-in form (a new browser session starts signed out)."""
    pg.get_by_label("Nama pengguna").fill(user)
    pg.locator('input[type="password"]').fill(DEMO_PASSWORDS[user] if password is None else password)
    pg.get_by_role("button", name="Masuk", exact=True).click()
    settle(pg)


def signed_in(pg, user: str | None = "admin") -> None:
    """Sign in when the sign-in page is shown (after a goto or reload); the URL is kept."""
    if user and title(pg) == "Masuk":
        sign_in(pg, user)
        assert title(pg) != "Masuk", pg.locator('[data-testid="stAlert"]').all_inner_texts()


def open_(pg, url: str, user: str | None = "admin") -> None:
    pg.goto(url)
    pg.wait_for_selector('[data-testid="stApp"]')
    settle(pg)
    signed_in(pg, user)
    assert pg.locator('[role="dialog"]').count() == 0, pg.locator('[role="dialog"]').first.inner_text()
    assert pg.locator('[data-testid="stException"]').count() == 0, pg.locator(
        '[data-testid="stException"]').first.inner_text()


def wait_path(pg, path: str) -> None:
    """Streamlit switches pages with pushState: poll the URL, then let the run finish."""
    for _ in range(80):
        if urlparse(pg.url).path.endswith(path):
            settle(pg)
            return
        pg.wait_for_timeout(250)
    raise AssertionError(f"still at {pg.url}")


def open_options(pg, combo) -> None:
    """Open a selectbox's list. A click while the charts above are still laying out can land
    as a focus only, so click again until the options show."""
    for _ in range(4):
        combo.click()
        try:
            pg.wait_for_selector('[role="option"]', timeout=4_000)
            return
        except sync_api.TimeoutError:
            settle(pg)
    raise AssertionError("the selectbox did not open")


def upload(pg, path: Path) -> None:
    """Put a file in Kelola Data's uploader, wait until the browser has sent it, then load it."""
    pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    pg.locator('[data-testid="stFileUploader"]').get_by_text(path.name, exact=True).wait_for(timeout=60_000)
    settle(pg)
    pg.get_by_role("button", name="Muat ke gudang data").click()


def query(pg) -> dict[str, list[str]]:
    return parse_qs(urlparse(pg.url).query)


def metric(pg, label: str) -> str:
    tile = pg.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def direct(warehouse: Path, sql: str, params: dict | None = None) -> pl.DataFrame:
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    try:
        return con.sql(sql, params=params or {}).pl()
    finally:
        con.close()


SIZES = ((1366, 768), (1920, 1080))
SLIDES = [("" if p is registry.DEFAULT else p.url) for p in registry.SLIDES]
CONTROLS = ('button, a[href], input, select, textarea, [role="button"], [role="combobox"], [role="slider"], '
            '[role="checkbox"], [role="radio"], [role="tab"], .modebar, [data-testid="stFileUploader"]')


def visible_controls(pg) -> list[str]:
    """Every control a presenter could see on the screen (text of each)."""
    return pg.evaluate("""(sel) => [...document.querySelectorAll(sel)].filter(e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
            && r.bottom > 0 && r.top < innerHeight; })
        .map(e => e.tagName + ':' + (e.innerText || e.getAttribute('aria-label') || e.className).slice(0, 40))""",
                       CONTROLS)


def slide_fit(pg) -> dict:
    """Heights of the content (scrollHeight, whatever the overflow) against the window, and the chart."""
    return pg.evaluate("""() => {
        const q = (s) => document.querySelector(s);
        const block = q('[data-testid="stMainBlockContainer"]');
        const chart = q('[data-testid="stMainBlockContainer"] .js-plotly-plot');
        const cut = [...document.querySelectorAll('[data-testid="stMetricLabel"] p, .headline, h1')]
            .filter(e => e.scrollWidth > e.clientWidth + 1)  // one-line ellipsis or text running out
            .map(e => e.innerText);
        return {window: innerHeight, document: document.documentElement.scrollHeight,
                main: q('[data-testid="stMain"]').scrollHeight, block: block.scrollHeight,
                content: Math.max(...[...block.querySelectorAll('[data-testid="stVerticalBlock"] > *')]
                    .map(e => e.getBoundingClientRect()).filter(r => r.height > 0).map(r => r.bottom)),
                chart: chart ? chart.getBoundingClientRect().height : 0, cut}; }""")


def test_every_page_in_both_modes(server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for path, name in PAGES.items():
            stem = f"{path or 'ringkasan'}_{width}x{height}"
            open_(page, f"{server.url}/{path}")
            assert title(page) == name
            assert page.locator('section[data-testid="stSidebar"]').is_visible()
            page.screenshot(path=str(SHOTS / f"{stem}.png"), full_page=True)
            open_(page, f"{server.url}/{path}?presentasi=1")
            assert not page.locator('section[data-testid="stSidebar"]').is_visible()
            page.screenshot(path=str(SHOTS / f"{stem}__presentasi.png"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_slides_fit_the_screen_with_no_control(server, page, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    for path in SLIDES:
        open_(page, f"{server.url}/{path}?presentasi=1")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] .js-plotly-plot')
        settle(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"slide_{path or 'ringkasan'}_{width}x{height}.png"))
        fit = slide_fit(page)
        assert max(fit["document"], fit["main"], fit["block"], fit["content"]) <= height, (path, fit)
        assert fit["chart"] >= 0.3 * height, (path, fit)  # the chart is not squeezed away
        assert not fit["cut"], (path, fit)                # no tile label or headline cut off
        assert visible_controls(page) == [], path
    # Kelola Data and Jelajah are no slides: no upload, no publish, no table; → opens the first slide
    for path in ("kelola-data", "jelajah"):
        open_(page, f"{server.url}/{path}?presentasi=1")
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert page.get_by_role("button", name="Terbitkan").count() == 0
        assert visible_controls(page) == [], path
        assert "tidak termasuk slide" in page.locator(".headline").inner_text()
    page.keyboard.press("ArrowRight")
    wait_path(page, "/")
    assert title(page) == registry.SLIDES[0].title and query(page).get("presentasi") == ["1"]
    page.keyboard.press("ArrowLeft")  # the first slide's previous is the last one
    wait_path(page, f"/{registry.SLIDES[-1].url}")
    page.keyboard.press("ArrowLeft")
    wait_path(page, f"/{registry.SLIDES[-2].url}")
    page.keyboard.press("Escape")
    settle(page)
    assert "presentasi" not in query(page)


def test_presentation_key_u_downloads_the_rakor_deck_with_no_control_on_screen(server, page, warehouse):
    """Presentation mode has no button, but the presenter still takes the deck: U gives the PPTX of this
    view (hidden button the key clicks), and the download is audited."""
    open_(page, f"{server.url}/kedisiplinan?presentasi=1")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] .js-plotly-plot')
    settle(page)
    assert visible_controls(page) == []
    assert "U / P unduh bahan rakor" in page.locator(".slide-hint").inner_text()
    with page.expect_download(timeout=120_000) as info:
        page.keyboard.press("u")
    assert info.value.suggested_filename.startswith("bahan_rakor_") and info.value.suggested_filename.endswith(".pptx")
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"  # a zip: the PPTX itself
    logged = read_audit(warehouse, events=["ekspor"])
    assert "bahan_rakor" in [json.loads(d)["tabel"] for d in logged["details"]]


def test_numbers_are_indonesian_on_an_en_us_browser(server, page, warehouse):
    open_(page, f"{server.url}/")
    last = direct(warehouse, "select culture_index from mart_region_monthly order by month desc limit 1")[0, 0]
    assert metric(page, "Indeks Budaya Kerja") == f"{last:.1f}".replace(".", ",")
    ticks = page.locator(".xtick text").evaluate_all("els => els.map(e => e.textContent)")
    assert any(t.startswith(("Okt", "Agu", "Mei", "Des")) for t in ticks), ticks


def test_filter_goes_to_the_url_and_survives_a_reload(server, page, warehouse):
    open_(page, f"{server.url}/")
    combo = page.get_by_role("combobox", name="OPD")
    combo.click()
    page.get_by_role("option", name="Disdik").click()
    page.keyboard.press("Escape")
    settle(page)
    assert query(page).get("opd") == ["Disdik"]
    opd = direct(warehouse, "select culture_index from mart_opd_monthly where opd_code = '1.01' "
                            "order by month desc limit 1")[0, 0]
    expected = f"{opd:.1f}".replace(".", ",")
    assert metric(page, "Indeks Budaya Kerja") == expected
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)
    signed_in(page)  # the session cookie keeps a reload signed in; the link keeps the view
    assert query(page).get("opd") == ["Disdik"]
    assert metric(page, "Indeks Budaya Kerja") == expected
    # the same link opened elsewhere reopens the same view
    fresh = page.context.new_page()
    open_(fresh, page.url)
    assert metric(fresh, "Indeks Budaya Kerja") == expected
    fresh.close()


def test_filter_kept_across_pages(server, page):
    open_(page, f"{server.url}/?opd=BKPSDM")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Kedisiplinan").click()
    wait_path(page, "/kedisiplinan")
    assert query(page).get("opd") == ["BKPSDM"]


def click_row(pg, grid, row: int = 0) -> None:
    """Click the selection box of a st.dataframe row (the grid is a canvas: by position)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    pg.mouse.click(box["x"] + 14, box["y"] + 35 * (row + 1) + 17)
    settle(pg)


def in_view(pg, selector: str) -> bool:
    return pg.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= -5 && r.top < innerHeight; }""", selector)


def test_drill_from_an_opd(server, page, warehouse):
    open_(page, f"{server.url}/?periode=Jul%202026&periode=Sep%202026")
    bars = page.locator(".js-plotly-plot .barlayer .point path")
    bars.first.scroll_into_view_if_needed()
    assert bars.count() == 3
    box = bars.first.bounding_box()  # the ranking chart: click an OPD (plotly's drag layer takes the click)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_path(page, "/indeks")
    drilled = query(page).get("drill")
    assert drilled and drilled[0] in {"Disdik", "BKPSDM", "Kec. Kota"}
    assert query(page).get("periode") == ["Jul 2026", "Sep 2026"], "the chosen period goes along"
    page.wait_for_timeout(500)  # the scroll once the run has drawn the section
    assert in_view(page, ".st-key-telusur"), "the drilled OPD is scrolled into view"
    assert "solid" in page.locator(".st-key-telusur").evaluate("e => e.style.outline")  # and outlined
    # a unit row opens its employees, no selectbox needed
    units = page.locator(".st-key-telusur [data-testid='stDataFrame']").first
    click_row(page, units)
    assert query(page).get("unit")
    assert page.locator(".st-key-telusur [data-testid='stDataFrame']").count() == 2
    assert page.get_by_text("Pegawai ", exact=False).first.is_visible()


def test_an_outlier_row_opens_its_evidence(server, page, warehouse):
    open_(page, f"{server.url}/kinerja")
    grid = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text="Alasan")).first
    first_reason = grid.locator('[role="gridcell"]').all_inner_texts()
    click_row(page, grid)
    found = query(page).get("temuan")
    assert found and found[0].count("|") == 2
    page.wait_for_timeout(1_500)
    assert in_view(page, ".st-key-bukti")
    reason = page.locator(".st-key-bukti [data-testid='stAlert']").first.inner_text()
    assert reason.strip() and any(reason.strip() in c or c in reason for c in first_reason if len(c) > 20)
    # the link opens the same evidence in another tab
    other = page.context.new_page()
    open_(other, page.url)
    assert other.locator(".st-key-bukti").count() == 1
    other.close()


def test_presentation_mode_button_keeps_the_filters(server, page):
    open_(page, f"{server.url}/?opd=Disdik")
    page.get_by_role("button", name="Mode presentasi").click()
    settle(page)
    assert query(page).get("presentasi") == ["1"]
    assert query(page).get("opd") == ["Disdik"]
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    assert "Disdik" in page.locator(".headline").inner_text()
    page.keyboard.press("ArrowRight")  # next slide, still presenting, same filter
    wait_path(page, "/indeks")
    assert query(page).get("presentasi") == ["1"] and query(page).get("opd") == ["Disdik"]
    page.keyboard.press("Escape")
    settle(page)
    assert "presentasi" not in query(page)
    assert page.locator('section[data-testid="stSidebar"]').is_visible()


def _download(page, table_title: str, button: str):
    block = page.locator('[data-testid="stHorizontalBlock"]').filter(
        has=page.get_by_text(table_title, exact=True)).last  # the table's title row: title | Unduh
    block.get_by_role("button", name="Unduh").first.click()
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_downloads_equal_the_warehouse(server, page, warehouse):
    open_(page, f"{server.url}/indeks?periode=Jul%202026&periode=Sep%202026&opd=BKPSDM")
    expected = direct(warehouse, "select opd_code, month, culture_index from mart_opd_monthly "
                                 "where opd_code = '4.02' and month between $a and $b order by month",
                      {"a": dt.date(2026, 7, 1), "b": dt.date(2026, 9, 1)})
    index = text.label("culture_index")
    name, raw = _download(page, "Indeks per OPD-bulan", "CSV untuk Excel (;)")
    assert name.startswith("indeks_budaya_kerja_2026-07_2026-09_excel_") and name.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pl.read_csv(io.BytesIO(raw), separator=";", decimal_comma=True, try_parse_dates=True,
                      schema_overrides={"Kode OPD": pl.String})
    assert csv["Kode OPD"].to_list() == expected["opd_code"].to_list()  # the headers on screen
    assert csv["Bulan"].to_list() == expected["month"].to_list()
    assert csv[index].to_list() == [round(v, 1) for v in expected["culture_index"]]  # rounded as on screen
    page.keyboard.press("Escape")
    technical, raw = _download(page, "Indeks per OPD-bulan", "CSV kolom teknis (nama dan nilai gudang data)")
    assert technical != name and "_teknis_" in technical
    csv = pl.read_csv(io.BytesIO(raw), try_parse_dates=True, schema_overrides={"opd_code": pl.String})
    assert csv["opd_code"].to_list() == expected["opd_code"].to_list()
    assert csv["culture_index"].to_list() == pytest.approx(expected["culture_index"].to_list(), abs=1e-12)
    page.keyboard.press("Escape")
    name, raw = _download(page, "Indeks per OPD-bulan", "Excel (XLSX)")
    assert name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["Data", "Keterangan"]
    rows = list(book["Data"].iter_rows(values_only=True))
    header = list(rows[0])
    got = [dict(zip(header, r)) for r in rows[1:]]
    assert [r["Kode OPD"] for r in got] == ["4.02"] * expected.height
    assert [r[index] for r in got] == [round(v, 1) for v in expected["culture_index"]]
    info = dict(book["Keterangan"].iter_rows(values_only=True))
    assert info["Periode"] == "Jul 2026 – Sep 2026" and info["Filter: OPD"] == "BKPSDM"
    assert "Kode OPD = opd_code" in info["Kolom teknis"]
    logged = read_audit(warehouse, events=["ekspor"], username="admin")  # each download is audited
    formats = [json.loads(d)["format"] for d in logged["details"][:3]]
    assert formats == ["xlsx", "csv_teknis", "csv_id"] and logged["rows"][:3].to_list() == [expected.height] * 3
    assert json.loads(logged["details"][0])["filter"]["OPD"] == "BKPSDM"


def test_upload_with_bad_rows_shows_the_quarantine(tmp_path, browser):
    """Kelola Data on its own server and warehouse (it writes the ingest file)."""
    warehouse = make_fixture_warehouse(tmp_path)
    srv = Server(warehouse)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    try:
        open_(pg, f"{srv.url}/kelola-data")
        bad = tmp_path / "opd_baru.csv"
        bad.write_text("KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n1.01;Dinas Pendidikan;Disdik;Dinas\n"
                       ";Tanpa kode;X;Dinas\n2.02;Badan Entah;BE;Bukan Rumpun\n", encoding="utf-8")
        upload(pg, bad)
        pg.get_by_text("Baris dikarantina", exact=True).wait_for(timeout=120_000)
        settle(pg)
        headline = pg.get_by_text("dikarantina,").first.inner_text()
        assert "1 berkas" in headline
        quarantined = pg.locator('[data-testid="stDataFrame"]').nth(2)
        assert quarantined.is_visible()
        pg.screenshot(path=str(SHOTS / "kelola-data__karantina.png"), full_page=True)
        ingest = duckdb.connect(str(warehouse), read_only=True)
        n = ingest.execute("select count(*) from quarantine where file_name = 'opd_baru.csv'").fetchone()[0]
        batches = ingest.execute("select count(*) from ingest_batches").fetchone()[0]
        ingest.close()
        assert n >= 2 and f"{n} dikarantina" in headline
        # a zip bomb named .xlsx is refused with the reason, and nothing is loaded
        bomb = tmp_path / "rekap_pegawai.xlsx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/worksheets/sheet1.xml", b"0" * (64 * 1024 * 1024))
        upload(pg, bomb)
        pg.get_by_text("Tidak ada berkas yang dimuat.").wait_for(timeout=60_000)
        assert pg.get_by_text("ciri bom dekompresi").first.is_visible()
        ingest = duckdb.connect(str(warehouse), read_only=True)
        assert ingest.execute("select count(*) from ingest_batches").fetchone()[0] == batches
        ingest.close()
        assert read_audit(warehouse)["event"][0] == "unggah_ditolak"
    finally:
        context.close()
        srv.stop()


def test_a_too_big_or_wrong_file_is_refused_in_bahasa(tmp_path, browser):
    """Past BUDAYA_MAX_UPLOAD_MB, or of a type not taken: the refusal names the file and the limit in
    Bahasa; no English text of the browser's uploader (\"File must be …\", \"… files are not allowed\")."""
    warehouse = make_fixture_warehouse(tmp_path)
    srv = Server(warehouse, BUDAYA_MAX_UPLOAD_MB="1")
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    try:
        open_(pg, f"{srv.url}/kelola-data")
        big = tmp_path / "absensi_besar.csv"
        big.write_bytes(b"NIP;TANGGAL\n" + b"199001012015011001;2026-10-01\n" * 80_000)  # 2,4 MB
        upload(pg, big)
        pg.get_by_text("Tidak ada berkas yang dimuat.").wait_for(timeout=60_000)
        assert pg.get_by_text("melebihi batas 1 MB per berkas").first.is_visible()
        assert "absensi_besar.csv" in pg.locator('[data-testid="stAlert"]').first.inner_text()
        odd = tmp_path / "laporan.pdf"
        odd.write_bytes(b"%PDF-1.4 bukan data")
        upload(pg, odd)
        pg.get_by_text("jenis .pdf tidak diterima").first.wait_for(timeout=60_000)
        text = pg.locator("body").inner_text()
        assert "must be" not in text and "not allowed" not in text and "Error" not in text
        ingest = duckdb.connect(str(warehouse), read_only=True)
        assert ingest.execute("select count(*) from ingest_batches where file_name like 'absensi_besar%'"
                              ).fetchone()[0] == 0
        ingest.close()
    finally:
        context.close()
        srv.stop()


def test_an_unknown_layout_is_mapped_once_then_recognised(tmp_path, browser):
    """Kelola Data: a vendor file no layout knows is mapped column by column (preview with the
    parse result), loads, and a second file with the same header loads with no mapping asked."""
    warehouse = make_fixture_warehouse(tmp_path)
    srv = Server(warehouse)
    context = browser.new_context(viewport={"width": 1440, "height": 1400})
    pg = context.new_page()
    head = "No Pegawai,Tgl Absen,Datang,Pulang,Status Hadir,Catatan\n"
    try:
        open_(pg, f"{srv.url}/kelola-data")
        first = tmp_path / "vendor_x_sept.csv"
        first.write_text(head + "198501012010011001,01/09/2026,07:31,16:05,H,ok\n"
                         "199002022015032002,01/09/2026,,,S,sakit\n", encoding="utf-8")
        upload(pg, first)
        pg.get_by_text("Petakan kolom tata letak baru").wait_for(timeout=120_000)
        settle(pg)
        assert pg.get_by_text("Kolom wajib belum dipetakan: NIP.").first.is_visible()
        assert pg.get_by_text("Kolom NIP kosong.").count() >= 1  # each preview row's validation result
        combo = pg.locator('[data-testid="stSelectbox"]').filter(has_text="NIP *").first
        open_options(pg, combo)
        pg.get_by_role("option", name="No Pegawai", exact=True).click()
        settle(pg)
        pg.get_by_text("Pratinjau 5 baris dan hasil validasinya").wait_for(timeout=60_000)
        assert pg.get_by_text("Kolom wajib belum dipetakan").count() == 0
        pg.screenshot(path=str(SHOTS / "kelola-data__peta-kolom.png"), full_page=True)
        pg.get_by_role("button", name="Simpan peta dan muat berkas").click()
        pg.get_by_text("1 berkas: 2 baris dimuat").wait_for(timeout=120_000)
        second = tmp_path / "vendor_x_okt.csv"
        second.write_text(head + "198501012010011001,01/10/2026,07:20,16:02,H,ok\n", encoding="utf-8")
        upload(pg, second)
        pg.get_by_text("1 berkas: 1 baris dimuat").wait_for(timeout=120_000)
        settle(pg)
        assert pg.get_by_text("Petakan kolom tata letak baru").count() == 0
        assert pg.get_by_text("Peta kolom tersimpan").first.is_visible()
        ingest = duckdb.connect(str(warehouse), read_only=True)
        layouts = ingest.execute("select file_name, status, layout from ingest_batches where file_name like 'vendor%' "
                                 "order by started_at").fetchall()
        days = ingest.execute("select count(*) from raw_absensi_harian where batch_id in (select batch_id from "
                              "ingest_batches where layout = 'peta:vendor_x_sept')").fetchone()[0]
        ingest.close()
        assert layouts == [("vendor_x_sept.csv", "rejected", None), ("vendor_x_sept.csv", "loaded", "peta:vendor_x_sept"),
                           ("vendor_x_okt.csv", "loaded", "peta:vendor_x_sept")]
        assert days == 3
    finally:
        context.close()
        srv.stop()


@pytest.mark.slow
def test_publish_switches_the_dashboard_to_the_new_build(demo_region, tmp_path, browser):
    """Terbitkan on a copy of the demo region: the sidebar shows the new build id."""
    root = tmp_path / "demo"
    shutil.copytree(demo_region.warehouse.parent, root,
                    ignore=shutil.ignore_patterns("sumber"))
    warehouse = root / demo_region.warehouse.name
    before = current_build_file(warehouse).stem
    srv = Server(warehouse)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    try:
        open_(pg, f"{srv.url}/kelola-data")
        assert before in pg.locator('section[data-testid="stSidebar"]').inner_text()
        pg.get_by_role("button", name="Terbitkan").click()
        pg.get_by_text("selesai dalam").wait_for(timeout=120_000)
        after = current_build_file(warehouse).stem
        assert after != before
        open_(pg, f"{srv.url}/")
        assert after in pg.locator('section[data-testid="stSidebar"]').inner_text()
    finally:
        context.close()
        srv.stop()


def test_sign_in_sign_out_and_a_refused_page(server, page, warehouse):
    open_(page, f"{server.url}/", user=None)
    assert title(page) == "Masuk"
    assert page.get_by_text("Akun demo").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "masuk.png"), full_page=True)
    assert not page.locator('section[data-testid="stSidebar"]').get_by_text("Kelola Data").count()
    sign_in(page, "sekda", "tebakan")
    assert page.get_by_text("Nama pengguna atau kata sandi salah.").is_visible()
    assert title(page) == "Masuk"
    sign_in(page, "sekda")
    assert title(page) == "Ringkasan"
    sidebar = page.locator('section[data-testid="stSidebar"]')
    assert "Sekretaris Daerah (demo)" in sidebar.inner_text()
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Jelajah & Ekspor" in nav and "Kelola Data" not in nav and "Log Audit" not in nav
    page.screenshot(path=str(SHOTS / "masuk__pimpinan.png"), full_page=True)
    sidebar.get_by_role("button", name="Keluar").click()
    settle(page)
    assert title(page) == "Masuk"
    events = read_audit(warehouse, username="sekda")["event"].to_list()
    assert events[:3] == ["keluar", "masuk", "masuk_gagal"]

    # an OPD account typing the Kelola Data URL: signs in there, is refused, and it is logged
    open_(page, f"{server.url}/kelola-data", user=None)
    assert title(page) == "Masuk"
    sign_in(page, "dinkes")
    assert urlparse(page.url).path.endswith("/kelola-data")
    assert title(page) == "Kelola Data"
    assert page.get_by_text("Akses ditolak").first.is_visible()
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert "Kelola Data" not in page.locator('[data-testid="stSidebarNav"]').inner_text()
    page.screenshot(path=str(SHOTS / "kelola-data__ditolak.png"), full_page=True)
    denied = read_audit(warehouse, events=["akses_ditolak"], username="dinkes")
    assert json.loads(denied["details"][0])["halaman"] == "kelola-data"


def test_tpp_recap_download_and_simulation(server, page, warehouse):
    """The Rekomendasi TPP download (a deferred file, built outside the script run) equals the mart and
    is audited; a simulated band typed the Indonesian way changes the recommendation."""
    open_(page, f"{server.url}/tpp-rekomendasi")
    total = direct(warehouse, "select * from mart_tpp_opd_monthly where month = $m order by cut_share desc limit 1",
                   {"m": dt.date(2026, 10, 1)}).row(0, named=True)  # the page lists the largest cut share first
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh Rekomendasi TPP (XLSX)").click()
    name = info.value.suggested_filename
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()), data_only=True)
    assert name.startswith("rekomendasi_tpp_kec_kota_2026_10_") and book.sheetnames[0] == "Rekomendasi TPP"
    rows = list(book["Rekomendasi TPP"].iter_rows(values_only=True))
    total_row = next(r for r in rows if isinstance(r[1], str) and r[1].startswith("JUMLAH"))
    assert total["final_amount"] in total_row and total["cut_amount"] in total_row
    logged = read_audit(warehouse, events=["ekspor"], username="admin")
    assert json.loads(logged["details"][0])["tabel"] == "rekomendasi_tpp_Kec. Kota_2026-10"
    box = page.get_by_label("TL1: Terlambat 1–30 menit (%)")
    box.fill("2,5")
    box.press("Tab")
    page.get_by_role("button", name="Hitung simulasi").click()
    settle(page)
    assert page.get_by_text("Dengan aturan simulasi").count() == 1
    page.screenshot(path=str(SHOTS / "tpp_simulasi.png"))


def _signed_out(pg) -> bool:
    return title(pg) == "Masuk"


def test_sign_in_survives_reload_and_new_tab_and_sign_out_ends_it_everywhere(server, page):
    open_(page, f"{server.url}/kedisiplinan?opd=Disdik")  # signs in through the form
    cookie = next(c for c in page.context.cookies() if c["name"] == "budaya_sesi")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("budaya_sesi") == -1  # page JavaScript cannot read it
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)
    assert title(page) == "Kedisiplinan" and query(page).get("opd") == ["Disdik"]  # F5: no sign-in page
    other = page.context.new_page()  # a new tab (and a shared link) of the same browser
    open_(other, f"{server.url}/kinerja", user=None)
    assert title(other) == "Kinerja & Produktivitas"
    page.locator('section[data-testid="stSidebar"]').get_by_role("button", name="Keluar").click()
    settle(page)
    assert _signed_out(page)
    # the other tab is signed out at its next click, and by a reload
    other.locator('[data-testid="stSidebarNav"]').get_by_text("Ringkasan").click()
    settle(other)
    assert _signed_out(other)
    other.reload()
    other.wait_for_selector('[data-testid="stApp"]')
    settle(other)
    assert _signed_out(other)
    # replaying the old cookie in a fresh browser does not sign in (revoked server-side)
    fresh = page.context.browser.new_context()
    fresh.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    pg = fresh.new_page()
    open_(pg, f"{server.url}/", user=None)
    assert _signed_out(pg)
    # nor does a forged one
    fresh.clear_cookies()
    fresh.add_cookies([{**{k: cookie[k] for k in ("name", "domain", "path")}, "value": "palsu.tanda"}])
    open_(pg, f"{server.url}/", user=None)
    assert _signed_out(pg)
    fresh.close()


def test_cold_deep_link_has_no_dialog_and_the_session_expires(tmp_path, browser):
    """A server just started, its very first visitor opening a deep link: no "Page not found"
    dialog (Streamlit's v1 pages/ discovery), then a session that outlives its lifetime is gone."""
    warehouse = make_fixture_warehouse(tmp_path)
    srv = Server(warehouse, BUDAYA_SESSION_HOURS=str(30 / 3600))  # 30 seconds
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    try:
        pg.goto(f"{srv.url}/kinerja?opd=Disdik")
        pg.wait_for_selector('[data-testid="stApp"]')
        settle(pg)
        assert pg.locator('[role="dialog"]').count() == 0, pg.locator('[role="dialog"]').first.inner_text()
        assert title(pg) == "Masuk"
        signed_at = time.monotonic()
        sign_in(pg)
        assert urlparse(pg.url).path.endswith("/kinerja") and title(pg) == "Kinerja & Produktivitas"
        assert pg.locator('[role="dialog"]').count() == 0
        pg.reload()
        pg.wait_for_selector('[data-testid="stApp"]')
        settle(pg)
        assert title(pg) == "Kinerja & Produktivitas"  # still within its lifetime
        pg.wait_for_timeout(max(0.0, 31 - (time.monotonic() - signed_at)) * 1000)
        pg.reload()
        pg.wait_for_selector('[data-testid="stApp"]')
        settle(pg)
        assert _signed_out(pg)
    finally:
        context.close()
        srv.stop()


def _tile(pg, label: str):
    return pg.locator('[data-testid="stMetric"]').filter(has_text=label).first


def test_score_tiles_with_month_and_year_changes_on_every_page(server, page, warehouse):
    row = direct(warehouse, "select * from mart_region_monthly where month = date '2026-10-01'").row(0, named=True)

    def id_(x: float, signed: bool = False) -> str:
        text = f"{x:+.1f}" if signed else f"{x:.1f}"
        return text.replace(".", ",")

    for path, col, label in (("kedisiplinan", "discipline_score", "Skor disiplin, Okt 2026"),
                             ("kinerja", "performance_score", "Skor kinerja, Okt 2026"),
                             ("kompetensi", "competency_score", "Skor kompetensi, Okt 2026")):
        open_(page, f"{server.url}/{path}?periode=Jul%202026&periode=Okt%202026")
        tile = _tile(page, label)
        assert tile.locator('[data-testid="stMetricValue"]').inner_text() == id_(row[col]), path
        delta = tile.locator('[data-testid="stMetricDelta"]').inner_text()
        assert id_(row[f"{col}_mom_delta"], signed=True).lstrip("+") in delta, (path, delta)
        yoy = row[f"{col}_yoy_delta"]
        caption = tile.locator("xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").inner_text()
        assert (id_(yoy, signed=True) if yoy is not None else "–") + " vs tahun lalu" in caption, caption
    open_(page, f"{server.url}/kinerja?periode=Jul%202026&periode=Okt%202026")
    assert "Jul 2026–Okt 2026" in page.get_by_text("temuan tidak wajar").first.inner_text()
    # a change that rounds to zero is neutral: no arrow, not green
    open_(page, f"{server.url}/?periode=Jul%202026&periode=Okt%202026")
    zero = [c for c in ("culture_index", "discipline_score", "performance_score", "competency_score",
                        "behaviour_score") if row[f"{c}_mom_delta"] is not None and round(row[f"{c}_mom_delta"], 1) == 0]
    assert zero, "the fixture has a component without change in Okt 2026"
    deltas = page.locator('[data-testid="stMetricDelta"]').filter(has_text="0,0")
    assert deltas.count() >= 1
    for i in range(deltas.count()):
        d = deltas.nth(i)
        assert d.locator("svg").count() == 0 and "arrow" not in d.inner_html().lower()
        rgb = d.evaluate("e => getComputedStyle(e).color")
        r, g, b = (int(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
        assert abs(r - g) < 40 and abs(g - b) < 40, rgb  # grey, not green or red


def _cells(pg, table: int) -> list[str]:
    """The text of a st.dataframe's cells (its accessible grid), headers first."""
    grid = pg.locator('[data-testid="stDataFrame"]').nth(table)
    return grid.locator('[role="columnheader"], [role="gridcell"]').all_inner_texts()


def test_text_and_tables_read_as_bahasa_for_a_person(server, page, warehouse):
    page.set_viewport_size({"width": 1440, "height": 900})
    # Kelola Data: the uploader in Bahasa, not Streamlit's "Upload" / "200MB per file"
    open_(page, f"{server.url}/kelola-data")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    assert "Upload" not in zone.inner_text() and "per file" not in zone.inner_text()
    after = zone.evaluate("""z => [getComputedStyle(z.querySelector('button'), '::after').content,
        getComputedStyle(z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"]'), '::after').content]""")
    assert "Pilih berkas" in after[0] and "MB per berkas" in after[1], after
    # the filters start above the fold of a 900 px screen
    box = page.locator('section[data-testid="stSidebar"]').get_by_text("Periode", exact=True).bounding_box()
    assert box and box["y"] + box["height"] < 900, box
    # Metodologi: parameters named in words, values in id-ID
    open_(page, f"{server.url}/metodologi")
    params = next(i for i in range(page.locator('[data-testid="stDataFrame"]').count())
                  if _cells(page, i)[:2] == ["Parameter", "Nilai"])
    cells = _cells(page, params)
    names, values = cells[2::2], cells[3::2]
    assert names and not [n for n in names if "_" in n], names
    assert "Cakupan data minimal agar komponen dihitung" in names
    assert values[names.index("Cakupan data minimal agar komponen dihitung")] == "20%"
    assert not [v for v in values if v.replace(".", "", 1).isdigit() and "." in v], values  # no 50.0
    predikat = next(cells for i in range(page.locator('[data-testid="stDataFrame"]').count())
                    if (cells := _cells(page, i))[:2] == ["Predikat", "Poin"])
    assert "Sangat Baik" in predikat and "SANGAT BAIK" not in predikat
    # Jelajah: what the table holds, not its warehouse name
    open_(page, f"{server.url}/jelajah")
    headline = page.locator("h4").first.inner_text()
    assert headline.startswith("Indeks budaya kerja per OPD dan bulan") and "mart_" not in headline
    # BerAKHLAK: "Semester II 2026", not "2026-S2"
    open_(page, f"{server.url}/berakhlak")
    headline = page.locator("h4").first.inner_text()
    assert "Semester" in headline and "-S" not in headline, headline
    # Kinerja: conformity as Ya/Tidak text, not a checkbox
    open_(page, f"{server.url}/kinerja")
    curve = next(i for i in range(page.locator('[data-testid="stDataFrame"]').count())
                 if "Sesuai kurva" in _cells(page, i))
    cells = _cells(page, curve)
    assert {"Ya", "Tidak"} & set(cells) and not {"true", "false"} & set(cells)
    # Kedisiplinan: the sanction and the days to the next one among the first columns
    open_(page, f"{server.url}/kedisiplinan")
    warn = _cells(page, 0)
    assert warn.index("Sanksi (PP 94/2021)") <= 4 and any("berikutnya" in c for c in warn[:6]), warn[:8]
    # a one-OPD account is not told "Gabungan OPD terpilih"
    page.context.clear_cookies()
    open_(page, f"{server.url}/", user=None)
    if title(page) != "Masuk":  # still signed in as admin in this context: sign out first
        page.locator('section[data-testid="stSidebar"]').get_by_role("button", name="Keluar").click()
        settle(page)
    sign_in(page, "dinkes")
    assert title(page) == "Ringkasan"
    assert page.get_by_text("Gabungan OPD terpilih").count() == 0
    # freshness: the data date is never after the build date
    caption = page.locator('section[data-testid="stSidebar"]').get_by_text("Data s.d.").inner_text()
    info = direct(warehouse, "select period_end, built_at from build_info")
    shown = caption.split("Data s.d.")[1].split("·")[0].strip()
    until = min(info[0, 0], info[0, 1].date())
    assert shown == fmt.date(until), (shown, until)
