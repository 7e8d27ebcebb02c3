"""Ringkasan: where the culture index stands, how it moved, and which OPDs lead or lag."""

import streamlit as st

from pages.ui import charts, data, filters, layout, theme
from pages.ui import format as fmt
from pages.ui.text import COMPONENTS

layout.require_build()
layout.page_header("Ringkasan", "Indeks Budaya Kerja 0–100: bobot × skor disiplin, kinerja, kompetensi "
                   "dan perilaku. Lihat Metodologi untuk rumus dan bobotnya.")
f = filters.current()
series = data.run("common__culture_series")
if series.is_empty():
    layout.empty()
    st.stop()

now = series.filter(month=f.month_to)
now = (now if not now.is_empty() else series.tail(1)).row(0, named=True)
visible = filters.opd_labels()  # the viewer's OPDs (one for most OPD accounts)
one = f.opd_codes[0] if f.opd_codes and len(f.opd_codes) == 1 and not f.rumpun else None
one = one or (next(iter(visible)) if len(visible) == 1 and not f.rumpun else None)
where = "wilayah" if now["basis"] == "wilayah" else visible.get(one, "OPD terpilih")
scores = {c: now[f"{c}_score"] for c in COMPONENTS}
weakest = min((v, c) for c, v in scores.items() if v is not None) if any(scores.values()) else None
layout.headline(
    f"Indeks Budaya Kerja {where} {fmt.month(now['month'], long=True)}: {fmt.number(now['culture_index'])} "
    f"({fmt.signed(now['culture_index_mom'])} dari bulan lalu)."
    + (f" Komponen terendah: {COMPONENTS[weakest[1]]} ({fmt.number(weakest[0])})." if weakest else ""))


def tile(label: str, col: str, help_: str) -> layout.Tile:
    return layout.delta_tile(now, col, label, help_)


layout.tiles([
    tile("Indeks Budaya Kerja", "culture_index", "Skala 0–100, bobot komponen di Metodologi."),
    tile("Disiplin", "discipline_score", "100 × (1 − hari TK ekuivalen / hari kerja)."),
    tile("Kinerja", "performance_score", "Rata-rata skor SKP dan capaian aktivitas harian."),
    tile("Kompetensi", "competency_score", "Capaian JP terhadap target 20 JP prorata."),
    tile("Perilaku", "behaviour_score", "Skor BerAKHLAK (atasan, rekan, bawahan) ke skala 0–100."),
])
if now["basis"] != "wilayah" and one is None:  # one OPD (or a one-OPD account) is no combination
    st.caption("Gabungan OPD terpilih: rata-rata nilai OPD tertimbang jumlah pegawai.")
if now["missing_components"]:
    st.caption(f"Tanpa data di sebagian OPD/bulan: {now['missing_components']}.")

trend = charts.series_lines(
    series, {"culture_index": "Indeks", **{f"{c}_score": label for c, label in COMPONENTS.items()}},
    {"culture_index": theme.REGION, **{f"{c}_score": theme.COMPONENTS[c] for c in COMPONENTS}},
    title=f"Tren {where}", y_title="Skor 0–100")
layout.chart(trend, "ringkasan_tren")
if layout.presenting():
    st.stop()



def drill_picked() -> None:
    """A bar clicked: Indeks drilled into that OPD (the bound selectbox reads its label from the URL)."""
    points = st.session_state["rank_chart"].selection.points
    if points:
        layout.switch_soon("pages/culture_index.py", drill=filters.opd_labels()[points[0]["customdata"][0]])


ranking = data.run("overview__opd_ranking")
st.subheader(f"Peringkat OPD, {fmt.month(f.month_to, long=True)}")
if ranking.is_empty():
    layout.empty()
else:
    fig = charts.ranking_bars(ranking, "culture_index", x_title="Indeks Budaya Kerja",
                              note="missing_components", highlight=f.opd_codes)
    layout.chart(fig, "ringkasan_peringkat_opd", key="rank_chart", on_select=drill_picked)
    st.caption("Klik batang OPD untuk melihat unit kerja dan pegawainya.")
    layout.table(ranking, title="Peringkat OPD", slug="ringkasan_peringkat_opd", key="rank_table",
                 columns=["culture_index_rank", "opd_name", "rumpun", "employees", "culture_index",
                          "culture_index_mom_delta", "culture_index_yoy_delta", "missing_components"])
