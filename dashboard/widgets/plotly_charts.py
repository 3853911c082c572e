"""Plotly charts in the board's palette, sized for a projector, every bar and line labelled in text.

Each chart comes with its text alternative (`chart_text`): the `*_text` functions here write the
summary sentence and the table from the same frame the chart draws.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.palette import DARK_BLUE, DARK_GREY, DARK_PINK, ORANGE, TURQUOISE, WHITE, readable_on_white
from dashboard.widgets.chart_text import Alternative, extremes, show_alternative
from dashboard.widgets.chart_title import FONT, mark_sample
from dashboard.widgets.status_charts import COLOURS as STATUS_FILLS

NEUTRAL = "#BFBFBF"
"""For a category a colour map does not name; the axis label still names it."""
PANEL_HEIGHT = 260
"""Pixels of each decision's plot in `spend_multiples`: its reference lines and their labels stay apart."""
TICK_CHARACTER_PX = 9
"""Pixels allowed for each character of an axis label at the charts' 17px (Source Sans's digits are about 8)."""


def _look(height: int) -> dict:
    """The board's chart layout, as one dict: plotly validates each update, so fewer updates are quicker."""
    axis = {"tickfont": FONT, "automargin": True}
    return {
        "height": height,
        "margin": {"l": 10, "r": 40, "t": 10, "b": 10},
        "font": FONT,
        "plot_bgcolor": "white",
        "showlegend": False,
        "xaxis": axis,
        "yaxis": axis,
        "template": {},  # every colour is set here; plotly's default template is kilobytes of unused scales per chart
    }


def _longest(texts: Iterable[Any]) -> int:
    return max((len(line) for text in texts for line in str(text).split("<br>")), default=0)


def _bars_look(height: int, labels: list, notes: list, largest: float, **more) -> dict:
    """Horizontal bars top to bottom in the frame's order, the value axis hidden, each bar's text label
    right of it. The margins are set from the longest line of the axis `labels` (left) and of the bars'
    `notes` (right, so a label fits after the longest bar): automargin would measure them, a second
    layout pass in the browser."""
    look = _look(height) | more
    look["margin"] = look["margin"] | {
        "l": 14 + TICK_CHARACTER_PX * _longest(labels),
        "r": max(look["margin"]["r"], TICK_CHARACTER_PX * _longest(notes)),
    }
    look["yaxis"] = look["yaxis"] | {"autorange": "reversed", "type": "category", "automargin": False}
    look["xaxis"] = look["xaxis"] | {"visible": False, "range": [0, (largest or 1) * 1.02]}
    return look


def _wrapped(labels: pd.Series, width: int = 32) -> list[str]:
    """Long category names over several lines, so the bars keep their width."""
    return ["<br>".join(textwrap.wrap(str(label), width)) or str(label) for label in labels]


def show(figure: go.Figure, key: str, alternative: Alternative, sample: str = "") -> None:
    """The chart, titled with `sample` when it draws sample data (`mark_sample`), then its summary and
    its data one click away."""
    st.plotly_chart(mark_sample(figure, sample), width="stretch", key=key, theme=None, config={"displayModeBar": False})
    show_alternative(alternative, key)


def count_text(frame: pd.DataFrame, label: str, value: str, *, noun: str, heading: str) -> Alternative:
    """For `count_bars`: "Of 29 recommendations, most are Green (9) and fewest Red (2)."."""
    total = int(frame[value].sum())
    most, fewest = extremes(frame, value)
    if len(frame) == 1:
        summary = f"All {total:,} {noun} are {most[label]}."
    else:
        summary = (
            f"Of {total:,} {noun}, most are {most[label]} ({int(most[value]):,}) "
            f"and fewest {fewest[label]} ({int(fewest[value]):,})."
        )
    data = frame[[label, value]].rename(columns={label: heading, value: noun.capitalize()})
    return Alternative(f"{noun.capitalize()} by {heading.lower()}", summary, data)


def money_text(frame: pd.DataFrame, label: str, value: str, *, heading: str, preposition: str) -> Alternative:
    """For `money_bars`: "Of £701,116 spent, the most was in 2019/20 (£…) and the least in 2026/27 (£…)."."""
    most, least = extremes(frame, value)
    total = formatting.money(frame[value].sum())
    if len(frame) == 1:
        summary = f"All {total} was spent {preposition} {most[label]}."
    else:
        summary = (
            f"Of {total} spent, the most was {preposition} {most[label]} ({formatting.money(most[value])}) "
            f"and the least {preposition} {least[label]} ({formatting.money(least[value])})."
        )
    data = pd.DataFrame({heading: frame[label], "Spent": frame[value].map(formatting.money)})
    return Alternative(f"Spent by {heading.lower()}", summary, data)


