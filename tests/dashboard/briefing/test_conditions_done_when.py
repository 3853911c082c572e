"""Issue 21's "Done when": with PCD 1847 payments of £11,000 on BL-1847-Y1 and £10,500 on BL-1847-Y2 on one
day in 2026/27 (and no other payment), the overview names £21,500 against the £20,000 a year, the overall
status is Red, and the pack lists it. £20,000 a year is PCD 1847's Financial Comments; £11,000 + £10,500 =
£21,500, £1,500 past it. £9,001 on the second line (£20,001) is a breach too; £9,000 (£20,000) reaches the cap
and £8,999 (£19,999) is near it: neither is a breach, nor Red."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from dashboard.briefing.pack import make_pack
from dashboard.widgets.needs_a_decision import describe
from data_model.queries.overall_status import overall_status
from data_model.queries.overview import needs_a_decision
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.documented_copy import documented_files
from tests.helpers.environment import SEED_DIR
from tests.helpers.pdf_text import pages_text
from tests.helpers.scopes import scope_at

PAID_ON = date(2026, 9, 30)
AS_AT = date(2026, 10, 1)


def with_two_payments(engine: Engine, folder: Path, second: str) -> None:
    """The seed's documented rows and two sample payments on `PAID_ON`: £11,000 on Y1, `second` on Y2."""
    files = documented_files(SEED_DIR, folder)
    with open(files / "spend.csv", "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for number, (line, amount) in enumerate((("BL-1847-Y1", "11000"), ("BL-1847-Y2", second)), 1):
            writer.writerow(["Test payment", "true", f"SP-T-{number}", PAID_ON.isoformat(), amount, line, "CIC", ""])
    load_directory(engine, files, actor=analyst())


def test_the_overview_names_the_breach_the_status_is_red_and_the_pack_lists_it(sqlite_engine, tmp_path):
    with_two_payments(sqlite_engine, tmp_path / "files", "10500")
    scope = scope_at(AS_AT)
    first = describe(needs_a_decision(sqlite_engine, scope), AS_AT).iloc[0]
    assert (first["kind"], first["status"]) == ("Condition", "Breached")
    assert first["figure"] == "£21,500† against £20,000 a year (2026/27)"
    judged = overall_status(sqlite_engine, scope)
    assert judged.status == "Red"
    assert [reason.text for reason in judged.reasons] == [
        "PCD 1847: £21,500 against £20,000 a year (cap per year), which is a breach of the decision"
    ]
    text = " ".join(" ".join(pages_text(make_pack(sqlite_engine, scope))).split())
    assert "Red" in text
    assert "£21,500† of £20,000; -£1,500 left" in text  # the tolerances
    assert "Breached: £21,500† against £20,000 a year (2026/27)" in text  # the requests for decision


@pytest.mark.parametrize(
    ("second", "status", "red"), [("8999", "Near", False), ("9000", "Reached", False), ("9001", "Breached", True)]
)
def test_both_sides_of_the_cap(sqlite_engine, tmp_path, second, status, red):
    with_two_payments(sqlite_engine, tmp_path / "files", second)
    items = needs_a_decision(sqlite_engine, scope_at(AS_AT))
    assert items.loc[items["item"].str.startswith("Cap per year"), "status"].tolist() == [status]
    assert (overall_status(sqlite_engine, scope_at(AS_AT)).status == "Red") is red
