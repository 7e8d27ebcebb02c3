"""Analysts cannot re-identify anyone: k-anonymity on every analis table and export.

A 300-employee, 6-month region (generate -> ingest -> build) in which almost every
pseudonymised employee is unique on OPD, unit, jabatan, gender, golongan, eselon and TMT.
For the analis scope (no personal data) every named query with several filter sets, every
published table of Jelajah & Ekspor and every export a page offers is scanned, by column
name and independently of the query layer's own declarations, for
  - a combination of quasi-identifier columns shared by fewer than k people (person rows),
  - an aggregate row about fewer than k people that still shows its values,
  - a count of 1..k-1 people, an eselon, a golongan finer than its ruang, a TMT finer than its year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import sys
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pages import registry  # noqa: E402
from pages.ui import auth, export  # noqa: E402
from warehouse import query as q  # noqa: E402
from warehouse.config import DEFAULT_CONFIG, ConfigError, load_config  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

K = 5
KEY = b"kunci-analis-uji-0123456789"
QI = {"opd_code", "opd_short", "opd_name", "work_unit", "position_type", "position_name", "employment_status",
      "gender", "golongan", "eselon", "education", "tmt_date", "is_active", "first_data_date", "last_data_date",
      "employed_from", "employed_until"}
PEOPLE = {"employees", "respondents", "employees_assessed", "rated"}          # people in the row's group
COUNTS = {"sanctioned", "ringan", "sedang", "berat", "consecutive", "near_next", "outliers", "low_productivity",
          "present_not_working", "buddy_punching", "unit_decline", "employees_on_track", "employees_reached_target",
          "skp_rated_employees", "berakhlak_assessed_employees"}              # people with some property
NOT_ABOUT_THE_ROW = {"region_culture_index", "prorated_target_jp"}            # the region's / the rule's value
PAGES = [p.name for p in registry.PAGES if not p.admin_only]  # the pages an analis opens


def violations(df: pl.DataFrame, k: int = K) -> list[str]:
    """What in one result would let an analyst single somebody out."""
    out = []
    cols = set(df.columns)
    if "nip" in cols:
        people = df.filter(pl.col("nip").is_not_null())
        qi = sorted(QI & cols)
        if qi and people.height:
            small = people.group_by(qi).agg(pl.col("nip").n_unique().alias("n")).filter(pl.col("n") < k)
            if small.height:
                out.append(f"{small.height} combinations of {qi} with fewer than {k} people: {small.head(3).to_dicts()}")
        if "eselon" in cols and people["eselon"].drop_nulls().len():
            out.append("an eselon is shown")
        if "golongan" in cols and people["golongan"].cast(pl.String).str.contains("/").any():
            out.append("a golongan finer than its ruang is shown")
        if "tmt_date" in cols and people["tmt_date"].drop_nulls().dt.ordinal_day().ne(1).any():
            out.append("a TMT finer than its year is shown")
    for c in sorted(PEOPLE & cols):
        few = df.filter(pl.col(c).is_between(1, k - 1))
        if few.height:
            out.append(f"{few.height} rows about fewer than {k} people by {c}: {few.head(2).to_dicts()}")
        hidden = df.filter(pl.col(c).is_null())
        shown = [v for v, t in df.schema.items() if t.is_float() and v not in NOT_ABOUT_THE_ROW
                 and hidden[v].drop_nulls().len()]
        if shown:
            out.append(f"rows with {c} hidden still show {shown}")
    for c in sorted(COUNTS & cols):
        if df.filter(pl.col(c).is_between(1, k - 1)).height:
            out.append(f"a count of 1..{k - 1} people in {c}")
    return out


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    from demo_region import generate
    from pipelines.ingest import ingest_files
    from warehouse.build import build

    root = tmp_path_factory.mktemp("kanon")
    generate(root / "sumber", pegawai=300, bulan=6, mulai="2026-01", seed=13)
    results = ingest_files([root / "sumber"], warehouse=root / "budaya.duckdb")
    assert all(r.status == "loaded" for r in results), [r.message for r in results if r.status != "loaded"]
    build(root / "budaya.duckdb")
    return root / "budaya.duckdb"


@pytest.fixture(scope="module")
def pub(region) -> q.Published:
    published = q.Published(current_build_file(region))
    yield published
    published.close()


def analis(k: int | None = None) -> q.Scope:
    return q.Scope(None, show_personal=False, pseudonym_key=KEY, k=k)


def months(pub) -> list[dt.date]:
    return pub.run("common__months", q.ADMIN)["month"].to_list()


def filter_sets(pub) -> list[q.Filters]:
    m = months(pub)
    opd = pub.run("common__opd", q.ADMIN).sort("employees_active")["opd_code"]
    whole = q.Filters(m[0], m[-1])
    return [whole, q.Filters(m[-1], m[-1]), dataclasses.replace(whole, opd_codes=(opd[-1], opd[0])),
            dataclasses.replace(whole, rumpun=("Dinas",)), dataclasses.replace(whole, position_types=("Struktural",)),
            dataclasses.replace(whole, statuses=("PPPK",))]


def extras(pub, scope: q.Scope) -> dict:
    """Page parameters as the analyst's pages would pass them (the biggest OPD and unit, a flagged
    employee by pseudonym, the newest survey period)."""
    m = months(pub)
    units = pub.run("culture_index__units", q.ADMIN, opd=pub.run("common__opd", q.ADMIN).sort("employees_active")[
        "opd_code"][-1], month_to=m[-1]).sort("employees")
    flagged = pub.run("performance__outliers", scope, month_from=m[0], month_to=m[-1], opd_codes=None, rumpun=None,
                      position_types=None, statuses=None).drop_nulls("nip")
    nips = flagged["nip"].head(3).to_list() or pub.table("dim_pegawai", scope, q.Filters())["nip"].head(3).to_list()
    periods = pub.run("core_values__periods", q.ADMIN, month_from=m[0], month_to=m[-1])["period"]
    return {"opd": units["opd_code"][-1], "unit": units["work_unit"][-1], "period": periods[0] if len(periods) else "",
            "within_days": 5, "nip": nips[0], "nips": nips, "month": m[-1], "core_value": "adaptif",
            "text": "a"}


def test_the_region_is_re_identifiable_without_protection(pub):
    """The measurement behind the issue holds on this region (so the scans below can fail)."""
    people = pub.table("dim_pegawai", q.ADMIN, q.Filters())
    qi = ["opd_code", "work_unit", "position_name", "gender", "golongan", "eselon", "tmt_date"]
    unique = people.group_by(qi).len().filter(pl.col("len") == 1).height
    assert unique > 0.8 * people.height
    assert people["eselon"].drop_nulls().len() > 10
    units = pub.table("mart_unit_monthly", q.ADMIN, q.Filters())
    assert units.filter(pl.col("employees") < K).height > 100
    assert violations(units) and violations(people)


def test_every_query_with_every_filter_set_is_k_anonymous_for_the_analyst(pub):
    scope = analis()
    assert scope.k == K  # the configured default
    params = extras(pub, scope)
    hidden = 0
    for f in filter_sets(pub):
        for name in q.query_names():
            df, done = pub.run_protected(name, scope, **f.params(), **params)
            assert not violations(df), (name, f, violations(df))
            hidden += done.suppressed + done.generalised
    assert hidden > 1000


def test_every_explorer_table_is_k_anonymous_for_the_analyst(pub):
    scope = analis()
    for f in filter_sets(pub)[:3]:
        for table in pub.tables(scope):
            df = pub.table(table, scope, f)
            assert not violations(df), (table, f, violations(df))
            assert pub.count(table, scope, f) == df.height
            assert pub.table(table, scope, f, limit=7).equals(df.head(7))  # preview = head of the download
    people = pub.table("dim_pegawai", scope, q.Filters())
    assert people.height == 300  # generalised, not dropped: joins keep working
    assert people["work_unit"].drop_nulls().len() > 0  # still useful
    assert people["tmt_date"].drop_nulls().dt.ordinal_day().eq(1).all()
    assert set(people["golongan"].drop_nulls()) <= {"I", "II", "III", "IV", "V", "VII", "IX", "X"}


def test_unique_posts_lose_their_name_for_the_analyst(pub):
    """A jabatan held by fewer than k people (e.g. a Kepala Dinas) shows as its jenis jabatan."""
    admin = pub.table("dim_pegawai", q.ADMIN, q.Filters())
    rare = admin.group_by("position_name").len().filter(pl.col("len") < K)["position_name"]
    assert len(rare) > 10 and any(n.startswith("Kepala") for n in rare)
    shown = set(pub.table("dim_pegawai", analis(), q.Filters())["position_name"].drop_nulls())
    assert not shown & set(rare)


def test_aggregates_hide_values_of_small_groups_and_keep_their_keys(pub):
    m = months(pub)
    f = q.Filters(m[0], m[-1])
    admin = pub.table("mart_unit_monthly", q.ADMIN, f)
    shown = pub.table("mart_unit_monthly", analis(), f)
    small = admin["employees"] < K
    assert shown.height == admin.height
    assert shown.filter(small)["culture_index"].null_count() == small.sum()
    assert shown.filter(small)["work_unit"].to_list() == admin.filter(small)["work_unit"].to_list()
    assert shown.filter(~small)["culture_index"].to_list() == admin.filter(~small)["culture_index"].to_list()


def test_every_export_a_page_offers_is_k_anonymous(region, tmp_path, monkeypatch, pub):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(region))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    auth.limiter.clear()
    scope = analis()
    params = extras(pub, scope)
    opd_short = pub.run("common__opd", q.ADMIN).filter(opd_code=params["opd"])["opd_short"][0]
    urls = {"culture_index": {"drill": opd_short, "unit": params["unit"]},
            "explore": {"tabel": "dim_pegawai"}}
    seen = 0
    for page in PAGES + ["explore_facts"]:
        at = open_as("analis", page.replace("_facts", ""),
                     **({"tabel": "mart_discipline_yearly"} if page == "explore_facts" else urls.get(page, {})))
        specs = dict(at.session_state["_exports"]) if "_exports" in at.session_state else {}
        if page == "performance":  # the evidence of a finding, as a row click opens it (URL `temuan`)
            finding = first_finding(pub, scope)
            if finding:
                at = open_as("analis", "performance", temuan=finding)
                specs = dict(at.session_state["_exports"])
        for key, spec in specs.items():
            typed = pl.read_parquet(io.BytesIO(export.produce(spec, "parquet")))
            assert not violations(typed), (page, key, violations(typed))
            plain = pl.read_csv(io.BytesIO(export.produce(spec, "csv_teknis")), infer_schema=False)
            assert plain.height == typed.height
            seen += 1
        if page in ("culture_index", "discipline", "explore"):
            notes = [c.value for c in at.caption if "Perlindungan data (analis)" in c.value]
            assert notes and f"kurang dari {K} pegawai" in notes[0], (page, [c.value for c in at.caption])
    assert seen >= 15
    admin = open_as("admin", "culture_index")
    assert not any("Perlindungan data" in c.value for c in admin.caption)


def first_finding(pub, scope: q.Scope) -> str | None:
    """The `temuan` link of the analyst's newest finding in the default 12 months (pages/performance.py)."""
    m = months(pub)
    found = pub.run("performance__outliers", scope, month_from=m[max(0, len(m) - 12)], month_to=m[-1], opd_codes=None,
                    rumpun=None, position_types=None, statuses=None)
    if found.is_empty():
        return None
    r = found.row(0, named=True)
    return f"{r['kind']}|{r['nip'] or r['opd_code'] or '-'}|{r['month']:%Y-%m}"


