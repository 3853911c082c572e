"""The browser benchmark runs end to end at a tiny scale: the first open, a new tab, each page's sidebar
switches, and the bare floor beside them. Timings are printed by the benchmark, never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.helpers import CHROMIUM
from tests.helpers.environment import PROJECT_ROOT, skip_unless_ci

pytestmark = pytest.mark.browser


def test_the_browser_benchmark_times_sidebar_switches_against_bare_streamlit(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    done = subprocess.run(
        [sys.executable, "tests/perf/bench_browser.py", "--transactions", "200", "--pages", "spend", "--rounds", "2",
         "--repeat", "1", "--work-dir", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    machine, opened, tab, *switches = (json.loads(line) for line in done.stdout.splitlines())
    assert machine["operation"] == "machine"
    assert (opened["operation"], tab["operation"]) == ("first open", "new tab")
    assert opened["s"] > 0 and opened["bare_s"] > 0 and tab["s"] > 0 and tab["bare_s"] > 0
    assert [row["page"] for row in switches] == ["overview", "spend"]  # the overview always, first
    for row in switches:
        assert row["scale"] == 200 and row["operation"] == "switch"
        assert row["first_switch_s"] > 0 and row["switch_s"] > 0 and row["bare_switch_s"] > 0
        assert row["bare_ratio"] == round(row["switch_s"] / row["bare_switch_s"], 1)
        assert row["kib"] > 0 and row["charts"] >= 1
        assert row["targets"]["within_0_5s"] is (row["switch_s"] <= 0.5)
        assert row["targets"]["within_3x_bare"] is (row["bare_ratio"] <= 3.0)
        assert row["targets"]["first_within_0_8s"] is (row["first_switch_s"] <= 0.8)
    assert switches[0]["bare_switch_s"] == switches[1]["bare_switch_s"]  # one floor for the run


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
