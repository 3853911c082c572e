"""Loads and uploads: CSV files that replace tables, diffed by key and written through the write path.

`TableFiles.prepare` validates the files (`csv_files.read_tables`) and diffs their rows against
the database by primary key; its writes insert parents first, then update, then delete children
first, so every foreign key holds at every step on SQLite and PostgreSQL alike. When nothing
differs, nothing is written or recorded, so re-loading the same files is a no-op. Only the
tables given are replaced: an upload of ``spend.csv`` leaves the rest alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from data_model.db import upgrade
from data_model.rules.agenda import standard_agenda
from data_model.tables import AgendaItem, BoardMeeting
from data_model.typed_sql import table_of
from data_model.writes.audit import data_version
from data_model.writes.csv_files import SPECS, Tables, TableSpec, directory_files, gc_paused, read_tables
from data_model.writes.path import Prepared, write
from data_model.writes.roles import LOAD, UPLOAD, Actor

_CHUNK = 500  # keys per DELETE ... WHERE key IN (...)
_COPY_THRESHOLD = 1000  # rows from which PostgreSQL inserts use COPY
_INSERT_BATCH = 10_000  # rows per executemany elsewhere
_NATURAL_SORT_LIMIT = 10_000  # keys listed in a TableChange beyond which plain sorting is used


@dataclass(frozen=True)
class TableChange:
    """How one table would change (or changed): counts, and the keys behind them.

    Keys are in natural order (``S2`` before ``S10``), or plain text order for more than
    ten thousand of them.
    """

    table: str
    added: int
    changed: int
    removed: int
    rows_before: int
    rows_after: int
    added_keys: tuple[str, ...] = field(default=(), repr=False)
    changed_keys: tuple[str, ...] = field(default=(), repr=False)
    removed_keys: tuple[str, ...] = field(default=(), repr=False)

    @property
    def file_name(self) -> str:
        return SPECS[self.table].file_name

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True)
class ChangeSummary:
    """The change to every table given, in load order, and its totals.

    `data_version` is the id of the `DataLoad` row the write recorded, or None for a preview
    or a no-op.
    """

    tables: dict[str, TableChange]
    data_version: int | None = None

    @property
    def added(self) -> int:
        return sum(change.added for change in self.tables.values())

    @property
    def changed(self) -> int:
        return sum(change.changed for change in self.tables.values())

    @property
    def removed(self) -> int:
        return sum(change.removed for change in self.tables.values())

    @property
    def total(self) -> int:
        """Rows touched: added + changed + removed."""
        return self.added + self.changed + self.removed

    @property
    def unchanged(self) -> bool:
        return self.total == 0

    @property
    def row_counts(self) -> dict[str, int]:
        """Rows in each table given, after the change."""
        return {name: change.rows_after for name, change in self.tables.items()}

    def as_records(self) -> list[dict[str, Any]]:
        """One plain dict per table, for a table on screen."""
        return [
            {
                "table": change.table,
                "file": change.file_name,
                "added": change.added,
                "changed": change.changed,
                "removed": change.removed,
                "rows before": change.rows_before,
                "rows after": change.rows_after,
            }
            for change in self.tables.values()
        ]

    def lines(self) -> list[str]:
        """One line per table that changes, e.g. ``spend.csv: 12 added, 3 changed, 0 removed``."""
        return [
            f"{change.file_name}: {change.added} added, {change.changed} changed, {change.removed} removed"
            for change in self.tables.values()
            if not change.unchanged
        ]

    def __str__(self) -> str:
        rows = "row" if self.added == 1 else "rows"
        return f"{self.added} {rows} added, {self.changed} changed, {self.removed} removed"


@dataclass
class _TablePlan:
    spec: TableSpec
    inserts: list[dict[str, Any]]
    updates: list[dict[str, Any]]
    deletes: list[Any]
    change: TableChange


def natural_key(value: Any) -> tuple[Any, ...]:
    """'S2' before 'S10': the order people expect of ids."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", str(value)) if part
    )


def _ordered(keys: list[Any]) -> tuple[Any, ...]:
    """Keys in natural order, or past `_NATURAL_SORT_LIMIT` in plain (much faster) text order."""
    if len(keys) > _NATURAL_SORT_LIMIT:
        return tuple(sorted(keys))
    return tuple(sorted(keys, key=natural_key))


