"""Column types the detail views hand to pages, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd


def as_dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Turn SQL dates into `datetime.date` (None when missing): SQLite can hand back text."""
    for column in columns:
        values = pd.to_datetime(frame[column]).dt.date.astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def as_flags(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Turn SQL booleans (0/1 on SQLite) into bools."""
    for column in columns:
        frame[column] = frame[column].astype(bool)
    return frame
