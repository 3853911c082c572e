"""Victim Voice Forums: the cohorts, their meetings over the last year, and "you said, we did".

Participant counts are personal: every count under `SMALL_NUMBER` leaves the database as NULL
(`suppressed`), and no total ever adds one in. A total is the sum of the counts that are shown,
with the number of meetings too small to show beside it (`attendance_summary`). So every figure
returned here is worked out from counts already shown one by one, and how many meetings were too
small: set side by side over any windows, toggles or downloads, figures made only of what is
already shown cannot give a hidden count back (README, "Small numbers").

An insight counts as closed on a date if it is marked Closed with a closed date on or before it
(or none recorded); an insight closed later shows as "In progress" for that date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Float, and_, case, cast, func, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import SMALL_NUMBER, read_frame, suppressed
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import Forum, ForumInsight, ForumMeeting


def year_before(as_at: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return as_at.replace(year=as_at.year - 1)
    except ValueError:
        return as_at.replace(year=as_at.year - 1, day=28)


def _in_last_year(scope: Scope) -> ColumnElement[Any]:
    return and_(
        col(ForumMeeting.meeting_date) > year_before(scope.as_at),
        col(ForumMeeting.meeting_date) <= scope.as_at,
        scope.shows(col(ForumMeeting.illustrative)),
    )


def _closed_by(as_at: date) -> ColumnElement[Any]:
    return and_(
        col(ForumInsight.status) == "Closed",
        func.coalesce(col(ForumInsight.closed_date), col(ForumInsight.raised_date)) <= as_at,
    )


def _status_on(as_at: date) -> ColumnElement[Any]:
    closed = _closed_by(as_at)
    return case(
        (closed, "Closed"), (col(ForumInsight.status) == "Closed", "In progress"), else_=col(ForumInsight.status)
    )


def forum_register(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Every forum with its meetings in the year to `as_at` and its insights open and closed then.

    Columns: id, cohort, status, facilitator, start_date, contract_end_date, decision_ref, partner,
    meetings_last_year, open_insights, closed_insights, share_closed (0-1, NULL with no insights), source,
    project_reading, illustrative (the forum row is sample data), counts_illustrative (any counted row is).
    """
    meetings = (
        select(
            col(ForumMeeting.forum_id),
            func.count(col(ForumMeeting.id)).label("meetings"),
            func.max(case((col(ForumMeeting.illustrative) == true(), 1), else_=0)).label("illustrative"),
        )
        .where(_in_last_year(scope))
        .group_by(col(ForumMeeting.forum_id))
    ).subquery("meetings")
    closed = func.sum(case((_closed_by(scope.as_at), 1), else_=0))
    insights = (
        select(
            col(ForumInsight.forum_id),
            closed.label("closed"),
            (func.count(col(ForumInsight.id)) - closed).label("open"),
            (cast(closed, Float) / func.nullif(func.count(col(ForumInsight.id)), 0)).label("share"),
            func.max(case((col(ForumInsight.illustrative) == true(), 1), else_=0)).label("illustrative"),
        )
        .where(col(ForumInsight.raised_date) <= scope.as_at, scope.shows(col(ForumInsight.illustrative)))
        .group_by(col(ForumInsight.forum_id))
    ).subquery("insights")
    statement = (
        select(
            col(Forum.id),
            col(Forum.cohort),
            col(Forum.status),
            col(Forum.facilitator),
            col(Forum.start_date),
            col(Forum.contract_end_date),
            col(Forum.decision_ref),
            col(Forum.partner),
            func.coalesce(meetings.c.meetings, 0).label("meetings_last_year"),
            func.coalesce(insights.c.open, 0).label("open_insights"),
            func.coalesce(insights.c.closed, 0).label("closed_insights"),
            insights.c.share.label("share_closed"),
            col(Forum.source),
            col(Forum.project_reading),
            col(Forum.illustrative),
            (func.coalesce(meetings.c.illustrative, 0) + func.coalesce(insights.c.illustrative, 0) > 0).label(
                "counts_illustrative"
            ),
        )
        .outerjoin(meetings, meetings.c.forum_id == col(Forum.id))
        .outerjoin(insights, insights.c.forum_id == col(Forum.id))
        .where(scope.shows(col(Forum.illustrative)))
        .order_by(col(Forum.start_date).is_(None), col(Forum.start_date), col(Forum.id))
    )
    frame = read_frame(engine, statement)
    for column in ("meetings_last_year", "open_insights", "closed_insights"):
        frame[column] = frame[column].astype(int)
    frame["share_closed"] = frame["share_closed"].astype(float)
    as_flags(frame, "illustrative", "counts_illustrative")
    return as_dates(frame, "start_date", "contract_end_date")


