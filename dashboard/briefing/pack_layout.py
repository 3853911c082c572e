"""The pack's typography and building blocks: styles, escaped text, tables, headline cards, page furniture.

Everything that prints data goes through `text` (XML-escaped), so a narrative containing
``<b>`` or ``<script>`` prints those characters rather than being read as Paragraph markup.
Status is always written out; its fill is a second cue that survives a black-and-white printer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from dashboard.briefing.pack_fonts import BOLD, REGULAR, register
from dashboard.presentation.formatting import day
from dashboard.presentation.palette import DARK_BLUE, STATUS_COLOURS, TEXT_ON
from dashboard.presentation.sample_marks import DAGGER

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 1.8 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
CLASSIFICATION = "OFFICIAL"
RULE = colors.HexColor("#7A7A7A")
HEADER_FILL = colors.HexColor("#E6E6E6")
ZEBRA = colors.HexColor("#F4F4F4")
NAVY = colors.HexColor(DARK_BLUE)

register()
_BASE = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=12.5, spaceAfter=4)
STYLES = {
    "title": ParagraphStyle("title", _BASE, fontName=BOLD, fontSize=20, leading=24, textColor=NAVY, spaceAfter=2),
    "subtitle": ParagraphStyle("subtitle", _BASE, fontName=BOLD, fontSize=13, leading=17, spaceAfter=2),
    "h1": ParagraphStyle(
        "h1", _BASE, fontName=BOLD, fontSize=15, leading=19, textColor=NAVY, spaceBefore=4, spaceAfter=6
    ),
    "h2": ParagraphStyle("h2", _BASE, fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=6, spaceAfter=3),
    "body": _BASE,
    "bullet": ParagraphStyle("bullet", _BASE, leftIndent=10, firstLineIndent=-8, spaceAfter=2),
    "small": ParagraphStyle("small", _BASE, fontSize=8, leading=10, textColor=colors.HexColor("#333333")),
    "cell": ParagraphStyle("cell", _BASE, fontSize=8.5, leading=10.5, spaceAfter=0),
    "cell_right": ParagraphStyle("cell_right", _BASE, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT),
    "head": ParagraphStyle("head", _BASE, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
    "head_right": ParagraphStyle(
        "head_right", _BASE, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT
    ),
    "figure": ParagraphStyle("figure", _BASE, fontName=BOLD, fontSize=19, leading=23, spaceAfter=0),
    "figure_label": ParagraphStyle("figure_label", _BASE, fontSize=8.5, leading=10.5, spaceAfter=0),
    "status": ParagraphStyle("status", _BASE, fontName=BOLD, fontSize=20, leading=24, spaceAfter=0),
}


def text(value: object) -> str:
    """Data as Paragraph-safe text: escaped, an en dash when missing, line breaks kept."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, date):
        return escape(day(value))
    return escape(str(value)).replace("\n", "<br/>")


def para(value: object, style: str = "body") -> Paragraph:
    """A paragraph of data (escaped)."""
    return Paragraph(text(value), STYLES[style])


def markup(template: str, *values: object, style: str = "body") -> Paragraph:
    """A paragraph of our own markup with data slotted in escaped: markup("<b>{}</b>", name)."""
    return Paragraph(template.format(*(text(v) for v in values)), STYLES[style])


