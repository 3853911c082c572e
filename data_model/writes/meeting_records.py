"""Recording a board meeting as it goes: who attended, what the board decided against an agenda item, a
new action (owner, due date) and a new risk or issue, each added through the write path.

The secretary opens the meeting (`open_meeting`: its row and how many attendance, decision and action
rows it has); each save is checked against it under the write lock, so a second secretary's entry made
since is seen before anything is added (`EditConflict`, naming who). The new row is checked by the
rulebook like any other (`edits.checked_row`, the lock on confirmed minutes included), is sample data
when the meeting is (unless the form says), and is audited as "<what> <id> on board meeting <id>".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, literal, select, union_all
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, col

from data_model.queries.common import read_frame
from data_model.rules.agenda import standard_agenda
from data_model.tables import (
    DECISION_CONCERNS,
    AgendaItem,
    BoardAction,
    BoardAttendance,
    BoardDecision,
    BoardMeeting,
    Decision,
    Forum,
    Milestone,
    Recommendation,
    Risk,
)
from data_model.typed_sql import AnySelect, table_of
from data_model.writes.audit import data_version
from data_model.writes.edits import (
    EditConflict,
    EditInvalid,
    Saved,
    Snapshot,
    added_row,
    as_the_record,
    changed_by,
    checked_row,
    next_id,
    save,
)
from data_model.writes.path import Prepared
from data_model.writes.roles import EDIT, Actor

MEETING = "board meeting"


def _meeting_values(connection: Connection, meeting_id: str) -> dict[str, Any] | None:
    """The meeting's row and how many attendance, decision and action rows it has: what a save checks."""
    row = connection.execute(select(table_of(BoardMeeting)).where(col(BoardMeeting.id) == meeting_id)).first()
    if row is None:
        return None
    counts = {
        name: connection.scalar(select(func.count()).select_from(model).where(col(model.meeting_id) == meeting_id))
        for name, model in (("attendance", BoardAttendance), ("decisions", BoardDecision), ("actions", BoardAction))
    }
    return dict(row._mapping) | counts


def open_meeting(engine: Engine, meeting_id: str) -> Snapshot:
    """The meeting as it stands now (read fresh), to record against."""
    with engine.connect() as connection:
        values = _meeting_values(connection, meeting_id)
    if values is None:
        raise EditInvalid([("", f"there is no board meeting {meeting_id!r}")])
    return Snapshot(MEETING, meeting_id, data_version(engine), values)


def _stem(prefix: str, meeting_id: str) -> str:
    """``<prefix>-2026-10-``: new ids follow the seed's (``AT-2026-10-08``, ``BA-2026-10-06``)."""
    return f"{prefix}-{meeting_id.removeprefix('BOARD-')}-"


@dataclass(frozen=True)
class NewMeetingRow:
    """A new row of `model` recorded at the meeting `opened`, unless the meeting's record moved since."""

    opened: Snapshot
    model: type[SQLModel]
    values: dict[str, Any]
    prefix: str
    what: str
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        if _meeting_values(connection, self.opened.record_id) != self.opened.values:  # under the write lock
            raise EditConflict(changed_by(connection, self.opened))
        values = as_the_record(self.values, self.opened.values["illustrative"])
        row = checked_row(connection, self.model, {"id": "new", **values})
        row["id"] = next_id(connection, col(self.model.id), _stem(self.prefix, self.opened.record_id))  # type: ignore[attr-defined]
        return added_row(self.opened, self.model, row, self.what)


def record_attendance(
    engine: Engine, opened: Snapshot, *, name: str, organisation: str, attendance: str, source: str, actor: Actor
) -> Saved:
    """Record someone's attendance (present, apologies, in attendance) at the meeting, as `actor`."""
    values = {
        "meeting_id": opened.record_id,
        "name": name,
        "organisation": organisation,
        "attendance": attendance,
        "source": source,
    }
    return save(engine, NewMeetingRow(opened, BoardAttendance, values, "AT", "attendance"), actor)


def record_decision(
    engine: Engine,
    opened: Snapshot,
    *,
    agenda_item_id: str,
    summary: str,
    outcome: str,
    source: str,
    actor: Actor,
    concerns: dict[str, str] | None = None,
) -> Saved:
    """Record a decision of the board against an agenda item of the meeting; `concerns` names the record
    it is about (e.g. ``{"risk_id": "RISK-1847-CITY"}``), if any."""
    values = {
        "meeting_id": opened.record_id,
        "agenda_item_id": agenda_item_id,
        "summary": summary,
        "outcome": outcome,
        "source": source,
        **(concerns or {}),
    }
    return save(engine, NewMeetingRow(opened, BoardDecision, values, "BD", "decision of the board"), actor)


