"""The scope every page shares, chosen in the sidebar: "as at" a day, compared with a past board
meeting, and whether to show documented figures only.

The controls are bound to the address, so a copied link reopens the same view
(``?as_at=2026-10-15&since=2026-08-13&documented_only=true``). They make one `Scope` per run
(`data_model.scope`, where the rule for the default board lives); pages read it with
`current_scope()` and hand it whole to every query, download and the pack.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.plumbing.cached_queries import query
from dashboard.presentation.formatting import day
from data_model.scope import FALLBACK_DAYS, Scope, boards_before, scope_for


def render_scope_controls() -> Scope:
    """Draw the sidebar controls and remember the scope for this run."""
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
        boards = query(boards_before, as_at, documented_only)
        since = None
        if boards:
            chosen = st.selectbox(
                "Changes since",
                [board.isoformat() for board in boards],  # the address holds the day as written
                key="since",
                bind="query-params",
                format_func=lambda iso: f"Board of {day(date.fromisoformat(iso))}",
                help="The board meeting to compare with; by default the last one before the as-at day "
                "(on a board's own day, the board before it).",
            )
            since = date.fromisoformat(chosen)
        else:
            st.caption(
                f"No board meeting on record before {day(as_at)}: changes are over the last {FALLBACK_DAYS} days."
            )
    scope = scope_for(as_at, boards, since, documented_only)
    st.session_state["_scope"] = scope
    return scope


def current_scope() -> Scope:
    """The scope `render_scope_controls` made for this run."""
    return st.session_state["_scope"]
