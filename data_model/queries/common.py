"""SQL building blocks shared by the views: financial years, statuses as at a date, small numbers."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Integer, SQLColumnExpression, and_, case, cast, extract, false, func, literal, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col

from data_model.scope import Scope
from data_model.tables import ProgressUpdate, StatusSpan
from data_model.typed_sql import AnySelect

SMALL_NUMBER = 5
"""Counts of forum participants below this are personal and never shown or exported."""


def financial_year_start(day: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """The calendar year a UK financial year (April to March) starts in, computed in SQL."""
    year = cast(extract("year", day), Integer)
    return case((cast(extract("month", day), Integer) >= 4, year), else_=year - 1)


def financial_year_label(start_year: int) -> str:
    """2025 -> '2025/26'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def suppressed(count: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """A count, or NULL where it is under the small-number threshold."""
    return case((count < SMALL_NUMBER, literal(None)), else_=count)


class days_between(FunctionElement[int]):  # noqa: N801 (used like a SQL function)
    """``days_between(later, earlier)``: whole days from one date to another, in SQL.

    Date arithmetic is the one thing SQLite and PostgreSQL write differently: SQLite subtracts
    julian day numbers, PostgreSQL subtracts the dates themselves.
    """

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({later} - {earlier})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def latest_progress(day: date, scope: Scope) -> AnySelect:
    """Each recommendation's newest progress update on or before `as_at` (one row each; none for a
    recommendation with no update by then).

    Columns: recommendation_id, update_date, status, percent_complete, illustrative (the update
    is sample data). Read from the spans of
    `status_span` that hold `as_at`: a range filter over one narrow table, whatever the number of
    recommendations. The spans run over every update, so `documented_only` (the newest documented
    update, sample ones left out) ranks the documented updates instead.
    """
    if scope.documented_only:
        newest_first = (col(ProgressUpdate.update_date).desc(), col(ProgressUpdate.id).desc())
        ranked = (
            select(
                col(ProgressUpdate.recommendation_id),
                col(ProgressUpdate.update_date),
                col(ProgressUpdate.status),
                col(ProgressUpdate.percent_complete),
                func.row_number()
                .over(partition_by=col(ProgressUpdate.recommendation_id), order_by=newest_first)
                .label("newest"),
            )
            .where(col(ProgressUpdate.update_date) <= day, col(ProgressUpdate.illustrative) == false())
            .subquery("documented_updates")
        )
        return select(
            ranked.c.recommendation_id,
            ranked.c.update_date,
            ranked.c.status,
            ranked.c.percent_complete,
            literal(False).label("illustrative"),
        ).where(ranked.c.newest == 1)
    return (
        select(
            col(StatusSpan.recommendation_id),
            col(StatusSpan.update_date),
            col(StatusSpan.status),
            col(StatusSpan.percent_complete),
            col(ProgressUpdate.illustrative),
        )
        .join(ProgressUpdate, col(ProgressUpdate.id) == col(StatusSpan.update_id))
        .where(
            col(StatusSpan.update_date) <= day,
            or_(col(StatusSpan.superseded_on).is_(None), col(StatusSpan.superseded_on) > day),
        )
    )


def counts_with_sample(
    engine: Engine, counts: Mapping[str, SQLColumnExpression[Any]], sample: SQLColumnExpression[Any]
) -> dict[str, int]:
    """How many rows meet each condition in `counts` (counted in SQL, one pass), and as X_illustrative how
    many of them are built from sample rows (`sample`): a count carries its own mark."""

    def count_where(condition: SQLColumnExpression[Any]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    statement = select(
        *(count_where(condition).label(name) for name, condition in counts.items()),
        *(count_where(and_(condition, sample)).label(f"{name}_illustrative") for name, condition in counts.items()),
    )
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    return {name: int(value) for name, value in row._mapping.items()}


def read_frame(engine: Engine, statement: AnySelect) -> pd.DataFrame:
    """Run a SELECT and return its rows as a DataFrame (column names from the labels)."""
    with engine.connect() as connection:
        return pd.read_sql(statement, connection)
