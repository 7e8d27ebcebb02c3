"""The one Plotly look: Indonesian separators, stable OPD colours, a presentation variant."""

from __future__ import annotations

import functools
import hashlib

import plotly.graph_objects as go
import plotly.io as pio

FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"
INK = "#1f2933"
REGION = "#4a4a4a"  # the region / benchmark line (dashed), never an OPD colour
COMPONENTS = {  # fixed colours per index component
    "discipline": "#1b6ca8", "performance": "#e07a1f", "competency": "#2a9d5c", "behaviour": "#8e44ad",
}
SEQUENTIAL = "Blues"
DIVERGING = "RdYlGn"


# Eight colours told apart on a projector and by colour-blind viewers (Okabe–Ito, Tableau): no grey
# (context), no yellow (unreadable on white), no near-black (the region line).
OPD_PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d31", "#6b6ecf")


def opd_colour(opd_code: str) -> str:
    """An OPD's own colour, from its code only: the same on every chart, for every viewer."""
    digest = hashlib.sha256(opd_code.encode("utf-8")).digest()
    return OPD_PALETTE[int.from_bytes(digest[:4], "big") % len(OPD_PALETTE)]


def opd_colours(opd_codes) -> dict[str, str]:
    """Colours for OPDs highlighted together: each its own colour, unless an earlier one (in code
    order) already has it; then the next free one. Up to eight OPDs never share a colour."""
    taken: dict[str, str] = {}
    for code in sorted(dict.fromkeys(opd_codes)):
        colour = opd_colour(code)
        start = OPD_PALETTE.index(colour)
        free = [OPD_PALETTE[(start + i) % len(OPD_PALETTE)] for i in range(len(OPD_PALETTE))
                if OPD_PALETTE[(start + i) % len(OPD_PALETTE)] not in taken.values()]
        taken[code] = free[0] if free else colour
    return taken


def _template(base_size: int, line_width: float) -> go.layout.Template:
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=base_size, color=INK),
        separators=",.",  # decimal comma, thousands dot (id-ID), whatever the browser locale
        paper_bgcolor="white", plot_bgcolor="white",
        colorway=list(COMPONENTS.values()),
        margin=dict(l=10, r=20, t=90, b=10),
        title=dict(x=0, xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=10),
                   font=dict(size=base_size + 3)),
        hoverlabel=dict(font=dict(family=FONT, size=base_size)),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, title_text=""),
        xaxis=dict(showgrid=False, linecolor="#9aa5b1", ticks="outside", automargin=True, title_standoff=8),
        yaxis=dict(gridcolor="#e4e7eb", zerolinecolor="#9aa5b1", automargin=True, title_standoff=8),
    ), data=dict(scatter=[go.Scatter(line=dict(width=line_width))]))


@functools.cache
def template(presenting: bool = False) -> go.layout.Template:
    """The template object itself (not a registered name: Streamlit resets plotly's default)."""
    if not presenting:
        return _template(14, 2.2)
    big = _template(22, 4)
    big.layout.font.color = "#000000"
    big.layout.xaxis.linecolor = "#000000"
    big.layout.yaxis.gridcolor = "#c0c4c8"
    return big


def register() -> None:
    """Also register them as 'budaya' / 'presentasi' for figures made outside the pages."""
    if "presentasi" not in pio.templates:  # once per process: plotly validates a template on assignment
        pio.templates["budaya"] = template(False)
        pio.templates["presentasi"] = template(True)
    if pio.templates.default != "budaya":
        pio.templates.default = "budaya"


def chart_config(file_stem: str) -> dict:
    """st.plotly_chart config: PNG download from the modebar, no Plotly logo."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }
