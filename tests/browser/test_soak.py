"""Load: ten browser sessions keep moving through every page of one app server; nothing fails, memory holds.

A minute locally; 20 seconds in CI (CI=true), or SOAK_SECONDS. The figures (page views, errors,
median and slowest page-ready time, server memory at the start, peak and end) are printed and
written to tests/artifacts/soak.json. The soak itself is tests/perf/soak.py, which can also run
longer on its own.
"""

from __future__ import annotations

import os

import pytest

from tests.helpers.environment import IN_CI, PROJECT_ROOT, skip_unless_ci
from tests.perf.soak import CHROMIUM, run_soak

from .servers import serve

pytestmark = pytest.mark.browser

SECONDS = float(os.environ.get("SOAK_SECONDS", 20 if IN_CI else 60))
SESSIONS = 10
MEMORY_MARGIN_MB = 60
"""How much the server may hold at the end beyond what it held at the start (caches settle, Python's
allocator keeps freed pages); a leak of a session's worth per page view would pass it within seconds."""


def test_ten_sessions_through_every_page(seeded_url, tmp_path) -> None:
    if not os.path.exists(CHROMIUM):
        skip_unless_ci(f"no Chromium at {CHROMIUM}")
    with serve(seeded_url, tmp_path / "server.log") as server:
        report = run_soak(server.url, server.process.pid, SECONDS, SESSIONS)
    artifacts = PROJECT_ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "soak.json").write_text(report.as_json())
    print("\n" + report.summary())

    assert report.errors == []
    assert set(report.ready_seconds) == {
        "",
        "meeting",
        "changes",
        "risks",
        "milestones",
        "spend",
        "recommendations",
        "forums",
        "compliance",
        "decisions",
        "audit_log",
    }, "every page was visited"
    assert report.page_views >= SESSIONS
    assert report.rss_end < report.rss_start + MEMORY_MARGIN_MB, report.summary()
    assert report.growth_in_second_half() < MEMORY_MARGIN_MB / 2, report.rss_mb
