"""Money: approvals, budget lines, actual spend and reserves, as at a date.

Spend counts only payments on or before `as_at`. The filters (decision, financial year, funding
source) pick budget lines, and spend is every payment against the lines picked, whatever its date:
a line approved for 2025/26 and carried forward is still compared with all that was paid against
it. A payment's own financial year (April to March, computed in SQL from its date) is what the
"by financial year" breakdown shows, so every total on a filtered view adds up to the same spend.

Totals add up `SpendDay` (payments summed per budget line and day, kept up to date by the loader)
rather than every payment: the same figures from a dozen or more times fewer rows. Only the list
of payments reads `Spend` itself.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import (
    Float,
    FromClause,
    Integer,
    SQLColumnExpression,
    String,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import days_between, financial_year_start, read_frame
from data_model.queries.filters import ALL_LINES, SpendFilter
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import BudgetLine, Decision, Spend, SpendDay
from data_model.typed_sql import AnySelect, Window

APPROVED_KINDS = ("initial", "reserve")
"""Budget line kinds within a decision's approval; extensions and uplifts need a further decision."""


def financial_year_sql(day: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """The financial year of a date as text like '2025/26', computed in SQL."""
    start = financial_year_start(day)
    return cast(start, String) + "/" + func.substr(cast(start + 1, String), 3, 2)


def flagged(flag: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """1 where a boolean column is true, else 0 (portable across SQLite and PostgreSQL)."""
    return case((flag == true(), 1), else_=0)


def any_true(flag: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """True if any row in the group is flagged (portable bool_or)."""
    return func.max(flagged(flag)) == 1


def _spend_conditions(
    scope: Scope, lines: SpendFilter, day: SQLColumnExpression[Any] | None = None
) -> list[ColumnElement[Any]]:
    """WHERE terms for payments up to the as-at day against the lines picked (needs `day`'s table joined
    to BudgetLine, by default the summary day's); only documented lines and days with documented payments
    when the scope is documented only."""
    day = col(SpendDay.spend_date) if day is None else day
    terms = [day <= scope.as_at, *lines.conditions(), scope.shows(col(BudgetLine.illustrative))]
    if scope.documented_only and day is col(SpendDay.spend_date):
        terms.append(holds_payments(scope))
    return terms


def filter_choices(engine: Engine, scope: Scope) -> dict[str, list[str]]:
    """Values the spend filters can take: decision, financial_year (of budget lines), funding_source."""
    decision_rows = scope.shows(col(Decision.illustrative))
    line_rows = scope.shows(col(BudgetLine.illustrative))
    with engine.connect() as connection:
        decisions = (
            connection.execute(select(col(Decision.reference)).where(decision_rows).order_by(col(Decision.reference)))
            .scalars()
            .all()
        )
        financial_years = (
            connection.execute(
                select(col(BudgetLine.financial_year))
                .where(line_rows)
                .distinct()
                .order_by(col(BudgetLine.financial_year))
            )
            .scalars()
            .all()
        )
        sources = (
            connection.execute(
                select(col(BudgetLine.funding_source))
                .where(line_rows)
                .distinct()
                .order_by(col(BudgetLine.funding_source))
            )
            .scalars()
            .all()
        )
    return {"decision": list(decisions), "financial_year": list(financial_years), "funding_source": list(sources)}


def _total_and_illustrative(engine: Engine, statement: AnySelect) -> tuple[Decimal, Decimal]:
    """The first two columns of `statement`'s one row: a total and its illustrative part."""
    with engine.connect() as connection:
        total, illustrative, *_ = connection.execute(statement).one()
    return Decimal(total or 0), Decimal(illustrative or 0)


def sums(
    amount: SQLColumnExpression[Any], flag: SQLColumnExpression[Any]
) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The sum of `amount` and the part of it on rows whose `flag` (illustrative) is true."""
    illustrative = func.sum(case((flag == true(), amount), else_=0))
    return func.coalesce(func.sum(amount), 0), func.coalesce(illustrative, 0)


def day_spent(scope: Scope) -> SQLColumnExpression[Any]:
    """A summary day's payments: all of them, or only the documented ones (less the sample payments)."""
    return col(SpendDay.spent) - col(SpendDay.illustrative_spent) if scope.documented_only else col(SpendDay.spent)


def day_payments(scope: Scope) -> SQLColumnExpression[Any]:
    """How many payments a summary day holds (only documented ones when `documented_only`)."""
    return (
        col(SpendDay.payments) - col(SpendDay.illustrative_payments)
        if scope.documented_only
        else col(SpendDay.payments)
    )


def day_illustrative_spent(scope: Scope) -> SQLColumnExpression[Any]:
    """The part of a summary day's payments that is sample data (none when only documented ones count)."""
    return literal(0) if scope.documented_only else col(SpendDay.illustrative_spent)


def paid_sums(scope: Scope) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """`sums` of payments, from their daily summary: spent, and the part paid by illustrative payments."""
    return (
        func.coalesce(func.sum(day_spent(scope)), 0),
        func.coalesce(func.sum(day_illustrative_spent(scope)), 0),
    )


def payment_count(scope: Scope) -> ColumnElement[Any]:
    return func.coalesce(func.sum(day_payments(scope)), 0)


def paid_illustrative(scope: Scope) -> ColumnElement[Any]:
    """1 if any payment summed in the group is illustrative, else 0 (always 0 when only documented ones count)."""
    if scope.documented_only:
        return literal(0)
    return func.max(case((col(SpendDay.illustrative_payments) > 0, 1), else_=0))


def any_payment_illustrative(scope: Scope) -> ColumnElement[Any]:
    """True if any payment summed in the group is illustrative (portable bool_or)."""
    return paid_illustrative(scope) == 1


def holds_payments(scope: Scope) -> ColumnElement[Any]:
    """Summary days with a payment that counts (a documented one when `documented_only`)."""
    return day_payments(scope) > 0


def spend_days_between(scope: Scope) -> ColumnElement[Any]:
    """Summary days after the scope's `since` (exclusive) up to its as-at day (inclusive)."""
    return (col(SpendDay.spend_date) > scope.since) & (col(SpendDay.spend_date) <= scope.as_at)


def headline(engine: Engine, scope: Scope) -> dict[str, Decimal]:
    """The board's headline money as at `as_at`, each a SQL sum, each with its illustrative part.

    approved: initial values of all decisions; spent: payments to date; remaining: approved - spent;
    reserves_earmarked: budget lines of kind "reserve"; reserves_drawn: payments against them to date;
    awaiting_decision: extension and uplift lines that need a further decision. Every figure X
    also comes as X_illustrative, the part of it from rows marked illustrative (0 throughout when
    the scope leaves every illustrative row out); remaining_illustrative is the sample amounts it is
    built from (approved and spent), not zero when either is.
    """
    lines = scope.shows(col(BudgetLine.illustrative))
    statements = {
        "approved": select(*sums(col(Decision.initial_value), col(Decision.illustrative))).where(
            scope.shows(col(Decision.illustrative))
        ),
        "spent": _paid_to_date(scope),
        "reserves_earmarked": select(*sums(col(BudgetLine.amount), col(BudgetLine.illustrative))).where(
            col(BudgetLine.kind) == "reserve", lines
        ),
        "reserves_drawn": _paid_to_date(scope, col(BudgetLine.kind) == "reserve"),
        "awaiting_decision": select(*sums(col(BudgetLine.amount), col(BudgetLine.illustrative))).where(
            col(BudgetLine.kind).not_in(APPROVED_KINDS), lines
        ),
    }
    figures: dict[str, Decimal] = {}
    for name, statement in statements.items():
        figures[name], figures[f"{name}_illustrative"] = _total_and_illustrative(engine, statement)
    figures["remaining"] = figures["approved"] - figures["spent"]
    figures["remaining_illustrative"] = figures["approved_illustrative"] + figures["spent_illustrative"]
    return figures


def spend_total(
    engine: Engine,
    scope: Scope,
    lines: SpendFilter = ALL_LINES,
) -> dict[str, Decimal | int]:
    """Filtered totals: spent (payments to date), spent_illustrative (the part from sample
    payments), payments (how many), budget (matching approved budget lines: initial and reserve),
    budget_illustrative (the part of it on sample lines)."""
    spend = _paid_to_date(scope, *lines.conditions())
    budget = select(*sums(col(BudgetLine.amount), col(BudgetLine.illustrative))).where(
        col(BudgetLine.kind).in_(APPROVED_KINDS),
        *lines.conditions(),
        scope.shows(col(BudgetLine.illustrative)),
    )
    with engine.connect() as connection:
        spent, illustrative, count = connection.execute(spend).one()
        budgeted, budgeted_illustrative = connection.execute(budget).one()
    return {
        "spent": Decimal(spent),
        "spent_illustrative": Decimal(illustrative),
        "payments": int(count),
        "budget": Decimal(budgeted),
        "budget_illustrative": Decimal(budgeted_illustrative),
        "variance": Decimal(budgeted) - Decimal(spent),
        "variance_illustrative": Decimal(budgeted_illustrative) + Decimal(illustrative),
    }


def spend_by_financial_year(engine: Engine, scope: Scope, lines: SpendFilter = ALL_LINES) -> pd.DataFrame:
    """Payments to date per financial year of payment (April to March), oldest first.

    Columns: financial_year, spent, payments, illustrative (any payment in the year is).
    """
    paid = (
        select(
            col(SpendDay.spend_date),
            func.sum(day_spent(scope)).label("spent"),
            func.sum(day_payments(scope)).label("payments"),
            paid_illustrative(scope).label("paid_illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.id) == col(SpendDay.budget_line_id))
        .where(*_spend_conditions(scope, lines))
        .group_by(col(SpendDay.spend_date))
        .subquery("paid")
    )
    year = financial_year_sql(paid.c.spend_date).label("financial_year")
    return _summed(engine, paid, year, select_from=paid, order_by=year)


def spend_by_funding_source(engine: Engine, scope: Scope, lines: SpendFilter = ALL_LINES) -> pd.DataFrame:
    """Payments to date per funding source of their budget lines, largest first.

    Columns: funding_source, spent, payments, illustrative (any payment from the source is).
    """
    paid = _spent_per_line(scope, *lines.conditions())
    return _summed(
        engine,
        paid,
        col(BudgetLine.funding_source),
        select_from=paid.join(BudgetLine, col(BudgetLine.id) == paid.c.budget_line_id),
        order_by=func.sum(paid.c.spent).desc(),
    )


def _summed(
    engine: Engine,
    paid: Subquery,
    key: SQLColumnExpression[Any],
    *,
    select_from: FromClause,
    order_by: SQLColumnExpression[Any],
) -> pd.DataFrame:
    statement = (
        select(
            key,
            func.sum(paid.c.spent).label("spent"),
            func.sum(paid.c.payments).label("payments"),
            (func.max(paid.c.paid_illustrative) == 1).label("illustrative"),
        )
        .select_from(select_from)
        .group_by(key)
        .order_by(order_by)
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def _spent_per_line(scope: Scope, *line_conditions: SQLColumnExpression[Any]) -> Subquery:
    """Each budget line's payments to date, from its running totals on its last day of payments on
    or before `as_at`: one seek of spend_day's primary key per line, however many payments there are.

    Columns: budget_line_id, spent, illustrative_spent (the part paid by sample payments), payments,
    paid_illustrative (1 if any of them is illustrative, else 0). Lines with no payment by then are
    left out; `line_conditions` (on BudgetLine) pick the lines. With `documented_only`, only
    documented lines and their documented payments (the running totals less their sample part).
    """

    def on_last_day(column: SQLColumnExpression[Any]) -> ColumnElement[Any]:  # a correlated seek, never a scan or join
        return (
            select(column)
            .where(col(SpendDay.budget_line_id) == col(BudgetLine.id), col(SpendDay.spend_date) <= scope.as_at)
            .order_by(col(SpendDay.spend_date).desc())
            .limit(1)
            .correlate(BudgetLine)
            .scalar_subquery()
        )

    illustrative_spent: ColumnElement[Any]
    illustrative_payments: ColumnElement[Any]
    if scope.documented_only:
        spent = on_last_day(col(SpendDay.spent_to_date) - col(SpendDay.illustrative_spent_to_date))
        count = on_last_day(col(SpendDay.payments_to_date) - col(SpendDay.illustrative_payments_to_date))
        illustrative_spent = illustrative_payments = literal(0)
    else:
        spent, count = on_last_day(col(SpendDay.spent_to_date)), on_last_day(col(SpendDay.payments_to_date))
        illustrative_spent = on_last_day(col(SpendDay.illustrative_spent_to_date))
        illustrative_payments = on_last_day(col(SpendDay.illustrative_payments_to_date))
    lines = (
        select(
            col(BudgetLine.id).label("budget_line_id"),
            spent.label("spent"),
            illustrative_spent.label("illustrative_spent"),
            count.label("payments"),
            illustrative_payments.label("illustrative_payments"),
        )
        .where(*line_conditions, scope.shows(col(BudgetLine.illustrative)))
        .subquery("lines")
    )
    return (
        select(
            lines.c.budget_line_id,
            lines.c.spent,
            lines.c.illustrative_spent,
            lines.c.payments,
            case((lines.c.illustrative_payments > 0, 1), else_=0).label("paid_illustrative"),
        )
        .where(lines.c.spent.is_not(None), lines.c.payments > 0)
        .subquery("spent")
    )


def _paid_to_date(scope: Scope, *line_conditions: SQLColumnExpression[Any]) -> AnySelect:
    """Payments to date over the lines picked: spent, illustrative_spent, payments (one row)."""
    lines = _spent_per_line(scope, *line_conditions)
    return select(
        func.coalesce(func.sum(lines.c.spent), 0),
        func.coalesce(func.sum(lines.c.illustrative_spent), 0),
        func.coalesce(func.sum(lines.c.payments), 0),
    )


def _line_or_payments_illustrative(spent: Subquery) -> ColumnElement[Any]:
    return (col(BudgetLine.illustrative) == true()) | (func.coalesce(spent.c.paid_illustrative, 0) == 1)


def budget_vs_actual(
    engine: Engine,
    scope: Scope,
    lines: SpendFilter = ALL_LINES,
) -> pd.DataFrame:
    """Each budget line against its payments to date.

    Columns: budget_line_id, decision_ref, purpose, financial_year, funding_source, kind, budget,
    spent, variance (budget - spent: positive is unspent), source, project_reading, illustrative (the line or any
    payment against it is), line_illustrative (the line itself is: its budget is sample data),
    spent_illustrative (the part of spent paid by sample payments).
    """
    return _lines_against_payments(engine, scope, *lines.conditions())


def _lines_against_payments(engine: Engine, scope: Scope, *conditions: SQLColumnExpression[Any]) -> pd.DataFrame:
    """Budget lines meeting `conditions`, each with its payments to date (see `budget_vs_actual`)."""
    spent = _spent_per_line(scope, *conditions)
    paid = func.coalesce(spent.c.spent, 0)
    statement: AnySelect = (
        select(
            col(BudgetLine.id).label("budget_line_id"),
            col(BudgetLine.decision_ref),
            col(BudgetLine.purpose),
            col(BudgetLine.financial_year),
            col(BudgetLine.funding_source),
            col(BudgetLine.kind),
            col(BudgetLine.amount).label("budget"),
            paid.label("spent"),
            (col(BudgetLine.amount) - paid).label("variance"),
            col(BudgetLine.source),
            col(BudgetLine.project_reading),
            _line_or_payments_illustrative(spent).label("illustrative"),
            col(BudgetLine.illustrative).label("line_illustrative"),
            func.coalesce(spent.c.illustrative_spent, 0).label("spent_illustrative"),
            ((col(BudgetLine.illustrative) == true()) | (func.coalesce(spent.c.illustrative_spent, 0) > 0)).label(
                "variance_illustrative"
            ),
        )
        .outerjoin(spent, spent.c.budget_line_id == col(BudgetLine.id))
        .where(*conditions, scope.shows(col(BudgetLine.illustrative)))
        .order_by(col(BudgetLine.decision_ref), col(BudgetLine.financial_year), col(BudgetLine.id))
    )
    return as_flags(read_frame(engine, statement), "illustrative", "line_illustrative", "variance_illustrative")


def budget_vs_actual_by_decision(
    engine: Engine,
    scope: Scope,
    lines: SpendFilter = ALL_LINES,
) -> pd.DataFrame:
    """Budget lines and payments to date summed per decision.

    Columns: decision_ref, title, initial_value, budget (approved lines: initial and reserve),
    spent, variance (budget - spent), awaiting_decision (extension and uplift lines), source (the
    decision's), illustrative (the decision, any of its lines or any payment is), and value by
    value, since one row can mix documented and sample figures (PCD 603: budget documented,
    payments invented): budget_illustrative (the decision or any of its lines is sample data) and
    spent_illustrative (the part of spent paid by sample payments).
    """
    conditions = lines.conditions()
    spent = _spent_per_line(scope, *conditions)
    approved = col(BudgetLine.kind).in_(APPROVED_KINDS)
    budget = func.sum(case((approved, col(BudgetLine.amount)), else_=0))
    paid = func.coalesce(func.sum(spent.c.spent), 0)
    statement = (
        select(
            col(Decision.reference).label("decision_ref"),
            col(Decision.title),
            col(Decision.initial_value),
            budget.label("budget"),
            paid.label("spent"),
            (budget - paid).label("variance"),
            func.sum(case((approved, 0), else_=col(BudgetLine.amount))).label("awaiting_decision"),
            col(Decision.source),
            (
                any_true(col(Decision.illustrative))
                | any_true(col(BudgetLine.illustrative))
                | (func.max(func.coalesce(spent.c.paid_illustrative, 0)) == 1)
            ).label("illustrative"),
            (any_true(col(Decision.illustrative)) | any_true(col(BudgetLine.illustrative))).label(
                "budget_illustrative"
            ),
            func.coalesce(func.sum(spent.c.illustrative_spent), 0).label("spent_illustrative"),
            (
                any_true(col(Decision.illustrative))
                | any_true(col(BudgetLine.illustrative))
                | (func.coalesce(func.sum(spent.c.illustrative_spent), 0) > 0)
            ).label("variance_illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.decision_ref) == col(Decision.reference))
        .outerjoin(spent, spent.c.budget_line_id == col(BudgetLine.id))
        .where(*conditions, scope.shows(col(Decision.illustrative), col(BudgetLine.illustrative)))
        .group_by(col(Decision.reference), col(Decision.title), col(Decision.initial_value), col(Decision.source))
        .order_by(col(Decision.illustrative), col(Decision.reference))
    )
    return as_flags(read_frame(engine, statement), "illustrative", "budget_illustrative", "variance_illustrative")


LINE_POINTS = 250
"""Points a chart's running-total line is drawn through at most, per decision (`spend_lines`)."""
WEEK_ONE = date(1900, 1, 1)
"""A Monday: weeks are counted from it, so each runs Monday to Sunday."""


def _running_totals(scope: Scope, decision_ref: str | None) -> AnySelect:
    """Each decision's payment days to date with its running totals (window sums in SQL), every
    payment against the decision whatever its year or funding source; one decision or all.

    Columns: decision_ref, spend_date, spent (that day), cumulative, illustrative_cumulative (the
    part of cumulative paid by sample payments).
    """
    daily = (
        select(
            col(BudgetLine.decision_ref),
            col(SpendDay.spend_date),
            func.sum(day_spent(scope)).label("spent"),
            func.sum(day_illustrative_spent(scope)).label("illustrative_spent"),
        )
        .join(BudgetLine, col(BudgetLine.id) == col(SpendDay.budget_line_id))
        .where(*_spend_conditions(scope, SpendFilter(decision_ref)))
        .group_by(col(BudgetLine.decision_ref), col(SpendDay.spend_date))
        .subquery("daily")
    )
    to_date: Window = {"partition_by": daily.c.decision_ref, "order_by": daily.c.spend_date}
    return select(
        daily.c.decision_ref,
        daily.c.spend_date,
        daily.c.spent,
        func.sum(daily.c.spent).over(**to_date).label("cumulative"),
        func.sum(daily.c.illustrative_spent).over(**to_date).label("illustrative_cumulative"),
    )


def cumulative_spend(engine: Engine, scope: Scope, decision_ref: str | None = None) -> pd.DataFrame:
    """Each decision's payments to date as a running total, every payment day: the exact figures
    behind `spend_lines` (one decision, or all when `decision_ref` is None).

    Columns: decision_ref, spend_date, spent (that day), cumulative.
    """
    running = _running_totals(scope, decision_ref).subquery("running")
    statement = select(running.c.decision_ref, running.c.spend_date, running.c.spent, running.c.cumulative).order_by(
        running.c.decision_ref, running.c.spend_date
    )
    return as_dates(read_frame(engine, statement), "spend_date")


def spend_lines(
    engine: Engine,
    scope: Scope,
    decision_ref: str | None = None,
    points: int = LINE_POINTS,
) -> pd.DataFrame:
    """Each decision's running total of payments to date, reduced in SQL to at most `points` rows
    per decision for drawing its line: a chart of a few hundred points reads the same as one of
    thousands and costs a fraction to send and draw.

    A decision with no more than `points` payment days keeps every one. Otherwise it keeps the
    last payment day of each week (Monday to Sunday), or of each month, or of each year: the
    finest of these that fits. Its first payment day is always kept, so the line starts and ends
    where the payments do, and every row is exact (the running total at that day).

    Columns: decision_ref, spend_date, cumulative, illustrative_cumulative (the part paid by sample
    payments), days (the decision's payment days in all, drawn or not). One decision, or all when
    `decision_ref` is None.
    """
    stepped = _stepped(_running_totals(scope, decision_ref).subquery("running"), points)
    statement = (
        select(
            stepped.c.decision_ref,
            stepped.c.spend_date,
            stepped.c.cumulative,
            stepped.c.illustrative_cumulative,
            stepped.c.days,
        )
        .where(or_(stepped.c.nth == 1, stepped.c.next.is_(None), stepped.c.next != stepped.c.period))
        .order_by(stepped.c.decision_ref, stepped.c.spend_date)
    )
    return as_dates(read_frame(engine, statement), "spend_date")


def _stepped(running: Subquery, points: int) -> Subquery:
    """Each decision's payment days numbered, with the period (day, week, month or year: the finest that
    keeps to `points`) each falls in and the next day's period, so a day that ends its period can be kept.

    Columns: decision_ref, spend_date, cumulative, illustrative_cumulative, days, nth, period, next.
    """
    day = running.c.spend_date
    year = cast(extract("year", day), Integer)
    periods = {
        "week": days_between(day, literal(WEEK_ONE)) // 7,
        "month": year * 12 + cast(extract("month", day), Integer),
        "year": year,
    }
    decision: Window = {"partition_by": running.c.decision_ref}
    numbered = select(
        running.c.decision_ref,
        day,
        running.c.cumulative,
        running.c.illustrative_cumulative,
        func.count().over(**decision).label("days"),
        func.row_number().over(partition_by=running.c.decision_ref, order_by=day).label("nth"),
        *(index.label(name) for name, index in periods.items()),
        *(
            (func.max(index).over(**decision) - func.min(index).over(**decision) + 1).label(f"{name}s")
            for name, index in periods.items()
        ),
    ).subquery("numbered")
    # the finest step that fits: every period spanned gives at most one point, plus the first day
    period = case(
        (numbered.c.days <= points, numbered.c.nth),
        (numbered.c.weeks < points, numbered.c.week),
        (numbered.c.months < points, numbered.c.month),
        else_=numbered.c.year,
    )
    return select(
        numbered.c.decision_ref,
        numbered.c.spend_date,
        numbered.c.cumulative,
        numbered.c.illustrative_cumulative,
        numbered.c.days,
        numbered.c.nth,
        period.label("period"),
        func.lead(period).over(partition_by=numbered.c.decision_ref, order_by=numbered.c.spend_date).label("next"),
    ).subquery("stepped")


def payments(
    engine: Engine,
    scope: Scope,
    lines: SpendFilter = ALL_LINES,
    limit: int | None = None,
) -> pd.DataFrame:
    """The payments behind the totals, newest first; only the newest `limit` when one is given
    (a screen cannot show a million rows; `spend_total` counts them all).

    Columns: spend_date, financial_year, amount, supplier, description, decision_ref, purpose,
    funding_source, source, illustrative.
    """
    statement = (
        select(
            col(Spend.spend_date),
            financial_year_sql(col(Spend.spend_date)).label("financial_year"),
            col(Spend.amount),
            col(Spend.supplier),
            col(Spend.description),
            col(BudgetLine.decision_ref),
            col(BudgetLine.purpose),
            col(BudgetLine.funding_source),
            col(Spend.source),
            col(Spend.illustrative),
        )
        .join(BudgetLine, col(BudgetLine.id) == col(Spend.budget_line_id))
        .where(
            *_spend_conditions(scope, lines, col(Spend.spend_date)),
            scope.shows(col(Spend.illustrative)),
        )
        .order_by(col(Spend.spend_date).desc(), col(Spend.id))
    )
    if limit is not None:
        newest = _newest_days_from(limit, scope, lines)
        statement = statement.where(col(Spend.spend_date) >= newest).limit(limit)
    return as_flags(as_dates(read_frame(engine, statement), "spend_date"), "illustrative")


def _newest_days_from(limit: int, scope: Scope, lines: SpendFilter) -> ColumnElement[Any]:
    """A day on or after which the newest `limit` payments matching the filters all fall (SQL, NULL if none).

    The newest `limit` summary rows hold at least `limit` payments (each holds one or more), so the
    answer lies among them: the latest of their days from which on they count `limit` payments, or
    the earliest of them when they count fewer. The listing then reads only those days' payments
    instead of scanning back through all.
    """
    newest = (
        select(col(SpendDay.spend_date), day_payments(scope).label("payments"))
        .join(BudgetLine, col(BudgetLine.id) == col(SpendDay.budget_line_id))
        .where(*_spend_conditions(scope, lines))
        .order_by(col(SpendDay.spend_date).desc())
        .limit(limit)
        .subquery("newest")
    )
    running = select(
        newest.c.spend_date,
        func.sum(newest.c.payments).over(order_by=newest.c.spend_date.desc()).label("from_then_on"),
    ).subquery("running")
    enough = select(func.max(running.c.spend_date)).where(running.c.from_then_on >= limit).scalar_subquery()
    return func.coalesce(enough, select(func.min(newest.c.spend_date)).scalar_subquery())


def reserves(engine: Engine, scope: Scope, decision_ref: str | None = None) -> pd.DataFrame:
    """Reserve budget lines: earmarked, drawn down to date, and what is left.

    Columns: budget_line_id, decision_ref, purpose, financial_year, funding_source, earmarked,
    drawn_down, remaining, source, illustrative (the line or any drawdown is).
    """
    lines = _lines_against_payments(
        engine,
        scope,
        col(BudgetLine.kind) == "reserve",
        *SpendFilter(decision_ref=decision_ref).conditions(),
    )
    return lines.drop(columns="kind").rename(
        columns={
            "budget": "earmarked",
            "spent": "drawn_down",
            "variance": "remaining",
            "variance_illustrative": "remaining_illustrative",
        }
    )


def threshold_headroom(
    engine: Engine,
    scope: Scope,
    decision_ref: str | None = None,
    min_share: float = 0.0,
) -> pd.DataFrame:
    """Decisions with a further-decision threshold: payments to date against it, nearest first.

    `min_share` keeps only those whose payments have reached that share of the threshold.

    Columns: decision_ref, title, decision_maker, threshold, advertised_maximum, spent,
    share (spent / threshold), headroom (threshold - spent), source, illustrative (the decision or
    any payment is).
    """
    lines = _spent_per_line(scope)
    spent = (
        select(
            col(BudgetLine.decision_ref),
            func.sum(lines.c.spent).label("spent"),
            func.max(lines.c.paid_illustrative).label("paid_illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.id) == lines.c.budget_line_id)
        .group_by(col(BudgetLine.decision_ref))
        .subquery("by_decision")
    )
    paid = func.coalesce(spent.c.spent, 0)
    threshold = col(Decision.further_decision_threshold)
    share = cast(paid, Float) / cast(threshold, Float)
    statement: AnySelect = (
        select(
            col(Decision.reference).label("decision_ref"),
            col(Decision.title),
            col(Decision.decision_maker),
            threshold.label("threshold"),
            col(Decision.advertised_maximum),
            paid.label("spent"),
            share.label("share"),
            (threshold - paid).label("headroom"),
            col(Decision.source),
            ((col(Decision.illustrative) == true()) | (func.coalesce(spent.c.paid_illustrative, 0) == 1)).label(
                "illustrative"
            ),
        )
        .outerjoin(spent, spent.c.decision_ref == col(Decision.reference))
        .where(
            threshold.is_not(None),
            threshold > 0,
            share >= min_share,
            col(Decision.reference) == decision_ref if decision_ref else true(),
            scope.shows(col(Decision.illustrative)),
        )
        .order_by(share.desc(), col(Decision.reference))
    )
    return as_flags(read_frame(engine, statement), "illustrative")
