"""Discipline marts on hand-computed fixtures (PP 94/2021, Perpres 21/2023)."""

from __future__ import annotations

from datetime import date, datetime, time

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)

A = nip_for(1)
PDH = "Pemberhentian dengan hormat tidak atas permintaan sendiri"
TODAY = date(2026, 12, 31)


def setup_one(tiny, **kw):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1", **kw)


def yearly(tiny, nip=A):
    return tiny.dicts("select * from mart_discipline_yearly where nip = ?", [nip])[0]


def daily(tiny, d, nip=A):
    rows = tiny.dicts("select * from fct_attendance_daily where nip = ? and work_date = ?", [nip, d])
    return rows[0] if rows else None


def test_three_tk_days_and_450_late_minutes_is_teguran_tertulis(tiny):
    setup_one(tiny)
    days = workdays_2026(date(2026, 1, 2), date(2026, 1, 30))
    tk = days[:3]
    late = days[3:18]  # 15 days x 30 minutes = 450
    for d in days:
        if d in tk:
            tiny.recap(A, d, "TK")
        elif d in late:
            tiny.day(A, d, time(8, 0), time(16, 45))
        else:
            tiny.day(A, d, time(7, 20), time(16, 45))
    tiny.build(today=TODAY)
    y = yearly(tiny)
    assert (y["absent_days"], y["late_minutes"], y["early_leave_minutes"]) == (3, 450, 0)
    assert y["equivalent_absent_days"] == 4
    assert y["sanction_level"] == "Teguran tertulis"
    assert (y["sanction_rank"], y["sanction_category"], y["sanction_basis"]) == (2, "Ringan", "kumulatif")
    assert y["next_sanction_level"] == "Pernyataan tidak puas secara tertulis"
    assert y["days_to_next_level"] == 3
    m = tiny.dicts("select * from mart_discipline_monthly")[0]
    assert m["expected_days"] == len(days) and m["absent_days"] == 3
    assert m["equivalent_absent_days"] == 4.0
    assert m["late_days"] == 15


def test_449_late_minutes_do_not_make_a_day(tiny):
    setup_one(tiny)
    days = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))
    for i, d in enumerate(days):
        if i < 3:
            tiny.recap(A, d, "TK")
        elif i == 3:
            tiny.day(A, d, time(14, 59), time(16, 45))  # 449 minutes late
        else:
            tiny.day(A, d, time(7, 20), time(16, 45))
    tiny.build(today=TODAY)
    y = yearly(tiny)
    assert y["late_minutes"] == 449
    assert y["equivalent_absent_days"] == 3
    assert y["sanction_level"] == "Teguran lisan"


def test_28_scattered_days_is_pemberhentian_cumulative(tiny):
    setup_one(tiny)
    days = workdays_2026(date(2026, 1, 2), date(2026, 3, 31))
    tk = days[::2][:28]
    for d in days:
        if d in tk:
            tiny.recap(A, d, "TK")
        else:
            tiny.day(A, d, time(7, 0), time(17, 0))
    tiny.build(today=TODAY)
    y = yearly(tiny)
    assert y["absent_days"] == 28 and y["equivalent_absent_days"] == 28
    assert y["sanction_level"] == PDH
    assert y["sanction_category"] == "Berat" and y["sanction_basis"] == "kumulatif"
    assert y["max_consecutive_absent_days"] == 1 and not y["has_consecutive_absence"]
    assert y["next_sanction_level"] is None and y["days_to_next_level"] is None
    assert "PTDH" not in y["sanction_level"]


def test_ten_consecutive_tk_workdays_are_flagged(tiny):
    setup_one(tiny)
    days = workdays_2026(date(2026, 1, 2), date(2026, 2, 27))
    run = days[5:15]  # ten workdays in a row, across two weekends
    for d in days:
        if d in run:
            tiny.recap(A, d, "TK")
        else:
            tiny.day(A, d, time(7, 0), time(17, 0))
    tiny.build(today=TODAY)
    y = yearly(tiny)
    assert y["absent_days"] == 10
    assert y["max_consecutive_absent_days"] == 10 and y["has_consecutive_absence"]
    assert y["sanction_level"] == PDH and y["sanction_basis"] == "berturut-turut"
    assert y["sanction_category"] == "Berat"


