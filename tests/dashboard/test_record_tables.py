"""Long tables a page at a time (`record_tables.show_records`, `tables.show_static`), on a made-up table
whose every row is known: "Record 1" to "Record N", closed on a day only from row 201 on."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.widgets.record_tables import PAGE_ROWS

ROWS = 250
SORTING = "sorting or searching the table covers this page only."


def records_app(rows: int, kind: str = "records") -> None:
    """The table of `rows` records: as a grid with a line under it ("records"), as a static list
    ("static"), or as two grids with different headings and no keys ("two")."""
    from datetime import date

    import pandas as pd
    import streamlit as st

    from dashboard.widgets.record_tables import show_records
    from dashboard.widgets.summary_tables import show_static

    numbers = range(1, rows + 1)
    frame = pd.DataFrame(
        {
            "name": [f"Record {number}" for number in numbers],
            "closed": [date(2026, 1, number % 28 + 1) if number > 200 else None for number in numbers],
            "source": "Made up",
        }
    )
    columns = {"name": "Name", "closed": "Closed", "source": "Source"}
    if kind == "static":
        show_static(frame, columns, empty="None", key="things_page", order="in number order")
    elif kind == "two":
        show_records(frame, columns, empty="None")
        show_records(frame, {"name": "Name", "source": "Source"}, empty="None")
    else:
        show_records(
            frame,
            columns,
            empty="None",
            key="things_page",
            order="in number order",
            below=lambda shown: st.text(f"Below: {shown['name'].iloc[0]} to {shown['name'].iloc[-1]}"),
        )


def open_app(rows: int = ROWS, kind: str = "records", **params: str) -> AppTest:
    at = AppTest.from_function(records_app, args=(rows, kind))
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def names(first: int, last: int) -> list[str]:
    return [f"Record {number}" for number in range(first, last + 1)]


def rows_caption(at: AppTest) -> str:
    return next(caption.value for caption in at.caption if caption.value.startswith("Rows "))


def test_a_long_table_sends_its_first_page_and_says_which_rows_of_how_many():
    at = open_app()
    assert PAGE_ROWS == 100
    assert at.dataframe[0].value["Name"].tolist() == names(1, 100)
    assert rows_caption(at) == f"Rows 1 to 100 of 250, in number order; {SORTING}"
    assert at.pagination(key="things_page").proto.num_pages == 3
    assert at.text[0].value == "Below: Record 1 to Record 100"


def test_the_last_page_shows_the_last_rows():
    at = open_app()
    at.pagination(key="things_page").set_value(3).run()
    assert at.dataframe[0].value["Name"].tolist() == names(201, 250)
    assert rows_caption(at) == f"Rows 201 to 250 of 250, in number order; {SORTING}"
    assert at.text[0].value == "Below: Record 201 to Record 250"  # what is under the table follows the page


def test_a_copied_link_reopens_the_same_page():
    at = open_app(things_page="2")
    assert at.dataframe[0].value["Name"].tolist() == names(101, 200)
    assert rows_caption(at) == f"Rows 101 to 200 of 250, in number order; {SORTING}"


def test_a_page_past_the_end_opens_the_first():
    at = open_app(things_page="9")  # a link made when the table was longer
    assert at.dataframe[0].value["Name"].tolist() == names(1, 100)


def test_every_row_is_on_one_page_in_the_tables_order():
    at = open_app()
    seen = []
    for page in (1, 2, 3):
        at.pagination(key="things_page").set_value(page).run()
        seen += at.dataframe[0].value["Name"].tolist()
    assert seen == names(1, ROWS)


def test_dates_are_written_alike_on_every_page():
    """No row of the first page has a closing day, yet its blanks are the dash the later pages' show."""
    at = open_app()
    assert set(at.dataframe[0].value["Closed"]) == {"–"}
    at.pagination(key="things_page").set_value(3).run()
    assert at.dataframe[0].value["Closed"].tolist()[:2] == [
        "6 Jan 2026",
        "7 Jan 2026",
    ]  # rows 201 and 202: 201 % 28 + 1 = 6


def test_a_table_of_a_page_or_less_is_sent_whole_without_page_buttons():
    at = open_app(rows=PAGE_ROWS)
    assert at.dataframe[0].value["Name"].tolist() == names(1, PAGE_ROWS)
    assert not at.pagination
    assert not [caption for caption in at.caption if caption.value.startswith("Rows ")]


def test_a_long_static_list_is_paged_forty_rows_at_a_time_without_the_sorting_note():
    at = open_app(rows=150, kind="static")
    assert at.table[0].value["Name"].tolist() == names(1, 40)
    assert rows_caption(at) == "Rows 1 to 40 of 150, in number order."
    assert at.pagination(key="things_page").num_pages == 4
    at.pagination(key="things_page").set_value(4).run()
    assert at.table[0].value["Name"].tolist() == names(121, 150)
    assert rows_caption(at) == "Rows 121 to 150 of 150, in number order."


def test_tables_without_a_key_get_pages_of_their_own():
    at = open_app(kind="two")
    first, second = at.pagination
    assert first.key != second.key
    second.set_value(3).run()
    assert at.dataframe[0].value["Name"].tolist() == names(1, 100)
    assert at.dataframe[1].value["Name"].tolist() == names(201, 250)
