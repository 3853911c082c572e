"""Headline figures: large bordered metrics in one row, each with its source one hover away.

A figure built from illustrative sample data says so in the metric itself, readable on a
projector without hovering: a † on the value and a line under it ("includes £701,950 sample data").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard.presentation.formatting import money
from dashboard.presentation.sample_marks import dagger, sample_note, sample_rows_note


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: str
    """Where the figure comes from and how it is worked out (shown as the metric's help)."""
    sample: str = ""
    """How much of the figure is sample data ("includes £1,234 sample data"); empty when none is."""


def show_figures(figures: Sequence[Figure]) -> None:
    """One row of large metrics; the row wraps on a narrow screen."""
    with st.container(horizontal=True):
        for figure in figures:
            st.metric(
                figure.label,
                dagger(figure.value, bool(figure.sample)),
                delta=figure.sample or None,
                delta_color="off",
                delta_arrow="off",
                help=figure.source,
                border=True,
            )


def money_figure(totals: Mapping, label: str, name: str, source: str) -> Figure:
    """The money figure `totals[name]`, marked with how much of it (`totals[name + "_illustrative"]`) is sample data."""
    sample = totals[f"{name}_illustrative"]
    return Figure(label, money(totals[name]), source + illustrative_part(sample), sample_note(sample, totals[name]))


def count_figure(counts: Mapping, label: str, name: str, source: str, what: str) -> Figure:
    """The count `counts[name]`, marked with how many of the `what` it counts (`counts[name + "_illustrative"]`)
    are sample data."""
    return Figure(
        label, str(counts[name]), source, sample_rows_note(counts[f"{name}_illustrative"], counts[name], what)
    )


def illustrative_part(amount) -> str:
    """A sentence for a figure's source saying how much of it is sample data (empty when none)."""
    return f" Of which {money(amount)} is illustrative sample data." if amount else ""
