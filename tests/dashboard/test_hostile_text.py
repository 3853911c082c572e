"""Hostile text is shown as written: on every page, in every CSV and Excel export and in the PDF.

A copy of the seed has every free-text cell (names, titles, narratives, "you said / we did",
themes, suppliers, descriptions, sources ...) replaced by one of `HOSTILE`: HTML, a script tag,
Markdown, and the starts of spreadsheet formulas. Every page is run through AppTest on it:

- the text appears literally, character for character, in the page's tables and text elements;
- it never reaches an element Streamlit renders as Markdown (headings, captions, alerts, widget
  labels and help, metric labels and help ...) unescaped, where it would turn into markup.

CSV and Excel exports start every formula-like cell with an apostrophe (and keep the rest as
written), and the PDF prints the text literally. The browser half (no script runs, no dialog
opens) is tests/browser/test_hostile_text_browser.py.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from google.protobuf.message import Message
from pypdf import PdfReader
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from dashboard.briefing.pack import make_pack
from dashboard.briefing.page_tables import page_tables
from dashboard.briefing.safe_export import csv_bytes
from dashboard.briefing.workbook import workbook_bytes
from data_model.db import make_engine
from data_model.scope import make_scope
from tests.helpers.hostile_text import (
    FORMULAS,
    HOSTILE,
    IMAGE,
    MARKDOWN,
    SCRIPT,
    hostile_columns,
    hostile_database,
    markup_in,
    write_hostile_seed,
)
from tests.helpers.seeded import AS_AT, LAST_BOARD, open_page

PAGES = {
    # page module: extra query parameters (the decisions page shows its detail only for a chosen one)
    "overview": {},
    "changes": {},
    "spend": {},
    "recommendations": {},
    "forums": {},
    "compliance": {},
    "decisions": {"decision": "PCD 1847"},
    "audit_log": {},
}
LITERAL_TYPES = {"dataframe", "text", "code"}
"""Elements that show their text as written (st.dataframe, st.text, st.code). st.table draws Markdown:
its display values must be escaped (tables.show_table), while its data stays as written."""
OPTION_FIELDS = {"options", "default", "raw_values"}
"""Select box and multiselect choices: shown as plain text (checked in the browser test)."""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return hostile_database(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def hostile_env(monkeypatch: pytest.MonkeyPatch, hostile_url: str) -> str:
    monkeypatch.setenv("DATABASE_URL", hostile_url)
    return hostile_url


@pytest.fixture(scope="module")
def hostile_engine(hostile_url: str):
    engine = make_engine(hostile_url)
    yield engine
    engine.dispose()


# -- walking what a page drew -----------------------------------------------------------------------


def strings(message: Message, skip: set[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """Every (field name, text) in a protobuf message, nested messages included."""
    for descriptor, value in message.ListFields():
        if descriptor.name in skip:
            continue
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                yield descriptor.name, item
            elif isinstance(item, Message):
                yield from strings(item, skip)


def cells(frame: pd.DataFrame) -> set[str]:
    return {str(value) for value in frame.to_numpy().ravel().tolist()} | {str(c) for c in frame.columns}


def drawn(at: AppTest) -> tuple[set[str], list[tuple[str, str, str]]]:
    """(text shown literally, [(element type, field, text) rendered as Markdown or markup])."""
    literal: set[str] = set()
    rendered: list[tuple[str, str, str]] = []
    for node in at._tree:
        if not isinstance(node, Element):
            if getattr(node, "proto", None) is not None:  # expanders, tabs, popovers: labels are Markdown
                rendered += [(node.type, name, text) for name, text in strings(node.proto)]
            continue
        if node.type == "table":  # st.table draws its cells as Markdown: check what it draws
            display = node.proto.arrow_data.styler.display_values
            drawn_cells = cells(convert_arrow_bytes_to_pandas_df(display)) if display else cells(node.value)
            rendered += [(node.type, "cell", text) for text in drawn_cells]
            if display:
                literal |= cells(node.value)
        elif node.type == "dataframe":
            literal |= cells(node.value)
        elif node.type in LITERAL_TYPES:
            literal.add(node.value)
        elif node.type in ("plotly_chart", "arrow_vega_lite_chart"):
            continue  # charts: checked in the browser, where their text is drawn
        else:
            skip = OPTION_FIELDS if node.type in ("selectbox", "multiselect") else set()
            rendered += [(node.type, name, text) for name, text in strings(node.proto, skip)]
    return literal, rendered


@pytest.fixture(scope="module")
def pages(hostile_url: str) -> dict[str, tuple[set[str], list]]:
    """Every page run once on the hostile database: what it drew."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", hostile_url)
        return {page: drawn(open_page(page, timeout=60, **params)) for page, params in PAGES.items()}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_is_shown_literally_in_tables_and_text(pages, page: str) -> None:
    literal, _ = pages[page]
    shown = {text for text in HOSTILE if text in literal}
    assert shown, f"no hostile text shown as written on {page}"


