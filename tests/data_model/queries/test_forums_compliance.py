"""Forum and Victims' Code compliance queries against the seed, checked against the CSV files read directly.

Small numbers: no participant count under 5 may leave the forum queries, nor be added into a
total. Compliance rates are summed returns divided, never an
average of rates.
"""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest

from data_model.queries import compliance, forums
from data_model.queries.common import SMALL_NUMBER
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, rows

YEAR_AGO = date(2025, 11, 22)
LAST_QUARTER = "2026/27 Q2"


def meetings_in_year(forum_id: str) -> list[dict[str, str]]:
    return [
        meeting
        for meeting in rows("forum_meeting")
        if meeting["forum_id"] == forum_id and YEAR_AGO < date.fromisoformat(meeting["meeting_date"]) <= AS_AT
    ]


def insight_counts(forum_id: str) -> tuple[int, int]:
    """(closed, all) insights raised by AS_AT, closed meaning Closed with a closed date by then."""
    raised = [
        insight
        for insight in rows("forum_insight")
        if insight["forum_id"] == forum_id and date.fromisoformat(insight["raised_date"]) <= AS_AT
    ]
    closed = [
        insight
        for insight in raised
        if insight["status"] == "Closed"
        and date.fromisoformat(insight["closed_date"] or insight["raised_date"]) <= AS_AT
    ]
    return len(closed), len(raised)


def test_forum_register_has_the_six_cohorts_with_their_figures(seeded_engine):
    register = forums.forum_register(seeded_engine, scope_at(AS_AT)).set_index("id")
    assert sorted(register.index) == sorted(forum["id"] for forum in rows("forum"))
    assert len(register) == 6
    assert register.loc["VVF-BLACK", "decision_ref"] == "PCD 1847"
    assert register.loc["VVF-BLACK", "contract_end_date"] == date(2027, 12, 31)
    assert register.loc["VVF-YOUNG", "status"] == "Planned"
    for forum_id, forum in register.iterrows():
        closed, raised = insight_counts(forum_id)
        assert forum["meetings_last_year"] == len(meetings_in_year(forum_id))
        assert (forum["closed_insights"], forum["open_insights"]) == (closed, raised - closed)
        if raised:
            assert forum["share_closed"] == pytest.approx(closed / raised)
    assert register.loc["VVF-DISAB", "share_closed"] == pytest.approx(8 / 14)


def test_forum_meetings_never_carry_a_small_number(seeded_engine):
    for forum in rows("forum"):
        meetings = forums.forum_meetings(seeded_engine, scope_at(AS_AT), forum["id"])
        source = meetings_in_year(forum["id"])
        assert len(meetings) == len(source)
        shown = meetings["participants"].dropna()
        assert (shown >= SMALL_NUMBER).all()
        assert meetings["participants"].isna().sum() == sum(int(m["participants"]) < SMALL_NUMBER for m in source)
    disabled = forums.forum_meetings(seeded_engine, scope_at(AS_AT), "VVF-DISAB").set_index("meeting_date")
    assert pd.isna(disabled.loc[date(2026, 7, 1), "participants"])  # 3 participants in the CSV
    assert disabled.loc[date(2026, 8, 19), "participants"] == 9


@pytest.mark.parametrize(("forum_id", "shown", "small"), [("VVF-DISAB", 43, 1), ("VVF-VAWG", 72, 1)])
def test_attendance_total_adds_up_only_the_counts_shown(seeded_engine, forum_id, shown, small):
    source = meetings_in_year(forum_id)
    counts = [int(meeting["participants"]) for meeting in source]
    summary = forums.attendance_summary(seeded_engine, scope_at(AS_AT), forum_id)
    assert summary == {
        "meetings": len(source),
        "small_meetings": small,
        "shown_participants": shown,
        "illustrative_meetings": sum(meeting["illustrative"] == "true" for meeting in source),
    }
    assert shown == sum(count for count in counts if count >= SMALL_NUMBER) < sum(counts)
    assert small == sum(count < SMALL_NUMBER for count in counts)


@pytest.mark.parametrize(
    ("participants", "shown", "small"), [([5, 4], 5, 1), ([5, 5], 10, 0), ([4, 4], 0, 2), ([0, 6], 6, 1)]
)
def test_a_count_is_added_into_a_total_from_5_and_never_under(sqlite_engine, tmp_path, participants, shown, small):
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    with open(folder / "forum_meeting.csv", "a", encoding="utf-8") as meetings:
        for number, count in enumerate(participants):
            meetings.write(f"Test,true,FM-YOUNG-T{number},VVF-YOUNG,2026-10-0{number + 1},{count},1,1,Test\n")
    load_directory(sqlite_engine, folder, actor=analyst())
    summary = forums.attendance_summary(sqlite_engine, scope_at(AS_AT), "VVF-YOUNG")
    assert (summary["shown_participants"], summary["small_meetings"]) == (shown, small)


def test_attendance_without_meetings_counts_none(seeded_engine):
    assert forums.attendance_summary(seeded_engine, scope_at(AS_AT), "VVF-YOUNG") == {
        "meetings": 0,
        "small_meetings": 0,
        "shown_participants": 0,
        "illustrative_meetings": 0,
    }


