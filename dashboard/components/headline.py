"""Headline figures: large bordered metrics in one row, each with its source one hover away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard.components.format import money


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: str
    """Where the figure comes from and how it is worked out (shown as the metric's help)."""


def show_figures(figures: Sequence[Figure]) -> None:
    """One row of large metrics; the row wraps on a narrow screen."""
    with st.container(horizontal=True):
        for figure in figures:
            st.metric(figure.label, figure.value, help=figure.source, border=True)


def illustrative_part(amount) -> str:
    """A sentence for a figure's source saying how much of it is sample data (empty when none)."""
    return f" Of which {money(amount)} is illustrative sample data." if amount else ""
