"""Every rule about a row, on both sides of its edge, at the file door; and the rules between rows both ways.

Each case changes the minimal set (one row per table) and reads it as a load does: the changes in
`accepted` load, each in `refused` is refused with exactly one problem, on the rule's column of the
changed row. A test walks the rulebook so that no rule goes without its edges.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.rules.rows import PARENT_RULES, ROW_RULES
from data_model.rules.rows import today as the_machine_s_today
from data_model.writes.csv_files import SPECS, ValidationFailed, read_directory, read_tables
from data_model.writes.edits import EditInvalid
from data_model.writes.register_edits import open_record, record_actual
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import analyst
from tests.helpers.clock import TODAY, TOMORROW
from tests.helpers.minimal_set import snapshot, write_set
from tests.helpers.update_files import table_files

Changes = dict[str, dict[str, object] | None]  # table -> column -> new value, for its first row (None: no rows)


@dataclass(frozen=True)
class Edge:
    table: str
    column: str
    rule: str  # the rule's function as the rulebook names it; for a rule between rows, the parent's column
    accepted: list[Changes] = field(default_factory=list)
    refused: list[Changes] = field(default_factory=list)


CLOSED_INSIGHT = {"status": "Closed", "we_did": "Leaflet rewritten."}  # FI1 was raised on 2025-06-01
RAISED_INSIGHT = date(2025, 6, 1)
RISK_RAISED = date(2025, 5, 1)  # K1, reassessed (RA1) on 2025-08-01
BASELINED = date(2025, 4, 1)  # M1, its forecast moved (MF1) on 2025-06-01


def up_to_today(table: str, column: str, **others: object) -> Edge:
    """A day that has passed may be today, not tomorrow (`others`: what else the row needs)."""
    return Edge(
        table,
        column,
        "not_after_today",
        [{table: others | {column: TODAY}}],
        [{table: others | {column: TOMORROW}}],
    )


def from_day(table: str, column: str, rule: str, first: date, **others: object) -> Edge:
    """A day on or after the `first` it may be, not the day before."""
    return Edge(
        table,
        column,
        rule,
        [{table: others | {column: first}}],
        [{table: others | {column: first - timedelta(days=1)}}],
    )


def within(table: str, column: str, lowest: object, highest: object, below: object, above: object) -> Edge:
    """A value's range, from both ends."""
    return Edge(
        table,
        column,
        "range",
        [{table: {column: lowest}}, {table: {column: highest}}],
        [{table: {column: below}}, {table: {column: above}}],
    )


def achieved(on: date) -> Changes:
    return {"milestone": {"status": "Achieved", "actual_date": on}}


