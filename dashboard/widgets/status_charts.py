"""Charts of recommendation status: the mix at each board, and one recommendation's steps over time.

Colours come from the palette's status colours, and every status is also named (legend, axis,
hover), so nothing is read from colour alone. "Not started" is grey and hatched. Counts written
inside a bar are black or white, whichever reads better on its fill; all other text is the body
colour (Streamlit's chart theme writes axis text in a grey at 3.7:1). Each chart is followed by its
text alternative (`chart_text`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.presentation.formatting import day
from dashboard.presentation.palette import DARK_GREY, STATUS_COLOURS, TEXT, text_on
from dashboard.presentation.sample_marks import sample_rows_note
from dashboard.widgets.chart_text import Alternative, extremes, show_alternative
from dashboard.widgets.chart_title import mark_sample
from data_model.queries.recommendations import NOT_STARTED, STATUSES

NEUTRAL = "#BFBFBF"
COLOURS = STATUS_COLOURS | {NOT_STARTED: NEUTRAL}
"""Fill for every status a recommendation can show; "Not started" is outside the palette's meaning."""
FONT_SIZE = 17
"""Readable on a projector."""
LABELLED_DATES = 16
"""Counts are written inside the bars for up to this many dates. Past it a bar is too narrow for them, and
plotly would measure every label only to hide it (`uniformtext`): a third of the page's drawing time at 50
boards. The hover and the chart's data table still give every count."""
PATTERNS = dict.fromkeys(STATUS_COLOURS, "") | {NOT_STARTED: "/"}


def status_mix_chart(mix: pd.DataFrame, sample: str = "") -> None:
    """A stacked bar per date: how many recommendations stood at each status then, and its text alternative."""
    frame = dated_mix(mix)
    st.plotly_chart(mark_sample(status_mix_figure(frame), sample), width="stretch")
    show_alternative(mix_text(frame), "status_mix")


def dated_mix(mix: pd.DataFrame) -> pd.DataFrame:
    """`mix` with each bar's date as written under it ("… (as at)" for the as-at day)."""
    when = [
        f"{day(as_of)} (as at)" if board == "As at" else day(as_of)
        for as_of, board in zip(mix["as_of"], mix["board"], strict=True)
    ]
    return mix.assign(when=when)


def status_mix_figure(frame: pd.DataFrame) -> go.Figure:
    """The stacked bars, a trace per status, built in one `go.Figure` call: plotly validates every
    update, and a figure made by plotly.express and then updated cost the page several times as much."""
    labelled = frame["when"].nunique() <= LABELLED_DATES
    bars = [
        go.Bar(
            name=status,
            x=rows["when"],
            y=rows["recommendations"],
            text=rows["recommendations"] if labelled else None,
            textposition="inside",
            textangle=0,
            insidetextfont={"color": text_on(COLOURS[status])},
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
    return go.Figure(
        bars,
        layout={
            "barmode": "stack",
            "legend": {
                "title": {"text": "Status", "font": {"color": TEXT}},
                "traceorder": "normal",
                "font": {"color": TEXT},
            },
            "xaxis": {
                "title": None,
                "tickfont": {"size": FONT_SIZE - 2, "color": TEXT},
                "categoryorder": "array",
                "categoryarray": list(dict.fromkeys(frame["when"])),
            },
            "yaxis": {
                "title": {"text": "Recommendations", "font": {"color": TEXT}},
                "tickfont": {"size": FONT_SIZE, "color": TEXT},
            },
            "font": {"size": FONT_SIZE, "color": TEXT},
            "uniformtext": {"minsize": FONT_SIZE - 3, "mode": "hide"},
            "margin": {"t": 10},
            "height": 480,
        },
    )


def mix_text(frame: pd.DataFrame) -> Alternative:
    """The status mix as one row per date (a column per status), and a sentence on the latest date and
    how the Complete and Red counts moved since the first."""
    table = frame.pivot_table(index="when", columns="status", values="recommendations", aggfunc="sum", sort=False)
    table = table.reindex(columns=[status for status in STATUSES if status in table.columns]).fillna(0).astype(int)
    first, last = table.index[0], table.index[-1]
    latest = table.loc[last].rename_axis("status").reset_index(name="count")
    most, fewest = extremes(latest[latest["count"] > 0], "count")
    moves = " and ".join(
        f"{status} from {table.loc[first, status]} to {table.loc[last, status]}"
        for status in ("Complete", "Red")
        if status in table.columns
    )
    summary = (
        f"On {last}, most recommendations were {most['status']} ({most['count']}) and fewest {fewest['status']} "
        f"({fewest['count']})" + (f"; since {first}, {moves}." if moves and first != last else ".")
    )
    return Alternative("Status at each board", summary, table.rename_axis(None, axis=1).reset_index(names="Date"))


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
                "tickfont": {"size": FONT_SIZE, "color": TEXT},
            },
            "xaxis": {"title": None, "tickfont": {"size": FONT_SIZE, "color": TEXT}},
            "font": {"size": FONT_SIZE, "color": TEXT},
            "margin": {"t": 10},
            "height": 380,
        },
    )
    sample = sample_rows_note(int(history["illustrative"].sum()), len(history), "progress updates")
    st.plotly_chart(mark_sample(figure, sample), width="stretch")
    show_alternative(steps_text(history), "status_steps")


def steps_text(history: pd.DataFrame) -> Alternative:
    """The updates as a table, and a sentence on the first and latest status and which way it moved."""
    first, last = history.iloc[0], history.iloc[-1]
    now = f"{last['status']} ({last['percent_complete']}% complete)"
    if len(history) == 1:
        summary = f"One progress update, on {day(last['update_date'])}: {now}."
    else:
        change = STATUSES.index(last["status"]) - STATUSES.index(first["status"])
        way = "an improvement" if change < 0 else "a slip" if change > 0 else "no change of status"
        summary = (
            f"{len(history)} progress updates from {day(first['update_date'])} to {day(last['update_date'])}: "
            f"{first['status']} at first and {now} at the latest, {way}."
        )
    data = pd.DataFrame(
        {
            "Date": history["update_date"].map(day),
            "Status": history["status"],
            "Complete (%)": history["percent_complete"],
        }
    )
    return Alternative("Status history", summary, data)
