"""Milestones: baseline, forecast and actual dates as at a day, slippage, and forecast moves since a board.

A milestone's forecast on a date is its newest forecast change on or before that date, or its
baseline if it has not moved; it is achieved once its actual date has passed. Slippage is the
actual date (or, until then, the forecast) minus the baseline, in days: positive is late. All of
it is worked out in SQL: each milestone's newest forecast is one seek of the index on its
changes by date (a window over every change costs several times as much on SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ScalarSelect, and_, case, func, null, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import counts_with_sample, days_between, read_frame
from data_model.queries.filters import MilestoneFilter
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import Forum, Milestone, MilestoneForecast
from data_model.typed_sql import AnySelect, table_of

ALL_MILESTONES = MilestoneFilter()
SLIPPAGE_FOR_DECISION = 30
"""A milestone forecast or achieved more than this many days after its baseline goes to "Needs a decision"."""
SCHEDULES = ("Slipped", "On track", "Achieved late", "Achieved", "Cancelled")
"""Where a milestone stands against its baseline, in the order the board reads them."""


def newest_forecast(scope: Scope) -> ScalarSelect[Any]:
    """The id of the milestone's newest forecast change on or before `as_at` (a correlated scalar subquery)."""
    return (
        select(col(MilestoneForecast.id))
        .where(
            col(MilestoneForecast.milestone_id) == col(Milestone.id),
            col(MilestoneForecast.changed_on) <= scope.as_at,
            scope.shows(col(MilestoneForecast.illustrative)),
        )
        .order_by(col(MilestoneForecast.changed_on).desc(), col(MilestoneForecast.id).desc())
        .limit(1)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class _Standing:
    """Where a milestone stands as at the day, as SQL over `Milestone` and its latest forecast change."""

    status: ColumnElement[Any]  # Planned, Achieved or Cancelled then
    forecast: ColumnElement[Any]
    actual: ColumnElement[Any]  # None until it has passed
    slippage: ColumnElement[Any]  # days, actual (or forecast) minus baseline; None when cancelled
    slipped: ColumnElement[Any]
    schedule: ColumnElement[Any]  # one of SCHEDULES


def _standing(scope: Scope, latest: FromClause) -> _Standing:
    achieved = and_(col(Milestone.actual_date).is_not(None), col(Milestone.actual_date) <= scope.as_at)
    cancelled = col(Milestone.status) == "Cancelled"
    forecast = func.coalesce(latest.c.forecast_date, col(Milestone.baseline_date))
    actual = case((achieved, col(Milestone.actual_date)), else_=null())
    slippage = case(
        (cancelled, null()), else_=days_between(func.coalesce(actual, forecast), col(Milestone.baseline_date))
    )
    slipped = and_(col(Milestone.status) != "Cancelled", slippage > 0)
    schedule = case(
        (cancelled, "Cancelled"),
        (and_(achieved, slipped), "Achieved late"),
        (achieved, "Achieved"),
        (slipped, "Slipped"),
        else_="On track",
    )
    status = case((achieved, "Achieved"), (cancelled, "Cancelled"), else_="Planned")
    return _Standing(status, forecast, actual, slippage, slipped, schedule)


def _register(scope: Scope, filters: MilestoneFilter = ALL_MILESTONES) -> AnySelect:
    latest = table_of(MilestoneForecast).alias("latest")
    moves = (
        select(func.count())
        .where(
            col(MilestoneForecast.milestone_id) == col(Milestone.id),
            col(MilestoneForecast.changed_on) <= scope.as_at,
            scope.shows(col(MilestoneForecast.illustrative)),
        )
        .scalar_subquery()
    )
    now = _standing(scope, latest)
    status_then, forecast, actual, slippage, slipped = now.status, now.forecast, now.actual, now.slippage, now.slipped
    return (
        select(
            col(Milestone.id),
            col(Milestone.title),
            col(Milestone.decision_ref),
            col(Milestone.forum_id),
            col(Forum.cohort),
            col(Milestone.baseline_date),
            forecast.label("forecast_date"),
            actual.label("actual_date"),
            status_then.label("status"),
            moves.label("moves"),
            latest.c.changed_on.label("last_moved"),
            slippage.label("slippage_days"),
            case((slipped, True), else_=False).label("slipped"),
            now.schedule.label("schedule"),
            col(Milestone.source),
            col(Milestone.illustrative),
            (func.coalesce(latest.c.illustrative, False) == true()).label("forecast_illustrative"),
        )
        .select_from(Milestone)
        .outerjoin(Forum, col(Forum.id) == col(Milestone.forum_id))
        .outerjoin(latest, latest.c.id == newest_forecast(scope))
        .where(
            col(Milestone.baselined_on) <= scope.as_at,
            scope.shows(col(Milestone.illustrative)),
            *filters.conditions(
                {
                    "decision_ref": col(Milestone.decision_ref),
                    "forum_id": col(Milestone.forum_id),
                    "status": status_then,
                    "slipped_only": slipped,
                    "late_only": and_(status_then == "Planned", slippage > SLIPPAGE_FOR_DECISION),
                }
            ),
        )
        .order_by(
            case((slipped, 0), else_=1),
            slippage.desc().nulls_last(),
            forecast,
            col(Milestone.id),
        )
    )


def _register_frame(engine: Engine, statement: AnySelect) -> pd.DataFrame:
    frame = as_dates(read_frame(engine, statement), "baseline_date", "forecast_date", "actual_date", "last_moved")
    as_flags(frame, "slipped", "illustrative", "forecast_illustrative")
    frame["moves"] = frame["moves"].astype(int)
    frame["slippage_days"] = frame["slippage_days"].astype("Int64")  # missing for a cancelled one
    return frame


def milestone_register(engine: Engine, scope: Scope, filters: MilestoneFilter = ALL_MILESTONES) -> pd.DataFrame:
    """Milestones baselined by the as-at day that `filters` pick, slipped ones first (most days late
    first), then by forecast.

    Columns: id, title, decision_ref, forum_id, cohort, baseline_date, forecast_date,
    actual_date (None until it has passed), status (Planned, Achieved or Cancelled as at
    `as_at`), moves (forecast changes by then), last_moved, slippage_days (missing when
    cancelled), slipped, schedule (one of `SCHEDULES`), source, illustrative (the milestone is sample
    data), forecast_illustrative (its forecast comes from a sample change).
    """
    return _register_frame(engine, _register(scope, filters))


def milestone_choices(engine: Engine, scope: Scope) -> dict[str, list[str]]:
    """The values each filter can take: decision_ref, forum_id (with the forum's cohort), status."""
    wanted = scope.shows(col(Milestone.illustrative))
    with engine.connect() as connection:
        decisions = connection.execute(
            select(col(Milestone.decision_ref)).where(col(Milestone.decision_ref).is_not(None), wanted).distinct()
        ).scalars()
        forums = connection.execute(
            select(col(Milestone.forum_id)).where(col(Milestone.forum_id).is_not(None), wanted).distinct()
        ).scalars()
        return {
            "decision_ref": sorted(value for value in decisions if value is not None),
            "forum_id": sorted(value for value in forums if value is not None),
            "status": ["Planned", "Achieved", "Cancelled"],
        }


def forecast_moves(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Forecast changes made after `since` up to `as_at`, and milestones achieved in that time.

    Columns: on_date, id, title, change ("Forecast moved" or "Achieved"), from_date (the forecast
    before: the previous change or the baseline), to_date (the new forecast or the actual date),
    days (to_date minus from_date), source, illustrative. In date order.
    """
    moved_frame = read_frame(engine, _forecasts_moved(scope)).assign(change="Forecast moved")
    achieved_frame = read_frame(engine, _achieved(scope)).assign(change="Achieved")
    frame = pd.concat([moved_frame, achieved_frame], ignore_index=True)
    as_dates(frame, "on_date", "from_date", "to_date")
    as_flags(frame, "illustrative")
    frame["days"] = [(to - start).days for to, start in zip(frame["to_date"], frame["from_date"], strict=True)]
    columns = ["on_date", "id", "title", "change", "from_date", "to_date", "days", "source", "illustrative"]
    return frame.sort_values(["on_date", "id"], kind="stable").reset_index(drop=True)[columns]


def _forecasts_moved(scope: Scope) -> AnySelect:
    """Forecast changes made in the scope's period, each from the forecast before it (or the baseline)."""
    previous = func.lag(col(MilestoneForecast.forecast_date)).over(
        partition_by=col(MilestoneForecast.milestone_id),
        order_by=(col(MilestoneForecast.changed_on), col(MilestoneForecast.id)),
    )
    changes = (
        select(
            col(MilestoneForecast.milestone_id),
            col(MilestoneForecast.changed_on),
            col(MilestoneForecast.forecast_date),
            previous.label("previous"),
            col(MilestoneForecast.source),
            col(MilestoneForecast.illustrative),
        )
        .where(scope.shows(col(MilestoneForecast.illustrative)))
        .subquery("changes")
    )
    return (
        select(
            changes.c.changed_on.label("on_date"),
            col(Milestone.id),
            col(Milestone.title),
            func.coalesce(changes.c.previous, col(Milestone.baseline_date)).label("from_date"),
            changes.c.forecast_date.label("to_date"),
            changes.c.source,
            changes.c.illustrative,
        )
        .join(Milestone, col(Milestone.id) == changes.c.milestone_id)
        .where(
            changes.c.changed_on > scope.since,
            changes.c.changed_on <= scope.as_at,
            scope.shows(col(Milestone.illustrative)),
        )
    )


def _achieved(scope: Scope) -> AnySelect:
    """Milestones achieved in the scope's period, each from its forecast then (or the baseline)."""
    latest = table_of(MilestoneForecast).alias("latest")
    return (
        select(
            col(Milestone.actual_date).label("on_date"),
            col(Milestone.id),
            col(Milestone.title),
            func.coalesce(latest.c.forecast_date, col(Milestone.baseline_date)).label("from_date"),
            col(Milestone.actual_date).label("to_date"),
            col(Milestone.source),
            col(Milestone.illustrative),
        )
        .outerjoin(latest, latest.c.id == newest_forecast(scope))
        .where(
            col(Milestone.actual_date) > scope.since,
            col(Milestone.actual_date) <= scope.as_at,
            scope.shows(col(Milestone.illustrative)),
        )
    )


def forecast_history(engine: Engine, scope: Scope, milestone_id: str) -> pd.DataFrame:
    """A milestone's forecast changes up to `as_at`, oldest first: changed_on, forecast_date, note, source."""
    statement = (
        select(
            col(MilestoneForecast.changed_on),
            col(MilestoneForecast.forecast_date),
            col(MilestoneForecast.note),
            col(MilestoneForecast.source),
        )
        .where(
            col(MilestoneForecast.milestone_id) == milestone_id,
            col(MilestoneForecast.changed_on) <= scope.as_at,
            scope.shows(col(MilestoneForecast.illustrative)),
        )
        .order_by(col(MilestoneForecast.changed_on), col(MilestoneForecast.id))
    )
    return as_dates(read_frame(engine, statement), "changed_on", "forecast_date")


def milestone_summary(engine: Engine, scope: Scope, filters: MilestoneFilter = ALL_MILESTONES) -> dict[str, int]:
    """Counts over `milestone_register` with the same filters, in SQL: milestones, slipped (still
    to come and forecast after the baseline), late (of those, by more than `SLIPPAGE_FOR_DECISION`
    days); each also as X_illustrative, how many of them are sample data or forecast by a sample change."""
    register = _register(scope, filters).order_by(None).subquery("register")
    to_come = register.c.status == "Planned"
    counts = {
        "milestones": true(),
        "slipped": and_(to_come, register.c.slipped),
        "late": and_(to_come, register.c.slippage_days > SLIPPAGE_FOR_DECISION),
    }
    sample = (register.c.illustrative == true()) | (register.c.forecast_illustrative == true())
    return counts_with_sample(engine, counts, sample)


def slipped_for_decision(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Milestones still to come slipped by more than `SLIPPAGE_FOR_DECISION` days as at `as_at` (the
    columns of `milestone_register`), most late first."""
    return _register_frame(engine, _register(scope, MilestoneFilter(late_only=True)))
