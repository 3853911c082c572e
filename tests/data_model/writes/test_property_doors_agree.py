"""The two doors agree: a row refused by an upload is refused by an edit, in the same words, and the reverse.

Hypothesis makes rows of six kinds from the seed's records, at and around each rule's edges: a forum
insight's outcome, a board action's update, a risk's scores, status and dates, a reassessment, a
forecast move and a progress update. Each row goes through the file door (its CSV file, as an analyst
would upload it, read by `read_tables` against the seeded database) and the edit door (the quick edit
for that record through the write path; for a risk's own fields, the `RecordUpdate` a form would make).
Both must accept it, or both refuse it naming the same columns with the same messages; and the
columns refused must be those the rules, restated here without the code under test, refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from data_model.writes.csv_files import ValidationFailed, read_tables
from data_model.writes.edits import (
    EditInvalid,
    add_progress_update,
    open_insight,
    open_recommendation,
    save,
    update_insight,
)
from data_model.writes.export import format_cell
from data_model.writes.register_edits import RecordUpdate, move_forecast, open_record, reassess_risk, update_action
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import admin, analyst
from tests.helpers.clock import TODAY
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import rows_by_key
from tests.helpers.update_files import csv_bytes, seed_rows

# The lists of values, restated from the README rather than imported.
INSIGHT_STATUSES = ("Open", "In progress", "Closed")
ACTION_STATUSES = ("Open", "Done", "Dropped")
RISK_STATUSES = ("Open", "Closed")
SCALE = ("Complete", "Green", "Amber/Green", "Amber", "Amber/Red", "Red")


@st.composite
def mostly(draw: st.DrawFn, allowed: tuple | range, *others: object) -> object:
    """An allowed value three times in four, else one of `others` (just past an edge, off the list)."""
    return draw(st.sampled_from(others if draw(st.integers(0, 3)) == 3 else allowed))


SCORES = mostly(range(1, 6), 0, 6)
SOURCE = "Board minutes"
TEXTS = st.sampled_from(["", "   ", "Leaflet rewritten with the forum.", '=HYPERLINK("http://x","y")', "  =1+1"])


@dataclass(frozen=True)
class Case:
    """One row for both doors: as the file holds it, as the edit makes it, and what the rules refuse."""

    file: str
    row: dict[str, Any]  # every column, as python values
    new: bool  # a new row of the file, or a change to the row with its id
    edit: Callable[[Engine], object]
    refused: frozenset[str]  # the columns the rules, restated below, refuse


def near(draw: st.DrawFn, *anchors: date | None) -> date:
    """A day at one of the rules' edges (an anchor, or a day either side), or a month off."""
    anchor = draw(st.sampled_from([anchor for anchor in anchors if anchor is not None]))
    return anchor + timedelta(days=draw(st.sampled_from([0, 1, -1, 30, -30])))


