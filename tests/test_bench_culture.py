"""bench/culture.py: the pandas baseline must compute the build's index, or the bench fails."""

from __future__ import annotations

from datetime import date

import pytest

from bench import culture
from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)


def _warehouse(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(nip_for(1), "D1")
    tiny.pegawai(nip_for(2), "D1")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 3, 31)):
        tiny.day(nip_for(1), d)
        if d.day % 3:
            tiny.day(nip_for(2), d)
    tiny.training(nip_for(1), date(2026, 2, 10), 6)
    tiny.build(today=date(2026, 4, 15))
    tiny.close()
    return tiny.path


def test_pandas_agrees_with_the_build(tiny):
    out = culture.measure(_warehouse(tiny), repeat=1)
    assert out["agreement"].startswith("identical") and out["opd_month_rows"] == 3


def test_a_disagreement_fails_the_bench(tiny, monkeypatch):
    path = _warehouse(tiny)
    honest = culture.pandas_culture

    def off_by_one(emp, cfg):
        f = honest(emp, cfg)
        f["culture_index"] = f["culture_index"] + 1
        return f

    monkeypatch.setattr(culture, "pandas_culture", off_by_one)
    with pytest.raises(culture.CultureDisagrees):
        culture.measure(path, repeat=1)
