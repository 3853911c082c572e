"""A copied address reopens the same view: filters and the as-at date live in the URL (scene 4)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.seeded import AS_AT_ISO

from .helpers import (
    address,
    expect_row_count,
    grid_rows,
    main,
    metric,
    open_page,
    pounds,
    rerun_after,
    sql_column,
    sql_value,
)

pytestmark = pytest.mark.browser

VCOP_REVIEW = "London Victims' Commissioner review of VCOP compliance (March 2019)"

OVERDUE = """
    SELECT r.reference FROM recommendation r
    WHERE r.owner_agency = :owner AND (:review IS NULL OR r.source_review = :review) AND r.due_date < :as_at
      AND COALESCE((SELECT p.status FROM progress_update p
                    WHERE p.recommendation_id = r.id AND p.update_date <= :as_at
                    ORDER BY p.update_date DESC, p.id DESC LIMIT 1), 'Not started') <> 'Complete'
    ORDER BY r.reference
"""
"""Overdue recommendations, written independently of the app's query: due before the as-at date and
latest status not Complete; `review` None for every source review."""


def multiselect(page, label: str):
    return main(page).locator('[data-testid="stMultiSelect"]').filter(has_text=label)


def toggle(page, label: str):
    return main(page).locator('[data-testid="stCheckbox"]').filter(has_text=label)


def test_emailed_link_opens_the_met_s_overdue_vcop_recommendations(visit, seeded_engine):
    """Scene 4: 'Which VCOP recommendations owned by the Met are overdue?' answered by a link."""
    page = visit(address("/recommendations", source_review=VCOP_REVIEW, owner_agency="MPS", overdue="true"))
    expected = sql_column(seeded_engine, OVERDUE, owner="MPS", review=VCOP_REVIEW, as_at=AS_AT_ISO)
    assert expected, "the seed should have overdue MPS-owned VCOP recommendations"

    expect(multiselect(page, "Owner")).to_contain_text("MPS")
    expect(toggle(page, "Overdue only").locator("input")).to_be_checked()
    expect(metric(page, "Overdue")).to_have_text(str(len(expected)) + "†")  # statuses from sample updates
    table = main(page).locator('[data-testid="stDataFrame"]').first
    expect_row_count(table, len(expected))
    rows = grid_rows(table)
    assert {row["Owner"] for row in rows} == {"MPS"}
    assert sorted(row["Reference"] for row in rows) == expected


def test_as_at_in_the_address_is_honoured(visit, seeded_engine):
    """An earlier as-at date shows the money as it stood then, and the sidebar says so."""
    earlier = "2025-03-31"
    page = visit(address("/", as_at=earlier))
    spent = sql_value(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :day", day=earlier)
    spent_now = sql_value(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :day", day=AS_AT_ISO)
    assert spent != spent_now, "the seed should have spend between the two dates"

    as_at = page.locator('[data-testid="stSidebar"]').get_by_role("group", name="As at")
    for part, shown in (("day", "31"), ("month", "03"), ("year", "2025")):
        expect(as_at.get_by_role("spinbutton", name=f"{part}, As at")).to_have_text(shown)
    expect(main(page)).to_contain_text("As at 31 Mar 2025")
    expect(metric(page, "Spent to date")).to_have_text(pounds(spent) + "†")  # sample payments


def test_choosing_a_filter_puts_it_in_the_address(page, app_url, seeded_engine):
    """Clicking a filter changes the page's URL, so the secretary can copy it straight away."""
    open_page(page, app_url + address("/recommendations"))
    owner = multiselect(page, "Owner")
    owner.locator("input").click()
    rerun_after(
        page,
        lambda: page.locator('[role="option"]').filter(has_text=re.compile(r"^MPS$")).click(),
        re.compile(r"[?&]owner_agency=MPS(&|$)"),
    )
    page.keyboard.press("Escape")
    rerun_after(page, toggle(page, "Overdue only").locator("label").click, re.compile(r"[?&]overdue=true(&|$)"))

    mps = sql_value(seeded_engine, "SELECT COUNT(*) FROM recommendation WHERE owner_agency = 'MPS'")
    overdue_mps = len(sql_column(seeded_engine, OVERDUE, owner="MPS", review=None, as_at=AS_AT_ISO))
    assert 0 < overdue_mps < mps
    table = main(page).locator('[data-testid="stDataFrame"]').first
    expect(metric(page, "Recommendations")).to_have_text(str(overdue_mps) + "†")
    expect_row_count(table, overdue_mps)
    assert {row["Owner"] for row in grid_rows(table)} == {"MPS"}
