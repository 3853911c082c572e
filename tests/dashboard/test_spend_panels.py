"""The spend page's cumulative chart draws, at first, the four decisions nearest their further-decision line;
the switch in the address draws every decision paid. Worked out here from the generated files themselves."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.helpers.charts import figure
from tests.helpers.seeded import AS_AT_ISO, open_page, rows


def files_of(url: str) -> Path:
    """The generated files a long-registers database was loaded from (`tests.helpers.long_registers`)."""
    return Path(make_url(url).database).parent / "files"


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def shares(folder: Path) -> dict[str, Decimal]:
    """Each decision paid by the as-at day: its spend to date over its further-decision line (else initial value)."""
    decision_of = {line["id"]: line["decision_ref"] for line in read(folder, "budget_line.csv")}
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for payment in read(folder, "spend.csv"):
        if payment["spend_date"] <= AS_AT_ISO:
            spent[decision_of[payment["budget_line_id"]]] += Decimal(payment["amount"])
    lines = {
        row["reference"]: Decimal(row["further_decision_threshold"] or row["initial_value"])
        for row in read(folder, "decision.csv")
    }
    return {reference: total / lines[reference] for reference, total in spent.items()}


def panels(url_params: dict[str, str]) -> list[str]:
    drawn = figure(open_page("spend", **url_params))
    return sorted(line["name"] for line in drawn["data"] if not line["name"].startswith("Forecast"))


def test_the_four_decisions_nearest_their_line_are_drawn_and_the_switch_draws_all(long_app_env) -> None:
    ranked = sorted(shares(files_of(long_app_env)).items(), key=lambda item: item[1], reverse=True)
    assert len(ranked) > 4 and ranked[3][1] > ranked[4][1]  # a set where the fifth is clearly further away
    assert panels({}) == sorted(reference for reference, _ in ranked[:4])
    assert panels({"all_decisions": "true"}) == sorted(reference for reference, _ in ranked)


def test_four_decisions_or_fewer_are_all_drawn_without_a_switch(app_env) -> None:
    """The seed pays each of its three decisions: all drawn, no switch offered."""
    at = open_page("spend")
    decisions = sorted(row["reference"] for row in rows("decision"))
    assert len(decisions) == 3
    assert "all_decisions" not in [toggle.key for toggle in at.toggle]
    assert sorted(line["name"] for line in figure(at)["data"] if not line["name"].startswith("Forecast")) == decisions
