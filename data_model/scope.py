"""What a question is about: figures as at a day, changes since a board, with or without sample rows.

One frozen `Scope` is made once per run (from the page's address, the command line's options or
a meeting's day) and handed whole to every query, the pack, the workbook and the downloads, so the
same question gets the same answer everywhere. Nothing below the page reads the address again.

The default "since" has one rule, written here only: the last board meeting strictly before the
as-at day. On a board's own day the board compares with the board before it, which is what
"changes since the last board" means in the room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import SQLColumnExpression, and_, false, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.tables import BoardMeeting

FALLBACK_DAYS = 90
"""With no board meeting on record before the as-at day, changes run over this many days."""


def long_day(day: date) -> str:
    """22 Nov 2026: how a day is written in a label."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Scope:
    """Figures as they stood at the end of `as_at`; changes after `since` (exclusive) up to `as_at`;
    with `documented_only`, every illustrative (sample) row left out. Frozen and hashable: a cached
    query is keyed on it as one argument."""

    as_at: date
    since: date
    since_label: str
    """How captions name `since`: "the board of 15 Oct 2026", "90 days before (17 Jul 2026)" or the day."""
    documented_only: bool = False

    def shows(self, *flags: SQLColumnExpression[Any]) -> ColumnElement[Any]:
        """The SQL condition keeping the rows this scope shows: with `documented_only`, only those whose
        every `flags` column (``illustrative``) is false; otherwise every row."""
        return and_(*(flag == false() for flag in flags)) if self.documented_only else true()


def boards_before(engine: Engine, as_at: date, documented_only: bool = False) -> list[date]:
    """The days of board meetings strictly before `as_at`, newest first: the boards a change can be
    counted from (documented ones only when `documented_only`)."""
    statement = select(col(BoardMeeting.meeting_date)).where(col(BoardMeeting.meeting_date) < as_at).distinct()
    if documented_only:
        statement = statement.where(col(BoardMeeting.illustrative) == false())
    with engine.connect() as connection:
        return list(connection.scalars(statement.order_by(col(BoardMeeting.meeting_date).desc())))


def make_scope(engine: Engine, as_at: date, since: date | None = None, documented_only: bool = False) -> Scope:
    """`scope_for` with the boards held by the database."""
    return scope_for(as_at, boards_before(engine, as_at, documented_only), since, documented_only)


def scope_for(as_at: date, boards: list[date], since: date | None = None, documented_only: bool = False) -> Scope:
    """The scope as at `as_at`, compared with `since`; by default the last board strictly before `as_at`
    (`boards`, newest first, as `boards_before` gives them), or `FALLBACK_DAYS` before it when no board
    met earlier. `ValueError` if `since` is not before `as_at`."""
    if since is None and boards:
        since = boards[0]
    elif since is None:
        since = as_at - timedelta(days=FALLBACK_DAYS)
        return Scope(as_at, since, f"{FALLBACK_DAYS} days before ({long_day(since)})", documented_only)
    if since >= as_at:
        raise ValueError(f"changes since {long_day(since)} must start before the as-at day, {long_day(as_at)}")
    label = f"the board of {long_day(since)}" if since in boards else long_day(since)
    return Scope(as_at, since, label, documented_only)
