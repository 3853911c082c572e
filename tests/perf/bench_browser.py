"""Benchmark in Chromium: what the board waits for, against bare Streamlit in the same run.

For the chosen scale (generated and loaded as `bench.py` does, or an already loaded database), on a
fresh app server and a new browser profile (`switch.py` says how each figure is taken):

- the first open of the app (the overview, Plotly's script included, nothing cached in the browser);
- for every page, the sidebar switch to it from the page before: the first (its queries not yet
  cached on the server) and the median of `--rounds` later ones, the KiB the server sent, the charts;
- a new tab of that browser (its scripts cached), median of `--repeat`;
- the same switches on bare Streamlit with one Plotly chart a page (`bare_pages.py`), the floor each
  page is judged against.

With `--crowd N`, also N readers at once (`crowd.py`): each chosen page opened again and again by N
browser sessions on one server for `--crowd-seconds`, against the same harness on a one-chart page of
bare Streamlit (`bare_app.py`).

Prints one JSON object per figure (and one for the machine), with issue 23's targets judged.

    python tests/perf/bench_browser.py --transactions 1000000 [--work-dir DIR] [--rounds 3]
    python tests/perf/bench_browser.py --database-url sqlite:///var/bench.db   # already loaded
    python tests/perf/bench_browser.py --database-url ... --pages overview --crowd 10 --crowd-seconds 45
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "perf")]

from pages import AS_AT  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, VIEWPORT  # noqa: E402
from tests.browser.servers import serve  # noqa: E402
from tests.perf.crowd import crowd  # noqa: E402
from tests.perf.soak import PAGES  # noqa: E402
from tests.perf.switch import Tour, new_tabs, tour  # noqa: E402

TARGETS = {"switch_s": 0.5, "bare_ratio": 3.0, "first_switch_s": 0.8, "open_s": 2.5, "floor_ratio": 1.5}
"""Issue 23's targets: every switch within 0.5 s median and 3 times the bare switch, a first switch within
0.8 s, the first open within 2.5 s; in a crowd, at most 1.5 times the bare page's median, no errors, flat
memory (here: at most 10% more at the end than after the warm-up view)."""
MEMORY_GROWTH = 1.1


def bare_pages(count: int) -> dict[str, str]:
    """`bare_pages.py`'s paths and headings, as many as the app has pages."""
    return {("" if number == 0 else f"p{number}"): f"Bare page {number}" for number in range(count)}


def browse(browser: Browser, database_url: str, log: Path, script: str, pages: dict[str, str], args) -> tuple:
    """A fresh server of `script` and a new browser profile: the tour of `pages` and a new tab's median."""
    with serve(database_url, log, script=script) as server:
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
        query = f"?as_at={AS_AT}" if script == "dashboard/server.py" else ""
        figures = tour(context, server.url, query, pages, args.rounds)
        first = next(iter(pages))
        tab = new_tabs(context, f"{server.url}/{first}{query}", pages[first], args.repeat)
        context.close()
    return figures, tab


def switch_rows(ours: Tour, bare: Tour, pages: dict[str, str]) -> list[dict]:
    """One row per page: its switches against the median bare switch, the targets judged."""
    floor = round(statistics.median(bare.later()), 3)
    rows = []
    for path in pages:
        median, first = ours.median(path), ours.first(path)
        ratio = round(median / floor, 1)
        rows.append(
            {
                "operation": "switch",
                "page": path or "overview",
                "first_switch_s": first,
                "switch_s": median,
                "bare_switch_s": floor,
                "bare_ratio": ratio,
                "kib": statistics.median(ours.kib[path]),
                "charts": ours.charts[path],
                "targets": {
                    "within_0_5s": median <= TARGETS["switch_s"],
                    "within_3x_bare": ratio <= TARGETS["bare_ratio"],
                    "first_within_0_8s": first <= TARGETS["first_switch_s"],
                },
            }
        )
    return rows


def bench_switches(browser: Browser, database_url: str, folder: Path, pages: dict[str, str], args) -> list[dict]:
    ours, our_tab = browse(browser, database_url, folder / "server-app.log", "dashboard/server.py", pages, args)
    bare_names = bare_pages(len(pages))
    os.environ["BARE_PAGES"] = str(len(bare_names))  # read by bare_pages.py in the server started next
    bare, bare_tab = browse(
        browser, database_url, folder / "server-bare.log", "tests/perf/bare_pages.py", bare_names, args
    )
    return [
        {"operation": "first open", "s": ours.open_s, "bare_s": bare.open_s,
         "targets": {"within_2_5s": ours.open_s <= TARGETS["open_s"]}},
        {"operation": "new tab", "s": our_tab, "bare_s": bare_tab},
        *switch_rows(ours, bare, pages),
    ]  # fmt: skip


