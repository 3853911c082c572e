"""The reporting period every page shares: "as at" a date, compared with a past board meeting, and
whether to show documented figures only.

The controls live in the sidebar and are bound to the URL, so a copied link reopens the same
view (``?documented_only=true`` for documented figures only). Pages read the chosen period with
`current_period()` and run their queries through `current_query()`, which leaves every
illustrative row out when the toggle is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from dashboard.briefing.page_tables import scoped
from dashboard.plumbing.cached_queries import query
from dashboard.presentation.formatting import day
from data_model.queries.boards import board_meetings_before


@dataclass(frozen=True)
class Period:
    as_at: date
    since: date  # the board meeting the "changes" view compares with
    since_label: str
    documented_only: bool = False  # leave every illustrative (sample) row out


def render_period_controls() -> Period:
    """Draw the sidebar controls and remember the period for this run."""
    with st.sidebar:
        documented_only = st.toggle(
            "Documented figures only",
            key="documented_only",
            bind="query-params",
            help="Leave out every illustrative (sample) row: only figures from the source documents remain.",
        )
        as_at = st.date_input(
            "As at",
            value=date.today(),
            key="as_at",
            bind="query-params",
            format="DD/MM/YYYY",
            help="Every figure is shown as it stood at the end of this day.",
        )
        boards = query(board_meetings_before, as_at, documented_only=documented_only)
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
    period = Period(as_at=as_at, since=since, since_label=label, documented_only=documented_only)
    st.session_state["_period"] = period
    return period


def current_period() -> Period:
    return st.session_state["_period"]


def current_query():
    """The cached `query`, leaving out illustrative rows when "Documented figures only" is on."""
    return scoped(query, current_period().documented_only)