def test_nine_consecutive_plus_excused_break_is_not_flagged(tiny):
    setup_one(tiny)
    days = workdays_2026(date(2026, 1, 2), date(2026, 2, 27))
    for i, d in enumerate(days):
        if 5 <= i < 14 or 15 <= i < 20:
            tiny.recap(A, d, "TK")
        elif i == 14:
            tiny.recap(A, d, "S")  # an excused day breaks the run
        else:
            tiny.day(A, d, time(7, 0), time(17, 0))
    tiny.build(today=TODAY)
    y = yearly(tiny)
    assert y["max_consecutive_absent_days"] == 9 and not y["has_consecutive_absence"]
    assert y["sanction_level"] == "Pemotongan tunjangan kinerja 25% selama 9 bulan"  # 14 days


def test_ramadan_lateness_counts_from_eight(tiny):
    setup_one(tiny)
    tiny.day(A, date(2026, 2, 18), time(7, 40), time(16, 0))  # ordinary Wednesday
    tiny.day(A, date(2026, 2, 19), time(8, 10), time(15, 0))  # 1 Ramadan, Thursday
    tiny.day(A, date(2026, 2, 20), time(7, 55), time(15, 20))  # Ramadan Friday ends 15.30
    tiny.build(today=TODAY)
    assert daily(tiny, date(2026, 2, 18))["late_minutes"] == 10
    ram = daily(tiny, date(2026, 2, 19))
    assert ram["is_ramadan"] and ram["start_time"] == time(8)
    assert (ram["late_minutes"], ram["early_leave_minutes"]) == (10, 0)
    fri = daily(tiny, date(2026, 2, 20))
    assert (fri["late_minutes"], fri["early_leave_minutes"]) == (0, 10)


def test_cuti_bersama_day_is_not_expected(tiny):
    setup_one(tiny)
    for d in (date(2026, 2, 12), date(2026, 2, 13), date(2026, 2, 18)):
        tiny.day(A, d)
    tiny.build(today=TODAY)
    assert daily(tiny, date(2026, 2, 16)) is None  # cuti bersama Imlek, no record: not absent
    assert daily(tiny, date(2026, 2, 17)) is None  # Imlek
    m = tiny.dicts("select * from mart_discipline_monthly")[0]
    assert m["expected_days"] == 3 and m["absent_days"] == 0


def test_punch_day_with_recap_s_is_excused(tiny):
    setup_one(tiny)
    tiny.day(A, date(2026, 1, 6), time(9, 0), time(11, 0))
    tiny.recap(A, date(2026, 1, 6), "S")
    tiny.day(A, date(2026, 1, 7), time(7, 31, 0), time(16, 0))
    tiny.build(today=TODAY)
    d = daily(tiny, date(2026, 1, 6))
    assert d["is_excused"] and not d["is_present"] and not d["is_absent"]
    assert d["day_status"] == "izin" and d["status_code"] == "S"
    assert d["arrival_time"] == time(9)  # punches decide the times ...
    assert (d["late_minutes"], d["early_leave_minutes"]) == (0, 0)  # ... the recap decides the excuse
    assert daily(tiny, date(2026, 1, 7))["late_minutes"] == 1


def test_grace_within_the_minute(tiny):
    setup_one(tiny)
    tiny.day(A, date(2026, 1, 6), time(7, 30, 59), time(16, 0))
    tiny.build(today=TODAY)
    assert daily(tiny, date(2026, 1, 6))["late_minutes"] == 0


