"""Page building blocks: headline, KPI tiles, charts, tables with exports, empty states,
presentation mode. Pages compose these; they never format numbers or touch SQL."""

from __future__ import annotations

import dataclasses
import functools
import html

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pages import registry
from pages.ui import context, data, export, filters, kanon, rakor, text, theme
from pages.ui import format as fmt
from warehouse.paths import warehouse_path

PRESENT_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 1.5rem 3rem !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #ffffff; color: #000000;}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {font-size: 1.5rem;}
[data-testid="stMetricValue"] p {font-size: 4rem !important; line-height: 1.1; font-weight: 700; color: #000000;}
[data-testid="stMetricLabel"] p {font-size: 1.5rem !important; color: #000000;}
[data-testid="stMetricDelta"] p, [data-testid="stMetricDeltaDescription"] p {font-size: 1.3rem !important;}
h1 {font-size: 2.4rem !important; color: #000000;}
.headline {font-size: 2.8rem; font-weight: 700; line-height: 1.25; color: #000000; margin: .25rem 0 1.25rem;}
</style>"""


LONG_TEXT = {"reason", "explanation", "raw", "message", "description"}


def presenting() -> bool:
    """Presentation mode is the URL switch `?presentasi=1`."""
    return st.query_params.get("presentasi") == "1"


def page_header(title: str, intro: str | None = None) -> None:
    st.title(title)
    if intro and not presenting():
        st.caption(intro)
    kanon.slot()  # the analis role's k-anonymity note (empty for other roles)


def headline(message: str) -> None:
    """The one message of the view, in words a Sekda can read aloud."""
    if presenting():
        st.markdown(f'<div class="headline">{html.escape(message)}</div>', unsafe_allow_html=True)
    else:
        st.markdown(f"#### {message}")


def no_build() -> None:
    if not context.viewer().can_manage:
        st.info("Belum ada data yang diterbitkan. Admin BKPSDM memuat dan menerbitkan data di Kelola Data.",
                icon=":material/info:")
        return
    st.info("Belum ada data yang diterbitkan. Unggah berkas ekspor di **Kelola Data** lalu tekan "
            "**Terbitkan**, atau jalankan `python -m pipelines demo` untuk data contoh.",
            icon=":material/info:")
    manage = registry.page("manage_data")
    st.page_link(manage.file, label=f"Buka {manage.title}", icon=manage.icon)


def require_build() -> None:
    """Stop the page with a clear message when nothing is published yet."""
    if data.published() is None:
        no_build()
        st.stop()


def empty(message: str = "Tidak ada data untuk filter ini.") -> None:
    st.info(message, icon=":material/filter_alt_off:")


@dataclasses.dataclass
class Tile:
    label: str
    value: str
    delta: str | None = None           # month on month, pre-formatted and signed ('+1,2' / '-0,5')
    yoy: str | None = None             # year on year, same format, shown under the tile
    help: str | None = None
    lower_is_better: bool = False


def tiles(items: list[Tile]) -> None:
    """KPI tiles: value, delta vs last month (coloured), delta vs last year (caption)."""
    for col, t in zip(st.columns(len(items)), items):
        with col.container(border=True):
            has_delta = t.delta not in (None, fmt.DASH)
            st.metric(t.label, t.value, t.delta if has_delta else None, help=t.help,
                      delta_color="inverse" if t.lower_is_better else "normal",
                      delta_description="vs bulan lalu" if has_delta else None)
            if t.yoy is not None:
                st.caption(f"{t.yoy} vs tahun lalu")


def chart(fig: go.Figure, stem: str, *, key: str | None = None, on_select="ignore",
          selection_mode="points", alt: str | None = None):
    """Draw a figure with our template (not Streamlit's) and PNG download in the modebar."""
    fig.update_layout(template=theme.template(presenting()))
    if presenting():
        fig.update_layout(height=max(fig.layout.height or 450, 560))
    return st.plotly_chart(fig, theme=None, config=theme.chart_config(stem), key=key,
                           on_select=on_select, selection_mode=selection_mode, alt=alt)


def export_meta(title: str, slug: str, filtered: bool = True) -> export.ExportMeta:
    """File name and "Keterangan" sheet: the filters (when they apply), build and freshness."""
    if data.published() is None:
        return export.ExportMeta(title=title, slug=slug, filters={})
    info = data.build_info()
    as_of = f"{fmt.date(info.get('period_end'))} (build {fmt.datetime(info.get('built_at'))})"
    f = filters.current() if filtered else None
    return export.ExportMeta(title=title, slug=slug, filters=filters.describe(f) if f else {},
                             period=(f.month_from, f.month_to) if f else None,
                             build_id=info.get("build_id"), data_as_of=as_of)


def downloads(df, title: str, slug: str, key: str, rows: int | None = None, filtered: bool = True) -> None:
    """CSV (Excel-id and plain), XLSX and Parquet of exactly this slice, built on click.

    df is a frame or a callable returning one (the explorer fetches the full slice only
    when a download is clicked). Each file is audited when it is built (export.produce);
    the specs drawn on this run are kept in st.session_state["_exports"] by key."""
    if presenting():
        return
    fetch = df if callable(df) else (lambda: df)
    rows = rows if rows is not None else (None if callable(df) else df.height)
    meta = export_meta(title, slug, filtered)
    viewer = context.viewer()
    spec = export.ExportSpec(fetch=fetch, meta=meta, username=viewer.username, page=viewer.page,
                             warehouse=warehouse_path())
    st.session_state.setdefault("_exports", {})[key] = spec
    with st.popover("Unduh", icon=":material/download:"):
        st.caption(f"{fmt.integer(rows)} baris · nama kolom tetap (nama di warehouse) · unduhan dicatat di log audit")
        blocked = export.audit_blocked()  # an export that cannot be audited is not given
        if blocked:
            st.warning(blocked, icon=":material/warning:")
        for i, (fmt_, (label, ext)) in enumerate(export.FORMATS.items()):
            st.download_button(label, data=functools.partial(export.deliver, spec, fmt_),
                               file_name=export.file_name(meta, ext), mime=export.MIME[ext], key=f"{key}_dl{i}",
                               on_click="ignore",
                               disabled=bool(blocked) or (ext == "xlsx" and (rows or 0) > export.XLSX_MAX_ROWS))


def table(df: pl.DataFrame, *, title: str, slug: str, key: str, columns: list[str] | None = None,
          formats: dict | None = None, labels: dict | None = None, select: bool = False,
          height="auto", full=None, rows: int | None = None, filtered: bool = True,
          values: dict[str, dict] | None = None):
    """Show `columns` of df with Indonesian labels and formats; export the whole df.

    Labels and formats come from the metric registry (unit) and the column type unless
    given in `labels` / `formats`; `values` maps codes to display text (column -> {code: text}).
    `full` (a callable) exports more than is shown."""
    shown = df.select(columns) if columns else df
    shown = shown.with_columns(pl.col(c).replace(m) for c, m in (values or {}).items() if c in shown.columns)
    auto = {c: text.format_for(c, t) for c, t in shown.schema.items()}
    shown = fmt.format_frame(shown, {c: v for c, v in {**auto, **(formats or {})}.items() if v})
    shown = shown.with_columns(pl.col(pl.String).fill_null(""))  # no "None" cells
    names = {c: (labels or {}).get(c) or text.label(c) for c in shown.columns}
    seen: dict[str, int] = {}
    for c, n in names.items():  # two columns may share a label (e.g. OPD): keep both visible
        seen[n] = seen.get(n, 0) + 1
        names[c] = n if seen[n] == 1 else f"{n} ({c})"
    shown = shown.rename(names)
    head = st.columns([5, 1], vertical_alignment="bottom")
    head[0].markdown(f"**{title}**")
    with head[1]:
        downloads(full or df, title, slug, key, rows, filtered)
    if df.is_empty():
        empty()
        return None
    wide = {names[c]: st.column_config.TextColumn(width="large") for c in names if c in LONG_TEXT}
    return st.dataframe(shown, hide_index=True, key=key, height=height, column_config=wide,
                        on_select="rerun" if select else "ignore", selection_mode="single-row")


def _leave_presentation() -> None:
    st.query_params.pop("presentasi", None)


def presentation_nav(slides: list, current) -> None:
    """Previous / next slide (st.Page, in registry order) as links and one exit button; the filters
    stay in the URL."""
    paths = [p.url_path for p in slides]
    i = paths.index(current.url_path) if current.url_path in paths else 0
    prev, nxt = slides[i - 1], slides[(i + 1) % len(slides)]
    left, mid, deck, right = st.columns([2, 1, 1, 2], vertical_alignment="center")
    left.page_link(prev, label=f"◀ {prev.title}", query_params={"presentasi": "1"})
    mid.button("Keluar presentasi", icon=":material/close:", type="tertiary", on_click=_leave_presentation)
    with deck:
        rakor.button()
    with right:
        st.page_link(nxt, label=f"{nxt.title} ▶", query_params={"presentasi": "1"})
