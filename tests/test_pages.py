"""Every page through streamlit.testing.v1.AppTest: renders, and its key numbers equal a
direct DuckDB query of the published file for the same filters.

Runs on the fixture build (tests/fixtures/dashboard) and, marked slow, on the demo
region from tests/conftest.py (the real pipeline). Signed in as the demo admin
(BUDAYA_DEMO=1, seeded session state); the other roles are in tests/test_roles.py.
"""

import datetime as dt
import io
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import make_fixture_warehouse  # noqa: E402

from pages import registry  # noqa: E402
from pages.ui import format as fmt  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

PAGES = [p.name for p in registry.PAGES]
FIRST, LAST = dt.date(2026, 7, 1), dt.date(2026, 10, 1)  # the fixture's months: the default period


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return make_fixture_warehouse(tmp_path_factory.mktemp("pages"))


@pytest.fixture(autouse=True)
def demo_mode(tmp_path, monkeypatch):
    """Demo accounts (no accounts file); pages are opened signed in as the demo admin."""
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))


@pytest.fixture
def app(warehouse, monkeypatch):
    """An AppTest factory: app(page, **query_params) -> AppTest that has run."""
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))

    def make(page: str, **params) -> AppTest:
        return open_page(page, **params)

    return make


def open_page(page: str, user: str = "admin", **params) -> AppTest:
    """Run the entrypoint once (st.navigation registers the pages), then switch to `page`.

    AppTest.switch_page before a first run() would run the page file on its own, without
    dashboard.py (no theme, no sidebar filters). `user` is signed in by seeding the session
    the way a successful sign-in does (pages/ui/auth.py)."""
    from pages.ui import auth

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state[auth.SESSION_KEY] = user
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        for k, v in params.items():  # unbound parameters (presentasi) are dropped on a page switch
            at.query_params[k] = v
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def direct(warehouse: Path, sql: str, params: dict | None = None) -> pl.DataFrame:
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    try:
        return con.sql(sql, params=params or {}).pl()
    finally:
        con.close()


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(app, page):
    at = app(page)
    assert at.title[0].value  # every page has its Indonesian title
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_presentation_mode(app, page):
    at = app(page, presentasi="1")
    # no table exports when presenting; only the bahan rakor of this view (PPTX, PDF)
    assert sorted(b.key for b in at.get("download_button")) == ["rakor_pdf", "rakor_pptx"]
    assert at.sidebar.select_slider  # the filters stay drawn (hidden by CSS) so the URL keeps them


@pytest.mark.parametrize("i", range(len(registry.SLIDES)))
def test_presentation_walks_the_registry_slides_in_order(app, i):
    slides = registry.SLIDES
    at = app(slides[i].name, presentasi="1")
    prev, nxt = slides[i - 1], slides[(i + 1) % len(slides)]
    assert [link.value for link in at.page_link] == [prev.title, nxt.title]  # hidden, clicked by ← and →


def test_overview_tiles_equal_the_region_mart(app, warehouse):
    at = app("overview")
    row = direct(warehouse, "select * from mart_region_monthly where month = $m", {"m": LAST}).row(0, named=True)
    shown = tiles(at)
    assert shown["Indeks Budaya Kerja"] == (fmt.number(row["culture_index"]), fmt.signed(row["culture_index_mom_delta"]))
    for label, col in [("Disiplin", "discipline_score"), ("Kinerja", "performance_score"),
                       ("Kompetensi", "competency_score"), ("Perilaku", "behaviour_score")]:
        assert shown[label][0] == fmt.number(row[col])
    captions = [c.value for c in at.caption]
    assert f"{fmt.signed(row['culture_index_yoy_delta'])} vs tahun lalu" in captions


def test_overview_tiles_follow_opd_and_period_from_the_url(app, warehouse):
    at = app("overview", opd="Disdik", periode=["Jul 2026", "Sep 2026"])
    september = dt.date(2026, 9, 1)
    row = direct(warehouse, "select * from mart_opd_monthly where opd_code = '1.01' and month = $m",
                 {"m": september}).row(0, named=True)
    shown = tiles(at)
    assert shown["Indeks Budaya Kerja"] == (fmt.number(row["culture_index"]), fmt.signed(row["culture_index_mom_delta"]))
    assert shown["Disiplin"][0] == fmt.number(row["discipline_score"])
    assert "Disdik September 2026" in at.markdown[0].value


