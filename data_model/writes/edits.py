"""Quick edits from the app: a new progress update on a recommendation, or a forum insight's outcome.

Each edit is a change made through the write path (`path.write`), like a load. The row it would
write is checked by `checked_row`, the edit door to the rulebook (`data_model.rules`): the rules the
file reader applies, in the same words, and none of the edit's own. Two analysts may open the
same record: each form keeps a `Snapshot` of the record as it was opened, and the save compares
it with the record under the write lock, so the second of two saves is refused (`EditConflict`,
naming who changed the record and when) and never overwrites the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from pydantic import ValidationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, col

from data_model.queries.common import read_frame
from data_model.queries.frame_types import as_dates
from data_model.rules import locks
from data_model.rules import rows as row_rules
from data_model.rules.values import NUL_TEXT, explain
from data_model.settings import LONDON
from data_model.spreadsheet_text import trimmed
from data_model.tables import BoardMeeting, DataLoad, Forum, ForumInsight, ProgressUpdate, Recommendation
from data_model.typed_sql import table_of
from data_model.writes.audit import data_version
from data_model.writes.csv_files import TEXT, TableSpec, spec_for
from data_model.writes.path import Change, Prepared, write
from data_model.writes.roles import EDIT, Actor


class EditRefused(Exception):
    """The edit was not saved; the message says why, in words for the analyst."""


class EditInvalid(EditRefused):
    """The values break a rule; `problems` lists (field, what is wrong)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{name}: {message}" if name else message for name, message in problems))


class EditConflict(EditRefused):
    """Someone changed the record after it was opened; nothing was saved."""


@dataclass(frozen=True)
class Snapshot:
    """A record as an analyst opened it: what a save compares with, and the data version then."""

    kind: str  # "recommendation", "forum insight", "risk", "milestone" or "board action"
    record_id: str
    data_version: int
    values: dict[str, Any] = field(hash=False)

    @property
    def subject(self) -> str:
        """How the audit trail names the record, e.g. ``recommendation REC-VCOP-02``."""
        return f"{self.kind} {self.record_id}"


@dataclass(frozen=True)
class Saved:
    record_id: str  # the new progress update's id, or the insight's
    data_version: int | None  # None when the edit changed nothing


# -- what the forms offer ------------------------------------------------------------------------


def recommendation_choices(engine: Engine) -> pd.DataFrame:
    """Recommendations to pick from: id, reference, text, owner_agency, illustrative."""
    statement = select(
        col(Recommendation.id),
        col(Recommendation.reference),
        col(Recommendation.text),
        col(Recommendation.owner_agency),
        col(Recommendation.illustrative),
    ).order_by(col(Recommendation.id))
    return read_frame(engine, statement)


def insight_choices(engine: Engine) -> pd.DataFrame:
    """Forum insights to pick from, by forum then date raised: id, forum_id, cohort, raised_date, you_said, status."""
    statement = (
        select(
            col(ForumInsight.id),
            col(ForumInsight.forum_id),
            col(Forum.cohort),
            col(ForumInsight.raised_date),
            col(ForumInsight.you_said),
            col(ForumInsight.status),
        )
        .join(Forum, col(Forum.id) == col(ForumInsight.forum_id))
        .order_by(col(Forum.cohort), col(ForumInsight.raised_date), col(ForumInsight.id))
    )
    return as_dates(read_frame(engine, statement), "raised_date")


# -- opening a record: the snapshot a save is checked against -------------------------------------


def _progress_values(connection: Connection, recommendation_id: str) -> dict[str, Any]:
    """How many updates the recommendation has, and its latest one (None values when it has none)."""
    updates = connection.scalar(
        select(func.count())
        .select_from(ProgressUpdate)
        .where(col(ProgressUpdate.recommendation_id) == recommendation_id)
    )
    latest = connection.execute(
        select(
            col(ProgressUpdate.id),
            col(ProgressUpdate.update_date),
            col(ProgressUpdate.status),
            col(ProgressUpdate.percent_complete),
            col(ProgressUpdate.narrative),
            col(ProgressUpdate.source),
            col(ProgressUpdate.illustrative),
        )
        .where(col(ProgressUpdate.recommendation_id) == recommendation_id)
        .order_by(col(ProgressUpdate.update_date).desc(), col(ProgressUpdate.id).desc())
        .limit(1)
    ).first()
    names = ("latest_id", "update_date", "status", "percent_complete", "narrative", "source", "illustrative")
    return {"updates": updates, **dict(zip(names, latest or (None,) * len(names), strict=True))}


def _insight_values(connection: Connection, insight_id: str) -> dict[str, Any] | None:
    row = connection.execute(select(table_of(ForumInsight)).where(col(ForumInsight.id) == insight_id)).first()
    return dict(row._mapping) if row else None


def open_recommendation(engine: Engine, recommendation_id: str) -> Snapshot:
    """The recommendation's progress as it stands now (read fresh, never from a cache)."""
    with engine.connect() as connection:
        values = _progress_values(connection, recommendation_id)
    return Snapshot("recommendation", recommendation_id, data_version(engine), values)


