"""The evidence behind one outlier: what the system compared, so a reason can be checked."""

from __future__ import annotations

import streamlit as st

from pages.ui import charts, data, layout, theme
from pages.ui import format as fmt
from pages.ui.text import DAY_STATUS, OUTLIER_KINDS


def finding_id(r: dict) -> str:
    """A finding in the URL (`temuan`): kind, employee (or OPD) and month, so a link opens its evidence."""
    return f"{r['kind']}|{r['nip'] or r['opd_code'] or '-'}|{r['month']:%Y-%m}"


def picked(rows, table_event) -> dict | None:
    """The finding to show: a clicked row of `rows` (kept in the URL as `temuan`), else the URL's own."""
    clicked = table_event.selection.rows if table_event else []
    if clicked:
        st.query_params["temuan"] = finding_id(rows.row(clicked[0], named=True))
    wanted = st.query_params.get("temuan")
    return next((r for r in rows.iter_rows(named=True) if finding_id(r) == wanted), None) if wanted else None


def show(row: dict) -> None:
    kind, month = row["kind"], row["month"]
    opd = row["opd_short"] or "OPD disembunyikan (k-anonim)"  # an analyst may not see a small group's OPD
    st.markdown(f"**{OUTLIER_KINDS[kind]}** · {row['name'] or opd} · {fmt.month(month, long=True)}")
    st.info(row["reason"], icon=":material/lightbulb:")
    stem = f"bukti_{kind}_{month:%Y-%m}"
    if kind == "low_productivity":
        peers = data.run("common__evidence_peers", nip=row["nip"], month=month)
        colours = [theme.COMPONENTS["behaviour"] if s else "#9aa5b1" for s in peers["is_subject"]]
        layout.chart(charts.bars(peers["name"].to_list(), peers["approved_minutes_per_present_day"].to_list(),
                                 kind="integer", colours=colours, horizontal=True, y_title="menit/hari hadir",
                                 title=f"Rekan {row['position_type'] or 'sejenis'} di {opd}"), stem)
        layout.table(peers, title="Kelompok pembanding", slug=stem, key="ev_peers",
                     columns=["nip", "name", "present_days", "approved_minutes", "approved_minutes_per_present_day"])
    elif kind in ("present_not_working", "buddy_punching"):
        partners = [p.strip() for p in (row["partner_nips"] or "").split(",") if p.strip()]
        nips = [row["nip"], *partners]
        summary = data.run("common__evidence_activity", nips=nips, month=month)
        layout.table(summary, title="Aktivitas bulan itu", slug=f"{stem}_aktivitas", key="ev_act",
                     columns=["nip", "name", "present_days", "days_with_approved_activity",
                              "present_days_without_activity", "approved_minutes"])
        days = data.run("common__evidence_days", nips=nips, month=month)
        layout.table(days, title="Absen harian (jam datang/pulang per pegawai)", slug=f"{stem}_harian",
                     key="ev_days", height=320, columns=["work_date", "nip", "name", "day_status", "arrival_time",
                                                         "departure_time", "punch_count"],
                     values={"day_status": DAY_STATUS})
        if kind == "present_not_working":
            st.caption("Aktivitas per hari tidak diterbitkan; ringkasan bulanan di atas menunjukkan hari hadir "
                       "tanpa aktivitas disetujui.")
    else:  # unit_decline
        trend = data.run("common__evidence_trend", opd=row["opd_code"], month=month)
        layout.chart(charts.series_lines(trend, {"culture_index": opd, "region_culture_index": "Wilayah"},
                                         {"culture_index": theme.opd_colour(row["opd_code"]),
                                          "region_culture_index": theme.REGION},
                                         title="Indeks 12 bulan terakhir"), stem)
