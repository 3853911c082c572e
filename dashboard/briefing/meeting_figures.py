"""What each agenda item shows, as it stood on the meeting's day: a few large figures and a few short rows.

One reading for the Meeting page (at projector size) and the minutes (on paper): each item's view
(`AgendaItem.shows`) is asked of the existing queries in the meeting day's scope, so the minutes say
what the board saw. A figure or row built from sample data carries its † here, on the rule every
screen and the pack use. No Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.presentation.formatting import day, money
from dashboard.presentation.sample_marks import dagger, sample_note, sample_rows_note
from data_model.queries import actions, changes, meeting, overview, recommendations
from data_model.queries import money as money_queries
from data_model.queries.forums import new_insights
from data_model.queries.milestones import milestone_summary
from data_model.queries.overall_status import overall_status
from data_model.queries.risks import HIGH_SCORE, risk_summary
from data_model.scope import Scope, make_scope

SHORT_ROWS = 6
"""Rows an item lists at most: a projector shows six short rows without scrolling."""


@dataclass(frozen=True)
class ItemView:
    """An agenda item's view: figures written large, then short rows, each a sentence."""

    figures: tuple[tuple[str, str, str], ...] = ()
    """(label, figure, note): the figure carries its † and the note says how much is sample data."""
    rows: tuple[str, ...] = ()
    more: int = 0
    """Rows left out past `SHORT_ROWS` (the page that holds them all says where)."""


def meeting_scope(engine: Engine, meeting_day: date, documented_only: bool) -> Scope:
    """Figures as they stood at the end of the meeting's day, changes since the board before it."""
    return make_scope(engine, meeting_day, None, documented_only)


def count(number: int) -> str:
    """A count of records, every number shown (only forum participant counts are withheld when small)."""
    return f"{int(number):,}"


def _rows(frame: pd.DataFrame, sentence: Callable[[pd.Series], str]) -> tuple[tuple[str, ...], int]:
    rows = tuple(dagger(sentence(row), bool(row["illustrative"])) for _, row in frame.head(SHORT_ROWS).iterrows())
    return rows, max(len(frame) - SHORT_ROWS, 0)


def _figure(label: str, value: str, note: str) -> tuple[str, str, str]:
    """A figure marked † when `note` says part of it is sample data."""
    return label, dagger(value, bool(note)), note


def _counted(summary: dict[str, int], name: str, label: str, what: str) -> tuple[str, str, str]:
    return _figure(label, count(summary[name]), sample_rows_note(summary[f"{name}_illustrative"], summary[name], what))


def _tally(frame: pd.DataFrame, chosen: pd.Series, label: str, what: str) -> tuple[str, str, str]:
    """How many rows of `frame` are `chosen`, with how many of those are sample rows."""
    rows = frame[chosen]
    return _figure(label, count(len(rows)), sample_rows_note(int(rows["illustrative"].sum()), len(rows), what))


def _attendance(engine: Engine, scope: Scope, meeting_id: str) -> ItemView:
    people = meeting.meeting_attendance(engine, scope, meeting_id)
    figures = tuple(
        _tally(people, people["attendance"] == kind, kind.capitalize(), "entries")
        for kind in ("present", "apologies", "in attendance")
    )
    rows, more = _rows(people, lambda row: f"{row['name']}, {row['organisation']}: {row['attendance']}")
    return ItemView(figures, rows, more)


