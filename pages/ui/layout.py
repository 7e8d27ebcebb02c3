"""Page building blocks: headline, KPI tiles, charts, tables with exports, empty states,
presentation mode. Pages compose these; they never format numbers or touch SQL."""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pages import registry
from pages.ui import charts, context, data, export, filters, kanon, rakor, text, theme
from pages.ui import format as fmt
from warehouse.paths import warehouse_path

PRESENT_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-slide_nav {display: none !important;}
/* one slide = one screen: the page is exactly the viewport, the chart takes what the text leaves */
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  height: 100vh !important; overflow: hidden !important;}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; height: 100vh; box-sizing: border-box;
  padding: 1.25rem 3rem 1.75rem !important; display: flex; flex-direction: column;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {flex: 1 1 auto; min-height: 0;
  flex-wrap: nowrap; overflow: hidden;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {flex-shrink: 0;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(.stPlotlyChart) {
  flex: 1 1 0 !important; min-height: 0 !important; height: auto !important;}
[data-testid="stElementContainer"]:has(.stPlotlyChart) [data-testid="stFullScreenFrame"],
.stPlotlyChart, .stPlotlyChart > .js-plotly-plot {height: 100% !important;}
/* the frame's invisible parts (styles, key handler, hidden links) take no room */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(> .stHtml),
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(.stEmpty),
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(.st-key-slide_nav) {
  display: none !important;}
[data-testid="stElementContainer"]:has(.slide-hint) {position: fixed !important; width: 0 !important;
  height: 0 !important; overflow: visible !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #ffffff; color: #000000;}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {font-size: 1.5rem;}
[data-testid="stMetricValue"] p {font-size: 3.4rem !important; line-height: 1.1; font-weight: 700; color: #000000;}
[data-testid="stMetricLabel"] p {font-size: 1.3rem !important; color: #000000; white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] div {overflow: visible !important; max-width: none !important;}
[data-testid="stMetricDelta"] p, [data-testid="stMetricDeltaDescription"] p {font-size: 1.2rem !important;}
[data-testid="stTooltipIcon"], [data-testid="stTooltipHoverTarget"] svg,
[data-testid="stHeaderActionElements"] {display: none !important;}
h1 {font-size: 2.2rem !important; color: #000000; padding: 0 0 .25rem !important;}
.headline {font-size: 2.3rem; font-weight: 700; line-height: 1.2; color: #000000; margin: 0 0 .5rem;}
.slide-hint {position: fixed !important; right: 1rem; bottom: .5rem; z-index: 5; white-space: nowrap;
  margin: 0 !important; padding: 0; line-height: 1.2; font-size: .9rem !important; color: #6b7280;}
@media (max-height: 800px) {
  h1 {font-size: 1.7rem !important;}
  .headline {font-size: 1.75rem;}
  [data-testid="stMetricValue"] p {font-size: 2.4rem !important;}
  [data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
  [data-testid="stMainBlockContainer"] p {font-size: 1.2rem;}
  [data-testid="stMainBlockContainer"] {padding: .75rem 2rem 1.5rem !important;}
}
</style>"""


BASE_CSS = """<style>
/* tile labels and change captions wrap instead of ending in "…" */
[data-testid="stMetricLabel"] p, [data-testid="stMetricDeltaDescription"] p {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] > div, [data-testid="stMetricDeltaDescription"] {
  overflow: visible !important; max-width: none !important; height: auto !important;}
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
</style>"""

LONG_TEXT = {"reason", "explanation", "raw", "message", "description", "behaviour_label"}


def presenting() -> bool:
    """Presentation mode is the URL switch `?presentasi=1`."""
    return st.query_params.get("presentasi") == "1"


def page_header(title: str, intro: str | None = None) -> None:
    st.title(title, anchor=False if presenting() else None)
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


def delta_tile(row: dict | None, col: str, label: str, help_: str | None = None, *,
               kind: str = "number") -> Tile:
    """A tile of `col` in one row of a query that also selects `<col>_mom` and `<col>_yoy` (the marts'
    *_mom_delta / *_yoy_delta): value, change vs last month and vs the same month last year."""
    row = row or {}
    value = row.get(col)
    shown = fmt.percent(value) if kind == "percent" else fmt.number(value)
    return Tile(label, shown, fmt.signed(row.get(f"{col}_mom")), fmt.signed(row.get(f"{col}_yoy")),
                "Tidak ada data bulan ini (tidak dihitung nol)." if value is None and row else help_)


def month_row(df: pl.DataFrame, month) -> dict | None:
    """The row of `month` in a monthly frame (None when the month has no row)."""
    found = df.filter(pl.col("month") == month) if "month" in df.columns else df.clear()
    return found.row(0, named=True) if not found.is_empty() else None


def is_zero(delta: str | None) -> bool:
    """A pre-formatted change that rounds to nothing ('0,0', '+0,0 pp', '0%')."""
    digits = re.sub(r"\D", "", delta or "")
    return bool(digits) and set(digits) == {"0"}


def tiles(items: list[Tile]) -> None:
    """KPI tiles: value, delta vs last month (coloured; a zero change grey, without arrow), delta vs
    last year (caption)."""
    for col, t in zip(st.columns(len(items)), items):
        with col.container(border=True, height="stretch"):  # a row of tiles of one height
            has_delta = t.delta not in (None, fmt.DASH)
            flat = has_delta and is_zero(t.delta)
            st.metric(t.label, t.value, t.delta if has_delta else None, help=None if presenting() else t.help,
                      delta_color="off" if flat else "inverse" if t.lower_is_better else "normal",
                      delta_arrow="off" if flat else "auto",
                      delta_description="vs bulan lalu" if has_delta else None)
            if t.yoy is not None:
                st.caption(f"{t.yoy} vs tahun lalu")


def chart(fig: go.Figure, stem: str, *, key: str | None = None, on_select="ignore",
          selection_mode="points", alt: str | None = None):
    """Draw a figure with our template (not Streamlit's) and PNG download in the modebar."""
    fig.update_layout(template=theme.template(presenting()))
    config = theme.chart_config(stem)
    if presenting():  # fills what the slide's text leaves (PRESENT_CSS); no modebar, no selection
        fig.update_layout(height=None, autosize=True)
        charts.fit_labels(fig, theme.template(True).layout.font.size)
        return st.plotly_chart(fig, theme=None, config={**config, "displayModeBar": False, "responsive": True},
                               key=key, height="stretch", alt=alt)
    return st.plotly_chart(fig, theme=None, config=config, key=key,
                           on_select=on_select, selection_mode=selection_mode, alt=alt)


def views(labels: list[str], key: str):
    """Tabs holding one chart each: only the open one is computed, sent and drawn (a page of four
    40-OPD charts takes a browser seconds); the open tab is in the URL (`?<key>=...`) for a shared link."""
    return st.tabs(labels, key=key, bind="query-params")


def export_meta(title: str, slug: str, filtered: bool = True) -> export.ExportMeta:
    """File name and "Keterangan" sheet: the filters (when they apply), build and freshness."""
    if data.published() is None:
        return export.ExportMeta(title=title, slug=slug, filters={})
    info = data.build_info()
    as_of = f"{fmt.date(data.data_until())} (build {fmt.datetime(info.get('built_at'))})"
    f = filters.current() if filtered else None
    return export.ExportMeta(title=title, slug=slug, filters=filters.describe(f) if f else {},
                             period=(f.month_from, f.month_to) if f else None,
                             build_id=info.get("build_id"), data_as_of=as_of)


def downloads(df, title: str, slug: str, key: str, rows: int | None = None, filtered: bool = True,
              shown: export.Presentation | None = None) -> None:
    """CSV (Excel-id and plain), XLSX, technical CSV and Parquet of exactly this slice, built on click;
    the files for a person carry the headers, rounding and words of the table on screen (`shown`).

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
                             warehouse=warehouse_path(), shown=shown or export.Presentation())
    st.session_state.setdefault("_exports", {})[key] = spec
    with st.popover("Unduh", icon=":material/download:"):
        st.caption(f"{fmt.integer(rows)} baris · judul kolom dan pembulatan seperti di layar; nama dan nilai asli "
                   "gudang data di CSV kolom teknis dan Parquet · unduhan dicatat di log audit")
        blocked = export.audit_blocked()  # an export that cannot be audited is not given
        if blocked:
            st.warning(blocked, icon=":material/warning:")
        for i, (fmt_, (label, ext)) in enumerate(export.FORMATS.items()):
            st.download_button(label, data=functools.partial(export.deliver, spec, fmt_),
                               file_name=export.file_name(meta, ext, fmt_), mime=export.MIME[ext], key=f"{key}_dl{i}",
                               on_click="ignore",
                               disabled=bool(blocked) or (ext == "xlsx" and (rows or 0) > export.XLSX_MAX_ROWS))


def table(df: pl.DataFrame, *, title: str, slug: str, key: str, columns: list[str] | None = None,
          formats: dict | None = None, labels: dict | None = None, select: bool = False,
          height="auto", full=None, rows: int | None = None, filtered: bool = True,
          values: dict[str, dict] | None = None, profile: bool = False):
    """Show `columns` of df with Indonesian labels and formats; export the whole df.

    Labels and formats come from the metric registry (unit) and the column type unless
    given in `labels` / `formats`; `values` maps codes to display text (column -> {code: text}).
    `full` (a callable) exports more than is shown. `profile`: rows name a person (`nip`): a "Profil"
    link column opens Profil Pegawai, and so does a row click unless the table's click does something
    else (`select`); never for a viewer without personal data."""
    shown = df.select(columns) if columns else df
    values = {**{c: text.PREDIKAT for c in text.PREDIKAT_COLUMNS if c in df.columns}, **(values or {})}
    shown = shown.with_columns(pl.col(c).replace(m) for c, m in values.items() if c in shown.columns)
    shown = shown.with_columns(  # "Ya" / "Tidak", not a checkbox that looks clickable
        pl.when(pl.col(c)).then(pl.lit("Ya")).when(pl.col(c).not_()).then(pl.lit("Tidak")).otherwise(pl.lit(None))
        .alias(c) for c, t in shown.schema.items() if t == pl.Boolean)
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
        downloads(full or df, title, slug, key, rows, filtered,
                  export.Presentation(labels=labels or {}, formats=formats or {}, values=values or {}))
    if df.is_empty():
        empty()
        return None
    wide = {names[c]: st.column_config.TextColumn(width="large") for c in names if c in LONG_TEXT}
    linked = profile and "nip" in df.columns and context.viewer().scope.show_personal
    if linked:
        shown = shown.select(pl.Series(PROFILE_COLUMN, [profile_url(n) for n in df["nip"]]), pl.all())  # first: in view
        wide[PROFILE_COLUMN] = st.column_config.LinkColumn(PROFILE_COLUMN, display_text="Buka profil",
                                                           width="small")
    if linked and not select:  # a row click opens the person's profile
        nips = df["nip"].to_list()
        return st.dataframe(shown.to_arrow(), hide_index=True, key=key, height=height, column_config=wide,
                            on_select=lambda: _picked_person(key, nips), selection_mode="single-row")
    return st.dataframe(shown.to_arrow(), hide_index=True, key=key, height=height, column_config=wide,  # no pandas
                        on_select="rerun" if select else "ignore", selection_mode="single-row")


PROFILE_COLUMN = "Profil"


def profile_url(nip: str) -> str:
    """The profile of `nip`, relative to the page (so a base URL path is kept)."""
    return f"{registry.page('profile').url}?nip={nip}"


def switch_to(file: str, **params: str) -> None:
    """Go to another page with `params`; the shared filters go along by themselves (their widgets are
    bound to the URL and drawn on every page; Streamlit refuses to set a bound key)."""
    st.switch_page(file, query_params=params)


SWITCH_PENDING = "_pindah_halaman"


def switch_soon(file: str, **params: str) -> None:
    """From a click's callback: the next run goes to that page first thing (follow_pending_switch in
    the frame), without drawing the page that was clicked again."""
    st.session_state[SWITCH_PENDING] = (file, params)


def follow_pending_switch() -> None:
    pending = st.session_state.pop(SWITCH_PENDING, None)
    if pending:
        switch_to(pending[0], **pending[1])


def _picked_person(key: str, nips: list[str]) -> None:
    """A row clicked in a person table (its on_select): open that profile on the next run."""
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(nips):
        switch_soon(registry.page("profile").file, nip=nips[rows[0]])


def scroll_to(key: str, highlight: bool = True) -> None:
    """Scroll the container drawn with `key` into view (after this run draws it), briefly outlined."""
    target = json.dumps(f".st-key-{key}")
    st.html(f"""<script>
(() => {{
  const until = performance.now() + 5000;  // as soon as this run has drawn it, not after a fixed wait
  const go = () => {{
    const el = document.querySelector({target});
    const app = document.querySelector('[data-testid="stApp"]');
    const running = app && app.getAttribute('data-test-script-state') === 'running';
    if (!el || running) {{ if (performance.now() < until) setTimeout(go, 30); return; }}
    el.scrollIntoView({{behavior: "instant", block: "start"}});  // a smooth scroll keeps the view moving for ~0,5 s
    {"el.style.outline = '3px solid #e07a1f'; el.style.outlineOffset = '4px';" if highlight else ""}
  }};
  requestAnimationFrame(go);
}})();
</script>""", unsafe_allow_javascript=True)


def _leave_presentation() -> None:
    st.query_params.pop("presentasi", None)


SLIDE_KEYS = """<script>
if (!window.budayaSlideKeys) {
  window.budayaSlideKeys = true;
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const pick = {ArrowRight: ".st-key-slide_next a", PageDown: ".st-key-slide_next a", " ": ".st-key-slide_next a",
                  ArrowLeft: ".st-key-slide_prev a", PageUp: ".st-key-slide_prev a",
                  Escape: ".st-key-slide_exit button",
                  u: ".st-key-rakor_pptx button", U: ".st-key-rakor_pptx button",
                  p: ".st-key-rakor_pdf button", P: ".st-key-rakor_pdf button"}[e.key];
    const target = pick && document.querySelector(pick);
    if (target) { e.preventDefault(); target.click(); }
  });
}
</script>"""


def presentation_nav(slides: list, current) -> None:
    """Presentation mode has no control on screen: → / PageDown / space go to the next slide, ← / PageUp
    to the previous one, Esc leaves (hidden links and button the keys click; the filters stay in the URL).
    A page that is no slide shows only where the slides are."""
    paths = [p.url_path for p in slides]
    on_slide = current.url_path in paths
    i = paths.index(current.url_path) if on_slide else -1
    prev = slides[i - 1] if on_slide else slides[-1]
    nxt = slides[(i + 1) % len(slides)] if on_slide else slides[0]
    with st.container(key="slide_nav"):
        with st.container(key="slide_prev"):
            st.page_link(prev, label=prev.title, query_params={"presentasi": "1"})
        with st.container(key="slide_next"):
            st.page_link(nxt, label=nxt.title, query_params={"presentasi": "1"})
        with st.container(key="slide_exit"):
            st.button("Keluar presentasi", on_click=_leave_presentation)
        with st.container(key="slide_deck"):
            rakor.button(bare=True)  # "Unduh bahan rakor": U = PPTX, P = PDF
    st.html(SLIDE_KEYS, unsafe_allow_javascript=True)
    where = f"slide {i + 1} dari {len(slides)} · " if on_slide else ""
    st.markdown(f'<p class="slide-hint">{where}→ berikutnya · ← sebelumnya · Esc keluar · '
                f'U / P unduh bahan rakor (PPTX / PDF)</p>',
                unsafe_allow_html=True)
    if not on_slide:
        st.title(current.title)
        headline(f"Halaman ini tidak termasuk slide presentasi. Tekan → untuk slide pertama ({nxt.title}) "
                 "atau Esc untuk keluar dari mode presentasi.")
        st.stop()