def test_overview_ranking_lists_every_opd_in_rank_order(app, warehouse):
    at = app("overview")
    ranking = at.dataframe[0].value
    expected = direct(warehouse, "select o.opd_name from mart_opd_monthly m join dim_opd o using (opd_code) "
                                 "where month = $m order by culture_index_rank", {"m": LAST})
    assert ranking["OPD"].tolist() == expected["opd_name"].to_list()


def test_culture_index_headline_and_drill(app, warehouse):
    at = app("culture_index", drill="Disdik", unit="Bidang SD")
    ranked = direct(warehouse, "select o.opd_short, m.culture_index from mart_opd_monthly m join dim_opd o "
                               "using (opd_code) where month = $m order by culture_index desc", {"m": LAST})
    headline = at.markdown[0].value
    assert f"tertinggi {ranked['opd_short'][0]} ({fmt.number(ranked['culture_index'][0])})" in headline
    assert f"terendah {ranked['opd_short'][-1]} ({fmt.number(ranked['culture_index'][-1])})" in headline
    units = direct(warehouse, "select work_unit from mart_unit_monthly where opd_code = '1.01' and month = $m",
                   {"m": LAST})
    people = direct(warehouse, "select name from dim_pegawai where opd_code = '1.01' and work_unit = 'Bidang SD'")
    shown = [d.value for d in at.dataframe]
    assert sorted(shown[1]["Unit kerja"]) == sorted(units["work_unit"].to_list())
    assert sorted(shown[2]["Nama"]) == sorted(people["name"].to_list())


def test_discipline_tiles_equal_the_yearly_mart(app, warehouse):
    at = app("discipline")
    counts = direct(warehouse, "select count(*) filter (where sanction_category = 'Ringan') as ringan, "
                               "count(*) filter (where sanction_category = 'Sedang') as sedang, "
                               "count(*) filter (where sanction_category = 'Berat') as berat "
                               "from mart_discipline_yearly where year = 2026").row(0, named=True)
    shown = tiles(at)
    assert shown["Sanksi ringan"][0] == fmt.integer(counts["ringan"])
    assert shown["Sanksi sedang"][0] == fmt.integer(counts["sedang"])
    assert shown["Sanksi berat"][0] == fmt.integer(counts["berat"])


def test_discipline_jabatan_filter_reaches_the_warning_list(app, warehouse):
    at = app("discipline", jabatan="Pelaksana")
    expected = direct(warehouse, "select p.name from mart_discipline_yearly y join dim_pegawai p using (nip) "
                                 "where y.year = 2026 and p.position_type = 'Pelaksana' and "
                                 "(y.sanction_rank > 0 or y.has_consecutive_absence or y.days_to_next_level <= 1)")
    assert sorted(at.dataframe[0].value["Nama"]) == sorted(expected["name"].to_list())


def test_performance_tiles_count_outliers_in_the_period(app, warehouse):
    at = app("performance")
    counts = dict(direct(warehouse, "select kind, count(*) from mart_outliers where month between $a and $b "
                                    "group by kind", {"a": FIRST, "b": LAST}).rows())
    from warehouse.metrics import OUTLIER_KINDS

    shown = tiles(at)
    for kind, label in OUTLIER_KINDS.items():
        assert shown[label][0] == fmt.integer(counts.get(kind, 0))


def test_performance_evidence_for_an_outlier(app, warehouse):
    first = direct(warehouse, "select kind, nip, opd_code, month, reason from mart_outliers "
                              "order by month desc, kind limit 1").row(0, named=True)
    link = f"{first['kind']}|{first['nip'] or first['opd_code']}|{first['month']:%Y-%m}"
    at = app("performance", temuan=link)  # what a row click puts in the URL
    assert not at.exception
    assert first["reason"] in [i.value for i in at.info]  # the reason is shown above its evidence


