"""Ten readers at once: browser sessions on one app server opening a page again and again, timed until drawn.

Each session is a context of one Chromium that opens the page in a new tab (a new Streamlit session),
waits until it is drawn (`bench_browser.DRAWN`), closes the tab and opens it again until time is up. The
same harness runs on a one-chart page of bare Streamlit (`bare_app.py`): the floor that the framework and
the browsers set on this machine, which the board's pages are judged against. The server's resident
memory is read at the start and the end (after one warm-up view has filled the caches).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

from playwright.async_api import Browser, async_playwright

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.servers import Server
from tests.perf.drawn import DRAWN, DRAWN_SECONDS, in_own_loop


@dataclass
class CrowdReport:
    sessions: int
    seconds: float
    page_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def figures(self) -> dict:
        return {
            "sessions": self.sessions,
            "seconds": self.seconds,
            "views": len(self.page_seconds),
            "median_s": round(statistics.median(self.page_seconds), 2) if self.page_seconds else None,
            "slowest_s": round(max(self.page_seconds), 2) if self.page_seconds else None,
            "errors": len(self.errors),
            "first_errors": self.errors[:3],
            "rss_start_mb": round(self.rss_mb[0]) if self.rss_mb else None,
            "rss_end_mb": round(self.rss_mb[-1]) if self.rss_mb else None,
        }


async def _view(browser_context, url: str, report: CrowdReport, number: int) -> None:
    page = await browser_context.new_page()
    page.on("pageerror", lambda error: report.errors.append(f"session {number}: page error: {str(error)[:200]}"))
    started = time.monotonic()
    try:
        await page.goto(url, wait_until="commit")
        await page.wait_for_function(DRAWN, timeout=DRAWN_SECONDS * 1000, polling=50)
        report.page_seconds.append(time.monotonic() - started)
        if await page.locator('[data-testid="stException"]').count():
            report.errors.append(f"session {number}: an exception box")
    except Exception as error:  # noqa: BLE001 - a page never drawn is an error to report
        report.errors.append(f"session {number}: not drawn: {str(error).splitlines()[0]}")
    finally:
        await page.close()


async def _session(browser: Browser, url: str, number: int, deadline: float, report: CrowdReport) -> None:
    context = await browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    try:
        while time.monotonic() < deadline:
            await _view(context, url, report, number)
    finally:
        await context.close()


async def _crowd(server: Server, url: str, sessions: int, seconds: float) -> CrowdReport:
    report = CrowdReport(sessions=sessions, seconds=seconds)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            warm_up = await browser.new_context(viewport=VIEWPORT)
            await _view(warm_up, url, report, 0)  # one view fills the caches; only its errors count
            report.page_seconds.clear()
            await warm_up.close()
            report.rss_mb.append(server.rss_mb())
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(_session(browser, url, n, deadline, report) for n in range(1, sessions + 1)))
            await asyncio.sleep(2)
            report.rss_mb.append(server.rss_mb())
        finally:
            await browser.close()
    return report


def crowd(server: Server, url: str, sessions: int = 10, seconds: float = 45) -> CrowdReport:
    """`sessions` readers opening `url` on `server` again and again for `seconds`."""
    return in_own_loop(lambda: _crowd(server, url, sessions, seconds))
