"""Figure builders: Polars frame in, Plotly figure out. No Streamlit, no SQL, no metric maths.

Hover text and ticks are pre-formatted in Bahasa Indonesia (plotly's d3-format ignores
the locale), OPD colours come from theme.opd_colour, months are ticked as 'Jan 2026'.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from pages.ui import format as fmt
from pages.ui import theme
from pages.ui.text import COMPONENTS


def _percent_axis(fig: go.Figure, kind: str, axis: str = "yaxis") -> None:
    """A 0–1 share axis reads as 0%–100%."""
    if kind == "percent":
        fig.update_layout({axis: dict(tickformat=".0%", rangemode="tozero")})


def _month_ticks(fig: go.Figure, months: list, axis: str = "xaxis", most: int = 8) -> None:
    """Indonesian month ticks ('Jan<br>2026'), at most `most` of them."""
    months = sorted(set(months))
    step = max(1, -(-len(months) // most))
    ticks = months[::step]
    fig.update_layout({axis: dict(tickmode="array", tickvals=ticks, tickangle=0, title_text="",
                                  ticktext=[fmt.month(m).replace(" ", "<br>") for m in ticks])})


def _fmt(values, kind: str = "number", decimals: int = 1) -> list[str]:
    if kind == "percent":
        return [fmt.percent(v, decimals) for v in values]
    if kind == "integer":
        return [fmt.integer(v) for v in values]
    return [fmt.number(v, decimals) for v in values]


def series_lines(df: pl.DataFrame, series: dict[str, str], colours: dict[str, str], *,
                 title: str = "", y_title: str = "", kind: str = "number") -> go.Figure:
    """One line per column of `series` (col -> label) over df['month']."""
    fig = go.Figure()
    months = df["month"].to_list()
    for col, label in series.items():
        fig.add_trace(go.Scatter(
            x=months, y=df[col].to_list(), name=label, mode="lines+markers",
            line=dict(color=colours.get(col)), connectgaps=False,
            customdata=list(zip([fmt.month(m, long=True) for m in months], _fmt(df[col], kind))),
            hovertemplate=f"{label}<br>%{{customdata[0]}}: <b>%{{customdata[1]}}</b><extra></extra>"))
    fig.update_layout(title=title, yaxis_title=y_title, hovermode="x unified")
    _month_ticks(fig, months)
    _percent_axis(fig, kind)
    return fig


def opd_lines(df: pl.DataFrame, y: str, *, title: str = "", y_title: str = "", kind: str = "number",
              region: pl.DataFrame | None = None, region_col: str | None = None) -> go.Figure:
    """One line per OPD (stable OPD colours), optionally with the region as a dashed black line.
    customdata[-1] of an OPD point is its opd_code (for click-to-drill)."""
    fig = go.Figure()
    for (code, short), part in df.sort("month").group_by(["opd_code", "opd_short"], maintain_order=True):
        fig.add_trace(go.Scatter(
            x=part["month"].to_list(), y=part[y].to_list(), name=short, mode="lines+markers",
            line=dict(color=theme.opd_colour(code)), marker=dict(size=6),
            customdata=list(zip([fmt.month(m, long=True) for m in part["month"]], _fmt(part[y], kind),
                                [code] * part.height)),
            hovertemplate=f"<b>{short}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>"))
    if region is not None and not region.is_empty():
        col = region_col or y
        fig.add_trace(go.Scatter(
            x=region["month"].to_list(), y=region[col].to_list(), name="Wilayah / pilihan",
            mode="lines", line=dict(color=theme.REGION, dash="dash", width=3),
            customdata=list(zip([fmt.month(m, long=True) for m in region["month"]], _fmt(region[col], kind))),
            hovertemplate="<b>Wilayah</b><br>%{customdata[0]}: %{customdata[1]}<extra></extra>"))
    fig.update_layout(title=title, yaxis_title=y_title)
    _month_ticks(fig, df["month"].to_list())
    _percent_axis(fig, kind)
    return fig


def ranking_bars(df: pl.DataFrame, x: str, *, title: str = "", x_title: str = "", kind: str = "number",
                 label: str = "opd_short", note: str | None = None) -> go.Figure:
    """Horizontal bars, best on top, one stable colour per OPD; customdata[0] is the opd_code."""
    d = df.sort(x, descending=False, nulls_last=False)
    texts = _fmt(d[x], kind)
    extra = d[note].to_list() if note else [""] * d.height
    fig = go.Figure(go.Bar(
        x=d[x].to_list(), y=d[label].to_list(), orientation="h", text=texts, textposition="outside",
        marker_color=[theme.opd_colour(c) for c in d["opd_code"]],
        customdata=list(zip(d["opd_code"].to_list(), texts, [e or "" for e in extra])),
        hovertemplate="<b>%{y}</b>: %{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=x_title, height=max(320, 28 * d.height + 120),
                      yaxis=dict(automargin=True), showlegend=False)
    _percent_axis(fig, kind, "xaxis")
    return fig


def opd_month_heatmap(df: pl.DataFrame, z: str, *, title: str = "", kind: str = "number") -> go.Figure:
    """OPD × month heatmap (rows = OPDs, best average on top)."""
    months = sorted(set(df["month"].to_list()))
    order = (df.group_by("opd_short").agg(pl.col(z).mean()).sort(z, nulls_last=True)["opd_short"].to_list())
    grid = {(r["opd_short"], r["month"]): r[z] for r in df.iter_rows(named=True)}
    zs = [[grid.get((o, m)) for m in months] for o in order]
    text = [[fmt.number(v, 1) if kind == "number" else fmt.percent(v) for v in row] for row in zs]
    fig = go.Figure(go.Heatmap(
        x=months, y=order, z=zs, text=text, texttemplate="%{text}" if len(months) <= 14 else None,
        colorscale=theme.DIVERGING, colorbar=dict(title=""), hoverongaps=False,
        customdata=[[fmt.month(m, long=True) for m in months] for _ in order],
        hovertemplate="<b>%{y}</b><br>%{customdata}: %{text}<extra></extra>"))
    fig.update_layout(title=title, height=max(320, 26 * len(order) + 160), yaxis=dict(automargin=True))
    _month_ticks(fig, months, most=6)
    return fig


def contributions(df: pl.DataFrame, *, title: str = "") -> go.Figure:
    """Stacked bars per OPD: weight × score of each component (they add up to the index).
    customdata[-1] is the opd_code."""
    fig = go.Figure()
    order = df.unique("opd_short", maintain_order=True)["opd_short"].to_list()[::-1]
    for comp, label in COMPONENTS.items():
        part = df.filter(component=comp)
        fig.add_trace(go.Bar(
            y=part["opd_short"].to_list(), x=part["contribution"].to_list(), name=label, orientation="h",
            marker_color=theme.COMPONENTS[comp],
            customdata=list(zip(_fmt(part["contribution"]), _fmt(part["score"]),
                                [fmt.percent(w, 0) for w in part["weight"]],
                                ["" if h else " (tanpa data)" for h in part["has_data"]],
                                part["opd_code"].to_list())),
            hovertemplate=(f"<b>%{{y}}</b> · {label}%{{customdata[3]}}<br>skor %{{customdata[1]}} × bobot "
                           "%{customdata[2]} = %{customdata[0]}<extra></extra>")))
    fig.update_layout(barmode="stack", title=title, xaxis_title="Sumbangan ke indeks (poin)",
                      yaxis=dict(categoryorder="array", categoryarray=order, automargin=True),
                      height=max(320, 28 * len(order) + 140))
    return fig


def category_heatmap(df: pl.DataFrame, x: str, y: str, z: str, *, title: str = "", x_order=None,
                     y_order=None, colorscale: str = theme.DIVERGING, decimals: int = 2,
                     zmid: float | None = None, x_fmt=str, y_fmt=str) -> go.Figure:
    """A labelled heatmap (e.g. OPD × nilai BerAKHLAK, hari × jam); x_fmt/y_fmt label the axes."""
    xs = x_order or sorted(set(df[x].to_list()))
    ys = y_order or sorted(set(df[y].to_list()))
    grid = {(r[y], r[x]): r[z] for r in df.iter_rows(named=True)}
    zs = [[grid.get((b, a)) for a in xs] for b in ys]
    text = [[fmt.number(v, decimals) for v in row] for row in zs]
    fig = go.Figure(go.Heatmap(x=[x_fmt(a) for a in xs], y=[y_fmt(b) for b in ys], z=zs, text=text,
                               texttemplate="%{text}", zmid=zmid, colorscale=colorscale, hoverongaps=False,
                               colorbar=dict(title=""),
                               hovertemplate="<b>%{y}</b> · %{x}: %{text}<extra></extra>"))
    fig.update_layout(title=title, height=max(320, 30 * len(ys) + 150),
                      yaxis=dict(automargin=True, autorange="reversed", type="category"),
                      xaxis=dict(type="category"))  # labels below: on top they ran into the title
    return fig


def grouped_bars(df: pl.DataFrame, x: str, y: str, group: str, *, title: str = "", kind: str = "number",
                 colours: dict | None = None, x_order=None, y_title: str = "", barmode: str = "group",
                 decimals: int = 1, names: dict | None = None) -> go.Figure:
    """Bars of y over categories x, one series per value of `group` (legend text from `names`)."""
    fig = go.Figure()
    for key, part in df.group_by(group, maintain_order=True):
        name = (names or {}).get(key[0], key[0])
        texts = _fmt(part[y], kind, decimals)
        fig.add_trace(go.Bar(x=part[x].to_list(), y=part[y].to_list(), name=str(name),
                             marker_color=(colours or {}).get(key[0]), text=texts, textposition="auto",
                             customdata=texts,
                             hovertemplate=f"<b>{name}</b> · %{{x}}: %{{customdata}}<extra></extra>"))
    fig.update_layout(title=title, barmode=barmode, yaxis_title=y_title,
                      xaxis=dict(categoryorder="array", categoryarray=x_order) if x_order else None)
    _percent_axis(fig, kind)
    return fig


def bars(labels: list, values: list, *, title: str = "", kind: str = "integer", colours=None,
         y_title: str = "", horizontal: bool = False, reference: float | None = None,
         reference_label: str = "") -> go.Figure:
    """Simple bars with formatted labels; an optional dashed reference line."""
    texts = _fmt(values, kind)
    bar = (go.Bar(y=labels, x=values, orientation="h") if horizontal else go.Bar(x=labels, y=values))
    bar.update(text=texts, textposition="auto", customdata=texts,
               marker_color=colours or theme.COMPONENTS["discipline"],
               hovertemplate="<b>%{" + ("y" if horizontal else "x") + "}</b>: %{customdata}<extra></extra>")
    fig = go.Figure(bar)
    fig.update_layout(title=title, showlegend=False,
                      **({"xaxis_title": y_title, "yaxis": dict(automargin=True, autorange="reversed")}
                         if horizontal else {"yaxis_title": y_title}))
    if reference is not None:
        line = dict(line_dash="dash", line_color=theme.REGION, annotation_text=reference_label)
        (fig.add_vline if horizontal else fig.add_hline)(reference, **line)
    _percent_axis(fig, kind, "xaxis" if horizontal else "yaxis")
    return fig


def radar(labels: list[str], series: dict[str, list], colours: dict[str, str], *, title: str = "",
          range_=(1, 5)) -> go.Figure:
    """Seven BerAKHLAK values as a closed polygon per series."""
    fig = go.Figure()
    for name, values in series.items():
        fig.add_trace(go.Scatterpolar(
            r=values + values[:1], theta=labels + labels[:1], name=name, fill="toself", opacity=0.75,
            line=dict(color=colours.get(name)), customdata=_fmt(values + values[:1], decimals=2),
            hovertemplate=f"<b>{name}</b> · %{{theta}}: %{{customdata}}<extra></extra>"))
    fig.update_layout(title=title, polar=dict(radialaxis=dict(range=list(range_), tickvals=[1, 2, 3, 4, 5])))
    return fig


SKP_SHARES = {"share_sangat_baik": "Sangat Baik", "share_baik": "Baik", "share_butuh_perbaikan": "Butuh Perbaikan",
              "share_kurang": "Kurang/Misconduct", "share_sangat_kurang": "Sangat Kurang"}
SKP_COLOURS = ["#1a7f4b", "#7cc47f", "#f2c14e", "#e07a1f", "#c0392b"]


def skp_curve(curve: pl.DataFrame, *, title: str = "") -> go.Figure:
    """100 % stacked bars of predikat shares per OPD; ✓/✗ marks conformity with SE 3/2023."""
    names = [f"{o} {'✓' if ok else '✗'}" for o, ok in zip(curve["opd_short"], curve["is_conforming"])]
    fig = go.Figure()
    for (col, label), colour in zip(SKP_SHARES.items(), SKP_COLOURS):
        texts = _fmt(curve[col], "percent", 0)
        fig.add_trace(go.Bar(x=names, y=curve[col].to_list(), name=label, marker_color=colour, customdata=texts,
                             text=texts, textposition="inside",
                             hovertemplate=f"<b>%{{x}}</b> · {label}: %{{customdata}}<extra></extra>"))
    fig.update_layout(barmode="stack", title=title, yaxis=dict(tickformat=".0%", range=[0, 1]))
    return fig
