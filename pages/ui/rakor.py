""""Unduh bahan rakor": the PPTX and PDF of the current view and filters, for the signed-in scope.

Built on click (reports/deck.py, charts by the server's one shared chromium, reports/render.shared)
through the query layer with the viewer's scope, so an analyst's deck is pseudonymised and
k-anonymous like the analyst's pages; cached per build, scope and filters, and audited (`ekspor`,
tabel `bahan_rakor`) before the bytes are handed over. Without a working chromium the deck comes
without chart images and says so on its title slide.
"""

from __future__ import annotations

import dataclasses
import functools

import streamlit as st

from pages.ui import context, data, export
from pages.ui import filters as sidebar_filters
from reports import deck as decks
from reports import render
from reports.render import RenderError
from reports.view import View
from warehouse.paths import warehouse_path
from warehouse.query import Filters, Scope

MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf"}


@st.cache_data(max_entries=20, show_spinner="Menyusun bahan rakor …")
def _deck(build_file: str, scope_key: tuple, filters: tuple) -> tuple[bytes, bytes, int, bool]:
    view = View(data.open_build(build_file), Scope(*scope_key), Filters(**dict(filters)))
    try:
        d, drawn = decks.build_deck(view, browser=render.shared()), True
    except RenderError:
        render.forget_shared()  # a browser that died: the next deck starts a new one
        try:
            d, drawn = decks.build_deck(view), True
        except RenderError:
            d, drawn = decks.build_deck(view, charts=False), False
    return d.pptx, d.pdf, len(d.slides), drawn


def produce(build_file: str, f: Filters, fmt_: str) -> bytes:
    """The deck in one format, given only once its download is in the audit log."""
    from warehouse.access import AuditUnavailable, audit

    viewer = context.viewer()
    frozen = tuple((k.name, getattr(f, k.name)) for k in dataclasses.fields(f))
    pptx, pdf, slides, drawn = _deck(build_file, viewer.scope.key, frozen)
    try:
        audit("ekspor", viewer.username, {
            "halaman": viewer.page, "judul": "Bahan rakor", "tabel": "bahan_rakor", "format": fmt_,
            "filter": sidebar_filters.describe(f), "build": data.build_info().get("build_id"),
            "slide": slides, "grafik": drawn}, rows=slides, warehouse=warehouse_path())
    except AuditUnavailable as error:
        return decks.refusal(f"Bahan rakor tidak dibuat: {error}", fmt_)
    return pptx if fmt_ == "pptx" else pdf


def button(bare: bool = False) -> None:
    """The popover with the two downloads in the sidebar; `bare`: only the two buttons, for presentation
    mode's hidden bar, where the keys U (PPTX) and P (PDF) click them."""
    pub = data.published()
    if pub is None:
        return
    f = sidebar_filters.current()
    stem = f"bahan_rakor_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}"
    with st.container() if bare else st.popover("Unduh bahan rakor", icon=":material/slideshow:"):
        st.caption("Judul, lalu satu slide per halaman presentasi dengan filter ini; catatan pembicara "
                   "menjelaskan setiap angka. Unduhan dicatat di log audit.")
        blocked = export.audit_blocked()
        if blocked:
            st.warning(blocked, icon=":material/warning:")
        for fmt_, label in (("pptx", "PowerPoint (PPTX)"), ("pdf", "PDF")):
            st.download_button(label, data=functools.partial(produce, str(pub.build_file), f, fmt_),
                               file_name=f"{stem}.{fmt_}", mime=MIME[fmt_], key=f"rakor_{fmt_}",
                               on_click="ignore", disabled=bool(blocked))
