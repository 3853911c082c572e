"""Replace the board's data with validated rows, in one transaction, and record the change.

`preview` diffs rows against the database by primary key without writing; `apply` makes the
same diff and writes it in one transaction: inserts parents first, then updates, then deletes
children first, so every foreign key holds at every step on SQLite and PostgreSQL alike. A
change is recorded as one `DataLoad` row (who, when, what, counts), whose id is the new data
version. When nothing differs, nothing is written or recorded, so re-loading the same files is
a no-op. Only the tables given are replaced: an upload of ``spend.csv`` leaves the rest alone.
"""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from data_model.db import upgrade
from data_model.summaries import refresh_spend_days, refresh_status_spans
from data_model.tables import DataLoad
from seed import SEED_DIR
from seed.validate import SPECS, TableSpec, gc_paused, read_directory

_CHUNK = 500  # keys per DELETE ... WHERE key IN (...)
_COPY_THRESHOLD = 1000  # rows from which PostgreSQL inserts use COPY
_NATURAL_SORT_LIMIT = 10_000  # keys listed in a TableChange beyond which plain sorting is used
_LOCK_ID = 0x5EED_10AD  # PostgreSQL advisory lock held by the one change being applied


class StaleData(Exception):
    """The data changed after the preview an apply was based on."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"the data changed after the preview (version {expected}, now {current})")
        self.expected, self.current = expected, current


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

    `data_version` is the id of the `DataLoad` row that `apply` recorded, or None for a preview
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


def natural_key(value: Any) -> tuple:
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
        table = spec.model.__table__
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


def preview(engine: Engine, tables: Mapping[str, list[dict[str, Any]]]) -> ChangeSummary:
    """What `apply` would change, table by table, without writing anything."""
    with gc_paused(), engine.connect() as connection:
        plans = _plan(connection, tables)
    return ChangeSummary({name: plan.change for name, plan in plans.items()})


def apply(
    engine: Engine,
    tables: Mapping[str, list[dict[str, Any]]],
    actor: str,
    action: str,
    detail: str = "",
    expected_version: int | None = None,
) -> ChangeSummary:
    """Replace the tables given with `tables` (from `read_tables`) in one transaction.

    Records one `DataLoad` row by `actor` for `action` (e.g. "load", "upload") with `detail`
    (the folder or files), unless nothing differs, in which case nothing at all is written.
    With `expected_version` (the data version a preview was made on), raises `StaleData` and
    writes nothing if anyone changed the data since. Any error rolls the whole change back.
    """
    with gc_paused(), engine.begin() as connection:
        _one_writer_at_a_time(connection)
        if expected_version is not None:
            current = connection.execute(select(func.coalesce(func.max(DataLoad.id), 0))).scalar_one()
            if current != expected_version:
                raise StaleData(expected_version, current)
        plans = _plan(connection, tables)
        changes = {name: plan.change for name, plan in plans.items()}
        summary = ChangeSummary(changes)
        if summary.unchanged:
            return summary
        spend_days = _touched(connection, plans.get("spend"), "spend_date")
        recommendations = _touched(connection, plans.get("progress_update"), "recommendation_id")
        for plan in plans.values():  # parents first: new rows exist before anything refers to them
            if plan.inserts:
                _insert(connection, plan.spec, plan.inserts)
        for plan in plans.values():
            if plan.updates:
                _update(connection, plan)
        for plan in reversed(plans.values()):  # children first: nothing refers to a removed row
            table = plan.spec.model.__table__
            key = table.c[plan.spec.key]
            for start in range(0, len(plan.deletes), _CHUNK):
                connection.execute(delete(table).where(key.in_(plan.deletes[start : start + _CHUNK])))
        refresh_spend_days(connection, spend_days)  # the summaries, in the same transaction
        refresh_status_spans(connection, recommendations)
        counts = _row_counts(connection, summary.row_counts)
        result = connection.execute(
            insert(DataLoad.__table__).values(
                loaded_at=datetime.now(UTC),
                actor=actor,
                action=action,
                detail=detail,
                rows_added=summary.added,
                rows_changed=summary.changed,
                rows_removed=summary.removed,
                row_counts=json.dumps(counts),
            )
        )
        version = result.inserted_primary_key[0]
    return ChangeSummary(changes, data_version=version)


def _touched(connection: Connection, plan: _TablePlan | None, column: str) -> set[Any]:
    """The values of `column` (a payment's day, an update's recommendation) in the rows the change
    adds, alters or removes: new values, and old ones read before writing."""
    if plan is None or plan.change.unchanged:
        return set()
    values = {row[column] for row in (*plan.inserts, *plan.updates)}
    table = plan.spec.model.__table__
    old = [row[plan.spec.key] for row in plan.updates] + list(plan.deletes)
    for start in range(0, len(old), _CHUNK):
        chosen = table.c[plan.spec.key].in_(old[start : start + _CHUNK])
        values.update(connection.scalars(select(table.c[column]).where(chosen)))
    return values


def _one_writer_at_a_time(connection: Connection) -> None:
    """Take the write lock before reading, so the diff cannot go stale under a concurrent change."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits for, then blocks, other writers
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")


def _insert(connection: Connection, spec: TableSpec, rows: list[dict[str, Any]]) -> None:
    """Bulk insert: PostgreSQL's COPY for big batches (several times faster), else executemany."""
    table = spec.model.__table__
    if connection.dialect.name == "postgresql" and len(rows) >= _COPY_THRESHOLD:
        columns = spec.columns
        names = ", ".join(connection.dialect.identifier_preparer.quote(column) for column in columns)
        quoted_table = connection.dialect.identifier_preparer.format_table(table)
        statement = f"COPY {quoted_table} ({names}) FROM STDIN"
        cursor = connection.connection.driver_connection.cursor()  # in the same transaction
        with cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
        return
    connection.execute(insert(table), rows)


def _update(connection: Connection, plan: _TablePlan) -> None:
    table = plan.spec.model.__table__
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


def _row_counts(connection: Connection, known: Mapping[str, int]) -> dict[str, int]:
    """Rows in every seeded table after the change (counting only the tables not replaced)."""
    counts: dict[str, int] = {}
    for name, spec in SPECS.items():
        if name in known:
            counts[name] = known[name]
        else:
            counts[name] = connection.scalar(select(func.count()).select_from(spec.model.__table__))
    return counts


def default_actor() -> str:
    """The operating-system user running the command."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


def load_directory(engine: Engine, directory: Path | str = SEED_DIR, actor: str | None = None) -> ChangeSummary:
    """Validate every file in `directory` (a complete set) and replace all the data with it.

    Raises `seed.validate.ValidationFailed`, changing nothing, if any file has a problem.
    """
    tables = read_directory(directory)
    return apply(engine, tables, actor or default_actor(), "load", str(directory))


def never_loaded(engine: Engine) -> bool:
    """True when no change has ever been recorded (no `DataLoad` row)."""
    with engine.connect() as connection:
        return connection.scalar(select(DataLoad.__table__.c.id).limit(1)) is None


def init_database(engine: Engine, directory: Path | str = SEED_DIR, actor: str | None = None) -> ChangeSummary | None:
    """Upgrade the schema, then load `directory` only if the database was never loaded.

    Returns the load's summary, or None when the database already had data.
    """
    upgrade(engine)
    if not never_loaded(engine):
        return None
    return load_directory(engine, directory, actor)
