"""Tables of records (recommendations, meetings, insights, returns) with their provenance in view.

Every table keeps its Source column and writes Illustrative rows out in words; user text stays
inside the table (never markdown); statuses are coloured labels holding their word.

A long table is sent a page at a time (`PAGE_ROWS`), in a fragment: moving to another page sends
that page and reruns that table only, not the whole page. Why not st.dataframe(lazy=True), which
sends rows as the reader scrolls and sorts every row on the server? Its first chunk is a fixed
1,000 rows, about 360 KiB of the 3,000 recommendations (the 300 KiB a whole page may send is gone
on one table), and it has no page a link can reopen. The cost of pages: a column heading sorts,
and the table's search finds, within the page on show; the caption says so.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboard.plumbing import address_widgets
from dashboard.presentation import formatting, sample_marks
from dashboard.widgets.status_labels import as_labels, status_label_column

PAGE_ROWS = 100
"""Rows a table sends at a time: a hundred rows of the widest register (recommendations, 14 columns)
are 40 to 50 KiB, so a page with several long tables stays well under 300 KiB, and 3,000 rows are 30
pages to move through."""

PAGER_WIDTH = 380
"""Pixels for the page buttons: room for seven page numbers and the arrows."""
ON_SHOW = "Lists the rows on show in the table above: move to another of its pages to choose from others."
"""Help for a picker fed from `show_records(..., below=...)` when the table is cut into pages."""


def pick_on_show(label: str, choices: dict, key: str, *, cut: bool):
    """One record picked from the rows on show (`choices`: id -> what the list says), kept in the URL
    under `key`; `cut` when the table shows only a page of its rows, which the picker's help then says."""
    return address_widgets.selectbox(
        label, list(choices), format_func=choices.get, key=key, help=ON_SHOW if cut else None
    )


def page_of(
    frame: pd.DataFrame, key: str, order: str = "", *, sortable: bool = False, rows: int = PAGE_ROWS
) -> pd.DataFrame:
    """The rows of `frame` to show: all of them up to `rows` (`PAGE_ROWS` unless given); past that, one page.

    The page is chosen with page buttons whose number is in the address (``?<key>=3``), so a copied
    link reopens the same page; beside them a caption says which rows these are, of how many, and
    the table's `order` (e.g. "highest score first"). A `sortable` table (st.dataframe) sorts by a
    column heading and searches in the browser, within the rows it was sent: the caption says so.
    """
    if len(frame) <= rows:
        return frame
    with st.container(horizontal=True, vertical_alignment="center"):
        caption = st.empty()  # written once the page buttons have said which page
        # A fixed width: at "content" the buttons measure their own width and shrink to two page numbers.
        page = address_widgets.pagination(-(-len(frame) // rows), key=key, width=PAGER_WIDTH)
    first = (page - 1) * rows
    shown = frame.iloc[first : first + rows]
    caption.caption(
        f"Rows {first + 1:,} to {first + len(shown):,} of {len(frame):,}"
        + (f", {order}" if order else "")
        + ("; sorting or searching the table covers this page only." if sortable else ".")
    )
    return shown


def table_key(headings: Iterable[str]) -> str:
    """A table's key (its page's name in the address) when the caller gives none: made from its
    headings, so it is the same on every run and differs between a page's tables."""
    return f"rows_{zlib.crc32('|'.join(headings).encode()):08x}"


@st.fragment
def show_records(
    frame: pd.DataFrame,
    columns: dict[str, str],
    *,
    empty: str,
    key: str | None = None,
    order: str = "",
    status: str | None = None,
    flags: dict[str, str] | None = None,
    config: dict | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    below: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """Show `columns` (query column -> heading) of `frame`, or `empty` as a message when it has no rows.

    A long table shows a page at a time (`page_of`: `key` names it in the address, `order` says
    how its rows are sorted). `below` draws what goes under the table from the rows on show (e.g.
    a picker for one record's history) in the same fragment, so it follows the page shown.

    `flags` turns true/false columns into a word ("Overdue") or a blank; `illustrative` always
    becomes "Illustrative" (and is shown when the frame has it). `status` names the query column
    drawn as coloured status labels; `labels` draws other columns as labels too (query column ->
    label -> fill, e.g. a risk's band). Dates are written like 22 Nov 2026, a missing one as a dash.
    """
    shown = page_of(frame, key or table_key(columns.values()), order, sortable=True)
    if shown.empty:
        st.info(empty)
    else:
        st.dataframe(
            _written(frame, shown, columns, status, flags, labels),
            hide_index=True,
            width="stretch",
            column_config=_config(columns, status, labels, config),
        )
    if below is not None:
        below(shown)


def _written(
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    columns: dict[str, str],
    status: str | None,
    flags: dict[str, str] | None,
    labels: dict[str, dict[str, str]] | None,
) -> pd.DataFrame:
    """The rows on show as the table writes them (only those: a page costs the same however long
    the table); which columns hold dates is read from the whole table, as a page may hold none."""
    view = shown.copy()
    for column, word in ({"illustrative": "Illustrative"} | (flags or {})).items():
        if column in view:
            view[column] = view[column].map({True: word, False: ""})
    wanted = dict(columns)
    if "illustrative" in view:
        wanted.setdefault("illustrative", "Illustrative")
    for column in wanted:
        if _holds_dates(frame[column]):
            view[column] = view[column].map(formatting.day)
        elif not pd.api.types.is_numeric_dtype(view[column]):
            view[column] = view[column].fillna("")
    for column in [status, *(labels or {})]:
        if column:
            view[column] = as_labels(view[column])
    return view[list(wanted)].rename(columns=wanted)


def _config(
    columns: dict[str, str], status: str | None, labels: dict[str, dict[str, str]] | None, config: dict | None
) -> dict:
    """`config` (heading -> column config) with the status and label columns drawn as labels."""
    drawn = dict(config or {})
    if status:
        drawn[columns[status]] = status_label_column()
    for column, fills in (labels or {}).items():
        drawn[columns[column]] = status_label_column(fills)
    return drawn


def _holds_dates(values: pd.Series) -> bool:
    """Days, written out here; times (the audit log's) are left to the column's config."""
    present = values.dropna()
    return not present.empty and isinstance(present.iloc[0], date) and not isinstance(present.iloc[0], datetime)


def show_readings_note(frame: pd.DataFrame) -> None:
    """Under a table whose values the project read (marked ‡), what the mark means; nothing otherwise."""
    if note := sample_marks.readings_caption(frame):
        st.caption(note)
