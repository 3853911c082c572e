"""Recommendations: the register as at a date, its status mix, and what moved since a board.

A recommendation's status on a date is its newest progress update on or before that date
(`latest_progress`); one with no update yet is "Not started". Statuses are ranked on
`STATUS_SCALE` (best first) in SQL, so counts and moves come back in the board's order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import (
    Date,
    Integer,
    SQLColumnExpression,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import counts_with_sample, latest_progress, read_frame
from data_model.queries.filters import RecommendationFilter
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import STATUS_SCALE, BoardMeeting, ProgressUpdate, Recommendation, StatusSpan
from data_model.typed_sql import AnySelect, table_of

ALL_RECOMMENDATIONS = RecommendationFilter()
NOT_STARTED = "Not started"
STATUSES = (*STATUS_SCALE, NOT_STARTED)
"""Every status a recommendation can show, best first; "Not started" means no update yet."""


def status_rank(status: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """Position on the scale in SQL (0 = Complete ... 5 = Red, 6 = Not started)."""
    return case({name: rank for rank, name in enumerate(STATUSES)}, value=status, else_=len(STATUSES))


def _register(scope: Scope, filters: RecommendationFilter = ALL_RECOMMENDATIONS) -> AnySelect:
    """The register's SELECT: each recommendation with its status as at the day, filtered."""
    latest = latest_progress(scope.as_at, scope).subquery("latest")
    current = func.coalesce(latest.c.status, NOT_STARTED)
    is_overdue = and_(
        col(Recommendation.due_date).is_not(None), col(Recommendation.due_date) < scope.as_at, current != "Complete"
    )
    return (
        select(
            col(Recommendation.id),
            col(Recommendation.reference),
            col(Recommendation.source_review),
            col(Recommendation.text),
            col(Recommendation.owner_agency),
            col(Recommendation.oversight_board),
            col(Recommendation.due_date),
            col(Recommendation.decision_ref),
            current.label("status"),
            func.coalesce(latest.c.percent_complete, 0).label("percent_complete"),
            latest.c.update_date.label("last_update"),
            case((is_overdue, True), else_=False).label("overdue"),
            col(Recommendation.source),
            col(Recommendation.project_reading),
            col(Recommendation.illustrative),
            (func.coalesce(latest.c.illustrative, False) == true()).label("status_illustrative"),
        )
        .outerjoin(latest, latest.c.recommendation_id == col(Recommendation.id))
        .where(
            scope.shows(col(Recommendation.illustrative)),
            *filters.conditions(
                {
                    "source_review": col(Recommendation.source_review),
                    "owner_agency": col(Recommendation.owner_agency),
                    "oversight_board": col(Recommendation.oversight_board),
                    "status": current,
                    "decision_ref": col(Recommendation.decision_ref),
                    "overdue_only": is_overdue,
                    "overdue_or_red": or_(is_overdue, current == "Red"),
                }
            ),
        )
    )


def recommendation_register(
    engine: Engine, scope: Scope, filters: RecommendationFilter = ALL_RECOMMENDATIONS
) -> pd.DataFrame:
    """One row per recommendation that `filters` pick, with its status as at the day, filtered in SQL.

    Columns: id, reference, source_review, text, owner_agency, oversight_board, due_date,
    decision_ref, status, percent_complete, last_update, overdue, source, project_reading, illustrative (the
    recommendation is sample data), status_illustrative (its status comes from a sample update).
    Overdue means due before `as_at` and not Complete.
    """
    register = _register(scope, filters)
    return _register_frame(engine, register.order_by(col(Recommendation.source_review), col(Recommendation.id)))


