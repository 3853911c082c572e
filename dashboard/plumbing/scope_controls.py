"""The scope every page shares, chosen in the sidebar: "as at" a day, compared with a past board
meeting, and whether to show documented figures only.

The controls are bound to the address, so a copied link reopens the same view
(``?as_at=2026-10-15&since=Board+of+13+Aug+2026&documented_only=true``); a value there they cannot
use is named on the page (`address_widgets`). They make one `Scope` per run
(`data_model.scope`, where the rule for the default board lives); pages read it with
`current_scope()` and hand it whole to every query, download and the pack.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.presentation.formatting import day
from data_model.scope import FALLBACK_DAYS, Scope, boards_before, scope_for


def render_scope_controls() -> Scope:
    """Draw the sidebar controls and remember the scope for this run."""
    with st.sidebar:
        documented_only = address_widgets.toggle(
            "Documented figures only",
            key="documented_only",
            help="Leave out every illustrative (sample) row: only figures from the source documents remain.",
        )
        as_at = address_widgets.date_input(
            "As at",
            value=date.today(),
            key="as_at",
            format="DD/MM/YYYY",
            help="Every figure is shown as it stood at the end of this day.",
        )
        boards = query(boards_before, as_at, documented_only)
        since = None
        if boards:
            chosen = address_widgets.selectbox(
                "Changes since",
                [board.isoformat() for board in boards],  # the address holds the box's words: Board of 13 Aug 2026
                key="since",
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
