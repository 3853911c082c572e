"""One Streamlit server on a seeded database and one system Chromium for the whole browser suite.

The browser is never downloaded: without /usr/bin/chromium the suite skips on a developer's
machine and fails in CI (see `skip_unless_ci`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.helpers.environment import PROJECT_ROOT, skip_unless_ci
from tests.helpers.hostile_text import hostile_database

from .helpers import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, open_page
from .servers import Server, serve

SCREENSHOTS = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
expect.set_options(timeout=15_000)  # a loaded CI machine draws slower than a laptop; a passing check waits no longer


@pytest.fixture(scope="session")
def app_url(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on a free port against the seeded database; stopped after the session."""
    with serve(seeded_url, tmp_path_factory.mktemp("streamlit") / "server.log") as server:
        yield server.url


@pytest.fixture(scope="session")
def long_server(long_registers_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on the database whose registers run to several pages (`tests.helpers.long_registers`)."""
    with serve(long_registers_url, tmp_path_factory.mktemp("long-registers-browser") / "server.log") as server:
        yield server


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on the hostile copy of the seed (every free-text cell markup, Markdown or a formula)."""
    folder = tmp_path_factory.mktemp("hostile-browser")
    with serve(hostile_database(folder), folder / "server.log") as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """The system Chromium (never a downloaded one), shared by every test."""
    if not CHROMIUM.exists():
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser profile for every tab, so the app's scripts download and compile once.

    Tabs still do not share app state: Streamlit keeps a session per tab (per websocket).
    """
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh tab on a 1600x1000 screen, for tests that click; closed afterwards."""
    tab = context.new_page()
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def visit(context: BrowserContext, app_url: str) -> Callable[[str], Page]:
    """Open an address once per session and keep the tab, for tests that only read it.

    Opening a page costs seconds on a small machine; read-only checks of the same address share
    one tab. Tests that click or type use the `page` fixture instead.
    """
    opened: dict[str, Page] = {}

    def visit(path: str) -> Page:
        if path not in opened:
            tab = context.new_page()
            open_page(tab, app_url + path)
            opened[path] = tab
        return opened[path]

    return visit


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
