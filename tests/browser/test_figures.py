"""Headline figures read right in the browser: each checked against the documents or an independent SQL sum."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.helpers.seeded import AS_AT_ISO

from .helpers import (
    address,
    grid_rows,
    main,
    metric,
    open_page,
    pounds,
    rerun_after,
    sql_column,
    sql_value,
    table_after,
)

pytestmark = pytest.mark.browser

LAST_BOARD = "2026-10-15"
"""The board before the seed's as-at date: the 'changes since' view starts here by default."""

PCD_1847_SPENT = """
    SELECT SUM(s.amount) FROM spend s JOIN budget_line b ON b.id = s.budget_line_id
    WHERE b.decision_ref = 'PCD 1847' AND s.spend_date <= :as_at
"""


def test_overview_headline_money(visit, seeded_engine):
    page = visit(address("/"))
    approved = sql_value(seeded_engine, "SELECT SUM(initial_value) FROM decision")
    spent = sql_value(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :as_at", as_at=AS_AT_ISO)
    documented = sql_value(seeded_engine, "SELECT SUM(initial_value) FROM decision WHERE NOT illustrative")
    assert pounds(documented) == "£657,116"  # PCD 603's £607,116 and PCD 1847's £50,000
    # each includes sample rows, so each carries the † (the note under it is in test_honest_browser.py)
    expect(metric(page, "Approved")).to_have_text(pounds(approved) + "†")
    expect(metric(page, "Spent to date")).to_have_text(pounds(spent) + "†")
    expect(metric(page, "Remaining of approved")).to_have_text(pounds(approved - spent) + "†")
    expect(metric(page, "Reserves earmarked")).to_have_text("£155,324")  # PCD 603 §3.2


def test_overview_answers_how_close_pcd_1847_is_to_its_line_in_one_click(page, app_url, seeded_engine):
    """Scene 1: the needs-a-decision list names PCD 1847's headroom; one click opens the decision."""
    spent = sql_value(seeded_engine, PCD_1847_SPENT, as_at=AS_AT_ISO)
    assert 40_000 <= spent < 50_000, "the seed puts PCD 1847 just over 80% of its £50,000 line"
    open_page(page, app_url + address("/"))
    expect(table_after(page, "Needs a decision")).to_contain_text(
        f"{pounds(spent)}† of £50,000 spent; {pounds(50_000 - spent)}† headroom"  # sample payments, documented line
    )
    link = main(page).get_by_role("link", name=re.compile(r"How close is PCD 1847"))
    rerun_after(page, link.click, re.compile(r"/decisions\?(.*&)?decision=PCD\+1847"))
    expect(main(page).locator("h1").first).to_have_text("Decisions")
    expect(metric(page, "Spent to date")).to_have_text(pounds(spent) + "†")  # sample payments
    share = round(100 * spent / 50_000)
    expect(metric(page, "Headroom to the £50,000 further-decision line")).to_have_text(
        f"{pounds(50_000 - spent)} ({share}% used)†"
    )


def test_decision_pcd_603_shows_the_documented_money(visit):
    """PCD 603: £607,116 in total, funded £47,500 MOPAC core + £559,616 from the Mayor's £3.5m."""
    page = visit(address("/decisions", decision="PCD 603"))
    expect(metric(page, "Initial value")).to_have_text("£607,116")
    funding = {row["Funder"]: row["Amount"] for row in grid_rows(table_after(page, "Funding"))}
    assert funding["MOPAC core budget"] == "£47,500"
    assert [amount for funder, amount in funding.items() if funder.startswith("Mayor's £3.5m")] == ["£559,616"]
    expect(main(page)).to_contain_text("Funded in total: £607,116")
    budgets = sorted(row["Budget"] for row in grid_rows(table_after(page, "Budget lines and spend to date")))
    assert budgets == sorted(["£186,101", "£125,691", "£140,000", "£155,324"])


def test_spend_for_pcd_603_in_2019_20_is_the_deployed_451_792(visit, seeded_engine):
    """A shared spend link: PCD 603's 2019/20 budget is the £451,792 deployed; reserves £155,324 earmarked."""
    page = visit(address("/spend", decision="PCD 603", year="2019/20"))
    expect(main(page).get_by_role("combobox", name="Decision")).to_have_value("PCD 603")
    expect(metric(page, "Approved budget")).to_have_text("£451,792")
    drawn = sql_value(
        seeded_engine,
        "SELECT SUM(s.amount) FROM spend s JOIN budget_line b ON b.id = s.budget_line_id "
        "WHERE b.kind = 'reserve' AND b.decision_ref = 'PCD 603' AND s.spend_date <= :as_at",
        as_at=AS_AT_ISO,
    )
    [reserve] = grid_rows(table_after(page, "Reserves"))
    # the earmark is PCD 603's own figure; what was drawn (and so what remains) is sample payments
    assert (reserve["Earmarked"], reserve["Drawn down to date"]) == ("£155,324", pounds(drawn) + "†")
    assert reserve["Remaining"] == pounds(155_324 - drawn) + "†"


def test_spend_draws_every_decisions_running_total_in_one_chart(visit, seeded_engine):
    """Cumulative spend: one chart of small multiples, a panel per decision paid, titled with its
    reference and ending at its total from an independent SQL sum."""
    page = visit(address("/spend"))
    charts = main(page).locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(4)  # by decision, by year, by source, and the running totals
    texts = charts.nth(3).locator("svg text").all_text_contents()
    paid = sql_column(
        seeded_engine,
        "SELECT DISTINCT b.decision_ref FROM spend s JOIN budget_line b ON b.id = s.budget_line_id "
        "WHERE s.spend_date <= :as_at",
        as_at=AS_AT_ISO,
    )
    dashes = (
        charts.nth(3).locator(".scatterlayer .js-line").evaluate_all("lines => lines.map(l => l.style.strokeDasharray)")
    )
    solid = [dash for dash in dashes if dash in ("", "none")]
    assert paid and len(solid) == len(paid)  # one solid line a decision; the forecasts are dashed
    assert len(dashes) > len(solid)  # PCD 1847's forecasts to its line and its advertised maximum
    for reference in paid:
        spent = sql_value(
            seeded_engine,
            "SELECT SUM(s.amount) FROM spend s JOIN budget_line b ON b.id = s.budget_line_id "
            "WHERE b.decision_ref = :reference AND s.spend_date <= :as_at",
            reference=reference,
            as_at=AS_AT_ISO,
        )
        assert f"{pounds(spent)} spent" in texts
        assert [text for text in texts if text.startswith(f"{reference}: ")], f"no panel titled {reference}"
    # the £ ticks fit the room left for them (the chart does not let plotly measure them)
    lefts = charts.nth(3).locator(".ytick text").evaluate_all("ticks => ticks.map(t => t.getBoundingClientRect().left)")
    assert lefts and min(lefts) >= charts.nth(3).bounding_box()["x"]


def test_the_payments_are_sent_only_once_opened_newest_first(visit, seeded_engine):
    page = visit(address("/spend"))
    listing = main(page).locator('[data-testid="stExpander"]').filter(has_text="The payments")
    expect(listing.locator('[data-testid="stDataFrame"]')).to_have_count(0)  # closed: not built, not sent
    rerun_after(page, listing.locator("summary").click)
    newest = date.fromisoformat(
        str(sql_value(seeded_engine, "SELECT MAX(spend_date) FROM spend WHERE spend_date <= :as_at", as_at=AS_AT_ISO))
    )
    first = grid_rows(listing.locator('[data-testid="stDataFrame"]'))[0]
    assert first["Date"] == f"{newest.day} {newest:%b %Y}"


def test_changes_since_the_last_board(visit, seeded_engine):
    """Scene 1: £6,000 new spend, 2 improved and 1 slipped, 4 new insights from the VAWG forum."""
    page = visit(address("/changes"))  # the board before the as-at date is the default
    window = {"since": LAST_BOARD, "as_at": AS_AT_ISO}
    spent = sql_value(
        seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date > :since AND spend_date <= :as_at", **window
    )
    insights = sql_value(
        seeded_engine,
        "SELECT COUNT(*) FROM forum_insight WHERE raised_date > :since AND raised_date <= :as_at",
        **window,
    )
    assert (pounds(spent), insights) == ("£6,000", 4)
    expect(main(page)).to_contain_text("From the board of 15 Oct 2026")
    expect(metric(page, "New spend")).to_have_text("£6,000†")  # every mark: sample payments, updates, insights
    expect(metric(page, "Status moves")).to_have_text("2 improved, 1 slipped†")
    expect(metric(page, "New forum insights")).to_have_text("4 from 1 forum†")
    [by_forum] = grid_rows(table_after(page, "New insights by forum"))
    assert "VAWG" in by_forum["Forum"] and by_forum["New insights"] == "4"


def test_forum_page_shows_the_disabled_forum_with_small_numbers_hidden(visit, seeded_engine):
    """Scene 5: the share of insights closed is an independent count; attendance under 5 reads '<5'."""
    page = visit(address("/forums", forum="Disabled victims"))  # as the page test opens it
    closed, raised = (
        sql_value(
            seeded_engine,
            f"SELECT COUNT(*) FROM forum_insight WHERE forum_id = 'VVF-DISAB' AND raised_date <= :as_at {extra}",
            as_at=AS_AT_ISO,
        )
        for extra in ("AND status = 'Closed'", "")
    )
    expect(metric(page, "Insights closed")).to_have_text(f"{closed} of {raised}†")  # sample insights
    expect(metric(page, "Share closed")).to_have_text(f"{round(100 * closed / raised)}%†")

    attendance = [row["Participants"] for row in grid_rows(table_after(page, "Meetings in the last year"))]
    small = sql_value(
        seeded_engine,
        "SELECT COUNT(*) FROM forum_meeting WHERE forum_id = 'VVF-DISAB' AND participants < 5 "
        "AND meeting_date > date(:as_at, '-1 year') AND meeting_date <= :as_at",
        as_at=AS_AT_ISO,
    )
    assert small > 0 and attendance.count("<5") == small
    assert all(count == "<5" or int(count) >= 5 for count in attendance)
    bar_labels = main(page).locator('[data-testid="stPlotlyChart"]').locator(".bartext, .textpoint").all_text_contents()
    assert "<5" in bar_labels and all(label == "<5" or int(label) >= 5 for label in bar_labels)


def test_compliance_latest_quarter_rate(visit, seeded_engine):
    """Right 4 (referral to support services): the latest quarter's rate is summed returns divided."""
    page = visit(address("/compliance"))
    latest = sql_value(seeded_engine, "SELECT MAX(quarter) FROM compliance_measure")
    rate = sql_value(
        seeded_engine,
        "SELECT 1.0 * SUM(numerator) / SUM(denominator) FROM compliance_measure "
        "WHERE measure = 'Referral to support services' AND quarter = :quarter",
        quarter=latest,
    )
    expect(metric(page, "Right 4 · Referral to support services")).to_have_text(f"{rate:.0%}†")  # sample returns


@pytest.mark.parametrize(("path", "bar_charts"), [("/", 2), ("/spend", 3)])
def test_every_bar_label_fits_the_room_left_for_it(visit, path: str, bar_charts: int):
    """Bar charts set their margins from their labels' length instead of letting plotly measure them:
    each category name on the axis starts inside its chart and ends left of the bars, and each bar's
    figure ends inside the chart."""
    page = visit(address(path))
    charts = main(page).locator('[data-testid="stPlotlyChart"]').filter(has=page.locator(".barlayer"))
    expect(charts).to_have_count(bar_charts)
    for chart in charts.all():
        box = chart.bounding_box()
        plot_left = chart.locator(".bglayer rect, .nsewdrag").first.bounding_box()["x"]
        edges = chart.locator(".ytick text").evaluate_all(
            "ticks => ticks.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })"
        )
        assert edges, "no category labels"
        assert min(left for left, _ in edges) >= box["x"]
        assert max(right for _, right in edges) <= plot_left + 1
        notes = chart.locator(".bartext").evaluate_all("notes => notes.map(n => n.getBoundingClientRect().right)")
        assert notes and max(notes) <= box["x"] + box["width"]
