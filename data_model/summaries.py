"""Derived tables, rebuilt from the rows they summarise inside the transaction that changes them.

`SpendDay` sums payments per budget line and day. The seed loader is the only writer of
`spend`; after any change to it, it calls `refresh_spend_days` with the days whose payments were
added, altered or removed (old and new dates), before its transaction commits, so no reader ever
sees the payments and their summary disagree.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import case, delete, func, insert, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select

from data_model.tables import Spend, SpendDay

FULL_REBUILD_DAYS = 1_000
"""Past this many days touched, one pass over every payment is quicker than day by day."""
_CHUNK = 500


def _summed(condition: ColumnElement):
    illustrative = Spend.illustrative == true()
    return (
        select(
            Spend.budget_line_id,
            Spend.spend_date,
            func.sum(Spend.amount),
            func.count(Spend.id),
            func.sum(case((illustrative, Spend.amount), else_=0)),
            func.sum(case((illustrative, 1), else_=0)),
        )
        .where(condition)
        .group_by(Spend.budget_line_id, Spend.spend_date)
    )


_COLUMNS = ["budget_line_id", "spend_date", "spent", "payments", "illustrative_spent", "illustrative_payments"]


def refresh_spend_days(connection: Connection, days: Collection[date] | None = None) -> None:
    """Recompute `spend_day` for `days` (every day when None) from `spend`, in the caller's transaction."""
    if days is not None and not days:
        return
    if days is None or len(days) > FULL_REBUILD_DAYS:
        connection.execute(delete(SpendDay))
        connection.execute(insert(SpendDay).from_select(_COLUMNS, _summed(true())))
        return
    ordered = sorted(days)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        connection.execute(delete(SpendDay).where(SpendDay.spend_date.in_(chunk)))
        connection.execute(insert(SpendDay).from_select(_COLUMNS, _summed(Spend.spend_date.in_(chunk))))
