"""Quick edits to the board's registers: reassess a risk, move a milestone's forecast or record its
actual date, and update an action from a board.

They work as the other quick edits do (`edits.py`): the analyst opens a record (`Snapshot`), the
save goes through the write path (an analyst at least, one transaction, an audit row), the row is
checked by its table's model and by the loader's own date rules, and a save is refused
(`EditConflict`) if anyone changed the record since it was opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlalchemy.engine import Connection, Engine
from sqlmodel import select

from data_model.queries.common import read_frame
from data_model.tables import BoardAction, BoardMeeting, Milestone, MilestoneForecast, Risk, RiskAssessment
from data_model.writes.audit import data_version
from data_model.writes.csv_files import forecast_before_baseline, future_actual
from data_model.writes.edits import (
    EditConflict,
    EditInvalid,
    Saved,
    Snapshot,
    added_row,
    changed_by,
    changed_row,
    next_id,
    refuse_unchanged,
    save,
    validated,
)
from data_model.writes.path import Prepared
from data_model.writes.roles import EDIT, Actor

# -- what the forms offer --------------------------------------------------------------------------


def record_choices(engine: Engine, kind: str) -> pd.DataFrame:
    """The risks (open first), milestones (not yet achieved first) or board actions (newest board
    first) an analyst can pick: id, label."""
    if kind == "risk":
        statement = select(Risk.id, Risk.title.label("label")).order_by(Risk.status.desc(), Risk.id)
    elif kind == "milestone":
        statement = select(Milestone.id, Milestone.title.label("label")).order_by(Milestone.status.desc(), Milestone.id)
    else:
        label = BoardMeeting.title + ": " + BoardAction.action
        statement = (
            select(BoardAction.id, label.label("label"))
            .join(BoardMeeting, BoardMeeting.id == BoardAction.meeting_id)
            .order_by(BoardMeeting.meeting_date.desc(), BoardAction.id)
        )
    return read_frame(engine, statement)


# -- opening a record ------------------------------------------------------------------------------


def _row(connection: Connection, model: type, record_id: str) -> dict[str, Any] | None:
    row = connection.execute(select(model.__table__).where(model.__table__.c.id == record_id)).first()
    return dict(row._mapping) if row else None


def _children(connection: Connection, column: Any, record_id: str) -> int:
    return connection.scalar(select(func.count()).where(column == record_id))


def _risk_values(connection: Connection, risk_id: str) -> dict[str, Any] | None:
    """The risk's row and how many reassessments it has (a new one moves it)."""
    row = _row(connection, Risk, risk_id)
    return None if row is None else {**row, "reassessments": _children(connection, RiskAssessment.risk_id, risk_id)}


def _milestone_values(connection: Connection, milestone_id: str) -> dict[str, Any] | None:
    """The milestone's row and how many forecast changes it has."""
    row = _row(connection, Milestone, milestone_id)
    if row is None:
        return None
    return {**row, "forecast_changes": _children(connection, MilestoneForecast.milestone_id, milestone_id)}


def _action_values(connection: Connection, action_id: str) -> dict[str, Any] | None:
    return _row(connection, BoardAction, action_id)


_OPENERS = {"risk": _risk_values, "milestone": _milestone_values, "board action": _action_values}


def open_record(engine: Engine, kind: str, record_id: str) -> Snapshot:
    """A risk, milestone or board action (`kind`) as it stands now, read fresh."""
    with engine.connect() as connection:
        values = _OPENERS[kind](connection, record_id)
    if values is None:
        raise EditInvalid([("", f"there is no {kind} {record_id!r}")])
    return Snapshot(kind, record_id, data_version(engine), values)


def _unchanged_since_opened(connection: Connection, opened: Snapshot) -> None:
    """Under the write lock: what the analyst saw must still be what is there."""
    if _OPENERS[opened.kind](connection, opened.record_id) != opened.values:
        raise EditConflict(changed_by(connection, opened))


