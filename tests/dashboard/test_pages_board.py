"""The Board overview, Changes since the last board, Spend and Decisions pages, driven through AppTest.

The as-at date is pinned through the `as_at` query parameter (as a copied link would), every
filter is changed at least once, and the figures on screen are checked against the documents
and against sums worked out independently from the seed CSVs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import accumulate

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.presentation.formatting import money
from data_model.queries.money import LINE_POINTS
from tests.helpers.charts import figure, plotted
from tests.helpers.seeded import AS_AT_ISO, LAST_BOARD, infos, metrics, open_page, rerun, rows


def paid(when=lambda payment, line: True, as_at: str = AS_AT_ISO) -> Decimal:
    """Payments up to `as_at` in spend.csv matching `when(payment, its budget line)`, summed here."""
    lines = {line["id"]: line for line in rows("budget_line")}
    return sum(
        (
            Decimal(p["amount"])
            for p in rows("spend")
            if p["spend_date"] <= as_at and when(p, lines[p["budget_line_id"]])
        ),
        Decimal(0),
    )


# Board overview (scene 1)


def test_overview_headline_money(app_env):
    """Figures with sample rows in them carry a † (tested on its own in test_pages_honest.py)."""
    shown = metrics(open_page("overview"))
    approved = sum(Decimal(d["initial_value"]) for d in rows("decision"))
    assert shown["Approved"] == money(approved) + "†" == "£819,116†"
    assert shown["Spent to date"] == money(paid()) + "†"
    assert shown["Remaining of approved"] == money(approved - paid()) + "†"
    assert shown["Reserves earmarked"] == "£155,324"
    assert shown["Reserves drawn down"] == money(paid(lambda p, line: line["kind"] == "reserve")) + "†"
    assert shown["Awaiting a further decision"] == "£58,000"


def test_overview_sources_are_one_step_away(app_env):
    at = open_page("overview")
    approved = next(metric for metric in at.metric if metric.label == "Approved")
    assert "decision.csv" in approved.help and "£162,000 is illustrative" in approved.help


def latest_status(recommendation_id: str, as_at: str) -> str | None:
    updates = sorted(
        (u["update_date"], u["id"], u["status"])
        for u in rows("progress_update")
        if u["recommendation_id"] == recommendation_id and u["update_date"] <= as_at
    )
    return updates[-1][2] if updates else None


def test_overview_counts_red_and_overdue_recommendations(app_env):
    shown = metrics(open_page("overview"))
    statuses = {r["id"]: latest_status(r["id"], AS_AT_ISO) for r in rows("recommendation")}
    overdue = [
        r
        for r in rows("recommendation")
        if r["due_date"] and r["due_date"] < AS_AT_ISO and statuses[r["id"]] != "Complete"
    ]
    assert shown["Red"] == str(list(statuses.values()).count("Red")) + "†" == "3†"  # sample statuses
    assert shown["Overdue"] == str(len(overdue)) + "†"


def test_needs_a_decision_answers_how_close_pcd_1847_is(app_env):
    at = open_page("overview")
    items = at.table[0].value
    breach = items.iloc[0]  # the deliberate sample breach leads: 2026/27 facilitation, Apr to 13 Nov 2026
    assert (breach["Kind"], breach["Status"]) == ("Condition", "Breached")
    assert breach["Figure"] == "£21,000† against £20,000 a year (2026/27)"
    first = items[items["Kind"] == "Spend threshold"].iloc[0]
    assert first["What"].startswith("PCD 1847: Facilitation for Victim Voice Forum")
    assert first["Figure"] == "£41,500† of £50,000 spent; £8,500† headroom"  # sample payments, documented line
    assert "83%" in first["Why"]
    assert first["Source"].startswith("PCD 1847")
    assert "VAWG" in items[items["Kind"] == "Contract end"]["What"].iloc[0]
    overdue_mps = items[
        (items["Kind"] == "Recommendation") & (items["Owner"] == "MPS") & items["Why"].str.contains("Overdue")
    ]
    assert len(overdue_mps) >= 2
    link = at.get("page_link")[0]
    assert "PCD 1847" in link.proto.label and "£50,000" in link.proto.label
    assert "decision=PCD+1847" in link.proto.query_string or "decision=PCD%201847" in link.proto.query_string


def test_overview_before_anything_was_due_says_so(app_env):
    at = open_page("overview", as_at="2019-01-01")
    assert "Nothing needs a decision" in infos(at)
    assert metrics(at)["Spent to date"] == "£0"


# Changes since the last board (scene 1)


def test_changes_headline_is_scenario_one(app_env):
    at = open_page("changes")
    shown = metrics(at)
    assert shown["New spend"] == "£6,000†"  # every seed payment is sample data
    assert shown["Status moves"] == "2 improved, 1 slipped†"  # sample progress updates
    assert shown["New forum insights"] == "4 from 1 forum†"
    by_line = at.dataframe[0].value
    assert by_line[["Decision", "Spent since the board", "Payments"]].values.tolist() == [["PCD 1847", "£6,000†", 2]]
    moves = at.table[0].value
    assert sorted(moves["Moved"]) == ["Amber → Green", "Amber → Green", "Amber/Red → Red"]
    reached = at.table[1].value  # 2026/27 facilitation: £15,000 on 15 Oct 2026, £21,000 by 13 Nov 2026
    assert reached[["Decision", "On the board's day", "Used of the limit", "Status"]].values.tolist() == [
        ["PCD 1847", "Within", "£21,000† of £20,000; -£1,000 left", "Breached"]
    ]
    by_forum = at.dataframe[1].value
    assert by_forum["New insights"].tolist() == [4] and "(VAWG)" in by_forum["Forum"].iloc[0]
    assert by_forum["Illustrative"].tolist() == ["Illustrative"]


def test_the_changes_lists_are_built_only_once_opened(app_env):
    at = open_page("changes")
    assert [(listing.label, len(listing.children)) for listing in at.expander] == [
        ("The payments", 0),
        ("What the forums said", 0),
    ]
    at.session_state["payments"] = True
    at.session_state["forums_said"] = True
    rerun(at)
    payments, said = (listing.dataframe[0].value for listing in at.expander)
    window = sorted(
        (p for p in rows("spend") if LAST_BOARD.isoformat() < p["spend_date"] <= AS_AT_ISO),
        key=lambda p: (p["spend_date"], p["id"]),
    )
    assert payments["Amount"].tolist() == [money(Decimal(p["amount"])) for p in window]
    insights = [i for i in rows("forum_insight") if LAST_BOARD.isoformat() < i["raised_date"] <= AS_AT_ISO]
    assert sorted(said["You said"]) == sorted(i["you_said"] for i in insights)


def test_changes_since_an_earlier_board(app_env):
    at = open_page("changes")
    at.selectbox(key="since").select("2026-08-13")
    rerun(at)
    window = paid(lambda p, line: p["spend_date"] > "2026-08-13")
    assert metrics(at)["New spend"] == money(window) + "†"
    insights = [i for i in rows("forum_insight") if "2026-08-13" < i["raised_date"] <= AS_AT_ISO]
    assert metrics(at)["New forum insights"].startswith(f"{len(insights)} from")


def test_changes_in_a_quiet_window_say_so(app_env):
    at = open_page("changes", as_at="2026-10-16")
    assert metrics(at)["New spend"] == "£0"
    assert "No payments since the board." in infos(at)


# Spend


def spend_page(**params: str) -> AppTest:
    return open_page("spend", **params)


def test_spend_unfiltered(app_env):
    at = spend_page()
    shown = metrics(at)
    assert shown["Spent to date"] == money(paid()) + "†"
    assert (
        shown["Approved budget"]
        == money(sum(Decimal(line["amount"]) for line in rows("budget_line") if line["kind"] in ("initial", "reserve")))
        + "†"
    )
    by_decision = at.dataframe[0].value.set_index("Decision")
    assert by_decision.loc["PCD 603", "Approved budget"] == "£607,116"
    assert by_decision.loc["PCD 1847", "Awaiting a further decision"] == "£58,000"
    reserves = at.dataframe[2].value
    assert reserves[["Earmarked", "Drawn down to date", "Remaining"]].values.tolist() == [
        ["£155,324", "£104,000†", "£51,324†"]  # PCD 603 §3.2's reserve; the drawdowns are sample payments
    ]


def test_spend_filtered_by_decision(app_env):
    at = spend_page()
    at.selectbox(key="decision").select("PCD 603")
    rerun(at)
    shown = metrics(at)
    assert shown["Approved budget"] == "£607,116"
    assert shown["Spent to date"] == money(paid(lambda p, line: line["decision_ref"] == "PCD 603")) + "†"
    lines = at.dataframe[1].value
    assert sorted(lines["Budget"]) == sorted(["£186,101", "£125,691", "£140,000", "£155,324"])
    assert len(at.get("plotly_chart")) == 4  # by decision, by year, by source, the running total
    assert [line["name"] for line in figure(at)["data"]] == ["PCD 603"]  # one panel: the decision chosen


def test_spend_filtered_by_financial_year(app_env):
    at = spend_page()
    at.selectbox(key="year").select("2019/20")
    rerun(at)
    shown = metrics(at)
    assert shown["Spent to date"] == money(paid(lambda p, line: line["financial_year"] == "2019/20")) + "†"
    assert shown["Approved budget"] == "£451,792"  # £186,101 + £125,691 + £140,000
    assert set(at.dataframe[1].value["Year"]) == {"2019/20"}


def test_spend_filtered_by_funding_source(app_env):
    at = spend_page()
    at.selectbox(key="funding").select("Victims Care Hub budget")
    rerun(at)
    assert metrics(at)["Spent to date"] == "£41,500†"
    payments = open_the_payments(at).dataframe[0].value
    assert set(payments["Decision"]) == {"PCD 1847"} and len(payments) == 19


def test_spend_filters_that_match_nothing_say_so(app_env):
    at = spend_page(decision="PCD 603", year="2025/26")
    assert "No payments or approved budget lines match these filters" in infos(at)
    assert not at.metric


def test_spend_link_reopens_the_filtered_view(app_env):
    at = spend_page(decision="PCD 1847")
    assert at.selectbox(key="decision").value == "PCD 1847"
    assert metrics(at)["Spent to date"] == "£41,500†"
    labels = [note["text"] for note in figure(at)["layout"]["annotations"]]
    assert {"Initial approval £50,000 (PCD 1847)", "Advertised maximum £108,000", "£41,500 spent"} <= set(labels)
    at.selectbox(key="decision").select(None)
    rerun(at)
    assert metrics(at)["Spent to date"] == money(paid()) + "†"


def running_totals(reference: str) -> list[tuple[str, Decimal]]:
    """A decision's (payment day, spent to date) from spend.csv, summed here."""
    lines = {line["id"] for line in rows("budget_line") if line["decision_ref"] == reference}
    days: dict[str, Decimal] = {}
    for payment in rows("spend"):
        if payment["budget_line_id"] in lines and payment["spend_date"] <= AS_AT_ISO:
            days[payment["spend_date"]] = days.get(payment["spend_date"], Decimal(0)) + Decimal(payment["amount"])
    totals = list(accumulate(days[day] for day in sorted(days)))
    return list(zip(sorted(days), totals, strict=True))


