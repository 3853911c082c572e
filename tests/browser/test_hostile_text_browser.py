"""In a real browser, hostile names and narratives run no script, open no dialog and read as written.

The dashboard is served (`hostile_server`, conftest.py) on the hostile copy of the seed from
tests/test_hostile_text.py (every free-text cell a script tag, an <img onerror>, Markdown or a
formula). Every page is opened, its expanders and a filter's choices too; `window.__pwned` stays
undefined, no dialog fires, no element the text describes exists in the page, and the text shows
character for character.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.helpers.hostile_text import HOSTILE, IMAGE, MARKDOWN, SCRIPT

from .helpers import address, main, open_page, rerun_after, wait_for_lazy_elements
from .servers import Server
from .test_pages import PAGES

pytestmark = pytest.mark.browser

INJECTED = """() => ({
    pwned: window.__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
    bold: [...document.querySelectorAll('strong, b')].filter(b => b.textContent.trim() === 'bold').length,
})"""
"""What would exist if any hostile text had been turned into markup."""
CLEAN = {"pwned": None, "images": 0, "scripts": 0, "links": 0, "bold": 0}


@pytest.fixture
def watched(context: BrowserContext) -> Iterator[tuple[Page, list[str]]]:
    """A tab that records every dialog (alert, confirm, prompt) and dismisses it."""
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    yield page, dialogs
    page.close()


def hostile_address(path: str) -> str:
    """A page's address on the hostile copy: the decisions page with one chosen (the hostile seed keeps
    keys; its detail shows the sources), the forums page with its first forum (cohort names are hostile)."""
    _, params, _ = PAGES[path]
    if path == "/decisions":
        params = {"decision": "PCD 1847"}
    if path == "/forums":
        params = {}
    return address(path, **params)


def open_every_expander(page: Page) -> None:
    """Open each expander, waiting for the run that one built only when opened (spend's payments) starts."""
    for expander in main(page).locator('[data-testid="stExpander"] summary').all():
        rerun_after(page, expander.click, always_reruns=False)
    wait_for_lazy_elements(page)


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_and_no_markup_is_made(hostile_server: Server, watched, path: str) -> None:
    page, dialogs = watched
    open_page(page, hostile_server.url + hostile_address(path))
    open_every_expander(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert page.evaluate(INJECTED) == CLEAN
    assert dialogs == []


def test_static_tables_show_the_text_as_written(hostile_server: Server, watched) -> None:
    """The overview's 'Needs a decision' list (st.table: real HTML cells, under its short lines) holds hostile
    text verbatim."""
    page, _ = watched
    open_page(page, hostile_server.url + address("/"))
    open_every_expander(page)
    cells = main(page).locator('[data-testid="stTable"] td').all_inner_texts()
    shown = {text for text in HOSTILE if any(text in cell for cell in cells)}
    assert {SCRIPT, IMAGE, MARKDOWN} & shown, cells[:20]


def test_filter_choices_show_the_text_as_written(hostile_server: Server, watched) -> None:
    page, dialogs = watched
    open_page(page, hostile_server.url + address("/recommendations"))
    main(page).locator('[data-testid="stMultiSelect"]').filter(has_text="Owner").click()
    options = page.locator('[role="option"]')
    expect(options.first).to_be_visible()
    texts = {text.strip() for text in options.all_inner_texts()}
    assert set(HOSTILE) & texts, texts
    page.keyboard.press("Escape")
    assert page.evaluate(INJECTED) == CLEAN and dialogs == []


def test_chart_labels_show_the_text_as_written(hostile_server: Server, watched) -> None:
    """Plotly reads a little HTML in labels; the spend page's funding-source bars and its decisions' panel
    titles keep hostile names literal."""
    page, _ = watched
    open_page(page, hostile_server.url + address("/spend"))
    labels = "".join(main(page).locator('[data-testid="stPlotlyChart"] svg text').all_text_contents())
    for text in ('=HYPERLINK("http://evil","x")', "+cmd", "@SUM(A1)", "<img src=x", "**bold**"):
        assert text in labels, f"{text!r} is not drawn as written in the charts"
