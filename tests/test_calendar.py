"""dim_calendar: national holidays, cuti bersama, Perpres 21/2023 hours, Ramadan, regional overrides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from tests.conftest_metrics import HOLIDAYS_Q1_2026, RAMADAN_2026
from warehouse.calendar import calendar_rows, idul_fitri, load_regional
from warehouse.config import ConfigError, load_config


@pytest.fixture(scope="module")
def cfg():
    return load_config()


def rows_by_date(cfg, start, end):
    return {r[0]: dict(zip(
        ("date", "year", "month", "iso_dow", "is_weekend", "is_holiday", "is_cuti_bersama", "holiday_name",
         "is_workday", "is_ramadan", "start_time", "end_time", "workday_minutes"), r)) for r in
        calendar_rows(start, end, cfg)}


def test_known_cuti_bersama_is_not_a_workday(cfg):
    cal = rows_by_date(cfg, date(2025, 1, 1), date(2026, 12, 31))
    for d in (date(2025, 4, 2), date(2025, 12, 26), date(2026, 3, 20), date(2026, 12, 24)):
        assert cal[d]["is_cuti_bersama"], d
        assert not cal[d]["is_workday"], d
        assert cal[d]["holiday_name"].startswith("Cuti Bersama")
        assert cal[d]["workday_minutes"] == 0


def test_q1_2026_weekday_holidays_match_the_test_fixture(cfg):
    cal = rows_by_date(cfg, date(2026, 1, 1), date(2026, 3, 31))
    weekday_holidays = {d for d, r in cal.items() if not r["is_weekend"] and not r["is_workday"]}
    assert weekday_holidays == HOLIDAYS_Q1_2026


def test_perpres_21_2023_hours(cfg):
    cal = rows_by_date(cfg, date(2026, 1, 5), date(2026, 1, 11))
    monday, friday, saturday = cal[date(2026, 1, 5)], cal[date(2026, 1, 9)], cal[date(2026, 1, 10)]
    assert (monday["start_time"], monday["end_time"], monday["workday_minutes"]) == (time(7, 30), time(16), 450)
    assert (friday["start_time"], friday["end_time"]) == (time(7, 30), time(16, 30))
    assert saturday["is_weekend"] and not saturday["is_workday"] and saturday["start_time"] is None


def test_ramadan_hours_and_range(cfg):
    cal = rows_by_date(cfg, date(2026, 2, 1), date(2026, 3, 31))
    first, last = RAMADAN_2026
    assert not cal[date(2026, 2, 18)]["is_ramadan"]
    assert cal[first]["is_ramadan"] and cal[last]["is_ramadan"]
    assert not cal[date(2026, 3, 21)]["is_ramadan"]  # Idul Fitri
    thursday, friday = cal[date(2026, 2, 19)], cal[date(2026, 2, 20)]
    assert (thursday["start_time"], thursday["end_time"], thursday["workday_minutes"]) == (time(8), time(15), 390)
    assert (friday["start_time"], friday["end_time"]) == (time(8), time(15, 30))


def test_idul_fitri_from_the_holidays_package():
    assert idul_fitri(2024) == date(2024, 4, 10)
    assert idul_fitri(2025) == date(2025, 3, 31)
    assert idul_fitri(2026) == date(2026, 3, 21)


def test_ramadan_without_configured_start_falls_back_to_30_days_before_idul_fitri(cfg):
    no_table = replace(cfg, ramadan_start={})
    cal = rows_by_date(no_table, date(2025, 2, 25), date(2025, 3, 5))
    assert not cal[date(2025, 2, 28)]["is_ramadan"]
    assert cal[date(2025, 3, 1)]["is_ramadan"]  # 31 Mar - 30 days


def test_regional_override_file(cfg, tmp_path):
    regional = tmp_path / "daerah.toml"
    regional.write_text(
        '[[libur]]\ntanggal = "2026-04-20"\nnama = "Hari Jadi Kabupaten"\n'
        '[[hari_kerja]]\ntanggal = "2026-03-20"\nnama = "cuti bersama tidak diikuti"\n'
        '[[jam_khusus]]\nmulai = "2026-04-27"\nselesai = "2026-04-30"\nmasuk = "07:00"\n'
        'pulang_senin_kamis = "15:30"\npulang_jumat = "16:00"\nmenit_kerja_per_hari = 450\n',
        encoding="utf-8",
    )
    c = replace(cfg, regional_calendar=regional)
    cal = rows_by_date(c, date(2026, 3, 1), date(2026, 4, 30))
    assert not cal[date(2026, 4, 20)]["is_workday"]
    assert cal[date(2026, 4, 20)]["holiday_name"] == "Hari Jadi Kabupaten"
    assert cal[date(2026, 3, 20)]["is_workday"]
    assert cal[date(2026, 4, 28)]["start_time"] == time(7)
    assert cal[date(2026, 4, 28)]["end_time"] == time(15, 30)


def test_example_regional_file_is_valid():
    from warehouse.config import DEFAULT_CONFIG

    reg = load_regional(DEFAULT_CONFIG.parent / "kalender_daerah.example.toml")
    assert reg.holidays and reg.workdays and reg.special_hours


def test_bad_regional_file_has_an_indonesian_message(tmp_path):
    bad = tmp_path / "daerah.toml"
    bad.write_text('[[libur]]\ntanggal = "20-04-2026"\nnama = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="tanggal"):
        load_regional(bad)
