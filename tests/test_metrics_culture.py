"""Culture index: component scores, renormalised weights, partial flags, deltas, levels."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)

A, B = nip_for(1), nip_for(2)
TODAY = date(2026, 12, 31)
JAN = date(2026, 1, 1)


def two_employees(tiny, with_behaviour: bool):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1", work_unit="Bidang P2P")
    tiny.pegawai(B, "D1", work_unit="Sekretariat")
    days = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))  # 19 workdays
    for i, d in enumerate(days):
        tiny.day(A, d, time(7, 20), time(16, 40))
        if i == 0:
            tiny.recap(B, d, "TK")
        else:
            tiny.day(B, d, time(7, 20), time(16, 40))
        tiny.activity(A, d, 300)
        tiny.activity(B, d, 150)
        tiny.activity(B, d, 200, status="DITOLAK")
    tiny.kinerja(A, 2026, "1", "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI")  # BAIK 80
    tiny.kinerja(B, 2026, "1", "DI ATAS EKSPEKTASI", "DI ATAS EKSPEKTASI")  # SANGAT BAIK 100
    tiny.training(A, date(2026, 1, 20), 10)
    if with_behaviour:
        tiny.berakhlak("2026-S1", A, "ATASAN", "k1", 4.0)
        tiny.berakhlak("2026-S1", B, "REKAN", "r1", 3.0)
        tiny.berakhlak("2026-S1", B, "DIRI", B, 5.0)  # self ratings do not count
    tiny.build(today=TODAY)


DISC = 100 * (1 - 1 / 38)  # one TK day out of 2 x 19 expected days
PERF = 0.5 * 90 + 0.5 * 75  # SKP (80 + 100) / 2; activity mean(1, 0.5)
COMP = 50.0  # A 10 JP >= 20/12, B 0 JP


def test_missing_component_is_null_and_weights_renormalised(tiny):
    two_employees(tiny, with_behaviour=False)
    r = tiny.dicts("select * from mart_opd_monthly")[0]
    assert r["employees"] == 2
    assert r["discipline_score"] == pytest.approx(DISC)
    assert r["skp_score"] == pytest.approx(90) and r["activity_score"] == pytest.approx(75)
    assert r["performance_score"] == pytest.approx(PERF)
    assert r["competency_score"] == pytest.approx(COMP)
    assert r["behaviour_score"] is None and not r["has_behaviour"]
    assert r["berakhlak_mean"] is None
    assert r["components_present"] == 3 and r["is_partial"]
    assert r["missing_components"] == "perilaku"
    assert (r["weight_discipline"], r["weight_performance"], r["weight_competency"], r["weight_behaviour"]) == \
        pytest.approx((0.4, 0.4, 0.2, 0.0))
    assert r["culture_index"] == pytest.approx(0.4 * DISC + 0.4 * PERF + 0.2 * COMP)
    # what each component adds (Indeks Budaya Kerja page): weight used x score, summing to the index
    assert (r["discipline_contribution"], r["performance_contribution"], r["competency_contribution"]) == \
        pytest.approx((0.4 * DISC, 0.4 * PERF, 0.2 * COMP))
    assert r["behaviour_contribution"] is None
    assert r["approved_minutes"] == 300 * 19 + 150 * 19
    assert r["target_minutes"] == 2 * 300 * 19
    assert r["attendance_rate"] == pytest.approx(37 / 38)
    assert r["skp_baik_plus_share"] == 1.0


def test_all_components_use_the_configured_weights(tiny):
    two_employees(tiny, with_behaviour=True)
    r = tiny.dicts("select * from mart_opd_monthly")[0]
    assert r["berakhlak_mean"] == pytest.approx(3.5)
    assert r["behaviour_score"] == pytest.approx(62.5)
    assert not r["is_partial"] and r["missing_components"] is None
    assert r["culture_index"] == pytest.approx(0.3 * DISC + 0.3 * PERF + 0.15 * COMP + 0.25 * 62.5)


def test_unit_and_region_levels_use_the_same_definitions(tiny):
    two_employees(tiny, with_behaviour=True)
    units = {r["work_unit"]: r for r in tiny.dicts("select * from mart_unit_monthly")}
    assert set(units) == {"Bidang P2P", "Sekretariat"}
    a = units["Bidang P2P"]
    assert a["discipline_score"] == 100 and a["performance_score"] == pytest.approx(0.5 * 80 + 0.5 * 100)
    assert a["competency_score"] == 100 and a["behaviour_score"] == pytest.approx(75)
    assert a["culture_index_rank"] == 1 and units["Sekretariat"]["culture_index_rank"] == 2
    region = tiny.dicts("select * from mart_region_monthly")[0]
    opd = tiny.dicts("select * from mart_opd_monthly")[0]
    assert region["culture_index"] == pytest.approx(opd["culture_index"])
    assert region["employees"] == 2


def test_month_and_year_deltas(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    jan = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))
    feb = workdays_2026(date(2026, 2, 2), date(2026, 2, 13))
    for d in jan:
        tiny.day(A, d, time(7, 0), time(17, 0))
    for i, d in enumerate(feb):
        if i < 5:
            tiny.recap(A, d, "TK")
        else:
            tiny.day(A, d, time(7, 0), time(17, 0))
    tiny.build(today=TODAY)
    rows = tiny.dicts("select month, culture_index, culture_index_mom_delta, culture_index_yoy_delta, "
                      "components_present from mart_opd_monthly order by month")
    assert rows[0]["culture_index"] == 100 and rows[0]["culture_index_mom_delta"] is None
    assert rows[1]["culture_index"] == pytest.approx(50)  # 5 of 10 expected days absent
    assert rows[1]["culture_index_mom_delta"] == pytest.approx(-50)
    assert rows[1]["culture_index_yoy_delta"] is None
    assert rows[1]["components_present"] == 1


def test_a_month_without_any_attendance_record_has_no_discipline_score(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.opd("D2", "Dinas Pendidikan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D2")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 1, 30)):
        tiny.day(A, d)
    tiny.build(today=TODAY)
    d2 = tiny.dicts("select * from mart_opd_monthly where opd_code = 'D2'")[0]
    assert d2["absent_days"] == 19  # counted in the ingredients ...
    assert d2["discipline_score"] is None and d2["culture_index"] is None  # ... but never a silent 0
    assert d2["components_present"] == 0 and d2["missing_components"] == "disiplin, kinerja, kompetensi, perilaku"
