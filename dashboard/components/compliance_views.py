"""Victims' Code compliance: the latest quarter as headline rates, and each measure's trend.

Measure names come from the data, so they are escaped before they reach a metric label (which
Streamlit renders as markdown); the rights' names are the project's own constants.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard.components import format
from dashboard.components.palette import CATEGORICAL

FONT_SIZE = 17
PER_ROW = 3
"""Metrics to a row: wide enough for "Right 7 · Offer of a Victim Personal Statement" on one line."""
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x")
"""One marker shape per measure as well as one colour, so the lines read in black and white."""


def latest_figures(latest: pd.DataFrame, trend: pd.DataFrame) -> None:
    """One metric per measure: its newest rate, the change on the quarter before, a sparkline.

    Illustrative figures are named in a caption above the row (and in each metric's help).
    """
    labels = [_label(row) for row in latest.itertuples()]
    made_up = [label for label, illustrative in zip(labels, latest["illustrative"]) if illustrative]
    if made_up:
        which = "every figure here" if len(made_up) == len(labels) else "; ".join(made_up)
        st.caption(f"Illustrative sample data, invented by the project: {which} (see the Source column below).")
    columns = st.columns(PER_ROW)
    for place, (label, row) in enumerate(zip(labels, latest.itertuples())):
        with columns[place % PER_ROW]:
            change = None if pd.isna(row.change) else f"{row.change * 100:+.1f} pts"
            st.metric(
                label,
                format.percent(row.rate),
                change,
                delta_description=f"on {row.previous_quarter}" if change else None,
                chart_data=trend.loc[trend["measure"] == row.measure, "rate"].tolist(),
                help=(
                    f"{format.literal(row.right)}. {row.numerator:,} of {row.denominator:,} victims in {row.quarter} "
                    "(returns summed over the agencies chosen, then divided)."
                    + (" Illustrative sample data." if row.illustrative else "")
                ),
                border=True,
            )


def _label(row) -> str:
    measure = format.literal(row.measure)
    return measure if pd.isna(row.right_number) else f"Right {row.right_number} · {measure}"


def trend_chart(trend: pd.DataFrame) -> None:
    """Compliance rate per quarter, one line (colour and marker shape) per measure."""
    figure = px.line(
        trend,
        x="quarter",
        y="rate",
        color="measure",
        symbol="measure",
        markers=True,
        color_discrete_sequence=CATEGORICAL,
        symbol_sequence=SYMBOLS,
        custom_data=["right", "numerator", "denominator"],
    )
    figure.update_traces(
        marker_size=11,
        line_width=3,
        hovertemplate="%{fullData.name}<br>%{customdata[0]}<br>%{x}: %{y:.0%} "
        "(%{customdata[1]:,} of %{customdata[2]:,})<extra></extra>",
    )
    figure.update_layout(
        font_size=FONT_SIZE,
        height=460,
        margin={"t": 10},
        legend={"title": None, "orientation": "h", "y": -0.2},
        xaxis_title=None,
        yaxis_title="Share of victims",
        plot_bgcolor="white",
    )
    figure.update_yaxes(tickformat=".0%", gridcolor="#E5E5E5", tickfont_size=FONT_SIZE)
    figure.update_xaxes(tickfont_size=FONT_SIZE)
    st.plotly_chart(figure, width="stretch")
