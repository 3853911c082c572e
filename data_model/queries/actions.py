"""The board's action log: what a meeting agreed and where each action stood on a date.

An action is Done (or Dropped) from its closed date on; until then it is Open, and Overdue once its
due date has passed. "Matters arising" at a board are the actions of the board before it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from data_model.queries.common import read_frame
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import BoardAction, BoardMeeting

OUTCOMES = ("Done", "Dropped", "Overdue", "Open")
"""What an action shows on a date, the board's order: finished, then what still needs chasing."""


def _outcome(as_at: date) -> ColumnElement[Any]:
    closed = and_(col(BoardAction.closed_date).is_not(None), col(BoardAction.closed_date) <= as_at)
    return case(
        (and_(closed, col(BoardAction.status) == "Dropped"), "Dropped"),
        (closed, "Done"),
        (col(BoardAction.due_date) < as_at, "Overdue"),
        else_="Open",
    )


def _shown(scope: Scope) -> ColumnElement[Any]:
    """The actions the scope shows: with documented only, neither the action nor its meeting is sample data."""
    return scope.shows(col(BoardAction.illustrative), col(BoardMeeting.illustrative))


def actions_from_board(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The actions agreed at the board held on `meeting_date`, as they stood at `as_at`.

    Columns: id, meeting, action, owner, due_date, outcome (Done, Dropped, Overdue, Open),
    closed_date (None until it has passed), latest_update, source, illustrative. Overdue and open
    ones first, then by due date.
    """
    outcome = _outcome(scope.as_at)
    order = case({name: rank for rank, name in enumerate(("Overdue", "Open", "Done", "Dropped"))}, value=outcome)
    statement = (
        select(
            col(BoardAction.id),
            col(BoardMeeting.title).label("meeting"),
            col(BoardAction.action),
            col(BoardAction.owner),
            col(BoardAction.due_date),
            outcome.label("outcome"),
            case((col(BoardAction.closed_date) <= scope.as_at, col(BoardAction.closed_date)), else_=None).label(
                "closed_date"
            ),
            col(BoardAction.latest_update),
            col(BoardAction.source),
            col(BoardAction.illustrative),
        )
        .join(BoardMeeting, col(BoardMeeting.id) == col(BoardAction.meeting_id))
        .where(col(BoardMeeting.meeting_date) == scope.since, _shown(scope))
        .order_by(order, col(BoardAction.due_date), col(BoardAction.id))
    )
    frame = as_dates(read_frame(engine, statement), "due_date", "closed_date")
    return as_flags(frame, "illustrative")


def action_outcomes(engine: Engine, scope: Scope) -> dict[str, int]:
    """How many of that board's actions are Done, Dropped, Overdue and Open as at `as_at` (every
    outcome present, 0 when none), counted in SQL."""
    outcome = _outcome(scope.as_at)
    statement = (
        select(outcome.label("outcome"), func.count())
        .join(BoardMeeting, col(BoardMeeting.id) == col(BoardAction.meeting_id))
        .where(col(BoardMeeting.meeting_date) == scope.since, _shown(scope))
        .group_by(outcome)
    )
    with engine.connect() as connection:
        counted: dict[str, int] = dict(connection.execute(statement).all())
    return {name: int(counted.get(name, 0)) for name in OUTCOMES}