def budget_and_spend_text(frame: pd.DataFrame, label: str) -> Alternative:
    """For `budget_and_spend_bars`: the largest and smallest budget, and the most spent to date."""
    largest, smallest = extremes(frame, "budget")
    most, _ = extremes(frame, "spent")
    if len(frame) == 1:
        summary = (
            f"{largest[label]}: budget {formatting.money(largest['budget'])}, "
            f"spent to date {formatting.money(largest['spent'])}."
        )
    else:
        summary = (
            f"The largest budget is {largest[label]}'s ({formatting.money(largest['budget'])}) and the smallest "
            f"{smallest[label]}'s ({formatting.money(smallest['budget'])}); the most spent to date is "
            f"{most[label]}'s ({formatting.money(most['spent'])})."
        )
    data = pd.DataFrame(
        {
            "Decision": frame[label],
            "Budget": frame["budget"].map(formatting.money),
            "Spent to date": frame["spent"].map(formatting.money),
        }
    )
    return Alternative("Budget against spend", summary, data)


def multiples_text(lines: pd.DataFrame, decisions: pd.DataFrame, exact: Callable[[], pd.DataFrame]) -> Alternative:
    """For `spend_multiples`: a sentence per decision on where its running total stands against its
    approval, and every payment day's exact figures (`exact`: `money.cumulative_spend`), asked for
    only when the table is shown: thousands of rows that the chart's reduced lines leave out."""
    sentences = []
    for decision, frame in _per_decision(lines, decisions):
        first, last = frame.iloc[0], frame.iloc[-1]
        share = formatting.percent(float(last["cumulative"]) / float(decision.initial_value))
        sentences.append(
            f"{formatting.money(last['cumulative'])} spent on {decision.reference} "
            f"by {formatting.day(last['spend_date'])}, "
            f"rising from {formatting.money(first['cumulative'])} at the first payment on "
            f"{formatting.day(first['spend_date'])}: {share} of the initial approval of "
            f"{formatting.money(decision.initial_value)}."
        )

    def data() -> pd.DataFrame:
        days = exact()
        return pd.DataFrame(
            {
                "Decision": days["decision_ref"],
                "Date": days["spend_date"].map(formatting.day),
                "Paid that day": days["spent"].map(formatting.money),
                "Spent to date": days["cumulative"].map(formatting.money),
            }
        )

    return Alternative("Cumulative spend by decision", "\n".join(sentences), data)


def count_bars(frame: pd.DataFrame, label: str, value: str, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars in the frame's order, each labelled with its count (and named on the axis)."""
    fill = DARK_BLUE if colours is None else [colours.get(name, NEUTRAL) for name in frame[label]]
    return go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[label],
            orientation="h",
            marker_color=fill,
            marker_line={"color": DARK_GREY, "width": 0.5},
            text=frame[value],
            textposition="outside",
            textfont=FONT,
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        ),
        layout=_bars_look(70 + 45 * len(frame), list(frame[label]), list(frame[value]), frame[value].max()),
    )


def status_bars(frame: pd.DataFrame, label: str = "status", value: str = "recommendations") -> go.Figure:
    """Counts by delivery-confidence status, each bar in its status colour and named on the axis."""
    return count_bars(frame, label, value, STATUS_FILLS)


def money_bars(frame: pd.DataFrame, label: str, value: str) -> go.Figure:
    """Horizontal bars of pounds, labelled £1,234."""
    labels, notes = _wrapped(frame[label]), [formatting.money(amount) for amount in frame[value]]
    return go.Figure(
        go.Bar(
            x=frame[value],
            y=labels,
            orientation="h",
            marker_color=DARK_BLUE,
            text=notes,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: £%{x:,.0f}<extra></extra>",
        ),
        layout=_bars_look(70 + 60 * len(frame), labels, notes, frame[value].max()),
    )


def budget_and_spend_bars(frame: pd.DataFrame, label: str) -> go.Figure:
    """Budget beside spend to date for each row (columns `budget`, `spent`), both labelled in £."""
    bars = [
        go.Bar(
            name=name,
            x=frame[column],
            y=frame[label],
            orientation="h",
            marker_color=colour,
            text=[f"{name}: {formatting.money(amount)}" for amount in frame[column]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}} {name.lower()}: £%{{x:,.0f}}<extra></extra>",
        )
        for column, name, colour in (("budget", "Budget", DARK_BLUE), ("spent", "Spent to date", TURQUOISE))
    ]
    largest = max(frame["budget"].max(), frame["spent"].max())
    notes = [text for bar in bars for text in bar.text]
    return go.Figure(bars, layout=_bars_look(80 + 90 * len(frame), list(frame[label]), notes, largest, barmode="group"))