def open_insight(engine: Engine, insight_id: str) -> Snapshot:
    """The insight's every column as it stands now (read fresh, never from a cache)."""
    with engine.connect() as connection:
        values = _insight_values(connection, insight_id)
    if values is None:
        raise EditInvalid([("", f"there is no forum insight {insight_id!r}")])
    return Snapshot("forum insight", insight_id, data_version(engine), values)


# -- saving: each edit is a change made through the write path -----------------------------------


@dataclass(frozen=True)
class NewProgressUpdate:
    """A progress update added to the recommendation `opened`, unless its progress moved since."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        recommendation_id = self.opened.record_id
        # Under the write lock: what the analyst saw must still be what is there.
        sample = connection.scalar(
            select(col(Recommendation.illustrative)).where(col(Recommendation.id) == recommendation_id)
        )
        if sample is None or _progress_values(connection, recommendation_id) != self.opened.values:
            raise EditConflict(changed_by(connection, self.opened))
        values = as_the_record(self.values, sample)
        row = checked_row(connection, ProgressUpdate, {"id": "new", "recommendation_id": recommendation_id, **values})
        row["id"] = _next_update_id(connection, recommendation_id)
        prepared = added_row(self.opened, ProgressUpdate, row, "new progress update")
        return replace(prepared, recommendations=[recommendation_id])


@dataclass(frozen=True)
class InsightOutcome:
    """An insight's status, what was done and when it closed, unless the insight changed since `opened`."""

    opened: Snapshot
    values: dict[str, Any]
    kind: str = EDIT

    def prepare(self, connection: Connection) -> Prepared:
        if _insight_values(connection, self.opened.record_id) != self.opened.values:  # under the write lock
            raise EditConflict(changed_by(connection, self.opened))
        row = checked_row(connection, ForumInsight, self.opened.values | self.values)
        changes = {name: row[name] for name in self.values}
        refuse_unchanged(self.opened, changes, "insight")
        return changed_row(self.opened, ForumInsight, changes, "status and outcome")


def add_progress_update(
    engine: Engine,
    opened: Snapshot,
    *,
    update_date: date,
    status: str,
    percent_complete: int,
    narrative: str,
    source: str,
    actor: Actor,
    illustrative: bool | None = None,
) -> Saved:
    """Add a progress update as `actor` (an analyst or admin); `EditConflict` if its progress moved
    since `opened`, `EditInvalid` listing every problem, `NotAllowed` for a lower role. It is sample
    data when the recommendation is, unless `illustrative` says."""
    values = {
        "update_date": update_date,
        "status": status,
        "percent_complete": percent_complete,
        "narrative": narrative,
        "source": source,
        "illustrative": illustrative,
    }
    return save(engine, NewProgressUpdate(opened, values), actor)


def update_insight(
    engine: Engine,
    opened: Snapshot,
    *,
    status: str,
    we_did: str,
    closed_date: date | None,
    actor: Actor,
) -> Saved:
    """Record an insight's outcome as `actor` (an analyst or admin); `EditConflict` if the insight
    changed since `opened`, `EditInvalid` listing every problem, `NotAllowed` for a lower role."""
    values = {"status": status, "we_did": we_did, "closed_date": closed_date}
    return save(engine, InsightOutcome(opened, values), actor)


def as_the_record(values: dict[str, Any], record_illustrative: bool) -> dict[str, Any]:
    """`values` of a row added to a record, sample data when the record is, unless the form said which
    (`illustrative` None): an update of an invented recommendation is invented too."""
    if values.get("illustrative") is None:
        return values | {"illustrative": bool(record_illustrative)}
    return values


def save(engine: Engine, change: Change, actor: Actor) -> Saved:
    """Make a quick edit through the write path; what the form shows after it: the record's id and
    the new data version."""
    written = write(engine, change, actor=actor)
    return Saved(written.outcome, written.data_version)


def added_row(opened: Snapshot, model: type, row: dict[str, Any], what: str) -> Prepared:
    """A new row of `model` for the record `opened`, audited as "<what> <id> on <record>"."""
    return Prepared(
        detail=f"{what} {row['id']} on {opened.subject}",
        added=1,
        changed=0,
        removed=0,
        writes=lambda connection: connection.execute(insert(table_of(model)).values(row)),
        outcome=row["id"],
    )


def changed_row(opened: Snapshot, model: type, values: dict[str, Any], what: str) -> Prepared:
    """`values` set on the record `opened` (a row of `model`), audited as "<what> of <record>"."""
    table = table_of(model)
    statement = update(table).where(table.c.id == opened.record_id).values(values)
    return Prepared(
        detail=f"{what} of {opened.subject}",
        added=0,
        changed=1,
        removed=0,
        writes=lambda connection: connection.execute(statement),
        outcome=opened.record_id,
    )


def refuse_unchanged(opened: Snapshot, values: dict[str, Any], noun: str) -> None:
    """`EditInvalid` when `values` are what the record already holds: there is nothing to save."""
    if all(opened.values[name] == value for name, value in values.items()):
        raise EditInvalid([("", f"these are the {noun}'s current values: there is nothing to save")])