def limits(decision: dict[str, str]) -> dict[str, Decimal]:
    """The reference lines a decision's panel draws, label -> value, from decision.csv."""
    initial, threshold, maximum = (
        decision[column] for column in ("initial_value", "further_decision_threshold", "advertised_maximum")
    )
    lines = {f"Initial approval {money(Decimal(initial))} ({decision['reference']})": Decimal(initial)}
    if threshold and Decimal(threshold) != Decimal(initial):
        lines[f"Further-decision threshold {money(Decimal(threshold))}"] = Decimal(threshold)
    if maximum:
        lines[f"Advertised maximum {money(Decimal(maximum))}"] = Decimal(maximum)
    return lines


def test_spend_draws_every_decisions_running_total_in_one_figure_of_small_multiples(app_env):
    at = spend_page()
    assert len(at.get("plotly_chart")) == 4  # by decision, by year, by source, and one for every running total
    drawn = figure(at)
    assert drawn["layout"]["title"]["text"] == "† all sample payments"
    notes = drawn["layout"]["annotations"]
    decisions = {decision["reference"]: decision for decision in rows("decision")}
    running = [line for line in drawn["data"] if not line["name"].startswith("Forecast")]
    assert sorted(line["name"] for line in running) == sorted(decisions)  # the seed pays every decision
    for line in running:
        reference, x = line["name"], line["xaxis"]
        days = running_totals(reference)
        assert len(days) <= LINE_POINTS  # so every payment day is drawn, exactly
        assert list(zip(line["x"], plotted(line["y"]), strict=True)) == [(day, float(total)) for day, total in days]
        drawn_limits = limits(decisions[reference])
        panel = {note["text"] for note in notes if note["xref"] in (x, f"{x} domain")}
        assert panel == set(drawn_limits) | {f"{money(days[-1][1])} spent"}
        axis = drawn["layout"][f"yaxis{x[1:]}"]  # its own scale, from £0 to above its highest line
        assert axis["range"][0] == 0 and axis["range"][1] > max(days[-1][1], *drawn_limits.values())
        [title] = [note["text"] for note in notes if note["yref"] == "paper" and note["text"].startswith(reference)]
        assert title.replace("<br>", " ") == f"{reference}: {decisions[reference]['title']} † all sample payments"


