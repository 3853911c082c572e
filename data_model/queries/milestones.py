"""Milestones: baseline, forecast and actual dates as at a day, slippage, and forecast moves since a board.

A milestone's forecast on a date is its newest forecast change on or before that date, or its
baseline if it has not moved; it is achieved once its actual date has passed. Slippage is the
actual date (or, until then, the forecast) minus the baseline, in days: positive is late.
Slippage is worked out per row in pandas (date arithmetic differs between SQLite and PostgreSQL);
everything else, including the choice of the newest forecast, is in SQL.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import and_, case, func
from sqlalchemy.engine import Engine
from sqlmodel import select

from data_model.queries.common import read_frame
from data_model.queries.filters import Filter, matches
from data_model.queries.frame_types import as_dates, as_flags
from data_model.tables import Forum, Milestone, MilestoneForecast

SLIPPAGE_FOR_DECISION = 30
"""A milestone forecast or achieved more than this many days after its baseline goes to "Needs a decision"."""


def _forecasts(as_at: date, name: str):
    """Each milestone's newest forecast change on or before `as_at`: milestone_id, forecast_date,
    changed_on, and how many changes there had been by then (moves)."""
    ranked = (
        select(
            MilestoneForecast.milestone_id,
            MilestoneForecast.forecast_date,
            MilestoneForecast.changed_on,
            func.row_number()
            .over(
                partition_by=MilestoneForecast.milestone_id,
                order_by=(MilestoneForecast.changed_on.desc(), MilestoneForecast.id.desc()),
            )
            .label("newest"),
            func.count().over(partition_by=MilestoneForecast.milestone_id).label("moves"),
        )
        .where(MilestoneForecast.changed_on <= as_at)
        .subquery(f"{name}_ranked")
    )
    return select(ranked).where(ranked.c.newest == 1).subquery(name)


SCHEDULES = ("Slipped", "On track", "Achieved late", "Achieved", "Cancelled")
"""Where a milestone stands against its baseline, in the order the board reads them."""


def _schedule(status: str, slipped: bool) -> str:
    if status == "Cancelled":
        return status
    if status == "Achieved":
        return "Achieved late" if slipped else "Achieved"
    return "Slipped" if slipped else "On track"


def _slippage(frame: pd.DataFrame) -> pd.DataFrame:
    """Add slippage_days (actual or forecast minus baseline; missing when cancelled), slipped and schedule."""
    landed = frame["actual_date"].where(frame["actual_date"].notna(), frame["forecast_date"])
    days = [
        None if status == "Cancelled" else (end - baseline).days
        for status, end, baseline in zip(frame["status"], landed, frame["baseline_date"], strict=True)
    ]
    frame["slippage_days"] = pd.Series(days, index=frame.index, dtype="Int64")
    frame["slipped"] = [bool(value is not None and value > 0) for value in days]
    frame["schedule"] = [
        _schedule(status, slipped) for status, slipped in zip(frame["status"], frame["slipped"], strict=True)
    ]
    return frame


def milestone_register(
    engine: Engine,
    as_at: date,
    decision_ref: Filter = None,
    forum_id: Filter = None,
    status: Filter = None,
    slipped_only: bool = False,
) -> pd.DataFrame:
    """Milestones baselined by `as_at`, slipped ones first (most days late first), then by forecast.

    Columns: id, title, decision_ref, forum_id, cohort, baseline_date, forecast_date,
    actual_date (None until it has passed), status (Planned, Achieved or Cancelled as at
    `as_at`), moves (forecast changes by then), last_moved, slippage_days, slipped, schedule
    (one of `SCHEDULES`), source, illustrative.
    """
    latest = _forecasts(as_at, "latest")
    achieved = and_(Milestone.actual_date.is_not(None), Milestone.actual_date <= as_at)
    status_then = case((achieved, "Achieved"), (Milestone.status == "Cancelled", "Cancelled"), else_="Planned")
    statement = (
        select(
            Milestone.id,
            Milestone.title,
            Milestone.decision_ref,
            Milestone.forum_id,
            Forum.cohort,
            Milestone.baseline_date,
            func.coalesce(latest.c.forecast_date, Milestone.baseline_date).label("forecast_date"),
            case((achieved, Milestone.actual_date), else_=None).label("actual_date"),
            status_then.label("status"),
            func.coalesce(latest.c.moves, 0).label("moves"),
            latest.c.changed_on.label("last_moved"),
            Milestone.source,
            Milestone.illustrative,
        )
        .outerjoin(latest, latest.c.milestone_id == Milestone.id)
        .outerjoin(Forum, Forum.id == Milestone.forum_id)
        .where(
            Milestone.baselined_on <= as_at,
            matches(Milestone.decision_ref, decision_ref),
            matches(Milestone.forum_id, forum_id),
            matches(status_then, status),
        )
    )
    frame = as_dates(read_frame(engine, statement), "baseline_date", "forecast_date", "actual_date", "last_moved")
    as_flags(frame, "illustrative")
    frame["moves"] = frame["moves"].astype(int)
    _slippage(frame)
    if slipped_only:
        frame = frame[frame["slipped"]]
    late_first = -frame["slippage_days"].fillna(0).clip(lower=0)
    order = frame.assign(_late=late_first).sort_values(["_late", "forecast_date", "id"], kind="stable")
    return order.drop(columns="_late").reset_index(drop=True)


def milestone_choices(engine: Engine) -> dict[str, list[str]]:
    """The values each filter can take: decision_ref, forum_id (with the forum's cohort), status."""
    with engine.connect() as connection:
        decisions = connection.execute(
            select(Milestone.decision_ref).where(Milestone.decision_ref.is_not(None)).distinct()
        ).scalars()
        forums = connection.execute(
            select(Milestone.forum_id).where(Milestone.forum_id.is_not(None)).distinct()
        ).scalars()
        return {
            "decision_ref": sorted(decisions),
            "forum_id": sorted(forums),
            "status": ["Planned", "Achieved", "Cancelled"],
        }


def forecast_moves(engine: Engine, since: date, as_at: date) -> pd.DataFrame:
    """Forecast changes made after `since` up to `as_at`, and milestones achieved in that time.

    Columns: on_date, id, title, change ("Forecast moved" or "Achieved"), from_date (the forecast
    before: the previous change or the baseline), to_date (the new forecast or the actual date),
    days (to_date minus from_date), source, illustrative. In date order.
    """
    previous = func.lag(MilestoneForecast.forecast_date).over(
        partition_by=MilestoneForecast.milestone_id, order_by=(MilestoneForecast.changed_on, MilestoneForecast.id)
    )
    changes = select(
        MilestoneForecast.milestone_id,
        MilestoneForecast.changed_on,
        MilestoneForecast.forecast_date,
        previous.label("previous"),
        MilestoneForecast.source,
        MilestoneForecast.illustrative,
    ).subquery("changes")
    moved = (
        select(
            changes.c.changed_on.label("on_date"),
            Milestone.id,
            Milestone.title,
            func.coalesce(changes.c.previous, Milestone.baseline_date).label("from_date"),
            changes.c.forecast_date.label("to_date"),
            changes.c.source,
            changes.c.illustrative,
        )
        .join(Milestone, Milestone.id == changes.c.milestone_id)
        .where(changes.c.changed_on > since, changes.c.changed_on <= as_at)
    )
    latest = _forecasts(as_at, "latest")
    achieved = (
        select(
            Milestone.actual_date.label("on_date"),
            Milestone.id,
            Milestone.title,
            func.coalesce(latest.c.forecast_date, Milestone.baseline_date).label("from_date"),
            Milestone.actual_date.label("to_date"),
            Milestone.source,
            Milestone.illustrative,
        )
        .outerjoin(latest, latest.c.milestone_id == Milestone.id)
        .where(Milestone.actual_date > since, Milestone.actual_date <= as_at)
    )
    moved_frame = read_frame(engine, moved).assign(change="Forecast moved")
    achieved_frame = read_frame(engine, achieved).assign(change="Achieved")
    frame = pd.concat([moved_frame, achieved_frame], ignore_index=True)
    as_dates(frame, "on_date", "from_date", "to_date")
    as_flags(frame, "illustrative")
    frame["days"] = [(to - start).days for to, start in zip(frame["to_date"], frame["from_date"], strict=True)]
    columns = ["on_date", "id", "title", "change", "from_date", "to_date", "days", "source", "illustrative"]
    return frame.sort_values(["on_date", "id"], kind="stable").reset_index(drop=True)[columns]


def forecast_history(engine: Engine, milestone_id: str, as_at: date) -> pd.DataFrame:
    """A milestone's forecast changes up to `as_at`, oldest first: changed_on, forecast_date, note, source."""
    statement = (
        select(
            MilestoneForecast.changed_on,
            MilestoneForecast.forecast_date,
            MilestoneForecast.note,
            MilestoneForecast.source,
        )
        .where(MilestoneForecast.milestone_id == milestone_id, MilestoneForecast.changed_on <= as_at)
        .order_by(MilestoneForecast.changed_on, MilestoneForecast.id)
    )
    return as_dates(read_frame(engine, statement), "changed_on", "forecast_date")


def milestone_summary(engine: Engine, as_at: date, **filters: Filter | bool) -> dict[str, int]:
    """Counts over `milestone_register` with the same filters: milestones, slipped (not yet
    achieved and forecast after the baseline), late (of those, by more than `SLIPPAGE_FOR_DECISION` days)."""
    register = milestone_register(engine, as_at, **filters)
    planned = register[register["status"] == "Planned"]
    late = planned["slippage_days"].fillna(0) > SLIPPAGE_FOR_DECISION
    return {"milestones": len(register), "slipped": int(planned["slipped"].sum()), "late": int(late.sum())}


def slipped_for_decision(engine: Engine, as_at: date) -> pd.DataFrame:
    """Planned milestones slipped by more than `SLIPPAGE_FOR_DECISION` days as at `as_at` (the
    columns of `milestone_register`), most late first."""
    register = milestone_register(engine, as_at, status="Planned")
    late = register["slippage_days"].fillna(0) > SLIPPAGE_FOR_DECISION
    return register[late].reset_index(drop=True)
