"""The audit log: every change to the data (command-line loads, uploads and quick edits in the app).

Each `DataLoad` row is one change: who, when, what (action), the files or record behind it and
how many rows it added, changed and removed. Its id is the data version the app's caches use.
Times are stored in UTC and returned in London time, as the board reads them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from data_model.queries.common import read_frame
from data_model.settings import LONDON
from data_model.tables import DataLoad


def audit_log(engine: Engine, actors: Sequence[str] = (), actions: Sequence[str] = ()) -> pd.DataFrame:
    """Changes, newest first, optionally only by `actors` and of `actions`.

    Columns: version, loaded_at (London time), actor, action, detail, rows_added, rows_changed,
    rows_removed.
    """
    statement = select(
        DataLoad.id.label("version"),
        DataLoad.loaded_at,
        DataLoad.actor,
        DataLoad.action,
        DataLoad.detail,
        DataLoad.rows_added,
        DataLoad.rows_changed,
        DataLoad.rows_removed,
    ).order_by(DataLoad.id.desc())
    if actors:
        statement = statement.where(DataLoad.actor.in_(actors))
    if actions:
        statement = statement.where(DataLoad.action.in_(actions))
    frame = read_frame(engine, statement)
    frame["loaded_at"] = pd.to_datetime(frame["loaded_at"], utc=True).dt.tz_convert(LONDON)
    return frame


def audit_summary(engine: Engine, actors: Sequence[str] = (), actions: Sequence[str] = ()) -> dict:
    """Counted in SQL over the same selection as `audit_log`: changes, rows_touched, last_at."""
    statement = select(
        func.count(DataLoad.id),
        func.coalesce(func.sum(DataLoad.rows_added + DataLoad.rows_changed + DataLoad.rows_removed), 0),
        func.max(DataLoad.id),
    )
    if actors:
        statement = statement.where(DataLoad.actor.in_(actors))
    if actions:
        statement = statement.where(DataLoad.action.in_(actions))
    with engine.connect() as connection:
        changes, rows_touched, newest = connection.execute(statement).one()
        last_at = connection.scalar(select(DataLoad.loaded_at).where(DataLoad.id == newest)) if newest else None
    return {
        "changes": changes,
        "rows_touched": int(rows_touched),
        "last_at": pd.Timestamp(last_at).tz_convert(LONDON) if last_at is not None else None,
    }


def audit_choices(engine: Engine) -> dict[str, list[str]]:
    """The people and kinds of change on record, for the filters."""
    with engine.connect() as connection:
        actors = connection.scalars(select(DataLoad.actor).distinct().order_by(DataLoad.actor)).all()
        actions = connection.scalars(select(DataLoad.action).distinct().order_by(DataLoad.action)).all()
    return {"actors": list(actors), "actions": list(actions)}


def rows_after(engine: Engine, version: int) -> pd.DataFrame:
    """Rows in each table just after change `version` (as recorded then): table, rows."""
    with engine.connect() as connection:
        recorded = connection.scalar(select(DataLoad.row_counts).where(DataLoad.id == version))
    counts = json.loads(recorded) if recorded else {}
    return pd.DataFrame({"table": list(counts), "rows": list(counts.values())})
