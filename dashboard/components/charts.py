"""Plotly charts in the board's palette, sized for a projector, every bar and line labelled in text.

Each chart comes with its text alternative (`chart_text`): the `*_text` functions here write the
summary sentence and the table from the same frame the chart draws.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.components import format
from dashboard.components.chart_text import Alternative, extremes, show_alternative
from dashboard.components.palette import DARK_BLUE, DARK_GREY, DARK_PINK, ORANGE, TURQUOISE, readable_on_white
from dashboard.components.sample_marks import FONT, mark_sample
from dashboard.components.status_charts import COLOURS as STATUS_FILLS

NEUTRAL = "#BFBFBF"
"""For a category a colour map does not name; the axis label still names it."""


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
    }


def _bars_look(height: int, largest: float, share: float = 0.3, **more) -> dict:
    """Horizontal bars top to bottom in the frame's order, the value axis hidden, with room right of
    the longest bar for its text label."""
    look = _look(height) | more
    look["yaxis"] = look["yaxis"] | {"autorange": "reversed", "type": "category"}
    look["xaxis"] = look["xaxis"] | {"visible": False, "range": [0, (largest or 1) * (1 + share)]}
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
    total = format.money(frame[value].sum())
    if len(frame) == 1:
        summary = f"All {total} was spent {preposition} {most[label]}."
    else:
        summary = (
            f"Of {total} spent, the most was {preposition} {most[label]} ({format.money(most[value])}) "
            f"and the least {preposition} {least[label]} ({format.money(least[value])})."
        )
    data = pd.DataFrame({heading: frame[label], "Spent": frame[value].map(format.money)})
    return Alternative(f"Spent by {heading.lower()}", summary, data)


def budget_and_spend_text(frame: pd.DataFrame, label: str) -> Alternative:
    """For `budget_and_spend_bars`: the largest and smallest budget, and the most spent to date."""
    largest, smallest = extremes(frame, "budget")
    most, _ = extremes(frame, "spent")
    if len(frame) == 1:
        summary = (
            f"{largest[label]}: budget {format.money(largest['budget'])}, "
            f"spent to date {format.money(largest['spent'])}."
        )
    else:
        summary = (
            f"The largest budget is {largest[label]}'s ({format.money(largest['budget'])}) and the smallest "
            f"{smallest[label]}'s ({format.money(smallest['budget'])}); the most spent to date is "
            f"{most[label]}'s ({format.money(most['spent'])})."
        )
    data = pd.DataFrame(
        {
            "Decision": frame[label],
            "Budget": frame["budget"].map(format.money),
            "Spent to date": frame["spent"].map(format.money),
        }
    )
    return Alternative("Budget against spend", summary, data)


def cumulative_text(frame: pd.DataFrame, reference: str, initial: float) -> Alternative:
    """For `cumulative_spend`: where the running total stands, from the first payment, against the approval."""
    first, last = frame.iloc[0], frame.iloc[-1]
    summary = (
        f"{format.money(last['cumulative'])} spent on {reference} by {format.day(last['spend_date'])}, "
        f"rising from {format.money(first['cumulative'])} at the first payment on {format.day(first['spend_date'])}: "
        f"{format.percent(float(last['cumulative']) / float(initial))} of the initial approval of "
        f"{format.money(initial)}."
    )
    data = pd.DataFrame(
        {
            "Date": frame["spend_date"].map(format.day),
            "Paid that day": frame["spent"].map(format.money),
            "Spent to date": frame["cumulative"].map(format.money),
        }
    )
    return Alternative(f"Cumulative spend, {reference}", summary, data)


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
        layout=_bars_look(70 + 45 * len(frame), frame[value].max(), 0.1),
    )


def status_bars(frame: pd.DataFrame, label: str = "status", value: str = "recommendations") -> go.Figure:
    """Counts by delivery-confidence status, each bar in its status colour and named on the axis."""
    return count_bars(frame, label, value, STATUS_FILLS)


def money_bars(frame: pd.DataFrame, label: str, value: str) -> go.Figure:
    """Horizontal bars of pounds, labelled £1,234."""
    return go.Figure(
        go.Bar(
            x=frame[value],
            y=_wrapped(frame[label]),
            orientation="h",
            marker_color=DARK_BLUE,
            text=[format.money(amount) for amount in frame[value]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: £%{x:,.0f}<extra></extra>",
        ),
        layout=_bars_look(70 + 60 * len(frame), frame[value].max()),
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
            text=[f"{name}: {format.money(amount)}" for amount in frame[column]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}} {name.lower()}: £%{{x:,.0f}}<extra></extra>",
        )
        for column, name, colour in (("budget", "Budget", DARK_BLUE), ("spent", "Spent to date", TURQUOISE))
    ]
    largest = max(frame["budget"].max(), frame["spent"].max())
    return go.Figure(bars, layout=_bars_look(80 + 90 * len(frame), largest, 0.45, barmode="group"))


def cumulative_spend(
    frame: pd.DataFrame,
    reference: str,
    initial: float,
    maximum: float | None = None,
    threshold: float | None = None,
) -> go.Figure:
    """Running total of payments (columns `spend_date`, `cumulative`) against the decision's
    initial approval, its further-decision threshold (when different) and advertised maximum."""
    lines = [(initial, f"Initial approval {format.money(initial)} ({reference})", DARK_PINK, "dash")]
    if pd.notna(threshold) and threshold != initial:
        lines.append((threshold, f"Further-decision threshold {format.money(threshold)}", ORANGE, "dash"))
    if pd.notna(maximum):
        lines.append((maximum, f"Advertised maximum {format.money(maximum)}", DARK_GREY, "dot"))
    shapes = [  # what add_hline draws, built in one go (each plotly call costs milliseconds)
        {
            "type": "line",
            "xref": "x domain",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": value,
            "y1": value,
            "line": {"color": colour, "dash": dash, "width": 2},
        }
        for value, _, colour, dash in lines
    ]
    notes = [
        {
            "text": text,
            "xref": "x domain",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": value,
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 15, "color": readable_on_white(colour)},  # orange text on white reads at 2.9:1
        }
        for value, text, colour, _ in lines
    ]
    if not frame.empty:
        last = frame.iloc[-1]
        notes.append(
            {
                "x": last["spend_date"],
                "y": last["cumulative"],
                "text": f"{format.money(last['cumulative'])} spent",
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 15, "color": DARK_BLUE},
            }
        )
    top = max([value for value, *_ in lines] + frame["cumulative"].tolist())
    look = _look(380) | {"shapes": shapes, "annotations": notes}
    look["yaxis"] = look["yaxis"] | {
        "range": [0, top * 1.12],
        "tickprefix": "£",
        "tickformat": ",.0f",
        "gridcolor": "#E5E5E5",
    }
    return go.Figure(
        go.Scatter(
            x=frame["spend_date"].map(date.isoformat),  # as text: the same chart, many times quicker than dates
            y=frame["cumulative"],
            mode="lines+markers",
            line={"shape": "hv", "color": DARK_BLUE, "width": 3},
            name="Spent to date",
            hovertemplate="%{x|%d %b %Y}: £%{y:,.0f} spent to date<extra></extra>",
        ),
        layout=look,
    )
