"""The one write path: every change to the board's data goes through `write`.

A command-line load, an upload in the app and a quick edit are each a `Change`; `write` does the
same steps for all of them, in this order: check that the actor's role allows the kind of change;
take the write lock (one writer at a time, on SQLite and PostgreSQL alike); check the data has not
moved since the version the person saw; let the change validate itself and work out what it will
do (`Change.prepare`); check the role again if it removes rows; write, all in one transaction;
refresh the summaries the change touched; record the audit row, whose id is the new data version.
Any error rolls the whole change back, so nothing is ever half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy.engine import Connection, Engine

from data_model.writes.audit import data_version, record_change, row_counts
from data_model.writes.csv_files import gc_paused
from data_model.writes.roles import REMOVE_ROWS, Actor, allow
from data_model.writes.summaries import refresh_spend_days, refresh_status_spans

_LOCK_ID = 0x5EED_10AD  # PostgreSQL advisory lock held by the one change being written


class StaleData(Exception):
    """The data changed after the version the change was based on (a preview, an opened form)."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"the data changed after the preview (version {expected}, now {current})")
        self.expected, self.current = expected, current


@dataclass(frozen=True)
class Prepared:
    """What a validated change will do: its counts, its writes, the summaries it touches and
    what its caller gets back (`outcome`)."""

    detail: str
    added: int
    changed: int
    removed: int
    writes: Callable[[Connection], object]
    outcome: Any = None
    spend_days: Collection[date] = field(default=())
    recommendations: Collection[str] = field(default=())
    known_counts: dict[str, int] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)


class Change(Protocol):
    """One kind of change: `kind` names its permission and its audit action."""

    @property
    def kind(self) -> str: ...

    def prepare(self, connection: Connection) -> Prepared:
        """Validate (raising, with every problem, if anything is wrong) and plan, under the lock."""
        ...


@dataclass(frozen=True)
class Written:
    """The change's outcome, and its data version (None when nothing differed and nothing was written)."""

    outcome: Any
    data_version: int | None


def write(engine: Engine, change: Change, *, actor: Actor, expected_version: int | None = None) -> Written:
    """Make `change` as `actor`, in one transaction, or raise and change nothing.

    Needs the role `roles.LOWEST_ROLE` gives the change's kind, and an admin for a change that
    removes rows (`NotAllowed`). With `expected_version`, raises `StaleData` if anyone changed the
    data since. A change with nothing to do writes nothing, not even an audit row.
    """
    allow(actor, change.kind)  # before any work: a viewer's or unknown role's write goes no further
    with gc_paused(), engine.begin() as connection:
        _one_writer_at_a_time(connection)
        if expected_version is not None and (current := data_version(connection)) != expected_version:
            raise StaleData(expected_version, current)
        prepared = change.prepare(connection)
        if prepared.removed:
            allow(actor, REMOVE_ROWS, count=prepared.removed)
        if prepared.unchanged:
            return Written(prepared.outcome, None)
        prepared.writes(connection)
        refresh_spend_days(connection, prepared.spend_days)  # the summaries, in the same transaction
        refresh_status_spans(connection, prepared.recommendations)
        version = record_change(
            connection,
            actor=actor.name,
            action=change.kind,
            detail=prepared.detail,
            added=prepared.added,
            changed=prepared.changed,
            removed=prepared.removed,
            counts=row_counts(connection, prepared.known_counts),
        )
    return Written(prepared.outcome, version)


def _one_writer_at_a_time(connection: Connection) -> None:
    """Take the write lock before reading, so what a change compares with cannot go stale under it."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits for, then blocks, other writers
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