def _matters_arising(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    agreed = actions.actions_from_board(engine, scope)
    figures = tuple(_tally(agreed, agreed["outcome"] == name, name, "actions") for name in actions.OUTCOMES)
    rows, more = _rows(
        agreed, lambda row: f"{row['action']} ({row['owner']}, due {day(row['due_date'])}): {row['outcome']}"
    )
    return ItemView(figures, rows, more)


def _overall_status(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    judged = overall_status(engine, scope)
    rows = tuple(dagger(reason.text, reason.sample) for reason in judged.reasons)
    note = "rests on sample rows" if any(reason.sample for reason in judged.reasons) else ""
    return ItemView((_figure("Overall status", judged.status, note),), rows)


def _changes(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    figures = changes.headline(engine, scope)
    spent, sample = figures["spent"], figures["spent_illustrative"]
    insights = int(figures["insights"])
    return ItemView(
        (
            _figure(f"Spent since {scope.since_label}", money(spent), sample_note(sample, spent)),
            _figure("Payments", count(int(figures["payments"])), "includes sample payments" if sample else ""),
            _figure(
                "Forum insights raised",
                count(insights),
                sample_rows_note(int(figures["insights_illustrative"]), insights, "insights"),
            ),
        )
    )


def _risks(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    summary = risk_summary(engine, scope)
    return ItemView(
        (
            _counted(summary, "open", "Open risks and issues", "risks and issues"),
            _counted(summary, "high", f"Scored {HIGH_SCORE} or more", "risks and issues"),
            _counted(summary, "above_target", "Above target", "risks and issues"),
        )
    )


def _milestones(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    summary = milestone_summary(engine, scope)
    return ItemView(
        (
            _counted(summary, "milestones", "Milestones", "milestones"),
            _counted(summary, "slipped", "Slipped, still to come", "milestones"),
            _counted(summary, "late", "Slipped over 30 days", "milestones"),
        )
    )


def _money(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    figures = money_queries.headline(engine, scope)
    remaining = "built from sample approvals or payments" if figures["remaining_illustrative"] else ""
    return ItemView(
        (
            _figure(
                "Approved",
                money(figures["approved"]),
                sample_note(figures["approved_illustrative"], figures["approved"]),
            ),
            _figure(
                "Spent to date", money(figures["spent"]), sample_note(figures["spent_illustrative"], figures["spent"])
            ),
            _figure("Remaining", money(figures["remaining"]), remaining),
        )
    )


def _recommendations(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    summary = recommendations.register_summary(engine, scope)
    listed = recommendations.overdue_or_red(engine, scope)
    rows, more = _rows(
        listed, lambda row: f"{row['reference']}: {row['status']}{', overdue' if row['overdue'] else ''}"
    )
    figures = (
        _counted(summary, "red", "Red or Amber/Red", "recommendations"),
        _counted(summary, "overdue", "Overdue", "recommendations"),
    )
    return ItemView(figures, rows, more)


def _forums(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    raised = new_insights(engine, scope)
    figures = (
        _tally(raised, raised["id"].notna(), "Insights raised", "insights"),
        _tally(raised, raised["status"] == "Closed", "Of them closed", "insights"),
    )
    rows, more = _rows(raised, lambda row: f"{row['cohort']}: {row['you_said']}")
    return ItemView(figures, rows, more)


def _decisions_needed(engine: Engine, scope: Scope, _meeting_id: str) -> ItemView:
    needed = overview.needs_a_decision(engine, scope)
    rows, more = _rows(needed, lambda row: f"{row['kind']}: {row['item']}")
    return ItemView((_tally(needed, needed["kind"].notna(), "Items for decision", "items"),), rows, more)


def _next_meeting(engine: Engine, scope: Scope, meeting_id: str) -> ItemView:
    meetings = meeting.board_meetings(engine, scope)
    later = meetings[meetings["meeting_date"] > meetings.loc[meetings["id"] == meeting_id, "meeting_date"].max()]
    if later.empty:
        return ItemView((("Next meeting", "Not yet set", ""),))
    following = later.iloc[0]
    note = "a sample meeting" if following["illustrative"] else ""
    return ItemView((_figure("Next meeting", day(following["meeting_date"]), note),))


def _other_business(_engine: Engine, _scope: Scope, _meeting_id: str) -> ItemView:
    return ItemView(rows=("Raised in the room: recorded as decisions and actions against this item.",))


VIEWS: dict[str, Callable[[Engine, Scope, str], ItemView]] = {
    "attendance": _attendance,
    "matters arising": _matters_arising,
    "overall status": _overall_status,
    "changes": _changes,
    "risks": _risks,
    "milestones": _milestones,
    "money": _money,
    "recommendations": _recommendations,
    "forums": _forums,
    "decisions needed": _decisions_needed,
    "other business": _other_business,
    "next meeting": _next_meeting,
}
"""Each view of the agenda (`data_model.tables.AGENDA_VIEWS`) and how it reads."""


SOURCES: dict[str, str] = {
    "attendance": "Who attended, as recorded for this meeting (board_attendance.csv).",
    "matters arising": "The actions agreed at the board before, as they stood on this meeting's day "
    "(board_action.csv).",
    "overall status": "The overall status on this meeting's day, by the rule under the overview's status.",
    "changes": "Payments and forum insights after the board before, up to this meeting's day (spend.csv, "
    "forum_insight.csv).",
    "risks": "Open risks and issues on this meeting's day, scored by their latest reassessment (risk.csv, "
    "risk_assessment.csv).",
    "milestones": "Milestones and their forecasts on this meeting's day (milestone.csv, milestone_forecast.csv).",
    "money": "Approved money and payments to this meeting's day (decision.csv, spend.csv).",
    "recommendations": "Recommendations Red or overdue on this meeting's day (progress_update.csv).",
    "forums": "'You said' items raised at forums since the board before (forum_insight.csv).",
    "decisions needed": "What the overview's 'Needs a decision' held on this meeting's day.",
    "other business": "Recorded as the board's decisions and actions against this item.",
    "next meeting": "The next board meeting on record (board_meeting.csv).",
}
"""Where each view's figures come from, said behind the ? beside them (never in a table cell)."""


def item_view(engine: Engine, scope: Scope, meeting_id: str, shows: str) -> ItemView:
    """The view of an agenda item showing `shows`, in `scope` (the meeting day's)."""
    return VIEWS[shows](engine, scope, meeting_id)