def crowd_figures(database_url: str, folder: Path, script: str, query: str, sessions: int, seconds: float) -> dict:
    """`sessions` readers of one page on a fresh server (its log in `folder`)."""
    name = Path(script).stem + (query.split("?")[0] or "")
    with serve(database_url, folder / f"crowd-{name}.log", script=script) as server:
        return crowd(server, f"{server.url}/{query}", sessions, seconds).figures()


def bench_crowd(database_url: str, folder: Path, paths: list[str], sessions: int, seconds: float) -> list[dict]:
    """The bare floor, then each page, each with `sessions` readers for `seconds`."""
    floor = crowd_figures(database_url, folder, "tests/perf/bare_app.py", "", sessions, seconds)
    rows = [{"operation": "crowd", "page": "bare one-chart Streamlit (floor)"} | floor]
    for path in paths:
        ours = crowd_figures(database_url, folder, "dashboard/server.py", f"{path}?as_at={AS_AT}", sessions, seconds)
        ratio = round(ours["median_s"] / floor["median_s"], 2) if ours["median_s"] and floor["median_s"] else None
        rows.append(
            {"operation": "crowd", "page": path or "overview"}
            | ours
            | {
                "floor_median_s": floor["median_s"],
                "floor_ratio": ratio,
                "targets": {
                    "within_1_5x_floor": ratio is not None and ratio <= TARGETS["floor_ratio"],
                    "no_errors": ours["errors"] == 0,
                    "flat_memory": ours["rss_end_mb"] <= ours["rss_start_mb"] * MEMORY_GROWTH,
                },
            }
        )
    return rows


def load(folder: Path, scale: int) -> str:
    """Generate `scale` payments' worth of synthetic files and load them into a new SQLite file."""
    files, database = folder / f"synthetic-{scale}", folder / f"browser-{scale}.db"
    for stale in folder.glob(f"browser-{scale}.db*"):
        stale.unlink()
    subprocess.run(
        [sys.executable, "-m", "seed", "synth", str(files), "--transactions", str(scale)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    url = f"sqlite:///{database}"
    subprocess.run(
        [sys.executable, "-m", "seed", "load", str(files), "--actor", "bench"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=os.environ | {"DATABASE_URL": url},
    )
    return url


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = cli.add_mutually_exclusive_group(required=True)
    where.add_argument("--transactions", type=int, help="generate and load this many payments (SQLite)")
    where.add_argument("--database-url", help="an already loaded database")
    cli.add_argument("--work-dir", type=Path, help="where files, databases and logs go (default: a temporary folder)")
    cli.add_argument(
        "--pages", nargs="*", help="only these page paths (overview is '' or 'overview'; it is always first)"
    )
    cli.add_argument("--rounds", type=int, default=3, help="switches to each page after the first (median); default 3")
    cli.add_argument("--repeat", type=int, default=3, help="new tabs (median); default 3")
    cli.add_argument("--crowd", type=int, metavar="N", help="also N browser sessions at once on each page")
    cli.add_argument("--crowd-seconds", type=float, default=45, help="how long each crowd runs; default 45")
    cli.add_argument("--crowd-only", action="store_true", help="only the crowd figures")
    args = cli.parse_args()
    print(json.dumps({"operation": "machine", "platform": platform.platform(), "cpus": os.cpu_count()}), flush=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        folder = args.work_dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        database_url = args.database_url or load(folder, args.transactions)
        chosen = {
            path: heading for path, heading in PAGES.items() if not path or args.pages is None or path in args.pages
        }
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for row in [] if args.crowd_only else bench_switches(browser, database_url, folder, chosen, args):
            print(json.dumps({"scale": args.transactions} | row), flush=True)
        browser.close()
        crowded = [path for path in chosen if path or args.pages is None or {"", "overview"} & set(args.pages)]
        for row in bench_crowd(database_url, folder, crowded, args.crowd, args.crowd_seconds) if args.crowd else []:
            print(json.dumps({"scale": args.transactions} | row), flush=True)


if __name__ == "__main__":
    main()
