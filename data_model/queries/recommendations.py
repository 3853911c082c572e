"""Recommendations: the register as at a date, its status mix, and what moved since a board.

A recommendation's status on a date is its newest progress update on or before that date
(`latest_progress`); one with no update yet is "Not started". Statuses are ranked on
`STATUS_SCALE` (best first) in SQL, so counts and moves come back in the board's order.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Date, Integer, and_, case, cast, func, literal, or_, true, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select

from data_model.queries.common import latest_progress, read_frame
from data_model.queries.filters import Filter, matches
from data_model.queries.frame_types import as_dates, as_flags
from data_model.tables import STATUS_SCALE, BoardMeeting, ProgressUpdate, Recommendation

NOT_STARTED = "Not started"
STATUSES = (*STATUS_SCALE, NOT_STARTED)
"""Every status a recommendation can show, best first; "Not started" means no update yet."""

def status_rank(status: ColumnElement) -> ColumnElement:
    """Position on the scale in SQL (0 = Complete ... 5 = Red, 6 = Not started)."""
    return case({name: rank for rank, name in enumerate(STATUSES)}, value=status, else_=len(STATUSES))


def _register(
    as_at: date,
    source_review: Filter,
    owner_agency: Filter,
    oversight_board: Filter,
    status: Filter,
    overdue_only: bool,
    decision_ref: Filter = None,
    overdue_or_red: bool = False,
) -> Select:
    """The register's SELECT: each recommendation with its status as at `as_at`, filtered."""
    latest = latest_progress(as_at).subquery("latest")
    current = func.coalesce(latest.c.status, NOT_STARTED)
    is_overdue = and_(Recommendation.due_date.is_not(None), Recommendation.due_date < as_at, current != "Complete")
    return (
        select(
            Recommendation.id,
            Recommendation.reference,
            Recommendation.source_review,
            Recommendation.text,
            Recommendation.owner_agency,
            Recommendation.oversight_board,
            Recommendation.due_date,
            Recommendation.decision_ref,
            current.label("status"),
            func.coalesce(latest.c.percent_complete, 0).label("percent_complete"),
            latest.c.update_date.label("last_update"),
            case((is_overdue, True), else_=False).label("overdue"),
            Recommendation.source,
            Recommendation.illustrative,
        )
        .outerjoin(latest, latest.c.recommendation_id == Recommendation.id)
        .where(
            matches(Recommendation.source_review, source_review),
            matches(Recommendation.owner_agency, owner_agency),
            matches(Recommendation.oversight_board, oversight_board),
            matches(current, status),
            is_overdue if overdue_only else true(),
            matches(Recommendation.decision_ref, decision_ref),
            or_(is_overdue, current == "Red") if overdue_or_red else true(),
        )
    )


def recommendation_register(
    engine: Engine,
    as_at: date,
    source_review: Filter = None,
    owner_agency: Filter = None,
    oversight_board: Filter = None,
    status: Filter = None,
    overdue_only: bool = False,
    decision_ref: Filter = None,
) -> pd.DataFrame:
    """One row per recommendation with its status as at `as_at`, filtered in SQL (`decision_ref`:
    those tied to a decision).

    Columns: id, reference, source_review, text, owner_agency, oversight_board, due_date,
    decision_ref, status, percent_complete, last_update, overdue, source, illustrative.
    Overdue means due before `as_at` and not Complete.
    """
    register = _register(as_at, source_review, owner_agency, oversight_board, status, overdue_only, decision_ref)
    return _register_frame(engine, register.order_by(Recommendation.source_review, Recommendation.id))


def overdue_or_red(engine: Engine, as_at: date) -> pd.DataFrame:
    """Recommendations overdue or Red as at `as_at`, the earliest due first (one pass over the
    statuses): the columns of `recommendation_register`."""
    register = _register(as_at, source_review=None, owner_agency=None, oversight_board=None, status=None,
                         overdue_only=False, overdue_or_red=True)
    return _register_frame(engine, register.order_by(Recommendation.due_date.asc().nulls_last(), Recommendation.id))


