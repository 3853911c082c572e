"""The benchmark runs end to end at a tiny scale and prints what the README says it prints.

Its figures are timings, never asserted here; what is asserted is that every measurement ran, that
the load counted every row of the files it was given, and that each page's figures, computed the
naive way from whole tables, agree with the page's own queries.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.environment import PROJECT_ROOT as ROOT

SCALES = (200, 400)
PAGES = ("changes",)
TARGETS = {
    "first_render_under_1_5s",
    "rerun_under_0_2s",
    "beyond_sql_at_most_50ms",
    "within_floor_and_page_plus_25pct",
    "10x_faster_than_naive",
    "10x_less_memory_than_naive",
}


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def printed(work_dir: Path) -> list[dict]:
    done = subprocess.run(
        [
            sys.executable,
            "tests/perf/bench.py",
            "--transactions",
            *map(str, SCALES),
            "--pages",
            *PAGES,
            "--repeat",
            "1",
            "--work-dir",
            str(work_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_one_object_per_operation_and_page(printed):
    kinds = [(record.get("operation") or record["page"], record.get("scale")) for record in printed]
    per_scale = [[("generate", scale), ("load", scale), *((page, scale) for page in PAGES)] for scale in SCALES]
    assert kinds == [("machine", None), *per_scale[0], *per_scale[1], *(("growth", None) for _ in PAGES)]


def test_the_load_counts_every_row_of_the_generated_files(printed, work_dir: Path):
    for record in (record for record in printed if record.get("operation") == "load"):
        folder = work_dir / f"synthetic-{record['scale']}"
        in_files = 0
        for path in folder.glob("*.csv"):
            with path.open(encoding="utf-8", newline="") as handle:
                in_files += sum(1 for _ in csv.DictReader(handle))
        assert record["rows"] == in_files > record["scale"]
        assert record["under_60s_per_million"] is None  # judged at a million payments only
        assert record["peak_under_1gb"] is None


def test_every_page_is_measured_and_agrees_with_the_naive_way(printed):
    pages = [record for record in printed if "page" in record and "operation" not in record]
    assert len(pages) == len(PAGES) * len(SCALES)
    for page in pages:
        timings = [page[key] for key in ("first_render_s", "rerun_s", "all_cached_s", "floor_s", "naive_s")]
        assert all(seconds > 0 for seconds in timings), page
        assert page["queries"] >= 1 and page["rerun_queries"] >= 1
        assert page["naive_agrees"] is True, page["page"]
        assert set(page["targets"]) == TARGETS
        grows = page["page"] in ("overview", "changes", "spend")  # the pages whose rows grow with payments
        assert (page["targets"]["10x_faster_than_naive"] is None) is not grows


def test_growth_compares_the_largest_scale_with_the_smallest(printed):
    first = {
        (record["page"], record["scale"]): record["first_render_s"] for record in printed if "first_render_s" in record
    }
    for growth in (record for record in printed if record.get("operation") == "growth"):
        assert (growth["from"], growth["to"]) == SCALES
        expected = first[growth["page"], SCALES[1]] / first[growth["page"], SCALES[0]]
        assert growth["first_render_factor"] == pytest.approx(expected, abs=0.01)
