"""SQL building blocks shared by the views: financial years, statuses as at a date, small numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Integer, case, cast, extract, literal
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select

from data_model.tables import ProgressUpdate, Recommendation

SMALL_NUMBER = 5
"""Counts of forum participants below this are personal and never shown or exported."""


def financial_year_start(day: ColumnElement) -> ColumnElement:
    """The calendar year a UK financial year (April to March) starts in, computed in SQL."""
    year = cast(extract("year", day), Integer)
    return case((cast(extract("month", day), Integer) >= 4, year), else_=year - 1)


def financial_year_label(start_year: int) -> str:
    """2025 -> '2025/26'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_of(day: date) -> str:
    return financial_year_label(day.year if day.month >= 4 else day.year - 1)


def suppressed(count: ColumnElement) -> ColumnElement:
    """A count, or NULL where it is under the small-number threshold."""
    return case((count < SMALL_NUMBER, literal(None)), else_=count)


def latest_progress(as_at: date) -> Select:
    """Each recommendation's newest progress update on or before `as_at` (one row each).

    Columns: recommendation_id, update_date, status, percent_complete, narrative, rank (always 1).
    Found per recommendation by one seek of the index on (recommendation_id, update_date, id, status),
    newest date first and the higher id on a tie, so the cost follows the number of
    recommendations, not the length of their history.
    """
    newest = (
        select(ProgressUpdate.id)
        .where(ProgressUpdate.recommendation_id == Recommendation.id, ProgressUpdate.update_date <= as_at)
        .order_by(ProgressUpdate.update_date.desc(), ProgressUpdate.id.desc())
        .limit(1)
        .correlate(Recommendation)
        .scalar_subquery()
    )
    return select(
        ProgressUpdate.recommendation_id,
        ProgressUpdate.update_date,
        ProgressUpdate.status,
        ProgressUpdate.percent_complete,
        ProgressUpdate.narrative,
        literal(1).label("rank"),
    ).join(Recommendation, ProgressUpdate.id == newest)


def read_frame(engine: Engine, statement: Select) -> pd.DataFrame:
    """Run a SELECT and return its rows as a DataFrame (column names from the labels)."""
    with engine.connect() as connection:
        return pd.read_sql(statement, connection)
