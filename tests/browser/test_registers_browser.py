"""Scene 6 in Chromium: the risk grid and register, the documented milestones, and the overview leading
with the overall status; figures checked against plain SQL on the seeded database."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.seeded import AS_AT_ISO

from .helpers import address, grid_rows, main, screenshot, sql_value, table_after

pytestmark = pytest.mark.browser

OPEN_ON_THE_DAY = "raised_date <= :day AND (closed_date IS NULL OR closed_date > :day)"


def test_the_risk_grid_counts_open_risks_in_words(visit, seeded_engine, screenshots):
    page = visit(address("/risks"))
    grid = table_after(page, "Likelihood by impact")
    expect(grid).to_contain_text("1 · High 20")  # spend nearing the £50,000 line: likelihood 5, impact 4
    expect(grid).to_contain_text("1 · High 16")  # the City of London partnership
    cells = grid.locator("td").all_text_contents()
    counted = sum(int(cell.split(" · ")[0]) for cell in cells if " · " in cell)
    assert counted == sql_value(seeded_engine, f"SELECT COUNT(*) FROM risk WHERE {OPEN_ON_THE_DAY}", day=AS_AT_ISO)
    screenshot(page, screenshots, "risks")


def test_the_register_lists_the_highest_scored_risk_first(visit, seeded_engine):
    rows = grid_rows(table_after(visit(address("/risks")), "Register"))
    assert rows[0]["Risk or issue"] == sql_value(seeded_engine, "SELECT title FROM risk WHERE id = 'RISK-1847-SPEND'")
    assert rows[0]["Score"] == "20"


def test_the_milestones_page_shows_the_commercial_assurance_group_approval(visit, seeded_engine, screenshots):
    page = visit(address("/milestones", decision="PCD 1847"))
    rows = {row["Milestone"]: row for row in grid_rows(table_after(page, "Register"))}
    title = sql_value(seeded_engine, "SELECT title FROM milestone WHERE id = 'MS-1847-STRATEGY'")
    assert (rows[title]["Baseline"], rows[title]["Actual"]) == ("16 Sep 2024", "16 Sep 2024")
    assert main(page).locator('[data-testid="stPlotlyChart"]').count() == 1  # the timeline
    screenshot(page, screenshots, "milestones")


def test_the_overview_shows_the_overall_status_first(visit):
    page = visit(address("/"))
    assert main(page).locator("h3").first.text_content().strip() == "Overall status"
    expect(main(page)).to_contain_text("Amber")
    expect(main(page)).to_contain_text("a risk is above its target score")
