"""Money is written as plain pounds, and says what to write when it is not; the same at the file door and an edit."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.rules.values import plain_pounds
from data_model.tables import Spend
from data_model.writes.csv_files import ValidationFailed, read_directory
from data_model.writes.edits import EditInvalid, checked_row
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.minimal_set import write_set

HINT = "write pounds and pence in plain digits, like 1234.50 or £1,234.50"
ACCEPTED = {
    "1234": Decimal("1234"),
    "1234.5": Decimal("1234.5"),
    "1234.50": Decimal("1234.50"),
    "1,234.50": Decimal("1234.50"),
    "£1,234,567": Decimal("1234567"),
    "£0": Decimal("0"),
    "0.01": Decimal("0.01"),
    "999,999.99": Decimal("999999.99"),
}
REFUSED = {
    "1,23,4": f"'1,23,4' has commas out of place: {HINT} (commas go between thousands)",
    "12,34": f"'12,34' has commas out of place: {HINT} (commas go between thousands)",
    "0.001": "'0.001' has more than two decimal places: amounts are pounds and pence",
    "1,234.567": "'1,234.567' has more than two decimal places: amounts are pounds and pence",
    "1e9": f"'1e9' is not an amount of money: {HINT}",
    "1e-2": f"'1e-2' is not an amount of money: {HINT}",
    "1E+400": f"'1E+400' is not an amount of money: {HINT}",
    "1_000": f"'1_000' is not an amount of money: {HINT}",
    "١٠٠": f"'١٠٠' is not an amount of money: {HINT}",  # Arabic-Indic digits: one hundred
    "NaN": f"'NaN' is not an amount of money: {HINT}",
    "Infinity": f"'Infinity' is not an amount of money: {HINT}",
    "+5": f"'+5' is not an amount of money: {HINT}",
    "1 234": f"'1 234' is not an amount of money: {HINT}",
    "£ 5": f"'£ 5' is not an amount of money: {HINT}",
    ".5": f"'.5' is not an amount of money: {HINT}",
    "5.": f"'5.' is not an amount of money: {HINT}",
    "5p": f"'5p' is not an amount of money: {HINT}",
    "-5": "-5 is negative: amounts of money cannot be negative",
    "-£1,000": "-£1,000 is negative: amounts of money cannot be negative",
    "£-5": "£-5 is negative: amounts of money cannot be negative",
    "-0": "-0 is negative: amounts of money cannot be negative",
}
PLAIN_POUNDS = re.compile(r"£?([0-9]{1,3}(,[0-9]{3})*|[0-9]+)(\.[0-9]{1,2})?")
"""The rule, restated: ASCII digits, an optional £, commas between thousands, at most two decimals."""


def test_the_cases_are_the_rule_restated() -> None:
    assert all(PLAIN_POUNDS.fullmatch(cell) for cell in ACCEPTED)
    assert not any(PLAIN_POUNDS.fullmatch(cell) for cell in REFUSED)


@pytest.mark.parametrize(("cell", "amount"), ACCEPTED.items())
def test_plain_pounds_are_read_as_written(cell: str, amount: Decimal, tmp_path: Path) -> None:
    assert plain_pounds(cell) == amount
    tables = read_directory(write_set(tmp_path / "set", edits={"spend.csv": [("1234.50", f'"{cell}"')]}))
    assert tables["spend"][0]["amount"] == amount


@pytest.mark.parametrize(("cell", "message"), REFUSED.items())
def test_anything_else_is_refused_saying_what_to_write(cell: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as failure:
        read_directory(write_set(tmp_path / "set", edits={"spend.csv": [("1234.50", f'"{cell}"')]}))
    assert [(p.file, p.row, p.column, p.message) for p in failure.value.problems] == [
        ("spend.csv", 2, "amount", message)
    ]


def test_an_edit_taking_money_and_a_payment_date_follows_the_same_rules(engine: Engine, tmp_path: Path) -> None:
    """A form to come that records a payment: the edit door's check gives the file door's words."""
    load_directory(engine, write_set(tmp_path / "minimal"), actor=analyst())
    payment = {"id": "S9", "budget_line_id": "B1", "supplier": "Acme Ltd", "source": "Ledger"}
    tomorrow = date.today() + timedelta(days=1)
    with engine.connect() as connection:
        assert checked_row(connection, Spend, payment | {"spend_date": date.today(), "amount": "£1,234.50"})[
            "amount"
        ] == Decimal("1234.50")
        for amount, message in (("1e9", REFUSED["1e9"]), (Decimal("0.001"), None), ("1,23,4", REFUSED["1,23,4"])):
            with pytest.raises(EditInvalid) as refused:
                checked_row(connection, Spend, payment | {"spend_date": date.today(), "amount": amount})
            [(field, said)] = refused.value.problems
            assert field == "amount" and (message is None or said == message)
        with pytest.raises(EditInvalid) as refused:
            checked_row(connection, Spend, payment | {"spend_date": tomorrow, "amount": Decimal("5")})
    assert refused.value.problems == [
        ("spend_date", f"{tomorrow} is after today ({date.today()}): a payment is recorded once it is made")
    ]
