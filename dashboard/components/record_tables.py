"""Tables of records (recommendations, meetings, insights, returns) with their provenance in view.

Every table keeps its Source column and writes Illustrative rows out in words; user text stays
inside the table (never markdown); statuses are coloured labels holding their word.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components import format
from dashboard.components.status import as_labels, status_label_column


def show_records(
    frame: pd.DataFrame,
    columns: dict[str, str],
    *,
    empty: str,
    status: str | None = None,
    flags: dict[str, str] | None = None,
    config: dict | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> None:
    """Show `columns` (query column -> heading) of `frame`, or `empty` as a message when it has no rows.

    `flags` turns true/false columns into a word ("Overdue") or a blank; `illustrative` always
    becomes "Illustrative" (and is shown when the frame has it). `status` names the query column
    drawn as coloured status labels; `labels` draws other columns as labels too (query column ->
    label -> fill, e.g. a risk's band). Dates are written like 22 Nov 2026, a missing one as a dash.
    """
    if frame.empty:
        st.info(empty)
        return
    view = frame.copy()
    for column, word in ({"illustrative": "Illustrative"} | (flags or {})).items():
        if column in view:
            view[column] = view[column].map({True: word, False: ""})
    wanted = dict(columns)
    if "illustrative" in view:
        wanted.setdefault("illustrative", "Illustrative")
    view = view[list(wanted)].rename(columns=wanted)
    for heading in view.columns:
        if _holds_dates(view[heading]):
            view[heading] = view[heading].map(format.day)
        elif not pd.api.types.is_numeric_dtype(view[heading]):
            view[heading] = view[heading].fillna("")
    config = dict(config or {})
    if status:
        view[wanted[status]] = as_labels(view[wanted[status]])
        config[wanted[status]] = status_label_column()
    for column, fills in (labels or {}).items():
        view[wanted[column]] = as_labels(view[wanted[column]])
        config[wanted[column]] = status_label_column(fills)
    st.dataframe(view, hide_index=True, width="stretch", column_config=config)


def _holds_dates(values: pd.Series) -> bool:
    present = values.dropna()
    return not present.empty and isinstance(present.iloc[0], date)