def test_you_said_we_did_log_as_at_a_date(seeded_engine):
    log = forums.forum_insights(seeded_engine, scope_at(AS_AT), "VVF-DISAB")
    assert len(log) == 14 and (log["status"] == "Closed").sum() == 8
    assert log.loc[log["status"] != "Closed", "closed_date"].isna().all()
    earlier = forums.forum_insights(seeded_engine, scope_at(date(2026, 8, 1)), "VVF-DISAB").set_index("id")
    assert earlier.loc["INS-DISAB-11", "status"] == "In progress"  # closed on 5 Aug 2026


def test_scene_1_four_new_vawg_insights_since_the_last_board(seeded_engine):
    new = forums.new_insights(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    expected = [
        insight["id"]
        for insight in rows("forum_insight")
        if LAST_BOARD < date.fromisoformat(insight["raised_date"]) <= AS_AT
    ]
    assert sorted(new["id"]) == sorted(expected)
    assert len(new) == 4 and set(new["forum_id"]) == {"VVF-VAWG"}


def returns_sum(quarter: str, measure: str, agencies: set[str] | None = None) -> tuple[int, int]:
    chosen = [
        row
        for row in rows("compliance_measure")
        if row["quarter"] == quarter and row["measure"] == measure and (agencies is None or row["agency"] in agencies)
    ]
    return sum(int(row["numerator"]) for row in chosen), sum(int(row["denominator"]) for row in chosen)


def test_last_complete_quarter():
    assert compliance.last_complete_quarter(AS_AT) == LAST_QUARTER
    assert compliance.last_complete_quarter(date(2026, 9, 30)) == "2026/27 Q2"
    assert compliance.last_complete_quarter(date(2026, 9, 29)) == "2026/27 Q1"
    assert compliance.last_complete_quarter(date(2026, 4, 2)) == "2025/26 Q4"
    assert compliance.last_complete_quarter(date(2027, 1, 5)) == "2026/27 Q3"


def test_trend_rates_are_summed_returns_divided(seeded_engine):
    trend = compliance.compliance_trend(seeded_engine, scope_at(AS_AT))
    measure = "Offer of a Victim Personal Statement"  # returned by both MPS and CPS
    row = trend[(trend["measure"] == measure) & (trend["quarter"] == LAST_QUARTER)].iloc[0]
    numerator, denominator = returns_sum(LAST_QUARTER, measure)
    assert (row["numerator"], row["denominator"]) == (numerator, denominator) == (264 + 167, 375 + 193)
    assert row["rate"] == pytest.approx(numerator / denominator)
    before = returns_sum("2026/27 Q1", measure)
    assert row["change"] == pytest.approx(numerator / denominator - before[0] / before[1])
    assert row["right"] == "Right 7: Make a Victim Personal Statement" and row["illustrative"]
    assert len(trend) == len({(r["measure"], r["quarter"]) for r in rows("compliance_measure")})


def test_latest_quarter_per_measure_and_agency_filter(seeded_engine):
    latest = compliance.compliance_latest(seeded_engine, scope_at(AS_AT)).set_index("measure")
    measures = {row["measure"] for row in rows("compliance_measure")}
    assert set(latest.index) == measures and set(latest["quarter"]) == {LAST_QUARTER}
    referral = latest.loc["Referral to support services"]
    assert (referral["numerator"], referral["denominator"]) == (334, 414)
    assert referral["right"] == "Right 4: Referral to support services"
    mps = compliance.compliance_latest(seeded_engine, scope_at(AS_AT), agencies=["MPS"]).set_index("measure")
    assert mps.loc["Offer of a Victim Personal Statement", "numerator"] == 264
    nothing = compliance.compliance_latest(
        seeded_engine, scope_at(AS_AT), agencies="CPS", measures="Referral to support services"
    )
    assert nothing.empty
    assert compliance.compliance_latest(seeded_engine, scope_at(date(2024, 6, 1))).empty  # no quarter had ended


def test_returns_and_choices(seeded_engine):
    returns = compliance.compliance_returns(seeded_engine, scope_at(AS_AT))
    assert len(returns) == len(rows("compliance_measure"))
    assert (returns["rate"] == returns["numerator"] / returns["denominator"]).all()
    choices = compliance.compliance_choices(seeded_engine, scope_at())
    assert choices["agency"] == sorted({row["agency"] for row in rows("compliance_measure")})
    assert len(compliance.VICTIMS_CODE_RIGHTS) == 12


def test_forum_and_compliance_queries_give_the_same_answer_on_every_backend(engine, seeded_engine):
    """Runs on SQLite and PostgreSQL (the `engine` fixture)."""
    from data_model.writes.replace import load_directory

    load_directory(engine, SEED_DIR, actor=analyst("t"))
    for call in (
        lambda e: forums.forum_register(e, scope_at(AS_AT)),
        lambda e: forums.forum_meetings(e, scope_at(AS_AT), "VVF-DISAB"),
        lambda e: forums.forum_insights(e, scope_at(AS_AT), "VVF-DISAB"),
        lambda e: forums.new_insights(e, scope_at(AS_AT, since=LAST_BOARD)),
        lambda e: compliance.compliance_trend(e, scope_at(AS_AT), agencies=["MPS", "CPS"]).drop(columns="source"),
        lambda e: compliance.compliance_latest(e, scope_at(AS_AT)).drop(columns="source"),
        lambda e: compliance.compliance_returns(e, scope_at(AS_AT)),
    ):
        assert call(engine).astype(str).to_dict("records") == call(seeded_engine).astype(str).to_dict("records")
    summary = forums.attendance_summary(engine, scope_at(AS_AT), "VVF-DISAB")
    assert summary == forums.attendance_summary(seeded_engine, scope_at(AS_AT), "VVF-DISAB")
