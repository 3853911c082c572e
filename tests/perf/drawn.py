"""When a page is drawn in the browser, as the board waits for it, and running async browser work from sync code."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (app?.dataset.testConnectionState !== 'CONNECTED') return false;
  if (app.dataset.testScriptState !== 'notRunning') return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  if (document.querySelector('[data-testid=stSpinner], [data-stale=true], [data-testid=stSkeleton]')) return false;
  return [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'));
}"""
"""The run is over, the heading shows, nothing is a skeleton, spinning or greyed out, every chart has its plot."""
DRAWN_SECONDS = 120


def in_own_loop(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run `work()` on an event loop in a thread of its own, so a sync Playwright in the caller is unaffected."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(work())
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target, name="browser-work")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]
