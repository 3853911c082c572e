"""Every figure honest on screen: a figure built from sample rows carries its mark where it is shown,
one built from documented rows carries none, and ``?documented_only=true`` leaves every sample row out.

Expected values are summed here from the seed CSV files, or are the documents' own figures.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from dashboard.presentation.formatting import money
from tests.helpers.seeded import AS_AT_ISO, infos, open_page, rows

PAGES = ["overview", "changes", "risks", "milestones", "spend", "recommendations", "forums", "compliance", "decisions"]


def documented(table: str) -> list[dict[str, str]]:
    return [row for row in rows(table) if row["illustrative"] == "false"]


def shown(at) -> dict[str, tuple[str, str]]:
    """Each metric's value and the line under it (the sample-data note), by label."""
    return {metric.label: (metric.value, metric.proto.delta) for metric in at.metric}


def paid(when=lambda payment: True) -> Decimal:
    return sum((Decimal(p["amount"]) for p in rows("spend") if p["spend_date"] <= AS_AT_ISO and when(p)), Decimal(0))


def test_a_figure_from_sample_rows_is_marked_in_the_metric_itself(app_env):
    figures = shown(open_page("overview"))
    sample_spend = paid(lambda p: p["illustrative"] == "true")
    assert sample_spend == paid() > 0
    assert figures["Spent to date"] == (money(paid()) + "†", "all sample data")
    sample_approved = sum(Decimal(d["initial_value"]) for d in rows("decision") if d["illustrative"] == "true")
    assert figures["Approved"][1] == f"includes {money(sample_approved)} sample data"


def test_a_figure_from_documented_rows_carries_no_mark(app_env):
    figures = shown(open_page("overview"))
    assert figures["Reserves earmarked"] == ("£155,324", "")  # PCD 603 §3.2
    awaiting = sum(
        Decimal(line["amount"]) for line in documented("budget_line") if line["kind"] in ("extension", "uplift")
    )
    assert figures["Awaiting a further decision"] == (money(awaiting), "") == ("£58,000", "")


def test_charts_from_sample_rows_say_so_in_their_title(app_env):
    at = open_page("overview")
    titles = [
        json.loads(chart.proto.spec)["layout"].get("title", {}).get("text", "") for chart in at.get("plotly_chart")
    ]
    assert all(title.startswith("† ") for title in titles), titles
    documented_view = open_page("overview", documented_only="true")
    for chart in documented_view.get("plotly_chart"):
        assert "title" not in json.loads(chart.proto.spec)["layout"]


def test_pcd_603_row_marks_its_invented_spend_not_its_documented_budget(app_env):
    at = open_page("spend")
    by_decision = at.dataframe[0].value.set_index("Decision")
    assert by_decision.loc["PCD 603", "Approved budget"] == "£607,116"
    assert by_decision.loc["PCD 603", "Initial value"] == "£607,116"
    spent_603 = paid(lambda p: p["budget_line_id"].startswith("BL-603-"))
    assert by_decision.loc["PCD 603", "Spent to date"] == money(spent_603) + "†"
    assert "Illustrative" not in by_decision.columns  # marked value by value, not row by row
    lines = at.dataframe[1].value.set_index(["Decision", "Budget line"])
    assert set(lines.loc["PCD 603", "Budget"]) == {"£186,101", "£125,691", "£140,000", "£155,324"}


def test_the_documented_only_overview_shows_the_documents_approvals_and_no_spend(app_env):
    at = open_page("overview", documented_only="true")
    figures = shown(at)
    approved = sum(Decimal(d["initial_value"]) for d in documented("decision"))
    assert figures["Approved"] == (money(approved), "") == ("£657,116", "")  # £50,000 + £607,116
    assert figures["Spent to date"] == (money(paid(lambda p: p["illustrative"] == "false")), "") == ("£0", "")
    assert all(not value.endswith("†") for value, _ in figures.values())
    captions = " ".join(caption.value for caption in at.caption)
    assert "record no payments" in captions
    assert "£819,116" not in json.dumps([m.value for m in at.metric])
    assert at.toggle(key="documented_only").value is True


def test_the_toggle_switches_the_overview_between_the_two_views(app_env):
    at = open_page("overview")
    assert shown(at)["Approved"][0] == "£819,116†"
    at.toggle(key="documented_only").set_value(True).run()
    assert shown(at)["Approved"][0] == "£657,116"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_leaves_every_sample_row_out(app_env, page):
    at = open_page(page, documented_only="true", decision="PCD 603") if page == "decisions" else None
    at = at or open_page(page, documented_only="true")
    assert not at.exception
    assert not [m.value for m in at.metric if m.value.endswith("†")]
    for frame in at.dataframe:
        if "Illustrative" in frame.value:
            assert not frame.value["Illustrative"].eq("Illustrative").any(), page
        for column in frame.value.columns:
            assert not frame.value[column].astype(str).str.endswith("†").any(), (page, column)


def test_documented_only_spend_lists_only_the_documents_decisions_and_lines(app_env):
    at = open_page("spend", documented_only="true")
    figures = shown(at)
    budget = sum(
        Decimal(line["amount"]) for line in documented("budget_line") if line["kind"] in ("initial", "reserve")
    )
    assert figures["Approved budget"] == (money(budget), "") == ("£657,116", "")
    assert figures["Spent to date"] == ("£0", "")
    assert sorted(at.dataframe[0].value["Decision"]) == sorted(d["reference"] for d in documented("decision"))
    assert "No payments match these filters." in infos(at)
    assert f"No payments yet: {', '.join(d['reference'] for d in documented('decision'))}." in infos(at)
    assert len(at.get("plotly_chart")) == 1  # the budgets by decision: no running total to draw


def test_documented_only_compliance_says_nothing_is_documented(app_env):
    assert not documented("compliance_measure")
    at = open_page("compliance", documented_only="true")
    assert "The source documents record no compliance returns" in infos(at)
    assert not at.get("plotly_chart")


def test_documented_only_recommendations_hold_the_documented_ones(app_env):
    at = open_page("recommendations", documented_only="true")
    assert len(at.dataframe[0].value) == len(documented("recommendation"))


def test_documented_only_registers_hold_only_the_documents_rows(app_env):
    milestones = open_page("milestones", documented_only="true")
    listed = next(frame.value for frame in milestones.dataframe if "Milestone" in frame.value.columns)
    expected = [row["title"] for row in documented("milestone") if row["baselined_on"] <= AS_AT_ISO]
    assert expected and sorted(listed["Milestone"]) == sorted(expected)
    assert not documented("risk")  # the documents give no risk register: owners and scores are the seed's
    risks = open_page("risks", documented_only="true")
    assert "The source documents record no risks or issues: every one here is sample data." in infos(risks)
