"""The overall status rule at its edges: the Red share of recommendations (more than 25%), and spend
at (not past) and just past a further-decision line, and at 80% of it.

The rule's counts are made here by hand, or the data is the seed with one payment added whose amount
is worked out from the seed's own payments, never from the code under test.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from data_model.queries.money import threshold_headroom
from data_model.queries.overall_status import RED_SHARE, Counts, Tally, judge, overall_status
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import rows

LINE = Decimal("50000")  # PCD 1847: anything above £50,000 needs a further decision


def counts(recommendations: int = 100, red: int = 0, *, passed: int = 0, near: int = 0) -> Counts:
    return Counts(
        recommendations=Tally(recommendations),
        red=Tally(red),
        lines=1,
        overdue=Tally(0),
        lines_passed=Tally(passed),
        lines_near=Tally(near),
        risks_above_target=Tally(0),
        milestones_slipped=Tally(0),
    )


@pytest.mark.parametrize(("red", "status"), [(24, "Amber"), (25, "Amber"), (26, "Red")])
def test_red_takes_more_than_a_quarter_of_the_recommendations_at_red(red, status):
    assert RED_SHARE == 0.25
    assert judge(counts(100, red)).status == status


def test_a_line_passed_is_red_and_a_line_near_is_amber():
    assert judge(counts(passed=1, near=1)).status == "Red"
    assert judge(counts(near=1)).status == "Amber"
    assert judge(counts()).status == "Green"


def pcd_1847_spend(up_to: date) -> Decimal:
    lines = {line["id"] for line in rows("budget_line") if line["decision_ref"] == "PCD 1847"}
    return sum(
        (Decimal(p["amount"]) for p in rows("spend") if p["budget_line_id"] in lines and p["spend_date"] <= str(up_to)),
        Decimal(0),
    )


def seed_with_payment(engine, folder: Path, day: date, amount: Decimal) -> None:
    """Load the seed with one more PCD 1847 payment of `amount` on `day`, and without the decisions' conditions
    (tested in test_conditions.py), so the further-decision line's own rule is what is tested."""
    shutil.copytree(SEED_DIR, folder)
    for name in ("decision_condition.csv", "condition_line.csv"):
        header = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        (folder / name).write_text(header + "\n", encoding="utf-8")
    spend = folder / "spend.csv"
    row = f'Test payment,true,SP-TEST-1,{day.isoformat()},{amount},BL-1847-Y2,Test supplier,"Edge of the line"\n'
    spend.write_text(spend.read_text(encoding="utf-8") + row, encoding="utf-8")
    load_directory(engine, folder, actor=analyst())


@pytest.mark.parametrize(
    ("extra", "share", "status", "reason"),
    [
        (Decimal("0.00"), None, None, "spend at 80% or more of 1 line†"),
        (Decimal("0.01"), 1.0, "Red", "1 further-decision line passed†"),  # a penny past the line
    ],
)
def test_spend_at_the_line_is_near_and_a_penny_past_it_is_red(sqlite_engine, tmp_path, extra, share, status, reason):
    day = date(2026, 11, 20)
    to_the_line = LINE - pcd_1847_spend(day)
    assert to_the_line == Decimal("8500")
    seed_with_payment(sqlite_engine, tmp_path / "seed", day, to_the_line + extra)
    scope = scope_at(day)
    line = threshold_headroom(sqlite_engine, scope).set_index("decision_ref").loc["PCD 1847"]
    assert Decimal(str(line["spent"])) == LINE + extra
    judged = overall_status(sqlite_engine, scope)
    assert reason in [f"{r.text}{'†' if r.sample else ''}" for r in judged.reasons]
    if status:
        assert judged.status == status
    else:
        assert "further-decision line passed" not in " ".join(r.text for r in judged.reasons)


@pytest.mark.parametrize(("short", "near"), [(Decimal("0.01"), False), (Decimal("0"), True)])
def test_spend_is_near_its_line_from_80_percent(sqlite_engine, tmp_path, short, near):
    day = date(2026, 10, 1)
    at_80 = LINE * Decimal("0.8") - pcd_1847_spend(day)
    assert at_80 > 0
    seed_with_payment(sqlite_engine, tmp_path / "seed", day, at_80 - short)
    reasons = [r.text for r in overall_status(sqlite_engine, scope_at(day)).reasons]
    assert ("spend at 80% or more of 1 line" in reasons) is near
