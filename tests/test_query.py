"""The read-side query layer: scope enforcement, pseudonyms, query files, CURRENT switching."""

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import EMPLOYEES, OPDS, make_fixture_warehouse  # noqa: E402

from warehouse import query as q  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

OWN, OTHER = "1.01", "4.02"
KEY = b"kunci-uji-rahasia"
PERIOD = q.Filters(dt.date(2025, 1, 1), dt.date(2026, 10, 1))
NIPS = {nip for nip, *_ in EMPLOYEES}
NAMES = {name for _, name, *_ in EMPLOYEES}
OWN_NIPS = {nip for nip, _, _, _, opd, _ in EMPLOYEES if opd == OWN}


def extra_params(pub: q.Published, scope: q.Scope) -> dict:
    """Values for the page-specific parameters (an employee of OWN, its unit, a period)."""
    nip, unit = next((n, u) for n, _, _, _, o, u in EMPLOYEES if o == OWN and u == "Bidang SD")
    return {"opd": OWN, "unit": unit, "period": "2026-S1", "within_days": 5, "nip": nip,
            "month": dt.date(2026, 10, 1), "nips": [nip, "199105052016022005"], "core_value": "adaptif",
            "text": "a"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return make_fixture_warehouse(tmp_path_factory.mktemp("wh"))


@pytest.fixture(scope="module")
def pub(warehouse) -> q.Published:
    published = q.Published(current_build_file(warehouse))
    yield published
    published.close()


def run_all(pub: q.Published, scope: q.Scope, filters: q.Filters):
    for name in q.query_names():
        yield name, pub.run(name, scope, **filters.params(), **extra_params(pub, scope))


def strings(df: pl.DataFrame) -> list[str]:
    cells = []
    for col, dtype in df.schema.items():
        if dtype == pl.String:
            cells += [v for v in df[col].to_list() if v is not None]
    return cells


# -- query files ---------------------------------------------------------------------

def test_query_files_are_named_parameterised_and_never_bypass_the_scope():
    names = q.query_names()
    assert len(names) > 20
    for name in names:
        sql = q.sql_for(name)
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*__[a-z0-9]+(_[a-z0-9]+)*", name), name
        assert sql.lstrip().startswith("--"), f"{name}: starts with a comment saying what it returns"
        body = re.sub(r"--[^\n]*", "", sql)
        assert "pub." not in body.lower(), f"{name} reads the build directly, around the scope views"
        assert "{" not in body and "%s" not in body, f"{name} looks string-formatted"


def test_bind_passes_only_named_parameters_and_requires_them():
    assert q.bind_params("select $a, $b -- $c", {"a": 1, "b": (1, 2), "c": 3, "d": 4}) == {"a": 1, "b": [1, 2]}
    with pytest.raises(KeyError, match="b"):
        q.bind_params("select $a, $b", {"a": 1})


def test_every_query_runs_for_admin(pub):
    for name, df in run_all(pub, q.ADMIN, PERIOD):
        assert isinstance(df, pl.DataFrame), name


# -- scope ---------------------------------------------------------------------------

def test_opd_scope_with_a_filter_naming_another_opd_returns_zero_rows(pub):
    scope = q.Scope((OWN,))
    other = q.Filters(PERIOD.month_from, PERIOD.month_to, opd_codes=(OTHER,))
    for name, df in run_all(pub, scope, other):
        assert OTHER not in strings(df), name
        if "opd_code" in df.columns:
            assert set(df["opd_code"].drop_nulls()) <= {OWN}, name
        takes_filter = "$opd_codes" in q.sql_for(name)
        if takes_filter and ("opd_code" in df.columns or "nip" in df.columns):
            assert df.is_empty(), f"{name} returned {df.height} rows for a filter outside the scope"
    # the headline aggregates count nobody
    s = pub.run("discipline__summary", scope, **other.params(), within_days=5).row(0, named=True)
    assert s["employees"] == 0 and s["sanctioned"] == 0
    assert pub.run("discipline__ladder_counts", scope, **other.params())["employees"].sum() == 0
    assert pub.run("common__culture_series", scope, **other.params()).is_empty()


def test_opd_scope_never_returns_rows_outside_it(pub):
    scope = q.Scope((OWN,))
    for name, df in run_all(pub, scope, PERIOD):
        if "opd_code" in df.columns:
            assert set(df["opd_code"].drop_nulls()) <= {OWN}, name
        if "nip" in df.columns:
            assert set(df["nip"].drop_nulls()) <= OWN_NIPS, name
    for table in pub.tables(scope):
        df = pub.table(table, scope, PERIOD)
        if "opd_code" in df.columns:
            assert set(df["opd_code"].drop_nulls()) <= {OWN}, table
        if "nip" in df.columns:
            assert set(df["nip"].drop_nulls()) <= OWN_NIPS, table


def test_opd_scope_uses_own_values_not_the_region(pub):
    """With a restricted scope the Ringkasan series is the OPD's own, not mart_region_monthly."""
    own = pub.run("common__culture_series", q.Scope((OWN,)), **PERIOD.params())
    opd = pub.sql("select month, culture_index from mart_opd_monthly where opd_code = $o order by month",
                  q.ADMIN, {"o": OWN})
    assert own["basis"].unique().to_list() == ["opd_terpilih"]
    assert own["culture_index"].to_list() == pytest.approx(opd["culture_index"].to_list())


def test_partner_outside_the_scope_is_hidden(pub):
    """buddy_punching names its partner; an OPD account must not see another OPD's person."""
    row = pub.sql("select partner_nips, reason from mart_outliers where kind = 'buddy_punching'",
                  q.Scope((OWN,)))
    assert row.height == 1
    assert "Rudi" not in row["reason"][0] and "199105052016022005" not in row["reason"][0]
    assert "[disamarkan] (NIP [disamarkan]) di mesin KANTOR-01 pada 12 dari 14 hari" in row["reason"][0]
    assert row["partner_nips"][0] == "[di luar lingkup]"
    admin = pub.sql("select reason from mart_outliers where kind = 'buddy_punching' and opd_code = $o", q.ADMIN,
                    {"o": OWN})  # the pair gives one row per person; this is Nur Hidayah's (1.01)
    assert "Rudi Hartono" in admin["reason"][0]


def test_restricted_scopes_do_not_see_the_quarantine(pub):
    read_only = q.Scope(raw_data=False)  # pimpinan: every OPD with names, but no raw rows
    for scope in (q.Scope((OWN,)), q.Scope(None, False, KEY), read_only):
        assert "quarantine" not in pub.tables(scope) and "ingest_batches" not in pub.tables(scope)
        assert pub.run("manage_data__quarantine", scope).is_empty()
        assert pub.run("manage_data__batches", scope).is_empty()
    assert pub.run("manage_data__quarantine", q.ADMIN).height == 2
    assert read_only.schema != q.ADMIN.schema and q.Scope(*read_only.key) == read_only


def test_explorer_rejects_unknown_tables(pub):
    with pytest.raises(KeyError):
        pub.table("dim_opd; drop table x", q.ADMIN, PERIOD)
    with pytest.raises(KeyError):
        pub.table("quarantine", q.Scope((OWN,)), PERIOD)


# -- pseudonyms ----------------------------------------------------------------------

def test_pseudonymised_output_contains_no_nip_or_name(pub):
    scope = q.Scope(None, False, KEY)
    frames = [df for _, df in run_all(pub, scope, PERIOD)]
    frames += [pub.table(t, scope, PERIOD) for t in pub.tables(scope)]
    text = "\n".join(cell for df in frames for cell in strings(df))
    assert "ASN-" in text
    for nip in NIPS:
        assert nip not in text
    for name in NAMES:
        assert name not in text
    assert not re.search(r"\d{18}", text)
    people = pub.table("dim_pegawai", scope, PERIOD)
    assert people["birth_date"].null_count() == people.height


def test_pseudonyms_are_stable_per_key_and_differ_between_keys(warehouse):
    sql = "select nip from dim_pegawai order by name"
    rows = q.Person(())  # declared as person rows without quasi-identifiers (undeclared SQL shows nothing)
    a, b = q.Published(current_build_file(warehouse)), q.Published(current_build_file(warehouse))
    try:
        assert a.sql(sql, q.Scope(None, False, KEY)).is_empty()
        first = a.sql(sql, q.Scope(None, False, KEY), rule=rows)["nip"].to_list()
        assert first == b.sql(sql, q.Scope(None, False, KEY), rule=rows)["nip"].to_list()  # another connection
        assert set(first).isdisjoint(a.sql(sql, q.Scope(None, False, b"lain"), rule=rows)["nip"].to_list())
        assert len(set(first)) == len(NIPS)
    finally:
        a.close()
        b.close()


def test_pseudonym_joins_still_work(pub):
    """A drill by pseudonym finds the same employee's rows (views pseudonymise consistently).
    k=1: the fixture's peer group (5 Pelaksana of Disdik) is too small under the default k."""
    scope = q.Scope(None, False, KEY, k=1)
    nip = pub.sql("select nip from mart_outliers where kind = 'low_productivity'", scope,
                  rule=q.Person(()))["nip"][0]
    peers = pub.run("common__evidence_peers", scope, nip=nip, month=dt.date(2026, 10, 1))
    assert peers.filter(is_subject=True).height == 1


def test_scope_needs_a_key_to_hide_personal_data():
    with pytest.raises(ValueError):
        q.Scope(None, show_personal=False)


# -- filters -------------------------------------------------------------------------

def test_filters_reach_the_sql(pub):
    by_rumpun = pub.run("overview__opd_ranking", q.ADMIN, **q.Filters(
        PERIOD.month_from, PERIOD.month_to, rumpun=("Badan",)).params())
    assert by_rumpun["opd_code"].to_list() == ["4.02"]
    pppk = pub.run("competency__behind", q.ADMIN, **q.Filters(
        PERIOD.month_from, PERIOD.month_to, statuses=("PPPK",)).params())
    assert set(pppk["employment_status"]) <= {"PPPK"}
    months = pub.run("culture_index__opd_monthly", q.ADMIN, **q.Filters(dt.date(2026, 7, 1), dt.date(2026, 9, 1)).params())
    assert sorted(set(months["month"])) == [dt.date(2026, m, 1) for m in (7, 8, 9)]  # the fixture: Jul-Oct 2026
    assert months["opd_code"].n_unique() == len(OPDS)


# -- CURRENT switching ---------------------------------------------------------------

def _publish_copy(warehouse: Path, name: str, index_shift: float) -> None:
    """A second build: copy of the current one with every culture_index shifted."""
    pub_dir = current_build_file(warehouse).parent
    target = pub_dir / f"{name}.duckdb"
    shutil.copy(current_build_file(warehouse), target)
    con = duckdb.connect(str(target))
    con.execute("update mart_region_monthly set culture_index = culture_index + ?", [index_shift])
    con.execute("update build_info set build_id = ?", [name])
    con.close()
    (pub_dir / "CURRENT").write_text(target.name, encoding="utf-8")


def test_open_current_follows_current(tmp_path):
    warehouse = make_fixture_warehouse(tmp_path)
    first = q.open_current(warehouse)
    before = first.run("common__build_info", q.ADMIN)["build_id"][0]
    value = first.sql("select culture_index from mart_region_monthly order by month desc limit 1", q.ADMIN)[0, 0]
    assert q.open_current(warehouse) is first  # same build: same attachment
    _publish_copy(warehouse, "20261201T000000-baru", 10)
    second = q.open_current(warehouse)
    assert second is not first
    assert second.run("common__build_info", q.ADMIN)["build_id"][0] == "20261201T000000-baru" != before
    assert second.sql("select culture_index from mart_region_monthly order by month desc limit 1",
                      q.ADMIN)[0, 0] == pytest.approx(value + 10)
    assert first.run("common__build_info", q.ADMIN)["build_id"][0] == before  # old readers keep their snapshot
    (current_build_file(warehouse).parent / "CURRENT").unlink()
    assert q.open_current(warehouse) is None  # nothing published


def test_streamlit_caches_are_keyed_on_the_build(tmp_path, monkeypatch):
    """pages/ui/data.py: a new CURRENT gives a new attachment and new results, no ttl needed."""
    from pages.ui import data

    warehouse = make_fixture_warehouse(tmp_path)
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))
    first = data.published()
    info = data.run("common__build_info", q.Filters())
    _publish_copy(warehouse, "20261201T000000-baru", 10)
    second = data.published()
    assert second.build_file != first.build_file
    assert data.run("common__build_info", q.Filters())["build_id"][0] == "20261201T000000-baru"
    assert info["build_id"][0] != "20261201T000000-baru"