def _register_frame(engine: Engine, statement: Select) -> pd.DataFrame:
    frame = read_frame(engine, statement)
    as_flags(frame, "overdue", "illustrative")
    frame["percent_complete"] = frame["percent_complete"].astype(int)
    return as_dates(frame, "due_date", "last_update")


def register_summary(
    engine: Engine,
    as_at: date,
    source_review: Filter = None,
    owner_agency: Filter = None,
    oversight_board: Filter = None,
    status: Filter = None,
    overdue_only: bool = False,
) -> dict[str, int]:
    """Counts over the filtered register: recommendations, overdue, red (Red or Amber/Red), complete."""
    register = _register(as_at, source_review, owner_agency, oversight_board, status, overdue_only).subquery()

    def count_where(condition: ColumnElement) -> ColumnElement:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    statement = select(
        func.count().label("recommendations"),
        count_where(register.c.overdue).label("overdue"),
        count_where(register.c.status.in_(("Red", "Amber/Red"))).label("red"),
        count_where(register.c.status == "Complete").label("complete"),
    )
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    return {name: int(value) for name, value in row._mapping.items()}


def register_choices(engine: Engine) -> dict[str, list[str]]:
    """The values each register filter can take: source_review, owner_agency, oversight_board, status."""
    choices: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for column in (Recommendation.source_review, Recommendation.owner_agency, Recommendation.oversight_board):
            rows = connection.execute(select(column).distinct().order_by(column))
            choices[column.key] = [value for (value,) in rows]
    choices["status"] = list(STATUSES)
    return choices


def status_counts(engine: Engine, as_at: date) -> pd.DataFrame:
    """How many recommendations stand at each status as at `as_at`: status, recommendations (scale order)."""
    latest = latest_progress(as_at).subquery("latest")
    current = func.coalesce(latest.c.status, NOT_STARTED)
    statement = (
        select(current.label("status"), func.count(Recommendation.id).label("recommendations"))
        .outerjoin(latest, latest.c.recommendation_id == Recommendation.id)
        .group_by(current)
        .order_by(status_rank(current))
    )
    return read_frame(engine, statement)


def status_moves(engine: Engine, since: date, as_at: date) -> pd.DataFrame:
    """Recommendations whose status on `as_at` differs from that on `since` (the last board).

    Columns: id, reference, text, owner_agency, status_then, status_now, moved ("Amber → Green"),
    direction ("improved", "slipped", or "new" for one with no update by `since`).
    """
    then = latest_progress(since).subquery("then")
    now = latest_progress(as_at).subquery("now")
    status_then = func.coalesce(then.c.status, NOT_STARTED)
    status_now = func.coalesce(now.c.status, NOT_STARTED)
    direction = case(
        (then.c.status.is_(None), "new"),
        (status_rank(status_now) < status_rank(status_then), "improved"),
        else_="slipped",
    )
    statement = (
        select(
            Recommendation.id,
            Recommendation.reference,
            Recommendation.text,
            Recommendation.owner_agency,
            status_then.label("status_then"),
            status_now.label("status_now"),
            (status_then + " → " + status_now).label("moved"),
            direction.label("direction"),
        )
        .outerjoin(then, then.c.recommendation_id == Recommendation.id)
        .outerjoin(now, now.c.recommendation_id == Recommendation.id)
        .where(status_then != status_now)
        .order_by(direction, status_rank(status_now).desc(), Recommendation.id)
    )
    return read_frame(engine, statement)


def progress_history(engine: Engine, recommendation_id: str, as_at: date) -> pd.DataFrame:
    """One recommendation's progress updates up to `as_at`, oldest first.

    Columns: update_date, status, percent_complete, narrative, source, illustrative.
    """
    statement = (
        select(
            ProgressUpdate.update_date,
            ProgressUpdate.status,
            ProgressUpdate.percent_complete,
            ProgressUpdate.narrative,
            ProgressUpdate.source,
            ProgressUpdate.illustrative,
        )
        .where(ProgressUpdate.recommendation_id == recommendation_id, ProgressUpdate.update_date <= as_at)
        .order_by(ProgressUpdate.update_date, ProgressUpdate.id)
    )
    frame = read_frame(engine, statement)
    as_flags(frame, "illustrative")
    return as_dates(frame, "update_date")