def test_competency_tile_equals_the_monthly_mart(app, warehouse):
    at = app("competency")
    row = direct(warehouse, "select sum(employees_on_track) / sum(employees) as share from "
                            "mart_competency_opd_monthly where month = $m", {"m": LAST}).row(0, named=True)
    assert tiles(at)["Sesuai target prorata"][0] == fmt.percent(row["share"])


def test_berakhlak_headline_names_the_weakest_value(app, warehouse):
    at = app("core_values")
    weakest = direct(warehouse, "select core_value_label, sum(score * respondents) / sum(respondents) as s "
                                "from mart_berakhlak_opd where period = '2026-S2' group by 1 order by s limit 1")
    assert (f"Nilai terlemah Semester II 2026: {weakest['core_value_label'][0]} ({fmt.number(weakest['s'][0], 2)} dari 5)"
            in at.markdown[0].value)


def test_berakhlak_weakest_behaviours_with_their_text(app, warehouse):
    """2026-S2 carries the 21 items: the five weakest behaviours of the selection, weakest first, with
    the text of the panduan perilaku, as the selection rollup of mart_berakhlak_behaviour_opd gives."""
    at = app("core_values")
    low = direct(warehouse, "select behaviour_code, behaviour_label, sum(score * respondents) / sum(respondents) "
                            "as s from mart_berakhlak_behaviour_opd where period = '2026-S2' "
                            "group by behaviour_code, behaviour_label, behaviour_order order by s, behaviour_order "
                            "limit 5")
    table = next(d.value for d in at.dataframe if "Panduan perilaku" in d.value.columns)
    assert table["Butir"].tolist() == low["behaviour_code"].to_list()
    assert table["Panduan perilaku"].tolist() == low["behaviour_label"].to_list()
    assert table["Skor"].tolist() == [fmt.number(v, 2) for v in low["s"]]
    assert any(f"Perilaku terlemah Semester II 2026: {low['behaviour_label'][0]}" in m.value for m in at.markdown)



def test_explore_counts_the_filtered_slice(app, warehouse):
    at = app("explore", tabel="mart_discipline_monthly", opd="BKPSDM")
    n = direct(warehouse, "select count(*) from mart_discipline_monthly where opd_code = '4.02' "
                          "and month between $a and $b", {"a": FIRST, "b": LAST})[0, 0]
    assert f": {fmt.integer(n)} baris sesuai filter (" in at.markdown[0].value
    assert at.markdown[0].value.startswith("#### Kedisiplinan per OPD dan bulan")  # what it holds, not its name
    assert set(at.dataframe[0].value["Kode OPD"]) == {"4.02"}


def test_methodology_shows_the_configured_weights(app, warehouse):
    at = app("methodology")
    weights = direct(warehouse, "select label, weight from cfg_weights order by weight desc, component")
    table = at.dataframe[0].value
    assert table["Nama"].tolist() == weights["label"].to_list()
    assert table["Bobot bawaan (dari 100)"].tolist() == [fmt.number(w, 0) for w in weights["weight"]]


def test_no_build_yet_points_to_kelola_data(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(tmp_path / "kosong.duckdb"))
    for page in PAGES:
        at = open_page(page)
        if page not in ("manage_data", "methodology", "audit_log"):
            assert "python -m pipelines demo" in at.info[0].value, page
        if page == "overview":  # a non-admin is told who publishes, not how
            assert "Admin BKPSDM memuat" in open_page(page, user="sekda").info[0].value


