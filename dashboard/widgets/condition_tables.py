"""The decisions' conditions as a table: each with what it has used of its limit, its status and forecast.

Shared by the Decisions and Spend pages (beside the decision) and the Changes page (those newly reached).
"""

from __future__ import annotations

import pandas as pd

from dashboard.presentation.condition_words import COLUMNS, described
from dashboard.widgets.record_tables import show_readings_note
from dashboard.widgets.summary_tables import show_static


def show_conditions(checks: pd.DataFrame, *, empty: str, extra: dict[str, str] | None = None) -> None:
    """The conditions as a static table (`extra`: more columns first, e.g. the status on the board's day)."""
    show_static(described(checks), (extra or {}) | COLUMNS, status="status_words", empty=empty)
    show_readings_note(checks)
