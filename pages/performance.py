"""Kinerja & Produktivitas: SKP predikat against the SE 3/2023 curve, activity minutes, outliers with reasons."""

import streamlit as st

from pages.ui import charts, data, evidence, filters, layout
from pages.ui import format as fmt
from pages.ui.text import OUTLIER_KINDS

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
layout.chart(charts.skp_curve(curve, title="Distribusi predikat per OPD (✗ = tidak sesuai SE 3/2023)"),
             "kinerja_distribusi_predikat")
if layout.presenting():
    st.stop()
layout.table(curve, title="Kesesuaian dengan pola distribusi SE MenPANRB 3/2023", slug="kinerja_kurva_skp",
             key="curve_table", columns=["opd_short", "organisational_predikat", "employees", "share_sangat_baik",
                                         "share_baik", "share_butuh_perbaikan", "is_conforming", "explanation"],
             formats={c: "percent" for c in curve.columns if c.startswith("share_")},
             labels={"share_sangat_baik": "SB", "share_baik": "B", "share_butuh_perbaikan": "BP",
                     "organisational_predikat": "Predikat organisasi"})
activity = data.run("performance__activity")
layout.chart(charts.opd_lines(activity, "activity_attainment_rate", kind="percent", y_title="capaian",
                              title="Capaian menit aktivitas disetujui terhadap target",
                              highlight=f.opd_codes, region=data.run("common__region_trend")),
             "kinerja_capaian_aktivitas")

st.subheader("Temuan tidak wajar dan alasannya")
outliers = data.run("performance__outliers")
picked = layout.table(outliers, title="Daftar temuan · klik baris untuk melihat buktinya", slug="kinerja_temuan_tidak_wajar",
                      key="out_table", select=True,
                      columns=["month", "kind", "nip", "name", "opd_short", "reason"], values={"kind": OUTLIER_KINDS})


def finding_id(r: dict) -> str:
    """A finding in the URL (`temuan`): kind, employee (or OPD) and month, so a link opens its evidence."""
    return f"{r['kind']}|{r['nip'] or r['opd_code'] or '-'}|{r['month']:%Y-%m}"


clicked = picked.selection.rows if picked else []
if clicked:
    st.query_params["temuan"] = finding_id(outliers.row(clicked[0], named=True))
wanted = st.query_params.get("temuan")
found = [r for r in outliers.iter_rows(named=True) if finding_id(r) == wanted] if wanted else []
if found:
    with st.container(border=True, key="bukti"):
        evidence.show(found[0])
    if st.session_state.get("_bukti_dilihat") != wanted:  # scroll once per finding opened
        st.session_state["_bukti_dilihat"] = wanted
        layout.scroll_to("bukti")
elif not outliers.is_empty():
    st.caption("Klik baris temuan untuk membuka buktinya di sini.")
