"""The overall status the overview leads with: the word, in its colour, the reasons, and the rule under it."""

from __future__ import annotations

import streamlit as st

from dashboard.presentation.sample_marks import DAGGER, dagger
from data_model.queries.overall_status import OverallStatus

BADGE_COLOURS = {"Red": "red", "Amber": "orange", "Green": "green"}
"""Streamlit's badge colours for the status; the badge always holds the word too."""


def show_overall_status(overall: OverallStatus) -> None:
    with st.container(border=True):
        st.subheader("Overall status")
        status = dagger(overall.status, overall.sample)
        st.badge(status, color=BADGE_COLOURS.get(overall.status, "gray"), width="content")
        st.markdown("**Why:** " + "; ".join(dagger(reason.text, reason.sample) for reason in overall.reasons) + ".")
        if overall.sample:
            st.caption(f"{DAGGER} counts built from illustrative sample data.")
        st.caption(f"The rule (not yet confirmed by the board): {overall.rule}")
