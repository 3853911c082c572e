"""The registers a page at a time, through AppTest, on a database whose registers run to several pages
(`tests.helpers.long_registers`): a hundred rows on show, the caption's figures, every row on some page
in the register's order, and the history pickers fed from the rows on show. Counts and rows are
worked out again in plain SQL."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.widgets.record_tables import ON_SHOW, PAGE_ROWS
from dashboard.widgets.summary_tables import STATIC_PAGE_ROWS
from tests.helpers.seeded import AS_AT_ISO, open_page, rerun

FIRST_BOARD = "2016-12-08"
"""The generated portfolio's first board: the changes since it fill several pages."""
FIRST_BOARD_LABEL = "Board of 8 Dec 2016"
"""How the sidebar's "Changes since" writes it, and so how the address names it."""
SORTING = "sorting or searching the table covers this page only."


def sql_column(engine: Engine, statement: str, **params: object) -> list:
    with engine.connect() as connection:
        return list(connection.execute(text(statement), params).scalars())


def rows_captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption if caption.value.startswith("Rows ")]


def every_page(at: AppTest, key: str, index: int = 0) -> pd.DataFrame:
    """The table's rows, page after page, as the reader would move through them."""
    pages = at.pagination(key=key).proto.num_pages
    shown = []
    for page in range(1, pages + 1):
        at.pagination(key=key).set_value(page)
        shown.append(rerun(at).dataframe[index].value)
    return pd.concat(shown, ignore_index=True)


