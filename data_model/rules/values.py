"""What one value may be, and what to say when it is not.

The table models (`data_model.tables`) attach these rules to their columns, and every door checks a
row against its table's model, so the rules hold alike for a file and an edit; `explain` turns what
the model finds into the same words at every door.

Money is written as plain pounds (`plain_pounds`): a spreadsheet's ``£1,234.50`` reads as it looks,
while ``1e9``, ``1_000``, ``+5``, ``1 234`` or Arabic-Indic digits, which Python's own number
parsing would take, are refused with a hint of what to write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
"""Every date must fall in this range: anything else is a typing slip."""

INTEGER_RANGE = (-(2**31), 2**31 - 1)
"""What an INTEGER column holds on PostgreSQL (and well within SQLite's): a whole number outside it is
refused as a problem rather than failing half-way through the write."""

NUL_TEXT = "the text holds a NUL character (byte 0x00), which cannot be stored"
"""PostgreSQL cannot store a NUL character in text: said, rather than failing on the write."""

_DIGITS = re.compile(r"[0-9]+(\.[0-9]{1,2})?")  # most amounts, read at once
_POUNDS = r"£?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
_PLAIN_POUNDS = re.compile(_POUNDS + r"(\.[0-9]{1,2})?")
_MORE_THAN_PENCE = re.compile(_POUNDS + r"\.[0-9]{3,}")
_MISPLACED_COMMAS = re.compile(r"£?[0-9][0-9,]*,[0-9,]*(\.[0-9]*)?")
MONEY_HINT = "write pounds and pence in plain digits, like 1234.50 or £1,234.50"


def plain_pounds(value: Any) -> Any:
    """Money written as text, read as plain pounds (``£1,234.50`` is 1234.50); any other value as it is.

    Only ASCII digits, an optional leading ``£``, commas between thousands and at most two decimals.
    """
    if value.__class__ is not str:
        return value
    if _DIGITS.fullmatch(value):
        return Decimal(value)
    match = _PLAIN_POUNDS.fullmatch(value)
    if match is not None:
        return Decimal(f"{match[1].replace(',', '')}{match[2] or ''}")
    unsigned = value.removeprefix("-").replace("£-", "£", 1) if value.startswith(("-", "£-")) else None
    if unsigned is not None and _PLAIN_POUNDS.fullmatch(unsigned):
        raise ValueError(f"{value} is negative: amounts of money cannot be negative")
    if _MORE_THAN_PENCE.fullmatch(value):
        raise ValueError(f"{value!r} has more than two decimal places: amounts are pounds and pence")
    if _MISPLACED_COMMAS.fullmatch(value):
        raise ValueError(f"{value!r} has commas out of place: {MONEY_HINT} (commas go between thousands)")
    raise ValueError(f"{value!r} is not an amount of money: {MONEY_HINT}")


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    """`value` if it is one of `allowed` (a status, a kind ...), named `what` in the message."""
    if value not in allowed:
        raise ValueError(f"{value!r} is not a {what}; expected one of: {', '.join(allowed)}")
    return value


_FINANCIAL_YEAR = re.compile(r"(\d{4})/(\d{2})")
_QUARTER = re.compile(r"(\d{4})/(\d{2}) Q([1-4])")


def financial_year(value: str) -> str:
    """A financial year written like ``2025/26``."""
    match = _FINANCIAL_YEAR.fullmatch(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"{value!r} is not a financial year written like 2025/26")
    return value


def quarter(value: str) -> str:
    """A quarter of a financial year written like ``2025/26 Q1``."""
    match = _QUARTER.fullmatch(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"{value!r} is not a quarter written like 2025/26 Q1")
    return value


_SAID = {
    "greater_than_equal": "{value} is too small: the lowest allowed is {ge}",
    "greater_than": "{value} is too small: it must be more than {gt}",
    "less_than_equal": "{value} is too large: the highest allowed is {le}",
    "less_than": "{value} is too large: it must be less than {lt}",
    "decimal_parsing": "{shown} is not an amount of money: " + MONEY_HINT,
    "decimal_max_places": "{shown} has more than two decimal places: amounts are pounds and pence",
    "decimal_max_digits": "{shown} is too large for an amount of money",
    "int_parsing": "{shown} is not a whole number",
    "bool_parsing": "{shown} is not true or false: write true or false (yes/no and 1/0 also work)",
    "string_too_short": "{shown} is too short: it needs at least {min_length} characters",
    "string_too_long": "{shown} is too long: it may have at most {max_length} characters",
    "extra_forbidden": "is not a column of this table",
}
"""What to say of a value a column's constraint refuses, by pydantic's kind of error."""
_SAID_AS = {
    "decimal_type": "decimal_parsing",
    "finite_number": "decimal_parsing",
    "decimal_whole_digits": "decimal_max_digits",
    "int_from_float": "int_parsing",
    "int_type": "int_parsing",
    "int_parsing_size": "int_parsing",
    "bool_type": "bool_parsing",
}
"""Kinds of error said as another is."""


def explain(error: Mapping[str, Any]) -> str:
    """What a table's model found wrong with one value (a pydantic error), in words an analyst can act on."""
    kind_of_error = _SAID_AS.get(error["type"], error["type"])
    value = error.get("input")
    context = error.get("ctx") or {}
    if (
        kind_of_error == "missing"
        or (value is None and kind_of_error.endswith("_type"))  # None from a form's empty field
        or (kind_of_error == "string_too_short" and context.get("min_length") == 1)
    ):
        return "a value is required"
    if kind_of_error in ("value_error", "assertion_error"):
        cause = context.get("error")
        return str(cause) if cause is not None else error["msg"].removeprefix("Value error, ")
    if isinstance(value, date) and kind_of_error in ("greater_than_equal", "less_than_equal"):
        return f"{value} is out of range: dates must fall between {EARLIEST_DATE} and {LATEST_DATE}"
    if isinstance(value, Decimal) and kind_of_error == "greater_than_equal" and context.get("ge") == 0:
        return f"{value} is negative: amounts of money cannot be negative"
    if kind_of_error in _SAID:
        shown = repr(value) if isinstance(value, str) else str(value)
        return _SAID[kind_of_error].format(value=value, shown=shown, **context)
    return str(error["msg"])
