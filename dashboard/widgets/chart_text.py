"""Text alternatives for charts: a one-sentence summary under each chart, and its data one click away.

A screen reader cannot read a plotly chart, and a board member may want the exact figures. Every
chart is followed by a sentence naming what is largest, smallest or changing, and a "Chart data"
toggle that shows the same rows as an HTML table (st.table: read cell by cell by a screen reader,
unlike st.dataframe's canvas). The toggle, not an expander, keeps a long table from being drawn
until it is asked for (an expander's content is built even while closed); a table that needs a
query of its own (a chart drawn from fewer rows than its exact figures) is not even made until then.

Names in a summary are data, so the sentence is plain text (st.text), never markdown; the table's
cells are escaped by `show_table`, and the toggle's label by `formatting.literal`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.presentation import formatting
from dashboard.widgets.summary_tables import show_table


@dataclass(frozen=True)
class Alternative:
    title: str
    """What the chart shows, naming its toggle: "Chart data: <title>"."""
    summary: str
    """One sentence: the largest and smallest, or the direction of change (small multiples: one a line, per panel)."""
    data: pd.DataFrame | Callable[[], pd.DataFrame]
    """The chart's figures as its table shows them: readable headings, values written (£1,234, 83%);
    or a function making that table, called only when the toggle is on."""


def show_alternative(alternative: Alternative, key: str) -> None:
    """Under a chart: its summary, then a toggle showing its data as a table (`key` names the toggle)."""
    st.text(alternative.summary)
    if st.toggle(f"Chart data: {formatting.literal(alternative.title)}", key=f"chart_data_{key}"):
        data = alternative.data() if callable(alternative.data) else alternative.data
        show_table(data.style)


def extremes(frame: pd.DataFrame, value: str) -> tuple[pd.Series, pd.Series]:
    """The rows with the largest and the smallest `value` (the first in the frame's order on a tie)."""
    values = frame[value].astype(float)
    return frame.loc[values.idxmax()], frame.loc[values.idxmin()]
