"""BerAKHLAK: seven core values per OPD, the weakest value, self vs others, the 21 behaviours."""

import polars as pl
import streamlit as st

from pages.ui import charts, data, filters, layout, theme
from pages.ui import format as fmt
from pages.ui.text import BEHAVIOURS, ROLES

layout.require_build()
layout.page_header("BerAKHLAK", "Skor 1–5 dari atasan, rekan dan bawahan; penilaian diri ditampilkan terpisah "
                   "sebagai selisih (positif = menilai diri lebih tinggi).")
periods = data.run("core_values__periods")["period"].to_list()
if not periods:
    layout.empty("Belum ada survei BerAKHLAK dalam periode ini.")
    st.stop()
if layout.presenting():  # no control on a slide: the survey of the link, else the latest
    asked = st.query_params.get("survei")
    period = asked if asked in periods else periods[0]
else:
    period = st.selectbox("Periode survei", periods, key="survei", bind="query-params", width=240,
                          format_func=fmt.period)
label = fmt.period(period)
summary = data.run("core_values__summary", period=period)
values = data.run("core_values__opd_values", period=period)
order = [label for label, _ in BEHAVIOURS.values()]
if summary.is_empty():
    layout.empty()
    st.stop()
weak = summary.filter(is_weakest=True).row(0, named=True)
gap = summary.filter(is_largest_gap=True)
layout.headline(f"Nilai terlemah {label}: {weak['core_value_label']} ({fmt.number(weak['score'], 2)} dari 5)."
                + (f" Selisih penilaian diri terbesar: {gap['core_value_label'][0]} "
                   f"({fmt.signed(gap['self_others_gap'][0], 2)})." if not gap.is_empty() else ""))
SLIDE_ROWS = 12  # OPD rows a slide shows legibly: there, the lowest on the weakest value
lowest = (values.filter(core_value=weak["core_value"]).drop_nulls("score").sort("score")
          .head(SLIDE_ROWS)["opd_code"].to_list())
few = not layout.presenting() or values["opd_code"].n_unique() <= SLIDE_ROWS
heat = charts.category_heatmap(values if few else values.filter(pl.col("opd_code").is_in(lowest)),
                               "core_value_label", "opd_short", "score", x_order=order, zmin=1, zmax=5,
                               title=f"Skor per OPD dan nilai, {label} (skala 1–5)" if few else
                               f"{len(lowest)} OPD dengan skor {weak['core_value_label']} terendah, {label}")
layout.chart(heat, f"berakhlak_opd_{period}")
if layout.presenting():
    st.stop()

values_tab, roles_tab = layout.views(["Tujuh nilai dan penilaian diri", "Menurut peran penilai"], "grafik")
if values_tab.open:
    with values_tab:
        left, right = st.columns(2)
        with left:
            labels = summary["core_value_label"].to_list()
            series = {"Pilihan": summary["score"].to_list(), "Wilayah": summary["region_score"].to_list()}
            layout.chart(charts.radar(labels, series, {"Pilihan": theme.COMPONENTS["behaviour"],
                                                       "Wilayah": theme.REGION},
                                      title="Tujuh nilai: pilihan vs wilayah"), f"berakhlak_radar_{period}")
        with right:
            layout.chart(charts.bars(summary["core_value_label"].to_list(), summary["self_others_gap"].to_list(),
                                     kind="number", title="Selisih penilaian diri − orang lain",
                                     y_title="poin (1–5)"), f"berakhlak_selisih_{period}")
if roles_tab.open:
    with roles_tab:
        roles = data.run("core_values__roles", period=period)
        layout.chart(charts.grouped_bars(roles, "core_value_label", "score", "assessor_role", x_order=order,
                                         names=ROLES, title="Skor menurut peran penilai", y_title="Skor 1–5",
                                         decimals=2), f"berakhlak_peran_{period}")
layout.table(values.filter(is_weakest=True), title="Nilai terlemah per OPD", slug=f"berakhlak_terlemah_{period}",
             key="weak_table", columns=["opd_short", "core_value_label", "score", "self_score", "self_others_gap",
                                        "respondents"],
             formats={"score": ("number", 2), "self_others_gap": ("signed", 2)})
layout.table(values, title="Semua nilai per OPD", slug=f"berakhlak_opd_{period}", key="all_table", height=300,
             columns=["opd_short", "core_value_label", "score", "self_score", "self_others_gap", "respondents"],
             formats={"score": ("number", 2), "self_others_gap": ("signed", 2)})

st.subheader("21 panduan perilaku")
behaviours = data.run("core_values__behaviours", period=period)
if behaviours.is_empty():  # a survey of the seven values only: the texts of the weakest value
    st.caption(f"Survei {label} tidak memuat 21 butir panduan perilaku (P01–P21), hanya skor tujuh nilai. "
               f"Panduan perilaku nilai terlemah, {weak['core_value_label']}:")
    texts = data.run("core_values__behaviour_texts", core_value=weak["core_value"])
    st.markdown("\n".join(f"{i}. {t}" for i, t in zip(texts["item_in_value"], texts["behaviour_label"])))
    st.stop()
scored = behaviours.drop_nulls("score")
low = scored.head(charts.WEAKEST_BEHAVIOURS)
f = filters.current()
whole_region = not (f.opd_codes or f.rumpun or data.scope().opd_codes)
layout.headline(f"Perilaku terlemah {label}: {low['behaviour_label'][0]} ({low['core_value_label'][0]}, "
                f"{fmt.number(low['score'][0], 2)} dari 5).")
layout.chart(charts.behaviour_dots(behaviours, region=not whole_region,
                                   title=f"{low.height} dari {scored.height} panduan perilaku dengan skor "
                                         f"terendah, {label} (skala 1–5)"),
             f"berakhlak_perilaku_{period}")
layout.table(low, title=f"{low.height} panduan perilaku terlemah", slug=f"berakhlak_perilaku_terlemah_{period}",
             key="behaviour_table", columns=["behaviour_code", "core_value_label", "behaviour_label", "score",
                                             *([] if whole_region else ["region_score"]), "respondents"],
             formats={"score": ("number", 2), "region_score": ("number", 2)},
             labels={"region_score": "Skor wilayah"})