def open_as(user: str, page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state[auth.SESSION_KEY] = user
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_note_counts_what_the_query_layer_hid(region, tmp_path, monkeypatch, pub):
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(region))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    at = open_as("analis", "explore", tabel="mart_unit_monthly")
    m = months(pub)
    _, done = pub.table_protected("mart_unit_monthly", analis(), q.Filters(m[0], m[-1]))
    note = next(c.value for c in at.caption if "Perlindungan data (analis)" in c.value)
    assert f"{done.suppressed:,}".replace(",", ".") + " baris disembunyikan" in note


def test_an_opd_account_keeps_the_names_of_its_own_opd(pub):
    m = months(pub)
    admin = pub.run("discipline__warning_list", q.ADMIN, **q.Filters(m[0], m[-1]).params(), within_days=5)
    opd = admin.join(pub.run("common__opd", q.ADMIN), on="opd_short")["opd_code"].mode()[0]
    own = q.Scope((opd,))
    listed = pub.run("discipline__warning_list", own, **q.Filters(m[0], m[-1]).params(), within_days=5)
    expected = admin.filter(opd_short=listed["opd_short"][0])
    assert listed["name"].to_list() == expected["name"].to_list() and listed.height > 0
    assert listed["nip"].str.contains(r"^\d{18}$").all()
    people = pub.table("dim_pegawai", own, q.Filters())
    assert people["eselon"].drop_nulls().len() + people["golongan"].str.contains("/").sum() > 0  # not generalised


