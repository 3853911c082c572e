"""Making a table safe to leave the app: the one step every CSV and Excel export goes through.

Two risks travel with a spreadsheet. A text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a
tab or carriage return) is run as a formula when the file is opened ("CSV injection"), so it gets
a leading apostrophe and stays inert text (`data_model.spreadsheet_text.neutralise`, the rule the
analysts' round-trip files follow too). And participant counts are personal: the queries already
suppress counts under five, but an export re-checks every participant column so a table built some
other way can never leak one.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from data_model.queries.common import SMALL_NUMBER
from data_model.spreadsheet_text import neutralise

SUPPRESSED = f"<{SMALL_NUMBER}"
PARTICIPANT_COLUMN = re.compile(r"particip", re.IGNORECASE)
"""Columns holding counts of victims taking part in a forum (small numbers are personal; staff counts are not)."""


def _suppress(value: object) -> object:
    """A participant count under the threshold (or already withheld: NULL) as "<5", else a whole number."""
    if value is None or pd.isna(value) or value < SMALL_NUMBER:
        return SUPPRESSED
    return int(value)


def _holds_counts(values: pd.Series) -> bool:
    """Numbers (or withheld NULLs), not text that happens to sit under a participant-like header."""
    present = values.dropna()
    return not pd.api.types.is_bool_dtype(values) and all(
        isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in present.tolist()
    )


def is_participant_column(name: object) -> bool:
    return bool(PARTICIPANT_COLUMN.search(str(name)))


def safe_for_export(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with small participant counts withheld and formula-like text neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if is_participant_column(column) and _holds_counts(values):
            safe[column] = values.astype(object).map(_suppress)
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.astype(object).map(neutralise)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as RFC 4180 CSV in UTF-8 (with a byte-order mark so Excel reads £ correctly)."""
    return safe_for_export(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
