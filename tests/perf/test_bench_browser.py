"""The browser benchmark runs end to end at a tiny scale: every page figure measured, the naive peer
drawing as many charts. Timings are printed by the benchmark, never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.helpers import CHROMIUM
from tests.helpers.environment import PROJECT_ROOT, skip_unless_ci

pytestmark = pytest.mark.browser


def test_the_browser_benchmark_measures_a_page_and_its_naive_peer(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    done = subprocess.run(
        [sys.executable, "tests/perf/bench_browser.py", "--transactions", "200", "--pages", "overview", "--repeat", "1",
         "--work-dir", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    machine, row = (json.loads(line) for line in done.stdout.splitlines())
    assert machine["operation"] == "machine"
    assert (row["scale"], row["page"]) == (200, "overview")
    assert row["charts"] == row["naive_charts"] >= 1
    assert row["cold_s"] > 0 and row["warm_s"] > 0 and row["naive_warm_s"] > 0
    assert row["ws_kib"] > 0 and row["naive_ws_kib"] > 0
    assert set(row["targets"]) == {"warm_within_1_5s", "cold_within_2_5s", "at_most_300_kib", "3x_quicker_than_naive"}


def test_the_crowd_measures_readers_at_once_against_the_bare_floor(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    done = subprocess.run(
        [sys.executable, "tests/perf/bench_browser.py", "--transactions", "200", "--pages", "overview",
         "--crowd", "2", "--crowd-seconds", "4", "--crowd-only", "--work-dir", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    _, floor, overview = (json.loads(line) for line in done.stdout.splitlines())
    assert (floor["page"], overview["page"]) == ("bare one-chart Streamlit (floor)", "overview")
    for row in floor, overview:
        assert row["sessions"] == 2 and row["views"] >= 2 and row["errors"] == 0, row
        assert row["slowest_s"] >= row["median_s"] > 0
        assert row["rss_start_mb"] > 0 and row["rss_end_mb"] > 0
    assert overview["floor_median_s"] == floor["median_s"]
    assert overview["floor_ratio"] == round(overview["median_s"] / floor["median_s"], 2)
    assert set(overview["targets"]) == {"within_1_5x_floor", "no_errors", "flat_memory"}
