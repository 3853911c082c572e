"""The Risks and issues and Milestones pages, and the registers on Changes since last board, through AppTest
(scene 6), with the figures worked out again from the seed CSVs."""

from __future__ import annotations

import json
from datetime import date

from dashboard.presentation.formatting import day
from dashboard.presentation.palette import RISK_BAND_COLOURS, SCHEDULE_COLOURS, label_fills
from tests.helpers.registers import open_on, scores_on
from tests.helpers.seeded import AS_AT, LAST_BOARD, infos, metrics, open_page, rerun, rows


def label_options(at, index: int, heading: str) -> dict[str, str]:
    config = json.loads(at.dataframe[index].proto.columns)[heading]["type_config"]
    return {option["value"]: option["color"] for option in config["options"]}


def test_risks_page_shows_the_grid_and_the_register(app_env):
    at = open_page("risks")
    open_now = open_on(AS_AT)
    scores = scores_on(AS_AT)
    assert metrics(at) == {  # every open risk in the seed is sample data: each count is marked
        "Open risks and issues": f"{len(open_now)}†",
        "Scored 15 or more": "2†",
        "Above their target score": "3†",
    }
    grid = at.table[0].value.set_index("Likelihood")
    assert list(grid.index) == ["5", "4", "3", "2", "1"]
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            count = sum(scores[risk_id] == (likelihood, impact) for risk_id in open_now)
            assert grid.at[str(likelihood), f"Impact {impact}"].startswith(f"{count} · ")
    assert grid.at["5", "Impact 4"] == "1 · High 20"  # text as well as colour
    register = at.dataframe[0].value.set_index("Risk or issue")
    assert len(register) == len(rows("risk"))
    spend = register.loc["Spend on the Black communities forum contract nears the £50,000 further-decision line"]
    assert (spend["Score"], list(spend["Band"]), spend["Above target"], spend["Decision"]) == (
        20,
        ["High"],
        "Above target",
        "PCD 1847",
    )
    assert label_options(at, 0, "Band") == label_fills(RISK_BAND_COLOURS)
    history = at.dataframe[1].value
    assert history["Score"].tolist() == [12, 16, 20]  # the first risk: why it rose
    assert len(at.get("plotly_chart")) == 1


def test_a_shared_link_opens_the_filtered_register(app_env):
    at = open_page("risks", kind="issue", status="Open")
    register = at.dataframe[0].value
    expected = [risk for risk in rows("risk") if risk["kind"] == "issue" and risk["id"] in open_on(AS_AT)]
    assert sorted(register["Risk or issue"]) == sorted(risk["title"] for risk in expected)
    assert at.multiselect(key="kind").value == ["issue"]
    at.toggle(key="above_target").set_value(True)
    rerun(at)
    target = {risk["id"]: int(risk["target_score"]) for risk in rows("risk")}
    scores = scores_on(AS_AT)
    above = [risk for risk in expected if scores[risk["id"]][0] * scores[risk["id"]][1] > target[risk["id"]]]
    assert sorted(at.dataframe[0].value["Risk or issue"]) == sorted(risk["title"] for risk in above)
    assert len(above) == 1


def test_a_filter_that_matches_nothing_says_so(app_env):
    at = open_page("risks", kind="issue", band="Low")  # no issue scores under 5
    assert "No risk or issue matches these filters" in infos(at)


def test_milestones_page_shows_the_documented_approval_and_slipped_first(app_env):
    at = open_page("milestones", since=f"Board of {day(LAST_BOARD)}")
    register = at.dataframe[0].value
    assert len(register) == len(rows("milestone"))
    approval = register.set_index("Milestone").loc["Procurement strategy approved by Commercial Assurance Group"]
    assert (approval["Baseline"], approval["Actual"], approval["Slippage (days)"]) == ("16 Sep 2024", "16 Sep 2024", 0)
    assert "PCD 1847 Commercial Issues" in approval["Source"] and approval["Illustrative"] == ""
    assert "Victims' Commissioner's review of VCOP compliance published" not in set(register["Milestone"])  # a fact
    assert list(register["Schedule"].iloc[0]) == ["Slipped"]  # slipped ones first
    assert label_options(at, 0, "Schedule") == label_fills(SCHEDULE_COLOURS)
    assert metrics(at)["Slipped more than 30 days"] == "2†"  # both are sample milestones
    moved = [
        row for row in rows("milestone_forecast") if LAST_BOARD.isoformat() < row["changed_on"] <= AS_AT.isoformat()
    ]
    assert all(row["illustrative"] == "true" for row in moved)
    assert metrics(at)["Moved since the board"] == f"{len(moved)}†"  # sample forecast changes
    assert len(at.get("plotly_chart")) == 1  # the timeline


