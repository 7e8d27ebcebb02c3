"""Real browser: Profil Pegawai. A row of Kedisiplinan's early-warning table opens the person's
profile (`?nip=`, kept across a reload by the session cookie) with the name and the values of the
warehouse; a kepala OPD account cannot open a person of another OPD. Screenshots of the profile at
1366x768 and 1920x1080 go to tests/artifacts/screenshots/ (profil-pegawai_*).

    pytest -m browser tests/e2e/test_browser_profile.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_browser import (  # noqa: F401  (fixtures and helpers of the browser suite)
    SHOTS,
    browser,
    click_row,
    open_,
    page,
    server,
    settle,
    signed_in,
    wait_path,
    warehouse,
)

from pages.ui import format as fmt
from warehouse.paths import current_build_file

pytestmark = pytest.mark.browser
YANTI = "199106142016032020"   # Kec. Kota, 12 TK days in 2026 (Sedang), TPP cut by a decided sanction
ANDI = "199303032021212003"    # Disdik, low_productivity in October


def direct(warehouse: Path, sql: str, params: dict) -> dict:
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    try:
        return con.sql(sql, params=params).pl().row(0, named=True)
    finally:
        con.close()


def tiles(pg) -> dict[str, str]:
    out = {}
    for m in pg.locator('[data-testid="stMetric"]').all():
        label = m.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = m.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


def shoot(pg, stem: str) -> None:
    """The first screen at each size, and the whole page at that width (`_penuh`: the app scrolls
    inside its own container, so the viewport is made as tall as the content)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (1920, 1080)):
        pg.set_viewport_size({"width": width, "height": height})
        settle(pg)
        pg.wait_for_timeout(800)  # plotly redraws to the new width
        pg.screenshot(path=str(SHOTS / f"{stem}_{width}x{height}.png"))
        tall = pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        pg.set_viewport_size({"width": width, "height": min(int(tall) + 40, 12_000)})
        settle(pg)
        pg.wait_for_timeout(800)
        pg.screenshot(path=str(SHOTS / f"{stem}_{width}x{height}_penuh.png"))
    pg.set_viewport_size({"width": 1366, "height": 768})


def test_a_warning_row_opens_the_profile(server, page, warehouse):
    open_(page, f"{server.url}/kedisiplinan?periode=Jul%202026&periode=Sep%202026")  # a filter in the URL goes along
    grid = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text="Sanksi (PP 94/2021)")).first
    cells = grid.locator('[role="gridcell"]').all_inner_texts()
    page.set_viewport_size({"width": 1366, "height": 768})
    grid.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kedisiplinan_peringatan_profil_1366x768.png"))
    nip = next(c.strip() for c in cells if c.strip().isdigit() and len(c.strip()) == 18)  # the first row's NIP
    assert f"profil-pegawai?nip={nip}" in [c.strip() for c in cells]  # the "Profil" link, besides the row click
    click_row(page, grid)
    wait_path(page, "/profil-pegawai")
    assert parse_qs(urlparse(page.url).query).get("nip") == [nip]
    assert parse_qs(urlparse(page.url).query).get("periode") == ["Jul 2026", "Sep 2026"]
    who = direct(warehouse, "select name from dim_pegawai where nip = $n", {"n": nip})
    year = direct(warehouse, "select * from mart_discipline_yearly where nip = $n and year = 2026", {"n": nip})
    assert page.locator("h3").filter(has_text=who["name"]).count() == 1
    shown = tiles(page)
    assert shown["Hari TK kumulatif"] == fmt.integer(year["absent_days"])
    assert shown["Hari tidak masuk ekuivalen"] == fmt.integer(year["equivalent_absent_days"])
    assert shown["Anak tangga PP 94/2021"] == year["sanction_category"]
    # a reload keeps the person (URL) and the sign-in (cookie)
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "Profil Pegawai"
    assert page.locator("h3").filter(has_text=who["name"]).count() == 1


def test_the_profile_shows_the_tpp_cut_lines_and_the_values(server, page, warehouse):
    open_(page, f"{server.url}/profil-pegawai?nip={YANTI}")
    tpp = direct(warehouse, "select * from mart_tpp_monthly where nip = $n and month = date '2026-10-01'", {"n": YANTI})
    shown = tiles(page)
    cut = next(v for k, v in shown.items() if k.startswith("Potongan ("))
    assert cut == f"Rp {fmt.integer(tpp['cut_amount'])}"
    assert shown["Diterima"] == f"Rp {fmt.integer(tpp['final_amount'])}"
    cuts = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text="Aturan")).first
    text = " ".join(cuts.locator('[role="gridcell"]').all_inner_texts())
    assert "Hukuman disiplin" in text and "1.000.000" in text
    assert page.locator(".js-plotly-plot").count() >= 5  # ladder, calendar, activity, SKP, JP, BerAKHLAK
    shoot(page, "profil-pegawai_yanti")
    open_(page, f"{server.url}/profil-pegawai?nip={ANDI}")
    flags = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text="Alasan")).first
    click_row(page, flags)
    assert parse_qs(urlparse(page.url).query).get("temuan", [""])[0].startswith(f"low_productivity|{ANDI}|")
    assert page.locator(".st-key-bukti").count() == 1
    shoot(page, "profil-pegawai_andi_bukti")


def test_a_kepala_opd_cannot_open_a_person_of_another_opd(server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    try:
        open_(pg, f"{server.url}/profil-pegawai?nip={YANTI}", user="dinkes")  # Disdik's account, Yanti is Kec. Kota
        warning = pg.locator('[data-testid="stAlert"]').filter(has_text="tidak ada dalam lingkup").first
        assert warning.is_visible()
        body = pg.locator('[data-testid="stMain"]').inner_text()
        assert "Yanti" not in body and "Kecamatan Kota" not in body and "Rp" not in body
        assert pg.locator(".js-plotly-plot").count() == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / "profil-pegawai_ditolak_1366x768.png"), full_page=True)
        open_(pg, f"{server.url}/profil-pegawai?nip={ANDI}", user="dinkes")  # one of its own people opens
        assert pg.locator("h3").filter(has_text="Andi Wijaya").count() == 1
    finally:
        context.close()
