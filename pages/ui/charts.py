"""Figure builders: Polars frame in, Plotly figure out. No Streamlit, no SQL, no metric maths.

The design: a few OPDs highlighted (the selected ones, else the worst and best) in their stable
colour (theme.opd_colours) with a direct label, every other OPD as grey context without a legend
entry; the region dark and labelled; colour only where it means something. Numbers are id-ID:
hover text is pre-formatted, axes use d3 tickformat with layout.separators ",." (1.234,5);
months are ticked 'Nov 2026'.
"""

from __future__ import annotations

import datetime as dt
import math

import plotly.graph_objects as go
import polars as pl

from pages.ui import format as fmt
from pages.ui import theme
from pages.ui.text import COMPONENTS

SEPARATORS = ",."        # decimal comma, thousands dot
CONTEXT = "#c3c8cf"      # grey for OPDs that are context, not the message
REGION_INK = "#1f2933"   # the region line: dark, labelled, never an OPD colour
MOST_HIGHLIGHTED = 8     # more coloured lines than this is a rainbow, not a highlight
ENDS = 3                 # with nothing selected: the 3 worst and the 3 best are highlighted
LABEL_FONT = 12          # px; heatmap cells and direct labels stay readable
CELL_LABELS = 240       # cells with their value printed; 40 OPDs x 12 months = 480 numbers is noise (and slow)
LABEL_GAP = 0.055        # end labels at least this share of the y axis apart (≈ 16 px on a 300 px plot)
TOP = 64                 # top margin (px) of a chart with a title and no legend
# One hue on a fixed range that spends its contrast where scores live (most are 50–100, or 3–5 of 5).
SCORE_SCALE = [[0.0, "#f7fbff"], [0.5, "#dbe9f6"], [0.7, "#9ecae1"], [0.85, "#4292c6"], [1.0, "#08306b"]]
# Distinct, colour-blind-friendly categories (Okabe–Ito + Tableau), for a legend that means something.
CATEGORICAL = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d31", "#f0e442",
               "#6b6ecf", "#4d4d4d"]
OTHERS = "Lainnya"


class _Draft:
    """A figure being built: traces and layout as plain dicts, checked by plotly once in `_finish`
    (a go.Figure checks every add_trace and update_layout: five times the work on a 40-OPD chart)."""

    def __init__(self, *traces: dict):
        self.data = list(traces)
        self.layout: dict = {}

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def add_annotation(self, **annotation) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def update_layout(self, update: dict | None = None, **changes) -> None:
        _merge(self.layout, {**(update or {}), **changes})

    def update_xaxes(self, **changes) -> None:
        _merge(self.layout, {"xaxis": changes})


def _merge(into: dict, changes: dict) -> None:
    """Nested update, as update_layout does: dicts merge, anything else replaces."""
    for key, value in changes.items():
        if isinstance(value, dict):
            current = into.get(key)
            if not isinstance(current, dict):
                current = {"text": current} if key == "title" and isinstance(current, str) else {}
            _merge(current, value)
            into[key] = current
        elif key == "title" and isinstance(into.get(key), dict):
            into[key]["text"] = value
        else:
            into[key] = value


def _finish(fig: _Draft | go.Figure) -> go.Figure:
    """The figure, with id-ID separators on it (also when drawn without our template)."""
    if isinstance(fig, _Draft):
        return go.Figure(data=fig.data, layout={**fig.layout, "separators": SEPARATORS})
    fig.update_layout(separators=SEPARATORS)
    return fig


def _value_axis(fig: go.Figure, kind: str, axis: str = "yaxis", decimals: int | None = None,
                values: list | None = None) -> None:
    """Ticks as 12%, 1.234 or 0,5 — never 5k / 20k; small counts tick whole numbers (not 0 0 0 1 1 1)."""
    if kind == "percent":
        fig.update_layout({axis: dict(tickformat=".0%", rangemode="tozero")})
    elif kind == "integer":
        top = max((v for v in values or () if v is not None), default=None)
        whole = dict(tick0=0, dtick=1 if top <= 6 else 2) if top is not None and top <= 12 else {}
        fig.update_layout({axis: dict(tickformat=",d", **whole)})
    else:
        fig.update_layout({axis: dict(tickformat=",~f" if decimals is None else f",.{decimals}f")})


_percent_axis = _value_axis  # the old name