def status_mix_at_boards(engine: Engine, as_at: date) -> pd.DataFrame:
    """The status mix at each board meeting before `as_at`, and at `as_at` itself, counted in SQL.

    Columns: as_of (date), board (meeting title, or "As at" for `as_at`), status, recommendations;
    in date order, then scale order.

    Counted from the moves rather than by looking up every recommendation on every date: each
    update moves one recommendation from its previous status ("Not started" before its first) to
    its own, so the count at a status on a date is the moves into it, less the moves out of it,
    up to that date (plus every recommendation for "Not started"). One pass over the updates, in
    the order of their index, whatever the number of board meetings.
    """
    moves = (
        select(
            ProgressUpdate.update_date.label("day"),
            ProgressUpdate.status.label("into"),
            func.coalesce(
                func.lag(ProgressUpdate.status).over(
                    partition_by=ProgressUpdate.recommendation_id,
                    order_by=(ProgressUpdate.update_date, ProgressUpdate.id),
                ),
                NOT_STARTED,
            ).label("out_of"),
        )
        .where(ProgressUpdate.update_date <= as_at)
        .cte("moves")  # used twice below: worked out once
    )
    changes = union_all(
        select(moves.c.day, moves.c.into.label("status"), literal(1).label("change")),
        select(moves.c.day, moves.c.out_of, literal(-1)),
    ).subquery("changes")
    daily = (
        select(changes.c.day, changes.c.status, func.sum(changes.c.change).label("change"))
        .group_by(changes.c.day, changes.c.status)
        .subquery("daily")
    )
    seen_at = func.coalesce(  # the first board on or after the day (an index seek), else the as-at date
        select(func.min(BoardMeeting.meeting_date))
        .where(BoardMeeting.meeting_date >= daily.c.day, BoardMeeting.meeting_date < as_at)
        .scalar_subquery(),
        literal(as_at, Date),
    )
    by_date = select(seen_at.label("as_of"), daily.c.status, daily.c.change).subquery("by_date")
    per_date = (
        select(by_date.c.as_of, by_date.c.status, func.sum(by_date.c.change).label("change"))
        .group_by(by_date.c.as_of, by_date.c.status)
        .subquery("per_date")
    )
    boards = select(BoardMeeting.meeting_date.label("as_of"), BoardMeeting.title.label("board")).where(
        BoardMeeting.meeting_date < as_at
    )
    dates = union_all(boards, select(literal(as_at, Date).label("as_of"), literal("As at").label("board"))).subquery("dates")
    statuses = union_all(*(select(literal(status).label("status")) for status in STATUSES)).subquery("statuses")
    grid = (  # every date and status, with the moves first seen then (each date once, however many boards)
        select(dates.c.as_of, statuses.c.status, func.coalesce(per_date.c.change, 0).label("change"))
        .distinct()
        .select_from(dates)
        .join(statuses, true())
        .outerjoin(per_date, and_(per_date.c.as_of == dates.c.as_of, per_date.c.status == statuses.c.status))
        .subquery("grid")
    )
    everyone = select(func.count()).select_from(Recommendation).scalar_subquery()
    counted = select(
        grid.c.as_of,
        grid.c.status,
        (
            case((grid.c.status == NOT_STARTED, everyone), else_=0)
            + func.sum(grid.c.change).over(partition_by=grid.c.status, order_by=grid.c.as_of)
        ).label("recommendations"),
    ).subquery("counted")
    statement = (
        select(dates.c.as_of, dates.c.board, counted.c.status, cast(counted.c.recommendations, Integer).label("recommendations"))
        .join(counted, counted.c.as_of == dates.c.as_of)
        .where(counted.c.recommendations > 0)
        .order_by(dates.c.as_of, status_rank(counted.c.status))
    )
    return as_dates(read_frame(engine, statement), "as_of")