def last_page(total: int) -> int:
    return -(-total // PAGE_ROWS)


def test_the_risk_register_shows_a_hundred_risks_with_their_history_picker(long_app_env, long_registers_engine):
    titles = sql_column(long_registers_engine, "SELECT title FROM risk WHERE raised_date <= :day", day=AS_AT_ISO)
    assert len(titles) > 2 * PAGE_ROWS
    at = open_page("risks")
    register = at.dataframe[0].value
    assert len(register) == PAGE_ROWS
    assert rows_captions(at) == [f"Rows 1 to 100 of {len(titles):,}, open ones first, highest score first; {SORTING}"]
    picker = at.selectbox(key="risk")
    assert picker.options == register["Risk or issue"].tolist()  # the rows on show, not all of them
    assert picker.help == ON_SHOW

    at.pagination(key="risks_page").set_value(last_page(len(titles)))
    register = rerun(at).dataframe[0].value
    assert len(register) == len(titles) - 2 * PAGE_ROWS
    assert rows_captions(at)[0].startswith(f"Rows 201 to {len(titles)} of {len(titles)}, ")
    assert at.selectbox(key="risk").options == register["Risk or issue"].tolist()
    assert at.dataframe[1].value.columns.tolist()[:4] == ["Date", "Likelihood", "Impact", "Score"]  # its history


def test_every_risk_is_on_some_page_open_ones_first_highest_score_first(long_app_env, long_registers_engine):
    titles = sql_column(long_registers_engine, "SELECT title FROM risk WHERE raised_date <= :day", day=AS_AT_ISO)
    register = every_page(open_page("risks"), "risks_page")
    assert sorted(register["Risk or issue"]) == sorted(titles)
    assert register["Status"].tolist() == sorted(register["Status"], key=lambda status: status == "Closed")
    for _, rows in register.groupby("Status"):
        assert rows["Score"].is_monotonic_decreasing


def test_the_recommendations_register_a_page_at_a_time(long_app_env, long_registers_engine):
    references = sql_column(long_registers_engine, "SELECT reference FROM recommendation")
    at = open_page("recommendations")
    register = at.dataframe[0].value
    assert len(register) == PAGE_ROWS
    assert rows_captions(at) == [f"Rows 1 to 100 of {len(references):,}, by source review; {SORTING}"]
    assert at.selectbox(key="recommendation").options == [
        f"{reference}: {words[:80]}"
        for reference, words in zip(register["Reference"], register["Recommendation"], strict=True)
    ]
    assert sorted(every_page(at, "recommendations_page")["Reference"]) == sorted(references)


def test_the_milestone_register_a_page_at_a_time_with_its_history_under_it(long_app_env, long_registers_engine):
    titles = sql_column(long_registers_engine, "SELECT title FROM milestone WHERE baselined_on <= :day", day=AS_AT_ISO)
    at = open_page("milestones")
    register = at.dataframe[0].value
    assert len(register) == PAGE_ROWS
    assert rows_captions(at)[0] == (
        f"Rows 1 to 100 of {len(titles):,}, slipped ones first, most days late first; {SORTING}"
    )
    assert at.selectbox(key="milestone").options == register["Milestone"].tolist()
    headings = [heading.value for heading in at.header]
    assert headings.index("Forecast history") == headings.index("Register") + 1
    everything = every_page(at, "milestones_page")
    assert sorted(everything["Milestone"]) == sorted(titles)
    slippage = everything["Slippage (days)"].astype("Float64")
    late = (slippage > 0).fillna(False)
    assert late.tolist() == sorted(late, reverse=True)  # slipped ones first, on whichever page they fall
    assert slippage[late].is_monotonic_decreasing  # most days late first


MOVES = """
SELECT COUNT(*) FROM recommendation AS r
WHERE COALESCE((SELECT status FROM progress_update AS p WHERE p.recommendation_id = r.id AND p.update_date <= :since
                ORDER BY p.update_date DESC, p.id DESC LIMIT 1), 'Not started')
   != COALESCE((SELECT status FROM progress_update AS p WHERE p.recommendation_id = r.id AND p.update_date <= :day
                ORDER BY p.update_date DESC, p.id DESC LIMIT 1), 'Not started')
"""


@pytest.fixture
def changes_since_the_first_board(long_app_env) -> AppTest:
    return open_page("changes", since=FIRST_BOARD_LABEL)


def test_changes_since_a_board_years_ago_list_their_payments_a_page_at_a_time(
    changes_since_the_first_board, long_registers_engine
):
    at = changes_since_the_first_board
    window = {"since": FIRST_BOARD, "day": AS_AT_ISO}
    days = sql_column(
        long_registers_engine,
        "SELECT spend_date FROM spend WHERE spend_date > :since AND spend_date <= :day ORDER BY spend_date, id",
        **window,
    )
    assert PAGE_ROWS < len(days) < 1_000  # all of them listed, so the pages reach the last
    at.session_state["payments"] = True  # the list is built once opened
    payments = next(frame.value for frame in rerun(at).dataframe if "Amount" in frame.value.columns)
    assert len(payments) == PAGE_ROWS
    assert f"Rows 1 to 100 of {len(days):,}, oldest first; {SORTING}" in rows_captions(at)
    at.pagination(key="payments_page").set_value(last_page(len(days)))
    payments = next(frame.value for frame in rerun(at).dataframe if "Amount" in frame.value.columns)
    tail = days[(last_page(len(days)) - 1) * PAGE_ROWS :]
    assert payments["Date"].tolist() == [pd.Timestamp(day).strftime("%-d %b %Y") for day in tail]


def test_status_moves_since_a_board_years_ago_are_a_static_list_a_page_at_a_time(
    changes_since_the_first_board, long_registers_engine
):
    at = changes_since_the_first_board
    (moved,) = sql_column(long_registers_engine, MOVES, since=FIRST_BOARD, day=AS_AT_ISO)
    assert moved > PAGE_ROWS
    assert len(at.table[0].value) == STATIC_PAGE_ROWS == 40  # a static table's cells are Markdown: fewer a page
    assert f"Rows 1 to 40 of {moved:,}, improved ones first, then new, then slipped." in rows_captions(at)
    insights = sql_column(
        long_registers_engine,
        "SELECT COUNT(*) FROM forum_insight WHERE raised_date > :since AND raised_date <= :day",
        since=FIRST_BOARD,
        day=AS_AT_ISO,
    )[0]
    at.session_state["forums_said"] = True  # "What the forums said" is built once opened
    assert f"Rows 1 to 100 of {insights:,}, oldest first; {SORTING}" in rows_captions(rerun(at))
