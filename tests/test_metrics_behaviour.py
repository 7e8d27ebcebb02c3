"""BerAKHLAK marts: score per value, per assessor role, self vs others."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest_metrics import nip_for, tiny  # noqa: F401  (fixture)

A, B = nip_for(1), nip_for(2)


def test_berakhlak_scores_roles_and_self_gap(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D1")
    tiny.day(A, date(2026, 1, 6))
    tiny.day(B, date(2026, 1, 6))
    tiny.berakhlak("2026-S1", A, "ATASAN", "boss", 4.0)
    tiny.berakhlak("2026-S1", A, "REKAN", "r1", [3.0, 3, 3, 3, 3, 3, 1])
    tiny.berakhlak("2026-S1", A, "DIRI", A, 5.0)
    tiny.berakhlak("2026-S1", B, "ATASAN", "boss", 2.0)
    tiny.berakhlak("2026-S1", B, "DIRI", B, 2.0)
    tiny.build(today=date(2026, 12, 31))

    opd = {r["core_value"]: r for r in tiny.dicts("select * from mart_berakhlak_opd")}
    assert len(opd) == 7
    ak = opd["akuntabel"]
    assert ak["core_value_label"] == "Akuntabel"
    assert ak["score"] == pytest.approx((3.5 + 2) / 2)
    assert ak["respondents"] == 2  # boss and r1 (self ratings are not counted)
    assert ak["employees_assessed"] == 2
    assert ak["self_score"] == pytest.approx(3.5)
    assert ak["self_others_gap"] == pytest.approx(((5 - 3.5) + (2 - 2)) / 2)
    assert opd["kolaboratif"]["score"] == pytest.approx((2.5 + 2) / 2)
    # kolaboratif (REKAN gave 1) is the OPD's weakest value, and only it
    assert [v for v, r in opd.items() if r["is_weakest"]] == ["kolaboratif"]

    role = {(r["core_value"], r["assessor_role"]): r for r in tiny.dicts("select * from mart_berakhlak_role")}
    assert role[("akuntabel", "ATASAN")]["score"] == pytest.approx(3)
    assert role[("akuntabel", "ATASAN")]["respondents"] == 1
    assert role[("akuntabel", "ATASAN")]["employees_assessed"] == 2
    assert role[("akuntabel", "REKAN")]["score"] == pytest.approx(3)
    assert role[("akuntabel", "DIRI")]["score"] == pytest.approx(3.5)

    region = {r["core_value"]: r for r in tiny.dicts("select * from mart_berakhlak_region")}
    assert region["akuntabel"]["score"] == pytest.approx(ak["score"])

    month = tiny.dicts("select berakhlak_mean, behaviour_score from mart_opd_monthly")[0]
    a_mean = (4 * 7 + 3 * 6 + 1) / 14  # A: mean over the 7 values of (ATASAN + REKAN) / 2
    assert month["berakhlak_mean"] == pytest.approx((a_mean + 2) / 2)
    assert month["behaviour_score"] == pytest.approx(100 * ((a_mean + 2) / 2 - 1) / 4)


def test_behaviour_items_scored_per_opd_with_their_text(tiny):
    """P01..P21 kept and scored as the values are: mean per employee over counted assessors, then over
    employees; DIRI apart; items left empty count nowhere; the weakest behaviour flagged per OPD."""
    C = nip_for(3)
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.opd("D2", "Dinas Pendidikan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D1")
    tiny.pegawai(C, "D2")
    tiny.day(A, date(2026, 1, 6))
    full = {i: 4.0 for i in range(1, 22)}
    tiny.berakhlak("2026-S1", A, "ATASAN", "boss", 4.0, {**full, 5: 2.0})
    tiny.berakhlak("2026-S1", A, "REKAN", "r1", 4.0, {**full, 5: 3.0, 21: 5.0})
    tiny.berakhlak("2026-S1", A, "DIRI", A, 5.0, {**full, 5: 5.0})
    tiny.berakhlak("2026-S1", B, "ATASAN", "boss", 3.0, {1: 3.0, 5: 4.0})  # B answered two items only
    tiny.berakhlak("2026-S1", C, "ATASAN", "boss2", 4.0, {**full, 13: 1.0})
    tiny.berakhlak("2026-S1", C, "REKAN", "r9", 4.0)  # values only: no item rows
    tiny.build(today=date(2026, 12, 31))

    d1 = {r["behaviour_code"]: r for r in tiny.dicts(
        "select * from mart_berakhlak_behaviour_opd where opd_code = 'D1'")}
    assert len(d1) == 21
    p05 = d1["P05"]
    assert p05["core_value"] == "akuntabel" and p05["item_in_value"] == 2
    assert p05["behaviour_label"].startswith("Menggunakan kekayaan dan barang milik negara")
    assert p05["score"] == pytest.approx(((2 + 3) / 2 + 4) / 2)  # A: 2,5; B: 4
    assert p05["respondents"] == 2 and p05["employees_assessed"] == 2
    assert p05["self_score"] == pytest.approx(5)
    assert d1["P01"]["score"] == pytest.approx((4 + 3) / 2)
    assert d1["P21"]["score"] == pytest.approx((4 + 5) / 2)
    assert d1["P02"]["employees_assessed"] == 1  # B left P02 empty
    assert [c for c, r in d1.items() if r["is_weakest"]] == ["P05"]

    d2 = {r["behaviour_code"]: r for r in tiny.dicts(
        "select * from mart_berakhlak_behaviour_opd where opd_code = 'D2'")}
    assert d2["P13"]["score"] == pytest.approx(1) and d2["P13"]["respondents"] == 1
    assert d2["P13"]["core_value_label"] == "Loyal"
    assert [c for c, r in d2.items() if r["is_weakest"]] == ["P13"]

    region = {r["behaviour_code"]: r for r in tiny.dicts("select * from mart_berakhlak_behaviour_region")}
    assert region["P05"]["score"] == pytest.approx((2.5 + 4 + 4) / 3)
    assert region["P05"]["respondents"] == 3
    # the value scores are untouched by the items (each value column was given)
    ak = tiny.dicts("select score from mart_berakhlak_opd where opd_code = 'D1' and core_value = 'akuntabel'")
    assert ak[0]["score"] == pytest.approx((4 + 3) / 2)
    # the texts are the shipped table, also published
    texts = tiny.dicts("select behaviour, core_value, label from cfg_behaviours order by behaviour_order")
    assert len(texts) == 21 and texts[12]["label"].startswith("Memegang teguh ideologi Pancasila")
    assert texts[20] == {"behaviour": "p21", "core_value": "kolaboratif",
                         "label": "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama"}