def test_the_spend_chart_draws_the_forecast_to_pcd_1847s_line_dashed(app_env):
    """£41,500 paid by 22 Nov 2026, £19,250 of it in the 180 days from 26 May 2026: £8,500 to the £50,000 line
    takes 8,500 x 180 / 19,250 = 79.5, so 80 days: 10 Feb 2027; £66,500 to £108,000 takes 622 days: 5 Aug 2028."""
    drawn = figure(spend_page())
    forecasts = {line["name"]: line for line in drawn["data"] if line["name"].startswith("Forecast")}
    assert sorted(forecasts) == ["Forecast to the advertised maximum", "Forecast to the further-decision line"]
    line = forecasts["Forecast to the further-decision line"]
    assert list(line["x"]) == ["2026-11-22", "2027-02-10"] and plotted(line["y"]) == [41500.0, 50000.0]
    assert line["line"]["dash"] == "dash"
    assert list(forecasts["Forecast to the advertised maximum"]["x"]) == ["2026-11-22", "2028-08-05"]


def test_the_spend_page_shows_the_chosen_decisions_conditions(app_env):
    """PCD 1847 as at 22 Nov 2026: 2026/27 facilitation £9,500 on Year 1's line and £11,500 on Year 2's, £21,000
    against £20,000 a year; mobilisation £10,000 of £10,000; all lines £41,500 of the £50,000 line."""
    at = spend_page(decision="PCD 1847")
    [conditions] = [table.value for table in at.table if "Condition" in table.value.columns]
    shown = conditions.set_index(conditions["Condition"].str.split(":").str[0])
    assert shown.loc["Cap per year", ["Used of the limit", "Status"]].tolist() == [
        "£21,000† of £20,000; -£1,000 left",
        "Breached",
    ]
    counted = "financial year: 1 Apr 2026 to 31 Mar 2027‡"  # the project counts it so (its reading, marked)
    assert shown.loc["Cap per year", "Counted"] == counted
    assert shown.loc["Cap on a line", "Status"] == "Reached"
    assert shown.loc["Further-decision line", "Status"] == "Near (from 80%)"
    assert shown.loc["Further-decision line", "Forecast"].startswith("reached on 10 Feb 2027")
    assert shown.loc["Term", "Status"] == "Start not on record"
    assert set(conditions["Decision"]) == {"PCD 1847"}


