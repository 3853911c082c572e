"""Every page opens in a real browser without an error, under its heading, with its charts drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import HEADING, address, drawn_marks, main, screenshot

pytestmark = pytest.mark.browser

PAGES = {
    # URL path: (heading, query string beyond the as-at date, plotly charts it draws at least)
    "/": ("Board overview", {}, 2),
    "/changes": ("Changes since the last board", {}, 0),
    "/meeting": ("Board meeting, 15 Oct 2026†", {}, 0),
    "/risks": ("Risks and issues", {}, 1),
    "/milestones": ("Milestones", {}, 1),
    "/spend": ("Spend", {}, 4),
    "/recommendations": ("Recommendations", {}, 2),
    "/forums": ("Victim Voice Forums", {"forum": "Disabled victims"}, 1),
    "/compliance": ("Victims' Code compliance", {}, 1),
    "/decisions": ("Decisions", {"decision": "PCD 603"}, 0),
    "/audit_log": ("Audit log", {}, 0),
}
"""Every page in the navigation a viewer sees; the decisions and forums pages with one chosen (scenes 1 and 5)."""


def page_address(path: str) -> str:
    _, params, _ = PAGES[path]
    return address(path, **params)


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_without_an_error(visit, screenshots, path):
    page = visit(page_address(path))
    heading, _, _ = PAGES[path]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator(HEADING).first).to_have_text(heading)
    screenshot(page, screenshots, path.strip("/") or "overview")


@pytest.mark.parametrize("path", [path for path, (_, _, charts) in PAGES.items() if charts])
def test_charts_are_drawn(visit, path):
    _, _, expected = PAGES[path]
    charts = main(visit(page_address(path))).locator('[data-testid="stPlotlyChart"]')
    assert charts.count() >= expected
    for chart in charts.all():
        assert drawn_marks(chart) > 0, f"a chart on {path} drew no bars, lines or points"