def _plan(connection: Connection, tables: Mapping[str, list[dict[str, Any]]]) -> dict[str, _TablePlan]:
    unknown = [name for name in tables if name not in SPECS]
    if unknown:
        raise ValueError(f"not seeded tables: {', '.join(unknown)}; expected {', '.join(SPECS)}")
    plans: dict[str, _TablePlan] = {}
    for name, spec in SPECS.items():
        if name not in tables:
            continue
        table = table_of(spec.model)
        columns = spec.columns
        key_index = columns.index(spec.key)
        existing = {
            row[key_index]: tuple(row) for row in connection.execute(select(*(table.c[column] for column in columns)))
        }
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        seen: set[Any] = set()
        key = spec.key
        for row in tables[name]:
            row_key = row[key]
            if row_key in seen:
                raise ValueError(f"{name}: duplicate key {row_key!r}")  # read_tables reports these
            seen.add(row_key)
            old = existing.get(row_key)
            if old is None:
                inserts.append(row)
            elif old != tuple(row[column] for column in columns):
                updates.append(row)
        deletes = [row_key for row_key in existing if row_key not in seen]
        plans[name] = _TablePlan(
            spec,
            inserts,
            updates,
            deletes,
            TableChange(
                table=name,
                added=len(inserts),
                changed=len(updates),
                removed=len(deletes),
                rows_before=len(existing),
                rows_after=len(seen),
                added_keys=_ordered([row[key] for row in inserts]),
                changed_keys=_ordered([row[key] for row in updates]),
                removed_keys=_ordered(deletes),
            ),
        )
    return plans


@dataclass(frozen=True)
class TableFiles:
    """A load or an upload: CSV files, each named ``<table>.csv``, as bytes or paths.

    `complete` files replace every table (a load: one file per table); otherwise only the tables
    given are replaced and their references are checked against the database's other tables.
    """

    files: Mapping[str, bytes | Path]
    kind: str = UPLOAD
    detail: str = ""
    complete: bool = False

    def prepare(self, connection: Connection) -> Prepared:
        """Validate every file (`ValidationFailed` lists every problem), then diff by key."""
        tables = read_tables(self.files, existing=None if self.complete else connection, locked_by=connection)
        tables = with_standard_agendas(connection, tables)
        plans = _plan(connection, tables)
        summary = ChangeSummary({name: plan.change for name, plan in plans.items()})

        def writes(connection: Connection) -> None:
            for plan in plans.values():  # parents first: new rows exist before anything refers to them
                if plan.inserts:
                    _insert(connection, plan.spec, plan.inserts)
            for plan in plans.values():
                if plan.updates:
                    _update(connection, plan)
            for plan in reversed(plans.values()):  # children first: nothing refers to a removed row
                table = table_of(plan.spec.model)
                key = table.c[plan.spec.key]
                for start in range(0, len(plan.deletes), _CHUNK):
                    connection.execute(delete(table).where(key.in_(plan.deletes[start : start + _CHUNK])))

        return Prepared(
            detail=self.detail or ", ".join(SPECS[name].file_name for name in tables),
            added=summary.added,
            changed=summary.changed,
            removed=summary.removed,
            writes=writes,
            outcome=summary,
            spend_days=_touched(connection, plans.get("spend"), "spend_date"),
            recommendations=_touched(connection, plans.get("progress_update"), "recommendation_id"),
            known_counts=summary.row_counts,
        )


def with_standard_agendas(connection: Connection, tables: Tables) -> Tables:
    """`tables` with the standard agenda for each meeting new to the database, when the files give no
    agenda (`agenda_item.csv`, when given, is the agendas as they are to be, empty ones included)."""
    meetings = tables.get("board_meeting")
    if not meetings or "agenda_item" in tables:
        return tables
    known = set(connection.scalars(select(col(BoardMeeting.id))))
    items = [dict(row._mapping) for row in connection.execute(select(table_of(AgendaItem)))]
    with_agenda = {item["meeting_id"] for item in items}
    new = [meeting for meeting in meetings if meeting["id"] not in known and meeting["id"] not in with_agenda]
    if not new:
        return tables
    return tables | {"agenda_item": [*items, *(item for meeting in new for item in standard_agenda(meeting))]}


