"""The registers drawn: the likelihood by impact grid, a risk's score over time and the milestone timeline.

Every cell, point and bar is named in words (the grid's cells say their band and count; the
timeline's markers differ in shape and are in the legend), so nothing is read from colour alone;
each chart has a sentence and its data under it (`chart_text`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.presentation.formatting import day
from dashboard.presentation.palette import DARK_BLUE, DARK_GREY, DARK_PINK, RISK_BAND_COLOURS, TEXT_ON, TURQUOISE
from dashboard.presentation.sample_marks import DAGGER, sample_rows_note
from dashboard.widgets.chart_text import Alternative, show_alternative
from dashboard.widgets.chart_title import mark_sample
from dashboard.widgets.summary_tables import show_table
from data_model.queries.risks import band_of

SCALE = range(1, 6)
FONT_SIZE = 17


def grid_frame(grid: pd.DataFrame) -> pd.DataFrame:
    """The 5x5 grid as a table: a row per likelihood (5 at the top), a column per impact; each cell
    "count · band score", e.g. "1 · High 20"."""
    counts = {(int(row.likelihood), int(row.impact)): int(row.risks) for row in grid.itertuples()}
    cells = {
        f"Impact {impact}": [
            f"{counts.get((likelihood, impact), 0)} · {band_of(likelihood * impact)} {likelihood * impact}"
            for likelihood in reversed(SCALE)
        ]
        for impact in SCALE
    }
    return pd.DataFrame({"Likelihood": [str(likelihood) for likelihood in reversed(SCALE)], **cells})


def show_risk_grid(grid: pd.DataFrame) -> None:
    """The grid as a static table, each cell filled with its band's colour and written out; above it,
    how many of the risks it counts are sample data."""
    table = grid_frame(grid)
    sample = sample_rows_note(int(grid["illustrative"].sum()), int(grid["risks"].sum()), "risks and issues")
    if sample:
        st.caption(f"{DAGGER} {sample}")

    def colour(cell: str) -> str:
        fill = RISK_BAND_COLOURS.get(cell.split(" · ")[-1].split(" ")[0]) if " · " in cell else None
        return f"background-color:{fill};color:{TEXT_ON[fill]};font-weight:600" if fill else ""

    show_table(table.style.map(colour, subset=[column for column in table.columns if column != "Likelihood"]))


def score_history_chart(history: pd.DataFrame, target: int) -> None:
    """A risk's score at each assessment as steps, with its target as a dashed line."""
    when = [day(value) for value in history["assessed_on"]]
    figure = go.Figure(
        data=[
            go.Scatter(
                x=history["assessed_on"],
                y=history["score"],
                mode="lines+markers+text",
                line={"shape": "hv", "color": DARK_BLUE, "width": 3},
                marker={"size": 10},
                text=[str(score) for score in history["score"]],
                textposition="top center",
                name="Score (likelihood × impact)",
                customdata=when,
                hovertemplate="%{customdata}: score %{y}<extra></extra>",
            ),
            go.Scatter(
                x=[history["assessed_on"].min(), history["assessed_on"].max()],
                y=[target, target],
                mode="lines",
                line={"dash": "dash", "color": DARK_GREY},
                name=f"Target score ({target})",
            ),
        ],
        layout={
            "yaxis": {"title": "Score", "range": [0, 26]},
            "font": {"size": FONT_SIZE},
            "height": 320,
            "margin": {"t": 20, "b": 40},
            "legend": {"orientation": "h"},
        },
    )
    sample = sample_rows_note(int(history["illustrative"].sum()), len(history), "assessments")
    st.plotly_chart(mark_sample(figure, sample), width="stretch")
    show_alternative(score_history_text(history, target), "risk_score_history")


