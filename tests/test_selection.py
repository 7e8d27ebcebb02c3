"""A mart over a selection of OPDs, combined as each column's spec says (warehouse/selection.py),
checked against a hand computation from the published OPD rows."""

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import OPDS, make_fixture_warehouse  # noqa: E402

from warehouse import query as q  # noqa: E402
from warehouse import spec  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402

TWO = [OPDS[0][0], OPDS[1][0]]


@pytest.fixture(scope="module")
def pub(tmp_path_factory):
    published = q.Published(current_build_file(make_fixture_warehouse(tmp_path_factory.mktemp("wh"))))
    yield published
    published.close()


def rows(pub, sql, scope=q.ADMIN, **params):
    return pub.sql(sql, scope, params).to_dicts()


def weighted(values, weights):
    pairs = [(v, w) for v, w in zip(values, weights) if v is not None]
    return sum(v * w for v, w in pairs) / sum(w for _, w in pairs) if pairs else None


def test_one_opd_selected_is_that_opds_row(pub):
    code = OPDS[0][0]
    own = {r["month"]: r for r in rows(pub, "select * from mart_opd_monthly where opd_code = $c", c=code)}
    sel = rows(pub, "select * from mart_opd_monthly_selected([$c], null)", c=code)
    assert len(sel) == len(own) > 0
    for r in sel:
        for col in ("employees", "culture_index", "discipline_score", "culture_index_mom_delta"):
            assert r[col] == pytest.approx(own[r["month"]][col], abs=1e-9, nan_ok=True), col


def test_two_opds_are_weighted_by_employees_and_deltas_follow_the_combined_index(pub):
    src = rows(pub, "select * from mart_opd_monthly where list_contains($c, opd_code) order by month", c=TWO)
    sel = {r["month"]: r for r in rows(pub, "select * from mart_opd_monthly_selected($c, null)", c=TWO)}
    by_month = {}
    for r in src:
        by_month.setdefault(r["month"], []).append(r)
    for month, parts in by_month.items():
        hand = weighted([p["culture_index"] for p in parts], [p["employees"] for p in parts])
        assert sel[month]["employees"] == sum(p["employees"] for p in parts)
        assert sel[month]["culture_index"] == pytest.approx(hand, abs=1e-9)
        prev = sel.get(dt.date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1))
        if prev and prev["culture_index"] is not None and hand is not None:
            assert sel[month]["culture_index_mom_delta"] == pytest.approx(hand - prev["culture_index"], abs=1e-9)


def test_ratio_is_the_ratio_of_sums_not_a_mean_of_ratios(pub):
    src = rows(pub, "select * from mart_competency_opd_monthly where list_contains($c, opd_code)", c=TWO)
    month = max(r["month"] for r in src)
    parts = [r for r in src if r["month"] == month]
    sel = rows(pub, "select * from mart_competency_opd_monthly_selected($c, null) where month = $m", c=TWO, m=month)[0]
    assert sel["on_track_share"] == pytest.approx(
        sum(p["employees_on_track"] for p in parts) / sum(p["employees"] for p in parts))


def test_an_opd_account_selecting_another_opd_gets_only_its_own(pub):
    own = OPDS[0][0]
    scope = q.Scope(opd_codes=(own,))
    mine = rows(pub, "select month, culture_index from mart_opd_monthly_selected([$o], null) order by month", scope, o=own)
    both = rows(pub, "select month, culture_index from mart_opd_monthly_selected($c, null) order by month", scope, c=TWO)
    assert mine == both and mine


def test_a_rollup_naming_a_missing_column_fails_the_spec_in_bahasa(tmp_path):
    sql = tmp_path / "marts" / "mart_x.sql"
    sql.parent.mkdir()
    sql.write_text("create or replace table mart_x as select 1 as opd_code, 2.0 as score\n")
    sql.with_suffix(".toml").write_text(
        'grain = ["opd_code"]\npublished = true\nopd_key = "opd_code"\n'
        '[columns.opd_code]\ntype = "INTEGER"\nlabel = "Kode"\n'
        '[columns.score]\ntype = "DOUBLE"\nlabel = "Skor"\nrollup = { mean = "pegawai" }\n')
    with pytest.raises(spec.SpecError, match="rollup mean merujuk kolom yang tidak ada"):
        spec.load_model(sql)
