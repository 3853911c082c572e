"""Statuses in tables, coloured from the palette and always spelt out.

A short static table (st.table) colours the status cell through a pandas Styler. A scrolling
table (st.dataframe) draws each status as a coloured label holding its word instead: a Styler
there costs Streamlit a pass over every cell of the table (0.4 s for 3,000 recommendations),
a label column costs nothing per cell.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.presentation.palette import STATUS_COLOURS, STATUS_LABEL_FILLS, TEXT_ON
from data_model.queries.recommendations import NOT_STARTED

NOT_STARTED_FILL = "#EEEEEE"
"""A light grey label: "Not started" is outside the palette's meaning."""


def style_status(frame: pd.DataFrame, column: str = "Status") -> pd.io.formats.style.Styler:
    """Colour a table's status cells from the palette; the cell keeps its text label."""

    def colour(value: object) -> str:
        fill = STATUS_COLOURS.get(str(value))
        return f"background-color:{fill};color:{TEXT_ON[fill]};font-weight:600" if fill else ""

    return frame.style.map(colour, subset=[column])


def as_labels(statuses: pd.Series) -> pd.Series:
    """Statuses as the one-item lists a label column shows (an empty list for none)."""
    return statuses.map(lambda status: [status] if status else [])


def status_label_column(fills: dict[str, str] | None = None) -> st.column_config.MultiselectColumn:
    """The column config that draws `as_labels` values as coloured labels, read-only: a
    recommendation's status by default, or the labels and fills given (a risk's band ...)."""
    fills = fills or STATUS_LABEL_FILLS | {NOT_STARTED: NOT_STARTED_FILL}
    return st.column_config.MultiselectColumn(options=list(fills), color=list(fills.values()), disabled=True)