def _per_decision(lines: pd.DataFrame, decisions: pd.DataFrame) -> Iterator[tuple[Any, pd.DataFrame]]:
    """Each decision (a row of `decisions`, in its order) that has a line in `lines`, with that line."""
    by_decision = dict(iter(lines.groupby("decision_ref", sort=False)))  # iter: dict() reads a GroupBy as a mapping
    for decision in decisions.itertuples():
        if decision.reference in by_decision:
            yield decision, by_decision[decision.reference]


def _limits(decision: Any) -> list[tuple[float, str, str, str]]:
    """A decision's reference lines: (value, label, colour, dash) for its initial approval, its
    further-decision threshold (when different) and its advertised maximum."""
    initial, threshold, maximum = (
        decision.initial_value,
        decision.further_decision_threshold,
        decision.advertised_maximum,
    )
    limits = [(initial, f"Initial approval {formatting.money(initial)} ({decision.reference})", DARK_PINK, "dash")]
    if pd.notna(threshold) and threshold != initial:
        limits.append((threshold, f"Further-decision threshold {formatting.money(threshold)}", ORANGE, "dash"))
    if pd.notna(maximum):
        limits.append((maximum, f"Advertised maximum {formatting.money(maximum)}", DARK_GREY, "dot"))
    return limits


def _limit_lines(limits: list[tuple[float, str, str, str]], x: str, y: str, top: float) -> tuple[list, list]:
    """A panel's `limits` (on axes `x`, `y` running up to `top`): lines across it (shapes, as add_hline
    draws them, built in one go since each plotly call costs milliseconds) and their labels, each over
    its line, or under it when another line just above leaves no room."""
    values = [value for value, *_ in limits]
    shapes = [
        {
            "type": "line",
            "xref": f"{x} domain",
            "x0": 0,
            "x1": 1,
            "yref": y,
            "y0": value,
            "y1": value,
            "line": {"color": colour, "dash": dash, "width": 2},
        }
        for value, _, colour, dash in limits
    ]
    labels = [
        {
            "text": text,
            "xref": f"{x} domain",
            "x": 0,
            "xanchor": "left",
            "yref": y,
            "y": value,
            "yanchor": "top" if any(0 < other - value < top / 10 for other in values) else "bottom",
            "showarrow": False,
            "font": {"size": 15, "color": readable_on_white(colour)},  # orange text on white reads at 2.9:1
        }
        for value, text, colour, _ in limits
    ]
    return shapes, labels


def _panel_title(decision: Any, frame: pd.DataFrame) -> list[str]:
    """A panel's title lines: reference and title (data, so escaped: plotly reads a little HTML),
    then what of its line is sample payments, marked †."""
    lines = [html.escape(line, quote=False) for line in textwrap.wrap(f"{decision.reference}: {decision.title}", 48)]
    last = frame.iloc[-1]
    sample = sample_marks.sample_note(last["illustrative_cumulative"], last["cumulative"], sample_marks.SAMPLE_PAYMENTS)
    return [*lines, f"{sample_marks.DAGGER} {sample}"] if sample else lines


def _running_line(frame: pd.DataFrame, x: str, y: str) -> tuple[go.Scatter, dict]:
    """A panel's running total and the label at its end ("£41,500 spent").

    Drawn through every payment day, it steps at each, marked by a point; reduced to the last day of
    each week or month, it runs straight between them, as the many small steps it stands for would.
    """
    last = frame.iloc[-1]
    every_day = len(frame) == last["days"]
    line = go.Scatter(
        x=frame["spend_date"].map(date.isoformat),  # as text: the same chart, many times quicker than dates
        y=frame["cumulative"].astype(float),
        xaxis=x,
        yaxis=y,
        name=last["decision_ref"],
        mode="lines+markers" if every_day else "lines",
        line={"shape": "hv" if every_day else "linear", "color": DARK_BLUE, "width": 3},
        hovertemplate="%{x|%d %b %Y}: £%{y:,.0f} spent to date<extra></extra>",
    )
    label = {
        "text": f"{formatting.money(last['cumulative'])} spent",
        "xref": x,
        "x": last["spend_date"].isoformat(),
        "xanchor": "right",
        "xshift": -5,  # clear of the last point's marker
        "yref": y,
        "y": last["cumulative"],
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 15, "color": DARK_BLUE},
        "bgcolor": WHITE,  # a total nearing its limit sits on that line: the line stops short of the words
    }
    return line, label


def lines_sample(lines: pd.DataFrame) -> str:
    """`spend_multiples`' title note: how much of the spend its lines end at is sample payments."""
    ends = lines.groupby("decision_ref")[["cumulative", "illustrative_cumulative"]].last()
    return sample_marks.sample_note(
        ends["illustrative_cumulative"].sum(), ends["cumulative"].sum(), sample_marks.SAMPLE_PAYMENTS
    )


