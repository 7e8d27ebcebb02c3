"""TPP on the demo region: the Rekomendasi TPP XLSX sums to the page and the mart for every OPD, the
simulation of the current rules equals the build, scopes hold, and the demo's story shows."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import openpyxl
import polars as pl
import pytest

from pages.ui import export, tpp_recap
from warehouse import tpp
from warehouse.query import ADMIN, Published, Scope


@pytest.fixture(scope="module")
def pub(demo_region):
    p = Published(demo_region.published)
    yield p
    p.close()


def _rules(pub):
    return tpp.rules_from_tables(pub.run("tpp__settings", ADMIN), pub.run("tpp__rules", ADMIN))


def _direct(demo_region, sql, params=None) -> pl.DataFrame:
    with duckdb.connect(str(demo_region.published), read_only=True) as con:
        return con.sql(sql, params=params or {}).pl()


def _months(pub) -> list[dt.date]:
    return pub.run("tpp__months", ADMIN, month_from=None, month_to=None)["month"].to_list()


def test_recap_xlsx_sums_to_the_page_and_the_mart_for_every_opd(pub, demo_region):
    month = _months(pub)[0]
    mart = _direct(demo_region, "select * from mart_tpp_opd_monthly where month = $m", {"m": month})
    page = pub.run("tpp__opd", ADMIN, month=month, opd_codes=None, rumpun=None)
    assert mart.height == page.height >= 30
    settings = pub.run("tpp__settings", ADMIN).row(0, named=True)
    meta = export.ExportMeta(title="Rekomendasi TPP", slug="rekomendasi_tpp", filters={}, build_id=pub.build_id,
                             data_as_of="30-09-2026")
    for total in mart.iter_rows(named=True):
        code = total["opd_code"]
        rows = pub.run("tpp__recap", ADMIN, opd=code, month=month)
        shown = page.filter(opd_code=code).row(0, named=True)
        ctx = tpp_recap.RecapContext(opd_name="OPD", opd_code=code, month_label="September 2026",
                                     totals=pub.run("tpp__recap_total", ADMIN, opd=code, month=month)
                                     .row(0, named=True),
                                     rules_version=settings["version"], regulation=settings["regulation"],
                                     is_example=settings["is_example"])
        book = openpyxl.load_workbook(io.BytesIO(tpp_recap.to_xlsx(rows, ctx, meta)), data_only=True)
        sheet = list(book["Rekomendasi TPP"].iter_rows(values_only=True))
        header = sheet[tpp_recap.HEADER_ROW]
        body = sheet[tpp_recap.HEADER_ROW + 1: tpp_recap.HEADER_ROW + 1 + rows.height]
        total_row = sheet[tpp_recap.HEADER_ROW + 1 + rows.height]
        assert total_row[1].startswith("JUMLAH") and len(body) == rows.height == total["employees"]
        for col, _header, _kind in tpp_recap.COLUMNS:
            if col not in tpp_recap.TOTALS:
                continue
            j = 1 + [c for c, _h, _k in tpp_recap.COLUMNS].index(col)
            assert sum(r[j] or 0 for r in body) == total_row[j] == total[col] == shown[col], (code, col, header[j])
        assert book["Data"].max_row == rows.height + 1
        text = [v for r in sheet for v in r if isinstance(v, str)]
        assert "Kepala BKPSDM" in text and any(t.startswith("versi contoh") for t in text)


def test_simulating_the_current_rules_equals_the_build(pub, demo_region):
    rules = _rules(pub)
    for month in _months(pub):
        for table, key in (("mart_tpp_monthly", ["nip"]), ("mart_tpp_cuts", ["nip", "cut_code"]),
                           ("mart_tpp_opd_monthly", ["opd_code"])):
            built = _direct(demo_region, f"select * from {table} where month = $m", {"m": month}).sort(key)
            sim = tpp.simulate(pub, ADMIN, rules, month, table).sort(key)
            cols = [c for c in built.columns if not c.endswith("_mom_delta")]  # one month: no previous one
            assert sim.select(cols).equals(built.select(cols)), (table, month)
        same = tpp.compare(pub, ADMIN, rules, month)
        assert (same["difference"] == 0).all() and (same["gainers"] == 0).all() and (same["losers"] == 0).all()


def test_a_heavier_lateness_band_costs_exactly_its_own_cuts(pub, demo_region):
    month = _months(pub)[0]
    heavier = tpp.with_band_percent(_rules(pub), "TL1", 1.0)   # 0,5 % -> 1 % per late arrival of 1-30 minutes
    got = tpp.compare(pub, ADMIN, heavier, month)
    tl1 = _direct(demo_region, "select opd_code, sum(amount) as tl1, count(*) as people from mart_tpp_cuts "
                               "where month = $m and cut_code = 'TL1' group by all", {"m": month})
    region = got.filter(pl.col("opd_code").is_null()).row(0, named=True)
    # doubling a percent doubles its rounded rupiah up to one rupiah per line (no cap is reached in the demo)
    assert abs(-region["difference"] - tl1["tl1"].sum()) <= tl1["people"].sum()
    assert region["losers"] == tl1["people"].sum() and region["gainers"] == 0


def test_an_opd_account_simulates_only_its_opd_and_the_analyst_sees_no_person(pub):
    month = _months(pub)[0]
    rules = _rules(pub)
    own = Scope(opd_codes=("1.02.01",))
    got = tpp.compare(pub, own, tpp.with_band_percent(rules, "TL1", 1.0), month)
    assert set(got["opd_code"].drop_nulls()) == {"1.02.01"}
    assert got.filter(pl.col("opd_code").is_null())["final_amount"][0] == got.filter(opd_code="1.02.01")[
        "final_amount"][0]
    assert pub.run("tpp__recap", own, opd="2.15.01", month=month).is_empty()  # another OPD: nothing
    analis = Scope(show_personal=False, pseudonym_key=b"kunci-uji")
    for name in ("tpp__largest_cuts", "tpp__recap", "tpp__employee_cuts"):
        params = {"month": month, "opd_codes": None, "rumpun": None, "position_types": None, "statuses": None,
                  "opd": "2.15.01", "nip": "x"}
        assert pub.run(name, analis, **params).is_empty(), name
    small = tpp.compare(pub, analis, rules, month)
    hidden = small.filter(pl.col("employees").is_null())
    assert hidden.height and (hidden["final_amount"].is_null()).all()  # OPDs of fewer than k: keys only


def test_dishub_decline_shows_in_its_tpp_and_sanctions_cut(demo_region):
    dishub = _direct(demo_region, "select month, cut_share, disiplin_cut_amount, base_amount from "
                                  "mart_tpp_opd_monthly where opd_code = '2.15.01' order by month")
    last, earlier = dishub.row(-1, named=True), dishub.head(dishub.height - 1)
    assert last["cut_share"] > 1.5 * earlier["cut_share"].mean()
    sanctions = _direct(demo_region, "select nip, month, amount, percent from mart_tpp_cuts "
                                     "where cut_group = 'hukuman'")
    assert sanctions.height >= 1 and (sanctions["percent"] == 25).all()


def test_methodology_cites_the_tpp_regulation(demo_region, monkeypatch, tmp_path):
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tests"))
    from test_pages import open_page

    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(demo_region.warehouse))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    at = open_page("methodology")
    text = " ".join(m.value for m in at.markdown)
    assert "PP 12/2019 Pasal 58" in text and "versi `contoh-2026.1`" in text and "CPNS 80 %" in text
    assert any("contoh" in w.value for w in at.warning)