def _month_ticks(fig: go.Figure, months: list, axis: str = "xaxis", most: int = 7) -> None:
    """Indonesian month ticks ('Nov 2026'), at most `most` of them."""
    months = sorted(set(m for m in months if m is not None))
    step = max(1, -(-len(months) // most))
    ticks = months[::-1][::step][::-1]  # always tick the last month
    fig.update_layout({axis: dict(tickmode="array", tickvals=ticks, tickangle=0, title_text="",
                                  ticktext=[fmt.month(m) for m in ticks])})


def _fmt(values, kind: str = "number", decimals: int = 1) -> list[str]:
    if kind == "percent":
        return [fmt.percent(v, decimals) for v in values]
    if kind == "integer":
        return [fmt.integer(v) for v in values]
    return [fmt.number(v, decimals) for v in values]


def _spread(ys: list[float], gap: float) -> list[float]:
    """Label positions near `ys` (same order) at least `gap` apart, so end labels do not overlap."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [ys[i] for i in order]
    for _ in range(50):
        moved = False
        for k in range(1, len(placed)):
            short = gap - (placed[k] - placed[k - 1])
            if short > 1e-12:
                placed[k - 1] -= short / 2
                placed[k] += short / 2
                moved = True
        if not moved:
            break
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def highlighted(df: pl.DataFrame, y: str, highlight=None, *, higher_is_better: bool = True,
                ends: int = ENDS) -> list[str]:
    """The OPD codes to colour: all of them when few; else the selected ones present in df;
    else the `ends` worst and `ends` best at the last month (worst first)."""
    codes = df["opd_code"].unique(maintain_order=True).to_list()
    if len(codes) <= MOST_HIGHLIGHTED:
        return codes
    picked = [c for c in dict.fromkeys(highlight or []) if c in set(codes)]
    if picked:
        return picked[:MOST_HIGHLIGHTED]
    month_col = "month" if "month" in df.columns else None
    last = df.filter(pl.col("month") == df["month"].max()) if month_col else df
    ranked = last.drop_nulls(y).sort(y, descending=not higher_is_better)["opd_code"].to_list()
    worst, best = ranked[:ends], ranked[::-1][:ends]
    return list(dict.fromkeys(worst + best))


def label_room(chars: int, font_size: int = 14) -> int:
    """Right margin (px) that holds a direct label of `chars` characters at `font_size`."""
    return int(chars * font_size * 0.58) + 18


def fit_labels(fig: go.Figure, font_size: int) -> None:
    """Give the direct line labels room and spacing at another font size (presentation, slides)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    grown = round(LABEL_FONT * font_size / 14)  # labels inside bars grow with the type (plotly shrinks what does not fit)
    fig.update_traces(textfont_size=grown, selector=lambda t: t.type == "bar" and t.textfont.size == LABEL_FONT)
    if not meta.get("label_chars"):
        return
    fig.update_layout(margin=dict(r=label_room(meta["label_chars"], font_size)))
    lo, hi = meta["label_span"]  # a shorter plot, larger type: more room between the labels
    ys = _spread([a.y for a in fig.layout.annotations], (hi - lo) * LABEL_GAP * 1.3 * font_size / 14)
    for a, y in zip(fig.layout.annotations, ys):
        a.y = y


def _end_labels(fig: go.Figure, items: list[tuple], span: tuple[float, float], months: list,
                zero: bool = False) -> None:
    """Direct labels right of each line's last point (in the right margin, the x range kept to the data):
    items are (x, y, text, colour, bold); `zero` when the axis starts at 0."""
    months = sorted(set(m for m in months if m is not None))
    if months:
        pad = dt.timedelta(days=8)
        fig.update_xaxes(range=[months[0] - pad, months[-1] + pad])
    if not items:
        return
    lo, hi = span
    lo = min(lo, 0) if zero else lo
    hi = max(hi, lo + 1e-9)
    ys = _spread([it[1] for it in items], (hi - lo) * LABEL_GAP)
    for (x, _, text, colour, bold), y in zip(items, ys):
        fig.add_annotation(x=x, y=y, text=f"<b>{text}</b>" if bold else text, showarrow=False, xanchor="left",
                           xshift=8, font=dict(color=colour), align="left")
    chars = max(len(it[2]) for it in items)
    fig.update_layout(margin=dict(r=label_room(chars)), meta={"label_chars": chars, "label_span": [lo, hi]},
                      showlegend=False)


def _last(xs: list, ys: list) -> tuple | None:
    for x, y in zip(reversed(xs), reversed(ys)):
        if y is not None:
            return x, y
    return None


def _span(*columns) -> tuple[float, float]:
    values = [v for col in columns for v in col if v is not None]
    return (min(values), max(values)) if values else (0.0, 1.0)


def series_lines(df: pl.DataFrame, series: dict[str, str], colours: dict[str, str], *,
                 title: str = "", y_title: str = "", kind: str = "number") -> go.Figure:
    """One line per column of `series` (col -> label) over df['month'], each labelled at its end."""
    fig = _Draft()
    months = df["month"].to_list()
    labels = []
    for col, label in series.items():
        ys = df[col].to_list()
        colour = colours.get(col) or CATEGORICAL[len(labels) % len(CATEGORICAL)]
        fig.add_trace(dict(type="scatter",
            x=months, y=ys, name=label, mode="lines+markers", marker=dict(size=5),
            line=dict(color=colour), connectgaps=False,
            customdata=list(zip([fmt.month(m, long=True) for m in months], _fmt(df[col], kind))),
            hovertemplate=f"{label}: <b>%{{customdata[1]}}</b><extra></extra>"))
        end = _last(months, ys)
        if end:
            labels.append((*end, f"{label} {_fmt([end[1]], kind)[0]}", colour, col == next(iter(series))))
    fig.update_layout(title=title, yaxis_title=y_title, hovermode="x unified")
    _end_labels(fig, labels, _span(*(df[c].to_list() for c in series)), months, zero=kind == "percent")
    fig.update_layout(margin=dict(t=TOP))
    _month_ticks(fig, months)
    _value_axis(fig, kind)
    return _finish(fig)


def opd_lines(df: pl.DataFrame, y: str, *, title: str = "", y_title: str = "", kind: str = "number",
              region: pl.DataFrame | None = None, region_col: str | None = None, highlight=None,
              higher_is_better: bool = True, decimals: int = 1) -> go.Figure:
    """One line per OPD: the highlighted ones (see `highlighted`) in their stable colour with a direct
    label, every other OPD thin grey context (one trace, hover names the OPD) without a legend entry;
    the region dark and labelled. customdata[-1] of an OPD point is its opd_code (for click-to-drill);
    None on the region line."""
    fig = _Draft()
    lit = highlighted(df, y, highlight, higher_is_better=higher_is_better)
    labels = []
    groups = list(df.sort("month").group_by(["opd_code", "opd_short"], maintain_order=True))
    context = [(short, part, code) for (code, short), part in groups if code not in lit]
    if context:  # one grey trace, the OPDs apart by a gap: a browser draws one path instead of 34
        xs, ys, custom = [], [], []
        for short, part, code in context:
            xs += part["month"].to_list() + [None]
            ys += part[y].to_list() + [None]
            custom += [*zip([fmt.month(m, long=True) for m in part["month"]], _fmt(part[y], kind, decimals),
                            [short] * part.height, [code] * part.height), (None, None, None, None)]
        fig.add_trace(dict(type="scatter",
            x=xs, y=ys, name="OPD lain", mode="lines", showlegend=False, connectgaps=False,
            line=dict(color=CONTEXT, width=1.1), opacity=0.9, customdata=custom, meta="konteks",
            hovertemplate="<b>%{customdata[2]}</b><br>%{customdata[0]}: %{customdata[1]}<extra></extra>"))
    colours = theme.opd_colours(lit)
    for (code, short), part in groups:
        if code not in lit:
            continue
        xs, ys = part["month"].to_list(), part[y].to_list()
        colour = colours[code]
        fig.add_trace(dict(type="scatter",
            x=xs, y=ys, name=short, mode="lines+markers", showlegend=False, line=dict(color=colour, width=2.6),
            marker=dict(size=[0] * (len(xs) - 1) + [7]),
            customdata=list(zip([fmt.month(m, long=True) for m in xs], _fmt(part[y], kind, decimals), [code] * len(xs))),
            meta="sorot", hovertemplate=f"<b>{short}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>"))
        end = _last(xs, ys)
        if end:
            labels.append((*end, f"{short} {_fmt([end[1]], kind, decimals)[0]}", colour, False))
    spans = [df[y].to_list()]
    if region is not None and not region.is_empty():
        col = region_col or y
        xs, ys = region["month"].to_list(), region[col].to_list()
        fig.add_trace(dict(type="scatter",
            x=xs, y=ys, name="Wilayah", mode="lines", showlegend=False, meta="wilayah",
            line=dict(color=REGION_INK, width=3.2),
            customdata=list(zip([fmt.month(m, long=True) for m in xs], _fmt(region[col], kind, decimals), [None] * len(xs))),
            hovertemplate="<b>Wilayah</b><br>%{customdata[0]}: %{customdata[1]}<extra></extra>"))
        end = _last(xs, ys)
        if end:
            labels.append((*end, f"Wilayah {_fmt([end[1]], kind, decimals)[0]}", REGION_INK, True))
        spans.append(ys)
    fig.update_layout(title=title, yaxis_title=y_title, showlegend=False, margin=dict(t=TOP))
    _end_labels(fig, labels, _span(*spans), df["month"].to_list(), zero=kind == "percent")
    _month_ticks(fig, df["month"].to_list())
    _value_axis(fig, kind)
    return _finish(fig)


def ranking_bars(df: pl.DataFrame, x: str, *, title: str = "", x_title: str = "", kind: str = "number",
                 label: str = "opd_short", note: str | None = None, highlight=None, worst: int = ENDS,
                 higher_is_better: bool = True, ends: int | None = None) -> go.Figure:
    """Horizontal bars, best on top, grey; coloured (stable OPD colour) only the highlighted OPDs,
    else the `worst` ones. A value label on every bar; customdata[0] is the opd_code.
    `ends`: only the best and worst `ends` OPDs (and the highlighted ones), e.g. on a slide."""
    d = df.sort(x, descending=not higher_is_better, nulls_last=False)
    if ends is not None and d.height > 2 * ends:
        keep = set(d.head(ends)["opd_code"]) | set(d.tail(ends)["opd_code"]) | set(highlight or [])
        d = d.filter(pl.col("opd_code").is_in(keep))
    codes = d["opd_code"].to_list()
    picked = [c for c in (highlight or []) if c in set(codes)]
    if not picked:
        ranked = d.drop_nulls(x)["opd_code"].to_list()
        picked = ranked[:worst] if len(ranked) > worst else ranked
    colours = theme.opd_colours(picked)
    texts = _fmt(d[x], kind)
    extra = d[note].to_list() if note else [""] * d.height
    fig = _Draft(dict(type="bar",
        x=d[x].to_list(), y=d[label].to_list(), orientation="h", text=texts, textposition="outside",
        cliponaxis=False, marker_color=[colours.get(c, CONTEXT) for c in codes],
        customdata=list(zip(codes, texts, [e or "" for e in extra])),
        hovertemplate="<b>%{y}</b>: %{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=x_title, height=max(320, 24 * d.height + 130), bargap=0.25,
                      yaxis=dict(automargin=True, type="category"), showlegend=False, margin=dict(r=60, t=TOP))
    _value_axis(fig, kind, "xaxis")
    return _finish(fig)


def opd_month_heatmap(df: pl.DataFrame, z: str, *, title: str = "", kind: str = "number",
                      zrange: tuple[float, float] | None = None) -> go.Figure:
    """OPD × month heatmap (rows = OPDs, best average on top), one hue on a fixed range
    (0–100 for scores, 0–1 for shares) so a single OPD's small dip is not stretched into alarm.
    Values in the cells up to CELL_LABELS cells (a selection); beyond, the colour and the hover."""
    months = sorted(set(df["month"].to_list()))
    order = (df.group_by("opd_short").agg(pl.col(z).mean()).sort(z, nulls_last=True)["opd_short"].to_list())
    grid = {(r["opd_short"], r["month"]): r[z] for r in df.iter_rows(named=True)}
    zs = [[grid.get((o, m)) for m in months] for o in order]
    text = [_fmt(row, kind, 1) for row in zs]
    lo, hi = zrange or ((0, 1) if kind == "percent" else (0, 100))
    fig = _Draft(dict(type="heatmap",
        x=[fmt.month(m) for m in months], y=order, z=zs, text=text, zmin=lo, zmax=hi,
        texttemplate="%{text}" if len(months) <= 12 and len(order) * len(months) <= CELL_LABELS else None,
        textfont=dict(size=LABEL_FONT),
        colorscale=SCORE_SCALE, colorbar=dict(title="", thickness=12, tickformat=",~f"), hoverongaps=False,
        xgap=1, ygap=1, customdata=[[fmt.month(m, long=True) for m in months] for _ in order],
        hovertemplate="<b>%{y}</b><br>%{customdata}: %{text}<extra></extra>"))
    step = max(1, -(-len(months) // 6))
    ticks = [fmt.month(m) for m in months][::-1][::step][::-1]
    fig.update_layout(title=title, height=max(320, 24 * len(order) + 150), margin=dict(t=TOP),
                      yaxis=dict(automargin=True, type="category", tickfont=dict(size=LABEL_FONT)),
                      xaxis=dict(type="category", tickmode="array", tickvals=ticks, tickangle=0))
    return _finish(fig)


def contributions(df: pl.DataFrame, *, title: str = "") -> go.Figure:
    """Stacked bars per OPD: weight × score of each component (they add up to the index).
    customdata[-1] is the opd_code."""
    fig = _Draft()
    order = df.unique("opd_short", maintain_order=True)["opd_short"].to_list()[::-1]
    for comp, label in COMPONENTS.items():
        part = df.filter(component=comp)
        fig.add_trace(dict(type="bar",
            y=part["opd_short"].to_list(), x=part["contribution"].to_list(), name=label, orientation="h",
            marker_color=theme.COMPONENTS[comp],
            customdata=list(zip(_fmt(part["contribution"]), _fmt(part["score"]),
                                [fmt.percent(w, 0) for w in part["weight"]],
                                ["" if h else " (tanpa data)" for h in part["has_data"]],
                                part["opd_code"].to_list())),
            hovertemplate=(f"<b>%{{y}}</b> · {label}%{{customdata[3]}}<br>skor %{{customdata[1]}} × bobot "
                           "%{customdata[2]} = %{customdata[0]}<extra></extra>")))
    fig.update_layout(barmode="stack", title=title, xaxis_title="Sumbangan ke indeks (poin)", bargap=0.25,
                      yaxis=dict(categoryorder="array", categoryarray=order, automargin=True, type="category"),
                      height=max(320, 24 * len(order) + 150))
    _legend_room(fig, list(COMPONENTS.values()))
    _value_axis(fig, "number", "xaxis")
    return _finish(fig)


def _legend_room(fig: go.Figure, names: list[str], row_chars: int = 60) -> None:
    """A top margin that holds the title and the legend rows under it (the legend never covers the title)."""
    rows = max(1, -(-sum(len(str(n)) + 5 for n in names) // row_chars))
    fig.update_layout(margin=dict(t=46 + 24 * rows), legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0,
                                                              xanchor="left", traceorder="normal"))


def category_heatmap(df: pl.DataFrame, x: str, y: str, z: str, *, title: str = "", x_order=None,
                     y_order=None, colorscale=None, decimals: int = 2,
                     zmid: float | None = None, zmin: float | None = None, zmax: float | None = None,
                     x_fmt=str, y_fmt=str) -> go.Figure:
    """A labelled heatmap (e.g. OPD × nilai BerAKHLAK, hari × jam); x_fmt/y_fmt label the axes.
    One hue by default; zmin/zmax fix the scale (e.g. 1–5 for BerAKHLAK scores, on SCORE_SCALE)."""
    if colorscale is None:
        colorscale = SCORE_SCALE if zmin is not None and zmax is not None else theme.SEQUENTIAL
    xs = x_order or sorted(set(df[x].to_list()))
    ys = y_order or sorted(set(df[y].to_list()))
    grid = {(r[y], r[x]): r[z] for r in df.iter_rows(named=True)}
    zs = [[grid.get((b, a)) for a in xs] for b in ys]
    text = [[fmt.number(v, decimals) for v in row] for row in zs]
    fig = _Draft(dict(type="heatmap", x=[x_fmt(a) for a in xs], y=[y_fmt(b) for b in ys], z=zs, text=text,
                               texttemplate="%{text}", textfont=dict(size=LABEL_FONT), zmid=zmid, zmin=zmin,
                               zmax=zmax, colorscale=colorscale, hoverongaps=False, xgap=1, ygap=1,
                               colorbar=dict(title="", thickness=12, tickformat=",~f"),
                               hovertemplate="<b>%{y}</b> · %{x}: %{text}<extra></extra>"))
    fig.update_layout(title=title, height=max(320, 26 * len(ys) + 150), margin=dict(t=TOP),
                      yaxis=dict(automargin=True, autorange="reversed", type="category",
                                 tickfont=dict(size=LABEL_FONT)),
                      xaxis=dict(type="category", tickfont=dict(size=LABEL_FONT)))  # labels below the cells
    return _finish(fig)


def grouped_bars(df: pl.DataFrame, x: str, y: str, group: str, *, title: str = "", kind: str = "number",
                 colours: dict | None = None, x_order=None, y_title: str = "", barmode: str = "group",
                 decimals: int = 1, names: dict | None = None, top: int | None = None,
                 horizontal: bool = False) -> go.Figure:
    """Bars of y over categories x, one series per value of `group` (legend text from `names`), each in
    a distinct colour; beyond `top` groups (largest total first) the rest is one grey "Lainnya"."""
    totals = df.group_by(group).agg(pl.col(y).sum()).sort([y, group], descending=[True, False])[group].to_list()
    limit = top if top is not None else len(CATEGORICAL)
    if len(totals) > limit:
        keep = set(totals[:limit - 1])
        df = df.with_columns(pl.when(pl.col(group).is_in(keep)).then(pl.col(group).cast(pl.String))
                             .otherwise(pl.lit(OTHERS)).alias(group))
        df = df.group_by([x, group], maintain_order=True).agg(pl.col(y).sum())
        totals = totals[:limit - 1] + [OTHERS]
    if x_order is None and horizontal:  # largest total on top
        x_order = df.group_by(x).agg(pl.col(y).sum()).sort(y)[x].to_list()
    stacked = barmode == "stack"
    fig = _Draft()
    for i, key in enumerate(totals):
        part = df.filter(pl.col(group) == key)
        name = (names or {}).get(key, key)
        colour = (colours or {}).get(key) or (CONTEXT if key == OTHERS else CATEGORICAL[i % len(CATEGORICAL)])
        texts = _fmt(part[y], kind, decimals)
        xy = dict(y=part[x].to_list(), x=part[y].to_list(), orientation="h") if horizontal else \
            dict(x=part[x].to_list(), y=part[y].to_list())
        fig.add_trace(dict(type="bar", **xy, name=str(name), marker_color=colour, customdata=texts,
                             text=None if stacked else texts, textposition="auto",
                             hovertemplate=f"<b>{name}</b> · %{{{'y' if horizontal else 'x'}}}: "
                                           "%{customdata}<extra></extra>"))
    cat_axis, val_axis = ("yaxis", "xaxis") if horizontal else ("xaxis", "yaxis")
    categories = df[x].n_unique()
    fig.update_layout({"title": title, "barmode": barmode, f"{val_axis}_title": y_title, "bargap": 0.25,
                       cat_axis: dict(type="category", automargin=True,
                                      **(dict(categoryorder="array", categoryarray=x_order) if x_order else {}))})
    if horizontal:
        fig.update_layout(height=max(320, 22 * categories + 170))
    _legend_room(fig, [(names or {}).get(k, k) for k in totals])
    _value_axis(fig, kind, val_axis)
    return _finish(fig)


def bars(labels: list, values: list, *, title: str = "", kind: str = "integer", colours=None,
         y_title: str = "", horizontal: bool = False, reference: float | None = None,
         reference_label: str = "") -> go.Figure:
    """Simple bars with formatted labels; an optional dashed reference line."""
    texts = _fmt(values, kind)
    bar = (go.Bar(y=labels, x=values, orientation="h") if horizontal else go.Bar(x=labels, y=values))
    bar.update(text=texts, textposition="auto", textangle=0, customdata=texts,  # never turned on its side
               marker_color=colours or theme.COMPONENTS["discipline"],
               hovertemplate="<b>%{" + ("y" if horizontal else "x") + "}</b>: %{customdata}<extra></extra>")
    fig = go.Figure(bar)
    fig.update_layout(title=title, showlegend=False,
                      **({"xaxis_title": y_title, "yaxis": dict(automargin=True, autorange="reversed")}
                         if horizontal else {"yaxis_title": y_title}))
    if horizontal and len(labels) > 12:
        fig.update_layout(height=max(320, 24 * len(labels) + 130))
    if reference is not None:
        line = dict(line_dash="dash", line_color=REGION_INK, annotation_text=reference_label)
        (fig.add_vline if horizontal else fig.add_hline)(reference, **line)
    _value_axis(fig, kind, "xaxis" if horizontal else "yaxis", values=values)
    return _finish(fig)


def radar(labels: list[str], series: dict[str, list], colours: dict[str, str], *, title: str = "",
          range_=(1, 5)) -> go.Figure:
    """Seven BerAKHLAK values as a closed polygon per series."""
    fig = _Draft()
    for name, values in series.items():
        fig.add_trace(dict(type="scatterpolar",
            r=values + values[:1], theta=labels + labels[:1], name=name, fill="toself", opacity=0.75,
            line=dict(color=colours.get(name)), customdata=_fmt(values + values[:1], decimals=2),
            hovertemplate=f"<b>{name}</b> · %{{theta}}: %{{customdata}}<extra></extra>"))
    fig.update_layout(title=title, polar=dict(radialaxis=dict(range=list(range_), tickvals=[1, 2, 3, 4, 5])))
    _legend_room(fig, list(series))
    return _finish(fig)


SKP_SHARES = {"share_sangat_baik": "Sangat Baik", "share_baik": "Baik", "share_butuh_perbaikan": "Butuh Perbaikan",
              "share_kurang": "Kurang/Misconduct", "share_sangat_kurang": "Sangat Kurang"}
SKP_COLOURS = ["#1a7f4b", "#7cc47f", "#f2c14e", "#e07a1f", "#c0392b"]
SKP_LABEL_SHARE = 0.08  # a segment narrower than this carries no text (hover has it)


def skp_curve(curve: pl.DataFrame, *, title: str = "") -> go.Figure:
    """100 % stacked bars of predikat shares per OPD (one row each, in the order given);
    ✓/✗ marks conformity with SE 3/2023."""
    names = [f"{o} {'✓' if ok else '✗'}" for o, ok in zip(curve["opd_short"], curve["is_conforming"])]
    fig = _Draft()
    for (col, label), colour in zip(SKP_SHARES.items(), SKP_COLOURS):
        texts = _fmt(curve[col], "percent", 0)
        shown = [t if (v or 0) >= SKP_LABEL_SHARE else "" for t, v in zip(texts, curve[col])]
        fig.add_trace(dict(type="bar", y=names, x=curve[col].to_list(), name=label, orientation="h", marker_color=colour,
                             customdata=texts, text=shown, textposition="inside", insidetextanchor="middle",
                             textfont=dict(size=LABEL_FONT),
                             hovertemplate=f"<b>%{{y}}</b> · {label}: %{{customdata}}<extra></extra>"))
    fig.update_layout(barmode="stack", title=title, bargap=0.25, height=max(320, 24 * len(names) + 170),
                      xaxis=dict(tickformat=".0%", range=[0, 1]),
                      margin=dict(r=40),  # the "100%" tick centred on the right edge, at slide type too
                      yaxis=dict(type="category", automargin=True, autorange="reversed"))
    _legend_room(fig, list(SKP_SHARES.values()))
    return _finish(fig)


# -- one employee (Profil Pegawai) -------------------------------------------------------------

HIGHLIGHT = theme.COMPONENTS["discipline"]  # the person's own value


def attendance_calendar(days: pl.DataFrame, statuses: dict[str, tuple[str, str]], *, title: str = "") -> go.Figure:
    """A month as a calendar: weeks down, Senin–Minggu across, each day coloured by its status.
    `days`: date, iso_dow, status (a key of `statuses`: code -> (label, colour)), hover (text).
    The legend names each status with its number of days (the colours mean something)."""
    codes = list(statuses)
    first = days["date"].min()
    offset = first.isoweekday() - 1
    weeks = [(d.day + offset - 1) // 7 for d in days["date"]]
    rows = max(weeks) + 1 if weeks else 1
    z = [[None] * 7 for _ in range(rows)]
    text = [[""] * 7 for _ in range(rows)]
    hover = [[""] * 7 for _ in range(rows)]
    for d, w, status, tip in zip(days["date"], weeks, days["status"], days["hover"]):
        z[w][d.isoweekday() - 1] = codes.index(status)
        text[w][d.isoweekday() - 1] = str(d.day)
        hover[w][d.isoweekday() - 1] = tip
    n = len(codes)
    scale = []
    for i, code in enumerate(codes):  # one flat band per status
        scale += [[i / n, statuses[code][1]], [(i + 1) / n, statuses[code][1]]]
    weekdays = [fmt.weekday(i) for i in range(1, 8)]
    fig = go.Figure(go.Heatmap(z=z, x=weekdays, y=list(range(rows)), text=text, customdata=hover,
                               texttemplate="%{text}", textfont=dict(size=LABEL_FONT + 2, color=theme.INK),
                               colorscale=scale, zmin=-0.5, zmax=n - 0.5, showscale=False, xgap=4, ygap=4,
                               hovertemplate="%{customdata}<extra></extra>", hoverongaps=False))
    counts = {c: sum(1 for s in days["status"] if s == c) for c in codes}
    for code in codes:  # legend entries only: a coloured square, the label and the number of days
        if counts[code]:
            label, colour = statuses[code]
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"{label} ({counts[code]})",
                                     marker=dict(symbol="square", size=14, color=colour,
                                                 line=dict(color="#9aa5b1", width=1))))
    fig.update_layout(title=title, height=110 + 62 * rows, plot_bgcolor="white",
                      xaxis=dict(side="top", showgrid=False, showline=False, ticks="", fixedrange=True),
                      yaxis=dict(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False,
                                 ticks="", showline=False, fixedrange=True),
                      legend=dict(orientation="h", yanchor="top", y=-0.02, xanchor="left", x=0),
                      margin=dict(t=TOP + 24, b=10))
    return _finish(fig)


LADDER_COLOURS = {"Ringan": "#f2c14e", "Sedang": "#e07a1f", "Berat": "#c0392b"}


def ladder_position(ladder: pl.DataFrame, days: float | None, rank: int, *, title: str = "") -> go.Figure:
    """The PP 94/2021 ladder as floating bars (one step a row, from its first to its last day), grey
    except the employee's step in its category colour; a line at the employee's equivalent days."""
    top = max([*(m for m in ladder["min_days"] if m is not None), days or 0]) + 4
    labels = ladder["label"].to_list()
    ends = [(mx if mx is not None else top) + 1 for mx in ladder["max_days"]]
    widths = [e - s for s, e in zip(ladder["min_days"], ends)]
    colours = [LADDER_COLOURS.get(c, HIGHLIGHT) if r == rank else CONTEXT
               for r, c in zip(ladder["sanction_rank"], ladder["category"])]
    spans = [f"{s}–{mx} hari" if mx is not None and mx != s else f"{s} hari" if mx is not None else f"≥ {s} hari"
             for s, mx in zip(ladder["min_days"], ladder["max_days"])]
    fig = go.Figure(go.Bar(y=labels, x=widths, base=ladder["min_days"].to_list(), orientation="h",
                           marker_color=colours, text=spans, textposition="outside", cliponaxis=False,
                           textfont=dict(size=LABEL_FONT), customdata=spans,
                           hovertemplate="<b>%{y}</b>: %{customdata}<extra></extra>"))
    if days is not None:
        fig.add_vline(days + 0.5, line_color=REGION_INK, line_width=2, line_dash="dot",
                      annotation_text=f"pegawai: {fmt.integer(days)} hari", annotation_position="top",
                      annotation_font=dict(size=LABEL_FONT + 1, color=REGION_INK))
    fig.update_layout(title=title, showlegend=False, height=max(300, 30 * len(labels) + 120), bargap=0.25,
                      xaxis=dict(title_text="hari tidak masuk ekuivalen (kumulatif tahun berjalan)",
                                 range=[0, top + 5], tickformat=",d", dtick=5),
                      yaxis=dict(autorange="reversed", automargin=True, type="category"))
    return _finish(fig)


def activity_vs_target(df: pl.DataFrame, *, title: str = "") -> go.Figure:
    """Approved minutes per month as bars (the person), the target as grey dashes, the attainment
    as the bar's direct label."""
    months = df["month"].to_list()
    rates = _fmt(df["attainment_rate"], "percent", 0)
    minutes = _fmt(df["approved_minutes"], "integer")
    targets = _fmt(df["target_minutes"], "integer")
    fig = go.Figure()
    fig.add_trace(go.Bar(x=months, y=df["approved_minutes"].to_list(), name="Menit disetujui",
                         marker_color=theme.COMPONENTS["performance"], text=rates, textposition="outside",
                         textfont=dict(size=LABEL_FONT + 1), cliponaxis=False,
                         customdata=list(zip(minutes, targets, rates)),
                         hovertemplate="<b>%{x|%b %Y}</b>: %{customdata[0]} menit dari target "
                                       "%{customdata[1]} (%{customdata[2]})<extra></extra>"))
    fig.add_trace(go.Scatter(x=months, y=df["target_minutes"].to_list(), name="Target", mode="markers",
                             marker=dict(symbol="line-ew", size=46, color=REGION_INK,
                                         line=dict(width=3, color=REGION_INK)),
                             customdata=targets, hovertemplate="Target: %{customdata} menit<extra></extra>"))
    fig.update_layout(title=title, bargap=0.35, yaxis_title="menit", margin=dict(t=TOP + 30),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0))
    _value_axis(fig, "integer")
    fig.update_yaxes(rangemode="tozero")
    _month_ticks(fig, months, most=12)
    return _finish(fig)


def skp_history(df: pl.DataFrame, labels: list[str], predikat: dict[str, str], *, title: str = "") -> go.Figure:
    """Predikat per SKP period in the periods' order (x = `labels`), the five predikat as rows, best on
    top; markers in the predikat's colour, joined by a grey line, each with its predikat as label."""
    order = list(predikat)  # best first
    shown = [predikat.get(p, p or fmt.DASH) for p in df["predikat"]]
    colours = [SKP_COLOURS[order.index(p)] if p in order else CONTEXT for p in df["predikat"]]
    fig = go.Figure(go.Scatter(x=labels, y=shown, mode="lines+markers", line=dict(color=CONTEXT, width=2),
                               marker=dict(size=16, color=colours, line=dict(color="white", width=1)),
                               hovertemplate="<b>%{x}</b>: %{y}<extra></extra>"))
    fig.update_layout(title=title, showlegend=False, height=320,
                      yaxis=dict(type="category", categoryorder="array",
                                 categoryarray=[predikat[p] for p in reversed(order)], showgrid=True,
                                 range=[-0.5, len(order) - 0.5]),
                      xaxis=dict(type="category", tickangle=0))
    return _finish(fig)


def jp_bullet(jp: float, prorated: float, target: float, *, title: str = "") -> go.Figure:
    """JP this year as one bar against the pro-rated target (dark tick) and the year's target (grey)."""
    colour = theme.COMPONENTS["competency"] if jp >= prorated else "#c0392b"
    fig = go.Figure(go.Bar(y=["JP"], x=[jp], orientation="h", marker_color=colour, width=0.45,
                           text=[f"{fmt.number(jp)} JP"], textposition="outside", cliponaxis=False,
                           textfont=dict(size=LABEL_FONT + 2), hoverinfo="skip"))
    fig.add_vline(prorated, line_color=REGION_INK, line_width=3,
                  annotation_text=f"target prorata {fmt.number(prorated)}", annotation_position="top")
    fig.add_vline(target, line_color="#9aa5b1", line_width=2, line_dash="dash",
                  annotation_text=f"target tahunan {fmt.number(target, 0)} JP", annotation_position="bottom left")
    fig.update_layout(title=title, showlegend=False, height=230, margin=dict(t=TOP + 20, b=30),
                      xaxis=dict(range=[0, max(target, jp) * 1.15 or 1], tickformat=",~f", title_text="JP"),
                      yaxis=dict(showticklabels=False))
    return _finish(fig)


ROLE_COLOURS = {"ATASAN": "#0072b2", "REKAN": "#009e73", "BAWAHAN": "#e69f00", "DIRI": "#9aa5b1"}


def role_dots(df: pl.DataFrame, roles: dict[str, str], *, title: str = "") -> go.Figure:
    """BerAKHLAK per core value (rows) and assessor role (a dot each, 1–5, the roles side by side within
    the row so equal scores do not hide each other); the self-assessment as an open grey dot: it does not
    count in the index."""
    fig = go.Figure()
    values = df.unique("core_value_label", maintain_order=True)["core_value_label"].to_list()
    present = [r for r in roles if r in set(df["assessor_role"])]
    step = 0.6 / max(1, len(present) - 1) if len(present) > 1 else 0
    for i, role in enumerate(present):
        part = df.filter(pl.col("assessor_role") == role)
        own = role == "DIRI"
        label = roles[role]
        texts = _fmt(part["role_score"], decimals=2)
        rows = [values.index(v) - 0.3 + i * step for v in part["core_value_label"]]
        fig.add_trace(go.Scatter(
            x=part["role_score"].to_list(), y=rows, mode="markers", name=label,
            marker=dict(size=11, color="white" if own else ROLE_COLOURS.get(role, CONTEXT),
                        line=dict(color=ROLE_COLOURS.get(role, CONTEXT), width=2)),
            customdata=list(zip(part["core_value_label"].to_list(), texts, part["assessors"].to_list())),
            hovertemplate=f"<b>%{{customdata[0]}}</b> · {label}: %{{customdata[1]}} "
                          "(%{customdata[2]} penilai)<extra></extra>"))
    fig.update_layout(title=title, height=max(320, 44 * len(values) + 130),
                      xaxis=dict(range=[0.8, 5.2], dtick=1, tickformat=",d", title_text="nilai (1–5)",
                                 showgrid=True, gridcolor="#e4e7eb"),
                      yaxis=dict(tickmode="array", tickvals=list(range(len(values))), ticktext=values,
                                 range=[len(values) - 0.5, -0.5], showgrid=False, zeroline=False, automargin=True),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
                      margin=dict(t=TOP + 30))
    for i in range(1, len(values)):  # thin separators between the values
        fig.add_hline(i - 0.5, line_color="#eef0f2", line_width=1)
    return _finish(fig)


WEAKEST_BEHAVIOURS = 5  # behaviours coloured as the message; the rest is grey context
BEHAVIOUR_LABEL_CHARS = 46


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip(" ,") + "…"


def behaviour_dots(df: pl.DataFrame, *, title: str = "", weakest: int = WEAKEST_BEHAVIOURS,
                   region: bool = True) -> go.Figure:
    """The 21 panduan perilaku as dots on the 1–5 scale, in the order given (weakest first): the first
    `weakest` in the behaviour colour with their value beside them, the others grey; the region's
    score as a dark tick when `region`. Rows: 'Nilai · panduan perilaku' (full text on hover)."""
    rows = [f"{v} · {_short(t, BEHAVIOUR_LABEL_CHARS)}" for v, t in zip(df["core_value_label"], df["behaviour_label"])]
    marked = [i < weakest for i in range(df.height)]
    texts = _fmt(df["score"], decimals=2)
    region_texts = _fmt(df["region_score"], decimals=2)
    fig = go.Figure()
    if region:
        fig.add_trace(go.Scatter(
            x=df["region_score"].to_list(), y=rows, mode="markers", name="Wilayah",
            marker=dict(symbol="line-ns-open", size=16, line=dict(width=2, color=REGION_INK)),
            customdata=region_texts, hovertemplate="Wilayah: %{customdata}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=df["score"].to_list(), y=rows, mode="markers+text", name="Pilihan", showlegend=False,
        marker=dict(size=[13 if m else 9 for m in marked],
                    color=[theme.COMPONENTS["behaviour"] if m else CONTEXT for m in marked]),
        text=[t if m else "" for t, m in zip(texts, marked)], textposition="middle right",
        textfont=dict(size=LABEL_FONT, color=theme.COMPONENTS["behaviour"]), cliponaxis=False,
        customdata=list(zip(df["behaviour_code"], df["behaviour_label"], texts)),
        hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>Skor %{customdata[2]}<extra></extra>"))
    # the axis spans the scores shown (half points), not all of 1–5: behaviours differ by tenths
    shown = [v for v in [*df["score"].to_list(), *(df["region_score"].to_list() if region else [])] if v is not None]
    lo = max(1.0, math.floor(min(shown, default=1) * 2) / 2 - 0.5)
    hi = min(5.0, math.ceil(max(shown, default=5) * 2) / 2 + 0.25)
    fig.update_layout(title=title, height=max(320, 24 * df.height + 130), showlegend=region,
                      xaxis=dict(range=[lo, hi], dtick=0.5, tickformat=",.1f", showgrid=True,
                                 gridcolor="#eef0f2", title_text=f"skor (skala 1–5; sumbu {fmt.number(lo)}–"
                                                                 f"{fmt.number(hi, 2)})"),
                      yaxis=dict(type="category", automargin=True, autorange="reversed", showgrid=False),
                      margin=dict(r=40, t=TOP + (24 if region else 0)))
    return _finish(fig)