EDGES = [
    up_to_today("spend", "spend_date"),
    up_to_today("forum_insight", "raised_date"),
    Edge(
        "forum_insight",
        "we_did",
        "we_did_when_closed",
        [{"forum_insight": CLOSED_INSIGHT | {"closed_date": TODAY}}],
        [{"forum_insight": CLOSED_INSIGHT | {"closed_date": TODAY, "we_did": "  "}}],
    ),
    Edge(
        "forum_insight",
        "closed_date",
        "dated_when",
        [{"forum_insight": CLOSED_INSIGHT | {"closed_date": TODAY}}, {"forum_insight": {"status": "In progress"}}],
        [{"forum_insight": CLOSED_INSIGHT}, {"forum_insight": {"status": "In progress", "closed_date": TODAY}}],
    ),
    from_day("forum_insight", "closed_date", "not_before_raised", RAISED_INSIGHT, **CLOSED_INSIGHT),
    up_to_today("forum_insight", "closed_date", **CLOSED_INSIGHT),
    up_to_today("progress_update", "update_date"),
    Edge(
        "compliance_measure",
        "numerator",
        "numerator_within_denominator",
        [{"compliance_measure": {"numerator": 100}}],  # of 100
        [{"compliance_measure": {"numerator": 101}}],
    ),
    Edge(
        "risk",
        "raised_date",
        "not_after_today",
        [{"risk": {"raised_date": TODAY}, "risk_assessment": None}],
        [{"risk": {"raised_date": TOMORROW}, "risk_assessment": None}],
    ),
    Edge(
        "risk",
        "closed_date",
        "dated_when",
        [{"risk": {"status": "Closed", "closed_date": TODAY}}],
        [{"risk": {"status": "Closed"}}, {"risk": {"closed_date": TODAY}}],
    ),
    from_day("risk", "closed_date", "not_before_raised", RISK_RAISED, status="Closed"),
    up_to_today("risk", "closed_date", status="Closed"),
    up_to_today("risk_assessment", "assessed_on"),
    from_day("risk_assessment", "assessed_on", "raised_date", RISK_RAISED),
    Edge(
        "milestone",
        "decision_ref",
        "belongs_to_decision_or_forum",
        [{"milestone": {"decision_ref": None}}, {"milestone": {"forum_id": None}}],
        [{"milestone": {"decision_ref": None, "forum_id": None}}],
    ),
    Edge(
        "milestone",
        "actual_date",
        "dated_when",
        [achieved(TODAY)],
        [{"milestone": {"status": "Achieved"}}, {"milestone": {"actual_date": TODAY}}],
    ),
    up_to_today("milestone", "actual_date", status="Achieved"),
    up_to_today("milestone_forecast", "changed_on"),
    from_day("milestone_forecast", "changed_on", "baselined_on", BASELINED),
    Edge(
        "milestone_forecast",
        "changed_on",
        "actual_date",
        [achieved(date(2025, 6, 1))],  # the day its forecast last moved
        [achieved(date(2025, 5, 31))],
    ),
    Edge(
        "board_action",
        "closed_date",
        "dated_when",
        [{"board_action": {"status": "Dropped"}}, {"board_action": {"status": "Open", "closed_date": None}}],
        [
            {"board_action": {"closed_date": None}},
            {"board_action": {"status": "Dropped", "closed_date": None}},
            {"board_action": {"status": "Open"}},
        ],
    ),
    up_to_today("board_action", "closed_date"),
    Edge(
        "board_meeting",
        "minutes_confirmed_by",
        "confirmed_by_a_meeting",
        [{"board_meeting": {"minutes_status": "Confirmed", "minutes_confirmed_by": "BM5"}}],
        [{"board_meeting": {"minutes_status": "Confirmed"}}, {"board_meeting": {"minutes_confirmed_by": "BM5"}}],
    ),
    Edge(  # BM1 met on 2025-05-01, BM5 on 2025-07-01: minutes are confirmed at a later meeting
        "board_meeting",
        "minutes_confirmed_by",
        "meeting_date",
        [
            {
                "board_meeting": {
                    "minutes_status": "Confirmed",
                    "minutes_confirmed_by": "BM5",
                    "meeting_date": date(2025, 6, 30),
                }
            }
        ],
        [
            {
                "board_meeting": {
                    "minutes_status": "Confirmed",
                    "minutes_confirmed_by": "BM5",
                    "meeting_date": date(2025, 7, 1),
                }
            }
        ],
    ),
    Edge(
        "board_decision",
        "decision_ref",
        "concerns_one_record",
        [{"board_decision": {"decision_ref": "PCD 1"}}, {"board_decision": {"risk_id": "K1", "illustrative": True}}],
        [{"board_decision": {"decision_ref": "PCD 1", "risk_id": "K1", "illustrative": True}}],
    ),
    Edge(  # AI1 is on BM1's agenda
        "board_decision",
        "agenda_item_id",
        "meeting_id",
        [{"board_decision": {"meeting_id": "BM1"}}],
        [{"board_decision": {"meeting_id": "BM5"}}],
    ),
    Edge(
        "decision_condition",
        "period_start",
        "period_has_start",
        [
            {"decision_condition": {"counted": "contract year", "period_start": BASELINED}},
            {"decision_condition": {"period_months": 12, "period_start": BASELINED}},
            {"decision_condition": {"kind": "term", "period_months": 30}},  # a term may wait for its start
        ],
        [{"decision_condition": {"counted": "contract year"}}, {"decision_condition": {"period_months": 12}}],
    ),
    Edge(
        "decision_condition",
        "amount",
        "amount_for_money",
        [
            {"decision_condition": {"amount": 0}},
            {"decision_condition": {"kind": "term", "amount": None, "period_months": 30}},
        ],
        [{"decision_condition": {"amount": None}}, {"decision_condition": {"kind": "uplift", "amount": None}}],
    ),
    Edge(
        "decision_condition",
        "period_months",
        "term_has_length",
        [{"decision_condition": {"kind": "term", "period_months": 1}}],
        [{"decision_condition": {"kind": "term"}}],
    ),
    # Rules of one value, stated with the columns (data_model.tables): ranges at both ends.
    within("risk", "likelihood", 1, 5, 0, 6),
    within("risk_assessment", "impact", 1, 5, 0, 6),
    within("risk", "target_score", 1, 25, 0, 26),
    within("progress_update", "percent_complete", 0, 100, -1, 101),
    within("board_meeting", "meeting_date", date(2000, 1, 1), date(2100, 12, 31), date(1999, 12, 31), date(2101, 1, 1)),
]


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return read_directory(write_set(tmp_path_factory.mktemp("minimal")))


