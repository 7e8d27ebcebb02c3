"""Kedisiplinan: PP 94/2021 early warning, the sanction ladder, lateness by day and hour, TK trend."""

import streamlit as st

from pages.ui import charts, data, filters, layout
from pages.ui import format as fmt

layout.require_build()
layout.page_header("Kedisiplinan", "PP 94/2021: hari tidak masuk tanpa alasan sah dihitung kumulatif per tahun; "
                   "terlambat + pulang cepat setiap 7,5 jam = 1 hari. 10 hari kerja berturut-turut dinilai tersendiri.")
f = filters.current()
within = 1 if layout.presenting() else st.slider(  # a view option, kept in the URL
    "Peringatan dini: tampilkan juga pegawai yang tinggal ≤ N hari dari anak tangga berikutnya", 0, 5, 1,
    key="jarak", bind="query-params", width=480)
s = data.run("discipline__summary", within_days=within).row(0, named=True)
layout.headline(f"{fmt.integer(s['sanctioned'])} pegawai sudah mencapai anak tangga sanksi PP 94/2021 tahun "
                f"{s['year']} ({fmt.integer(s['berat'])} berat); {fmt.integer(s['near_next'])} pegawai tinggal "
                f"≤ {within} hari dari anak tangga berikutnya.")
score = layout.month_row(data.run("common__culture_series"), f.month_to)
layout.tiles([
    layout.delta_tile(score, "discipline_score", f"Skor disiplin, {fmt.month(f.month_to)}",
                      "100 × (1 − hari TK ekuivalen / hari kerja); perubahan dari bulan lalu dan tahun lalu."),
    layout.Tile("Sanksi ringan", fmt.integer(s["ringan"]),
                help="Teguran lisan s.d. pernyataan tidak puas secara tertulis (3–10 hari)."),
    layout.Tile("Sanksi sedang", fmt.integer(s["sedang"]), help="Pemotongan tunjangan kinerja (11–20 hari)."),
    layout.Tile("Sanksi berat", fmt.integer(s["berat"]), help="Penurunan jabatan s.d. pemberhentian (≥ 21 hari)."),
    layout.Tile("TK 10 hari beruntun", fmt.integer(s["consecutive"]),
                help="10 hari kerja berturut-turut: pemberhentian dengan hormat tidak atas permintaan sendiri."),
    layout.Tile("Mendekati sanksi", fmt.integer(s["near_next"]),
                help=f"Tinggal ≤ {within} hari ekuivalen dari anak tangga berikutnya."),
])
ladder = data.run("discipline__ladder_counts")
layout.chart(charts.bars(ladder["sanction_level"].to_list(), ladder["employees"].to_list(), horizontal=True,
                         title=f"Pegawai per anak tangga sanksi, {s['year']}", y_title="Pegawai",
                         colours=["#f2c14e" if c == "Ringan" else "#e07a1f" if c == "Sedang" else "#c0392b"
                                  for c in ladder["sanction_category"]]),
             f"disiplin_tangga_{s['year']}")
if layout.presenting():
    st.stop()

warnings = data.run("discipline__warning_list", within_days=within)
layout.table(warnings, title=f"Daftar peringatan dini {s['year']} · klik baris untuk membuka profil pegawai",
             slug=f"peringatan_disiplin_{s['year']}",
             key="warn_table", profile=True, columns=["nip", "name", "opd_short", "sanction_level", "days_to_next_level",
                                        "next_sanction_level", "equivalent_absent_days", "absent_days",
                                        "late_minutes", "early_leave_minutes", "max_consecutive_absent_days",
                                        "work_unit"])
absent_tab, late_tab, hour_tab = layout.views(["Tren TK per OPD", "Tren terlambat per OPD",
                                               "Terlambat menurut hari dan jam"], "grafik")
monthly = data.run("discipline__monthly")
if absent_tab.open or late_tab.open:
    region = data.run("common__region_trend")
if absent_tab.open:
    with absent_tab:
        layout.chart(charts.opd_lines(monthly, "absent_days_per_employee", title="Hari TK per pegawai per bulan",
                                      y_title="hari", kind="number", decimals=2, higher_is_better=False,
                                      highlight=f.opd_codes, region=region), "disiplin_tren_tk")
if late_tab.open:
    with late_tab:
        layout.chart(charts.opd_lines(monthly, "late_minutes_per_employee",
                                      title="Menit terlambat per pegawai per bulan", y_title="menit", kind="integer",
                                      higher_is_better=False, highlight=f.opd_codes, region=region),
                     "disiplin_tren_terlambat")
if hour_tab.open:
    with hour_tab:
        late = data.run("discipline__late_heatmap")
        layout.chart(charts.category_heatmap(late, "arrival_hour", "iso_dow", "late_days", decimals=0,
                                             title="Hari terlambat menurut hari dan jam datang",
                                             x_fmt=lambda h: f"{h:02d}.00", y_fmt=fmt.weekday),
                     "disiplin_terlambat_hari_jam")
layout.table(monthly, title="Disiplin per OPD-bulan", slug="disiplin_opd_bulanan", key="month_table", height=260,
             columns=["opd_short", "month", "employees", "absent_days", "absent_days_per_employee",
                      "late_minutes_per_employee", "attendance_rate", "discipline_score"],
             formats={"absent_days_per_employee": ("number", 2)})
