"""Kinerja & Produktivitas: SKP predikat against the SE 3/2023 curve, activity minutes, outliers with reasons."""

import streamlit as st

from pages.ui import charts, data, evidence, filters, layout
from pages.ui import format as fmt
from pages.ui.text import ORG_PREDIKAT_ORIGINS, OUTLIER_KINDS, RATINGS

layout.require_build()
layout.page_header("Kinerja & Produktivitas", "Predikat SKP (PermenPANRB 6/2022) dibanding pola distribusi "
                   "SE MenPANRB 3/2023, menit aktivitas disetujui terhadap target, dan pegawai/OPD yang tidak wajar.")
f = filters.current()
s = data.run("performance__summary").row(0, named=True)
layout.headline(f"{fmt.integer(s['outliers'])} temuan tidak wajar {fmt.month(f.month_from)}–{fmt.month(f.month_to)}; "
                f"{fmt.integer(s['off_curve_opds'])} OPD tidak sesuai kurva SE 3/2023; "
                f"{fmt.percent(s['baik_plus_share'])} pegawai berpredikat Baik ke atas "
                f"(SKP {s['skp_period'] or fmt.DASH}).")
score = layout.month_row(data.run("common__culture_series"), f.month_to)
layout.tiles([layout.delta_tile(score, "performance_score", f"Skor kinerja, {fmt.month(f.month_to)}",
                                "Rata-rata skor SKP dan capaian aktivitas harian; perubahan dari bulan lalu "
                                "dan tahun lalu.")]
             + [layout.Tile(label, fmt.integer(s[k]), lower_is_better=True) for k, label in OUTLIER_KINDS.items()])
curve = data.run("performance__skp_curve")
curve_title = "Distribusi predikat per OPD (✗ = tidak sesuai SE 3/2023)"
if layout.presenting():
    layout.chart(charts.skp_curve(curve, title=curve_title), "kinerja_distribusi_predikat")
    st.stop()
curve_tab, activity_tab = layout.views(["Distribusi predikat SKP", "Capaian aktivitas"], "grafik")
if curve_tab.open:
    with curve_tab:
        layout.chart(charts.skp_curve(curve, title=curve_title), "kinerja_distribusi_predikat")
        org = data.run("performance__org_predikat")
        if not org.is_empty():  # which predikat kinerja organisasi each OPD's curve is judged against, and from where
            st.caption("Kurva dinilai terhadap predikat organisasi: " + "; ".join(
                f"**{r['organisational_predikat']}** ({ORG_PREDIKAT_ORIGINS[r['organisational_predikat_origin']]}) "
                + (f"untuk {fmt.integer(r['opds'])} OPD" if r["organisational_predikat_origin"] == "bawaan"
                   else f"untuk {r['opd_names']}")
                for r in org.iter_rows(named=True)) + ". Predikat per OPD diatur di konfigurasi "
                "([[kinerja.predikat_organisasi_opd]]); lihat Metodologi.")
        layout.table(curve, title="Kesesuaian dengan pola distribusi SE MenPANRB 3/2023", slug="kinerja_kurva_skp",
                     key="curve_table", columns=["opd_short", "organisational_predikat",
                                                 "organisational_predikat_source", "employees", "share_sangat_baik",
                                                 "share_baik", "share_butuh_perbaikan", "is_conforming",
                                                 "explanation"],
                     formats={c: "percent" for c in curve.columns if c.startswith("share_")},
                     labels={"share_sangat_baik": "SB", "share_baik": "B", "share_butuh_perbaikan": "BP",
                             "organisational_predikat": "Predikat organisasi"})
if activity_tab.open:
    with activity_tab:
        activity = data.run("performance__activity")
        layout.chart(charts.opd_lines(activity, "activity_attainment_rate", kind="percent", y_title="capaian",
                                      title="Capaian menit aktivitas disetujui terhadap target",
                                      highlight=f.opd_codes, region=data.run("common__region_trend")),
                     "kinerja_capaian_aktivitas")
mismatch = data.run("performance__predikat_mismatch")
years = f"{f.month_from.year}" + (f"–{f.month_to.year}" if f.month_to.year != f.month_from.year else "")
st.subheader("Predikat yang tidak sesuai matriks PermenPANRB 6/2022")
if mismatch.is_empty():
    st.caption(f"Tidak ada penilaian SKP {years} yang predikatnya berbeda dari matriks hasil kerja × perilaku "
               "kerja.")
else:
    st.markdown(f"**{fmt.integer(mismatch.height)} penilaian SKP {years}** memuat predikat yang berbeda dari "
                "matriks hasil kerja × perilaku kerja PermenPANRB 6/2022. Baris ini dimuat dan dihitung sesuai "
                "sumber (kurva, skor SKP); periksa dengan pengelola e-Kinerja.")
    layout.table(mismatch, title="Penilaian SKP dengan predikat tidak sesuai matriks", slug="kinerja_predikat_matriks",
                 key="mismatch_table", height=260 if mismatch.height > 8 else "auto",
                 columns=["year", "period", "name", "opd_short", "predikat", "predikat_matrix", "rating_hasil",
                          "rating_perilaku", "nip", "file_name", "row_number"],
                 labels={"predikat": "Predikat menurut sumber"}, formats={"year": ("text", 0)},
                 values={"rating_hasil": RATINGS, "rating_perilaku": RATINGS})

st.subheader("Temuan tidak wajar dan alasannya")
outliers = data.run("performance__outliers")
picked = layout.table(outliers, title="Daftar temuan · klik baris untuk melihat buktinya", slug="kinerja_temuan_tidak_wajar",
                      key="out_table", select=True, profile=True,
                      columns=["month", "kind", "nip", "name", "opd_short", "reason"], values={"kind": OUTLIER_KINDS})


found = evidence.picked(outliers, picked)
if found:
    with st.container(border=True, key="bukti"):
        evidence.show(found)
    wanted = evidence.finding_id(found)
    if st.session_state.get("_bukti_dilihat") != wanted:  # scroll once per finding opened
        st.session_state["_bukti_dilihat"] = wanted
        layout.scroll_to("bukti")
elif not outliers.is_empty():
    st.caption("Klik baris temuan untuk membuka buktinya di sini.")