def preview(engine: Engine, files: Mapping[str, bytes | Path]) -> ChangeSummary:
    """What uploading `files` would change, table by table, without writing anything.

    Raises `ValidationFailed` listing every problem, as the upload itself would.
    """
    with gc_paused(), engine.connect() as connection:
        summary: ChangeSummary = TableFiles(files).prepare(connection).outcome
        return summary


def upload(
    engine: Engine,
    files: Mapping[str, bytes | Path],
    *,
    actor: Actor,
    expected_version: int | None = None,
    detail: str = "",
) -> ChangeSummary:
    """Replace the tables `files` hold (any subset) through the write path, as `actor`.

    Needs an analyst, and an admin if rows would be removed. With `expected_version` (the data
    version a preview was made on), raises `StaleData` and writes nothing if the data moved since.
    """
    written = write(engine, TableFiles(files, UPLOAD, detail), actor=actor, expected_version=expected_version)
    summary: ChangeSummary = written.outcome
    return replace(summary, data_version=written.data_version)


def _touched(connection: Connection, plan: _TablePlan | None, column: str) -> set[Any]:
    """The values of `column` (a payment's day, an update's recommendation) in the rows the change
    adds, alters or removes: new values, and old ones read before writing."""
    if plan is None or plan.change.unchanged:
        return set()
    values = {row[column] for row in (*plan.inserts, *plan.updates)}
    table = table_of(plan.spec.model)
    old = [row[plan.spec.key] for row in plan.updates] + list(plan.deletes)
    for start in range(0, len(old), _CHUNK):
        chosen = table.c[plan.spec.key].in_(old[start : start + _CHUNK])
        values.update(connection.scalars(select(table.c[column]).where(chosen)))
    return values


def _insert(connection: Connection, spec: TableSpec, rows: list[dict[str, Any]]) -> None:
    """Bulk insert: PostgreSQL's COPY for big batches (several times faster), else executemany."""
    table = table_of(spec.model)
    if connection.dialect.name == "postgresql" and len(rows) >= _COPY_THRESHOLD:
        columns = spec.columns
        names = ", ".join(connection.dialect.identifier_preparer.quote(column) for column in columns)
        quoted_table = connection.dialect.identifier_preparer.format_table(table)
        statement = f"COPY {quoted_table} ({names}) FROM STDIN"
        driver_connection = connection.connection.driver_connection
        assert driver_connection is not None  # an open connection has its driver's
        cursor = driver_connection.cursor()  # in the same transaction
        with cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
        return
    insert_rows = insert(table)
    for start in range(0, len(rows), _INSERT_BATCH):  # bounded: the driver copies each batch's parameters
        connection.execute(insert_rows, rows[start : start + _INSERT_BATCH])


def _update(connection: Connection, plan: _TablePlan) -> None:
    table = table_of(plan.spec.model)
    key = plan.spec.key
    others = [column for column in plan.spec.columns if column != key]
    statement = (
        update(table)
        .where(table.c[key] == bindparam("_key"))
        .values({column: bindparam(f"_new_{column}") for column in others})
    )
    connection.execute(
        statement,
        [{"_key": row[key], **{f"_new_{column}": row[column] for column in others}} for row in plan.updates],
    )


def load_directory(engine: Engine, directory: Path | str, *, actor: Actor) -> ChangeSummary:
    """Replace all the data with the files in `directory` (one per table), through the write path.

    Raises `ValidationFailed`, changing nothing, if any file has a problem; `NotAllowed` unless
    `actor` is an analyst, or an admin when the files leave out rows the database holds.
    """
    change = TableFiles(directory_files(directory), LOAD, str(directory), complete=True)
    written = write(engine, change, actor=actor)
    summary: ChangeSummary = written.outcome
    return replace(summary, data_version=written.data_version)


def init_database(engine: Engine, directory: Path | str, *, actor: Actor) -> ChangeSummary | None:
    """Upgrade the schema, then load `directory` only if the database was never loaded.

    Returns the load's summary, or None when the database already had data.
    """
    upgrade(engine)
    if data_version(engine):
        return None
    return load_directory(engine, directory, actor=actor)
