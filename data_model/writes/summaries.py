"""Derived tables, rebuilt from the rows they summarise inside the transaction that changes them.

`SpendDay` sums payments per budget line and day, with each line's running totals; `StatusSpan`
gives each progress update the days it is its recommendation's status. The write path
(`path.write`) refreshes both for what a change touched (the days whose payments were added,
altered or removed, old and new dates; the recommendations whose updates were), before its
transaction commits, so no reader ever sees the rows and their summaries disagree.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import SQLColumnExpression, case, delete, func, insert, select, true, update
from sqlalchemy.engine import Connection
from sqlmodel import col

from data_model.tables import ProgressUpdate, Spend, SpendDay, StatusSpan
from data_model.typed_sql import AnySelect, Window

FULL_REBUILD = 1_000
"""Past this many days (or recommendations) touched, one pass over every row is quicker than chunks."""
_CHUNK = 500


def _summed(condition: SQLColumnExpression[Any]) -> AnySelect:
    illustrative = col(Spend.illustrative) == true()
    return (
        select(
            col(Spend.budget_line_id),
            col(Spend.spend_date),
            func.sum(col(Spend.amount)),
            func.count(col(Spend.id)),
            func.sum(case((illustrative, col(Spend.amount)), else_=0)),
            func.sum(case((illustrative, 1), else_=0)),
        )
        .where(condition)
        .group_by(col(Spend.budget_line_id), col(Spend.spend_date))
    )


_COLUMNS = ["budget_line_id", "spend_date", "spent", "payments", "illustrative_spent", "illustrative_payments"]


def refresh_spend_days(connection: Connection, days: Collection[date] | None = None) -> None:
    """Recompute `spend_day` for `days` (every day when None) from `spend`, in the caller's transaction."""
    if days is not None and not days:
        return
    if days is None or len(days) > FULL_REBUILD:
        connection.execute(delete(SpendDay))
        connection.execute(insert(SpendDay).from_select(_COLUMNS, _summed(true())))
        refresh_running_totals(connection)
        return
    ordered = sorted(days)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        connection.execute(delete(SpendDay).where(col(SpendDay.spend_date).in_(chunk)))
        connection.execute(insert(SpendDay).from_select(_COLUMNS, _summed(col(Spend.spend_date).in_(chunk))))
    refresh_running_totals(connection, ordered[0])


_RUNNING = {
    "spent_to_date": col(SpendDay.spent),
    "payments_to_date": col(SpendDay.payments),
    "illustrative_spent_to_date": col(SpendDay.illustrative_spent),
    "illustrative_payments_to_date": col(SpendDay.illustrative_payments),
}


def refresh_running_totals(connection: Connection, since: date | None = None) -> None:
    """Recompute each line's running totals on the days from `since` (every day when None).

    A change on one day moves the totals of every later day of its line, and only those.
    """
    line_by_date: Window = {"partition_by": col(SpendDay.budget_line_id), "order_by": col(SpendDay.spend_date)}
    running = select(
        col(SpendDay.budget_line_id),
        col(SpendDay.spend_date),
        *(func.sum(column).over(**line_by_date).label(name) for name, column in _RUNNING.items()),
    ).subquery("running")
    statement = (
        update(SpendDay)
        .values({name: running.c[name] for name in _RUNNING})
        .where(
            col(SpendDay.budget_line_id) == running.c.budget_line_id, col(SpendDay.spend_date) == running.c.spend_date
        )
    )
    if since is not None:
        statement = statement.where(col(SpendDay.spend_date) >= since)
    connection.execute(statement)


_SPAN_COLUMNS = ["update_id", "recommendation_id", "update_date", "superseded_on", "status", "percent_complete"]


def _spans(condition: SQLColumnExpression[Any]) -> AnySelect:
    successor = func.lead(col(ProgressUpdate.update_date)).over(
        partition_by=col(ProgressUpdate.recommendation_id),
        order_by=(col(ProgressUpdate.update_date), col(ProgressUpdate.id)),
    )
    return select(
        col(ProgressUpdate.id),
        col(ProgressUpdate.recommendation_id),
        col(ProgressUpdate.update_date),
        successor,
        col(ProgressUpdate.status),
        col(ProgressUpdate.percent_complete),
    ).where(condition)


def refresh_status_spans(connection: Connection, recommendation_ids: Collection[str] | None = None) -> None:
    """Recompute `status_span` for `recommendation_ids` (every recommendation when None), in the caller's
    transaction."""
    if recommendation_ids is not None and not recommendation_ids:
        return
    if recommendation_ids is None or len(recommendation_ids) > FULL_REBUILD:
        connection.execute(delete(StatusSpan))
        connection.execute(insert(StatusSpan).from_select(_SPAN_COLUMNS, _spans(true())))
        return
    ordered = sorted(recommendation_ids)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        connection.execute(delete(StatusSpan).where(col(StatusSpan.recommendation_id).in_(chunk)))
        connection.execute(
            insert(StatusSpan).from_select(_SPAN_COLUMNS, _spans(col(ProgressUpdate.recommendation_id).in_(chunk)))
        )
