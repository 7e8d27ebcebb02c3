"""Shared PDF pieces (reportlab): fonts with the Indonesian glyphs, styles, id-ID table cells."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

rl_config.useA85 = 0  # binary streams: no pure-Python ASCII85 pass over every image and font (smaller, faster)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core (–, ≤, ✓, ✗)
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEAD_BG = colors.HexColor("#e4e7eb")


@functools.cache
def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when installed, else the built-in Helvetica."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


@functools.cache
def styles(base: float = 10) -> dict[str, ParagraphStyle]:
    regular, bold = fonts()

    def s(name, size, font=regular, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **{"textColor": INK, **kw})
    return {
        "body": s("body", base, spaceAfter=base * 0.5),
        "small": s("small", base * 0.85, textColor=MUTED),
        "h1": s("h1", base * 1.6, bold, spaceAfter=base * 0.4),
        "h2": s("h2", base * 1.2, bold, spaceBefore=base * 0.9, spaceAfter=base * 0.3),
        "cell": s("cell", base * 0.85),
        "cellb": s("cellb", base * 0.85, bold),
        "bullet": s("bullet", base, leftIndent=base * 1.2, bulletIndent=base * 0.2, spaceAfter=base * 0.3),
    }


def p(text: str, style: str = "body", base: float = 10) -> Paragraph:
    """A paragraph of plain text (escaped); a bullet paragraph gets its bullet."""
    return Paragraph(escape(text), styles(base)[style], bulletText="•" if style == "bullet" else None)


def rich(markup: str, style: str = "body", base: float = 10) -> Paragraph:
    """A paragraph whose caller escaped the values and uses <b>…</b>."""
    return Paragraph(markup, styles(base)[style])


def table(header: list[str], rows: list[list[str]], widths: list[float], *, numeric: set[int] = frozenset(),
          base: float = 10) -> Table:
    """A ruled table of text cells (already formatted in id-ID, a newline breaks the line); numeric columns
    right-aligned."""
    st = styles(base)
    body = [[Paragraph(escape(h), st["cellb"]) for h in header]]
    body += [[Paragraph(escape(c).replace("\n", "<br/>"), st["cell"]) for c in r] for r in rows]  # \n: new line
    t = Table(body, colWidths=widths, repeatRows=1)
    cmds = [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    t.setStyle(TableStyle(cmds))
    for i in numeric:
        for row in body:
            row[i].style = ParagraphStyle("num", parent=row[i].style, alignment=2)
    return t
