"""BerAKHLAK: seven core values per OPD, the weakest value, self vs others, the 21 behaviours."""

import streamlit as st

from pages.ui import charts, data, layout, theme
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
heat = charts.category_heatmap(values, "core_value_label", "opd_short", "score", x_order=order,
                               title=f"Skor per OPD dan nilai, {label}", zmid=3)
layout.chart(heat, f"berakhlak_opd_{period}")
if layout.presenting():
    st.stop()

left, right = st.columns(2)
with left:
    labels = summary["core_value_label"].to_list()
    series = {"Pilihan": summary["score"].to_list(), "Wilayah": summary["region_score"].to_list()}
    layout.chart(charts.radar(labels, series, {"Pilihan": theme.COMPONENTS["behaviour"], "Wilayah": theme.REGION},
                              title="Tujuh nilai: pilihan vs wilayah"), f"berakhlak_radar_{period}")
with right:
    layout.chart(charts.bars(summary["core_value_label"].to_list(), summary["self_others_gap"].to_list(),
                             kind="number", title="Selisih penilaian diri − orang lain", y_title="poin (1–5)"),
                 f"berakhlak_selisih_{period}")
roles = data.run("core_values__roles", period=period)
layout.chart(charts.grouped_bars(roles, "core_value_label", "score", "assessor_role", x_order=order, names=ROLES,
                                 title="Skor menurut peran penilai", y_title="Skor 1–5", decimals=2),
             f"berakhlak_peran_{period}")
layout.table(values.filter(is_weakest=True), title="Nilai terlemah per OPD", slug=f"berakhlak_terlemah_{period}",
             key="weak_table", columns=["opd_short", "core_value_label", "score", "self_score", "self_others_gap",
                                        "respondents"],
             formats={"score": ("number", 2), "self_others_gap": ("signed", 2)})
layout.table(values, title="Semua nilai per OPD", slug=f"berakhlak_opd_{period}", key="all_table", height=300,
             columns=["opd_short", "core_value_label", "score", "self_score", "self_others_gap", "respondents"],
             formats={"score": ("number", 2), "self_others_gap": ("signed", 2)})

st.subheader("21 panduan perilaku")
for key, (label, items) in BEHAVIOURS.items():
    with st.expander(label + (" · terlemah" if key == weak["core_value"] else ""), expanded=key == weak["core_value"]):
        st.markdown("\n".join(f"{i}. {b}" for i, b in enumerate(items, 1)))