def _forecast_lines(forecasts: pd.DataFrame | None, reference: str, x: str, y: str) -> list[go.Scatter]:
    """A panel's forecasts (`conditions.spend_forecasts`): a dashed line from the spend on the as-at day to
    the day each limit would be reached at the recent rate."""
    if forecasts is None:
        return []
    mine = forecasts[forecasts["decision_ref"] == reference]
    return [
        go.Scatter(
            x=[row.from_day.isoformat(), row.to_day.isoformat()],
            y=[float(row.from_spent), float(row.to_spent)],
            xaxis=x,
            yaxis=y,
            name=f"Forecast to the {row.kind}",
            mode="lines",
            line={"color": DARK_BLUE, "width": 2, "dash": "dash"},
            hovertemplate=f"Forecast: {row.kind} reached %{{x|%d %b %Y}}<extra></extra>",
        )
        for row in mine.itertuples()
    ]


def spend_multiples(
    lines: pd.DataFrame, decisions: pd.DataFrame, columns: int = 2, forecasts: pd.DataFrame | None = None
) -> go.Figure:
    """Small multiples: one panel per decision (rows of `decisions`: reference, title, initial_value,
    further_decision_threshold, advertised_maximum) that has a line in `lines` (`money.spend_lines`),
    `columns` to a row, each titled and with its own scales: its running total against its limits,
    each labelled, and the total written at its end; with `forecasts`, a dashed line to the day each
    limit would be reached at the recent rate.

    One figure instead of a chart per decision: the browser draws one plot, not a dozen.
    """
    panels = list(_per_decision(lines, decisions))
    columns = min(columns, len(panels))
    titles = [_panel_title(decision, frame) for decision, frame in panels]
    limits = [_limits(decision) for decision, _ in panels]
    tops = [  # each £ axis runs to a little above its highest line
        max([value for value, *_ in drawn] + frame["cumulative"].tolist()) * 1.12
        for drawn, (_, frame) in zip(limits, panels, strict=True)
    ]
    title_px = 22 * max(len(title) for title in titles) + 8
    band = title_px + PANEL_HEIGHT + 45  # each row: its titles, its plot, the dates under it
    rows = -(-len(panels) // columns)
    gap = 0.12  # room for the right-hand panels' £ ticks
    width = (1 - gap * (columns - 1)) / columns
    # Room for the left-hand £ ticks, the longest no longer than its axis's top written out: plotly's
    # automargin would measure them, a second layout pass over the page that costs a third of the drawing.
    ticks = 14 + TICK_CHARACTER_PX * max(len(formatting.money(top)) for top in tops[::columns])
    look = _look(rows * band + 60) | {"margin": {"l": ticks, "r": 40, "t": 50, "b": 10}}  # t: room for mark_sample
    traces, shapes, notes = [], [], []
    for number, ((_, frame), title, drawn, highest) in enumerate(zip(panels, titles, limits, tops, strict=True)):
        row, column = divmod(number, columns)
        left = column * (width + gap)
        top = 1 - (row * band + title_px) / (rows * band)
        suffix = str(number + 1) if number else ""
        x, y = f"x{suffix}", f"y{suffix}"
        look[f"xaxis{suffix}"] = look["xaxis"] | {"domain": [left, left + width], "anchor": y, "automargin": False}
        look[f"yaxis{suffix}"] = look["yaxis"] | _money_axis(x, [top - PANEL_HEIGHT / (rows * band), top], highest)
        limit_shapes, limit_labels = _limit_lines(drawn, x, y, highest)
        line, end_label = _running_line(frame, x, y)
        traces += [line, *_forecast_lines(forecasts, frame["decision_ref"].iloc[0], x, y)]
        shapes += limit_shapes
        notes += [*limit_labels, end_label, _panel_heading(title, left, top)]
    return go.Figure(traces, layout=look | {"shapes": shapes, "annotations": notes})


def _money_axis(x: str, domain: list[float], highest: float) -> dict:
    """A panel's £ axis from 0 to `highest`, placed at `domain` beside its date axis `x`."""
    return {
        "domain": domain,
        "anchor": x,
        "automargin": False,
        "range": [0, highest],
        "tickprefix": "£",
        "tickformat": ",.0f",
        "gridcolor": "#E5E5E5",
    }


def _panel_heading(title: list[str], left: float, top: float) -> dict:
    """A panel's title lines, written above its plot from its left edge."""
    return {
        "text": "<br>".join(title),
        "xref": "paper",
        "x": left,
        "xanchor": "left",
        "yref": "paper",
        "y": top,
        "yanchor": "bottom",
        "align": "left",
        "showarrow": False,
        "font": FONT,
    }
