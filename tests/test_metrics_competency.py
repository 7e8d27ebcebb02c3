"""Competency: 20 JP a year, pro-rated by month (PP 11/2017 Pasal 203)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)

A, B = nip_for(1), nip_for(2)


def test_jp_year_to_date_against_prorated_target(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D1")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 6, 30)):
        tiny.day(A, d)
        tiny.day(B, d)
    tiny.training(A, date(2026, 2, 10), 6, kind="Pelatihan Teknis")
    tiny.training(A, date(2026, 4, 15), 8, kind="E-Learning")
    tiny.training(B, date(2026, 6, 2), 24, kind="Pelatihan Fungsional")
    tiny.training(B, date(2025, 12, 2), 5)  # previous year: does not count for 2026
    tiny.build(today=date(2026, 7, 15))

    y = {r["nip"]: r for r in tiny.dicts("select * from mart_competency_yearly where year = 2026")}
    assert y[A]["jp_total"] == 14 and y[A]["jp_teknis"] == 6 and y[A]["jp_elearning"] == 8
    assert y[A]["trainings"] == 2
    assert y[A]["months_elapsed"] == 6 and y[A]["prorated_target_jp"] == pytest.approx(10)
    assert y[A]["is_on_track"] and not y[A]["has_reached_target"] and y[A]["jp_shortfall"] == 6
    assert y[B]["has_reached_target"] and y[B]["jp_shortfall"] == 0 and y[B]["jp_fungsional"] == 24

    m = tiny.dicts("select * from mart_competency_opd_monthly order by month")
    assert [r["jp_ytd_total"] for r in m] == [0, 6, 6, 14, 14, 38]
    assert [r["employees_on_track"] for r in m] == [0, 1, 1, 1, 1, 2]
    assert m[0]["prorated_target_jp"] == pytest.approx(20 / 12)
    # February: A 6 JP >= 3.33 -> 1, B 0 -> 0
    assert m[1]["attainment_rate"] == pytest.approx(0.5) and m[1]["competency_score"] == pytest.approx(50)
    assert m[5]["employees_reached_target"] == 1
    t = tiny.dicts("select training_type, jp_total, employees from mart_competency_type_yearly "
                   "where year = 2026 order by 1")
    assert t == [
        {"training_type": "E-Learning", "jp_total": 8.0, "employees": 1},
        {"training_type": "Pelatihan Fungsional", "jp_total": 24.0, "employees": 1},
        {"training_type": "Pelatihan Teknis", "jp_total": 6.0, "employees": 1},
    ]
    opd = tiny.dicts("select month, competency_score, jp_on_track_share from mart_opd_monthly order by month")
    assert opd[1]["competency_score"] == pytest.approx(50)


def test_target_is_prorated_from_the_first_month_of_data_or_tmt(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D1", tmt=date(2026, 5, 4))
    for d in workdays_2026(date(2026, 3, 2), date(2026, 6, 30)):
        tiny.day(A, d)
        if d >= date(2026, 5, 4):
            tiny.day(B, d)
    tiny.training(A, date(2026, 2, 10), 6)  # before the data period: not counted
    tiny.training(A, date(2026, 4, 10), 4)
    tiny.training(B, date(2026, 6, 10), 4)
    tiny.build(today=date(2026, 7, 15))
    y = {r["nip"]: r for r in tiny.dicts("select * from mart_competency_yearly")}
    assert (y[A]["months_elapsed"], y[A]["jp_total"]) == (4, 4)  # March..June
    assert y[A]["prorated_target_jp"] == pytest.approx(20 * 4 / 12)
    assert (y[B]["months_elapsed"], y[B]["jp_total"]) == (2, 4)  # TMT in May
    assert y[B]["is_on_track"] and not y[A]["is_on_track"]


def test_competency_score_is_the_calendar_year_to_date_the_page_shows(tiny):
    """One definition: index component, Kompetensi page (mart_competency_yearly) and
    Metodologi all count JP since January against 20 x months counted / 12."""
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 2, 27)):
        tiny.day(A, d)
    for d in (date(2025, 11, 10), date(2025, 12, 10)):
        tiny.day(A, d)
    tiny.training(A, date(2025, 12, 5), 20)
    tiny.training(A, date(2026, 2, 10), 2)
    tiny.batch("pelatihan", datetime(2026, 3, 2, 9, 0))  # the export was loaded in March
    tiny.build(today=date(2026, 3, 15))
    m = {r["month"]: r for r in tiny.dicts("select * from mart_competency_opd_monthly")}
    assert m[date(2025, 12, 1)]["competency_score"] == 100  # 20 JP >= 20 x 2 / 12
    jan, feb = m[date(2026, 1, 1)], m[date(2026, 2, 1)]
    assert jan["jp_ytd_per_employee"] == 0 and jan["competency_score"] == 0  # the new year restarts
    assert jan["jp_12m_per_employee"] == 20  # information only
    assert feb["competency_score"] == pytest.approx(100 * 2 / (20 * 2 / 12))  # 60
    opd = tiny.dicts("select month, competency_score from mart_opd_monthly where month >= '2026-01-01' order by 1")
    assert [r["competency_score"] for r in opd] == pytest.approx([0, 60])
    y = tiny.dicts("select attainment_rate from mart_competency_yearly where year = 2026")
    assert y[0]["attainment_rate"] == pytest.approx(feb["competency_score"] / 100)  # the page's number


def test_one_competency_wording_on_every_screen():
    from warehouse import metrics

    assert "sejak Januari" in metrics.COMPETENCY_RULE and "12 bulan" not in metrics.COMPETENCY_RULE
    assert metrics.COMPETENCY_RULE in metrics.metric("competency_score").description
    root = Path(__file__).resolve().parents[1]
    for page in ("methodology.py", "competency.py"):
        assert "metrics.COMPETENCY_RULE" in (root / "pages" / page).read_text(encoding="utf-8")


def test_kompetensi_list_tile_and_drill_use_one_definition_for_the_month_shown(tiny):
    """Viewing February 2026 of a build to June: the tile (mart_competency_opd_monthly), the list of employees
    behind and the unit drill judge JP so far (Jan–Feb) against 20 × 2 / 12, not the year to June.
    A: 4 JP in February -> on track in February (3,33), behind in June (10); B: nothing -> behind."""
    from warehouse import query as q
    from warehouse.paths import current_build_file

    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D1")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 6, 30)):
        tiny.day(A, d)
        tiny.day(B, d)
    tiny.training(A, date(2026, 2, 10), 4)
    tiny.training(B, date(2026, 5, 20), 3, kind="Kursus")
    tiny.training(B, date(2026, 7, 10), 30, kind="Kursus")  # after the build period (data to June): not counted
    tiny.build(today=date(2026, 7, 15))
    pub = q.Published(current_build_file(tiny.path))
    b_jp = {date(2026, 2, 1): 0, date(2026, 6, 1): 3}
    for month, on_track, target in ((date(2026, 2, 1), {A}, 20 * 2 / 12), (date(2026, 6, 1), set(), 10)):
        params = q.Filters(date(2026, 1, 1), month).params()
        opd = pub.run("competency__opd_progress", q.ADMIN, **params).to_dicts()[0]
        assert opd["employees_on_track"] == len(on_track)
        assert opd["prorated_target_jp"] == pytest.approx(target)
        behind = {r["nip"]: r for r in pub.run("competency__behind", q.ADMIN, **params).to_dicts()}
        assert set(behind) == {A, B} - on_track
        assert all(r["prorated_target_jp"] == pytest.approx(target) for r in behind.values())
        assert behind[B]["jp_total"] == b_jp[month]
        assert behind[B]["attainment_rate"] == pytest.approx(b_jp[month] / target)
        by_type = {r["training_type"]: r["jp_total"] for r in pub.run("competency__by_type", q.ADMIN, **params).to_dicts()}
        assert by_type == ({"Pelatihan Teknis": 4} if month.month == 2 else {"Pelatihan Teknis": 4, "Kursus": 3})
        drill = {r["nip"]: r for r in pub.run("culture_index__employees", q.ADMIN, opd="D1", unit="Sekretariat",
                                              **params).to_dicts()}
        assert drill[A]["jp_total"] == 4 and drill[A]["prorated_target_jp"] == pytest.approx(target)
