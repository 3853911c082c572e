"""The audit trail: one `DataLoad` row per change, whose id is the data version.

Caches in every app server are keyed on the data version, so a change through one server shows
on all of them. `record_change` is the one writer of the trail; only the write path calls it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from data_model.tables import SEED_TABLES, DataLoad
from data_model.typed_sql import table_name, table_of


def data_version(bind: Engine | Connection) -> int:
    """The id of the newest change; 0 for a database that has never been loaded."""
    statement = select(func.max(col(DataLoad.id)))
    if isinstance(bind, Connection):
        return bind.execute(statement).scalar_one() or 0
    with bind.connect() as connection:
        return connection.execute(statement).scalar_one() or 0


def row_counts(connection: Connection, known: Mapping[str, int] | None = None) -> dict[str, int]:
    """Rows in every seeded table, counting only those whose count is not `known` already."""
    known = known or {}
    return {
        table_name(model): known[table_name(model)]
        if table_name(model) in known
        else connection.execute(select(func.count()).select_from(model)).scalar_one()
        for model in SEED_TABLES
    }


def record_change(
    connection: Connection,
    *,
    actor: str,
    action: str,
    detail: str,
    added: int,
    changed: int,
    removed: int,
    counts: Mapping[str, int],
) -> int:
    """Write the audit row in the change's own transaction; returns the new data version."""
    result = connection.execute(
        insert(table_of(DataLoad)).values(
            loaded_at=datetime.now(UTC),
            actor=actor,
            action=action,
            detail=detail,
            rows_added=added,
            rows_changed=changed,
            rows_removed=removed,
            row_counts=json.dumps(dict(counts)),
        )
    )
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has its key
    return int(key[0])
