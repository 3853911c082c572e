"""One benchmark measurement in a process of its own, printed as one JSON object.

    python tests/perf/worker.py load  URL DIR
    python tests/perf/worker.py page  URL PAGE CALLS_FILE [--repeat K]
    python tests/perf/worker.py floor URL CALLS_FILE [--repeat K]
    python tests/perf/worker.py naive URL PAGE

A fresh process per measurement keeps caches, imports and memory from leaking between them.
Memory is the peak of the Python heap (tracemalloc, NumPy arrays included) plus the peak of
Arrow's memory pool (pandas' text columns and Streamlit's tables live there), taken on a pass
of its own because tracing slows Python down; times are taken without tracing.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages first
sys.path.insert(0, str(ROOT / "tests" / "perf"))

import warnings  # noqa: E402

warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")

import pyarrow  # noqa: E402
from pages import AS_AT, PAGE_BY_NAME, agrees  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")
MB = 1024 * 1024


def _arrow_peak_mb() -> float:
    return pyarrow.default_memory_pool().max_memory() / MB


def _traced_peak_mb(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def load(url: str, directory: str) -> dict:
    from data_model.db import make_engine, upgrade
    from data_model.writes.replace import load_directory
    from tests.helpers.actors import analyst

    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    summary = load_directory(engine, directory, actor=analyst("bench"))
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"seconds": round(seconds, 3), "rows": summary.added, "peak_rss_mb": round(_rss_peak_mb())}


def _key(call: tuple) -> str:
    function, args, kwargs = call
    return repr((function.__module__, function.__qualname__, args, sorted(kwargs.items())))


def page(url: str, name: str, calls_file: str, repeat: int = 3) -> dict:
    """First render with cold query caches, a rerun after the page's widget change, and a run
    with every query cached: what the page costs beyond its SQL (Streamlit, the sidebar, charts)."""
    os.environ["DATABASE_URL"] = url
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import dashboard.plumbing.cached_queries as data

    case = PAGE_BY_NAME[name]
    recorded = _recording_queries(data)

    def opened() -> AppTest:
        """The app open on the page, its query caches emptied (the server and its imports warm)."""
        at = AppTest.from_file(APP, default_timeout=600)
        at.query_params["as_at"] = AS_AT.isoformat()
        at.run()
        at.switch_page(case.path)
        st.cache_data.clear()
        recorded.clear()
        return at

    def checked(at: AppTest) -> AppTest:
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].message}")
        return at

    first, rerun, cached_run, first_calls, rerun_calls = _timed_runs(opened, checked, case.change, recorded, repeat)
    seen = {_key(call) for call in first_calls}
    new_in_rerun = [call for call in rerun_calls if _key(call) not in seen]

    at = opened()
    python_peak = _traced_peak_mb(lambda: checked(at.run()))
    with open(calls_file, "wb") as out:
        pickle.dump(
            {"first": _unique(first_calls), "rerun": _unique(new_in_rerun)},
            out,
        )
    return {
        "first_render_s": round(statistics.median(first[1:]), 3),
        "rerun_s": round(statistics.median(rerun[1:]), 3),
        "all_cached_s": round(statistics.median(cached_run[1:]), 3),
        "rerun_change": case.change_label,
        "queries": len(_unique(first_calls)),
        "rerun_queries": len(_unique(new_in_rerun)),
        "peak_mb": round(python_peak + _arrow_peak_mb(), 1),
    }


def _recording_queries(data: Any) -> list[tuple]:
    """Every query the app asks its cache for from now on (the function, its arguments), in order."""
    recorded: list[tuple] = []
    cached = data._cached

    def recording(function, label, url_, version, args, kwargs):
        recorded.append((function, args, kwargs))
        return cached(function, label, url_, version, args, kwargs)

    data._cached = recording
    return recorded


def _timed_runs(
    opened: Callable[[], Any],
    checked: Callable[[Any], Any],
    change: Callable[[Any], None],
    recorded: list[tuple],
    repeat: int,
) -> tuple[list[float], list[float], list[float], list[tuple], list[tuple]]:
    """Seconds of the first render, of the rerun after `change` and of a run with every query cached,
    each `repeat` times after one warm-up; and the queries of the last first render and rerun."""
    first, rerun, cached_run = [], [], []
    first_calls: list[tuple] = []
    rerun_calls: list[tuple] = []
    for _attempt in range(repeat + 1):  # the first attempt only warms the imports
        at = opened()
        started = time.perf_counter()
        checked(at.run())
        first.append(time.perf_counter() - started)
        first_calls = list(recorded)
        recorded.clear()
        change(at)
        started = time.perf_counter()
        checked(at.run())
        rerun.append(time.perf_counter() - started)
        rerun_calls = list(recorded)
        started = time.perf_counter()
        checked(at.run())
        cached_run.append(time.perf_counter() - started)
    return first, rerun, cached_run, first_calls, rerun_calls


def _unique(calls: list[tuple]) -> list[tuple]:
    """Each distinct call once (a repeat within one run is a cache hit), as importable names."""
    unique: dict[str, tuple] = {}
    for call in calls:
        function, args, kwargs = call
        unique.setdefault(_key(call), (function.__module__, function.__qualname__, args, kwargs))
    return list(unique.values())


def _resolve(module: str, qualname: str) -> Callable:
    target: Any = __import__(module, fromlist=["_"])
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def floor(url: str, calls_file: str, repeat: int = 3) -> dict:
    """The page's query functions alone, called directly: what its SQL costs, with no page around it.

    Each figure is the pass with the median total of `repeat` passes, like the page's medians.
    """
    from data_model.db import make_engine
    from data_model.writes.audit import data_version

    with open(calls_file, "rb") as source:
        calls = pickle.load(source)
    engine = make_engine(url)
    data_version(engine)  # the connection open, as in a running server

    def replay(batch: list[tuple]) -> list[tuple[str, float]]:
        timings = []
        for module, qualname, args, kwargs in batch:
            started = time.perf_counter()
            _resolve(module, qualname)(engine, *args, **kwargs)
            timings.append((qualname, time.perf_counter() - started))
        return timings

    def median_pass(batch: list[tuple]) -> list[tuple[str, float]]:
        passes = sorted((replay(batch) for _ in range(repeat)), key=lambda timings: sum(s for _, s in timings))
        return passes[len(passes) // 2]

    replay(calls["first"])  # warm: the page's figures are compared with warm SQL too
    first = median_pass(calls["first"])
    rerun = median_pass(calls["rerun"])
    python_peak = _traced_peak_mb(lambda: replay(calls["first"]))
    slowest = sorted(first, key=lambda timing: -timing[1])[:3]
    return {
        "floor_s": round(sum(seconds for _, seconds in first), 3),
        "floor_rerun_s": round(sum(seconds for _, seconds in rerun), 3),
        "floor_peak_mb": round(python_peak + _arrow_peak_mb(), 1),
        "slowest_queries": [[name, round(seconds, 3)] for name, seconds in slowest],
    }


def naive(url: str, name: str) -> dict:
    """The same figures the way most dashboards do it: whole tables into pandas."""
    from data_model.db import make_engine

    case = PAGE_BY_NAME[name]
    engine = make_engine(url)
    started = time.perf_counter()
    figures = case.naive(engine, AS_AT)
    seconds = time.perf_counter() - started
    python_peak = _traced_peak_mb(lambda: case.naive(engine, AS_AT))
    return {
        "naive_s": round(seconds, 3),
        "naive_peak_mb": round(python_peak + _arrow_peak_mb(), 1),
        "naive_agrees": agrees(name, engine, AS_AT, figures),
    }


def main(argv: list[str]) -> None:
    job, *rest = argv
    repeat = 3
    if "--repeat" in rest:
        at = rest.index("--repeat")
        repeat = int(rest[at + 1])
        del rest[at : at + 2]
    result = {"load": load, "page": page, "floor": floor, "naive": naive}[job]
    print(json.dumps(result(*rest, repeat=repeat) if job in ("page", "floor") else result(*rest)))


if __name__ == "__main__":
    main(sys.argv[1:])