def status_fill(status: object) -> tuple[colors.Color, colors.Color] | None:
    """Background (the palette's status colour) and the black or white text with more contrast on it.

    The same pairs as on screen (palette.TEXT_ON), so every status cell keeps at least 4.5:1.
    """
    fill = STATUS_COLOURS.get(str(status))
    if not fill:
        return None
    return colors.HexColor(fill), colors.HexColor(TEXT_ON[fill])


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_cm: Sequence[float],
    right: Sequence[int] = (),
    status_column: int | None = None,
) -> Table:
    """A ruled table that repeats its header on each page; cells are escaped and wrap.

    `right`: columns to right-align (figures). `status_column`: a column whose status text is
    also filled with its palette colour.
    """
    scale = FRAME_WIDTH / (sum(widths_cm) * cm)
    widths = [w * cm * scale for w in widths_cm]

    def cell(value: object, column: int, head: bool = False) -> Paragraph:
        style = STYLES[("head" if head else "cell") + ("_right" if column in right else "")]
        fills = None if head or column != status_column else status_fill(value)
        if fills:
            style = ParagraphStyle("status_cell", style, fontName=BOLD, textColor=fills[1])
        return Paragraph(text(value), style)

    body = [[cell(v, i, head=True) for i, v in enumerate(header)]]
    body += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(body), 2)]
    if status_column is not None:
        for r, row in enumerate(rows, start=1):
            fills = status_fill(row[status_column])
            if fills:
                commands.append(("BACKGROUND", (status_column, r), (status_column, r), fills[0]))
    table.setStyle(TableStyle(commands))
    return table


def figure_cards(cards: Sequence[tuple[str, str, str]], columns: int = 3) -> Table:
    """Headline figures as large numbers over their labels: (figure, label, source) each."""
    cells = [
        [
            Paragraph(text(figure), STYLES["figure"]),
            Paragraph(text(label), STYLES["figure_label"]),
            Paragraph(text(source), STYLES["small"]),
        ]
        for figure, label, source in cards
    ]
    grid = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    grid[-1] += [""] * (columns - len(grid[-1]))
    width = FRAME_WIDTH / columns
    table = Table(grid, colWidths=[width] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def status_box(status: str, summary: str, rule: str) -> Table:
    """The overall status written large in its colour band, beside the sentence that explains it."""
    fill, ink = status_fill(status) or (colors.white, colors.black)
    label = Paragraph(text(status), ParagraphStyle("overall", STYLES["status"], textColor=ink))
    explanation = [Paragraph(text(summary), STYLES["body"]), Paragraph(text(rule), STYLES["small"])]
    table = Table(
        [[Paragraph("<b>Overall status</b>", STYLES["figure_label"]), ""], [label, explanation]],
        colWidths=[4.2 * cm, FRAME_WIDTH - 4.2 * cm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 1), (0, 1), fill),
                ("LINEAFTER", (0, 1), (0, 1), 1.2, colors.black),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


SAMPLE_FOOTNOTE = f"{DAGGER} illustrative sample data (see Sources)"


def a4_pdf(story: list, *, title: str, heading: str, footnote: str = SAMPLE_FOOTNOTE, subject: str = "") -> bytes:
    """`story` as PDF bytes in the pack's look: A4, its margins, and on every page `heading`, `footnote`
    and "Page n of N". The pack and the minutes both come out of here."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.7 * cm,
        bottomMargin=1.6 * cm,
        title=title,
        author="End-to-End Victim Care Programme Board",
        **({"subject": subject} if subject else {}),
    )
    document.build(story, canvasmaker=numbered_canvas(heading, footnote))
    return buffer.getvalue()


def numbered_canvas(heading: str, footnote: str = SAMPLE_FOOTNOTE):
    """A canvas class that draws the header, footer (with `footnote`) and "Page n of N" once the page
    count is known."""

    class PackCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            self.saveState()
            top, bottom = PAGE_HEIGHT - 1.1 * cm, 1.0 * cm
            self.setFont(BOLD, 9)
            self.drawString(MARGIN, top, CLASSIFICATION)
            self.drawCentredString(PAGE_WIDTH / 2, bottom, CLASSIFICATION)
            self.setFont(REGULAR, 8)
            self.drawRightString(PAGE_WIDTH - MARGIN, top, heading)
            self.drawRightString(PAGE_WIDTH - MARGIN, bottom, f"Page {self._pageNumber} of {total}")
            self.drawString(MARGIN, bottom, footnote)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, top - 4, PAGE_WIDTH - MARGIN, top - 4)
            self.line(MARGIN, bottom + 10, PAGE_WIDTH - MARGIN, bottom + 10)
            self.restoreState()

    return PackCanvas
