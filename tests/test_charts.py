"""Chart builders (pages/ui/charts.py) on a 40-OPD region: what a reader of the figure would notice.

A region of 40 OPDs over eleven months, values chosen by hand so the worst and best OPDs are known:
OPD k (1..40) scores 50 + k at every month, except that OPD 07 drops to 20 in the last month.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path

import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pages.ui import charts, theme

MONTHS = [dt.date(2026, m, 1) for m in range(1, 12)]
CODES = [f"OPD{k:02d}" for k in range(1, 41)]


def _score(k: int, month: dt.date) -> float:
    return 20.0 if (k == 7 and month == MONTHS[-1]) else 50.0 + k


@pytest.fixture(scope="module")
def monthly() -> pl.DataFrame:
    return pl.DataFrame([{"opd_code": c, "opd_short": f"Dinas {k}", "month": m, "culture_index": _score(k, m),
                          "absent_days_per_employee": k / 10, "late_minutes_per_employee": 1000.0 * k}
                         for k, c in enumerate(CODES, 1) for m in MONTHS])


@pytest.fixture(scope="module")
def region(monthly) -> pl.DataFrame:
    return monthly.group_by("month").agg(pl.col("culture_index").mean()).sort("month")


def legend_entries(fig) -> list[str]:
    if fig.layout.showlegend is False:
        return []
    return [t.name for t in fig.data if t.showlegend is not False and t.name]


def lit(fig) -> dict[str, str]:
    """Highlighted OPD line -> colour (an OPD trace whose colour is not the context grey)."""
    return {t.customdata[0][-1]: t.line.color for t in fig.data
            if t.type == "scatter" and t.customdata[0][-1] and t.line.color != charts.CONTEXT}


def labels(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_worst_and_best_three_are_highlighted_the_rest_grey(monthly, region):
    fig = charts.opd_lines(monthly, "culture_index", region=region, region_col="culture_index")
    # last month: OPD07 = 20 is the worst, then OPD01 (51), OPD02 (52); best OPD40, 39, 38
    assert set(lit(fig)) == {"OPD07", "OPD01", "OPD02", "OPD38", "OPD39", "OPD40"}
    grey = [t for t in fig.data if t.line.color == charts.CONTEXT]  # one trace, the OPDs apart by gaps
    assert len(grey) == 1 and grey[0].line.width < 1.5 and grey[0].showlegend is False
    assert len({c[-1] for c in grey[0].customdata if c[-1]}) == 34 and grey[0].connectgaps is False
    assert legend_entries(fig) == []
    assert lit(fig) == theme.opd_colours(lit(fig))  # the OPD's own colour, told apart from the others
    assert len(set(lit(fig).values())) == 6
    again = charts.ranking_bars(monthly.filter(month=MONTHS[-1]), "culture_index", highlight=list(lit(fig)))
    bar = again.data[0]
    assert {c[0]: colour for c, colour in zip(bar.customdata, bar.marker.color) if colour != charts.CONTEXT} \
        == lit(fig)  # the same OPD in the same colour on the next chart
    assert "Dinas 7 20,0" in labels(fig) and "Dinas 40 90,0" in labels(fig)  # direct labels, id-ID numbers
    wilayah = [t for t in fig.data if t.name == "Wilayah"]
    assert wilayah and wilayah[0].line.color == charts.REGION_INK and wilayah[0].line.width >= 3
    assert any(text.startswith("<b>Wilayah ") for text in labels(fig))
    assert fig.layout.separators == ",."
    assert [t for t in fig.layout.xaxis.ticktext] and fig.layout.xaxis.ticktext[-1] == "Nov 2026"


def test_selected_opds_are_the_highlighted_ones(monthly):
    fig = charts.opd_lines(monthly, "culture_index", highlight=["OPD12", "OPD30"])
    assert set(lit(fig)) == {"OPD12", "OPD30"}
    assert sorted(labels(fig)) == ["Dinas 12 62,0", "Dinas 30 80,0"]
    assert len(fig.data) == 3 and len(legend_entries(fig)) <= 8  # the grey context and the two


def test_lower_is_better_puts_the_highest_among_the_worst(monthly):
    fig = charts.opd_lines(monthly, "absent_days_per_employee", kind="number", higher_is_better=False)
    assert set(lit(fig)) == {"OPD01", "OPD02", "OPD03", "OPD38", "OPD39", "OPD40"}
    assert "Dinas 40 4,0" in labels(fig)
    two = charts.opd_lines(monthly, "absent_days_per_employee", higher_is_better=False, decimals=2)
    assert "Dinas 1 0,10" in labels(two)


def test_end_labels_do_not_overlap(monthly):
    fig = charts.opd_lines(monthly, "culture_index", highlight=["OPD38", "OPD39", "OPD40"])
    ys = sorted(a.y for a in fig.layout.annotations)  # 88, 89, 90 would sit on one another
    span = 90 - 51
    assert all(b - a >= charts.LABEL_GAP * span - 1e-9 for a, b in itertools.pairwise(ys))
    assert list(fig.layout.xaxis.range)[1] <= MONTHS[-1] + dt.timedelta(days=10)  # labels in the margin


def test_share_labels_apart_on_a_zero_based_axis(monthly):
    near = monthly.filter(month=MONTHS[-1]).with_columns(s=pl.lit(1.0) - pl.col("opd_code").str.slice(3).cast(int) / 1000)
    fig = charts.opd_lines(near.filter(pl.col("opd_code").is_in(["OPD01", "OPD02", "OPD03"])), "s", kind="percent")
    ys = sorted(a.y for a in fig.layout.annotations)  # 99,9%, 99,8%, 99,7% on a 0–100% axis
    assert all(b - a >= charts.LABEL_GAP * 0.999 - 1e-9 for a, b in itertools.pairwise(ys))


def test_few_opds_are_all_highlighted(monthly):
    one = monthly.filter(pl.col("opd_code") == "OPD05")
    fig = charts.opd_lines(one, "culture_index")
    assert set(lit(fig)) == {"OPD05"}


def test_axes_are_indonesian_not_si(monthly):
    fig = charts.opd_lines(monthly, "late_minutes_per_employee", kind="integer", higher_is_better=False)
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.separators == ",."
    assert "Dinas 40 40.000" in labels(fig)  # thousands dot, not 40k
    share = charts.ranking_bars(monthly.filter(month=MONTHS[-1]).with_columns(s=pl.col("culture_index") / 100),
                                "s", kind="percent")
    assert share.layout.xaxis.tickformat == ".0%" and "90,0%" in share.data[0].text


def test_ranking_bars_grey_but_the_worst_and_a_label_on_every_bar(monthly):
    now = monthly.filter(month=MONTHS[-1])
    fig = charts.ranking_bars(now, "culture_index")
    bar = fig.data[0]
    coloured = {c[0] for c, colour in zip(bar.customdata, bar.marker.color) if colour != charts.CONTEXT}
    assert coloured == {"OPD07", "OPD01", "OPD02"}
    assert len(bar.text) == 40 and all(bar.text) and bar.y[-1] == "Dinas 40"  # best on top (last = top row)
    picked = charts.ranking_bars(now, "culture_index", highlight=["OPD20"]).data[0]
    assert [c[0] for c, colour in zip(picked.customdata, picked.marker.color) if colour != charts.CONTEXT] \
        == ["OPD20"]
    assert picked.marker.color[list(picked.y).index("Dinas 20")] == theme.opd_colour("OPD20")


def test_heatmap_fixed_score_range_one_hue_readable_labels(monthly):
    fig = charts.opd_month_heatmap(monthly, "culture_index")
    heat = fig.data[0]
    assert (heat.zmin, heat.zmax) == (0, 100)
    assert [c for _, c in heat.colorscale] == [c for _, c in charts.SCORE_SCALE]  # one hue, light to dark blue
    assert heat.textfont.size >= 11 and fig.layout.yaxis.tickfont.size >= 11
    one = charts.opd_month_heatmap(monthly.filter(pl.col("opd_code") == "OPD07"), "culture_index").data[0]
    assert (one.zmin, one.zmax) == (0, 100)  # one OPD's dip from 57 to 20 is not stretched to the full scale
    assert fig.layout.separators == ",."
    assert list(heat.x)[-1] == "Nov 2026"
    assert heat.texttemplate is None  # 40 OPDs x 12 months: colour and hover, not 480 numbers
    few = charts.opd_month_heatmap(monthly.filter(pl.col("opd_code").is_in(["OPD01", "OPD02"])), "culture_index")
    assert few.data[0].texttemplate == "%{text}" and few.data[0].text[0][-1] in ("51,0", "52,0")


def test_category_heatmap_fixed_range(monthly):
    values = pl.DataFrame({"opd_short": ["A", "A", "B"], "core_value_label": ["Berorientasi", "Akuntabel",
                                                                              "Akuntabel"], "score": [3.9, 4.1, 3.8]})
    heat = charts.category_heatmap(values, "core_value_label", "opd_short", "score", zmin=1, zmax=5).data[0]
    assert (heat.zmin, heat.zmax) == (1, 5) and heat.textfont.size >= 11
    assert heat.text[0][0] == "4,10"


def test_nine_training_types_top_five_and_lainnya():
    types = [f"Jenis {i}" for i in range(1, 10)]
    df = pl.DataFrame([{"opd_short": f"Dinas {k}", "training_type": t, "jp_total": (10 - i) * 10 + k}
                       for k in range(1, 41) for i, t in enumerate(types, 1)])
    fig = charts.grouped_bars(df, "opd_short", "jp_total", "training_type", barmode="stack", top=6, horizontal=True)
    names = [t.name for t in fig.data]
    assert names == ["Jenis 1", "Jenis 2", "Jenis 3", "Jenis 4", "Jenis 5", "Lainnya"]
    colours = [t.marker.color for t in fig.data]
    assert len(set(colours)) == 6 and colours[-1] == charts.CONTEXT
    other = fig.data[-1]  # Jenis 6..9 summed: (4+3+2+1)*10 + 4k
    assert dict(zip(other.y, other.x))["Dinas 3"] == 100 + 12
    assert sum(sum(t.x) for t in fig.data) == df["jp_total"].sum()  # nothing lost in "Lainnya"
    every = charts.grouped_bars(df, "opd_short", "jp_total", "training_type", barmode="stack")
    assert len({t.marker.color for t in every.data}) == 9  # no colour repeated among nine types
    assert len(legend_entries(every)) == 9 and every.layout.margin.t >= 46 + 24 * 2  # legend rows below the title


def test_series_lines_labelled_at_the_end():
    df = pl.DataFrame({"month": MONTHS, "a": [50.0 + i for i in range(11)], "b": [1234.5] * 11})
    fig = charts.series_lines(df, {"a": "Indeks", "b": "Lain"}, {"a": "#000000"})
    assert fig.layout.showlegend is False and sorted(labels(fig)) == ["<b>Indeks 60,0</b>", "Lain 1.234,5"]
    assert fig.layout.meta["label_chars"] == len("Lain 1.234,5")
    charts.fit_labels(fig, 22)
    assert fig.layout.margin.r == charts.label_room(len("Lain 1.234,5"), 22)


def test_skp_curve_rows_and_small_segments_unlabelled():
    curve = pl.DataFrame({"opd_short": ["A", "B"], "is_conforming": [True, False],
                          "share_sangat_baik": [0.05, 0.3], "share_baik": [0.6, 0.4],
                          "share_butuh_perbaikan": [0.25, 0.2], "share_kurang": [0.1, 0.05],
                          "share_sangat_kurang": [0.0, 0.05]})
    fig = charts.skp_curve(curve)
    assert list(fig.data[0].y) == ["A ✓", "B ✗"] and list(fig.data[0].text) == ["", "30%"]
    assert list(fig.data[0].customdata) == ["5%", "30%"]


def test_ranking_ends_keeps_best_worst_and_the_selected(monthly):
    now = monthly.filter(month=MONTHS[-1])
    bar = charts.ranking_bars(now, "culture_index", ends=5, highlight=["OPD20"]).data[0]
    assert list(bar.y) == ["Dinas 7", "Dinas 1", "Dinas 2", "Dinas 3", "Dinas 4", "Dinas 20",
                           "Dinas 36", "Dinas 37", "Dinas 38", "Dinas 39", "Dinas 40"]


def test_larger_type_spreads_the_end_labels(monthly):
    fig = charts.opd_lines(monthly, "culture_index", highlight=["OPD38", "OPD39", "OPD40"])
    charts.fit_labels(fig, 22)
    ys = sorted(a.y for a in fig.layout.annotations)
    span = 90 - 51
    assert all(b - a >= charts.LABEL_GAP * 1.3 * 22 / 14 * span - 1e-9 for a, b in itertools.pairwise(ys))


def test_highlighted_opds_never_share_a_colour():
    codes = [f"OPD{i:02d}" for i in range(1, 41)]
    assert len({theme.opd_colour(c) for c in codes}) == len(theme.OPD_PALETTE)  # the palette, not 40 hues
    for start in range(0, 40, 8):
        picked = theme.opd_colours(codes[start:start + 8])
        assert len(set(picked.values())) == 8
    assert theme.opd_colours(["OPD05"]) == {"OPD05": theme.opd_colour("OPD05")}


def test_small_counts_tick_whole_numbers_and_labels_stay_level():
    """A ladder of 0–1 employees per step: ticks 0 and 1 (not 0 0 0 1 1 1), and the bar value level."""
    fig = charts.bars(["Teguran lisan", "Teguran tertulis", "Pemberhentian"], [1, 0, 1], horizontal=True)
    assert (fig.layout.xaxis.tick0, fig.layout.xaxis.dtick) == (0, 1)
    assert fig.data[0].textangle == 0
    many = charts.bars(["a", "b"], [120, 3_400], horizontal=True)
    assert many.layout.xaxis.dtick is None  # large counts: plotly's own spacing
