"""Overview and "changes since the last board" queries against the seed (scenario 1), checked
against the CSV files, on SQLite, and the SQL run again on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from data_model.queries import changes, overview
from data_model.queries.recommendations import recommendation_register
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, rows


def test_forums_by_status_counts_the_csv(seeded_engine):
    frame = overview.forums_by_status(seeded_engine, scope_at())
    assert dict(zip(frame["status"], frame["forums"], strict=True)) == Counter(
        forum["status"] for forum in rows("forum")
    )
    assert frame["status"].tolist() == ["Planned", "Active", "Closed"]  # lifecycle order


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 22), 6, date(2027, 5, 22)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
    ],
)
def test_months_after(day, months, expected):
    assert overview.months_after(day, months) == expected


def test_contract_ends_within_six_months(seeded_engine):
    assert overview.contract_ends(seeded_engine, scope_at(AS_AT))["id"].tolist() == ["VVF-VAWG"]  # 31 Mar 2027
    later = overview.contract_ends(seeded_engine, scope_at(date(2027, 1, 1)))
    assert later["id"].tolist() == ["VVF-VAWG", "VVF-LGBTQ", "VVF-DISAB"]
    passed = overview.contract_ends(seeded_engine, scope_at(date(2027, 4, 15)))
    assert passed["contract_end_date"].iloc[0] == date(2027, 3, 31)  # past but not closed: still listed


def test_needs_a_decision_lists_threshold_contracts_and_recommendations(seeded_engine):
    items = overview.needs_a_decision(seeded_engine, scope_at(AS_AT))
    assert items["kind"].iloc[0] == "Condition"  # the decisions' conditions lead, breaches first
    threshold = items[items["kind"] == "Spend threshold"].iloc[0]
    assert (threshold["kind"], threshold["reference"]) == ("Spend threshold", "PCD 1847")
    assert (threshold["amount"], threshold["limit"]) == (41500, 50000)
    assert threshold["share"] == pytest.approx(0.83)
    contracts = items[items["kind"] == "Contract end"]
    assert contracts["on_date"].tolist() == [date(2027, 3, 31)]
    register = recommendation_register(seeded_engine, scope_at(AS_AT))
    flagged = register[register["overdue"] | (register["status"] == "Red")]
    recommendations = items[items["kind"] == "Recommendation"]
    assert sorted(recommendations["reference"]) == sorted(flagged["reference"])
    assert recommendations["owner"].eq("MPS").sum() >= 2  # the Met's overdue VCOP recommendations
    assert items["source"].str.len().gt(0).all()


def test_needs_a_decision_is_empty_before_anything_was_due(seeded_engine):
    items = overview.needs_a_decision(seeded_engine, scope_at(date(2019, 1, 1)))
    assert items.empty
    assert list(items.columns) == overview.ATTENTION_COLUMNS


def test_changes_headline_is_scenario_one(seeded_engine):
    counts = changes.headline(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    window = [p for p in rows("spend") if LAST_BOARD.isoformat() < p["spend_date"] <= AS_AT.isoformat()]
    assert counts["spent"] == sum(Decimal(p["amount"]) for p in window) == Decimal("6000")
    assert counts["payments"] == len(window) == 2
    assert counts["spent_illustrative"] == Decimal("6000")  # the seed's payments are sample data
    assert (counts["insights"], counts["forums"]) == (4, 1)


def test_new_spend_by_line_and_payments(seeded_engine):
    by_line = changes.new_spend_by_line(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    assert by_line[["decision_ref", "spent", "payments"]].values.tolist() == [["PCD 1847", 6000, 2]]
    payments = changes.new_payments(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    assert payments["spend_date"].tolist() == [date(2026, 10, 30), date(2026, 11, 13)]
    assert payments["illustrative"].all()


def test_since_is_exclusive_and_as_at_inclusive(seeded_engine):
    assert changes.headline(seeded_engine, scope_at(date(2026, 11, 13), since=date(2026, 10, 30)))["spent"] == Decimal(
        "3000"
    )
    assert changes.headline(seeded_engine, scope_at(date(2026, 10, 30), since=date(2026, 10, 29)))["spent"] == Decimal(
        "3000"
    )


def test_new_insights_by_forum(seeded_engine):
    frame = changes.new_insights_by_forum(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    assert frame[["forum_id", "insights"]].values.tolist() == [["VVF-VAWG", 4]]
    assert "(VAWG)" in frame["cohort"].iloc[0]


def test_opened_and_closed_lists_starts_and_closures(seeded_engine):
    assert changes.opened_and_closed(seeded_engine, scope_at(AS_AT, since=LAST_BOARD)).empty
    october = changes.opened_and_closed(seeded_engine, scope_at(AS_AT, since=date(2026, 10, 1)))
    closed = [i for i in rows("forum_insight") if i["closed_date"] and "2026-10-01" < i["closed_date"] <= "2026-11-22"]
    assert len(closed) >= 1
    assert october["change"].tolist() == ["Insight closed"] * len(closed)
    assert october["on_date"].tolist() == sorted(date.fromisoformat(i["closed_date"]) for i in closed)
    summer_2025 = changes.opened_and_closed(seeded_engine, scope_at(date(2025, 8, 14), since=date(2025, 6, 12)))
    started = summer_2025[summer_2025["change"] == "Forum started"]
    assert started["item"].tolist() == ["Victims from London's Black communities"]
    assert started["on_date"].tolist() == [date(2025, 7, 1)]


def test_overview_and_changes_sql_runs_on_every_backend(engine):
    load_directory(engine, SEED_DIR, actor=analyst("t"))
    assert overview.needs_a_decision(engine, scope_at(AS_AT))["kind"].iloc[:2].tolist() == ["Condition"] * 2
    assert overview.forums_by_status(engine, scope_at())["forums"].sum() == len(rows("forum"))
    assert changes.headline(engine, scope_at(AS_AT, since=LAST_BOARD)) == {
        "spent": Decimal("6000"),
        "spent_illustrative": Decimal("6000"),
        "payments": 2,
        "insights": 4,
        "insights_illustrative": 4,
        "forums": 1,
    }
    assert changes.new_spend_by_line(engine, scope_at(AS_AT, since=LAST_BOARD))["spent"].tolist() == [6000]
    assert changes.new_insights_by_forum(engine, scope_at(AS_AT, since=LAST_BOARD))["insights"].tolist() == [4]
    assert (
        changes.opened_and_closed(engine, scope_at(AS_AT, since=date(2025, 6, 12)))["change"]
        .tolist()
        .count("Forum started")
        == 1
    )
