"""Soak: browser sessions moving through every page of one app server, counting errors and memory.

Each session is a browser context of one Chromium that opens the overview, then clicks through
the sidebar's pages in turn (as a board member does, one Streamlit session per tab) until time is
up. Each page is "ready" when its heading shows and Streamlit has finished the run with nothing
greyed out or spinning. An error is an exception box on the page, a console error, an uncaught
page error or a page that is not ready in time. The server's resident memory (VmRSS from /proc)
is sampled every few seconds, after one warm-up round has filled the caches.

    python tests/perf/soak.py --seconds 300 --sessions 10   # a longer run; prints the report

run standalone, it serves the app on a freshly seeded SQLite database (or DATABASE_URL if set).
tests/browser/test_soak.py runs it for a minute (less in CI) with the assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

PROJECT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(PROJECT)]  # run as a script too

from tests.perf.drawn import in_own_loop  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
PAGES = {
    # sidebar link (URL path) -> the page's heading
    "": "Board overview",
    "meeting": "Board meeting",
    "changes": "Changes since the last board",
    "risks": "Risks and issues",
    "milestones": "Milestones",
    "spend": "Spend",
    "recommendations": "Recommendations",
    "forums": "Victim Voice Forums",
    "compliance": "Victims' Code compliance",
    "decisions": "Decisions",
    "audit_log": "Audit log",
}
IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
READY_SECONDS = 60
SAMPLE_SECONDS = 3


@dataclass
class SoakReport:
    sessions: int
    seconds: float
    page_views: int = 0
    errors: list[str] = field(default_factory=list)
    ready_seconds: dict[str, list[float]] = field(default_factory=dict)  # page -> each view's ready time
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MB)

    @property
    def slowest(self) -> tuple[str, float]:
        page, times = max(self.ready_seconds.items(), key=lambda item: max(item[1]))
        return page or "overview", max(times)

    @property
    def median_ready(self) -> float:
        return statistics.median(t for times in self.ready_seconds.values() for t in times)

    @property
    def rss_start(self) -> float:
        return self.rss_mb[0][1]

    @property
    def rss_end(self) -> float:
        return self.rss_mb[-1][1]

    @property
    def rss_peak(self) -> float:
        return max(mb for _, mb in self.rss_mb)

    def growth_in_second_half(self) -> float:
        """Memory gained from the middle of the run to its end (MB): a leak keeps this positive."""
        middle = self.rss_mb[len(self.rss_mb) // 2][1]
        return self.rss_end - middle

    def summary(self) -> str:
        page, slowest = self.slowest
        return (
            f"{self.sessions} sessions for {self.seconds:.0f} s: {self.page_views} page views, "
            f"{len(self.errors)} errors; page ready in {self.median_ready:.2f} s (median), slowest "
            f"{slowest:.2f} s ({page}); server memory {self.rss_start:.0f} MB at the start, "
            f"{self.rss_end:.0f} MB at the end, {self.rss_peak:.0f} MB at the peak"
        )

    def as_json(self) -> str:
        return json.dumps(asdict(self) | {"summary": self.summary()}, indent=2)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def _ready(page: Page, heading: str) -> None:
    """Until the page's heading shows and the run is over, with nothing spinning or greyed out."""
    timeout = READY_SECONDS * 1000
    await page.locator('[data-testid="stMain"] h1', has_text=heading).first.wait_for(timeout=timeout)
    await page.locator(IDLE).wait_for(state="attached", timeout=timeout)
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSpinner], [data-stale=true], [data-testid=stSkeleton]')",
        timeout=timeout,
    )


