"""The decisions' conditions checked as at a day: what each has used, what is left, its status and when,
at the recent run rate, it will be reached.

A money condition counts the payments on its budget lines (`condition_line`; a condition with none
counts every line of its decision) within its period as it stands on the scope's day: the financial
year (1 April to 31 March) holding that day, the contract year (twelve months from `period_start`
and each anniversary) holding it, or the whole life of the decision. What a period used is the
lines' running totals (`SpendDay`) at the day less those just before the period began: two index
seeks per line, summed in SQL, however many payments there are.

Status: **breached** once used is more than the amount, **reached** at exactly the amount, **near**
from `near_percent` of it, otherwise **within**. A term (a length in months from its start) is near,
reached and breached in the same way by the days gone. The forecast runs the payments of the last
`RATE_DAYS` days on at the same rate: the day the amount would be reached, or none within the period
(the year, or the decision's term when it has a start on record).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import case, exists, func, literal, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import months_after, read_frame
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import BudgetLine, ConditionLine, Decision, DecisionCondition, SpendDay
from data_model.typed_sql import AnySelect

RATE_DAYS = 180
"""The forecast's run rate is the payments of this many days up to the as-at day."""
METHOD = f"at the rate of the last {RATE_DAYS} days' payments"
"""How a forecast is made, in words shown beside it."""
STATUSES = ("within", "near", "reached", "breached")
"""A condition's statuses, least pressing first."""
PRESSING = ("near", "reached", "breached")
"""Statuses that lead "Needs a decision"."""
PAST_IT_WORDS = {"further decision": "needs a further decision", "breach": "is a breach of the decision"}
"""What going past a condition means, in words."""

COLUMNS = [
    "condition_id",
    "decision_ref",
    "kind",
    "description",
    "amount",
    "counted",
    "period_from",
    "period_to",
    "used",
    "headroom",
    "share",
    "status",
    "near_percent",
    "past_it",
    "forecast_date",
    "forecast",
    "source",
    "project_reading",
    "named_lines",
    "illustrative",
]


@dataclass(frozen=True)
class Period:
    """The days a condition counts as at one day: from `start` (None: from the beginning) to `end`
    (None: no end on record)."""

    start: date | None
    end: date | None