def open_the_payments(at: AppTest):
    """Open "The payments" (built only once opened) and return it."""
    at.session_state["payments"] = True
    rerun(at)
    [listing] = at.expander
    return listing


def test_the_payments_are_listed_only_once_opened(app_env):
    at = spend_page()
    [listing] = at.expander
    assert listing.label == "The payments" and not listing.children  # closed: nothing built or sent
    tables = len(at.dataframe)
    listed = open_the_payments(at).dataframe[0].value
    assert len(at.dataframe) == tables + 1
    newest_first = sorted(
        (p for p in rows("spend") if p["spend_date"] <= AS_AT_ISO), key=lambda p: (p["spend_date"], p["id"])
    )
    newest_first.sort(key=lambda p: p["spend_date"], reverse=True)  # newest day first, by id within a day
    assert listed[["Date", "Amount"]].values.tolist() == [
        [f"{paid_on.day} {paid_on:%b %Y}", money(Decimal(p["amount"]))]
        for p in newest_first
        for paid_on in [date.fromisoformat(p["spend_date"])]
    ]
    assert set(listed["Illustrative"]) == {"Illustrative"}


# Decisions


def test_decisions_register(app_env):
    at = open_page("decisions")
    register = at.dataframe[0].value.set_index("Reference")
    assert register.loc["PCD 603", "Initial value"] == "£607,116"
    assert register.loc["PCD 603", "Date"] == "Not given in the source"
    assert register.loc["PCD 1847", ["Advertised maximum", "Further decision above"]].tolist() == [
        "£108,000",
        "£50,000",
    ]
    assert register.loc["ILLUSTRATIVE-VVF-2024", "Illustrative"] == "Illustrative"
    assert "Choose a decision" in infos(at)


