"""Risks, milestones and the board's actions (scene 6) against the seed, each figure worked out again
here from the CSV files, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from data_model.queries import actions, milestones, risks
from data_model.queries.filters import RiskFilter
from tests.helpers.registers import day_of, forecast_on, open_on, sample_scored_on, scores_on
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, rows


def test_the_register_scores_each_risk_from_its_latest_reassessment(seeded_engine):
    register = risks.risk_register(seeded_engine, scope_at(AS_AT)).set_index("id")
    expected = scores_on(AS_AT)
    assert set(register.index) == set(expected)
    for risk_id, (likelihood, impact) in expected.items():
        assert (register.at[risk_id, "likelihood"], register.at[risk_id, "impact"]) == (likelihood, impact)
        assert register.at[risk_id, "score"] == likelihood * impact
    assert set(register.index[register["status"] == "Open"]) == open_on(AS_AT)
    spend = register.loc["RISK-1847-SPEND"]
    assert (spend["score"], spend["band"], spend["target_score"], spend["above_target"]) == (20, "High", 8, True)
    assert spend["decision_ref"] == "PCD 1847"


def test_two_risks_score_15_or_more_above_their_targets(seeded_engine):
    high = risks.risk_register(seeded_engine, scope_at(AS_AT), RiskFilter(high_only=True))
    assert high["id"].tolist() == ["RISK-1847-SPEND", "RISK-1847-CITY"]
    target = {risk["id"]: int(risk["target_score"]) for risk in rows("risk")}
    expected_above = {
        risk_id
        for risk_id, (likelihood, impact) in scores_on(AS_AT).items()
        if risk_id in open_on(AS_AT) and likelihood * impact > target[risk_id]
    }
    sample = sample_scored_on(AS_AT)
    assert risks.risk_summary(seeded_engine, scope_at(AS_AT)) == {
        "open": len(open_on(AS_AT)),
        "high": 2,
        "above_target": len(expected_above),
        "open_illustrative": len(open_on(AS_AT) & sample),
        "high_illustrative": len({"RISK-1847-SPEND", "RISK-1847-CITY"} & sample),
        "above_target_illustrative": len(expected_above & sample),
    }
    assert len(open_on(AS_AT) & sample) == 7  # every open risk in the seed is sample data (a † on the page)


def test_the_grid_counts_open_risks_by_likelihood_and_impact(seeded_engine):
    grid = risks.risk_grid(seeded_engine, scope_at(AS_AT))
    counted = {(row.likelihood, row.impact): row.risks for row in grid.itertuples()}
    scores = scores_on(AS_AT)
    assert counted == Counter(scores[risk_id] for risk_id in open_on(AS_AT))
    assert counted[(5, 4)] == 1  # spend nearing the £50,000 line


def test_filters_narrow_the_register_and_the_grid_alike(seeded_engine):
    issues = risks.risk_register(seeded_engine, scope_at(AS_AT), RiskFilter(kind=("issue",)))
    assert set(issues["id"]) == {risk["id"] for risk in rows("risk") if risk["kind"] == "issue"}
    grid = risks.risk_grid(seeded_engine, scope_at(AS_AT), RiskFilter(kind=("issue",)))
    assert grid["risks"].sum() == (issues["status"] == "Open").sum()
    high = risks.risk_register(seeded_engine, scope_at(AS_AT), RiskFilter(band=("High",)))
    assert set(high["id"]) == {"RISK-1847-SPEND", "RISK-1847-CITY"}


def test_a_risks_history_shows_why_it_rose(seeded_engine):
    history = risks.risk_history(seeded_engine, scope_at(AS_AT), "RISK-1847-SPEND")
    reassessed = sorted(
        (row for row in rows("risk_assessment") if row["risk_id"] == "RISK-1847-SPEND"),
        key=lambda row: row["assessed_on"],
    )
    assert history["assessed_on"].tolist() == [date(2025, 12, 11)] + [day_of(row["assessed_on"]) for row in reassessed]
    assert history["score"].tolist() == [12, 16, 20]
    assert history["note"].iloc[-1] == reassessed[-1]["note"]
    assert risks.risk_history(seeded_engine, scope_at(date(2026, 7, 1)), "RISK-1847-SPEND")["score"].tolist() == [
        12,
        16,
    ]


def test_changes_since_the_board_list_new_closed_and_moved_risks(seeded_engine):
    changed = risks.risk_changes(seeded_engine, scope_at(AS_AT, since=LAST_BOARD)).set_index("id")
    before, now = scores_on(LAST_BOARD), scores_on(AS_AT)
    new = {risk["id"] for risk in rows("risk") if LAST_BOARD < day_of(risk["raised_date"]) <= AS_AT}
    closed = {
        risk["id"] for risk in rows("risk") if risk["closed_date"] and LAST_BOARD < day_of(risk["closed_date"]) <= AS_AT
    }
    moved = {
        risk_id
        for risk_id in open_on(LAST_BOARD) & open_on(AS_AT)
        if before[risk_id][0] * before[risk_id][1] != now[risk_id][0] * now[risk_id][1]
    }
    assert set(changed.index[changed["change"] == "New"]) == new == {"RISK-ILL-FACIL"}
    assert set(changed.index[changed["change"] == "Closed"]) == closed == set()  # RISK-ILL-YOUNG stays open now
    assert set(changed.index[changed["change"].str.startswith("Score")]) == moved
    assert (changed.at["RISK-1847-SPEND", "score_before"], changed.at["RISK-1847-SPEND", "score_now"]) == (16, 20)
    assert changed.at["RISK-1847-SPEND", "change"] == "Score up"
    assert pd.isna(changed.at["RISK-ILL-FACIL", "score_before"])


def test_milestones_show_baseline_forecast_actual_and_slippage(seeded_engine):
    register = milestones.milestone_register(seeded_engine, scope_at(AS_AT)).set_index("id")
    seeded = {row["id"]: row for row in rows("milestone") if day_of(row["baselined_on"]) <= AS_AT}
    assert set(register.index) == set(seeded)
    for milestone_id, row in seeded.items():
        forecast = forecast_on(row, AS_AT)
        actual = day_of(row["actual_date"])
        assert register.at[milestone_id, "forecast_date"] == forecast
        assert register.at[milestone_id, "actual_date"] == actual
        if row["status"] != "Cancelled":
            assert (
                register.at[milestone_id, "slippage_days"] == ((actual or forecast) - day_of(row["baseline_date"])).days
            )
    approval = register.loc["MS-1847-STRATEGY"]
    assert (approval["baseline_date"], approval["actual_date"], approval["slippage_days"]) == (
        date(2024, 9, 16),
        date(2024, 9, 16),
        0,
    )
    assert register.at["MS-1847-MOBILISE", "slippage_days"] == 22  # three weeks behind its baseline
    slipped = register["slipped"].tolist()
    assert slipped == sorted(slipped, reverse=True)  # slipped ones first


def test_milestones_slipped_by_more_than_30_days_need_a_decision(seeded_engine):
    late = milestones.slipped_for_decision(seeded_engine, scope_at(AS_AT))
    expected = [
        row["id"]
        for row in rows("milestone")
        if row["status"] == "Planned" and (forecast_on(row, AS_AT) - day_of(row["baseline_date"])).days > 30
    ]
    assert sorted(late["id"]) == sorted(expected) == ["MS-1847-EXT1", "MS-ILL-VAWG-REVIEW"]


def test_forecast_moves_and_achievements_since_the_board(seeded_engine):
    moves = milestones.forecast_moves(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    moved = [row for row in rows("milestone_forecast") if LAST_BOARD < day_of(row["changed_on"]) <= AS_AT]
    achieved = [
        row for row in rows("milestone") if row["actual_date"] and LAST_BOARD < day_of(row["actual_date"]) <= AS_AT
    ]
    assert sorted(moves.loc[moves["change"] == "Forecast moved", "id"]) == sorted(row["milestone_id"] for row in moved)
    assert sorted(moves.loc[moves["change"] == "Achieved", "id"]) == sorted(row["id"] for row in achieved)
    extension = moves[moves["id"] == "MS-1847-EXT1"].iloc[0]
    assert (extension["from_date"], extension["to_date"], extension["days"]) == (
        date(2027, 9, 30),
        date(2027, 11, 30),
        61,
    )


def test_actions_from_the_last_board_four_done_one_overdue(seeded_engine):
    listed = actions.actions_from_board(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    meeting = next(row["id"] for row in rows("board_meeting") if day_of(row["meeting_date"]) == LAST_BOARD)
    agreed = [row for row in rows("board_action") if row["meeting_id"] == meeting]
    assert sorted(listed["id"]) == sorted(row["id"] for row in agreed)
    done = sum(row["status"] == "Done" and day_of(row["closed_date"]) <= AS_AT for row in agreed)
    overdue = sum(not row["closed_date"] and day_of(row["due_date"]) < AS_AT for row in agreed)
    assert actions.action_outcomes(seeded_engine, scope_at(AS_AT, since=LAST_BOARD)) == {
        "Done": done,
        "Dropped": 0,
        "Overdue": overdue,
        "Open": len(agreed) - done - overdue,
    }
    assert (done, overdue) == (4, 1)
    assert listed["outcome"].iloc[0] == "Overdue"
    # Before its due date the same action was merely open.
    assert actions.action_outcomes(seeded_engine, scope_at(date(2026, 11, 1), since=LAST_BOARD))["Open"] == 5