def test_single_punch_is_arrival_only_and_flagged(tiny):
    setup_one(tiny)
    tiny.punch(A, datetime(2026, 1, 6, 7, 45))
    tiny.day(A, date(2026, 1, 7), time(7, 20), time(7, 22))  # a double tap is not a departure
    tiny.build(today=TODAY)
    d = daily(tiny, date(2026, 1, 6))
    assert d["is_present"] and d["departure_time"] is None and d["has_missing_checkout"]
    assert (d["late_minutes"], d["early_leave_minutes"]) == (15, 0)
    assert daily(tiny, date(2026, 1, 7))["has_missing_checkout"]
    m = tiny.dicts("select missing_checkout_days from mart_discipline_monthly")[0]
    assert m["missing_checkout_days"] == 2


def test_missing_checkout_policy_counts_early_leave(tiny, tmp_path):
    from dataclasses import replace

    from warehouse.config import load_config

    setup_one(tiny)
    tiny.punch(A, datetime(2026, 1, 6, 7, 45))
    cfg = replace(load_config(), missing_checkout="pulang_saat_datang")
    tiny.build(today=TODAY, config=cfg)
    d = daily(tiny, date(2026, 1, 6))
    assert (d["late_minutes"], d["early_leave_minutes"]) == (15, 8 * 60 + 15)


def test_recap_only_days_use_recap_times(tiny):
    setup_one(tiny)
    tiny.recap(A, date(2026, 1, 6), "H", time(7, 45), time(15, 50))
    tiny.recap(A, date(2026, 1, 7), "TK")
    tiny.recap(A, date(2026, 1, 8), "DL")
    tiny.build(today=TODAY)
    h = daily(tiny, date(2026, 1, 6))
    assert h["time_source"] == "rekap" and h["is_present"]
    assert (h["late_minutes"], h["early_leave_minutes"]) == (15, 10)
    assert daily(tiny, date(2026, 1, 7))["is_absent"]
    assert daily(tiny, date(2026, 1, 8))["is_excused"]


def test_no_record_is_absent_and_expected_days_follow_tmt_and_aktif(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    new, gone = nip_for(2), nip_for(3)
    tiny.pegawai(A, "D1")
    tiny.pegawai(new, "D1", tmt=date(2026, 1, 19))
    tiny.pegawai(gone, "D1", active=False)
    for d in workdays_2026(date(2026, 1, 5), date(2026, 1, 30)):
        tiny.day(A, d)
    tiny.day(new, date(2026, 1, 20))
    tiny.day(gone, date(2026, 1, 5))
    tiny.day(gone, date(2026, 1, 9))
    tiny.build(today=TODAY)
    rows = {r["nip"]: r for r in tiny.dicts("select * from mart_discipline_monthly")}
    assert rows[A]["expected_days"] == 19 and rows[A]["absent_days"] == 0
    # TMT 19 Jan: 19..30 Jan = 10 workdays, present 1 -> 9 absent
    assert rows[new]["expected_days"] == 10 and rows[new]["absent_days"] == 9
    # AKTIF = N: expected only until the last day with data (9 Jan): 5 workdays
    assert rows[gone]["expected_days"] == 5 and rows[gone]["absent_days"] == 3
    assert rows[A]["discipline_score"] == 100.0
    assert abs(rows[new]["discipline_score"] - 10.0) < 1e-9


def test_sanction_opd_summary_counts_employees(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    b = nip_for(2)
    tiny.pegawai(A, "D1")
    tiny.pegawai(b, "D1")
    days = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))
    for i, d in enumerate(days):
        tiny.day(b, d)
        if i < 4:
            tiny.recap(A, d, "TK")
        else:
            tiny.day(A, d)
    tiny.build(today=TODAY)
    rows = tiny.dicts("select sanction_rank, sanction_level, employees from mart_sanction_opd_yearly order by 1")
    assert rows == [
        {"sanction_rank": 0, "sanction_level": None, "employees": 1},
        {"sanction_rank": 2, "sanction_level": "Teguran tertulis", "employees": 1},
    ]
