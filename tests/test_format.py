"""Bahasa Indonesia formatting: independent of the browser or server locale."""

import datetime as dt
import sys
from pathlib import Path

import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `pages.ui` lives at the root

from pages.ui import format as fmt


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1234.5, 1, "1.234,5"),
    (1234567.891, 2, "1.234.567,89"),
    (0, 1, "0,0"),
    (-0.04, 1, "0,0"),          # no negative zero
    (-1234.5, 1, "-1.234,5"),
    (999.96, 1, "1.000,0"),
    (1234, 0, "1.234"),
    (None, 1, "–"),
    (float("nan"), 1, "–"),
])
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (0.125, "12,5%"), (1, "100,0%"), (0, "0,0%"), (None, "–"), (0.00049, "0,0%"),
])
def test_percent_of_fraction(value, expected):
    assert fmt.percent(value) == expected


def test_percent_of_points():
    assert fmt.percent(12.5, fraction=False) == "12,5%"


@pytest.mark.parametrize(("value", "expected"), [
    (1.23, "+1,2"), (-0.5, "-0,5"), (0, "0,0"), (0.01, "0,0"), (None, "–"), (1234.5, "+1.234,5"),
])
def test_signed(value, expected):
    assert fmt.signed(value) == expected


def test_dates_and_months():
    assert fmt.date(dt.date(2026, 1, 12)) == "12 Jan 2026"
    assert fmt.date(dt.date(2026, 8, 1)) == "1 Agu 2026"
    assert fmt.date_long(dt.date(2026, 5, 2)) == "2 Mei 2026"
    assert fmt.month(dt.date(2026, 10, 1)) == "Okt 2026"
    assert fmt.month(dt.date(2026, 12, 1), long=True) == "Desember 2026"
    assert [fmt.month(dt.date(2026, m, 1)).split()[0] for m in range(1, 13)] == [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert fmt.date(None) == "–"


def test_parse_month_inverts_month():
    for m in range(1, 13):
        d = dt.date(2025, m, 1)
        assert fmt.parse_month(fmt.month(d)) == d


def test_datetime_in_wib():
    utc = dt.datetime(2026, 11, 26, 2, 30, tzinfo=dt.UTC)
    assert fmt.datetime(utc) == "26 Nov 2026 09.30 WIB"
    assert fmt.datetime(dt.datetime(2026, 1, 2, 7, 5)) == "2 Jan 2026 07.05 WIB"


def test_weekday_names():
    assert [fmt.weekday(i) for i in range(1, 8)] == [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def test_format_frame_makes_text_columns_and_keeps_others():
    df = pl.DataFrame({
        "opd": ["A", "B"],
        "skor": [1234.56, None],
        "rate": [0.5, 0.125],
        "bulan": [dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
        "n": [1000, 2],
    })
    out = fmt.format_frame(df, {"skor": ("number", 2), "rate": "percent", "bulan": "month",
                                "n": "integer"})
    assert out.columns == df.columns
    assert out["skor"].to_list() == ["1.234,56", "–"]
    assert out["rate"].to_list() == ["50,0%", "12,5%"]
    assert out["bulan"].to_list() == ["Jan 2026", "Feb 2026"]
    assert out["n"].to_list() == ["1.000", "2"]
    assert out["opd"].to_list() == ["A", "B"]


def test_data_until_is_never_after_the_build(monkeypatch):
    import datetime as dt

    from pages.ui import data

    built = dt.datetime(2026, 11, 20, 9, 30)
    monkeypatch.setattr(data, "build_info", lambda: {"period_end": dt.date(2026, 12, 31), "built_at": built})
    assert data.data_until() == dt.date(2026, 11, 20)  # not "31 Des 2026", a day still to come
    monkeypatch.setattr(data, "build_info", lambda: {"period_end": dt.date(2026, 10, 30), "built_at": built})
    assert data.data_until() == dt.date(2026, 10, 30)


def test_period_codes_in_words():
    assert fmt.period("2026-S2") == "Semester II 2026"
    assert fmt.period("2026-TW3") == "Triwulan III 2026"
    assert fmt.period("2026") == "Tahun 2026"
    assert fmt.period("lain") == "lain"


def test_settings_in_id_id():
    assert fmt.setting("0.75", "percent") == "75%"
    assert fmt.setting("50.0", "number") == "50"
    assert fmt.setting("-3.5", "number") == "-3,5"
    assert fmt.setting("True", "bool") == "Ya" and fmt.setting("False", "bool") == "Tidak"
    assert fmt.setting("2026-10-30", "date") == "30 Okt 2026"


def test_table_columns_read_exactly_like_the_tiles():
    """A table column is formatted at once (not value by value) and must say what fmt.number etc. say
    for every value: halves at 2 decimals, negatives that round to zero, NaN, huge sums."""
    import random

    random.seed(7)
    values = ([random.uniform(-1e6, 1e6) for _ in range(3000)] + [random.randint(-800, 800) / 8 for _ in range(800)]
              + [0.005, 0.015, 2.5, -2.5, -0.04, 0.0, None, float("nan"), 1e12, 84.74032940160112])
    df = pl.DataFrame({"v": pl.Series(values, dtype=pl.Float64)})
    for spec, one in ((("number", 2), lambda v: fmt.number(v, 2)), ("number", fmt.number), ("integer", fmt.integer),
                      (("percent", 1), fmt.percent), (("signed", 1), fmt.signed)):
        assert fmt.format_frame(df, {"v": spec})["v"].to_list() == [one(v) for v in values], spec
