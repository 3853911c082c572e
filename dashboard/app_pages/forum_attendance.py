"""A forum's attendance, shown so that small numbers stay hidden.

Counts under 5 arrive from SQL as missing (never as a number): they are written "<5" and drawn
as a marked placeholder on the axis, not as a bar, so neither the chart, its hover nor its text
alternative gives one back.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.palette import DARK_BLUE, DARK_GREY, TEXT
from dashboard.widgets.chart_text import Alternative, extremes, show_alternative
from dashboard.widgets.chart_title import mark_sample
from dashboard.widgets.headline_figures import Figure, show_figures
from data_model.queries.common import SMALL_NUMBER

HIDDEN = f"<{SMALL_NUMBER}"
FONT_SIZE = 17


def forum_figures(forum: pd.Series, attendance: dict) -> None:
    """The headline row for one forum (`forum_headline`)."""
    show_figures(forum_headline(forum, attendance))


def forum_headline(forum: pd.Series, attendance: dict) -> list[Figure]:
    """Status, meetings, participants, insights closed; each from sample rows marked (the forum row
    itself, or the meetings and insights counted)."""
    meetings_note = sample_marks.sample_rows_note(
        attendance["illustrative_meetings"], attendance["meetings"], "meetings"
    )
    counts_note = "counts sample meetings or insights" if forum["counts_illustrative"] else ""
    if not attendance["meetings"]:
        how = "No meetings in the year."
    elif attendance["small_meetings"]:
        how = (
            f"The participants at the meetings of {SMALL_NUMBER} or more, added up; a meeting with fewer is "
            f"written <{SMALL_NUMBER} and never added in, as a total with it in would give its number away."
        )
    else:
        how = "Sum of participants at each meeting."
    insights = forum["open_insights"] + forum["closed_insights"]
    register = "From the forum register above (its Source column names where each figure comes from)."
    return [
        Figure(
            "Status",
            sample_marks.as_read(forum["status"], forum["project_reading"]),
            register + _reading(forum["project_reading"]),
            "sample forum" if forum["illustrative"] else "",
        ),
        Figure(
            "Meetings in the last year",
            str(attendance["meetings"]),
            "Meetings in the year to the as-at date.",
            meetings_note,
        ),
        Figure("Participants in the last year", formatting.participant_total(attendance), how, meetings_note),
        Figure("Insights closed", f"{forum['closed_insights']} of {insights}", register, counts_note),
        Figure(
            "Share closed",
            formatting.percent(forum["share_closed"]),
            "Closed insights ÷ all insights raised by the as-at date, counted in SQL.",
            counts_note,
        ),
    ]


def _reading(reading: str) -> str:
    """Behind the ?: the project's reading, where the status is one (as data, never markup)."""
    return f" {sample_marks.READING} The project's reading: {formatting.literal(reading)}" if reading else ""


def participants_chart(meetings: pd.DataFrame) -> None:
    """The chart of participants per meeting (`attendance_chart`), marked where drawn from sample
    meetings, with its text alternative."""
    sample = sample_marks.sample_rows_note(int(meetings["illustrative"].sum()), len(meetings), "meetings")
    st.plotly_chart(mark_sample(attendance_chart(meetings), sample), width="stretch")
    show_alternative(participants_text(meetings), "participants")


def attendance_chart(meetings: pd.DataFrame) -> go.Figure:
    """Participants per meeting: a labelled bar where 5 or more; a "<5" marker on the axis otherwise."""
    shown = meetings[meetings["participants"].notna()]
    hidden = meetings[meetings["participants"].isna()]
    bars = go.Bar(
        x=shown["meeting_date"],
        y=shown["participants"].astype(int),
        name="Participants",
        marker_color=DARK_BLUE,
        text=shown["participants"].astype(int),
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{x|%-d %b %Y}: %{y} participants<extra></extra>",
    )
    placeholders = go.Scatter(
        x=hidden["meeting_date"],
        y=[0] * len(hidden),
        mode="markers+text",
        name=f"Fewer than {SMALL_NUMBER} (not shown)",
        marker={"symbol": "square-open", "size": 18, "color": DARK_GREY, "line": {"width": 2}},
        text=[HIDDEN] * len(hidden),
        textposition="top center",
        textfont={"size": FONT_SIZE, "color": DARK_GREY},
        hovertemplate=f"%{{x|%-d %b %Y}}: fewer than {SMALL_NUMBER} participants<extra></extra>",
    )
    layout = {  # one call: plotly validates the whole figure again on every update
        "font": {"size": FONT_SIZE, "color": TEXT},  # every text in body colour: the theme's grey is 3.7:1
        "height": 380,
        "margin": {"t": 30, "b": 10},
        "legend": {"orientation": "h", "y": -0.15, "font": {"color": TEXT}},
        "plot_bgcolor": "white",
        "xaxis": {"tickfont": {"size": FONT_SIZE, "color": TEXT}},
        "yaxis": {
            "title": {"text": "Participants", "font": {"color": TEXT}},
            "rangemode": "tozero",
            "gridcolor": "#E5E5E5",
            "tickfont": {"size": FONT_SIZE, "color": TEXT},
        },
    }
    return go.Figure([bars, placeholders], layout=layout)


def participants_text(meetings: pd.DataFrame) -> Alternative:
    """The largest meeting and how many were too small to show; the table is `attendance_view`'s ("<5")."""
    shown = meetings[meetings["participants"].notna()]
    dates = meetings["meeting_date"]
    count = len(meetings)
    summary = f"{count} meeting{'s' * (count != 1)} from {formatting.day(dates.min())} to {formatting.day(dates.max())}"
    if shown.empty:
        summary += f"; each had fewer than {SMALL_NUMBER} participants (not shown)."
    else:
        largest, _ = extremes(shown, "participants")
        summary += (
            f"; the largest had {int(largest['participants'])} participants ({formatting.day(largest['meeting_date'])})"
        )
        small = len(meetings) - len(shown)
        summary += f", and {small} had fewer than {SMALL_NUMBER} (not shown)." if small else "."
    view = attendance_view(meetings)
    data = pd.DataFrame({"Date": view["meeting_date"].map(formatting.day), "Participants": view["participants"]})
    return Alternative("Participants per meeting", summary, data)


def attendance_view(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings with participants written out ("<5" for small numbers), ready for a table."""
    return meetings.assign(participants=meetings["participants"].map(formatting.count))
