"""Shared sidebar filters, kept in the URL (`bind="query-params"`) so a link reopens the view.

URL keys: periode (two months, e.g. `periode=Jan 2026&periode=Okt 2026`), opd, rumpun,
jabatan, status. A value equal to the default is left out of the URL by Streamlit.
"""

from __future__ import annotations

import streamlit as st

from pages.ui import auth, context, data
from pages.ui import format as fmt
from warehouse.query import Filters

KEYS = ("periode", "opd", "rumpun", "jabatan", "status")
WINDOW = 12  # default period: the last 12 months of the build


def default_period(months: list) -> tuple:
    return (months[max(0, len(months) - WINDOW)], months[-1])


def opd_labels() -> dict[str, str]:
    """opd_code -> short label (code appended where two OPDs share a short name)."""
    opd = data.run("common__opd", Filters())
    shorts = opd["opd_short"].to_list()
    return {c: s if shorts.count(s) == 1 else f"{s} ({c})"
            for c, s in zip(opd["opd_code"].to_list(), shorts)}


def outside_scope(key: str, labels: dict[str, str]) -> list[str]:
    """URL values of an OPD parameter (`opd`, `drill`) that name no OPD of the viewer's scope.

    Streamlit drops such values from a bound widget (so the page shows only the viewer's
    OPDs); this says which were dropped, audits them once per session and values
    (`akses_ditolak`) and tells the viewer."""
    known = set(labels) | set(labels.values())
    asked = [v for v in st.query_params.get_all(key) if v]
    unknown = [v for v in asked if v not in known]
    if unknown:
        auth.denied_once(f"url_{key}", {"parameter": key, "nilai": unknown, "halaman": context.viewer().page})
        st.warning(f"OPD di tautan di luar akses akun ini tidak ditampilkan: {', '.join(map(auth.plain, unknown))}. "
                   "Percobaan ini dicatat di log audit.", icon=":material/block:")
    return unknown


def _reset(months: list) -> None:
    st.session_state["periode"] = default_period(months)
    for key in KEYS[1:]:
        st.session_state[key] = []


def sidebar() -> Filters:
    """Draw the filters in the sidebar and return them (dashboard.py keeps them for this run: current())."""
    months = data.months()
    labels = opd_labels()
    values = data.run("common__filter_values", Filters())
    options = {k: values.filter(filter=k)["value"].to_list()
               for k in ("rumpun", "position_type", "employment_status")}
    with st.sidebar:
        st.subheader("Filter")
        outside_scope("opd", labels)
        start, end = st.select_slider(
            "Periode", options=months, value=default_period(months), format_func=fmt.month,
            key="periode", bind="query-params")
        opd = st.multiselect("OPD", list(labels), format_func=labels.get, key="opd", bind="query-params",
                             placeholder="Semua OPD" if data.scope().opd_codes is None else "Semua OPD akun ini")
        rumpun = st.multiselect("Rumpun", options["rumpun"], key="rumpun", bind="query-params",
                                placeholder="Semua rumpun")
        jabatan = st.multiselect("Jenis jabatan", options["position_type"], key="jabatan",
                                 bind="query-params", placeholder="Semua jenis jabatan")
        status = st.segmented_control("Status kepegawaian", options["employment_status"],
                                      selection_mode="multi", key="status", bind="query-params")
        st.button("Atur ulang filter", on_click=_reset, args=(months,), type="tertiary",
                  icon=":material/restart_alt:")
    return Filters(month_from=start, month_to=end, opd_codes=tuple(opd) or None,
                   rumpun=tuple(rumpun) or None, position_types=tuple(jabatan) or None,
                   statuses=tuple(status or ()) or None)


def current() -> Filters:
    """The filters drawn on this run (defaults when the sidebar was not drawn)."""
    f = context.filters()
    if f is None:
        months = data.months()
        start, end = default_period(months)
        f = Filters(month_from=start, month_to=end)
    return f


def describe(f: Filters) -> dict[str, str]:
    """Human-readable filter values (Keterangan sheet, captions)."""
    labels = opd_labels()
    return {
        "Periode": f"{fmt.month(f.month_from)} – {fmt.month(f.month_to)}",
        "OPD": ", ".join(labels.get(c, c) for c in f.opd_codes) if f.opd_codes else "Semua OPD",
        "Rumpun": ", ".join(f.rumpun) if f.rumpun else "Semua",
        "Jenis jabatan": ", ".join(f.position_types) if f.position_types else "Semua",
        "Status kepegawaian": ", ".join(f.statuses) if f.statuses else "PNS dan PPPK",
    }
