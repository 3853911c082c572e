"""Quick edits to the board's registers: reassess a risk, move a milestone's forecast or record its
actual date, and update an action from a board.

They work as the other quick edits do (`edits.py`): the analyst opens a record (`Snapshot`), the
save goes through the write path (an analyst at least, one transaction, an audit row), the row is
checked by the rulebook as the file reader checks it (`edits.checked_row`), and a save is refused
(`EditConflict`) if anyone changed the record since it was opened. `RecordUpdate` is the change of a
form that edits some fields of a risk, a milestone or an action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, col

from data_model.queries.common import read_frame
from data_model.tables import BoardAction, BoardMeeting, Milestone, MilestoneForecast, Risk, RiskAssessment
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
    changed_row,
    checked_row,
    next_id,
    refuse_unchanged,
    save,
)
from data_model.writes.path import Prepared
from data_model.writes.roles import EDIT, Actor

# -- what the forms offer --------------------------------------------------------------------------


def record_choices(engine: Engine, kind: str) -> pd.DataFrame:
    """The risks (open first), milestones (not yet achieved first) or board actions (newest board
    first) an analyst can pick: id, label."""
    if kind == "risk":
        statement: AnySelect = select(col(Risk.id), col(Risk.title).label("label")).order_by(
            col(Risk.status).desc(), col(Risk.id)
        )
    elif kind == "milestone":
        statement = select(col(Milestone.id), col(Milestone.title).label("label")).order_by(
            col(Milestone.status).desc(), col(Milestone.id)
        )
    else:
        label = col(BoardMeeting.title) + ": " + col(BoardAction.action)
        statement = (
            select(col(BoardAction.id), label.label("label"))
            .join(BoardMeeting, col(BoardMeeting.id) == col(BoardAction.meeting_id))
            .order_by(col(BoardMeeting.meeting_date).desc(), col(BoardAction.id))
        )
    return read_frame(engine, statement)


# -- opening a record ------------------------------------------------------------------------------


def _row(connection: Connection, model: type, record_id: str) -> dict[str, Any] | None:
    row = connection.execute(select(table_of(model)).where(table_of(model).c.id == record_id)).first()
    return dict(row._mapping) if row else None


def _children(connection: Connection, column: Any, record_id: str) -> int:
    return connection.execute(select(func.count()).where(column == record_id)).scalar_one()


def _risk_values(connection: Connection, risk_id: str) -> dict[str, Any] | None:
    """The risk's row and how many reassessments it has (a new one moves it)."""
    row = _row(connection, Risk, risk_id)
    return (
        None if row is None else {**row, "reassessments": _children(connection, col(RiskAssessment.risk_id), risk_id)}
    )


def _milestone_values(connection: Connection, milestone_id: str) -> dict[str, Any] | None:
    """The milestone's row and how many forecast changes it has."""
    row = _row(connection, Milestone, milestone_id)
    if row is None:
        return None
    return {**row, "forecast_changes": _children(connection, col(MilestoneForecast.milestone_id), milestone_id)}


def _action_values(connection: Connection, action_id: str) -> dict[str, Any] | None:
    return _row(connection, BoardAction, action_id)


_OPENERS = {"risk": _risk_values, "milestone": _milestone_values, "board action": _action_values}
_MODELS: dict[str, type[SQLModel]] = {"risk": Risk, "milestone": Milestone, "board action": BoardAction}


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
        _unchanged_since_opened(connection, self.opened)
        values = as_the_record(self.values, self.opened.values["illustrative"])
        row = checked_row(connection, RiskAssessment, {"id": "new", "risk_id": self.opened.record_id, **values})
        row["id"] = next_id(connection, col(RiskAssessment.id), f"RA-{self.opened.record_id}-")
        return added_row(self.opened, RiskAssessment, row, "reassessment")


@dataclass(frozen=True)
class ForecastMove:
    """A new forecast for the milestone `opened`, made on `changed_on`."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        _unchanged_since_opened(connection, self.opened)
        values = as_the_record(self.values, self.opened.values["illustrative"])
        row = checked_row(connection, MilestoneForecast, {"id": "new", "milestone_id": self.opened.record_id, **values})
        row["id"] = next_id(connection, col(MilestoneForecast.id), f"MF-{self.opened.record_id}-")
        return added_row(self.opened, MilestoneForecast, row, "forecast change")


@dataclass(frozen=True)
class RecordUpdate:
    """New `values` for fields of the risk, milestone or board action `opened`, checked as the whole row
    they make; audited as "<what> of <record>"."""

    opened: Snapshot
    values: dict[str, Any]
    what: str
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        _unchanged_since_opened(connection, self.opened)
        model = _MODELS[self.opened.kind]
        record = {name: value for name, value in self.opened.values.items() if name in model.model_fields}
        row = checked_row(connection, model, record | self.values)
        changes = {name: row[name] for name in self.values}
        refuse_unchanged(self.opened, changes, self.opened.kind)
        return changed_row(self.opened, model, changes, self.what)


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
    illustrative: bool | None = None,
) -> Saved:
    """Add a reassessment as `actor` (an analyst or admin); `EditConflict` if the risk changed since
    `opened`, `EditInvalid` listing what is wrong, `NotAllowed` for a lower role. It is sample data
    when the risk is, unless `illustrative` says."""
    values = {
        "assessed_on": assessed_on,
        "likelihood": likelihood,
        "impact": impact,
        "note": note,
        "source": source,
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
    illustrative: bool | None = None,
) -> Saved:
    """Record a new forecast as `actor`; refusals and sample data as `reassess_risk`."""
    values = {
        "changed_on": changed_on,
        "forecast_date": forecast_date,
        "note": note,
        "source": source,
        "illustrative": illustrative,
    }
    return save(engine, ForecastMove(opened, values), actor)


def record_actual(engine: Engine, opened: Snapshot, *, actual_date: date, actor: Actor) -> Saved:
    """Record the milestone's actual date (never after today) as `actor`; refusals as `reassess_risk`."""
    return save(engine, RecordUpdate(opened, {"actual_date": actual_date, "status": "Achieved"}, "actual date"), actor)


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
    values = {"status": status, "closed_date": closed_date, "latest_update": latest_update}
    return save(engine, RecordUpdate(opened, values, "status and update"), actor)
