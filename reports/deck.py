"""Bahan rakor: a PPTX (python-pptx) and a PDF of one view, for one scope.

    deck = build_deck(View(pub, scope, filters))
    deck.pptx, deck.pdf                         # bytes

A title slide (scope, period, data freshness, build id), then one slide per presentation slide
(reports/slides.py): the page title, the headline sentence, the chart drawn for a projector
(the presentation template, same OPD colours as on screen), the bullets with the numbers, and
speaker notes (PPTX) that define each number and name its regulation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, KeepInFrame

from pages.ui import format as fmt
from reports import pdfkit, render
from reports.slides import Slide, slides
from reports.view import View, filters_text, scope_text

WIDTH_IN, HEIGHT_IN = 13.333, 7.5       # 16:9
CHART_W, CHART_H = 960, 640           # px at scale 1,5 (1440 × 960 for 8,1 × 5,4 in, ~180 dpi): large type, sharp
SCALE = 1.5                             # 2 cost 0,6 s more per deck for no visible gain on a projector
FONT = "Arial"                          # LibreOffice maps it to Liberation Sans
BLACK = RGBColor(0, 0, 0)
MUTED = RGBColor(0x52, 0x60, 0x6D)


@dataclasses.dataclass(frozen=True)
class Deck:
    title: str
    subtitle: tuple[str, ...]
    slides: tuple[Slide, ...]
    images: tuple[bytes | None, ...]
    pptx: bytes
    pdf: bytes


def _title_lines(v: View) -> tuple[str, tuple[str, ...]]:
    info = v.build_info()
    labels = v.opd_labels()
    return "Bahan Rakor Budaya Kerja ASN", (
        f"Lingkup: {scope_text(v.scope, labels)}",
        f"Periode: {filters_text(v.filters, labels)}",
        f"Data s.d. {fmt.date_long(info.get('period_end'))} · terbit {fmt.datetime(info.get('built_at'))}",
        f"Build {info.get('build_id', fmt.DASH)} · dibuat {fmt.datetime(dt.datetime.now(fmt.WIB))}",
    )


def _text(frame, lines, size: int, *, bold: bool = False, colour=BLACK, bullet: bool = False) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = ("• " if bullet else "") + line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = colour
        if bullet:
            para.space_after = Pt(14)


def _pptx(title: str, subtitle, items: list[Slide], images) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    head, sub = first.shapes.title, first.placeholders[1]
    head.left, head.top, head.width, head.height = Inches(0.8), Inches(1.6), Inches(WIDTH_IN - 1.6), Inches(1.4)
    sub.left, sub.top, sub.width, sub.height = Inches(0.8), Inches(3.3), Inches(WIDTH_IN - 1.6), Inches(3.2)
    head.text = title
    sub.text = "\n".join(subtitle)
    for para in (*head.text_frame.paragraphs, *sub.text_frame.paragraphs):
        para.alignment = PP_ALIGN.LEFT
        for run in para.runs:
            run.font.name, run.font.color.rgb = FONT, BLACK
            run.font.size, run.font.bold = (Pt(40), True) if para in head.text_frame.paragraphs else (Pt(20), False)
    for s, image in zip(items, images):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only: the page title is the slide title
        t = slide.shapes.title
        t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.25), Inches(WIDTH_IN - 1), Inches(0.6)
        t.text = s.title
        for run in t.text_frame.paragraphs[0].runs:
            run.font.size, run.font.name, run.font.color.rgb = Pt(22), FONT, MUTED
        box = slide.shapes.add_textbox(Inches(0.5), Inches(0.85), Inches(WIDTH_IN - 1), Inches(1.1))
        _text(box.text_frame, [s.headline], 26 if len(s.headline) <= 110 else 22, bold=True)
        if image:
            slide.shapes.add_picture(io.BytesIO(image), Inches(0.4), Inches(2.0), width=Inches(8.1))
        bullets = slide.shapes.add_textbox(Inches(8.8), Inches(2.1), Inches(WIDTH_IN - 9.3), Inches(5.0))
        _text(bullets.text_frame, list(s.bullets), 20, bullet=True)
        slide.notes_slide.notes_text_frame.text = s.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _pdf(title: str, subtitle, items: list[Slide], images) -> bytes:
    w, h = WIDTH_IN * 72, HEIGHT_IN * 72
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(w, h), pageCompression=1)
    c.setTitle(title)
    regular, bold = pdfkit.fonts()
    c.setFont(bold, 40)
    c.drawString(54, h - 200, title)
    c.setFont(regular, 18)
    for i, line in enumerate(subtitle):
        c.drawString(54, h - 250 - 30 * i, line)
    c.showPage()
    for s, image in zip(items, images):
        c.setFont(regular, 20)
        c.setFillColorRGB(0x52 / 255, 0x60 / 255, 0x6D / 255)
        c.drawString(36, h - 44, s.title)
        c.setFillColorRGB(0, 0, 0)
        Frame(36, h - 142, w - 72, 92, showBoundary=0).addFromList(  # 6 pt padding on each side
            [KeepInFrame(w - 84, 80, [pdfkit.p(s.headline, "h1", 17)], mode="shrink")], c)
        if image:  # below the headline frame: 570 × 380 pt
            c.drawImage(ImageReader(io.BytesIO(image)), 30, 16, width=570, height=570 * CHART_H / CHART_W,
                        preserveAspectRatio=True)
        Frame(636, 20, w - 636 - 30, h - 180, showBoundary=0).addFromList(
            [KeepInFrame(w - 678, h - 192, [pdfkit.p(b, "bullet", 15) for b in s.bullets], mode="shrink")], c)
        c.showPage()
    c.save()
    return out.getvalue()


def _images(items: list[Slide], browser: render.Session) -> tuple[bytes | None, ...]:
    later = [browser.submit(render.projector(s.figure), width=CHART_W, height=CHART_H, scale=SCALE)
             if s.figure is not None else None for s in items]
    return tuple(i.result() if i else None for i in later)


def build_deck(v: View, *, charts: bool = True, browser: render.Session | None = None) -> Deck:
    """The deck of this view; charts=False leaves the chart images out (no browser needed).
    `browser`: an open session to draw with (the dashboard's shared one), else one is started."""
    if not charts:
        items = slides(v)
        images = tuple(None for _ in items)
    elif browser is not None:
        items = slides(v)
        images = _images(items, browser)
    else:
        with render.session() as fresh:  # the browser starts while the slides are queried
            items = slides(v)
            images = _images(items, fresh)
    title, subtitle = _title_lines(v)
    if not charts:
        subtitle += ("Tanpa gambar grafik (chromium tidak tersedia); angka lengkap ada di slide.",)
    return Deck(title, subtitle, tuple(items), images, _pptx(title, subtitle, items, images),
                _pdf(title, subtitle, items, images))


def file_stem(v: View) -> str:
    f = v.filters
    return f"bahan_rakor_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}"





def refusal(message: str, fmt_: str) -> bytes:
    """A file in the asked format that holds only why the deck was not given (no data)."""
    item = Slide("-", "Bahan rakor tidak dibuat", message, None, (), "")
    if fmt_ == "pptx":
        return _pptx("Bahan rakor tidak dibuat", (message,), [item], [None])
    return _pdf("Bahan rakor tidak dibuat", (message,), [item], [None])