def test_milestones_filtered_by_forum_from_the_url(app_env):
    at = open_page("milestones", forum="VVF-BLACK", slipped="true")
    register = at.dataframe[0].value
    expected = {row["title"] for row in rows("milestone") if row["forum_id"] == "VVF-BLACK"}
    assert set(register["Milestone"]) <= expected
    assert set(register["Slippage (days)"].map(int)) == {63, 61, 28, 22}


def test_changes_page_lists_the_last_boards_actions_and_register_moves(app_env):
    at = open_page("changes", since=f"Board of {day(LAST_BOARD)}")
    captions = " ".join(caption.value for caption in at.caption)
    assert "4 done, 0 dropped, 1 overdue, 0 open" in captions
    frames = [frame.value for frame in at.dataframe]
    actions = next(frame for frame in frames if "Outcome" in frame.columns)
    assert sorted(actions["Action"]) == sorted(
        row["action"] for row in rows("board_action") if row["meeting_id"] == "BOARD-2026-10"
    )
    assert list(actions["Outcome"].iloc[0]) == ["Overdue"]
    risks = next(frame for frame in frames if "Score at the board" in frame.columns).set_index("Change")
    assert risks.at["Score up", "Score now"] == 20 and risks.at["Score up", "Score at the board"] == 16
    assert set(risks.index) == {"New", "Score up", "Score down"}  # RISK-ILL-YOUNG stays open: PCD 1847 commits to it
    moves = next(frame for frame in frames if "From" in frame.columns and "Milestone" in frame.columns)
    assert set(moves["Change"]) == {"Forecast moved", "Achieved"}


def test_the_overview_leads_with_the_overall_status_and_its_rule(app_env):
    at = open_page("overview")
    headings = [element.value for element in at.subheader]
    assert headings[0] == "Overall status"
    assert ":red-badge[Red†]" in [element.value for element in at.markdown]  # the deliberate sample breach
    why = next(element.value for element in at.markdown if element.value.startswith("**Why:**"))
    assert (
        why == "**Why:** PCD 1847: £21,000 against £20,000 a year (cap per year), which is a breach of the decision†."
    )


def test_the_day_before_the_breach_the_overview_is_amber_and_says_why(app_env):
    """13 Nov 2026's £3,000 takes 2026/27 facilitation from £18,000 to £21,000: on 12 Nov it is near, not past."""
    before = date(2026, 11, 12)
    at = open_page("overview", as_at=before.isoformat())
    assert ":orange-badge[Amber†]" in [element.value for element in at.markdown]  # it rests on sample rows
    why = next(element.value for element in at.markdown if element.value.startswith("**Why:**"))
    target = {risk["id"]: int(risk["target_score"]) for risk in rows("risk")}
    scores = scores_on(before)
    above = sum(scores[risk_id][0] * scores[risk_id][1] > target[risk_id] for risk_id in open_on(before))
    assert "conditions near or reached†" in why
    assert f"{above} risks above their target score†" in why and "2 milestones slipped†" in why
    assert any("a risk is above its target score" in caption.value for caption in at.caption)


def test_needs_a_decision_lists_high_risks_and_milestones_slipped_over_30_days(app_env):
    items = open_page("overview").table[0].value
    risks = items[items["Kind"] == "Risk"]
    high = [
        risk
        for risk in rows("risk")
        if risk["id"] in open_on(AS_AT) and scores_on(AS_AT)[risk["id"]][0] * scores_on(AS_AT)[risk["id"]][1] >= 15
    ]
    assert sorted(risks["What"]) == sorted(
        f"{risk['id']}: {risk['title']}" + ("†" if risk["illustrative"] == "true" else "") for risk in high
    )
    assert risks["Figure"].iloc[0] == "Score 20 (target 8); review 10 Dec 2026"
    milestones = items[items["Kind"] == "Milestone"]
    assert milestones["Why"].tolist() == [
        "Slipped 76 days past its baseline (more than 30)",
        "Slipped 61 days past its baseline (more than 30)",
    ]