def test_choosing_pcd_603_opens_its_money(app_env):
    at = open_page("decisions")
    at.selectbox(key="decision").select("PCD 603")
    rerun(at)
    shown = metrics(at)
    assert shown["Initial value"] == "£607,116"
    assert shown["Spent to date"] == money(paid(lambda p, line: line["decision_ref"] == "PCD 603")) + "†"
    funding = at.dataframe[1].value
    assert sorted(funding["Amount"]) == ["£47,500", "£559,616"]
    assert funding["Source"].str.startswith("PCD 603").all()
    lines = at.dataframe[2].value
    assert lines[lines["Year"] == "2019/20"]["Budget"].tolist() == ["£125,691", "£140,000", "£186,101"]
    assert "No forum is linked to this decision." in infos(at)
    recommendations = at.dataframe[3].value
    assert len(recommendations) == sum(r["decision_ref"] == "PCD 603" for r in rows("recommendation"))
    conditions = at.table[0].value  # beside the decision: its three purposes, 2019/20 and the reserves
    assert sorted(conditions["Condition"].str.extract(r"(£[\d,]+)")[0]) == [
        "£125,691",
        "£140,000",
        "£155,324",
        "£186,101",
        "£451,792",
    ]
    facts = at.table[1].value  # what the document records beyond the money, as a static table of plain text
    expected = [r for r in rows("decision_fact") if r["decision_ref"] == "PCD 603"]
    assert sorted(facts["Fact"]) == sorted(r["fact"] for r in expected)
    assert {"more than 2,100", "above £500,000", "£499,000 or less"} <= set(facts["Figure or date as written"])
    assert facts.loc[facts["Source"] == "PCD 603 §4.4", "Figure or date as written"].tolist() == ["£499,000 or less"]


def test_a_link_opens_pcd_1847_and_its_headroom(app_env):
    at = open_page("decisions", decision="PCD 1847")
    shown = metrics(at)
    assert shown["Headroom to the £50,000 further-decision line"] == "£8,500 (83% used)†"
    assert shown["Advertised maximum"] == "£108,000"
    forums = at.dataframe[3].value
    assert forums["Forum"].tolist() == ["Victims from London's Black communities"]
    assert forums["Source"].str.len().gt(0).all()


# A database with no rows


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("overview", "Nothing needs a decision"),
        ("changes", "No payments since the board."),
        ("spend", "No budget lines or payments are recorded yet."),
        ("decisions", "No decisions are recorded yet."),
    ],
)
def test_pages_on_a_database_without_rows_show_a_message(empty_app, page, message):
    assert message in infos(open_page(page))


def test_the_spend_page_lists_for_all_decisions_only_the_conditions_near_at_or_past_their_limit(app_env):
    """With no decision chosen, the conditions near, reached or breached, breaches first (PCD 1847's £21,000 against
    £20,000 a year), and how many more there are: together every condition of the seed's decision_condition.csv."""
    at = spend_page()
    [conditions] = [table.value for table in at.table if "Condition" in table.value.columns]
    assert conditions["Status"].str.match(r"^(Breached|Reached|Near)").all(), conditions["Status"].tolist()
    assert conditions.iloc[0][["Decision", "Status"]].tolist() == ["PCD 1847", "Breached"]
    kinds_1847 = set(conditions.loc[conditions["Decision"] == "PCD 1847", "Condition"].str.split(":").str[0])
    assert {"Cap per year", "Cap on a line", "Further-decision line"} <= kinds_1847
    [more] = [caption.value for caption in at.caption if "none near its limit" in caption.value]
    others = int(more.split(" more condition")[0])
    assert len(conditions) + others == len(rows("decision_condition"))
