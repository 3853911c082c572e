"""The mark on every figure built from illustrative sample data, and the line saying how much of it is.

One rule for screen, downloads and the pack: a † on the value, and under it "includes £1,234 sample
data" or "all sample data (12 recommendations)".
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from dashboard.presentation.formatting import money

DAGGER = "†"
"""Marks a figure built, in whole or part, from illustrative sample data: on screen, in downloads and in the pack."""


PROJECT_READING = {"project_reading": "Project's reading"}
"""A table's column for what the project decided where the documents do not say (a forum's status, a
line's financial year) on a documented row: said beside the row, never passed off as documented."""
READING = "‡"
"""On paper, where a table has no room for the reading beside it: marks a value that is the project's reading."""


def as_read(value: str, reading: str) -> str:
    """A value marked ‡ when the row carries the project's reading of it."""
    return f"{value}{READING}" if reading else value


def mark_read(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """`frame` with each value of `column` marked ‡ where its row carries the project's reading."""
    pairs = zip(frame[column], frame["project_reading"], strict=True)
    return frame.assign(**{column: [as_read(value, reading) for value, reading in pairs]})


def readings_caption(frame: pd.DataFrame) -> str:
    """Under a table with a value marked ‡: what the mark means ("" when no row carries a reading)."""
    if not frame["project_reading"].fillna("").astype(bool).any():
        return ""
    return f"{READING} The project's reading where the documents do not say: its last column says what and why."


def readings_note(readings: dict[str, str]) -> str:
    """Under a table with values marked ‡: each reading, by the name of its row ("" when none)."""
    said = "; ".join(f"{name}: {reading}" for name, reading in readings.items() if reading)
    return f"{READING} The project's reading where the documents do not say. {said}." if said else ""


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
    if sample == rows:
        return "all sample data" if rows == 1 else f"all sample data ({rows} {what})"  # never "(1 entries)"
    return f"includes {sample} sample {what}"
