"""The reporting period every page shares: "as at" a date, compared with a past board meeting.

Both controls live in the sidebar and are bound to the URL, so a copied link reopens the same
period. Pages read the chosen period with `current_period()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from dashboard.components.data import query
from dashboard.components.format import day
from data_model.queries.boards import board_meetings_before


@dataclass(frozen=True)
class Period:
    as_at: date
    since: date  # the board meeting the "changes" view compares with
    since_label: str


def render_period_controls() -> Period:
    """Draw the sidebar controls and remember the period for this run."""
    with st.sidebar:
        as_at = st.date_input(
            "As at",
            value=date.today(),
            key="as_at",
            bind="query-params",
            format="DD/MM/YYYY",
            help="Every figure is shown as it stood at the end of this day.",
        )
        boards = query(board_meetings_before, as_at)
        if boards.empty:
            since = as_at - timedelta(days=90)
            label = f"90 days before ({day(since)})"
            st.caption(f"No board meeting on record before {day(as_at)}: changes are over the last 90 days.")
        else:
            meetings = [d.isoformat() for d in boards["meeting_date"]]
            chosen = st.selectbox(
                "Changes since",
                meetings,
                key="since",
                bind="query-params",
                format_func=lambda iso: f"Board of {day(date.fromisoformat(iso))}",
                help="The board meeting to compare with; the newest one before the as-at date by default.",
            )
            since = date.fromisoformat(chosen)
            label = f"the board of {day(since)}"
    period = Period(as_at=as_at, since=since, since_label=label)
    st.session_state["_period"] = period
    return period


def current_period() -> Period:
    return st.session_state["_period"]