def checked_row(
    connection: Connection, model: type[SQLModel], row: dict[str, Any], *, today: date | None = None
) -> dict[str, Any]:
    """`row` of `model`'s table, every column, as the rulebook accepts it; else `EditInvalid` naming each
    field that breaks a rule, in the file reader's words.

    The edit door to the rules, for every form: text is trimmed as the file reader trims it, each
    value is checked by the table's row model, the references and the rules about a row against the
    database (on `today`, the day of the change), so a form adds no rule of its own.
    """
    spec = spec_for(model)
    row = {name: _as_entered(value, spec.kinds.get(name)) for name, value in row.items()}
    problems = [(name, NUL_TEXT) for name, value in row.items() if isinstance(value, str) and "\x00" in value]
    try:
        checked = spec.row_model.model_validate(row).__dict__
    except ValidationError as error:
        checked = None
        problems += [(str(detail["loc"][0]) if detail["loc"] else "", explain(detail)) for detail in error.errors()]
    problems += _unknown_references(connection, spec, checked or row)
    if checked is not None:
        found = row_rules.row_problems(
            spec.name,
            [checked],
            today or row_rules.today(),
            lambda rule, key: _row_of(connection, rule.parent, rule.parent_key, key),
            lambda rule: _rows_of(connection, rule.table, rule.via, checked[spec.key]),
        )
        problems += [(column, message) for _, column, message in found]
        problems += _locked_record(connection, spec, checked)
    if problems:
        order = {column: index for index, column in enumerate(spec.columns)}
        raise EditInvalid(sorted(problems, key=lambda problem: order.get(problem[0], -1)))
    assert checked is not None  # a row the model refused has problems, raised above
    return dict(checked)


def _locked_record(connection: Connection, spec: TableSpec, row: dict[str, Any]) -> list[tuple[str, str]]:
    """An edit to the record of a meeting whose minutes are confirmed (`data_model.rules.locks`)."""
    if spec.name not in locks.LOCKED_TABLES:
        return []
    meetings = [dict(meeting._mapping) for meeting in connection.execute(select(table_of(BoardMeeting)))]
    before = _row_of(connection, spec.name, spec.key, row[spec.key])
    found = locks.record_problems(
        [(None, row)],
        {} if before is None else {row[spec.key]: before},
        spec.columns,
        locks.confirmed_on(meetings),
        complete=False,
    )
    return [(column, message) for _, column, message in found]


def _as_entered(value: Any, kind: str | None) -> Any:
    """A form's value as the file reader would read the same cell: text trimmed, other text stripped."""
    if not isinstance(value, str):
        return value
    return trimmed(value) if kind == TEXT else value.strip()


def _unknown_references(connection: Connection, spec: TableSpec, row: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    for column, parent, parent_column in spec.references:
        value = row.get(column)
        if isinstance(value, str) and value and _row_of(connection, parent, parent_column, value) is None:
            where = row_rules.current_data(parent)
            problems.append((column, row_rules.unknown_reference(value, parent_column, where)))
    return problems


def _row_of(connection: Connection, table: str, column: str, value: Any) -> dict[str, Any] | None:
    rows = _rows_of(connection, table, column, value)
    return rows[0] if rows else None


def _rows_of(connection: Connection, table: str, column: str, value: Any) -> list[dict[str, Any]]:
    """The rows of a seeded table whose `column` is `value`."""
    model_table = table_of(spec_for(table).model)
    return [dict(row._mapping) for row in connection.execute(select(model_table).where(model_table.c[column] == value))]


def _next_update_id(connection: Connection, recommendation_id: str) -> str:
    """``PU-<recommendation>-NN``, one more than the highest number in use (the seed's pattern)."""
    return next_id(connection, col(ProgressUpdate.id), f"PU-{recommendation_id.removeprefix('REC-')}-")


def next_id(connection: Connection, column: Any, stem: str) -> str:
    """``<stem>NN``: one more than the highest number after `stem` among the ids in `column`."""
    used = connection.scalars(select(column).where(column.startswith(stem, autoescape=True)))
    numbers = [int(match[1]) for value in used if (match := re.fullmatch(r"(\d+)", value.removeprefix(stem)))]
    return f"{stem}{max(numbers, default=0) + 1:02d}"


def changed_by(connection: Connection, opened: Snapshot) -> str:
    """ "X changed this record at HH:MM since you opened it": the newest change that touched it."""
    change = connection.execute(
        select(col(DataLoad.actor), col(DataLoad.loaded_at))
        .where(
            col(DataLoad.id) > opened.data_version,
            (col(DataLoad.action) != EDIT) | col(DataLoad.detail).endswith(opened.subject, autoescape=True),
        )
        .order_by(col(DataLoad.id).desc())
        .limit(1)
    ).first()
    if change is None:
        return "This record changed since you opened it; reload to see the change."
    london = ZoneInfo(LONDON)
    when = change.loaded_at.astimezone(london)
    on_day = "" if when.date() == datetime.now(london).date() else f" on {when:%-d %b %Y}"
    return (
        f"{change.actor} changed this record at {when:%H:%M}{on_day} since you opened it; reload to see their change."
    )