def problems_of(minimal: dict[str, list[dict]], changes: Changes) -> list[tuple[str, int | None, str | None]]:
    """Where the file door finds problems in the minimal set with `changes` made to each table's first row."""
    tables = copy.deepcopy(minimal)
    for table, values in changes.items():
        if values is None:
            tables[table] = []
        else:
            tables[table][0].update(values)
    try:
        read_tables(table_files(tables), today=TODAY)
    except ValidationFailed as failure:
        return [(problem.file, problem.row, problem.column) for problem in failure.problems]
    return []


@pytest.mark.parametrize("edge", EDGES, ids=[f"{edge.table}.{edge.column} {edge.rule}" for edge in EDGES])
def test_each_rule_accepts_its_edge_and_refuses_just_past_it(minimal, edge: Edge) -> None:
    for changes in edge.accepted:
        assert problems_of(minimal, changes) == [], changes
    for changes in edge.refused:
        assert problems_of(minimal, changes) == [(SPECS[edge.table].file_name, 2, edge.column)], changes


ON_DOCUMENTED = [rule for rule in PARENT_RULES if rule.check.__qualname__.startswith("rests_on_documented.")]
"""Every reference between the tables: nothing the documents say rests on sample data."""


def test_every_rule_in_the_rulebook_has_its_edges_tested() -> None:
    named = {(rule.table, rule.column, rule.check.__qualname__.split(".")[0]) for rule in ROW_RULES}
    named |= {(rule.table, rule.column, rule.parent_column) for rule in PARENT_RULES if rule not in ON_DOCUMENTED}
    assert named <= {(edge.table, edge.column, edge.rule) for edge in EDGES}
    references = {(spec.name, column) for spec in SPECS.values() for column, _, _ in spec.references}
    assert {(rule.table, rule.via) for rule in ON_DOCUMENTED} == references  # tested one by one below


def all_documented(minimal: dict[str, list[dict]]) -> dict[str, list[dict]]:
    tables = copy.deepcopy(minimal)
    for rows in tables.values():
        for row in rows:
            row["illustrative"] = False
    return tables


NAMING = {("board_meeting", "minutes_confirmed_by"): {"minutes_status": "Confirmed"}}
"""What else a row needs to name its parent (only Confirmed minutes name the meeting that confirmed them)."""