@pytest.mark.slow
def test_scope_on_the_demo_region(demo_region):
    """The same guarantees on a build from the real pipeline."""
    pub = q.Published(demo_region.published)
    try:
        months = pub.run("common__months", q.ADMIN)["month"].to_list()
        opds = pub.run("common__opd", q.ADMIN)["opd_code"].to_list()
        own, other = opds[0], opds[1]
        filters = q.Filters(months[0], months[-1], opd_codes=(other,))
        extra = {"opd": own, "unit": "x", "period": "x", "within_days": 5, "nip": "x", "month": months[-1],
                 "nips": ["x"], "core_value": "x", "text": "a"}
        for name in q.query_names():
            df = pub.run(name, q.Scope((own,)), **filters.params(), **extra)
            if "opd_code" in df.columns:
                assert set(df["opd_code"].drop_nulls()) <= {own}, name
            if "$opd_codes" in q.sql_for(name) and ("opd_code" in df.columns or "nip" in df.columns):
                assert df.is_empty(), name
        real = pub.sql("select nip, name from dim_pegawai", q.ADMIN)
        scope = q.Scope(None, False, KEY)
        text = "\n".join(c for t in pub.tables(scope) for c in strings(pub.table(t, scope, q.Filters())))
        assert not re.search(r"\d{18}", text)
        full_names = [n for n in real["name"].to_list() if " " in n]  # one-word names also name units
        assert not any(n in text for n in full_names)
    finally:
        pub.close()


def test_competency_behind_list_counts_as_the_opd_progress_does(pub):
    """Kompetensi and the monthly brief: 'N dari M sesuai target; K tertinggal' adds up (K = M - N) in the
    latest month: someone who left earlier in the year is not listed as behind."""
    last = pub.run("common__months", q.ADMIN)["month"].max()
    for code, *_ in OPDS:
        f = q.Filters(month_from=dt.date(last.year, 1, 1), month_to=last, opd_codes=(code,))
        progress = pub.run("competency__opd_progress", q.ADMIN, **f.params())
        behind = pub.run("competency__behind", q.ADMIN, **f.params())
        if progress.is_empty():
            continue
        row = progress.row(0, named=True)
        assert behind.height == row["employees"] - row["employees_on_track"], code
