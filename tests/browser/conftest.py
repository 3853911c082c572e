"""One Streamlit server on a seeded database and one system Chromium for the whole browser suite.

The browser is never downloaded: without /usr/bin/chromium the suite skips on a developer's
machine and fails in CI (see `skip_unless_ci`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import PROJECT_ROOT, skip_unless_ci  # tests/conftest.py (this folder is a package)

from .helpers import open_page

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
SERVER_START_SECONDS = 60
SCREENSHOTS = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_url(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on a free port against the seeded database; stopped after the session."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    env = os.environ | {"DATABASE_URL": seeded_url}
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _healthy(base_url):
            if server.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {server.returncode}" if server.poll() is not None else "did not answer"
                pytest.fail(
                    f"Streamlit {state} at {base_url}/_stcore/health within {SERVER_START_SECONDS}s:\n"
                    f"{log_path.read_text()}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
