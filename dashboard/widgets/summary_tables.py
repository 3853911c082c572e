"""Money tables (amounts written £1,234, shares 83%) and static tables for short lists read on a
projector, both with their Source column, Illustrative in words and a message instead of an empty grid;
both a page at a time when long (`record_tables.page_of`).

Cell text is data: it only ever appears inside st.dataframe / st.table (escaped, as st.table draws
Markdown), never as markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.presentation import formatting, sample_marks
from dashboard.widgets.record_tables import page_of, show_records, table_key
from dashboard.widgets.status_labels import style_status

LISTED_ROWS = 1_000
"""Rows a list of payments shows at most: enough to check recent ones, never a million sent to the browser."""


def show_payments(
    load: Callable[[], pd.DataFrame], total: int, which: str, columns: dict[str, str], *, empty: str, order: str
) -> None:
    """ "The payments": up to `LISTED_ROWS` of them (`load`), built and sent only once the reader opens
    the list, saying above it when it shows only `which` (e.g. "newest") of `total`."""
    listing = st.expander("The payments", key="payments", on_change="rerun")
    with listing:
        if listing.open:
            listed = load()
            if total > len(listed):
                st.caption(
                    f"The {which} {len(listed):,} of the {total:,} payments, as the totals above count them all."
                )
            show_money_table(listed, columns, money=["amount"], empty=empty, key="payments_page", order=order)


def written(
    frame: pd.DataFrame,
    money: Iterable[str] = (),
    percents: Iterable[str] = (),
    marks: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A copy of `frame` with the `money` columns as £ text and the `percents` columns as whole %.

    `marks` (money column -> the column saying whether that value is sample data: a flag or the
    sample part of the amount) puts a † on each value built from sample data, value by value, since
    one row can hold a documented budget and invented payments; the row-wide Illustrative column is
    then left out, as it would mark the documented value too.
    """
    view = frame.copy()
    for column in money:
        view[column] = view[column].map(formatting.money)
    for column, sample in (marks or {}).items():
        view[column] = [
            sample_marks.dagger(value, bool(flag) and not pd.isna(flag))
            for value, flag in zip(view[column], frame[sample], strict=True)
        ]
    if marks:
        view = view.drop(columns="illustrative", errors="ignore")
    for column in percents:
        view[column] = view[column].map(formatting.percent)
    return view


def show_money_table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    *,
    empty: str,
    key: str | None = None,
    order: str = "",
    money: Iterable[str] = (),
    percents: Iterable[str] = (),
    flags: dict[str, str] | None = None,
    marks: Mapping[str, str] | None = None,
) -> None:
    """`record_tables.show_records` with the money and share columns written out (`marks`: see `written`)."""
    show_records(written(frame, money, percents, marks), columns, empty=empty, key=key, order=order, flags=flags)
    if marks and not frame.empty and any(frame[sample].astype(bool).any() for sample in marks.values()):
        st.caption(
            f"{sample_marks.DAGGER} built from illustrative sample data; unmarked values are from the documents."
        )


STATIC_PAGE_ROWS = 40
"""Rows a static list shows at a time. Each of its cells is drawn as Markdown in the browser: a hundred
rows of six columns took about 0.35 s to draw in Chromium on a 2-core machine, forty about a third of
that; forty still holds the overview's "Needs a decision" (ten of each long kind) on one page."""


@st.fragment
def show_static(
    frame: pd.DataFrame,
    columns: dict[str, str],
    *,
    empty: str,
    key: str | None = None,
    order: str = "",
    status: str | None = None,
    flags: dict[str, str] | None = None,
) -> None:
    """A short list as st.table, so long text wraps instead of being cut: `columns` (query column ->
    heading), dates written out, `flags` and `illustrative` as words, `status` coloured with its label.
    A list that turns out long (every status move since a board years ago) shows a page at a time, as
    `show_records` does (`key`, `order`): a Styler over thousands of rows is slow to send and draw."""
    if frame.empty:
        st.info(empty)
        return
    view = page_of(frame, key or table_key(columns.values()), order, rows=STATIC_PAGE_ROWS).copy()
    for column, word in ({"illustrative": "Illustrative"} | (flags or {})).items():
        if column in view:
            view[column] = view[column].map({True: word, False: ""})
    for column in view:
        if frame[column].map(lambda value: isinstance(value, date)).any():
            view[column] = view[column].map(formatting.day)
    shown = [*columns, *(["illustrative"] if "illustrative" in view and "illustrative" not in columns else [])]
    view = view[shown].rename(columns=columns | {"illustrative": "Illustrative"})
    show_table(style_status(view, columns[status]) if status else view.style)


def show_table(table: Styler) -> None:
    """st.table with every text cell escaped as it is drawn: Streamlit renders st.table cells as Markdown,
    so a name or narrative holding ``**`` or ``[link](...)`` would otherwise turn into markup. The table's
    data is unchanged (only its display values are escaped), so it reads exactly as written."""
    data = table.data
    text = [column for column in data.columns if not pd.api.types.is_numeric_dtype(data[column])]
    st.table(table.format(formatting.literal, subset=text, na_rep=""), hide_index=True)
