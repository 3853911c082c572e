"""Victims' Code compliance: how often victims got what a right promises, by measure, agency and quarter.

A rate is always ``sum(numerator) / sum(denominator)`` over the returns chosen, computed in SQL,
never an average of rates. Only quarters that had ended by the "as at" date are counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Float, Integer, SQLColumnExpression, case, cast, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import financial_year_label, read_frame
from data_model.queries.filters import Filter, matches
from data_model.queries.frame_types import as_flags
from data_model.scope import Scope
from data_model.tables import ComplianceMeasure
from data_model.typed_sql import Window, table_of

VICTIMS_CODE_RIGHTS = {
    1: "Understand and be understood",
    2: "Crime recorded without unjustified delay",
    3: "Information when reporting",
    4: "Referral to support services",
    5: "Information about compensation",
    6: "Information about the investigation and prosecution",
    7: "Make a Victim Personal Statement",
    8: "Information about the trial and your role as a witness",
    9: "Information about the outcome and appeals",
    10: "Expenses and property returned",
    11: "Information about the offender after conviction",
    12: "Make a complaint",
}
"""The 12 rights of the Victims' Code of Practice (in force 1 April 2021)."""


def right_label(right_number: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """'Right 4: Referral to support services' in SQL; a measure tied to no single right says so."""
    names = {number: f"Right {number}: {name}" for number, name in VICTIMS_CODE_RIGHTS.items()}
    return case(names, value=right_number, else_="Not tied to one right")


def last_complete_quarter(as_at: date) -> str:
    """The newest financial quarter that had ended by `as_at`, written like '2026/27 Q2'."""
    tomorrow = as_at + timedelta(days=1)
    start_year = tomorrow.year if tomorrow.month >= 4 else tomorrow.year - 1
    quarter = (tomorrow.month - 4) % 12 // 3 + 1
    if quarter == 1:
        return f"{financial_year_label(start_year - 1)} Q4"
    return f"{financial_year_label(start_year)} Q{quarter - 1}"


def _chosen(scope: Scope, agencies: Filter, measures: Filter) -> list[ColumnElement[Any]]:
    return [
        scope.shows(col(ComplianceMeasure.illustrative)),
        col(ComplianceMeasure.quarter) <= last_complete_quarter(scope.as_at),
        matches(col(ComplianceMeasure.agency), agencies),
        matches(col(ComplianceMeasure.measure), measures),
    ]


def compliance_choices(engine: Engine, scope: Scope) -> dict[str, list[str]]:
    """The agencies and measures on record, for the filters."""
    choices: dict[str, list[str]] = {}
    wanted = scope.shows(col(ComplianceMeasure.illustrative))
    with engine.connect() as connection:
        for name in ("agency", "measure"):
            column = table_of(ComplianceMeasure).c[name]
            rows = connection.execute(select(column).where(wanted).distinct().order_by(column))
            choices[name] = [value for (value,) in rows]
    return choices


def _trend_statement(scope: Scope, agencies: Filter, measures: Filter) -> Subquery:
    """Per measure and quarter: summed returns, the rate, the change on the quarter before, newest first rank."""
    by_source = (
        select(
            col(ComplianceMeasure.measure),
            col(ComplianceMeasure.right_number),
            col(ComplianceMeasure.quarter),
            col(ComplianceMeasure.source),
            func.sum(col(ComplianceMeasure.numerator)).label("numerator"),
            func.sum(col(ComplianceMeasure.denominator)).label("denominator"),
            func.max(cast(col(ComplianceMeasure.illustrative), Integer)).label("illustrative"),
        )
        .where(*_chosen(scope, agencies, measures))
        .group_by(
            col(ComplianceMeasure.measure),
            col(ComplianceMeasure.right_number),
            col(ComplianceMeasure.quarter),
            col(ComplianceMeasure.source),
        )
    ).subquery("by_source")
    numerator = func.sum(by_source.c.numerator)
    denominator = func.sum(by_source.c.denominator)
    per_quarter = (
        select(
            by_source.c.measure,
            by_source.c.right_number,
            by_source.c.quarter,
            numerator.label("numerator"),
            denominator.label("denominator"),
            (cast(numerator, Float) / denominator).label("rate"),
            func.max(by_source.c.illustrative).label("illustrative"),
            func.aggregate_strings(by_source.c.source, "; ").label("source"),
        ).group_by(by_source.c.measure, by_source.c.right_number, by_source.c.quarter)
    ).subquery("per_quarter")
    by_measure: Window = {"partition_by": per_quarter.c.measure, "order_by": per_quarter.c.quarter}
    return select(
        per_quarter.c.measure,
        per_quarter.c.right_number,
        right_label(per_quarter.c.right_number).label("right"),
        per_quarter.c.quarter,
        per_quarter.c.numerator,
        per_quarter.c.denominator,
        per_quarter.c.rate,
        func.lag(per_quarter.c.quarter).over(**by_measure).label("previous_quarter"),
        (per_quarter.c.rate - func.lag(per_quarter.c.rate).over(**by_measure)).label("change"),
        func.row_number()
        .over(partition_by=per_quarter.c.measure, order_by=per_quarter.c.quarter.desc())
        .label("newest"),
        per_quarter.c.source,
        per_quarter.c.illustrative,
    ).subquery("trend")


_TREND_COLUMNS = (
    "measure",
    "right_number",
    "right",
    "quarter",
    "numerator",
    "denominator",
    "rate",
    "previous_quarter",
    "change",
    "source",
    "illustrative",
)


def compliance_trend(engine: Engine, scope: Scope, agencies: Filter = None, measures: Filter = None) -> pd.DataFrame:
    """Each measure's compliance rate per quarter over the chosen agencies (all if none).

    Columns: measure, right_number, right, quarter, numerator, denominator, rate (0-1),
    previous_quarter, change (on the previous quarter, 0-1 points), source, illustrative.
    Ordered by measure, then quarter.
    """
    trend = _trend_statement(scope, agencies, measures)
    statement = select(*(trend.c[name] for name in _TREND_COLUMNS)).order_by(trend.c.measure, trend.c.quarter)
    return _typed(read_frame(engine, statement))


def compliance_latest(engine: Engine, scope: Scope, agencies: Filter = None, measures: Filter = None) -> pd.DataFrame:
    """Each measure's newest quarter (up to `as_at`) with the change on the quarter before.

    Same columns as `compliance_trend`, one row per measure, ordered by right then measure.
    """
    trend = _trend_statement(scope, agencies, measures)
    statement = (
        select(*(trend.c[name] for name in _TREND_COLUMNS))
        .where(trend.c.newest == 1)
        .order_by(trend.c.right_number.is_(None), trend.c.right_number, trend.c.measure)
    )
    return _typed(read_frame(engine, statement))


def compliance_returns(engine: Engine, scope: Scope, agencies: Filter = None, measures: Filter = None) -> pd.DataFrame:
    """The returns themselves, one row per measure, agency and quarter, newest quarter first.

    Columns: measure, right_number, right, agency, quarter, numerator, denominator, rate, source,
    illustrative.
    """
    statement = (
        select(
            col(ComplianceMeasure.measure),
            col(ComplianceMeasure.right_number),
            right_label(col(ComplianceMeasure.right_number)).label("right"),
            col(ComplianceMeasure.agency),
            col(ComplianceMeasure.quarter),
            col(ComplianceMeasure.numerator),
            col(ComplianceMeasure.denominator),
            (cast(col(ComplianceMeasure.numerator), Float) / col(ComplianceMeasure.denominator)).label("rate"),
            col(ComplianceMeasure.source),
            col(ComplianceMeasure.illustrative),
        )
        .where(*_chosen(scope, agencies, measures))
        .order_by(col(ComplianceMeasure.quarter).desc(), col(ComplianceMeasure.measure), col(ComplianceMeasure.agency))
    )
    frame = read_frame(engine, statement)
    frame["right_number"] = frame["right_number"].astype("Int64")
    return as_flags(frame, "illustrative")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Sums come back as Decimal on PostgreSQL: whole numbers here."""
    frame[["numerator", "denominator"]] = frame[["numerator", "denominator"]].astype(int)
    frame["right_number"] = frame["right_number"].astype("Int64")
    frame["change"] = frame["change"].astype(float)
    return as_flags(frame, "illustrative")