@pytest.mark.parametrize("rule", ON_DOCUMENTED, ids=[f"{rule.table}.{rule.via}" for rule in ON_DOCUMENTED])
def test_a_documented_row_names_no_sample_row(minimal, rule) -> None:
    """Both documented: accepted; the named row sample data: refused; both sample data: accepted."""
    tables = all_documented(minimal)
    child = tables[rule.table][0]
    parent = tables[rule.parent][1 if rule.parent == rule.table else 0]  # a meeting confirmed by a later one
    child.update(NAMING.get((rule.table, rule.via), {}))
    child[rule.via] = parent[rule.parent_key]
    where = (SPECS[rule.table].file_name, 2, rule.via)
    assert problems_of(tables, {}) == []
    parent["illustrative"] = True
    assert where in problems_of(tables, {})
    child["illustrative"] = True
    assert where not in problems_of(tables, {})


def test_the_edges_are_read_against_today_by_default(tmp_path: Path) -> None:
    """Without a day given, the day of the load is today (the command line and the upload)."""
    with pytest.raises(ValidationFailed) as failure:
        read_directory(write_set(tmp_path / "set", edits={"spend.csv": [("2025-06-30", TOMORROW.isoformat())]}))
    assert [(problem.file, problem.row, problem.column) for problem in failure.value.problems] == [
        ("spend.csv", 2, "spend_date")
    ]
    assert failure.value.problems[0].message == (
        f"{TOMORROW.isoformat()} is after today ({TODAY.isoformat()}): a payment is recorded once it is made"
    )


# -- a rule between two rows holds whichever of them changes ----------------------------------------


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    load_directory(engine, write_set(tmp_path / "minimal"), actor=analyst())
    return engine


REVERSED = [
    (
        "milestone.csv",
        ("2025-04-01,2025-09-30,,Planned", "2025-06-02,2025-09-30,,Planned"),
        "baselined_on",
        "milestone_forecast 'MF1' in the current milestone_forecast data: 2025-06-01 is before milestone 'M1' was "
        "baselined (2025-06-02): a forecast can only move once there is a baseline",
    ),
    (
        "milestone.csv",
        ("2025-04-01,2025-09-30,,Planned", "2025-04-01,2025-09-30,2025-05-31,Achieved"),
        "actual_date",
        "milestone_forecast 'MF1' in the current milestone_forecast data: 2025-06-01 is after milestone 'M1' was "
        "achieved (2025-05-31): its forecast no longer moves",
    ),
    (
        "risk.csv",
        (",2025-05-01,2025-11-01,", ",2025-08-02,2025-11-01,"),
        "raised_date",
        "risk_assessment 'RA1' in the current risk_assessment data: 2025-08-01 is before risk 'K1' was raised "
        "(2025-08-02): a risk is reassessed from the day it was raised",
    ),
]


@pytest.mark.parametrize(("file", "edit", "column", "message"), REVERSED, ids=[case[2] for case in REVERSED])
def test_an_upload_of_the_parent_alone_may_not_break_its_children(loaded: Engine, file, edit, column, message) -> None:
    from tests.helpers.minimal_set import MINIMAL_SET

    before = snapshot(loaded)
    with pytest.raises(ValidationFailed) as failure:
        upload(loaded, {file: MINIMAL_SET[file].replace(*edit).encode()}, actor=analyst())
    assert [(p.file, p.row, p.column, p.message) for p in failure.value.problems] == [(file, 2, column, message)]
    assert snapshot(loaded) == before


def test_an_edit_of_the_parent_may_not_break_its_children_in_the_same_words(loaded: Engine) -> None:
    before = snapshot(loaded)
    with pytest.raises(EditInvalid) as refused:
        record_actual(loaded, open_record(loaded, "milestone", "M1"), actual_date=date(2025, 5, 31), actor=analyst())
    assert refused.value.problems == [("actual_date", REVERSED[1][3])]
    assert snapshot(loaded) == before


def test_the_load_day_is_the_machine_s_today() -> None:
    """Unpinned (the suite holds it to the run's first day), the load day is the machine's today."""
    before = date.today()
    day = the_machine_s_today()
    assert day in {before, date.today()}
