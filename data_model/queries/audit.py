"""The audit log: every change to the data (command-line loads, uploads and quick edits in the app).

Each `DataLoad` row is one change: who, when, what (action), the files or record behind it and
how many rows it added, changed and removed. Its id is the data version the app's caches use.
Times are stored in UTC and returned in London time, as the board reads them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from data_model.queries.common import read_frame
from data_model.settings import LONDON
from data_model.tables import DataLoad
from data_model.typed_sql import AnySelect


def audit_log(engine: Engine, actors: Sequence[str] = (), actions: Sequence[str] = ()) -> pd.DataFrame:
    """Changes, newest first, optionally only by `actors` and of `actions`.

    Columns: version, loaded_at (London time), actor, action, detail, rows_added, rows_changed,
    rows_removed.
    """
    statement: AnySelect = select(
        col(DataLoad.id).label("version"),
        col(DataLoad.loaded_at),
        col(DataLoad.actor),
        col(DataLoad.action),
        col(DataLoad.detail),
        col(DataLoad.rows_added),
        col(DataLoad.rows_changed),
        col(DataLoad.rows_removed),
    ).order_by(col(DataLoad.id).desc())
    if actors:
        statement = statement.where(col(DataLoad.actor).in_(actors))
    if actions:
        statement = statement.where(col(DataLoad.action).in_(actions))
    frame = read_frame(engine, statement)
    frame["loaded_at"] = pd.to_datetime(frame["loaded_at"], utc=True).dt.tz_convert(LONDON)
    return frame


def audit_summary(engine: Engine, actors: Sequence[str] = (), actions: Sequence[str] = ()) -> dict[str, Any]:
    """Counted in SQL over the same selection as `audit_log`: changes, rows_touched, last_at."""
    statement = select(
        func.count(col(DataLoad.id)),
        func.coalesce(func.sum(col(DataLoad.rows_added) + col(DataLoad.rows_changed) + col(DataLoad.rows_removed)), 0),
        func.max(col(DataLoad.id)),
    )
    if actors:
        statement = statement.where(col(DataLoad.actor).in_(actors))
    if actions:
        statement = statement.where(col(DataLoad.action).in_(actions))
    with engine.connect() as connection:
        changes, rows_touched, newest = connection.execute(statement).one()
        last_at = (
            connection.scalar(select(col(DataLoad.loaded_at)).where(col(DataLoad.id) == newest)) if newest else None
        )
    return {
        "changes": changes,
        "rows_touched": int(rows_touched),
        "last_at": pd.Timestamp(last_at).tz_convert(LONDON) if last_at is not None else None,
    }


def audit_choices(engine: Engine) -> dict[str, list[str]]:
    """The people and kinds of change on record, for the filters."""
    with engine.connect() as connection:
        actors = connection.scalars(select(col(DataLoad.actor)).distinct().order_by(col(DataLoad.actor))).all()
        actions = connection.scalars(select(col(DataLoad.action)).distinct().order_by(col(DataLoad.action))).all()
    return {"actors": list(actors), "actions": list(actions)}


def rows_after(engine: Engine, version: int) -> pd.DataFrame:
    """Rows in each table just after change `version` (as recorded then): table, rows."""
    with engine.connect() as connection:
        recorded = connection.scalar(select(col(DataLoad.row_counts)).where(col(DataLoad.id) == version))
    counts = json.loads(recorded) if recorded else {}
    return pd.DataFrame({"table": list(counts), "rows": list(counts.values())})
