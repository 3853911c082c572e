"""How a row holds together: its values with each other, with the day of the change, with the row it names.

Each rule is a small function saying in words what is wrong with one column of a row, or None.
`ROW_RULES` read a row alone and the day of the change (nothing that has happened is dated after
it); `PARENT_RULES` read a row with the row it names (a forecast change with its milestone, a
reassessment with its risk) and hold whichever of the two changes. `problems` applies them for
every door: the file reader hands it each file's rows, an edit the one row it would write; a door
only says where the other rows are (in the files, or in the database). The values are already
checked by the table's model (`values`), so a rule reads typed values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from data_model.tables import DECISION_CONCERNS
from data_model.typed_sql import table_name

Row = Mapping[str, Any]
RowCheck = Callable[[Row, date], "str | None"]
ParentCheck = Callable[[Row, Row], "str | None"]


def today() -> date:
    """The day of the change: a date of something that has happened may not be after it."""
    return date.today()


def _words(column: str) -> str:
    return column.replace("_", " ")


def _a(words: str) -> str:
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


# -- rules about a row alone ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowRule:
    """A rule about `column` of a row of `table`: `check(row, today)` says what is wrong, or None."""

    table: str
    column: str
    check: RowCheck


def not_after_today(table: str, column: str, why: str) -> RowRule:
    """The day in `column` (when something happened) is not after the day of the change."""

    def check(row: Row, today: date) -> str | None:
        value = row[column]
        if value is None or value <= today:
            return None
        return f"{value.isoformat()} is after today ({today.isoformat()}): {why}"

    return RowRule(table, column, check)


def dated_when(table: str, column: str, statuses: tuple[str, ...], noun: str, event: str) -> RowRule:
    """A row (a `noun`) whose status is one of `statuses` gives the day of its `event` in `column`; only such
    a row has one."""

    def check(row: Row, _today: date) -> str | None:
        status, value = row["status"], row[column]
        if status in statuses and value is None:
            return f"the status is {status} but the {_words(column)} is empty: give the date it {event}"
        if status not in statuses and value is not None:
            return f"only {_a(' or '.join(statuses))} {noun} has {_a(_words(column))} (this one is {status})"
        return None

    return RowRule(table, column, check)


def not_before_raised(table: str) -> RowRule:
    """A row closes on or after the day it was raised."""

    def check(row: Row, _today: date) -> str | None:
        closed, raised = row["closed_date"], row["raised_date"]
        if closed is None or closed >= raised:
            return None
        return f"{closed.isoformat()} is before the raised date ({raised.isoformat()}): it closes on or after that day"

    return RowRule(table, "closed_date", check)


def we_did_when_closed(row: Row, _today: date) -> str | None:
    """A Closed insight says what was done about it ("you said, we did")."""
    if row["status"] == "Closed" and not row["we_did"]:
        return "a Closed insight needs what was done about it (we did)"
    return None


def belongs_to_decision_or_forum(row: Row, _today: date) -> str | None:
    """A milestone is a decision's or a forum's."""
    if row["decision_ref"] is None and row["forum_id"] is None:
        return "a milestone belongs to a decision or a forum: give decision_ref or forum_id"
    return None


def numerator_within_denominator(row: Row, _today: date) -> str | None:
    """A compliance return counts no more victims served than it asked about."""
    if row["numerator"] > row["denominator"]:
        return f"{row['numerator']} is larger than the denominator ({row['denominator']})"
    return None


def confirmed_by_a_meeting(row: Row, _today: date) -> str | None:
    """Confirmed minutes name the meeting that confirmed them; draft minutes name none."""
    status, confirmed_by = row["minutes_status"], row["minutes_confirmed_by"]
    if status == "Confirmed" and confirmed_by is None:
        return "the minutes are Confirmed but minutes_confirmed_by is empty: give the meeting that confirmed them"
    if status != "Confirmed" and confirmed_by is not None:
        return f"only Confirmed minutes name the meeting that confirmed them (these are {status})"
    return None


def concerns_one_record(row: Row, _today: date) -> str | None:
    """A decision of the board concerns one record at most (a decision, risk, recommendation, milestone or forum)."""
    named = [column for column, _ in DECISION_CONCERNS if row[column] is not None]
    if len(named) > 1:
        return f"a decision of the board concerns one record at most, but this row names {' and '.join(named)}"
    return None


def period_has_start(row: Row, _today: date) -> str | None:
    """A condition counted by contract year, or running for a number of months, says from which day."""
    if row["period_start"] is not None:
        return None
    if row["counted"] == "contract year":
        return "a condition counted by contract year needs the day its first year starts (period_start)"
    if row["period_months"] is not None and row["kind"] != "term":
        return "a period of months needs the day it starts (period_start)"
    return None


def amount_for_money(row: Row, _today: date) -> str | None:
    """A condition on money gives its amount; a term limits time and has none."""
    if row["kind"] != "term" and row["amount"] is None:
        return f"a {row['kind']} condition limits money: give its amount"
    return None


def term_has_length(row: Row, _today: date) -> str | None:
    """A term says how many months it runs."""
    if row["kind"] == "term" and row["period_months"] is None:
        return "a term gives its length in months (period_months)"
    return None


ROW_RULES: tuple[RowRule, ...] = (
    not_after_today("spend", "spend_date", "a payment is recorded once it is made"),
    not_after_today("forum_insight", "raised_date", "an insight is raised on a day that has passed"),
    RowRule("forum_insight", "we_did", we_did_when_closed),
    dated_when("forum_insight", "closed_date", ("Closed",), "insight", "closed"),
    not_before_raised("forum_insight"),
    not_after_today("forum_insight", "closed_date", "an insight closes on a day that has passed"),
    not_after_today("progress_update", "update_date", "an update reports what has happened"),
    RowRule("compliance_measure", "numerator", numerator_within_denominator),
    not_after_today("risk", "raised_date", "a risk is raised on a day that has passed"),
    dated_when("risk", "closed_date", ("Closed",), "risk", "closed"),
    not_before_raised("risk"),
    not_after_today("risk", "closed_date", "a risk closes on a day that has passed"),
    not_after_today("risk_assessment", "assessed_on", "a risk is reassessed on a day that has passed"),
    RowRule("milestone", "decision_ref", belongs_to_decision_or_forum),
    dated_when("milestone", "actual_date", ("Achieved",), "milestone", "was achieved"),
    not_after_today(
        "milestone", "actual_date", "a milestone is achieved on a day that has passed; a later date is a forecast"
    ),
    not_after_today("milestone_forecast", "changed_on", "a forecast moves on a day that has passed"),
    dated_when("board_action", "closed_date", ("Done", "Dropped"), "action", "closed"),
    not_after_today("board_action", "closed_date", "an action closes on a day that has passed"),
    RowRule("board_meeting", "minutes_confirmed_by", confirmed_by_a_meeting),
    RowRule("board_decision", "decision_ref", concerns_one_record),
    RowRule("decision_condition", "period_start", period_has_start),
    RowRule("decision_condition", "amount", amount_for_money),
    RowRule("decision_condition", "period_months", term_has_length),
)
"""Every rule about a row alone, by table; where several find fault with one column, the first is said."""


# -- rules between a row and the row it names -----------------------------------------------------


@dataclass(frozen=True)
class ParentRule:
    """A rule between `column` of a row of `table` and `parent_column` of the `parent` row it names
    in `via` (by the parent's id): `check(row, parent)` says what is wrong, or None."""

    table: str
    column: str
    parent: str
    via: str
    parent_column: str
    check: ParentCheck
    parent_key: str = "id"
    """The parent's key column, the one `via` holds."""

    def broken_by_parent(self, child: Row, message: str) -> str:
        """What is said of a parent row whose change would break `child`, a row left as it is."""
        return f"{self.table} {child['id']!r} in {current_data(self.table)}: {message}"


def within_parent(
    table: str, column: str, parent: str, via: str, parent_column: str, *, on_or_after: bool, event: str, why: str
) -> ParentRule:
    """The day in `column` is on or after (else on or before) the day its parent was `event`, in `parent_column`
    (a parent without that day yet, a milestone not achieved, sets no bound)."""

    def check(row: Row, parent_row: Row) -> str | None:
        day, bound = row[column], parent_row[parent_column]
        if bound is None or (day >= bound if on_or_after else day <= bound):
            return None
        side = "before" if on_or_after else "after"
        return f"{day.isoformat()} is {side} {parent} {parent_row['id']!r} was {event} ({bound.isoformat()}): {why}"

    return ParentRule(table, column, parent, via, parent_column, check)


def rests_on_documented(via: str) -> ParentCheck:
    """A row the documents give (not illustrative) names in `via` no sample row: "documented figures only"
    can then leave every sample row out without leaving a documented one without the row it belongs to."""

    def check(row: Row, parent_row: Row) -> str | None:
        if row["illustrative"] or not parent_row["illustrative"]:
            return None
        return (
            f"this row is from the documents but names {row[via]!r}, which is illustrative sample data: "
            "mark this row illustrative too, or give that row its documented source"
        )

    return check


def _documented_parents() -> tuple[ParentRule, ...]:
    """`rests_on_documented` for every reference between the board's tables."""
    from data_model.tables import SEED_TABLES, references  # the schema says which column names which row

    return tuple(
        ParentRule(
            table=table_name(model),
            column=column,
            parent=parent,
            via=column,
            parent_column="illustrative",
            check=rests_on_documented(column),
            parent_key=parent_column,
        )
        for model in SEED_TABLES
        for column, parent, parent_column in references(model)
    )


PARENT_RULES: tuple[ParentRule, ...] = (
    within_parent(
        "risk_assessment",
        "assessed_on",
        "risk",
        "risk_id",
        "raised_date",
        on_or_after=True,
        event="raised",
        why="a risk is reassessed from the day it was raised",
    ),
    within_parent(
        "milestone_forecast",
        "changed_on",
        "milestone",
        "milestone_id",
        "baselined_on",
        on_or_after=True,
        event="baselined",
        why="a forecast can only move once there is a baseline",
    ),
    within_parent(
        "milestone_forecast",
        "changed_on",
        "milestone",
        "milestone_id",
        "actual_date",
        on_or_after=False,
        event="achieved",
        why="its forecast no longer moves",
    ),
)


def later_meeting(row: Row, parent_row: Row) -> str | None:
    """Minutes are confirmed at a later meeting than the one they record."""
    if parent_row["meeting_date"] > row["meeting_date"]:
        return None
    return (
        f"{parent_row['id']!r} met on {parent_row['meeting_date'].isoformat()}, not after this meeting "
        f"({row['meeting_date'].isoformat()}): minutes are confirmed at a later meeting"
    )


def same_meeting(row: Row, parent_row: Row) -> str | None:
    """A decision of the board is taken against an item of its own meeting's agenda."""
    if parent_row["meeting_id"] == row["meeting_id"]:
        return None
    return (
        f"agenda item {parent_row['id']!r} is on the agenda of {parent_row['meeting_id']!r}, "
        f"not of {row['meeting_id']!r}: a decision is taken against an item of its own meeting"
    )


PARENT_RULES += (
    ParentRule(
        "board_meeting", "minutes_confirmed_by", "board_meeting", "minutes_confirmed_by", "meeting_date", later_meeting
    ),
    ParentRule("board_decision", "agenda_item_id", "agenda_item", "agenda_item_id", "meeting_id", same_meeting),
)
PARENT_RULES += _documented_parents()
"""Every rule between a row and the row it names."""


def current_data(table: str) -> str:
    """How a message names the rows of `table` in the database, as against those in a file."""
    return f"the current {table} data"


def unknown_reference(value: Any, parent_column: str, where: str) -> str:
    """A reference to a row that is not there (`where`: a file, or the `current_data` of a table)."""
    return f"{value!r} does not match any {parent_column} in {where}"


# -- applying them --------------------------------------------------------------------------------

ParentOf = Callable[[ParentRule, Any], "Row | None"]
ChildrenOf = Callable[[ParentRule], "Iterable[Row] | None"]


def row_problems(
    table: str,
    rows: Sequence[Row],
    today: date,
    parent_of: ParentOf,
    children_of: ChildrenOf,
) -> list[tuple[int, str, str]]:
    """What the rules find wrong with `rows` of `table`, as (index of the row, column, message).

    `parent_of(rule, key)` is the row the rule's `via` names (None when there is none: a reference
    problem, said apart). `children_of(rule)` is the rows of `rule.table` that name rows of `table`
    and are not checked with them (the database's, for a change that leaves that table alone), or
    None when there are none to check. One problem per column of a row: the first rule's.
    """
    found: dict[tuple[int, str], str] = {}
    for rule in ROW_RULES:
        if rule.table == table:
            check, column = rule.check, rule.column
            for index, row in enumerate(rows):
                if (message := check(row, today)) is not None:
                    found.setdefault((index, column), message)
    for parent_rule in PARENT_RULES:
        if parent_rule.table == table:
            for index, row in enumerate(rows):
                parent = parent_of(parent_rule, row[parent_rule.via])
                if parent is not None and (message := parent_rule.check(row, parent)) is not None:
                    found.setdefault((index, parent_rule.column), message)
        elif parent_rule.parent == table and (children := children_of(parent_rule)) is not None:
            position = {row[parent_rule.parent_key]: index for index, row in enumerate(rows)}
            for child in children:
                child_index = position.get(child[parent_rule.via])
                if child_index is not None and (message := parent_rule.check(child, rows[child_index])) is not None:
                    found.setdefault(
                        (child_index, parent_rule.parent_column), parent_rule.broken_by_parent(child, message)
                    )
    return [(index, column, message) for (index, column), message in found.items()]