def overdue_or_red(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Recommendations overdue or Red as at `as_at`, the earliest due first (one pass over the
    statuses): the columns of `recommendation_register`."""
    register = _register(scope, RecommendationFilter(overdue_or_red=True))
    return _register_frame(
        engine, register.order_by(col(Recommendation.due_date).asc().nulls_last(), col(Recommendation.id))
    )


def _register_frame(engine: Engine, statement: AnySelect) -> pd.DataFrame:
    frame = read_frame(engine, statement)
    as_flags(frame, "overdue", "illustrative", "status_illustrative")
    frame["percent_complete"] = frame["percent_complete"].astype(int)
    return as_dates(frame, "due_date", "last_update")


def register_summary(
    engine: Engine, scope: Scope, filters: RecommendationFilter = ALL_RECOMMENDATIONS
) -> dict[str, int]:
    """Counts over the filtered register: recommendations, overdue, red (Red or Amber/Red), complete;
    each also as X_illustrative, how many of them are sample rows or stand at a sample update's status."""
    register = _register(scope, filters).subquery()
    counts = {
        "recommendations": true(),
        "overdue": register.c.overdue,
        "red": register.c.status.in_(("Red", "Amber/Red")),
        "complete": register.c.status == "Complete",
    }
    return counts_with_sample(engine, counts, (register.c.illustrative == true()) | register.c.status_illustrative)


def register_choices(engine: Engine, scope: Scope) -> dict[str, list[str]]:
    """The values each register filter can take: source_review, owner_agency, oversight_board, status."""
    choices: dict[str, list[str]] = {}
    rows_wanted = scope.shows(col(Recommendation.illustrative))
    with engine.connect() as connection:
        for name in ("source_review", "owner_agency", "oversight_board"):
            column = table_of(Recommendation).c[name]
            rows = connection.execute(select(column).where(rows_wanted).distinct().order_by(column))
            choices[name] = [value for (value,) in rows]
    choices["status"] = list(STATUSES)
    return choices


def status_counts(engine: Engine, scope: Scope) -> pd.DataFrame:
    """How many recommendations stand at each status as at `as_at` (scale order): status,
    recommendations, illustrative (how many of them are sample rows or stand at a sample update's status)."""
    latest = latest_progress(scope.as_at, scope).subquery("latest")
    current = func.coalesce(latest.c.status, NOT_STARTED)
    sample = (col(Recommendation.illustrative) == true()) | (func.coalesce(latest.c.illustrative, False) == true())
    statement = (
        select(
            current.label("status"),
            func.count(col(Recommendation.id)).label("recommendations"),
            func.sum(case((sample, 1), else_=0)).label("illustrative"),
        )
        .outerjoin(latest, latest.c.recommendation_id == col(Recommendation.id))
        .where(scope.shows(col(Recommendation.illustrative)))
        .group_by(current)
        .order_by(status_rank(current))
    )
    return read_frame(engine, statement)


def status_moves(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Recommendations whose status on `as_at` differs from that on `since` (the last board).

    Columns: id, reference, text, owner_agency, status_then, status_now, moved ("Amber → Green"),
    direction ("improved", "slipped", or "new" for one with no update by `since`), illustrative
    (the recommendation, or either status's update, is sample data).
    """
    then = latest_progress(scope.since, scope).subquery("then")
    now = latest_progress(scope.as_at, scope).subquery("now")
    status_then = func.coalesce(then.c.status, NOT_STARTED)
    status_now = func.coalesce(now.c.status, NOT_STARTED)
    direction = case(
        (then.c.status.is_(None), "new"),
        (status_rank(status_now) < status_rank(status_then), "improved"),
        else_="slipped",
    )
    statement = (
        select(
            col(Recommendation.id),
            col(Recommendation.reference),
            col(Recommendation.text),
            col(Recommendation.owner_agency),
            status_then.label("status_then"),
            status_now.label("status_now"),
            (status_then + " → " + status_now).label("moved"),
            direction.label("direction"),
            (
                (col(Recommendation.illustrative) == true())
                | (func.coalesce(then.c.illustrative, False) == true())
                | (func.coalesce(now.c.illustrative, False) == true())
            ).label("illustrative"),
        )
        .outerjoin(then, then.c.recommendation_id == col(Recommendation.id))
        .outerjoin(now, now.c.recommendation_id == col(Recommendation.id))
        .where(status_then != status_now, scope.shows(col(Recommendation.illustrative)))
        .order_by(direction, status_rank(status_now).desc(), col(Recommendation.id))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def progress_history(engine: Engine, scope: Scope, recommendation_id: str) -> pd.DataFrame:
    """One recommendation's progress updates up to `as_at`, oldest first.

    Columns: update_date, status, percent_complete, narrative, source, illustrative.
    """
    statement = (
        select(
            col(ProgressUpdate.update_date),
            col(ProgressUpdate.status),
            col(ProgressUpdate.percent_complete),
            col(ProgressUpdate.narrative),
            col(ProgressUpdate.source),
            col(ProgressUpdate.illustrative),
        )
        .where(
            col(ProgressUpdate.recommendation_id) == recommendation_id,
            col(ProgressUpdate.update_date) <= scope.as_at,
            scope.shows(col(ProgressUpdate.illustrative)),
        )
        .order_by(col(ProgressUpdate.update_date), col(ProgressUpdate.id))
    )
    frame = read_frame(engine, statement)
    as_flags(frame, "illustrative")
    return as_dates(frame, "update_date")


def _daily_status_changes(as_at: date) -> Subquery:
    """Per day and status up to `as_at`, how many recommendations took it up less how many left it.

    A status span adds one on the day it starts and takes one away on the day it is superseded; a
    recommendation leaves "Not started" on the day of its first update. Summed per day, so what
    follows sorts a few thousand days, not every change.
    """
    changes = union_all(
        select(
            col(StatusSpan.update_date).label("day"), col(StatusSpan.status).label("status"), literal(1).label("change")
        ).where(col(StatusSpan.update_date) <= as_at),
        select(col(StatusSpan.superseded_on), col(StatusSpan.status), literal(-1)).where(
            col(StatusSpan.superseded_on) <= as_at
        ),
        select(func.min(col(StatusSpan.update_date)), literal(NOT_STARTED), literal(-1))
        .where(col(StatusSpan.update_date) <= as_at)
        .group_by(col(StatusSpan.recommendation_id)),
    ).subquery("changes")
    return (
        select(changes.c.day, changes.c.status, func.sum(changes.c.change).label("change"))
        .group_by(changes.c.day, changes.c.status)
        .subquery("daily")
    )


def status_mix_at_boards(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The status mix at each board meeting before `as_at`, and at `as_at` itself, counted in SQL.

    Columns: as_of (date), board (meeting title, or "As at" for `as_at`), status, recommendations;
    in date order, then scale order.

    Counted from the changes of status (`_daily_status_changes`) rather than by looking up every
    recommendation on every date. Each change counts from the first board on or after its day,
    found in one sorted pass: the boards are numbered, and a running count of the boards before a
    change's day gives its board's number. The count at a status on a board is then a running sum
    over the boards.

    The status spans run over every update, so `documented_only` counts the documented statuses
    at each documented board (and the as-at date) one date at a time instead.
    """
    if scope.documented_only:
        return _documented_mix_at_boards(engine, scope)
    board_days = (
        select(col(BoardMeeting.meeting_date).label("day"))
        .where(col(BoardMeeting.meeting_date) < scope.as_at)
        .distinct()
    ).subquery("board_days")
    counted = _running_counts(_board_numbers(scope, board_days), _changes_per_board(scope, board_days))
    dates = union_all(
        select(col(BoardMeeting.meeting_date).label("as_of"), col(BoardMeeting.title).label("board")).where(
            col(BoardMeeting.meeting_date) < scope.as_at
        ),
        select(literal(scope.as_at, Date), literal("As at")),
    ).subquery("dates")
    statement = (
        select(
            dates.c.as_of,
            dates.c.board,
            counted.c.status,
            cast(counted.c.recommendations, Integer).label("recommendations"),
        )
        .join(counted, counted.c.as_of == dates.c.as_of)
        .where(counted.c.recommendations > 0)
        .order_by(dates.c.as_of, status_rank(counted.c.status))
    )
    return as_dates(read_frame(engine, statement), "as_of")


def _changes_per_board(scope: Scope, board_days: Subquery) -> Subquery:
    """The net change at each status counted from each board: number (0 for the first board), status, change.

    A change's board number is the count of board days before its day, by a running count over the
    changes and board days sorted together (on a board's day, its changes sort before it).
    """
    daily = _daily_status_changes(scope.as_at)
    events = union_all(
        select(daily.c.day, daily.c.status, daily.c.change, literal(0).label("is_board")),
        select(board_days.c.day, null(), literal(0), literal(1)),
    ).subquery("events")
    boards_before = func.sum(events.c.is_board).over(order_by=(events.c.day, events.c.is_board), rows=(None, 0))
    numbered = select(events.c.status, events.c.change, events.c.is_board, boards_before.label("number")).subquery(
        "numbered"
    )
    return (
        select(numbered.c.number, numbered.c.status, func.sum(numbered.c.change).label("change"))
        .where(numbered.c.is_board == 0)
        .group_by(numbered.c.number, numbered.c.status)
        .subquery("per_board")
    )


def _board_numbers(scope: Scope, board_days: Subquery) -> Subquery:
    """Each board day with its number from 0, and the as-at day numbered after the last: as_of, number."""
    return union_all(
        select(
            board_days.c.day.label("as_of"), (func.row_number().over(order_by=board_days.c.day) - 1).label("number")
        ),
        select(literal(scope.as_at, Date), select(func.count()).select_from(board_days).scalar_subquery()),
    ).subquery("numbers")


def _running_counts(numbers: Subquery, per_board: Subquery) -> Subquery:
    """How many recommendations stand at each status on each numbered day: a running sum of the changes
    over the boards, every recommendation Not started before its first update. as_of, status, recommendations."""
    statuses = union_all(*(select(literal(status).label("status")) for status in STATUSES)).subquery("statuses")
    everyone = select(func.count()).select_from(Recommendation).scalar_subquery()
    return (
        select(
            numbers.c.as_of,
            statuses.c.status,
            (
                case((statuses.c.status == NOT_STARTED, everyone), else_=0)
                + func.sum(func.coalesce(per_board.c.change, 0)).over(
                    partition_by=statuses.c.status, order_by=numbers.c.number
                )
            ).label("recommendations"),
        )
        .select_from(numbers)
        .join(statuses, true())
        .outerjoin(per_board, and_(per_board.c.number == numbers.c.number, per_board.c.status == statuses.c.status))
        .subquery("counted")
    )


def _documented_mix_at_boards(engine: Engine, scope: Scope) -> pd.DataFrame:
    """`status_mix_at_boards` from documented rows only: the documented boards, and `as_at`."""
    boards = select(col(BoardMeeting.meeting_date), col(BoardMeeting.title)).where(
        col(BoardMeeting.meeting_date) < scope.as_at, col(BoardMeeting.illustrative) == false()
    )
    with engine.connect() as connection:
        dates = [*connection.execute(boards.order_by(col(BoardMeeting.meeting_date))).all(), (scope.as_at, "As at")]
    parts = [status_counts(engine, replace(scope, as_at=day)).assign(as_of=day, board=title) for day, title in dates]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["recommendations"] > 0][["as_of", "board", "status", "recommendations"]]
    return as_dates(frame.astype({"recommendations": int}).reset_index(drop=True), "as_of")
