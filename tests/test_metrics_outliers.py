"""Outlier detectors on small synthetic groups with known numbers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)

TODAY = date(2026, 12, 31)
JAN = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))  # 19 workdays


def outliers(tiny, kind):
    return tiny.dicts("select * from mart_outliers where kind = ? order by nip, opd_code, month", [kind])


def test_low_productivity_modified_z_score(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    minutes = [360, 370, 350, 365, 355, 380, 74]
    nips = [nip_for(i + 1) for i in range(len(minutes))]
    for nip, m in zip(nips, minutes):
        tiny.pegawai(nip, "D1", position_type="Fungsional")
        for d in JAN[:10]:
            tiny.day(nip, d, time(7, 20), time(16, 40))
            tiny.activity(nip, d, m)
    tiny.pegawai(nip_for(99), "D1", position_type="Pelaksana")  # another peer group, too small
    for d in JAN[:10]:
        tiny.day(nip_for(99), d)
        tiny.activity(nip_for(99), d, 10)
    tiny.build(today=TODAY)
    rows = outliers(tiny, "low_productivity")
    assert [r["nip"] for r in rows] == [nips[-1]]
    r = rows[0]
    # median 360, MAD = median(|x - 360|) = 10, z = 0.6745 * (74 - 360) / 10
    assert r["score"] == pytest.approx(0.6745 * (74 - 360) / 10)
    assert r["metric_value"] == pytest.approx(74) and r["peer_value"] == pytest.approx(360)
    assert r["threshold"] == -3.5 and r["opd_code"] == "D1" and r["month"] == date(2026, 1, 1)
    assert r["reason"].startswith(
        "Menit kerja disetujui 74/hari, median rekan sejabatan (Fungsional) di Dinas Kesehatan 360/hari")
    assert "-19,3" in r["reason"]


def test_present_not_working(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    idle, busy = nip_for(1), nip_for(2)
    for nip in (idle, busy):
        tiny.pegawai(nip, "D1")
    for i, d in enumerate(JAN[:15]):
        tiny.day(idle, d)
        tiny.day(busy, d)
        tiny.activity(busy, d, 330)
        if i < 3:
            tiny.activity(idle, d, 300)
    tiny.build(today=TODAY)
    rows = outliers(tiny, "present_not_working")
    assert [r["nip"] for r in rows] == [idle]
    assert rows[0]["score"] == pytest.approx(12 / 15)
    assert rows[0]["reason"] == (
        "Hadir menurut mesin sidik jari 15 hari pada Jan 2026, tetapi 12 hari di antaranya (80,0 %) "
        "tanpa aktivitas kerja yang disetujui")
    assert outliers(tiny, "low_productivity") == []  # the specific reason wins


def test_buddy_punching_pair_versus_single_coincidence(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    a, b, c, d_ = (nip_for(i) for i in (1, 2, 3, 4))
    tiny.pegawai(a, "D1", name="Ani")
    tiny.pegawai(b, "D1", name="Budi")
    tiny.pegawai(c, "D1", name="Citra")
    tiny.pegawai(d_, "D1", name="Dodi")
    for i, day in enumerate(JAN[:12]):
        base = datetime.combine(day, time(7, 10)) + timedelta(minutes=i)
        tiny.punch(a, base, "M1")
        tiny.punch(b, base + timedelta(seconds=6), "M1")  # Budi's finger 6 s after Ani's, every day
        tiny.punch(a, base.replace(hour=16, minute=40), "M1")
        tiny.punch(b, base.replace(hour=16, minute=40) + timedelta(seconds=4), "M1")
        # Citra and Dodi arrive far apart, except once
        tiny.punch(c, base + timedelta(minutes=20), "M1")
        tiny.punch(d_, base + timedelta(minutes=(0 if i == 3 else 40), seconds=20 + 3), "M1")
    tiny.punch(c, datetime(2026, 1, 8, 7, 30), "M2")
    tiny.build(today=TODAY)
    rows = outliers(tiny, "buddy_punching")
    assert [r["nip"] for r in rows] == sorted([a, b])
    by = {r["nip"]: r for r in rows}
    assert by[a]["partner_nips"] == b and by[b]["partner_nips"] == a
    assert by[a]["score"] == 12 and by[a]["peer_value"] == 12
    assert "Budi (NIP " + b + ") di mesin M1 pada 12 dari 12 hari hadir bersama" in by[a]["reason"]
    assert "Ani (NIP " + a + ")" in by[b]["reason"]


def test_buddy_punching_needs_consistency_not_a_handful_of_days(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    a, b = nip_for(1), nip_for(2)
    tiny.pegawai(a, "D1")
    tiny.pegawai(b, "D1")
    for i, day in enumerate(JAN):
        base = datetime.combine(day, time(7, 10))
        tiny.punch(a, base, "M1")
        # together on 4 days only (minimum is 5)
        tiny.punch(b, base + timedelta(seconds=5 if i < 4 else 900), "M1")
    tiny.build(today=TODAY)
    assert outliers(tiny, "buddy_punching") == []


def test_buddy_punching_pair_across_midnight_of_a_month_end_counts_in_the_earlier_month(tiny, monkeypatch):
    """The build runs int_punch_pair_days month by month (here one month per piece, as at 10x):
    a pair whose punches straddle the month's last midnight is still found, dated by the
    earlier punch."""
    monkeypatch.setattr("warehouse.build.CHUNK_EMPLOYEE_MONTHS", 1)
    tiny.opd("D1", "Dinas Kesehatan")
    a, b = nip_for(1), nip_for(2)
    tiny.pegawai(a, "D1")
    tiny.pegawai(b, "D1")
    for day in JAN[:5]:
        tiny.punch(a, datetime.combine(day, time(7, 10)), "M1")
        tiny.punch(b, datetime.combine(day, time(7, 10, 7)), "M1")
    tiny.punch(a, datetime(2026, 1, 31, 23, 59, 50), "M1")
    tiny.punch(b, datetime(2026, 2, 1, 0, 0, 2), "M1")
    tiny.build(today=TODAY)
    rows = tiny.dicts("select nip_1, nip_2, device_id, month, day, seconds_apart from int_punch_pair_days "
                      "order by day")
    assert [(r["day"], r["month"], r["seconds_apart"]) for r in rows] == (
        [(d, date(2026, 1, 1), 7) for d in JAN[:5]] + [(date(2026, 1, 31), date(2026, 1, 1), 12)])
    assert {(r["nip_1"], r["nip_2"], r["device_id"]) for r in rows} == {(a, b, "M1")}


def test_unit_decline_against_own_trend_and_peers(tiny):
    months = [(date(2026, 1, 5), date(2026, 1, 30)), (date(2026, 2, 2), date(2026, 2, 27)),
              (date(2026, 3, 2), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 4, 30))]
    for k in range(1, 7):
        tiny.opd(f"D{k}", f"Dinas {k}")
        nip = nip_for(k)
        tiny.pegawai(nip, f"D{k}")
        for mi, (s, e) in enumerate(months):
            days = workdays_2026(s, e) if e.month < 4 else [
                x for x in workdays_2026(s, e) if x not in (date(2026, 4, 3),)]
            for i, d in enumerate(days):
                late = (3 * k + 5 * mi + i) % 11  # ordinary month-to-month noise
                if k == 6 and mi == 3 and i < 8:
                    tiny.recap(nip, d, "TK")  # D6 collapses in April
                else:
                    tiny.day(nip, d, time(7, 30 + late), time(16, 45))
    tiny.build(today=TODAY)
    rows = outliers(tiny, "unit_decline")
    assert [(r["opd_code"], r["month"]) for r in rows] == [("D6", date(2026, 4, 1))]
    r = rows[0]
    assert r["nip"] is None and r["score"] <= -5
    assert r["metric_value"] < r["peer_value"] - 5
    assert r["reason"].startswith("Indeks bulanan Dinas 6 ")
    assert "turun" in r["reason"] and "rata-rata 3 bulan sebelumnya" in r["reason"]
