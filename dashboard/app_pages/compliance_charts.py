"""Victims' Code compliance: the latest quarter as headline rates, and each measure's trend.

Measure names come from the data, so they are escaped before they reach a metric label (which
Streamlit renders as markdown); the rights' names are the project's own constants.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.palette import CATEGORICAL, TEXT
from dashboard.widgets.chart_text import Alternative, extremes, show_alternative
from dashboard.widgets.chart_title import mark_sample

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
    made_up = [label for label, illustrative in zip(labels, latest["illustrative"], strict=True) if illustrative]
    if made_up:
        which = "every figure here" if len(made_up) == len(labels) else "; ".join(made_up)
        st.caption(f"Illustrative sample data, invented by the project: {which} (see the Source column below).")
    columns = st.columns(PER_ROW)
    for place, (label, row) in enumerate(zip(labels, latest.itertuples(), strict=True)):
        with columns[place % PER_ROW]:
            change = None if pd.isna(row.change) else f"{row.change * 100:+.1f} pts"
            st.metric(
                label,
                sample_marks.dagger(formatting.percent(row.rate), bool(row.illustrative)),
                change,
                delta_description=f"on {row.previous_quarter}" if change else None,
                chart_data=trend.loc[trend["measure"] == row.measure, "rate"].tolist(),
                help=(
                    f"{formatting.literal(row.right)}. {row.numerator:,} of {row.denominator:,} victims "
                    f"in {row.quarter} "
                    "(returns summed over the agencies chosen, then divided)."
                    + (" Illustrative sample data." if row.illustrative else "")
                ),
                border=True,
            )


def _label(row) -> str:
    measure = formatting.literal(row.measure)
    return measure if pd.isna(row.right_number) else f"Right {row.right_number} · {measure}"


def trend_chart(trend: pd.DataFrame) -> None:
    """Compliance rate per quarter, one line (colour and marker shape) per measure.

    Built in one `go.Figure` call, like the other charts: plotly express and each later update
    would validate the figure again (three quarters of this page's time).
    """
    lines = [
        go.Scatter(
            x=rows["quarter"],
            y=rows["rate"],
            name=measure,
            mode="lines+markers",
            line={"color": CATEGORICAL[place % len(CATEGORICAL)], "width": 3},
            marker={"symbol": SYMBOLS[place % len(SYMBOLS)], "size": 11},
            customdata=rows[["right", "numerator", "denominator"]],
            hovertemplate="%{fullData.name}<br>%{customdata[0]}<br>%{x}: %{y:.0%} "
            "(%{customdata[1]:,} of %{customdata[2]:,})<extra></extra>",
        )
        for place, (measure, rows) in enumerate(trend.groupby("measure", sort=False))
    ]
    quarters = list(trend["quarter"].unique())
    axis = {"tickfont": {"size": FONT_SIZE, "color": TEXT}}
    layout = {
        "font": {"size": FONT_SIZE, "color": TEXT},  # every text in body colour: the theme's grey is 3.7:1
        "height": 460,
        "margin": {"t": 10},
        "legend": {"title": None, "orientation": "h", "y": -0.2, "font": {"color": TEXT}},
        "xaxis": axis
        | {
            "title": None,
            "type": "category",
            "tickvals": quarters,
            "ticktext": [quarter.replace(" ", "<br>", 1) for quarter in quarters],
        },  # 2026/27 over Q2
        "yaxis": axis
        | {"title": {"text": "Share of victims", "font": {"color": TEXT}}, "tickformat": ".0%", "gridcolor": "#E5E5E5"},
        "plot_bgcolor": "white",
    }
    sample = sample_marks.sample_rows_note(int(trend["illustrative"].sum()), len(trend), "quarters from sample returns")
    st.plotly_chart(mark_sample(go.Figure(lines, layout=layout), sample), width="stretch")
    show_alternative(trend_text(trend), "compliance_trend")


def trend_text(trend: pd.DataFrame) -> Alternative:
    """The rates as a long table (measure names are data, so never column headings), and a sentence on
    the latest quarter's highest and lowest rates and how many measures rose since the first quarter."""
    quarters = list(trend["quarter"].unique())
    first, last = quarters[0], quarters[-1]
    highest, lowest = extremes(trend[trend["quarter"] == last], "rate")
    ends = trend.groupby("measure", sort=False)["rate"].agg(["first", "last"])
    rose, fell = int((ends["last"] > ends["first"]).sum()), int((ends["last"] < ends["first"]).sum())
    summary = (
        f"In {last}, {highest['measure']} has the highest rate ({formatting.percent(highest['rate'])}) and "
        f"{lowest['measure']} the lowest ({formatting.percent(lowest['rate'])}); from {first}, {rose} of "
        f"{len(ends)} measures rose and {fell} fell."
    )
    data = pd.DataFrame(
        {
            "Quarter": trend["quarter"],
            "Measure": trend["measure"],
            "Rate": trend["rate"].map(formatting.percent),
            "Victims served": trend["numerator"],
            "Victims eligible": trend["denominator"],
        }
    )
    return Alternative("Compliance by quarter", summary, data)
