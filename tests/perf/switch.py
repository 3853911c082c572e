"""A sidebar switch timed as the board waits for it: from the click until the next page is drawn.

A board member opens the app once, then moves between pages in the sidebar. With `st.navigation`
that is a switch over the same connection: no reload, Streamlit's and Plotly's scripts already
loaded. So the figures that matter are the first open of the app (a new browser profile), each
page's first switch (its queries not yet cached on the server) and its later switches, and a new
tab of a browser that has been here before. "Drawn" is `drawn.DRAWN`, with the new page's heading
on show.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Page

from tests.perf.drawn import DRAWN, DRAWN_SECONDS

SHOWN = f"""(heading) => {{
  const title = document.querySelector('[data-testid=stMain] h1');
  return !!title && title.innerText.trim().startsWith(heading) && ({DRAWN})();
}}"""
"""Drawn, with `heading` the page's title: the page switched to, not the one left."""


@dataclass
class Traffic:
    """Bytes the server sent this tab over its websocket, read before and after each step."""

    received: int = 0

    def count(self, payload: str | bytes) -> None:
        self.received += len(payload)


@dataclass
class Tour:
    """One tab's figures: the first open, then every switch to each page (the first one first)."""

    open_s: float
    switches: dict[str, list[float]] = field(default_factory=dict)
    kib: dict[str, list[float]] = field(default_factory=dict)
    charts: dict[str, int] = field(default_factory=dict)

    def first(self, path: str) -> float:
        return self.switches[path][0]

    def median(self, path: str) -> float:
        """The median of the switches after the first (the first alone if there is only one)."""
        later = self.switches[path][1:] or self.switches[path]
        return round(statistics.median(later), 3)

    def later(self) -> list[float]:
        return [seconds for times in self.switches.values() for seconds in times[1:]]


def _drawn(page: Page, heading: str) -> None:
    page.wait_for_function(SHOWN, arg=heading, timeout=DRAWN_SECONDS * 1000, polling="raf")


def open_tab(context: BrowserContext, url: str, heading: str) -> tuple[Page, Traffic, float]:
    """A new tab on `url`: the tab, its traffic counter and the seconds until drawn."""
    page, traffic = context.new_page(), Traffic()
    page.on("websocket", lambda socket: socket.on("framereceived", traffic.count))
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    _drawn(page, heading)
    return page, traffic, round(time.perf_counter() - started, 3)


def switch(page: Page, base_url: str, path: str, heading: str) -> float:
    """Click `path`'s link in the sidebar: seconds until that page is drawn."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/{path}"]')
    started = time.perf_counter()
    link.click()
    _drawn(page, heading)
    return round(time.perf_counter() - started, 3)


def tour(context: BrowserContext, base_url: str, query: str, pages: dict[str, str], rounds: int) -> Tour:
    """Open the first page of `pages` in a new tab, then switch to every page in turn, `rounds` + 1 times
    (each switch comes from the page before it; the first page is switched back to last)."""
    first_path = next(iter(pages))
    page, traffic, opened = open_tab(context, f"{base_url}/{first_path}{query}", pages[first_path])
    figures = Tour(open_s=opened)
    order = [*list(pages)[1:], first_path]
    for _ in range(rounds + 1):
        for path in order:
            before = traffic.received
            figures.switches.setdefault(path, []).append(switch(page, base_url, path, pages[path]))
            figures.kib.setdefault(path, []).append(round((traffic.received - before) / 1024, 1))
            figures.charts[path] = page.locator("[data-testid=stPlotlyChart]").count()
    page.close()
    return figures


def new_tabs(context: BrowserContext, url: str, heading: str, repeat: int) -> float:
    """The median seconds for a new tab of a browser that has opened the app before (scripts cached)."""
    times = []
    for _ in range(repeat):
        page, _, seconds = open_tab(context, url, heading)
        page.close()
        times.append(seconds)
    return round(statistics.median(times), 3)