def test_every_hostile_string_is_shown_literally_somewhere(pages) -> None:
    literal = set().union(*(shown for shown, _ in pages.values()))
    assert set(HOSTILE) <= literal


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_never_reaches_markdown_unescaped(pages, page: str) -> None:
    _, rendered = pages[page]
    leaks = [(kind, name, text) for kind, name, text in rendered if markup_in(text)]
    assert not leaks, f"user text rendered as Markdown on {page}: {leaks}"


def test_chart_panel_titles_keep_hostile_decision_titles_as_text(hostile_env: str) -> None:
    """The spend page titles each decision's panel with its title: escaped, as plotly reads a little HTML
    in chart text, so it is drawn as written (the browser half: test_hostile_text_browser.py)."""
    notes = json.loads(open_page("spend").get("plotly_chart")[-1].proto.spec)["layout"]["annotations"]
    titles = [note["text"] for note in notes if note["yref"] == "paper"]
    assert not [title for title in titles if "<img" in title or "<script" in title]
    written = " ".join(html.unescape(title.replace("<br>", " ")) for title in titles)
    assert IMAGE in written and MARKDOWN in written


def test_the_filters_offer_hostile_choices_as_plain_text(hostile_env: str) -> None:
    """A hostile owner is a choice on the recommendations page; choosing it filters the table."""
    at = open_page("recommendations")
    owner = next(widget for widget in at.multiselect if widget.label == "Owner")
    assert set(HOSTILE) & set(owner.options)
    choice = next(text for text in owner.options if text in HOSTILE)
    owner.select(choice).run()
    assert not at.exception
    literal, _ = drawn(at)
    assert choice in literal


# -- exports ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables(hostile_engine) -> dict[str, pd.DataFrame]:
    return page_tables(hostile_engine, make_scope(hostile_engine, AS_AT, LAST_BOARD))


def test_csv_exports_make_formulas_inert_and_keep_the_rest(tables) -> None:
    found: set[str] = set()
    for title, frame in tables.items():
        data = csv_bytes(frame).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(data, newline="")):
            for cell in row:
                if cell.lstrip("'") in FORMULAS:
                    assert cell == "'" + cell.lstrip("'"), f"{title}: formula {cell!r} left live"
                    found.add(cell)
                elif cell in HOSTILE:
                    found.add(cell)
                assert not cell.startswith(("=", "+", "@")) or not cell[1:2].isalpha(), f"{title}: {cell!r}"
    assert {"'" + formula for formula in FORMULAS} <= found
    assert {SCRIPT, IMAGE, MARKDOWN} <= found


def test_excel_export_stores_formulas_as_text(tables) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(tables)))
    found: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if cell.value.lstrip("'") in HOSTILE:
                    found.add(cell.value)
    assert {"'" + formula for formula in FORMULAS} <= found
    assert {SCRIPT, IMAGE, MARKDOWN} <= found


def test_the_briefing_pack_prints_hostile_text_literally(hostile_engine) -> None:
    pdf = make_pack(hostile_engine, make_scope(hostile_engine, AS_AT))
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    for hostile in (SCRIPT, IMAGE, MARKDOWN):
        assert "".join(hostile.split()) in text, f"{hostile!r} is not printed as written"


def test_the_hostile_seed_replaces_every_free_text_column(tmp_path: Path) -> None:
    folder = write_hostile_seed(tmp_path)
    with (folder / "forum_insight.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["you_said"] for row in rows} == set(HOSTILE)
    assert {"you_said", "we_did", "owner", "source"} <= set(hostile_columns("forum_insight"))
    assert "status" not in hostile_columns("forum_insight")
    shutil.rmtree(folder)


def test_the_markup_check_sees_through_escapes() -> None:
    assert markup_in(f"source: {SCRIPT}") and markup_in(MARKDOWN)
    assert not markup_in(r"Right 11 · \<script\>x\</script\>") and not markup_in(r"\*\*bold\*\*")