def forum_meetings(engine: Engine, scope: Scope, forum_id: str) -> pd.DataFrame:
    """A forum's meetings in the year to `as_at`, oldest first, participants under 5 as missing.

    Columns: meeting_date, participants (nullable Int64; missing means fewer than 5),
    mps_attendees, mopac_attendees, themes, source, illustrative.
    """
    statement = (
        select(
            col(ForumMeeting.meeting_date),
            suppressed(col(ForumMeeting.participants)).label("participants"),
            col(ForumMeeting.mps_attendees),
            col(ForumMeeting.mopac_attendees),
            col(ForumMeeting.themes),
            col(ForumMeeting.source),
            col(ForumMeeting.illustrative),
        )
        .where(col(ForumMeeting.forum_id) == forum_id, _in_last_year(scope))
        .order_by(col(ForumMeeting.meeting_date), col(ForumMeeting.id))
    )
    frame = read_frame(engine, statement)
    frame["participants"] = frame["participants"].astype("Int64")
    as_flags(frame, "illustrative")
    return as_dates(frame, "meeting_date")


def attendance_summary(engine: Engine, scope: Scope, forum_id: str) -> dict[str, int]:
    """Totals over a forum's meetings in the year to `as_at`, safe to show beside any other figure.

    Returns meetings, small_meetings (how many had fewer than 5 participants: each shown "<5"),
    shown_participants (the sum over the other meetings, each shown with its count; 0 when none
    is) and illustrative_meetings (how many of the meetings are sample data). A count under 5 is
    never added into a total: a total with it in, less the counts shown, would give it back.
    """
    small = func.coalesce(func.sum(case((col(ForumMeeting.participants) < SMALL_NUMBER, 1), else_=0)), 0)
    statement = select(
        func.count(col(ForumMeeting.id)).label("meetings"),
        small.label("small_meetings"),
        func.coalesce(func.sum(suppressed(col(ForumMeeting.participants))), 0).label("shown_participants"),
        func.coalesce(func.sum(case((col(ForumMeeting.illustrative) == true(), 1), else_=0)), 0).label("illustrative"),
    ).where(col(ForumMeeting.forum_id) == forum_id, _in_last_year(scope))
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    return {
        "meetings": int(row.meetings),
        "small_meetings": int(row.small_meetings),
        "shown_participants": int(row.shown_participants),
        "illustrative_meetings": int(row.illustrative),
    }


def forum_insights(engine: Engine, scope: Scope, forum_id: str) -> pd.DataFrame:
    """A forum's "you said, we did" log as at `as_at`, oldest first.

    Columns: id, raised_date, you_said, owner, we_did, status (as at), closed_date (if closed by
    then), source, illustrative.
    """
    closed = _closed_by(scope.as_at)
    statement = (
        select(
            col(ForumInsight.id),
            col(ForumInsight.raised_date),
            col(ForumInsight.you_said),
            col(ForumInsight.owner),
            col(ForumInsight.we_did),
            _status_on(scope.as_at).label("status"),
            case((closed, col(ForumInsight.closed_date)), else_=None).label("closed_date"),
            col(ForumInsight.source),
            col(ForumInsight.illustrative),
        )
        .where(
            col(ForumInsight.forum_id) == forum_id,
            col(ForumInsight.raised_date) <= scope.as_at,
            scope.shows(col(ForumInsight.illustrative)),
        )
        .order_by(col(ForumInsight.raised_date), col(ForumInsight.id))
    )
    frame = read_frame(engine, statement)
    as_flags(frame, "illustrative")
    return as_dates(frame, "raised_date", "closed_date")


def new_insights(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Insights raised after `since` (the last board) up to `as_at`, across all forums.

    Columns: id, forum_id, cohort, raised_date, you_said, owner, status (as at), we_did, source,
    illustrative.
    """
    statement = (
        select(
            col(ForumInsight.id),
            col(ForumInsight.forum_id),
            col(Forum.cohort),
            col(ForumInsight.raised_date),
            col(ForumInsight.you_said),
            col(ForumInsight.owner),
            _status_on(scope.as_at).label("status"),
            col(ForumInsight.we_did),
            col(ForumInsight.source),
            col(ForumInsight.illustrative),
        )
        .join(Forum, col(Forum.id) == col(ForumInsight.forum_id))
        .where(
            col(ForumInsight.raised_date) > scope.since,
            col(ForumInsight.raised_date) <= scope.as_at,
            scope.shows(col(ForumInsight.illustrative), col(Forum.illustrative)),
        )
        .order_by(col(ForumInsight.raised_date), col(ForumInsight.id))
    )
    frame = read_frame(engine, statement)
    as_flags(frame, "illustrative")
    return as_dates(frame, "raised_date")