class _Upload:
    """What st.file_uploader hands the page: a name and the bytes."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def test_kelola_data_reports_quarantined_rows(tmp_path, monkeypatch):
    """The upload path of Kelola Data (AppTest cannot drive st.file_uploader): bad rows are
    quarantined with reasons, nothing is lost, and the report frames carry them."""
    from pages.ui import manage

    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(tmp_path / "budaya.duckdb"))
    opd = "KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n1.01;Dinas Pendidikan;Disdik;Dinas\n;Tanpa kode;X;Dinas\n" \
          "2.02;Badan Entah;BE;Bukan Rumpun\n"
    outcome = manage.ingest_uploads([_Upload("opd.csv", opd.encode())], username="admin")
    results = outcome.results
    assert outcome.error is None and not outcome.refused
    summary = manage.results_frame(results)
    assert summary["rows_in"][0] == summary["rows_loaded"][0] + summary["rows_quarantined"][0] + \
        summary["rows_duplicate"][0]
    quarantine = manage.quarantine_frame(results)
    assert quarantine.height == summary["rows_quarantined"][0] >= 2
    assert quarantine["reason"].str.len_chars().min() > 0
    reasons = manage.reasons_frame(quarantine)
    assert reasons["rows"].sum() == quarantine.height
    from pages.ui import export

    back = pl.read_csv(io.BytesIO(export.to_csv(quarantine)), separator=";", infer_schema=False)
    assert back.height == quarantine.height


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_demo_region(demo_region, monkeypatch, page):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(demo_region.warehouse))
    open_page(page)


@pytest.mark.slow
def test_overview_tiles_on_the_demo_region(demo_region, monkeypatch):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(demo_region.warehouse))
    at = open_page("overview")
    last = direct(demo_region.warehouse, "select * from mart_region_monthly order by month desc limit 1")
    row = last.row(0, named=True)
    assert tiles(at)["Indeks Budaya Kerja"][0] == fmt.number(row["culture_index"])
    assert tiles(at)["Disiplin"][0] == fmt.number(row["discipline_score"])


def test_performance_lists_predikat_contradicting_the_matrix(app, warehouse):
    """Heru Setiawan's July SKP says Butuh Perbaikan where the matrix gives Sangat Kurang: counted on Kinerja,
    listed with his name, both predikat, the file and its row; Kelola Data reports it for its batch."""
    row = direct(warehouse, "select k.row_number from mart_skp_predikat_mismatch as k join dim_pegawai as p "
                            "using (nip) where p.name = 'Heru Setiawan' and k.period = '7'")
    at = app("performance")
    assert any("**1 penilaian SKP 2026**" in m.value for m in at.markdown)
    table = next(d.value for d in at.dataframe if "Predikat menurut matriks" in d.value.columns)
    assert table["Nama"].tolist() == ["Heru Setiawan"]
    assert table["Predikat menurut sumber"].tolist() == ["Butuh Perbaikan"]
    assert table["Predikat menurut matriks"].tolist() == ["Sangat Kurang"]
    assert table["Perilaku kerja"].tolist() == ["Di bawah ekspektasi"]
    assert table["Tahun"].tolist() == ["2026"]
    assert table["Berkas"].tolist() == ["skp_2026.csv"]
    assert table["Baris"].tolist() == [fmt.integer(row["row_number"][0])]
    at = app("performance", opd="Disdik")  # Heru is in Kec. Kota: another OPD's view lists nothing
    assert not any("Predikat menurut matriks" in d.value.columns for d in at.dataframe)
    assert any("Tidak ada penilaian SKP 2026" in c.value for c in at.caption)

    at = app("manage_data")
    findings = next(d.value for d in at.dataframe if "Temuan" in d.value.columns)
    assert findings["Berkas"].tolist() == ["skp_2026.csv"]
    assert findings["Baris"].tolist() == ["1"]
    assert findings["Temuan"][0].startswith("Predikat SKP tidak sesuai matriks PermenPANRB 6/2022")


def test_performance_names_the_organisational_predikat_and_its_source(app):
    at = app("performance")
    assert any("Kurva dinilai terhadap predikat organisasi: **Baik** (bawaan wilayah) untuk 3 OPD" in c.value
               for c in at.caption)
    table = next(d.value for d in at.dataframe if "Sumber predikat organisasi" in d.value.columns)
    assert set(table["Sumber predikat organisasi"]) == {"bawaan wilayah (kinerja.predikat_organisasi)"}
    at = app("methodology")
    org = next(d.value for d in at.dataframe if "Dasar" in d.value.columns and "Tahun (kosong = semua)" in d.value.columns)
    assert org["OPD"].tolist() == ["Semua OPD lain"] and org["Predikat organisasi"].tolist() == ["Baik"]
