"""Charts of recommendation status: the mix at each board, and one recommendation's steps over time.

Colours come from the palette's status colours, and every status is also named (legend, axis,
hover), so nothing is read from colour alone. "Not started" is grey and hatched.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.components.format import day
from dashboard.components.palette import DARK_GREY, STATUS_COLOURS
from dashboard.components.sample_marks import mark_sample
from data_model.queries.recommendations import NOT_STARTED, STATUSES

NEUTRAL = "#BFBFBF"
COLOURS = STATUS_COLOURS | {NOT_STARTED: NEUTRAL}
"""Fill for every status a recommendation can show; "Not started" is outside the palette's meaning."""
FONT_SIZE = 17
"""Readable on a projector."""
PATTERNS = dict.fromkeys(STATUS_COLOURS, "") | {NOT_STARTED: "/"}


def status_mix_chart(mix: pd.DataFrame, sample: str = "") -> None:
    """A stacked bar per date: how many recommendations stood at each status then.

    Built in one `go.Figure` call, a trace per status: plotly validates every update, and a
    figure made by plotly.express and then updated cost the page several times as much.
    """
    when = [
        f"{day(as_of)} (as at)" if board == "As at" else day(as_of)
        for as_of, board in zip(mix["as_of"], mix["board"], strict=True)
    ]
    frame = mix.assign(when=when)
    bars = [
        go.Bar(
            name=status,
            x=rows["when"],
            y=rows["recommendations"],
            text=rows["recommendations"],
            textposition="inside",
            textangle=0,
            customdata=rows["board"],
            hovertemplate=f"%{{customdata}}, %{{x}}<br>{status}: %{{y}}<extra></extra>",
            marker={
                "color": COLOURS[status],
                "pattern": {"shape": PATTERNS[status]},
                "line": {"color": DARK_GREY, "width": 0.5},
            },
        )
        for status in STATUSES
        if not (rows := frame[frame["status"] == status]).empty
    ]
    figure = go.Figure(
        bars,
        layout={
            "barmode": "stack",
            "legend": {"title": {"text": "Status"}, "traceorder": "normal"},
            "xaxis": {
                "title": None,
                "tickfont": {"size": FONT_SIZE - 2},
                "categoryorder": "array",
                "categoryarray": list(dict.fromkeys(frame["when"])),
            },
            "yaxis": {"title": {"text": "Recommendations"}, "tickfont": {"size": FONT_SIZE}},
            "font": {"size": FONT_SIZE},
            "uniformtext": {"minsize": FONT_SIZE - 3, "mode": "hide"},
            "margin": {"t": 10},
            "height": 480,
        },
    )
    st.plotly_chart(mark_sample(figure, sample), width="stretch")


def status_steps_chart(history: pd.DataFrame) -> None:
    """One recommendation's status at each progress update, as steps on the scale (best at the top)."""
    figure = go.Figure(
        go.Scatter(
            x=history["update_date"],
            y=history["status"],
            mode="lines+markers",
            line={"shape": "hv", "color": DARK_GREY},
            marker={
                "size": 16,
                "color": [COLOURS[status] for status in history["status"]],
                "line": {"color": DARK_GREY, "width": 1},
            },
            customdata=history["percent_complete"],
            hovertemplate="%{x|%-d %b %Y}<br>%{y}, %{customdata}% complete<extra></extra>",
            showlegend=False,
        ),
        layout={
            "yaxis": {
                "categoryorder": "array",
                "categoryarray": list(reversed(STATUSES)),
                "range": [-0.5, len(STATUSES) - 0.5],
                "title": None,
                "tickfont": {"size": FONT_SIZE},
            },
            "xaxis": {"title": None, "tickfont": {"size": FONT_SIZE}},
            "font": {"size": FONT_SIZE},
            "margin": {"t": 10},
            "height": 380,
        },
    )
    st.plotly_chart(figure, width="stretch")
