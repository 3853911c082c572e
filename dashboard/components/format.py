"""How figures are written on screen and in the pack: £1,234, 2025/26, 22 Nov 2026, 83%."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pandas as pd

from data_model.queries.common import SMALL_NUMBER

DAGGER = "†"
"""Marks a figure built, in whole or part, from illustrative sample data: on screen, in downloads and in the pack."""


SAMPLE_PAYMENTS = "sample payments"
"""How a note names the part of a spend figure paid by invented payments ("includes £1,234 sample payments")."""
SAMPLE_UPDATE = f"Sample update{DAGGER}"
"""Beside a status that comes from a progress update invented as sample data (the row may be documented)."""


def dagger(value: str, illustrative: bool) -> str:
    """A figure or label marked as illustrative sample data."""
    return f"{value}{DAGGER}" if illustrative else value


def sample_note(sample: Decimal | float | int, total: Decimal | float | int, what: str = "sample data") -> str:
    """Under a money figure, how much of it is sample data: "all sample data", "includes £1,234 sample
    data", or nothing when none is."""
    if not sample:
        return ""
    return f"all {what}" if sample == total else f"includes {money(sample)} {what}"


def sample_rows_note(sample: int, rows: int, what: str) -> str:
    """Under a count or over a chart: how many of the rows behind it are sample data (nothing when none)."""
    if not sample:
        return ""
    return f"all sample data ({rows} {what})" if sample == rows else f"includes {sample} sample {what}"


def money(amount: Decimal | float | int | None) -> str:
    """Whole pounds with thousands separators; negative as -£1,234; missing as an en dash."""
    if amount is None or pd.isna(amount):
        return "–"
    rounded = round(Decimal(str(amount)))
    return f"-£{-rounded:,}" if rounded < 0 else f"£{rounded:,}"


def percent(share: float | None) -> str:
    """A share from 0 to 1 as a whole percentage."""
    if share is None or pd.isna(share):
        return "–"
    return f"{share:.0%}"


def day(value: date | None) -> str:
    if value is None or pd.isna(value):
        return "–"
    return pd.Timestamp(value).strftime("%-d %b %Y")


def count(value: int | None) -> str:
    """A participant count, with small numbers hidden (NULL from SQL means suppressed)."""
    if value is None or pd.isna(value):
        return f"<{SMALL_NUMBER}"
    if value < SMALL_NUMBER:
        return f"<{SMALL_NUMBER}"
    return f"{int(value):,}"


def literal(text: object) -> str:
    """Data for a place Streamlit renders as Markdown (a metric's label or help): every Markdown and
    HTML character escaped, so a name or source shows as written and never as markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])", r"\\\1", str(text))