def score_history_text(history: pd.DataFrame, target: int) -> Alternative:
    """The assessments as a table, and a sentence on the first, latest and highest score against the target."""
    first, last = history.iloc[0], history.iloc[-1]
    highest = history.loc[history["score"].astype(int).idxmax()]
    against = "above" if int(last["score"]) > target else "within"
    summary = (
        f"{len(history)} assessments from {day(first['assessed_on'])} to {day(last['assessed_on'])}: score "
        f"{first['score']} at first and {last['score']} at the latest, {against} its target of {target}; "
        f"highest {highest['score']} on {day(highest['assessed_on'])}."
    )
    data = pd.DataFrame(
        {
            "Date": history["assessed_on"].map(day),
            "Likelihood": history["likelihood"],
            "Impact": history["impact"],
            "Score": history["score"],
        }
    )
    return Alternative("Score history", summary, data)


_MARKERS = {
    "baseline_date": ("Baseline", "line-ns-open", DARK_GREY),
    "forecast_date": ("Forecast", "diamond", DARK_PINK),
    "actual_date": ("Actual", "circle", TURQUOISE),
}


TIMELINE_ROWS = 30
"""Milestones drawn at most: a readable chart on a projector (the register below lists them all)."""


def milestone_timeline(register: pd.DataFrame) -> None:
    """One row per milestone (in the register's order, slipped first, the first `TIMELINE_ROWS`): its
    baseline, forecast and actual dates as markers of different shapes, joined by a line showing the slip."""
    if len(register) > TIMELINE_ROWS:
        st.caption(
            f"The first {TIMELINE_ROWS} of the {len(register):,} milestones, most slipped first; all are listed below."
        )
        register = register.head(TIMELINE_ROWS)
    labels = [
        f"{title} (cancelled)" if pd.isna(days) else f"{title} ({days:+d} days)"
        for title, days in zip(register["title"], register["slippage_days"], strict=True)
    ]
    frame = register.assign(label=labels)
    landed = frame["actual_date"].where(frame["actual_date"].notna(), frame["forecast_date"])
    slips = go.Scatter(
        x=[value for start, end in zip(frame["baseline_date"], landed, strict=True) for value in (start, end, None)],
        y=[value for label in frame["label"] for value in (label, label, None)],
        mode="lines",
        line={"color": DARK_GREY, "width": 2},
        name="Slip (baseline to forecast or actual)",
        hoverinfo="skip",
    )
    markers = [
        go.Scatter(
            x=frame[column],
            y=frame["label"],
            mode="markers",
            marker={"symbol": symbol, "size": 14, "color": colour, "line": {"width": 2, "color": colour}},
            name=name,
            customdata=[day(value) for value in frame[column]],
            hovertemplate=f"{name}: %{{customdata}}<extra></extra>",
        )
        for column, (name, symbol, colour) in _MARKERS.items()
    ]
    figure = go.Figure(
        data=[slips, *markers],
        layout={
            "yaxis": {"autorange": "reversed", "title": None},
            "xaxis": {"type": "date"},
            "font": {"size": FONT_SIZE - 3},
            "height": 140 + 34 * len(frame),
            "margin": {"t": 20, "b": 40, "l": 10},
            "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        },
    )
    sample = sample_rows_note(
        int((frame["illustrative"] | frame["forecast_illustrative"]).sum()), len(frame), "milestones"
    )
    st.plotly_chart(mark_sample(figure, sample), width="stretch")
    show_alternative(timeline_text(frame), "milestone_timeline")


def timeline_text(frame: pd.DataFrame) -> Alternative:
    """The drawn milestones' dates as a table, and a sentence on how many slipped and which the most."""
    slipped = frame[frame["slippage_days"].fillna(0) > 0]
    if slipped.empty:
        summary = f"{len(frame)} milestones drawn; none has slipped beyond its baseline."
    else:
        most = slipped.loc[slipped["slippage_days"].astype(int).idxmax()]
        summary = (
            f"{len(frame)} milestones drawn, {len(slipped)} slipped beyond their baseline; the most, "
            f"{most['title']}, by {int(most['slippage_days'])} days."
        )
    data = pd.DataFrame(
        {
            "Milestone": frame["title"],
            "Baseline": frame["baseline_date"].map(day),
            "Forecast": frame["forecast_date"].map(day),
            "Actual": frame["actual_date"].map(day),
            "Slippage (days)": frame["slippage_days"].map(lambda days: "" if pd.isna(days) else f"{int(days):+d}"),
        }
    )
    return Alternative("Milestone timeline", summary, data)
