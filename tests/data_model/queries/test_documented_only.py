""" "Documented figures only": every query leaves out every illustrative row.

Expected figures are summed here from the seed CSV files (rows whose `illustrative` is false), or
are the documents' own figures (PCD 1847's £50,000, PCD 603's £607,116), never from the code under test.
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from data_model.queries import changes, compliance, decisions, forums, money, overview, recommendations
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, rows


def documented(table: str) -> list[dict[str, str]]:
    return [row for row in rows(table) if row["illustrative"] == "false"]


def test_the_overview_money_counts_only_the_documents(seeded_engine):
    figures = money.headline(seeded_engine, scope_at(AS_AT, documented_only=True))
    assert figures["approved"] == sum(Decimal(d["initial_value"]) for d in documented("decision"))
    assert figures["approved"] == Decimal("50000") + Decimal("607116")  # PCD 1847 and PCD 603
    assert figures["spent"] == sum(Decimal(p["amount"]) for p in documented("spend")) == 0
    assert figures["reserves_earmarked"] == Decimal("155324")  # PCD 603 §3.2
    assert all(figures[f"{name}_illustrative"] == 0 for name in ("approved", "spent", "reserves_drawn"))
    everything = money.headline(seeded_engine, scope_at(AS_AT))
    assert everything["approved"] == sum(Decimal(d["initial_value"]) for d in rows("decision")) != figures["approved"]


def test_spend_tables_hold_only_documented_decisions_and_lines(seeded_engine):
    by_decision = money.budget_vs_actual_by_decision(seeded_engine, scope_at(AS_AT, documented_only=True))
    assert sorted(by_decision["decision_ref"]) == sorted(d["reference"] for d in documented("decision"))
    assert not by_decision["illustrative"].any()
    lines = money.budget_vs_actual(seeded_engine, scope_at(AS_AT, documented_only=True))
    assert sorted(lines["budget_line_id"]) == sorted(line["id"] for line in documented("budget_line"))
    assert money.payments(seeded_engine, scope_at(AS_AT, documented_only=True)).empty
    assert money.spend_by_financial_year(seeded_engine, scope_at(AS_AT, documented_only=True)).empty
    assert money.cumulative_spend(seeded_engine, scope_at(AS_AT, documented_only=True), "PCD 1847").empty
    assert money.spend_lines(seeded_engine, scope_at(AS_AT, documented_only=True)).empty
    assert set(money.filter_choices(seeded_engine, scope_at(documented_only=True))["decision"]) == {
        "PCD 1847",
        "PCD 603",
    }


def test_recommendations_forums_and_compliance_hold_only_documented_rows(seeded_engine):
    register = recommendations.recommendation_register(seeded_engine, scope_at(AS_AT, documented_only=True))
    assert sorted(register["id"]) == sorted(r["id"] for r in documented("recommendation"))
    documented_updates = {u["recommendation_id"] for u in documented("progress_update")}
    not_started = [r["id"] for r in documented("recommendation") if r["id"] not in documented_updates]
    assert sorted(register.loc[register["status"] == "Not started", "id"]) == sorted(not_started)
    counts = recommendations.status_counts(seeded_engine, scope_at(AS_AT, documented_only=True))
    assert counts["recommendations"].sum() == len(documented("recommendation"))
    assert sorted(forums.forum_register(seeded_engine, scope_at(AS_AT, documented_only=True))["id"]) == sorted(
        f["id"] for f in documented("forum")
    )
    assert overview.forums_by_status(seeded_engine, scope_at(documented_only=True))["forums"].sum() == len(
        documented("forum")
    )
    assert len(compliance.compliance_latest(seeded_engine, scope_at(AS_AT, documented_only=True))) == len(
        documented("compliance_measure")
    )
    facts = decisions.decision_facts(seeded_engine, scope_at(documented_only=True), "PCD 603")
    assert len(facts) == sum(f["decision_ref"] == "PCD 603" for f in documented("decision_fact"))


def test_changes_since_the_board_count_only_documented_rows(seeded_engine):
    figures = changes.headline(seeded_engine, scope_at(AS_AT, since=LAST_BOARD, documented_only=True))
    in_period = [p for p in documented("spend") if LAST_BOARD.isoformat() < p["spend_date"] <= AS_AT.isoformat()]
    assert figures["payments"] == len(in_period)
    assert figures["insights"] == sum(
        LAST_BOARD.isoformat() < i["raised_date"] <= AS_AT.isoformat() for i in documented("forum_insight")
    )
    assert changes.new_payments(seeded_engine, scope_at(AS_AT, since=LAST_BOARD, documented_only=True)).empty


@pytest.fixture
def with_a_documented_payment(engine, tmp_path):
    """The seed with one payment marked documented (as if a ledger were cited), loaded afresh."""
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    spend = folder / "spend.csv"
    text = spend.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("Illustrative") and ",SP-603-0001," in line)
    documented_line = first.replace("Illustrative sample data (invented payment),true", "MOPAC ledger (test),false")
    spend.write_text(text.replace(first, documented_line), encoding="utf-8")
    load_directory(engine, folder, actor=analyst())
    payment = next(p for p in rows("spend") if p["id"] == "SP-603-0001")
    return engine, Decimal(payment["amount"])


def test_a_documented_payment_is_kept_and_every_sample_one_left_out(with_a_documented_payment):
    engine, amount = with_a_documented_payment
    assert money.headline(engine, scope_at(AS_AT, documented_only=True))["spent"] == amount
    total = money.spend_total(engine, scope_at(AS_AT, documented_only=True))
    assert (total["spent"], total["payments"], total["spent_illustrative"]) == (amount, 1, 0)
    by_decision = money.budget_vs_actual_by_decision(engine, scope_at(AS_AT, documented_only=True)).set_index(
        "decision_ref"
    )
    assert by_decision.loc["PCD 603", "spent"] == amount
    assert money.payments(engine, scope_at(AS_AT, documented_only=True))["amount"].tolist() == [amount]
    by_year = money.spend_by_financial_year(engine, scope_at(AS_AT, documented_only=True))
    assert by_year["spent"].tolist() == [amount]
    everything = money.headline(engine, scope_at(AS_AT))
    assert everything["spent"] - everything["spent_illustrative"] == amount
