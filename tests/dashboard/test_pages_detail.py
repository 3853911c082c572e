"""The Recommendations, Victim Voice Forums and Victims' Code compliance pages, driven through AppTest.

Every filter is changed at least once, a shared link's query parameters give the filtered view,
and the figures on screen are checked against the seed CSVs read directly. The as-at date is
pinned through the `as_at` query parameter so the tests do not depend on today's date.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.briefing.page_tables import page_tables
from dashboard.presentation.formatting import percent
from dashboard.presentation.palette import STATUS_LABEL_FILLS
from dashboard.widgets.status_labels import NOT_STARTED_FILL
from data_model.db import make_engine
from data_model.scope import make_scope
from tests.helpers.charts import plotted
from tests.helpers.seeded import AS_AT, AS_AT_ISO, LAST_BOARD, VCOP_REVIEW, infos, metrics, open_page, rerun, rows

# Recommendations (scene 4)


def test_recommendations_register_as_at_the_date(app_env):
    at = open_page("recommendations")
    register = at.dataframe[0].value
    # every count stands on sample progress updates, so each is marked
    assert metrics(at) == {"Recommendations": "29†", "Overdue": "6†", "Red or Amber/Red": "4†", "Complete": "9†"}
    assert len(register) == len(rows("recommendation")) == 29
    assert {"Status", "Overdue", "Due", "Complete (%)", "Source", "Illustrative"} <= set(register.columns)
    assert (register["Overdue"] == "Overdue").sum() == 6
    assert list(register.set_index("Reference").loc["VCOP theme 6 (project numbering)", "Status"]) == ["Red"]
    status_labels = json.loads(at.dataframe[0].proto.columns)["Status"]["type_config"]
    assert status_labels["type"] == "multiselect"  # drawn as coloured labels holding the word
    assert {option["value"]: option["color"] for option in status_labels["options"]} == STATUS_LABEL_FILLS | {
        "Not started": NOT_STARTED_FILL
    }
    assert register.set_index("Reference").loc["VCOP theme 6 (project numbering)", "Due"] == "30 Jun 2026"
    assert len(at.get("plotly_chart")) == 2  # the chosen recommendation's steps, the mix at each board


def test_scene_4_a_shared_link_opens_the_overdue_met_vcop_recommendations(app_env):
    at = open_page("recommendations", source_review=VCOP_REVIEW, owner_agency="MPS", overdue="true")
    register = at.dataframe[0].value
    assert at.multiselect(key="owner_agency").value == ["MPS"]
    assert at.toggle(key="overdue").value is True
    assert list(register["Reference"]) == [f"VCOP theme {n} (project numbering)" for n in (3, 5, 6)]
    assert set(register["Owner"]) == {"MPS"} and set(register["Overdue"]) == {"Overdue"}
    assert metrics(at)["Overdue"] == "3†"


def test_every_recommendation_filter_narrows_the_table(app_env):
    at = open_page("recommendations")
    recs = rows("recommendation")

    at.multiselect(key="source_review").select("PCD 1847")
    rerun(at)
    assert len(at.dataframe[0].value) == sum(rec["source_review"] == "PCD 1847" for rec in recs) == 7

    at.multiselect(key="owner_agency").select("MPS")
    rerun(at)
    expected = [rec["reference"] for rec in recs if rec["source_review"] == "PCD 1847" and rec["owner_agency"] == "MPS"]
    assert list(at.dataframe[0].value["Reference"]) == expected

    at.multiselect(key="source_review").unselect("PCD 1847")
    at.multiselect(key="oversight_board").select("LCRB Victims Board")
    rerun(at)
    expected = [rec for rec in recs if rec["owner_agency"] == "MPS" and rec["oversight_board"] == "LCRB Victims Board"]
    assert len(at.dataframe[0].value) == len(expected) == 1

    at.multiselect(key="oversight_board").unselect("LCRB Victims Board")
    at.multiselect(key="status").select("Red")
    rerun(at)
    assert list(at.dataframe[0].value["Reference"]) == ["VCOP theme 6 (project numbering)"]

    at.multiselect(key="status").unselect("Red")
    at.toggle(key="overdue").set_value(True)
    rerun(at)
    assert len(at.dataframe[0].value) == 3  # every overdue MPS recommendation is a VCOP one


def test_recommendation_filters_matching_nothing_say_so(app_env):
    at = open_page("recommendations", owner_agency="CPS", status="Red")
    assert "No recommendation matches these filters" in infos(at)
    assert metrics(at)["Recommendations"] == "0"
    assert len(at.dataframe) == 0


def test_status_history_of_the_chosen_recommendation(app_env):
    at = open_page("recommendations")
    at.selectbox(key="recommendation").select("REC-VCOP-03")
    rerun(at)
    history = at.dataframe[1].value
    updates = sorted(
        (row["update_date"], row["status"])
        for row in rows("progress_update")
        if row["recommendation_id"] == "REC-VCOP-03"
    )
    assert [list(labels) for labels in history["Status"]] == [[status] for _, status in updates]
    assert list(history["Date"])[:2] == ["12 Dec 2024", "13 Feb 2025"]
    assert set(history["Illustrative"]) == {"Illustrative"}


# Victim Voice Forums (scene 5)


def test_forums_page_lists_the_six_cohorts(app_env):
    at = open_page("forums")
    register = at.dataframe[0].value
    assert sorted(register["Cohort"]) == sorted(forum["cohort"] for forum in rows("forum"))
    assert len(register) == 6
    black = register.set_index("Cohort").loc["Victims from London's Black communities"]
    assert (black["Decision"], black["Contract ends"], black["Status"]) == ("PCD 1847", "31 Dec 2027", "Active")
    assert black["Illustrative"] == "Illustrative"


def disabled_forum_checks(at: AppTest) -> None:
    insights = [i for i in rows("forum_insight") if i["forum_id"] == "VVF-DISAB" and i["raised_date"] <= AS_AT_ISO]
    closed = [i for i in insights if i["status"] == "Closed" and (i["closed_date"] or i["raised_date"]) <= AS_AT_ISO]
    shown = metrics(at)
    # the forum, its meetings and its insights are sample data, so each figure is marked
    assert shown["Share closed"] == percent(len(closed) / len(insights)) + "†" == "57%†"
    assert shown["Insights closed"] == f"{len(closed)} of {len(insights)}†" == "8 of 14†"
    assert shown["Meetings in the last year"] == "7†"
    assert shown["Participants in the last year"] == "43 + <5†"  # 7+7+7+6+9+7, and the meeting of 3 not added in
    attendance = at.dataframe[1].value
    assert list(attendance["Participants"]).count("<5") == 1
    assert attendance.set_index("Date").loc["1 Jul 2026", "Participants"] == "<5"
    assert all(value == "<5" or int(value) >= 5 for value in attendance["Participants"])
    bars, placeholders = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert len(plotted(bars["y"])) == 6 and min(plotted(bars["y"])) >= 5  # no bar for the small meeting
    assert (placeholders["x"], placeholders["text"]) == (["2026-07-01"], ["<5"])
    assert plotted(placeholders["y"]) == [0]  # drawn on the axis, its number nowhere in the chart
    log = at.dataframe[2].value
    assert len(log) == len(insights) and (log["Status"] == "Closed").sum() == len(closed)


def test_scene_5_choosing_the_disabled_victims_forum(app_env):
    at = open_page("forums")
    at.selectbox(key="forum").select("VVF-DISAB")
    disabled_forum_checks(rerun(at))


def test_a_link_to_a_forum_opens_it(app_env):
    at = open_page("forums", forum="Disabled victims")
    assert at.selectbox(key="forum").value == "VVF-DISAB"
    disabled_forum_checks(at)


def test_a_small_meeting_is_left_out_of_the_total_as_the_year_moves(app_env):
    """/forums?as_at=2027-02-12 once said "about 60" beside 9, 10, 12, <5, 12 and 11: the <5 was 4."""
    at = open_page("forums", as_at="2027-02-12")
    assert at.selectbox(key="forum").value == "VVF-VAWG"
    counts = [
        int(m["participants"])
        for m in rows("forum_meeting")
        if m["forum_id"] == "VVF-VAWG" and "2026-02-12" < m["meeting_date"] <= "2027-02-12"
    ]
    assert sorted(counts) == [4, 9, 10, 11, 12, 12]
    assert metrics(at)["Participants in the last year"] == "54 + <5†" == f"{sum(c for c in counts if c >= 5)} + <5†"
    attendance = at.dataframe[1].value.set_index("Date")["Participants"]
    assert list(attendance) == ["9", "10", "12", "<5", "12", "11"] and attendance["6 Aug 2026"] == "<5"


def test_a_forum_without_meetings_or_insights_says_so(app_env):
    at = open_page("forums", forum="Young victims")
    assert "No meetings of this forum are recorded in the year" in infos(at)
    assert "no insights" in infos(at)
    assert metrics(at)["Participants in the last year"] == "–"


# Victims' Code compliance


def latest_rate(measure: str, agencies: set[str] | None = None) -> str:
    chosen = [
        row
        for row in rows("compliance_measure")
        if row["quarter"] == "2026/27 Q2"
        and row["measure"] == measure
        and (agencies is None or row["agency"] in agencies)
    ]
    return percent(sum(int(r["numerator"]) for r in chosen) / sum(int(r["denominator"]) for r in chosen))


def test_compliance_latest_quarter_by_right(app_env):
    at = open_page("compliance")
    shown = {metric.label: metric for metric in at.metric}
    assert len(shown) == len({row["measure"] for row in rows("compliance_measure")}) == 6
    referral = shown["Right 4 · Referral to support services"]
    assert referral.value == latest_rate("Referral to support services") + "†" == "81%†"  # sample returns
    assert "Right 4: Referral to support services" in referral.help.replace("\\", "")
    statement = shown["Right 7 · Offer of a Victim Personal Statement"]
    assert statement.value == latest_rate("Offer of a Victim Personal Statement") + "†"
    returns = at.dataframe[0].value
    assert len(returns) == len(rows("compliance_measure"))
    assert set(returns["Illustrative"]) == {"Illustrative"}


def test_compliance_trend_has_a_line_per_measure_in_its_own_colour_and_shape(app_env):
    at = open_page("compliance")
    [chart] = at.get("plotly_chart")
    lines = json.loads(chart.proto.spec)["data"]
    assert sorted(line["name"] for line in lines) == sorted({row["measure"] for row in rows("compliance_measure")})
    assert len({line["marker"]["symbol"] for line in lines}) == len({line["line"]["color"] for line in lines}) == 6
    referral = next(line for line in lines if line["name"] == "Referral to support services")
    rate = dict(zip(referral["x"], plotted(referral["y"]), strict=True))["2026/27 Q2"]
    assert percent(rate) == latest_rate("Referral to support services") == "81%"


def test_compliance_filters_by_agency_and_measure(app_env):
    at = open_page("compliance")
    at.multiselect(key="agency").select("CPS")
    rerun(at)
    assert metrics(at) == {
        "Right 7 · Offer of a Victim Personal Statement": latest_rate("Offer of a Victim Personal Statement", {"CPS"})
        + "†"
    }
    at.multiselect(key="agency").unselect("CPS")
    at.multiselect(key="measure").select("Timely updates on the prosecution")
    rerun(at)
    assert list(metrics(at).values()) == [latest_rate("Timely updates on the prosecution") + "†"]
    assert set(at.dataframe[0].value["Agency"]) == {"Witness Care Unit"}


def test_compliance_link_with_an_agency(app_env):
    at = open_page("compliance", agency="Witness Care Unit")
    assert len(at.metric) == 2
    assert set(at.dataframe[0].value["Agency"]) == {"Witness Care Unit"}


def test_compliance_filters_matching_nothing_say_so(app_env):
    at = open_page("compliance", agency="CPS", measure="Referral to support services")
    assert "No compliance returns match" in infos(at)
    assert len(at.metric) == 0


# A database that has been loaded but holds no rows for these views


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("recommendations", "No recommendation matches"),
        ("forums", "No Victim Voice Forums are recorded yet"),
        ("compliance", "No compliance returns match"),
    ],
)
def test_pages_on_a_database_without_rows_show_a_message(empty_app, page, message):
    at = open_page(page)
    assert message in infos(at)


def test_the_decisions_download_menu_offers_every_table_the_page_shows(app_env):
    """The page shows eight tables for an opened decision; its Download menu offers each, and the
    command-line workbook has the same eight sheets."""
    at = open_page("decisions", decision="PCD 1847")
    labels = [button.proto.label for button in at.get("download_button") if button.proto.label.endswith("(CSV)")]
    titles = ["Register", "Funding", "Budget lines", "Forums", "Recommendations", "Facts", "Risks", "Milestones"]
    assert labels == [f"{title} (CSV)" for title in titles]
    engine = make_engine(app_env)
    sheets = page_tables(engine, make_scope(engine, AS_AT, LAST_BOARD))
    assert [name for name in sheets if name.startswith("Decisions - ")] == [
        f"Decisions - {title.lower()}" for title in titles
    ]


def test_a_decision_shows_its_risks_and_milestones(app_env):
    at = open_page("decisions", decision="PCD 1847")
    frames = [frame.value for frame in at.dataframe]
    risks = next(frame for frame in frames if "Risk or issue" in frame.columns)
    assert sorted(risks["Risk or issue"]) == sorted(
        row["title"] for row in rows("risk") if row["decision_ref"] == "PCD 1847"
    )
    milestones = next(frame for frame in frames if "Milestone" in frame.columns)
    expected = [row["title"] for row in rows("milestone") if row["decision_ref"] == "PCD 1847"]
    assert sorted(milestones["Milestone"]) == sorted(expected)
    approval = milestones.set_index("Milestone").loc["Procurement strategy approved by Commercial Assurance Group"]
    assert (approval["Actual"], approval["Slippage (days)"]) == ("16 Sep 2024", 0)


def reading(table: str, key: str, record: str) -> str:
    return next(row["project_reading"] for row in rows(table) if row[key] == record)


def test_what_the_project_decided_shows_beside_the_documented_row_even_with_documented_figures_only(app_env):
    for documented_only in ("false", "true"):
        forums = open_page("forums", documented_only=documented_only).dataframe[0].value.set_index("Cohort")
        young = next(forum["cohort"] for forum in rows("forum") if forum["id"] == "VVF-YOUNG")
        assert forums.at[young, "Project's reading"] == reading("forum", "id", "VVF-YOUNG")
        assert forums.at[young, "Status"] == "Planned‡"  # marked on the row; the reading says why
        register = open_page("recommendations", documented_only=documented_only).dataframe[0].value
        by_reference = register.set_index("Reference")
        rec = next(row for row in rows("recommendation") if row["id"] == "REC-603-02")
        assert by_reference.at[rec["reference"], "Project's reading"] == rec["project_reading"]
        assert by_reference.at[rec["reference"], "Oversight board"] == f"{rec['oversight_board']}‡"
    decision = open_page("decisions", decision="PCD 1847")
    said = [
        text
        for table in [*decision.table, *decision.dataframe]
        if "Project's reading" in table.value.columns
        for text in table.value["Project's reading"]
    ]
    for table, record in (
        ("budget_line", "BL-1847-UPL"),
        ("budget_line", "BL-1847-EXT1"),
        ("decision_condition", "DC-1847-YEAR"),
    ):
        assert reading(table, "id", record) in said


def test_a_forum_whose_status_the_project_read_says_so_on_its_card(app_env):
    at = open_page("forums", forum="Young victims")  # the link names the forum by its cohort
    [status] = [metric for metric in at.metric if metric.label == "Status"]
    assert status.value == "Planned‡"
    assert "The project's reading: Status Planned is the project's reading" in status.proto.help.replace("\\", "")
    notes = " ".join(caption.value for caption in at.caption)
    assert "‡ The project's reading where the documents do not say" in notes
    disabled = open_page("forums", forum="Disabled victims")
    assert [metric.value for metric in disabled.metric if metric.label == "Status"] == ["Active†"]  # no reading
