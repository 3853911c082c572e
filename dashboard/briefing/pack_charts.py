"""Vector charts for the pack (reportlab graphics), made to read in black and white.

Colour is never the only cue: bars are told apart by solid versus outlined fills and a legend,
every bar carries its value, and status bars are named on the axis.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth

from dashboard.briefing.pack_fonts import BOLD, REGULAR, register
from dashboard.presentation.formatting import money
from dashboard.presentation.palette import DARK_BLUE, DARK_GREY, DARK_PINK, STATUS_COLOURS

WIDTH = 17 * cm
INK = colors.HexColor(DARK_GREY)
SOLID = colors.HexColor(DARK_BLUE)
TITLE_SIZE, LABEL_SIZE = 10, 8


def _titled(height: float, title: str, note: str = "") -> Drawing:
    register()
    drawing = Drawing(WIDTH, height)
    drawing.add(String(0, height - 12, title, fontName=BOLD, fontSize=TITLE_SIZE, fillColor=colors.black))
    if note:
        drawing.add(
            String(WIDTH, height - 12, note, fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK, textAnchor="end")
        )
    return drawing


def _short_money(value: float) -> str:
    """Axis ticks: £0, £50k, £1.2m."""
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:.1f}m"
    if abs(value) >= 1_000:
        return f"£{value / 1_000:.0f}k"
    return f"£{value:.0f}"


def _style_axes(chart, value_format: Callable[[float], str]) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = REGULAR, LABEL_SIZE
        axis.strokeColor = INK
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.forceZero = True
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D0D0D0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barLabels.fontName, chart.barLabels.fontSize = REGULAR, LABEL_SIZE


def budget_against_spend(labels: Sequence[str], budget: Sequence[float], spent: Sequence[float], title: str) -> Drawing:
    """Horizontal bars per decision: approved budget (outlined) and spent to date (solid), each labelled in £."""
    bar_space = 34
    height = 60 + bar_space * len(labels)
    drawing = _titled(height, title)
    chart = HorizontalBarChart()
    chart.x, chart.y = 3.2 * cm, 30
    chart.width, chart.height = WIDTH - 3.2 * cm - 2.2 * cm, height - 70
    chart.data = [list(reversed(budget)), list(reversed(spent))]  # first decision at the top
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barSpacing, chart.groupSpacing = 1, 8
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.8
    chart.bars[0].fillColor = colors.white
    chart.bars[1].fillColor = SOLID
    _style_axes(chart, _short_money)
    chart.barLabelFormat = lambda v: money(v)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(_legend([("Approved budget", colors.white), ("Spent to date", SOLID)], x=3.2 * cm, y=height - 22))
    drawing.add(
        String(
            chart.x + chart.width / 2,
            4,
            "£ (whole pounds)",
            fontName=REGULAR,
            fontSize=LABEL_SIZE,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing


def _legend(items: list[tuple[str, colors.Color]], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.fontName, legend.fontSize = REGULAR, LABEL_SIZE
    legend.strokeColor, legend.strokeWidth = colors.black, 0.8
    legend.colorNamePairs = [(fill, name) for name, fill in items]
    return legend


def status_columns(statuses: Sequence[str], counts: Sequence[int], title: str) -> Drawing:
    """One column per status, named under it and counted above it (the fill is a second cue only)."""
    height = 112
    drawing = _titled(height, title)
    chart = VerticalBarChart()
    chart.x, chart.y = 1.2 * cm, 28
    chart.width, chart.height = WIDTH - 1.6 * cm, height - 60
    chart.data = [list(counts)]
    chart.categoryAxis.categoryNames = list(statuses)
    chart.categoryAxis.labels.dy = -4
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.8
    for index, status in enumerate(statuses):
        chart.bars[(0, index)].fillColor = colors.HexColor(STATUS_COLOURS.get(status, "#FFFFFF"))
    _style_axes(chart, lambda v: f"{v:.0f}")
    chart.valueAxis.valueStep = max(1, round(max(counts, default=1) / 5))
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 3
    chart.barWidth = 10
    drawing.add(chart)
    return drawing


def share_bars(labels: Sequence[str], shares: Sequence[float], title: str, axis_label: str) -> Drawing:
    """Horizontal bars of a share from 0 to 100%, each labelled with its percentage."""
    bar_space = 21
    height = 55 + bar_space * len(labels)
    drawing = _titled(height, title)
    chart = HorizontalBarChart()
    chart.x, chart.y = 7.5 * cm, 30
    chart.width, chart.height = WIDTH - 7.5 * cm - 1.4 * cm, height - 50
    chart.data = [[share * 100 for share in reversed(shares)]]
    chart.categoryAxis.categoryNames = ["\n".join(textwrap.wrap(label, 42)) for label in reversed(labels)]
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.8
    chart.bars[0].fillColor = SOLID
    _style_axes(chart, lambda v: f"{v:.0f}%")
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.barLabelFormat = lambda v: f"{v:.0f}%"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            4,
            axis_label,
            fontName=REGULAR,
            fontSize=LABEL_SIZE,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing


def tolerance_bar(
    spent: float, line: float, maximum: float, title: str, line_label: str, spent_mark: str = ""
) -> Drawing:
    """Spend to date on a scale to the advertised maximum, with the further-decision line dashed and named."""
    height = 82
    drawing = _titled(height, title)
    left, right = 0.2 * cm, WIDTH - 0.4 * cm
    span = right - left
    scale = span / max(maximum, spent, line, 1)
    base, bar = 22, 18
    drawing.add(Rect(left, base, span, bar, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.8))
    drawing.add(Rect(left, base, spent * scale, bar, fillColor=SOLID, strokeColor=colors.black, strokeWidth=0.8))
    at = left + line * scale
    drawing.add(
        Line(
            at,
            base - 6,
            at,
            base + bar + 8,
            strokeColor=colors.HexColor(DARK_PINK),
            strokeWidth=2,
            strokeDashArray=[4, 2],
        )
    )
    drawing.add(String(at, base + bar + 11, line_label, fontName=BOLD, fontSize=LABEL_SIZE, textAnchor="middle"))
    spent_x = left + spent * scale
    label = f"Spent {money(spent)}{spent_mark} ({spent / line:.0%} of the line)"
    inside = stringWidth(label, BOLD, LABEL_SIZE) + 8 < spent_x - left  # white on the bar, else black beside it
    drawing.add(
        String(
            spent_x - 4 if inside else spent_x + 4,
            base + 5,
            label,
            fontName=BOLD,
            fontSize=LABEL_SIZE,
            fillColor=colors.white if inside else colors.black,
            textAnchor="end" if inside else "start",
        )
    )
    _scale_ends(drawing, left, left + maximum * scale, maximum, base, base + bar + 11)
    return drawing


def _scale_ends(drawing: Drawing, left: float, right: float, maximum: float, below: float, above: float) -> None:
    """£0 and the advertised maximum under the ends of a tolerance bar, and the maximum named above it."""
    for x, value, anchor in ((left, 0, "start"), (right, maximum, "end")):
        drawing.add(
            String(x, below - 12, money(value), fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK, textAnchor=anchor)
        )
    label = String(right, above, "advertised maximum", fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK)
    label.textAnchor = "end"
    drawing.add(label)
