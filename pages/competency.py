"""Pengembangan Kompetensi: who is on track for 20 JP a year, by OPD and training type."""

import streamlit as st

from pages.ui import charts, data, filters, layout, theme
from pages.ui import format as fmt
from warehouse import metrics

layout.require_build()
layout.page_header("Pengembangan Kompetensi", f"Kompetensi = {metrics.COMPETENCY_RULE}.")
f = filters.current()
trend = data.run("competency__trend")
now = trend.filter(month=f.month_to)
if now.is_empty():
    layout.empty()
    st.stop()
now = now.row(0, named=True)
layout.headline(f"{fmt.percent(now['on_track_share'])} pegawai sesuai target JP s.d. "
                f"{fmt.month(f.month_to, long=True)}: rata-rata {fmt.number(now['jp_ytd_per_employee'])} JP, "
                f"target prorata {fmt.number(now['prorated_target_jp'])} JP.")
score = layout.month_row(data.run("common__culture_series"), f.month_to)
layout.tiles([
    layout.delta_tile(score, "competency_score", f"Skor kompetensi, {fmt.month(f.month_to)}",
                      "Capaian JP terhadap target prorata, skala 0–100; perubahan dari bulan lalu dan tahun lalu."),
    layout.Tile("Sesuai target prorata", fmt.percent(now["on_track_share"])),
    layout.Tile("JP per pegawai (tahun ini)", fmt.number(now["jp_ytd_per_employee"])),
    layout.Tile("Target prorata", f"{fmt.number(now['prorated_target_jp'])} JP"),
    layout.Tile("Pegawai dihitung", fmt.integer(now["employees"])),
])
progress = data.run("competency__opd_progress")
ends = 5 if layout.presenting() and progress.height > 10 else None  # a slide: the best and worst five
layout.chart(charts.ranking_bars(progress, "on_track_share", kind="percent", x_title="porsi pegawai sesuai target",
                                 highlight=f.opd_codes, ends=ends,
                                 title=f"Porsi pegawai sesuai target per OPD, {fmt.month(f.month_to)}"
                                 + (f": {ends} tertinggi, {ends} terendah dari {progress.height}" if ends else "")),
             "kompetensi_per_opd")
if layout.presenting():
    st.stop()
trend_tab, type_tab = layout.views(["Tren", "Jenis pelatihan per OPD"], "grafik")
if trend_tab.open:
    with trend_tab:
        layout.chart(charts.series_lines(trend, {"on_track_share": "Sesuai target"},
                                         {"on_track_share": theme.COMPONENTS["competency"]}, kind="percent",
                                         title="Tren porsi sesuai target", y_title="porsi"), "kompetensi_tren")
if type_tab.open:
    with type_tab:
        by_type = data.run("competency__by_type")
        layout.chart(charts.grouped_bars(by_type, "opd_short", "jp_total", "training_type", barmode="stack", top=6,
                                         horizontal=True, title=f"JP menurut jenis pelatihan, "
                                         f"Jan–{fmt.month(f.month_to)} (5 jenis terbanyak, sisanya Lainnya)",
                                         y_title="JP"), "kompetensi_jenis")
layout.table(progress, title="Capaian per OPD", slug="kompetensi_opd", key="prog_table",
             columns=["opd_short", "employees", "jp_ytd_per_employee", "prorated_target_jp", "employees_on_track",
                      "on_track_share", "employees_reached_target"],
             labels={"employees_on_track": "Pegawai sesuai target"})
behind = data.run("competency__behind")
layout.table(behind, title=f"Pegawai di bawah target prorata {f.month_to.year} · klik baris untuk membuka profil",
             slug="kompetensi_di_bawah_target",
             key="behind_table", profile=True, columns=["nip", "name", "opd_short", "work_unit", "position_type", "trainings",
                                          "jp_total", "prorated_target_jp", "jp_shortfall"])
