"""SKP predikat (PermenPANRB 6/2022 matrix, SE MenPANRB 3/2023 curve) and activity minutes."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)
from warehouse.rules import PREDIKAT, PREDIKAT_MATRIX, predikat_for

TODAY = date(2026, 12, 31)
ATAS, SESUAI, BAWAH = "DI ATAS EKSPEKTASI", "SESUAI EKSPEKTASI", "DI BAWAH EKSPEKTASI"


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (ATAS, BAWAH, "KURANG/MISCONDUCT"),
        (ATAS, SESUAI, "BAIK"),
        (ATAS, ATAS, "SANGAT BAIK"),
        (SESUAI, BAWAH, "KURANG/MISCONDUCT"),
        (SESUAI, SESUAI, "BAIK"),
        (SESUAI, ATAS, "BAIK"),
        (BAWAH, BAWAH, "SANGAT KURANG"),
        (BAWAH, SESUAI, "BUTUH PERBAIKAN"),
        (BAWAH, ATAS, "BUTUH PERBAIKAN"),
    ],
)
def test_predikat_matrix_cell(hasil, perilaku, predikat):
    assert PREDIKAT_MATRIX[(hasil, perilaku)] == predikat
    assert predikat_for(hasil, perilaku) == predikat


def test_matrix_is_complete_and_uses_contract_strings():
    assert len(PREDIKAT_MATRIX) == 9
    assert set(PREDIKAT_MATRIX.values()) == set(PREDIKAT)


def rate_opd(tiny, opd, counts: dict[tuple[str, str], int], start: int):
    tiny.opd(opd, f"Dinas {opd}")
    i = start
    for (hasil, perilaku), n in counts.items():
        for _ in range(n):
            nip = nip_for(i)
            tiny.pegawai(nip, opd)
            tiny.kinerja(nip, 2026, "TW1", hasil, perilaku)
            tiny.day(nip, date(2026, 1, 6))
            i += 1
    return i


def test_skp_distribution_and_se_3_2023_curve(tiny):
    nxt = rate_opd(tiny, "D1", {(SESUAI, SESUAI): 8, (ATAS, ATAS): 2}, 1)
    rate_opd(tiny, "D2", {(SESUAI, SESUAI): 6, (ATAS, ATAS): 2, (BAWAH, SESUAI): 2}, nxt)
    tiny.build(today=TODAY)
    d1 = {r["predikat"]: r for r in tiny.dicts("select * from mart_skp_opd where opd_code = 'D1'")}
    assert set(d1) == set(PREDIKAT)  # zero rows kept
    assert d1["BAIK"]["employees"] == 8 and d1["BAIK"]["share"] == pytest.approx(0.8)
    assert d1["SANGAT KURANG"]["employees"] == 0
    curve = {r["opd_code"]: r for r in tiny.dicts("select * from mart_skp_curve")}
    assert curve["D1"]["organisational_predikat"] == "Baik"
    assert not curve["D1"]["is_conforming"]
    assert "Baik 80,0 % (maksimal 70,0 %)" in curve["D1"]["explanation"]
    assert "tidak ada Butuh Perbaikan atau Kurang/Misconduct (wajib ada)" in curve["D1"]["explanation"]
    assert curve["D2"]["is_conforming"]
    assert curve["D2"]["explanation"].startswith("Sesuai pola distribusi SE MenPANRB 3/2023")
    assert curve["D2"]["share_butuh_perbaikan"] == pytest.approx(0.2)


def test_narrowest_skp_period_covers_the_month(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    a = nip_for(1)
    tiny.pegawai(a, "D1")
    tiny.kinerja(a, 2026, "TAHUNAN", ATAS, ATAS)  # SANGAT BAIK all year
    tiny.kinerja(a, 2026, "1", BAWAH, SESUAI)  # BUTUH PERBAIKAN in January
    for d in workdays_2026(date(2026, 1, 5), date(2026, 2, 27)):
        tiny.day(a, d)
    tiny.build(today=TODAY)
    rows = tiny.dicts("select month, skp_score, skp_baik_plus_share from mart_opd_monthly order by month")
    assert [r["skp_score"] for r in rows] == [50, 100]
    assert [r["skp_baik_plus_share"] for r in rows] == [0, 1]


def test_activity_minutes_against_target(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    a = nip_for(1)
    tiny.pegawai(a, "D1")
    days = workdays_2026(date(2026, 1, 5), date(2026, 1, 30))  # 19
    for i, d in enumerate(days):
        if i < 2:
            tiny.recap(a, d, "CT")
            continue
        tiny.day(a, d, time(7, 20), time(16, 40))
        tiny.activity(a, d, 240)
        tiny.activity(a, d, 60, status="MENUNGGU")
        if i < 4:
            tiny.activity(a, d, 30, status="DITOLAK")
    tiny.build(today=TODAY)
    r = tiny.dicts("select * from mart_activity_monthly")[0]
    assert r["expected_days"] == 19 and r["present_days"] == 17
    assert r["approved_minutes"] == 240 * 17
    assert r["pending_minutes"] == 60 * 17 and r["rejected_minutes"] == 60
    assert r["target_minutes"] == 300 * 17
    assert r["attainment_rate"] == pytest.approx(0.8)
    assert r["approved_minutes_per_present_day"] == pytest.approx(240)
    assert r["days_with_approved_activity"] == 17 and r["present_days_without_activity"] == 0
    assert r["activities"] == 17 * 2 + 2


def test_latest_skp_period_is_the_latest_month_not_the_largest_text(tiny):
    """Kinerja's headline in Nov names SKP 11, not '9' (which sorts after '10' and '11' as text);
    a quarter comes after the month it ends with, TAHUNAN after everything."""
    from warehouse import query as q
    from warehouse.paths import current_build_file

    tiny.opd("D1", "Dinas D1")
    for i, (period, hasil) in enumerate([("9", BAWAH), ("10", SESUAI), ("11", SESUAI)]):
        nip = nip_for(i + 1)
        tiny.pegawai(nip, "D1")
        tiny.kinerja(nip, 2026, period, hasil, SESUAI)
        tiny.day(nip, date(2026, 11, 2))
    for i, period in enumerate(["TW3", "12", "TW4", "TAHUNAN"]):  # 2025: the other period kinds
        tiny.kinerja(nip_for(i % 3 + 1), 2025, period, SESUAI, SESUAI)
    tiny.build(today=date(2026, 11, 30))
    order = dict(tiny.query("select distinct period, period_order from mart_skp_opd"))
    assert sorted(order, key=order.get) == ["9", "TW3", "10", "11", "12", "TW4", "TAHUNAN"]
    pub = q.Published(current_build_file(tiny.path))
    period = q.Filters(date(2026, 11, 1), date(2026, 11, 1)).params()
    summary = pub.run("performance__summary", q.ADMIN, **period).to_dicts()[0]
    assert summary["skp_period"] == "11" and summary["rated"] == 1 and summary["baik_plus_share"] == 1.0
    assert set(pub.run("performance__skp_curve", q.ADMIN, **period)["period"]) == {"11"}


def _config(tmp_path, extra: str):
    from warehouse.config import DEFAULT_CONFIG

    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    anchor = "\n[kompetensi]\n"
    assert anchor in text
    path = tmp_path / "budaya.toml"
    path.write_text(text.replace(anchor, "\n" + extra + anchor, 1), encoding="utf-8")
    return path


def test_curve_is_judged_against_each_opds_own_organisational_predikat(tiny, tmp_path):
    """D1 Istimewa for 2026 (with its basis), D2 Butuh Perbaikan for every year, D3 the default Baik:
    the same 80 % Baik / 20 % Sangat Baik split conforms or not depending on the predikat named."""
    nxt = 1
    for opd in ("D1", "D2", "D3"):
        nxt = rate_opd(tiny, opd, {(SESUAI, SESUAI): 8, (ATAS, ATAS): 2}, nxt)
    cfg = _config(tmp_path, '''[[kinerja.predikat_organisasi_opd]]
kode_opd = "D1"
tahun = 2026
predikat = "Istimewa"
dasar = "LHE AKIP 2025"

[[kinerja.predikat_organisasi_opd]]
kode_opd = "D1"
predikat = "Kurang"

[[kinerja.predikat_organisasi_opd]]
kode_opd = "D2"
predikat = "Butuh Perbaikan"
''')
    tiny.build(today=TODAY, config=cfg)
    curve = {r["opd_code"]: r for r in tiny.dicts("select * from mart_skp_curve")}
    d1, d2, d3 = curve["D1"], curve["D2"], curve["D3"]
    # Istimewa: at most 70 % Sangat Baik; 20 % conforms (the year's entry wins over the all-years one)
    assert (d1["organisational_predikat"], d1["organisational_predikat_origin"]) == ("Istimewa", "opd_tahun")
    assert d1["organisational_predikat_source"] == "ditetapkan untuk OPD ini, tahun 2026; dasar: LHE AKIP 2025"
    assert d1["is_conforming"] and "predikat organisasi Istimewa" in d1["explanation"]
    # Butuh Perbaikan: at least 60 % BP (0 %) and at most 10 % SB (20 %)
    assert (d2["organisational_predikat"], d2["organisational_predikat_origin"]) == ("Butuh Perbaikan", "opd")
    assert d2["organisational_predikat_source"] == "ditetapkan untuk OPD ini (semua tahun)"
    assert not d2["is_conforming"]
    assert "Butuh Perbaikan 0,0 % (minimal 60,0 %)" in d2["explanation"]
    assert "Sangat Baik 20,0 % (maksimal 10,0 %)" in d2["explanation"]
    # the default: Baik, 80 % Baik breaks the 70 % maximum
    assert (d3["organisational_predikat"], d3["organisational_predikat_origin"]) == ("Baik", "bawaan")
    assert d3["organisational_predikat_source"] == "bawaan wilayah (kinerja.predikat_organisasi)"
    assert not d3["is_conforming"]
    assert tiny.query("select count(*) from cfg_org_predikat") == [(3,)]


def test_a_repeated_opd_predikat_is_a_config_error(tmp_path):
    from warehouse.config import ConfigError, load_config

    entry = '[[kinerja.predikat_organisasi_opd]]\nkode_opd = "D1"\ntahun = 2026\npredikat = "Baik"\n\n'
    with pytest.raises(ConfigError, match="mengulang OPD D1 untuk tahun 2026"):
        load_config(_config(tmp_path, entry * 2))
    with pytest.raises(ConfigError, match="harus salah satu dari Istimewa"):
        load_config(_config(tmp_path, entry.replace('"Baik"', '"Bagus"')))


def test_predikat_contradicting_the_matrix_is_listed_with_its_row(tiny):
    """A source predikat the matrix does not give is loaded as written (counted so on the curve) and
    listed with the matrix predikat, its file and row; a derived or agreeing predikat is not listed."""
    tiny.opd("D1", "Dinas D1")
    a, b, c = nip_for(1), nip_for(2), nip_for(3)
    for nip in (a, b, c):
        tiny.pegawai(nip, "D1")
        tiny.day(nip, date(2026, 3, 2))
    tiny.con.execute("insert into ingest_batches by name select 'test' as batch_id, 'kinerja' as source, "
                     "'skp_2026.csv' as file_name, 'x' as sha256, 3 as rows_in, 3 as rows_loaded, "
                     "0 as rows_quarantined, 0 as rows_duplicate, 'loaded' as status, now() as started_at, "
                     "now() as finished_at")
    tiny.kinerja(a, 2026, "TW1", BAWAH, BAWAH, predikat="BUTUH PERBAIKAN")  # matrix: SANGAT KURANG
    tiny.kinerja(b, 2026, "TW1", SESUAI, SESUAI, predikat="BAIK")  # agrees
    tiny.kinerja(c, 2026, "TW1", ATAS, SESUAI)  # derived
    tiny.build(today=TODAY)
    rows = tiny.dicts("select * from mart_skp_predikat_mismatch")
    assert len(rows) == 1
    r = rows[0]
    assert (r["nip"], r["opd_code"], r["year"], r["period"]) == (a, "D1", 2026, "TW1")
    assert (r["predikat"], r["predikat_matrix"]) == ("BUTUH PERBAIKAN", "SANGAT KURANG")
    assert (r["file_name"], r["row_number"]) == ("skp_2026.csv", 11)  # the fixture numbers every insert
    assert r["explanation"] == ("Predikat Butuh Perbaikan tidak sesuai matriks PermenPANRB 6/2022: hasil kerja "
                                "di bawah ekspektasi dan perilaku kerja di bawah ekspektasi memberi Sangat Kurang. "
                                "Dimuat sesuai sumber (Butuh Perbaikan).")
    share = dict(tiny.query("select predikat, employees from mart_skp_opd where employees > 0"))
    assert share == {"BUTUH PERBAIKAN": 1, "BAIK": 2}  # counted as the source says
