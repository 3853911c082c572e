"""How figures are written on screen and in the pack: £1,234, 22 Nov 2026, 83%, <5."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import pandas as pd

from data_model.queries.common import SMALL_NUMBER


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


def participant_total(attendance: Mapping) -> str:
    """A forum's participants over a period (`forums.attendance_summary`): the sum of the counts
    shown, then "<5" for each meeting too small to show, never added in ("54 + <5", "40 + 2 × <5");
    "–" with no meetings."""
    if not attendance["meetings"]:
        return "–"
    shown, small = int(attendance["shown_participants"]), int(attendance["small_meetings"])
    if not small:
        return f"{shown:,}"
    hidden = f"<{SMALL_NUMBER}" if small == 1 else f"{small} × <{SMALL_NUMBER}"
    return f"{shown:,} + {hidden}" if shown else hidden


def literal(text: object) -> str:
    """Data for a place Streamlit renders as Markdown (a metric's label or help): every Markdown and
    HTML character escaped, so a name or source shows as written and never as markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])", r"\\\1", str(text))