def closed_for(draw: st.DrawFn, status: str, closing: tuple[str, ...], *anchors: date | None) -> date | None:
    """Mostly a closed date that goes with the status (none unless it closes), else either at random."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.none()) if draw(st.booleans()) else near(draw, *anchors)
    return near(draw, *anchors) if status in closing else None


def after_today(day: date | None) -> bool:
    return day is not None and day > TODAY


def closing_refused(status: str, closed: date | None, closing: tuple[str, ...], raised: date | None = None) -> bool:
    """A closed date is needed by a closing status and by nothing else, and falls between raising and today."""
    if (status in closing) != (closed is not None):
        return True
    return closed is not None and (after_today(closed) or (raised is not None and closed < raised))


def off_list(**values: tuple[Any, tuple | range]) -> frozenset[str]:
    """The columns whose value is not among those allowed (the table's model refuses them all at once)."""
    return frozenset(column for column, (value, allowed) in values.items() if value not in allowed)


def broken(**conditions: bool) -> frozenset[str]:
    """The columns whose rule is broken."""
    return frozenset(column for column, is_broken in conditions.items() if is_broken)


def on_sample(values: dict, parent: dict) -> bool:
    """A row from the documents added under a sample record: nothing documented rests on sample data."""
    return not values["illustrative"] and bool(parent["illustrative"])


def new_row(file: str, kind: str, record_id: str, values: dict, add: Callable[..., object], refused) -> Case:
    """A row added under a record of `kind` (a risk's reassessment, a milestone's forecast move, a
    recommendation's progress update): in its file, or by `add`, the quick edit, on the opened record."""

    def edit(engine: Engine) -> object:
        if kind == "recommendation":
            return add(engine, open_recommendation(engine, record_id), actor=analyst(), **values)
        return add(engine, open_record(engine, kind, record_id), actor=analyst(), **values)

    row = {"id": "DOORS-NEW", f"{kind}_id": record_id, "illustrative": False, **values}
    return Case(file, row, True, edit, refused)


@st.composite
def insight_outcomes(draw: st.DrawFn, records: dict) -> Case:
    insight = draw(st.sampled_from(records["forum_insight"]))
    status, we_did = draw(mostly(INSIGHT_STATUSES, "Shelved")), draw(TEXTS)
    closed = closed_for(draw, status, ("Closed",), insight["raised_date"], TODAY)
    assume((status, we_did.strip(), closed) != (insight["status"], insight["we_did"], insight["closed_date"]))
    refused = off_list(status=(status, INSIGHT_STATUSES)) or broken(
        we_did=status == "Closed" and not we_did.strip(),
        closed_date=closing_refused(status, closed, ("Closed",), insight["raised_date"]),
    )
    values = {"status": status, "we_did": we_did, "closed_date": closed}
    return Case(
        "forum_insight.csv",
        insight | values,
        False,
        lambda engine: update_insight(engine, open_insight(engine, insight["id"]), actor=analyst(), **values),
        refused,
    )


@st.composite
def action_updates(draw: st.DrawFn, records: dict) -> Case:
    action = draw(st.sampled_from(records["board_action"]))
    status, latest = draw(mostly(ACTION_STATUSES, "Cancelled")), draw(TEXTS)
    closed = closed_for(draw, status, ("Done", "Dropped"), min(action["due_date"], TODAY), TODAY)
    assume((status, closed, latest.strip()) != (action["status"], action["closed_date"], action["latest_update"]))
    refused = off_list(status=(status, ACTION_STATUSES)) or broken(
        closed_date=closing_refused(status, closed, ("Done", "Dropped"))
    )
    values = {"status": status, "closed_date": closed, "latest_update": latest}
    return Case(
        "board_action.csv",
        action | values,
        False,
        lambda engine: update_action(
            engine, open_record(engine, "board action", action["id"]), actor=analyst(), **values
        ),
        refused,
    )


@st.composite
def risk_changes(draw: st.DrawFn, records: dict) -> Case:
    risk = draw(st.sampled_from(records["risk"]))
    assessed = [row["assessed_on"] for row in records["risk_assessment"] if row["risk_id"] == risk["id"]]
    raised = draw(mostly((risk["raised_date"],), near(draw, risk["raised_date"], TODAY, min(assessed, default=None))))
    status = draw(mostly(RISK_STATUSES, "Archived"))
    values = {
        "likelihood": draw(SCORES),
        "impact": draw(SCORES),
        "status": status,
        "raised_date": raised,
        "closed_date": closed_for(draw, status, ("Closed",), raised, TODAY),
    }
    assume(any(risk[column] != value for column, value in values.items()))
    refused = off_list(
        likelihood=(values["likelihood"], range(1, 6)),
        impact=(values["impact"], range(1, 6)),
        status=(status, RISK_STATUSES),
    ) or broken(
        raised_date=after_today(raised) or any(day < raised for day in assessed),
        closed_date=closing_refused(status, values["closed_date"], ("Closed",), raised),
    )
    return Case(
        "risk.csv",
        risk | values,
        False,
        lambda engine: save(engine, RecordUpdate(open_record(engine, "risk", risk["id"]), values, "scores"), analyst()),
        refused,
    )


@st.composite
def reassessments(draw: st.DrawFn, records: dict) -> Case:
    risk = draw(st.sampled_from(records["risk"]))
    assessed_on = near(draw, risk["raised_date"], TODAY)
    values = {
        "assessed_on": assessed_on,
        "likelihood": draw(SCORES),
        "impact": draw(SCORES),
        "note": "",
        "source": SOURCE,
        "illustrative": draw(st.booleans()),
    }
    refused = off_list(
        likelihood=(values["likelihood"], range(1, 6)), impact=(values["impact"], range(1, 6))
    ) or broken(
        assessed_on=after_today(assessed_on) or assessed_on < risk["raised_date"], risk_id=on_sample(values, risk)
    )
    return new_row("risk_assessment.csv", "risk", risk["id"], values, reassess_risk, refused)


@st.composite
def forecast_moves(draw: st.DrawFn, records: dict) -> Case:
    milestone = draw(st.sampled_from(records["milestone"]))
    changed_on = near(draw, milestone["baselined_on"], milestone["actual_date"], TODAY)
    forecast = draw(st.none()) if draw(st.integers(0, 5)) == 0 else near(draw, milestone["baseline_date"])
    actual = milestone["actual_date"]
    values = {
        "changed_on": changed_on,
        "forecast_date": forecast,
        "note": "",
        "source": SOURCE,
        "illustrative": draw(st.booleans()),
    }
    refused = broken(forecast_date=forecast is None) or broken(
        changed_on=after_today(changed_on)
        or changed_on < milestone["baselined_on"]
        or (actual is not None and changed_on > actual),
        milestone_id=on_sample(values, milestone),
    )
    return new_row("milestone_forecast.csv", "milestone", milestone["id"], values, move_forecast, refused)


@st.composite
def progress_updates(draw: st.DrawFn, records: dict) -> Case:
    recommendation = draw(st.sampled_from(records["recommendation"]))
    values = {
        "update_date": near(draw, TODAY),
        "status": draw(mostly(SCALE, "Purple")),
        "percent_complete": draw(mostly((0, 55, 100), -1, 101)),
        "narrative": draw(TEXTS),
        "source": draw(mostly((SOURCE,), "", "  ")),
        "illustrative": draw(st.booleans()),
    }
    refused = off_list(
        status=(values["status"], SCALE), percent_complete=(values["percent_complete"], range(101))
    ) | broken(source=not values["source"].strip()) or broken(
        update_date=after_today(values["update_date"]), recommendation_id=on_sample(values, recommendation)
    )
    return new_row("progress_update.csv", "recommendation", recommendation["id"], values, add_progress_update, refused)


KINDS = (insight_outcomes, action_updates, risk_changes, reassessments, forecast_moves, progress_updates)


# -- the two doors ------------------------------------------------------------------------------------


def through_the_file(engine: Engine, case: Case) -> list[tuple[str, str]]:
    """The row in its seed file (changed in place, or added at the end), read as an upload reads it."""
    header, rows = seed_rows(case.file)
    cells = {column: format_cell(value) for column, value in case.row.items()}
    if case.new:
        rows.append(cells)
        number = len(rows) + 1
    else:
        index = next(index for index, row in enumerate(rows) if row["id"] == case.row["id"])
        rows[index] = cells
        number = index + 2
    try:
        read_tables({case.file: csv_bytes(header, rows)}, existing=engine)
    except ValidationFailed as failure:
        assert {problem.row for problem in failure.problems} == {number}, failure
        return sorted((problem.column or "", problem.message) for problem in failure.problems)
    return []


def through_the_edit(engine: Engine, case: Case) -> list[tuple[str, str]]:
    """The same change as a quick edit through the write path; a saved one is undone (the seed file again)."""
    try:
        case.edit(engine)
    except EditInvalid as invalid:
        return sorted(invalid.problems)
    upload(engine, {case.file: (SEED_DIR / case.file).read_bytes()}, actor=admin())
    return []


class Records(dict):
    """The seed's rows the cases are made from, by table (shown short in Hypothesis's reports)."""

    def __repr__(self) -> str:
        return "Records(seed)"


@pytest.fixture
def seeded(engine: Engine) -> tuple[Engine, Records]:
    load_directory(engine, SEED_DIR, actor=analyst())
    tables = ("forum_insight", "board_action", "risk", "risk_assessment", "milestone", "recommendation")
    return engine, Records({table: list(rows_by_key(engine, table).values()) for table in tables})


def test_the_file_door_and_the_edit_door_give_the_same_verdict_in_the_same_words(seeded) -> None:
    engine, records = seeded
    seen: dict[str, list[bool]] = {}

    @settings(
        max_examples=200,
        derandomize=True,  # the same 200 rows each run: the closing check (every kind both ways) cannot flake
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=st.one_of(*(kind(records) for kind in KINDS)))
    def doors_agree(case: Case) -> None:
        by_file = through_the_file(engine, case)
        by_edit = through_the_edit(engine, case)
        assert by_file == by_edit
        assert {column for column, _ in by_file} == case.refused, by_file
        seen.setdefault(case.file, []).append(bool(by_file))

    doors_agree()
    assert len(seen) == len(KINDS) and all(set(verdicts) == {True, False} for verdicts in seen.values()), seen
