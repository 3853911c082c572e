"""The lock on confirmed minutes: once the next board confirms a meeting's minutes as a true record,
that meeting's agenda, attendance and decisions no longer change.

Every door applies it: a load or an upload whose files would add, change or remove such a row is
refused naming the file and row, as is an edit; the confirmation itself (the meeting's minutes
status, the meeting that confirmed them, its date) is locked too. The actions a meeting agreed are
not: they still move on (done, dropped, a latest update) after the minutes are confirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

Row = Mapping[str, Any]

LOCKED_TABLES = ("agenda_item", "board_attendance", "board_decision")
"""The tables whose rows belong to a meeting's confirmed record."""

LOCKED_MEETING_COLUMNS = ("meeting_date", "minutes_status", "minutes_confirmed_by")
"""What of a confirmed meeting's own row is part of its record."""


def confirmed_on(meetings: Iterable[Row]) -> dict[str, date]:
    """Each meeting whose minutes are Confirmed, with the day of the meeting that confirmed them."""
    rows = list(meetings)
    days: dict[str, date] = {row["id"]: row["meeting_date"] for row in rows}
    return {
        row["id"]: days[row["minutes_confirmed_by"]] if row["minutes_confirmed_by"] in days else row["meeting_date"]
        for row in rows
        if row["minutes_status"] == "Confirmed"
    }


def locked_message(meeting_id: str, day: date) -> str:
    """What is said of a change to a confirmed meeting's record."""
    return (
        f"the minutes of {meeting_id!r} were confirmed: minutes confirmed on {day.isoformat()}, "
        "so its agenda, attendance and decisions no longer change"
    )


def record_problems(
    rows: Sequence[tuple[int | None, Row]],
    before: Mapping[str, Row],
    columns: Sequence[str],
    locked: Mapping[str, date],
    *,
    complete: bool,
) -> list[tuple[int | None, str, str]]:
    """(row number, column, message) for each row of an agenda, attendance or decision table that
    would change the record of a meeting in `locked`.

    `rows` are the rows given with their row numbers, `before` the table's rows in the database by id.
    With `complete` (a file replaces the table) a database row left out is a removal, said with no row.
    """
    problems: list[tuple[int | None, str, str]] = []
    for number, row in rows:
        old = before.get(row["id"])
        if old is not None and all(old[column] == row[column] for column in columns):
            continue
        for meeting in (row["meeting_id"], old["meeting_id"] if old is not None else None):
            if meeting is not None and meeting in locked:
                problems.append((number, "meeting_id", locked_message(meeting, locked[meeting])))
                break
    if complete:
        given = {row["id"] for _, row in rows}
        for key, old in before.items():
            if key not in given and old["meeting_id"] in locked:
                message = f"{key!r} is left out, but {locked_message(old['meeting_id'], locked[old['meeting_id']])}"
                problems.append((None, "id", message))
    return problems


def meeting_problems(
    rows: Sequence[tuple[int | None, Row]], before: Mapping[str, Row], locked: Mapping[str, date]
) -> list[tuple[int | None, str, str]]:
    """(row number, column, message) for each confirmed meeting whose confirmation or date would change."""
    problems: list[tuple[int | None, str, str]] = []
    for number, row in rows:
        old = before.get(row["id"])
        if old is None or row["id"] not in locked:
            continue
        for column in LOCKED_MEETING_COLUMNS:
            if old[column] != row[column]:
                problems.append((number, column, locked_message(row["id"], locked[row["id"]])))
                break
    return problems
