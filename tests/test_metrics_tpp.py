"""TPP models on hand-computed fixtures (example rules of [tpp]: 60/40, TL 0,5/1/1,25/1,5 %, TK 3 %)."""

from __future__ import annotations

from datetime import date, time

import polars as pl
import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)
from warehouse.config import DEFAULT_CONFIG

A, CPNS, SANCTIONED = nip_for(1), nip_for(2, tmt="202601"), nip_for(3)
TODAY = date(2026, 12, 31)
JAN = date(2026, 1, 1)
DAYS = workdays_2026(date(2026, 1, 1), date(2026, 1, 31))


def _month(tiny, nip, late=(20, 45, 95), tk=1):
    """January 2026: `tk` TK days first, then arrivals `late` minutes after 07.30, the rest on time;
    approved activity = 90 % of 300 minutes x workdays (every present day has some)."""
    present = DAYS[tk:]
    for d in DAYS[:tk]:
        tiny.recap(nip, d, "TK")
    for i, d in enumerate(present):
        minutes = late[i] if i < len(late) else -5
        arrive = time(7 + (30 + minutes) // 60, (30 + minutes) % 60)
        tiny.day(nip, d, arrive, time(16, 40))
    total = 270 * len(DAYS)
    per_day = [total // len(present)] * len(present)
    per_day[0] += total - sum(per_day)
    for d, m in zip(present, per_day, strict=True):
        tiny.activity(nip, d, m)


def _setup(tiny, *nips, status="PNS"):
    tiny.opd("D1", "Dinas Perhubungan", short="Dishub")
    for nip in nips:
        tiny.pegawai(nip, "D1", status=status, tmt=date(2026, 1, 1) if nip == CPNS else date(2010, 1, 1))
        tiny.tpp_base(4_000_000, date(2025, 1, 1), nip=nip, kelas=9)
        _month(tiny, nip)


def _row(tiny, nip=A):
    return tiny.dicts("select * from mart_tpp_monthly where nip = ? and month = ?", [nip, JAN])[0]


def _cuts(tiny, nip=A) -> dict[str, tuple]:
    rows = tiny.query("select cut_code, occurrences, percent, amount from mart_tpp_cuts where nip = ? and month = ?",
                      [nip, JAN])
    return {code: (n, round(p, 6), amount) for code, n, p, amount in rows}


def _config(tmp_path, **replace):
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "budaya.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issue_example_by_hand(tiny):
    _setup(tiny, A)
    tiny.build(today=TODAY)
    # base 4.000.000: kinerja part 60 % = 2.400.000 paid at 90 % = 2.160.000 (cut 240.000);
    # disiplin part 40 % = 1.600.000: late 20 min (TL1 0,5 %) 8.000, 45 min (TL2 1 %) 16.000,
    # 95 min (TL4 1,5 %) 24.000, one TK day (3 %) 48.000 -> 96.000. Cut 336.000, paid 3.664.000.
    assert _cuts(tiny) == {"KIN": (None, 10.0, 240_000), "TL1": (1, 0.5, 8_000), "TL2": (1, 1.0, 16_000),
                           "TL4": (1, 1.5, 24_000), "TK": (1, 3.0, 48_000)}
    r = _row(tiny)
    assert (r["base_amount"], r["kinerja_max_amount"], r["kinerja_amount"], r["disiplin_max_amount"]) == (
        4_000_000, 2_400_000, 2_160_000, 1_600_000)
    assert r["activity_percent"] == pytest.approx(0.9)
    assert (r["kinerja_cut_amount"], r["disiplin_cut_amount"], r["cut_amount"], r["final_amount"]) == (
        240_000, 96_000, 336_000, 3_664_000)
    assert r["main_cut_code"] == "KIN"
    assert r["reason"].startswith("Capaian aktivitas e-Kinerja 90,0 % dari target: bagian kinerja Rp 2.400.000 "
                                  "dibayar 90,0 %, kurang Rp 240.000; Tidak masuk tanpa keterangan (TK): 1 kali")
    opd = tiny.dicts("select * from mart_tpp_opd_monthly where month = ?", [JAN])[0]
    assert (opd["employees"], opd["base_amount"], opd["cut_amount"], opd["final_amount"]) == (
        1, 4_000_000, 336_000, 3_664_000)
    assert opd["cut_share"] == pytest.approx(0.084) and opd["main_cut_group"] == "kinerja"


def test_cpns_gets_80_percent(tiny):
    _setup(tiny, CPNS)
    tiny.build(today=TODAY)
    r = _row(tiny, CPNS)
    # base 3.200.000: kinerja 1.920.000 x 90 % (cut 192.000); disiplin 1.280.000 x 6 % = 76.800
    assert (r["is_cpns"], r["besaran_amount"], r["base_amount"]) == (True, 4_000_000, 3_200_000)
    assert (r["cut_amount"], r["final_amount"]) == (268_800, 2_931_200)


def test_a_sanction_month_applies_25_percent(tiny):
    _setup(tiny, SANCTIONED)
    tiny.sanction(SANCTIONED, "PEMOTONGAN_TUNJANGAN", date(2025, 8, 12), 6)   # Aug 2025 - Jan 2026
    tiny.sanction(SANCTIONED, "TEGURAN_LISAN", date(2026, 1, 5), None)       # no TPP cut in the example
    tiny.build(today=TODAY)
    cuts = _cuts(tiny, SANCTIONED)
    assert cuts["PEMOTONGAN_TUNJANGAN"] == (1, 25.0, 1_000_000) and "TEGURAN_LISAN" not in cuts
    r = _row(tiny, SANCTIONED)
    assert (r["sanction_cut_amount"], r["final_amount"]) == (1_000_000, 2_664_000)
    assert tiny.query("select month, month_of_sanction from fct_tpp_sanction "
                      "where sanction_type = 'PEMOTONGAN_TUNJANGAN'") == [(JAN, 6)]  # its 6th and last month


def test_the_caps_hold(tiny, tmp_path):
    _setup(tiny, A)
    cfg = _config(tmp_path, **{"maks_potongan_disiplin_persen = 100": "maks_potongan_disiplin_persen = 5"})
    tiny.build(today=TODAY, config=cfg)
    # discipline cuts 96.000 > 5 % of 1.600.000 = 80.000: 16.000 back
    assert _cuts(tiny)["BATAS_DISIPLIN"] == (None, 5.0, -16_000)
    r = _row(tiny)
    assert (r["disiplin_cut_amount"], r["cut_amount"], r["final_amount"]) == (80_000, 320_000, 3_680_000)
    cfg = _config(tmp_path, **{"maks_potongan_persen = 100": "maks_potongan_persen = 5"})
    tiny.build(today=TODAY, config=cfg)
    # all cuts 336.000 > 5 % of 4.000.000 = 200.000
    assert _cuts(tiny)["BATAS_TOTAL"] == (None, 5.0, -136_000)
    assert (_row(tiny)["cut_amount"], _row(tiny)["final_amount"]) == (200_000, 3_800_000)


def test_changing_one_band_changes_only_its_cuts(tiny, tmp_path):
    _setup(tiny, A)
    tiny.build(today=TODAY)
    before = _cuts(tiny)
    cfg = _config(tmp_path, **{'kode = "TL2"\nmenit_min = 31\nmenit_maks = 60\npersen = 1\n':
                               'kode = "TL2"\nmenit_min = 31\nmenit_maks = 60\npersen = 2\n'})
    tiny.build(today=TODAY, config=cfg)
    after = _cuts(tiny)
    assert after["TL2"] == (1, 2.0, 32_000)
    assert {k: v for k, v in after.items() if k != "TL2"} == {k: v for k, v in before.items() if k != "TL2"}
    assert _row(tiny)["final_amount"] == 3_664_000 - 16_000


def test_without_tpp_rules_nothing_is_computed(tiny, tmp_path):
    _setup(tiny, A)
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    path = tmp_path / "tanpa_tpp.toml"
    path.write_text(text[:text.index("[tpp]\n")] + text[text.index("[anonimitas]\n"):], encoding="utf-8")
    tiny.build(today=TODAY, config=path)
    assert tiny.query("select count(*) from mart_tpp_monthly") == [(0,)]


def test_a_simulated_band_equals_a_rebuild_with_it(tiny, tmp_path):
    from warehouse import tpp
    from warehouse.paths import current_build_file
    from warehouse.query import ADMIN, Published

    _setup(tiny, A, CPNS)
    tiny.build(today=TODAY)
    pub = Published(current_build_file(tiny.path))
    try:
        rules = tpp.rules_from_tables(pub.run("tpp__settings", ADMIN), pub.run("tpp__rules", ADMIN))
        simulated = tpp.simulate(pub, ADMIN, tpp.with_band_percent(rules, "TL2", 2), JAN).sort("nip")
    finally:
        pub.close()
    cfg = _config(tmp_path, **{'kode = "TL2"\nmenit_min = 31\nmenit_maks = 60\npersen = 1\n':
                               'kode = "TL2"\nmenit_min = 31\nmenit_maks = 60\npersen = 2\n'})
    tiny.build(today=TODAY, config=cfg)
    rebuilt = pl.DataFrame(tiny.dicts("select * from mart_tpp_monthly order by nip"))
    assert simulated.to_dicts() == rebuilt.to_dicts()
    assert simulated["final_amount"].to_list() == [3_664_000 - 16_000, 2_931_200 - 12_800]