async def _session(
    browser: Browser, base_url: str, number: int, clock: Clock, report: SoakReport, rounds: int | None = None
) -> None:
    """Open the overview, wait for every session to be open, then click through the pages until time is up
    (or for `rounds` pages)."""
    context = await browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-GB")
    page = await context.new_page()
    where = {"page": "overview"}
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and report.errors.append(f"session {number}, {where['page']}: console error: {message.text[:300]}")
        ),
    )
    page.on(
        "pageerror",
        lambda error: report.errors.append(f"session {number}, {where['page']}: page error: {str(error)[:300]}"),
    )
    paths = list(PAGES)
    try:
        await page.goto(f"{base_url}/", wait_until="domcontentloaded", timeout=READY_SECONDS * 1000)
        await _ready(page, PAGES[""])
        await clock.started()
        step = number  # sessions start at different pages, so every page is busy at once
        while (rounds is None and not clock.up()) or (rounds is not None and step < number + rounds):
            step += 1
            path = paths[step % len(paths)]
            where["page"] = path or "overview"
            started = time.monotonic()
            try:
                link = page.locator(f'[data-testid="stSidebarNav"] a[href="{base_url}/{path}"]')
                await link.click(timeout=READY_SECONDS * 1000)
                await _ready(page, PAGES[path])
            except Exception as error:  # noqa: BLE001 - a page that never got ready is an error to report
                report.errors.append(f"session {number}, {where['page']}: not ready: {str(error).splitlines()[0]}")
                await page.goto(f"{base_url}/{path}", wait_until="domcontentloaded")
                continue
            report.ready_seconds.setdefault(path, []).append(time.monotonic() - started)
            report.page_views += 1
            exceptions = await page.locator('[data-testid="stException"]').count()
            if exceptions:
                report.errors.append(f"session {number}, {where['page']}: {exceptions} exception box(es)")
    finally:
        await context.close()


class Clock:
    """Starts once every session has its first page open (opening ten tabs at once is not the soak), then
    samples the server's memory until time is up."""

    def __init__(self, sessions: int, seconds: float, server_pid: int, report: SoakReport) -> None:
        self.waiting, self.seconds, self.pid, self.report = sessions, seconds, server_pid, report
        self.go = asyncio.Event()
        self.start = self.deadline = 0.0

    async def started(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.start = time.monotonic()
            self.deadline = self.start + self.seconds
            self.sample()
            self.go.set()
        await self.go.wait()

    def up(self) -> bool:
        return time.monotonic() >= self.deadline

    def sample(self) -> None:
        self.report.rss_mb.append((round(time.monotonic() - self.start, 1), rss_mb(self.pid)))

    async def sample_until_up(self) -> None:
        await self.go.wait()
        while not self.up():
            await asyncio.sleep(min(SAMPLE_SECONDS, max(self.deadline - time.monotonic(), 0.1)))
            self.sample()


async def _soak(base_url: str, server_pid: int, seconds: float, sessions: int) -> SoakReport:
    report = SoakReport(sessions=sessions, seconds=seconds)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            warm_up = SoakReport(sessions=1, seconds=0)  # one round through every page fills the caches
            await _session(browser, base_url, 0, Clock(1, 0, server_pid, warm_up), warm_up, rounds=len(PAGES))
            report.errors += [f"warm-up: {error}" for error in warm_up.errors]
            clock = Clock(sessions, seconds, server_pid, report)
            sampler = asyncio.create_task(clock.sample_until_up())
            await asyncio.gather(*(_session(browser, base_url, n, clock, report) for n in range(1, sessions + 1)))
            await sampler
            await asyncio.sleep(3)  # every session closed: what the server keeps afterwards
            clock.sample()
        finally:
            await browser.close()
    return report


def run_soak(base_url: str, server_pid: int, seconds: float, sessions: int = 10) -> SoakReport:
    """Run the soak on an event loop of its own, so a sync Playwright elsewhere is unaffected."""
    return in_own_loop(lambda: _soak(base_url, server_pid, seconds, sessions))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the report here")
    arguments = parser.parse_args(argv)
    from data_model.db import make_engine, upgrade
    from data_model.writes.replace import load_directory
    from tests.browser.servers import serve
    from tests.helpers.actors import analyst

    url = os.environ.get("DATABASE_URL")
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    if not url:
        url = f"sqlite:///{folder / 'board.db'}"
        engine = make_engine(url)
        upgrade(engine)
        load_directory(engine, PROJECT / "seed", actor=analyst("soak"))
        engine.dispose()
    with serve(url, folder / "server.log") as server:
        report = run_soak(server.url, server.process.pid, arguments.seconds, arguments.sessions)
    for error in report.errors[:20]:
        print("  ", error)
    print(report.summary())
    if arguments.json:
        arguments.json.write_text(report.as_json())
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