def period_on(counted: str, period_start: date | None, day: date, term_end: date | None = None) -> Period:
    """The period of a condition counted `counted` that holds `day`."""
    if counted == "financial year":
        year = day.year if day.month >= 4 else day.year - 1
        return Period(date(year, 4, 1), date(year + 1, 3, 31))
    if counted == "contract year" and period_start is not None:
        months = (day.year - period_start.year) * 12 + day.month - period_start.month - (day.day < period_start.day)
        start = months_after(period_start, 12 * max(months // 12, 0))
        return Period(start, months_after(start, 12) - timedelta(days=1))
    return Period(None, term_end)


def status_of(used: Decimal, amount: Decimal, near_percent: int) -> str:
    """within, near (from `near_percent` of the amount), reached (exactly it) or breached (more)."""
    if used > amount:
        return "breached"
    if used == amount and amount > 0:
        return "reached"
    if used * 100 >= amount * near_percent and used > 0:
        return "near"
    return "within"


def forecast_day(used: Decimal, amount: Decimal, recent: Decimal, day: date, end: date | None) -> date | None:
    """The day `amount` is reached if payments go on at `recent` per `RATE_DAYS` days from `day`; None if
    not by `end` (or not at all at a rate of nothing)."""
    if used >= amount or recent <= 0:
        return None
    reached = day + timedelta(days=math.ceil((amount - used) * RATE_DAYS / recent))
    return reached if end is None or reached <= end else None


def _conditions(engine: Engine, scope: Scope, decision_ref: str | None) -> pd.DataFrame:
    """The conditions the scope shows, with their decision's title and maker."""
    statement: AnySelect = (
        select(
            col(DecisionCondition.id).label("condition_id"),
            col(DecisionCondition.decision_ref),
            col(DecisionCondition.kind),
            col(DecisionCondition.description),
            col(DecisionCondition.amount),
            col(DecisionCondition.counted),
            col(DecisionCondition.period_start),
            col(DecisionCondition.period_months),
            col(DecisionCondition.past_it),
            col(DecisionCondition.near_percent),
            col(DecisionCondition.source),
            col(DecisionCondition.project_reading),
            col(DecisionCondition.illustrative),
            exists().where(col(ConditionLine.condition_id) == col(DecisionCondition.id)).label("named_lines"),
            col(Decision.title),
            col(Decision.decision_maker),
        )
        .join(Decision, col(Decision.reference) == col(DecisionCondition.decision_ref))
        .where(
            scope.shows(col(DecisionCondition.illustrative), col(Decision.illustrative)),
            col(DecisionCondition.decision_ref) == decision_ref if decision_ref else true(),
        )
        .order_by(col(DecisionCondition.decision_ref), col(DecisionCondition.id))
    )
    return as_flags(as_dates(read_frame(engine, statement), "period_start"), "illustrative", "named_lines")


def _covered(scope: Scope) -> Subquery:
    """(condition_id, budget_line_id, illustrative): the lines each condition counts, its own or, with
    none named, all its decision's; only lines the scope shows."""
    named: AnySelect = select(
        col(ConditionLine.condition_id).label("condition_id"),
        col(ConditionLine.budget_line_id).label("budget_line_id"),
        col(ConditionLine.illustrative).label("named_illustrative"),
    ).where(scope.shows(col(ConditionLine.illustrative)))
    unnamed: AnySelect = (
        select(
            col(DecisionCondition.id).label("condition_id"),
            col(BudgetLine.id).label("budget_line_id"),
            literal(False).label("named_illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.decision_ref) == DecisionCondition.decision_ref)
        .where(~exists().where(col(ConditionLine.condition_id) == DecisionCondition.id))
    )
    pairs = named.union_all(unnamed).subquery("pairs")
    return (
        select(
            pairs.c.condition_id,
            pairs.c.budget_line_id,
            ((pairs.c.named_illustrative == true()) | (col(BudgetLine.illustrative) == true())).label("illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.id) == pairs.c.budget_line_id)
        .where(scope.shows(col(BudgetLine.illustrative)))
        .subquery("covered")
    )


def _running(scope: Scope, line: ColumnElement[Any], before: ColumnElement[Any], *, sample: bool) -> ColumnElement[Any]:
    """A line's running total of payments (or of sample payments) on its last day of payments
    `before` (a condition on the day), 0 with none: one seek of spend_day's key."""
    total: Any  # a column of spend_day, or an expression of its columns
    if sample:
        total = literal(0) if scope.documented_only else col(SpendDay.illustrative_spent_to_date)
    elif scope.documented_only:
        total = col(SpendDay.spent_to_date) - col(SpendDay.illustrative_spent_to_date)
    else:
        total = col(SpendDay.spent_to_date)
    seek = (
        select(total)
        .where(col(SpendDay.budget_line_id) == line, before)
        .order_by(col(SpendDay.spend_date).desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(seek, 0)


def _used(engine: Engine, scope: Scope, starts: dict[str, date]) -> pd.DataFrame:
    """Per condition: used (payments in its period to the as-at day), used_sample (the part paid by sample
    payments), recent (payments of the last `RATE_DAYS` days) and lines_sample (a line it counts is sample
    data), summed in SQL. `starts` gives each condition's period start (none: the whole life)."""
    covered = _covered(scope)
    day = col(SpendDay.spend_date)
    start = case(starts, value=covered.c.condition_id, else_=None) if starts else None

    def period(*, sample: bool) -> ColumnElement[Any]:
        """Payments to the as-at day less those before the period began (none before no start: NULL)."""
        at_end = _running(scope, covered.c.budget_line_id, day <= scope.as_at, sample=sample)
        return (
            at_end if start is None else at_end - _running(scope, covered.c.budget_line_id, day < start, sample=sample)
        )

    rate_from = scope.as_at - timedelta(days=RATE_DAYS)
    recent = _running(scope, covered.c.budget_line_id, day <= scope.as_at, sample=False) - _running(
        scope, covered.c.budget_line_id, day <= rate_from, sample=False
    )
    statement = select(
        covered.c.condition_id,
        func.sum(period(sample=False)).label("used"),
        func.sum(period(sample=True)).label("used_sample"),
        func.sum(recent).label("recent"),
        func.max(case((covered.c.illustrative == true(), 1), else_=0)).label("lines_sample"),
    ).group_by(covered.c.condition_id)
    return read_frame(engine, statement)


def condition_checks(engine: Engine, scope: Scope, decision_ref: str | None = None) -> pd.DataFrame:
    """Every condition the scope shows, checked as at its day, by decision; columns `COLUMNS`.

    used, headroom (amount - used) and share are money for a money condition and days for a term;
    status is one of `STATUSES`; forecast_date is when the amount would be reached at the recent rate,
    forecast says so in words (with `METHOD`); named_lines: it counts the lines named for it (else all
    its decision's); illustrative: the condition, a line it counts or a
    payment it sums is sample data (decided in SQL)."""
    conditions = _conditions(engine, scope, decision_ref)
    if conditions.empty:
        return pd.DataFrame(columns=COLUMNS)
    records: list[dict[str, Any]] = [
        {str(key): value for key, value in row.items()} for row in conditions.to_dict("records")
    ]
    term_ends = _term_ends(records)
    periods = {
        str(row["condition_id"]): period_on(
            str(row["counted"]), row["period_start"], scope.as_at, term_ends.get(str(row["decision_ref"]))
        )
        for row in records
    }
    starts = {key: period.start for key, period in periods.items() if period.start is not None}
    used = _used(engine, scope, starts).set_index("condition_id")
    rows = [_checked(row, periods[str(row["condition_id"])], used, scope.as_at) for row in records]
    return pd.DataFrame(rows, columns=COLUMNS)


def _term_ends(records: list[dict[str, Any]]) -> dict[str, date]:
    """Each decision's last day of its term, where its term has a start on record."""
    return {
        str(row["decision_ref"]): months_after(row["period_start"], int(row["period_months"])) - timedelta(days=1)
        for row in records
        if row["kind"] == "term" and row["period_start"] is not None
    }


def _checked(row: dict[str, Any], period: Period, used: pd.DataFrame, day: date) -> dict[str, Any]:
    """One condition's row of `condition_checks`."""
    if row["kind"] == "term":
        return _term_checked(row, day)
    paid = used.loc[row["condition_id"]] if row["condition_id"] in used.index else None
    spent = Decimal(str(paid["used"])) if paid is not None else Decimal(0)
    recent = Decimal(str(paid["recent"])) if paid is not None else Decimal(0)
    amount = Decimal(str(row["amount"]))
    sample = bool(row["illustrative"]) or (paid is not None and (paid["used_sample"] > 0 or paid["lines_sample"] > 0))
    forecast = forecast_day(spent, amount, recent, day, period.end)
    return {
        **row,
        "period_from": period.start,
        "period_to": period.end,
        "used": float(spent),
        "headroom": float(amount - spent),
        "share": float(spent / amount) if amount else None,
        "status": status_of(spent, amount, int(row["near_percent"])),
        "forecast_date": forecast,
        "forecast": _forecast_words(spent, amount, recent, forecast, period),
        "illustrative": sample,
    }


def _forecast_words(spent: Decimal, amount: Decimal, recent: Decimal, forecast: date | None, period: Period) -> str:
    if spent >= amount:
        return "already past" if spent > amount else "already reached"
    if forecast is not None:
        return f"reached on {forecast.day} {forecast:%b %Y} {METHOD}"
    if recent <= 0:
        return f"not reached: no payments in the last {RATE_DAYS} days"
    within = "the year" if period.start is not None else "the term"
    return f"not within {within} {METHOD}"


def _term_checked(row: dict[str, Any], day: date) -> dict[str, Any]:
    """A term's row: days gone of its days, from its start (status unknown without one): reached on its last
    day, breached the day after (still running without the further decision that extends it)."""
    start, months = row["period_start"], int(row["period_months"])
    if start is None:
        return {
            **row,
            "status": "start not on record",
            "forecast": "no start day on record",
            "illustrative": row["illustrative"],
        }
    end = months_after(start, months) - timedelta(days=1)
    length, gone = Decimal((end - start).days + 1), Decimal(max(min((day - start).days + 1, (end - start).days + 2), 0))
    return {
        **row,
        "period_from": start,
        "period_to": end,
        "used": float(gone),
        "headroom": float(length - gone),
        "share": float(gone / length),
        "status": status_of(gone, length, int(row["near_percent"])),
        "forecast_date": end,
        "forecast": f"ends on {end.day} {end:%b %Y}",
    }


def pressing(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The conditions near, reached or breached as at the scope's day, breached first, then by share."""
    return most_pressing(condition_checks(engine, scope))


def most_pressing(checks: pd.DataFrame) -> pd.DataFrame:
    """The rows of `condition_checks` near, reached or breached, breached first, then by share."""
    chosen = checks[checks["status"].isin(PRESSING)].copy()
    chosen["rank"] = chosen["status"].map(lambda status: -STATUSES.index(status))
    return chosen.sort_values(["rank", "share"], ascending=[True, False]).drop(columns="rank").reset_index(drop=True)


def newly_reached(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The conditions reached or breached as at the scope's day that were not on its `since` day: columns
    `COLUMNS` plus status_then."""
    now = condition_checks(engine, scope)
    then = condition_checks(engine, Scope(scope.since, scope.since, scope.since_label, scope.documented_only))
    before = then.set_index("condition_id")["status"] if not then.empty else pd.Series(dtype=object)
    now["status_then"] = now["condition_id"].map(before).fillna("not on record").astype(str)
    moved = now["status"].isin(("reached", "breached")) & ~now["status_then"].isin(("reached", "breached"))
    return now[moved].reset_index(drop=True)


def breached(checks: pd.DataFrame) -> pd.DataFrame:
    """The rows of `condition_checks` whose condition is breached."""
    return checks[checks["status"] == "breached"]


def breach_sentence(row: pd.Series) -> str:
    """A breached condition in words: "PCD 1847: £21,500 against £20,000 a year (cap per year), which is a
    breach of the decision"."""
    per = " a year" if row["counted"] in ("financial year", "contract year") else ""
    return (
        f"{row['decision_ref']}: £{row['used']:,.0f} against £{row['amount']:,.0f}{per} ({row['kind']}), "
        f"which {PAST_IT_WORDS[row['past_it']]}"
    )


def spend_forecasts(engine: Engine, scope: Scope, decision_ref: str | None = None) -> pd.DataFrame:
    """The dashed lines on a decision's spend chart: from its spend on the as-at day to the day each of its
    whole-life conditions on all its lines (a further-decision line, an advertised maximum) would be reached
    at the recent rate. Columns: decision_ref, kind, from_day, from_spent, to_day, to_spent, illustrative."""
    checks = condition_checks(engine, scope, decision_ref)
    drawn = checks[
        ~checks["named_lines"].astype(bool)
        & (checks["counted"] == "whole life")
        & (checks["kind"] != "term")
        & checks["forecast_date"].notna()
    ]
    return pd.DataFrame(
        {
            "decision_ref": drawn["decision_ref"],
            "kind": drawn["kind"],
            "from_day": scope.as_at,
            "from_spent": drawn["used"],
            "to_day": drawn["forecast_date"],
            "to_spent": drawn["amount"],
            "illustrative": drawn["illustrative"],
        },
        columns=["decision_ref", "kind", "from_day", "from_spent", "to_day", "to_spent", "illustrative"],
    ).reset_index(drop=True)
