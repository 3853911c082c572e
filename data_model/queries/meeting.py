"""A board meeting's own record: the meetings, each one's agenda, who attended, what the board decided
and the actions it agreed (the last board's decisions, for "changes since", are in `changes`).

The record of a meeting is read as it is (an agenda does not change with the as-at day); the scope
leaves sample rows out with documented figures only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import SQLColumnExpression, case, literal, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import read_frame
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import (
    ATTENDANCE_KINDS,
    DECISION_CONCERNS,
    AgendaItem,
    BoardAction,
    BoardAttendance,
    BoardDecision,
    BoardMeeting,
)
from data_model.typed_sql import AnySelect


def board_meetings(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Every board meeting, oldest first: id, meeting_date, title, minutes_status, minutes_confirmed_by,
    confirmed_on (the day of the meeting that confirmed the minutes, else None), illustrative."""
    confirming = select(col(BoardMeeting.id), col(BoardMeeting.meeting_date)).subquery("confirming")
    statement = (
        select(
            col(BoardMeeting.id),
            col(BoardMeeting.meeting_date),
            col(BoardMeeting.title),
            col(BoardMeeting.minutes_status),
            col(BoardMeeting.minutes_confirmed_by),
            confirming.c.meeting_date.label("confirmed_on"),
            col(BoardMeeting.illustrative),
        )
        .outerjoin(confirming, confirming.c.id == col(BoardMeeting.minutes_confirmed_by))
        .where(scope.shows(col(BoardMeeting.illustrative)))
        .order_by(col(BoardMeeting.meeting_date), col(BoardMeeting.id))
    )
    return as_flags(as_dates(read_frame(engine, statement), "meeting_date", "confirmed_on"), "illustrative")


def meeting_on_or_after(meetings: pd.DataFrame, day: date) -> str | None:
    """The id of the meeting held on `day` or, failing that, the next one (else the last held): the
    meeting the Meeting page opens at. `meetings` as `board_meetings` gives them."""
    if meetings.empty:
        return None
    coming = meetings[meetings["meeting_date"] >= day]
    return str((coming if not coming.empty else meetings).iloc[0 if not coming.empty else -1]["id"])


def meeting_agenda(engine: Engine, scope: Scope, meeting_id: str) -> pd.DataFrame:
    """The meeting's agenda in order: id, number, title, shows, presenter, minutes_allowed, source, illustrative."""
    statement = (
        select(
            col(AgendaItem.id),
            col(AgendaItem.number),
            col(AgendaItem.title),
            col(AgendaItem.shows),
            col(AgendaItem.presenter),
            col(AgendaItem.minutes_allowed),
            col(AgendaItem.source),
            col(AgendaItem.illustrative),
        )
        .where(col(AgendaItem.meeting_id) == meeting_id, scope.shows(col(AgendaItem.illustrative)))
        .order_by(col(AgendaItem.number), col(AgendaItem.id))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def meeting_attendance(engine: Engine, scope: Scope, meeting_id: str) -> pd.DataFrame:
    """Who attended: id, name, organisation, attendance (present, apologies, in attendance, in that order),
    source, illustrative."""
    order = case({kind: rank for rank, kind in enumerate(ATTENDANCE_KINDS)}, value=col(BoardAttendance.attendance))
    statement = (
        select(
            col(BoardAttendance.id),
            col(BoardAttendance.name),
            col(BoardAttendance.organisation),
            col(BoardAttendance.attendance),
            col(BoardAttendance.source),
            col(BoardAttendance.illustrative),
        )
        .where(col(BoardAttendance.meeting_id) == meeting_id, scope.shows(col(BoardAttendance.illustrative)))
        .order_by(order, col(BoardAttendance.id))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def concerns_in_words() -> ColumnElement[str]:
    """The record a decision of the board concerns, in words: "risk RISK-1847-CITY", or ""."""
    named = ((kind, col(getattr(BoardDecision, column))) for column, kind in DECISION_CONCERNS)
    return case(*((column.is_not(None), literal(f"{kind} ") + column) for kind, column in named), else_="")


def decisions_shown(scope: Scope) -> ColumnElement[bool]:
    """The board's decisions the scope shows: with documented only, neither the decision nor its item is sample data."""
    return scope.shows(col(BoardDecision.illustrative), col(AgendaItem.illustrative))


def board_decisions_select(where: ColumnElement[bool], scope: Scope, *columns: SQLColumnExpression[Any]) -> AnySelect:
    """The board's decisions `where` says, in agenda order: id, `columns`, item (its number), item_title,
    summary, outcome, concerns, source, illustrative (only those the scope shows)."""
    return (
        select(
            col(BoardDecision.id),
            *columns,
            col(AgendaItem.number).label("item"),
            col(AgendaItem.title).label("item_title"),
            col(BoardDecision.summary),
            col(BoardDecision.outcome),
            concerns_in_words().label("concerns"),
            col(BoardDecision.source),
            col(BoardDecision.illustrative),
        )
        .join(AgendaItem, col(AgendaItem.id) == col(BoardDecision.agenda_item_id))
        .where(where, decisions_shown(scope))
        .order_by(col(AgendaItem.number), col(BoardDecision.id))
    )


def meeting_decisions(engine: Engine, scope: Scope, meeting_id: str) -> pd.DataFrame:
    """What the board decided at the meeting, in agenda order: id, agenda_item_id, item (its number),
    item_title, summary, outcome, concerns, source, illustrative."""
    statement = board_decisions_select(
        col(BoardDecision.meeting_id) == meeting_id, scope, col(BoardDecision.agenda_item_id)
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def meeting_actions(engine: Engine, scope: Scope, meeting_id: str) -> pd.DataFrame:
    """The actions the meeting agreed, as recorded: id, action, owner, due_date, status, source,
    illustrative; by due date."""
    statement = (
        select(
            col(BoardAction.id),
            col(BoardAction.action),
            col(BoardAction.owner),
            col(BoardAction.due_date),
            col(BoardAction.status),
            col(BoardAction.source),
            col(BoardAction.illustrative),
        )
        .where(col(BoardAction.meeting_id) == meeting_id, scope.shows(col(BoardAction.illustrative)))
        .order_by(col(BoardAction.due_date), col(BoardAction.id))
    )
    return as_flags(as_dates(read_frame(engine, statement), "due_date"), "illustrative")
