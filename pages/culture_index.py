"""Indeks Budaya Kerja: trend per OPD, what drives it, OPD × month, drill OPD → unit → pegawai."""

import streamlit as st

from pages.ui import charts, data, filters, layout
from pages.ui import format as fmt

SLIDE_ENDS = 5  # a slide shows the best and worst five OPDs, legibly

layout.require_build()
layout.page_header("Indeks Budaya Kerja", "Per OPD dan bulan. Komponen tanpa data tidak dihitung nol: "
                   "bobotnya dibagi ulang ke komponen yang ada (lihat Metodologi).")
f = filters.current()
df = data.run("culture_index__opd_monthly")
if df.is_empty():
    layout.empty()
    st.stop()
now = df.filter(month=f.month_to).drop_nulls("culture_index").sort("culture_index", descending=True)
if not now.is_empty():
    top, low = now.row(0, named=True), now.row(-1, named=True)
    layout.headline(f"{fmt.month(f.month_to, long=True)}: tertinggi {top['opd_short']} "
                    f"({fmt.number(top['culture_index'])}), terendah {low['opd_short']} "
                    f"({fmt.number(low['culture_index'])}).")
if layout.presenting():
    few = now.height <= 2 * SLIDE_ENDS
    layout.chart(charts.ranking_bars(now, "culture_index", x_title="Indeks Budaya Kerja", note="missing_components",
                                     highlight=f.opd_codes, ends=SLIDE_ENDS,
                                     title="" if few else f"Indeks per OPD: {SLIDE_ENDS} tertinggi, {SLIDE_ENDS} "
                                     f"terendah dari {now.height}"), "indeks_peringkat")
    st.stop()


def drill_from_chart(key: str) -> None:
    """Chart click → the OPD to drill into (customdata[-1] is the opd_code)."""
    points = st.session_state[key].selection.points
    code = points[0]["customdata"][-1] if points and points[0].get("customdata") else None
    if code:  # the region line carries no OPD
        st.session_state["drill"] = code
        st.query_params.pop("unit", None)


trend_tab, parts_tab, heat_tab = layout.views(["Tren per OPD", "Sumbangan komponen", "OPD × bulan"], "grafik")
if trend_tab.open:
    with trend_tab:
        region = data.run("common__culture_series")
        layout.chart(charts.opd_lines(df, "culture_index", title="Tren indeks per OPD", y_title="Indeks 0–100",
                                      region=region, region_col="culture_index",
                                      highlight=[c for c in (st.session_state.get("drill"), *(f.opd_codes or ()))
                                                 if c]),
                     "indeks_tren_opd", key="trend_chart", on_select=lambda: drill_from_chart("trend_chart"))
if parts_tab.open:
    with parts_tab:
        parts = data.run("culture_index__components")
        layout.chart(charts.contributions(parts, title=f"Sumbangan komponen, {fmt.month(f.month_to)}"),
                     "indeks_komponen", key="parts_chart", on_select=lambda: drill_from_chart("parts_chart"))
if heat_tab.open:
    with heat_tab:
        layout.chart(charts.opd_month_heatmap(df, "culture_index",
                                              title="Indeks per OPD dan bulan (skala tetap 0–100)"), "indeks_heatmap")
layout.table(df, title="Indeks per OPD-bulan", slug="indeks_budaya_kerja", key="idx_table",
             columns=["opd_short", "month", "culture_index", "discipline_score", "performance_score",
                      "competency_score", "behaviour_score", "missing_components"], height=280)

st.subheader("Telusuri: OPD → unit kerja → pegawai")
labels = filters.opd_labels()
filters.outside_scope("drill", labels)
opd = st.selectbox("OPD", [c for c in labels if c in set(df["opd_code"])], index=None, key="drill",
                   format_func=labels.get, bind="query-params", placeholder="Pilih OPD atau klik grafik")
if opd:
    with st.container(border=True, key="telusur"):
        units = data.run("culture_index__units", opd=opd)
        picked = layout.table(units, title=f"Unit kerja {labels[opd]}, {fmt.month(f.month_to)} · klik baris untuk "
                              "melihat pegawainya", slug=f"unit_kerja_{opd}", key="unit_table", select=True,
                              columns=["culture_index_rank", "work_unit", "employees", "culture_index",
                                       "culture_index_mom_delta", "discipline_score", "performance_score",
                                       "competency_score", "behaviour_score"])
        rows = picked.selection.rows if picked else []
        known = set(units["work_unit"].to_list())
        if rows:  # a row click opens the unit; the URL keeps it for a shared link
            unit = units["work_unit"][rows[0]]
            st.query_params["unit"] = unit
        else:
            unit = st.query_params.get("unit")
            unit = unit if unit in known else None
        if unit:
            people = data.run("culture_index__employees", opd=opd, unit=unit)
            layout.table(people, title=f"Pegawai {unit}, {fmt.month(f.month_to)}", slug=f"pegawai_{opd}_{unit}",
                         key="emp_table", profile=True, columns=["nip", "name", "position_type", "employment_status",
                                                   "present_days", "absent_days", "late_minutes",
                                                   "discipline_score", "approved_minutes_per_present_day",
                                                   "activity_attainment_rate", "jp_total"])
            st.caption("Filter jenis jabatan dan status berlaku untuk daftar pegawai; indeks OPD/unit mencakup "
                       "semua pegawai.")
    if st.session_state.get("_telusur_dilihat") != (opd, unit):  # scroll once per OPD / unit opened
        st.session_state["_telusur_dilihat"] = (opd, unit)
        layout.scroll_to("telusur")