# -- the edits -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reassessment:
    """A new assessment of the risk `opened`: its likelihood and impact from `assessed_on`."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        risk = self.opened.values
        row = validated(RiskAssessment, {"id": "new", "risk_id": self.opened.record_id, **self.values})
        if row["assessed_on"] < risk["raised_date"]:
            raise EditInvalid([("assessed_on", f"the risk was raised on {risk['raised_date']:%-d %b %Y}, after this")])
        if row["assessed_on"] > date.today():
            raise EditInvalid([("assessed_on", "a reassessment is dated on or before today")])
        _unchanged_since_opened(connection, self.opened)
        row["id"] = next_id(connection, RiskAssessment.id, f"RA-{self.opened.record_id}-")
        return added_row(self.opened, RiskAssessment, row, "reassessment")


@dataclass(frozen=True)
class ForecastMove:
    """A new forecast for the milestone `opened`, made on `changed_on`."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        milestone = self.opened.values
        row = validated(MilestoneForecast, {"id": "new", "milestone_id": self.opened.record_id, **self.values})
        message = forecast_before_baseline(row["changed_on"], self.opened.record_id, milestone["baselined_on"])
        if message is not None:
            raise EditInvalid([("changed_on", message)])
        if milestone["actual_date"] is not None:
            raise EditInvalid([("", "the milestone is already achieved: its forecast no longer moves")])
        _unchanged_since_opened(connection, self.opened)
        row["id"] = next_id(connection, MilestoneForecast.id, f"MF-{self.opened.record_id}-")
        return added_row(self.opened, MilestoneForecast, row, "forecast change")


@dataclass(frozen=True)
class MilestoneAchieved:
    """The actual date of the milestone `opened` (which makes it Achieved)."""

    opened: Snapshot
    actual_date: date
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        values = {"actual_date": self.actual_date, "status": "Achieved"}
        milestone = {name: value for name, value in self.opened.values.items() if name != "forecast_changes"}
        row = validated(Milestone, milestone | values)
        if (message := future_actual(row["actual_date"], date.today())) is not None:
            raise EditInvalid([("actual_date", message)])
        _unchanged_since_opened(connection, self.opened)
        return changed_row(self.opened, Milestone, values, "actual date")


@dataclass(frozen=True)
class ActionUpdate:
    """The status, closed date and latest update of the board action `opened`."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        refuse_unchanged(self.opened, self.values, "action")
        row = validated(BoardAction, self.opened.values | self.values)
        if row["status"] == "Open" and row["closed_date"] is not None:
            raise EditInvalid([("closed_date", "only a Done or Dropped action has a closed date")])
        _unchanged_since_opened(connection, self.opened)
        return changed_row(self.opened, BoardAction, {name: row[name] for name in self.values}, "status and update")


def reassess_risk(
    engine: Engine,
    opened: Snapshot,
    *,
    assessed_on: date,
    likelihood: int,
    impact: int,
    note: str,
    source: str,
    actor: Actor,
    illustrative: bool = False,
) -> Saved:
    """Add a reassessment as `actor` (an analyst or admin); `EditConflict` if the risk changed since
    `opened`, `EditInvalid` listing what is wrong, `NotAllowed` for a lower role."""
    values = {
        "assessed_on": assessed_on,
        "likelihood": likelihood,
        "impact": impact,
        "note": note.strip(),
        "source": source.strip(),
        "illustrative": illustrative,
    }
    return save(engine, Reassessment(opened, values), actor)


def move_forecast(
    engine: Engine,
    opened: Snapshot,
    *,
    changed_on: date,
    forecast_date: date,
    note: str,
    source: str,
    actor: Actor,
    illustrative: bool = False,
) -> Saved:
    """Record a new forecast as `actor`; refusals as `reassess_risk`."""
    values = {
        "changed_on": changed_on,
        "forecast_date": forecast_date,
        "note": note.strip(),
        "source": source.strip(),
        "illustrative": illustrative,
    }
    return save(engine, ForecastMove(opened, values), actor)


def record_actual(engine: Engine, opened: Snapshot, *, actual_date: date, actor: Actor) -> Saved:
    """Record the milestone's actual date (never after today) as `actor`; refusals as `reassess_risk`."""
    return save(engine, MilestoneAchieved(opened, actual_date), actor)


def update_action(
    engine: Engine,
    opened: Snapshot,
    *,
    status: str,
    closed_date: date | None,
    latest_update: str,
    actor: Actor,
) -> Saved:
    """Record an action's status, closed date and latest update as `actor`; refusals as `reassess_risk`."""
    values = {"status": status, "closed_date": closed_date, "latest_update": latest_update.strip()}
    return save(engine, ActionUpdate(opened, values), actor)