def test_the_k_setting_is_honoured(pub, tmp_path, monkeypatch):
    m = months(pub)
    f = q.Filters(m[0], m[-1])
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert "\nk = 5\n" in text
    one = tmp_path / "k1.toml"
    one.write_text(text.replace("\nk = 5\n", "\nk = 1\n"), encoding="utf-8")
    monkeypatch.setenv("BUDAYA_CONFIG", str(one))
    assert analis().k == 1
    loose = pub.table("mart_unit_monthly", analis(), f)
    monkeypatch.delenv("BUDAYA_CONFIG")
    strict = pub.table("mart_unit_monthly", analis(), f)
    assert loose["culture_index"].drop_nulls().len() > strict["culture_index"].drop_nulls().len()
    assert violations(loose, 1) == [] and violations(loose)  # k=1 hides nothing a k of 5 would
    for bad in ("0", '"lima"', "2.5"):
        (tmp_path / "bad.toml").write_text(text.replace("\nk = 5\n", f"\nk = {bad}\n"), encoding="utf-8")
        with pytest.raises(ConfigError, match=r"anonimitas\.k"):
            load_config(tmp_path / "bad.toml")


def test_every_query_and_table_is_declared_and_undeclared_ones_show_nothing(pub):
    tables = set(pub.tables(q.ADMIN))
    missing = (set(q.query_names()) | tables) - set(q.DISCLOSURE)
    assert not missing, f"declare these in warehouse/query.py DISCLOSURE: {sorted(missing)}"
    assert pub.sql("select nip, opd_code from mart_discipline_yearly", analis()).is_empty()  # fail closed
    assert pub.sql("select nip, opd_code from mart_discipline_yearly", q.ADMIN).height == 300
