"""Waiting for Streamlit in a real browser, and reading what it drew."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tests.helpers.seeded import AS_AT_ISO  # every address pins the seed's date, not today's

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}  # a wide, projector-like screen
IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
WATCH_FOR_A_RUN = """() => {
    window.__vcbRunStarted = false;
    const app = document.querySelector('[data-testid=stApp]');
    new MutationObserver((changes, observer) => {
        if (app.dataset.testScriptState !== 'notRunning') { window.__vcbRunStarted = true; observer.disconnect(); }
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RUN_STARTED = "() => window.__vcbRunStarted === true"
HEADING = '[data-testid="stMain"] h1'
RUN_SECONDS = 30


def address(path: str, **params: str | list[str]) -> str:
    """A page's address with its query string, pinned to the seed's as-at date unless given."""
    return f"{path}?{urlencode({'as_at': AS_AT_ISO} | params, doseq=True)}"


def wait_until_idle(page: Page, timeout_ms: int = RUN_SECONDS * 1000) -> None:
    """Until the script run is over, no spinner shows and every element is fresh (not greyed out)."""
    page.locator(IDLE).wait_for(state="attached", timeout=timeout_ms)
    expect(page.locator('[data-testid="stSpinner"]')).to_have_count(0, timeout=timeout_ms)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=timeout_ms)
    wait_for_lazy_elements(page, timeout_ms)


def wait_for_lazy_elements(page: Page, timeout_ms: int = RUN_SECONDS * 1000) -> None:
    """Charts and tables load their code after the run (a grey skeleton until then): wait until each
    one on show has drawn (those in a closed expander are drawn only when it is opened)."""
    expect(page.locator('[data-testid="stSkeleton"]').filter(visible=True)).to_have_count(0, timeout=timeout_ms)
    for chart in page.locator('[data-testid="stPlotlyChart"]').filter(visible=True).all():
        expect(chart.locator(".js-plotly-plot")).to_be_visible(timeout=timeout_ms)
    for table in page.locator('[data-testid="stDataFrame"]').filter(visible=True).all():
        table.locator('table[role="grid"]').wait_for(state="attached", timeout=timeout_ms)


def open_page(page: Page, url: str, timeout_ms: int = RUN_SECONDS * 1000) -> Locator:
    """Navigate, wait for Streamlit to finish running the page, and return its main heading."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)
    heading = page.locator(HEADING).first
    expect(heading).to_be_visible(timeout=timeout_ms)
    return heading


def rerun_after(
    page: Page, action: Callable[[], None], url_pattern: re.Pattern[str] | None = None, *, always_reruns: bool = True
) -> None:
    """Do something that makes Streamlit rerun (a click, a choice) and wait for the rerun to finish.

    With `url_pattern`, also wait for the address bar to match it (a widget bound to the URL). An
    action that reruns only sometimes (an expander, the tab already open) waits two seconds at most
    for its run to start.
    """
    page.evaluate(WATCH_FOR_A_RUN)  # a quick rerun may be over before we look, a slow one not yet begun
    action()
    if url_pattern is not None:
        page.wait_for_url(url_pattern, timeout=RUN_SECONDS * 1000)
    if always_reruns:
        page.wait_for_function(RUN_STARTED, timeout=RUN_SECONDS * 1000)
    else:
        with suppress(PlaywrightTimeoutError):
            page.wait_for_function(RUN_STARTED, timeout=2_000)
    wait_until_idle(page)


def screenshot(page: Page, folder: Path, name: str) -> Path:
    """The whole page as a PNG for people to look at.

    Streamlit scrolls inside its main area, not the document, so the window is stretched to the
    main area's full height for the shot and then put back.
    """
    path = folder / f"{name}.png"
    viewport = page.viewport_size
    height = page.locator('[data-testid="stMain"]').evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    try:
        wait_for_lazy_elements(page)
        page.wait_for_timeout(500)  # charts resize to the new window
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(viewport)
    return path


def main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def metric(page: Page, label: str) -> Locator:
    """The value of the metric whose label is exactly `label` (first match in the main area)."""
    card = (
        main(page)
        .locator('[data-testid="stMetric"]')
        .filter(has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
    )
    return card.first.locator('[data-testid="stMetricValue"]')


def table_after(page: Page, heading: str) -> Locator:
    """The first table (st.dataframe or st.table) after a heading: the pages introduce each table with one."""
    return main(page).locator(
        f'xpath=//*[self::h2 or self::h3][normalize-space()="{heading}"]'
        '/following::*[@data-testid="stDataFrame" or @data-testid="stTable"][1]'
    )


def grid_rows(table: Locator) -> list[dict[str, str]]:
    """The rows a st.dataframe exposes to screen readers, as {column header: cell text}.

    The grid draws on a canvas and keeps an accessible table inside it; only the rows scrolled
    into view are there.
    """
    cells = table.locator('table[role="grid"]')
    cells.wait_for(state="attached")
    headers = cells.locator('[role="columnheader"]').all_text_contents()
    return [
        dict(zip(headers, row.locator('[role="gridcell"]').all_text_contents(), strict=True))
        for row in cells.locator('tbody [role="row"]').all()
    ]


def expect_row_count(table: Locator, rows: int) -> None:
    """Wait (bounded) until a st.dataframe has `rows` rows, e.g. after a filter reran the page."""
    expect(table.locator('table[role="grid"]')).to_have_attribute("aria-rowcount", str(rows + 1))


PLOT_MARKS = ".barlayer .point path, .scatterlayer .js-line, .scatterlayer .point"
"""SVG elements plotly draws for data: bar shapes, line paths and markers."""


def drawn_marks(chart: Locator) -> int:
    """How many data marks a st.plotly_chart drew with a real shape (an empty path is not a mark)."""
    chart.locator("svg.main-svg").first.wait_for(state="attached")
    return chart.locator(PLOT_MARKS).evaluate_all(
        "marks => marks.filter(mark => (mark.getAttribute('d') || '').length > 8).length"
    )


def download(page: Page, label: str) -> bytes:
    """The file a button of the page's Download menu makes (the menu opened if it is not open)."""
    button = page.locator('[data-testid="stPopoverBody"]').get_by_role("button", name=label)
    if not button.is_visible():
        main(page).get_by_test_id("stPopoverButton").filter(has_text="Download").click()
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def sql_value(engine: Engine, statement: str, **params: object) -> object:
    """One value from plain SQL on the seeded database: the independent check of a figure on screen."""
    with engine.connect() as connection:
        return connection.execute(text(statement), params).scalar_one()


def sql_column(engine: Engine, statement: str, **params: object) -> list:
    with engine.connect() as connection:
        return list(connection.execute(text(statement), params).scalars())


def pounds(amount: object) -> str:
    """£1,234: how the pages write whole pounds (written here, not imported, so a page bug shows)."""
    return f"£{round(Decimal(str(amount))):,}"
