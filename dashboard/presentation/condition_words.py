"""How a decision's condition reads on screen and in the pack: what it is, how it is counted, what it has
used of its limit and its status in words."""

from __future__ import annotations

import pandas as pd

from dashboard.presentation import formatting, sample_marks
from data_model.queries.conditions import PAST_IT_WORDS, RATE_DAYS

COLUMNS = {
    "decision_ref": "Decision",
    "condition": "Condition",
    "period": "Counted",
    "used_words": "Used of the limit",
    "status_words": "Status",
    "forecast": "Forecast",
    "consequence": "Past it",
    "source": "Source",
} | sample_marks.PROJECT_READING


def _period(row: pd.Series) -> str:
    if row["kind"] == "term":
        return "from its start"
    if pd.isna(row["period_from"]) or row["counted"] == "whole life":
        return "whole life"
    return f"{row['counted']}: {formatting.day(row['period_from'])} to {formatting.day(row['period_to'])}"


def _used(row: pd.Series) -> str:
    """ "£21,000† of £20,000 (£-1,000 left)", or days for a term."""
    if pd.isna(row["used"]):
        return "–"
    if row["kind"] == "term":
        return f"{int(row['used']):,} of {int(row['used'] + row['headroom']):,} days"
    used = sample_marks.dagger(formatting.money(row["used"]), bool(row["illustrative"]))
    return f"{used} of {formatting.money(row['amount'])}; {formatting.money(row['headroom'])} left"


def _status(row: pd.Series) -> str:
    status = str(row["status"]).capitalize()
    return f"{status} (from {int(row['near_percent'])}%)" if row["status"] == "near" else status


def described(checks: pd.DataFrame) -> pd.DataFrame:
    """The rows of `conditions.condition_checks` with their words for the table."""
    rows = list(checks.iterrows())
    return checks.assign(
        condition=[f"{row['kind'].capitalize()}: {row['description']}" for _, row in rows],
        period=[sample_marks.as_read(_period(row), row["project_reading"]) for _, row in rows],
        used_words=[_used(row) for _, row in rows],
        status_words=[_status(row) for _, row in rows],
        consequence=checks["past_it"].map(PAST_IT_WORDS),
    )


FORECAST_NOTE = (
    f"Forecast: the day the limit would be reached if payments went on at the rate of the last {RATE_DAYS} days; "
    "a cap per year counts the payments in the year holding the as-at day."
)