def meeting_id_for(day: date) -> str:
    """``BOARD-2026-12``: the board meets once a month at most, so a meeting's id is its month."""
    return f"BOARD-{day:%Y-%m}"


@dataclass(frozen=True)
class NewMeeting:
    """A board meeting to come, with the board's standard agenda (`rules.agenda`), its minutes a draft."""

    values: dict[str, Any]
    """meeting_date, title, source (and illustrative, false unless said)."""
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        day = self.values.get("meeting_date")
        meeting_id = meeting_id_for(day) if isinstance(day, date) else "new"
        meeting = checked_row(connection, BoardMeeting, {"illustrative": False, **self.values, "id": meeting_id})
        known = connection.scalar(select(col(BoardMeeting.title)).where(col(BoardMeeting.id) == meeting_id))
        if known is not None:
            raise EditInvalid([("meeting_date", f"the board already meets in {day:%B %Y}: {meeting_id}, {known}")])
        agenda = standard_agenda(meeting)

        def writes(connection: Connection) -> None:
            connection.execute(insert(table_of(BoardMeeting)).values(meeting))
            connection.execute(insert(table_of(AgendaItem)), agenda)

        return Prepared(
            detail=f"new board meeting {meeting_id} with the standard agenda",
            added=1 + len(agenda),
            changed=0,
            removed=0,
            writes=writes,
            outcome=meeting_id,
        )


def add_meeting(engine: Engine, *, meeting_date: date | None, title: str, source: str, actor: Actor) -> Saved:
    """Add a board meeting with the standard agenda (refused when the board already meets that month)."""
    values = {"meeting_date": meeting_date, "title": title, "source": source}
    return save(engine, NewMeeting(values), actor)


_NAMED_BY = {
    "decision_ref": (col(Decision.reference), col(Decision.title)),
    "risk_id": (col(Risk.id), col(Risk.title)),
    "recommendation_id": (col(Recommendation.id), col(Recommendation.reference)),
    "milestone_id": (col(Milestone.id), col(Milestone.title)),
    "forum_id": (col(Forum.id), col(Forum.cohort)),
}
"""For each record a decision may concern (`DECISION_CONCERNS`): its key and the words that name one."""


def decision_subjects(engine: Engine) -> pd.DataFrame:
    """What a decision of the board may concern, one record a row: field (the board_decision.csv column
    that names it), record_id, label ("Risk RISK-1847-CITY: …"); decisions, then risks, recommendations,
    milestones and forums, each by id."""
    subjects = union_all(*(_subjects(order, field, kind) for order, (field, kind) in enumerate(DECISION_CONCERNS)))
    listed = subjects.subquery()
    statement = select(listed.c.field, listed.c.record_id, listed.c.label).order_by(
        listed.c.kind_order, listed.c.record_id
    )
    return read_frame(engine, statement)


def _subjects(order: int, field: str, kind: str) -> AnySelect:
    key, name = _NAMED_BY[field]
    return select(
        literal(field).label("field"),
        literal(order).label("kind_order"),
        key.label("record_id"),
        (literal(f"{kind.capitalize()} ") + key + ": " + name).label("label"),
    )


def record_action(
    engine: Engine, opened: Snapshot, *, action: str, owner: str, due_date: date | None, source: str, actor: Actor
) -> Saved:
    """Record a new action the board agreed at the meeting (Open), with its owner and due date."""
    values = {
        "meeting_id": opened.record_id,
        "action": action,
        "owner": owner,
        "due_date": due_date,
        "status": "Open",
        "source": source,
    }
    return save(engine, NewMeetingRow(opened, BoardAction, values, "BA", "new action"), actor)


def record_risk(engine: Engine, opened: Snapshot, *, values: dict[str, Any], actor: Actor) -> Saved:
    """Record a new risk or issue the board raised at the meeting (Open, raised on the meeting's day unless
    `values` say): kind, title, owner, likelihood, impact, response, target_score, source and the rest
    of `risk.csv`'s columns."""
    row = {"status": "Open", "raised_date": opened.values["meeting_date"], "description": ""} | values
    return save(engine, NewMeetingRow(opened, Risk, row, "RISK", "new risk"), actor)
