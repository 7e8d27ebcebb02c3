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
