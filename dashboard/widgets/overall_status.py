"""The overall status the overview leads with: the word, in its colour, the reasons, and the rule under it."""

from __future__ import annotations

import streamlit as st

from data_model.queries.overall_status import OverallStatus

BADGE_COLOURS = {"Red": "red", "Amber": "orange", "Green": "green"}
"""Streamlit's badge colours for the status; the badge always holds the word too."""


def show_overall_status(overall: OverallStatus) -> None:
    with st.container(border=True):
        st.subheader("Overall status")
        st.badge(overall.status, color=BADGE_COLOURS.get(overall.status, "gray"), width="content")
        st.markdown("**Why:** " + "; ".join(overall.reasons) + ".")
        st.caption(f"The rule (not yet confirmed by the board): {overall.rule}")
