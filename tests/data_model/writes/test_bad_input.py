"""Bad files are reported by file, row and column, in plain words, and change nothing.

Each case spoils one thing in the minimal valid set (see test_seed_loader.py), checks the exact
place and the gist of the message, and then that a load on SQLite and on PostgreSQL refuses
the files and leaves the database exactly as it was (rows, audit trail and data version).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from data_model.db import make_engine, upgrade
from data_model.tables import SEED_TABLES
from data_model.writes.audit import data_version
from data_model.writes.csv_files import Problem, ValidationFailed, read_directory, read_tables
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import analyst
from tests.helpers.environment import POSTGRES_URL
from tests.helpers.minimal_set import MINIMAL_SET, rows_by_key, snapshot, write_set

SPEND_HEADER = "id,spend_date,amount,budget_line_id,supplier,description,source,illustrative\n"
S1 = "S1,2025-06-30,1234.50,B1,Acme Ltd,Q1 invoice,Ledger,true\n"
S2 = "S2,2025-07-31,6000,B2,Forum Partner CIC,,Ledger,yes\n"


@dataclass(frozen=True)
class Case:
    edits: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    contents: dict[str, bytes | str | None] = field(default_factory=dict)
    file: str = ""
    row: int | None = None
    column: str | None = None
    gist: tuple[str, ...] = ()


CASES: dict[str, Case] = {
    "TBC in an amount": Case(
        edits={"spend.csv": [("1234.50", "TBC")]},
        file="spend.csv",
        row=2,
        column="amount",
        gist=("'TBC' is not an amount of money", "like 1234.50"),
    ),
    "a date written 31/04/2026": Case(
        edits={"spend.csv": [("2025-07-31", "31/04/2026")]},
        file="spend.csv",
        row=3,
        column="spend_date",
        gist=("'31/04/2026' is not a valid date", "dates are written YYYY-MM-DD"),
    ),
    "a day that does not exist": Case(
        edits={"forum_insight.csv": [("2025-06-01", "2026-04-31")]},
        file="forum_insight.csv",
        row=2,
        column="raised_date",
        gist=("'2026-04-31' is not a valid date (there is no such day)", "YYYY-MM-DD"),
    ),
    "a missing column": Case(
        contents={
            "spend.csv": SPEND_HEADER.replace("supplier,", "")
            + S1.replace("Acme Ltd,", "")
            + S2.replace("Forum Partner CIC,", "")
        },
        file="spend.csv",
        row=1,
        column="supplier",
        gist=("the column is missing from the header row",),
    ),
    "an unknown extra column": Case(
        contents={
            "spend.csv": SPEND_HEADER.replace("\n", ",notes\n") + S1.replace("\n", ",late\n") + S2.replace("\n", ",\n")
        },
        file="spend.csv",
        row=1,
        column="notes",
        gist=("unknown column", "spend.csv has the columns source, illustrative, id, spend_date"),
    ),
    "a duplicate key": Case(
        edits={"spend.csv": [("S2,", "S1,")]},
        file="spend.csv",
        row=3,
        column="id",
        gist=("duplicate key: 'S1' is already on row 2",),
    ),
    "an unknown reference": Case(
        edits={"spend.csv": [(",B2,", ",B9,")]},
        file="spend.csv",
        row=3,
        column="budget_line_id",
        gist=("'B9' does not match any id in budget_line.csv",),
    ),
    "an unknown optional reference": Case(
        edits={"forum.csv": [(",PCD 1,", ",PCD 9,")]},
        file="forum.csv",
        row=2,
        column="decision_ref",
        gist=("'PCD 9' does not match any reference in decision.csv",),
    ),
    "negative money": Case(
        edits={"budget_line.csv": [("50000,initial", "-50000,initial")]},
        file="budget_line.csv",
        row=3,
        column="amount",
        gist=("-50000 is negative: amounts of money cannot be negative",),
    ),
    "negative money with a pound sign": Case(
        edits={"decision_funding.csv": [("1000000,", '"-£1,000,000",')]},
        file="decision_funding.csv",
        row=2,
        column="amount",
        gist=("-£1,000,000 is negative",),
    ),
    "more than pence": Case(
        edits={"spend.csv": [("1234.50", "1234.505")]},
        file="spend.csv",
        row=2,
        column="amount",
        gist=("'1234.505' has more than two decimal places",),
    ),
    "a status off the scale": Case(
        edits={"progress_update.csv": [("Amber", "Purple")]},
        file="progress_update.csv",
        row=2,
        column="status",
        gist=(
            "'Purple' is not a status on the scale",
            "expected one of: Complete, Green, Amber/Green, Amber, Amber/Red, Red",
        ),
    ),
    "a forum status off its list": Case(
        edits={"forum.csv": [("Active", "Running")]},
        file="forum.csv",
        row=2,
        column="status",
        gist=("'Running' is not a forum status", "Planned, Mobilising, Active, Paused, Closed"),
    ),
    "a date before 2000": Case(
        edits={"board_meeting.csv": [("2025-05-01", "1925-05-01")]},
        file="board_meeting.csv",
        row=2,
        column="meeting_date",
        gist=("1925-05-01 is out of range: dates must fall between 2000-01-01 and 2100-12-31",),
    ),
    "a date after 2100": Case(
        edits={"forum.csv": [("2027-03-31", "2207-03-31")]},
        file="forum.csv",
        row=2,
        column="contract_end_date",
        gist=("2207-03-31 is out of range",),
    ),
    "a missing required text": Case(
        edits={"spend.csv": [("Acme Ltd", "  ")]},
        file="spend.csv",
        row=2,
        column="supplier",
        gist=("a value is required",),
    ),
    "a missing required date": Case(
        edits={"forum_meeting.csv": [("2025-06-01", "")]},
        file="forum_meeting.csv",
        row=2,
        column="meeting_date",
        gist=("a value is required",),
    ),
    "a missing amount": Case(
        edits={"budget_line.csv": [("500000", "")]},
        file="budget_line.csv",
        row=2,
        column="amount",
        gist=("a value is required",),
    ),
    "an empty file": Case(
        contents={"forum.csv": ""},
        file="forum.csv",
        row=None,
        column=None,
        gist=(
            "the file is empty",
            "a header row naming the columns source, illustrative, id, cohort",
        ),
    ),
    "a file saved as Windows-1252, not UTF-8": Case(
        contents={"decision.csv": MINIMAL_SET["decision.csv"].encode("cp1252")},
        file="decision.csv",
        row=2,
        column="initial_value",
        gist=(
            "the file is not UTF-8 text: byte 0xA3 cannot be read (1 more cell is affected)",
            "CSV UTF-8",
        ),
    ),
    "a ragged row": Case(
        edits={"spend.csv": [("Forum Partner CIC,", "Forum Partner, CIC,")]},
        file="spend.csv",
        row=3,
        column=None,
        gist=("the row has 9 values but the header has 8 columns",),
    ),
    "a word in a number column": Case(
        edits={"forum_meeting.csv": [(",8,", ",eight,")]},
        file="forum_meeting.csv",
        row=2,
        column="participants",
        gist=("'eight' is not a whole number",),
    ),
    "a percentage over 100": Case(
        edits={"progress_update.csv": [(",40,", ",140,")]},
        file="progress_update.csv",
        row=2,
        column="percent_complete",
        gist=("140 is too large: the highest allowed is 100",),
    ),
    "not true or false": Case(
        edits={"board_meeting.csv": [("Minutes,false", "Minutes,maybe")]},
        file="board_meeting.csv",
        row=2,
        column="illustrative",
        gist=("'maybe' is not true or false",),
    ),
    "a financial year off by one": Case(
        edits={"budget_line.csv": [("2025/26", "2025/27")]},
        file="budget_line.csv",
        row=2,
        column="financial_year",
        gist=("'2025/27' is not a financial year written like 2025/26",),
    ),
    "a quarter that does not exist": Case(
        edits={"compliance_measure.csv": [("2025/26 Q1", "2025/26 Q5")]},
        file="compliance_measure.csv",
        row=2,
        column="quarter",
        gist=("'2025/26 Q5' is not a quarter written like 2025/26 Q1",),
    ),
    "a zero denominator": Case(
        edits={"compliance_measure.csv": [(",80,100,", ",80,0,")]},
        file="compliance_measure.csv",
        row=2,
        column="denominator",
        gist=("0 is too small: it must be more than 0",),
    ),
    "a missing file": Case(
        contents={"forum_insight.csv": None},
        file="forum_insight.csv",
        row=None,
        column=None,
        gist=("the file is missing", "a file with just the header row is fine"),
    ),
    "an unknown file": Case(
        contents={"notes.csv": "a,b\n1,2\n"},
        file="notes.csv",
        row=None,
        column=None,
        gist=("not one of the board's files", "decision.csv, decision_funding.csv"),
    ),
    "semicolons instead of commas": Case(
        contents={
            "board_meeting.csv": "id;meeting_date;title;source;illustrative;minutes_status;minutes_confirmed_by\n"
            "BM1;2025-05-01;Programme board;Minutes;false;Draft;\n"
        },
        file="board_meeting.csv",
        row=1,
        column=None,
        gist=("separated by semicolons, not commas",),
    ),
    "more victims compliant than asked": Case(
        edits={"compliance_measure.csv": [("80,100", "180,100")]},
        file="compliance_measure.csv",
        row=2,
        column="numerator",
        gist=("180 is larger than the denominator (100)",),
    ),
    "an insight closed before it was raised": Case(
        edits={"forum_insight.csv": [("Met,,Open,,", "Met,Fixed,Closed,2025-05-01,")]},
        file="forum_insight.csv",
        row=2,
        column="closed_date",
        gist=("2025-05-01 is before the raised date (2025-06-01)",),
    ),
    "a header named twice": Case(
        contents={
            "board_meeting.csv": "id,meeting_date,title,source,illustrative,minutes_status,minutes_confirmed_by,title\n"
            "BM1,2025-05-01,Programme board,Minutes,false,Draft,,Board\n"
        },
        file="board_meeting.csv",
        row=1,
        column="title",
        gist=("the column appears twice in the header row",),
    ),
    # The board's registers (issue 14): each named refusal.
    "a likelihood above 5": Case(
        edits={"risk.csv": [("R1,3,4,", "R1,6,4,")]},
        file="risk.csv",
        row=2,
        column="likelihood",
        gist=("6 is too large: the highest allowed is 5",),
    ),
    "an impact below 1 in a reassessment": Case(
        edits={"risk_assessment.csv": [("4,4,Rising", "4,0,Rising")]},
        file="risk_assessment.csv",
        row=2,
        column="impact",
        gist=("0 is too small: the lowest allowed is 1",),
    ),
    "a milestone's actual date after the day of the load": Case(
        edits={"milestone.csv": [("2025-09-30,,Planned", "2025-09-30,2099-09-30,Achieved")]},
        file="milestone.csv",
        row=2,
        column="actual_date",
        gist=("2099-09-30 is after today", "a later date is a forecast"),
    ),
    "a closed risk without a closed date": Case(
        edits={"risk.csv": [("Open,2025-05-01,2025-11-01,,", "Closed,2025-05-01,2025-11-01,,")]},
        file="risk.csv",
        row=2,
        column="closed_date",
        gist=("the status is Closed but the closed date is empty",),
    ),
    "a milestone for a decision that does not exist": Case(
        edits={"milestone.csv": [("Forum mobilised,PCD 1,", "Forum mobilised,PCD 9,")]},
        file="milestone.csv",
        row=2,
        column="decision_ref",
        gist=("'PCD 9' does not match any reference in decision.csv",),
    ),
    "a milestone for a forum that does not exist": Case(
        edits={"milestone.csv": [(",FO1,", ",FO9,")]},
        file="milestone.csv",
        row=2,
        column="forum_id",
        gist=("'FO9' does not match any id in forum.csv",),
    ),
    "a forecast change dated before its milestone was baselined": Case(
        edits={"milestone_forecast.csv": [("M1,2025-06-01,", "M1,2025-03-01,")]},
        file="milestone_forecast.csv",
        row=2,
        column="changed_on",
        gist=("2025-03-01 is before milestone 'M1' was baselined (2025-04-01)",),
    ),
    "an action for a board meeting that does not exist": Case(
        edits={"board_action.csv": [("A1,BM1,", "A1,BM9,")]},
        file="board_action.csv",
        row=2,
        column="meeting_id",
        gist=("'BM9' does not match any id in board_meeting.csv",),
    ),
    "a reassessment of a risk that does not exist": Case(
        edits={"risk_assessment.csv": [("RA1,K1,", "RA1,K9,")]},
        file="risk_assessment.csv",
        row=2,
        column="risk_id",
        gist=("'K9' does not match any id in risk.csv",),
    ),
}


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


def test_the_problem_is_located_and_explained(case: Case, tmp_path: Path) -> None:
    bad = write_set(tmp_path / "bad", edits=case.edits, contents=case.contents)
    with pytest.raises(ValidationFailed) as failure:
        read_directory(bad)
    [problem] = failure.value.problems  # exactly one problem: no knock-on noise
    assert (problem.file, problem.row, problem.column) == (case.file, case.row, case.column)
    for gist in case.gist:
        assert gist in problem.message


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def loaded_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The minimal set loaded once per backend and module (like conftest's `engine`, which makes a
    database per test): sound to share, since every test checks it left the database as it was."""
    folder = tmp_path_factory.mktemp("loaded")
    admin, name = None, ""
    if request.param == "postgresql":
        admin = request.getfixturevalue("postgres_admin")
        name = f"vcb_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / 'board.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        load_directory(engine, write_set(folder / "good"), actor=analyst("alice"))
        yield engine
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_bad_files_change_nothing(case: Case, loaded_engine: Engine, tmp_path: Path) -> None:
    before = snapshot(loaded_engine)
    assert before["data version"] == 1 and len(before["spend"]) == 2
    bad = write_set(tmp_path / "bad", edits=case.edits, contents=case.contents)
    with pytest.raises(ValidationFailed):
        load_directory(loaded_engine, bad, actor=analyst("mallory"))
    assert snapshot(loaded_engine) == before


def test_every_problem_is_reported_in_order(tmp_path: Path) -> None:
    """The analyst's upload from the scenario: all problems at once, by file, row and column."""
    bad = write_set(
        tmp_path / "bad",
        edits={
            "spend.csv": [("1234.50", "TBC"), ("2025-07-31", "31/04/2026"), (",B2,", ",B7,")],
            "budget_line.csv": [("500000,initial", "500000,bonus")],
            "decision.csv": [("Deputy Mayor", "")],
        },
    )
    with pytest.raises(ValidationFailed) as failure:
        read_directory(bad)
    assert [str(problem) for problem in failure.value.problems] == [
        "decision.csv, row 2, column decision_maker: a value is required",
        "budget_line.csv, row 2, column kind: 'bonus' is not a budget line kind; "
        "expected one of: initial, extension, uplift, reserve",
        "spend.csv, row 2, column amount: 'TBC' is not an amount of money: "
        "write pounds and pence in plain digits, like 1234.50 or £1,234.50",
        "spend.csv, row 3, column spend_date: '31/04/2026' is not a valid date: "
        "dates are written YYYY-MM-DD, e.g. 2026-04-30",
        "spend.csv, row 3, column budget_line_id: 'B7' does not match any id in budget_line.csv",
    ]
    assert str(failure.value).splitlines()[0].startswith("decision.csv, row 2")


def test_row_numbers_are_spreadsheet_rows(tmp_path: Path) -> None:
    """Blank rows count, and a cell spanning two lines is still one row, as in a spreadsheet."""
    spend = SPEND_HEADER + S1.replace("Q1 invoice", '"Q1 invoice,\nsecond line"') + "\n" + S2.replace("6000", "x")
    bad = write_set(tmp_path / "bad", contents={"spend.csv": spend})
    with pytest.raises(ValidationFailed) as failure:
        read_directory(bad)
    assert failure.value.problems == [
        Problem(
            "spend.csv",
            4,
            "amount",
            "'x' is not an amount of money: write pounds and pence in plain digits, like 1234.50 or £1,234.50",
        )
    ]


def test_a_problem_prints_like_a_spreadsheet_reference() -> None:
    assert str(Problem("spend.csv", 14, "amount", "'TBC' is not an amount of money")) == (
        "spend.csv, row 14, column amount: 'TBC' is not an amount of money"
    )
    assert str(Problem("forum.csv", None, None, "the file is empty")) == "forum.csv: the file is empty"
    assert str(Problem("spend.csv", 3, None, "the row has 9 values")) == "spend.csv, row 3: the row has 9 values"


def test_a_missing_folder_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as failure:
        read_directory(tmp_path / "nowhere")
    assert failure.value.problems == [Problem(str(tmp_path / "nowhere"), None, None, "the folder does not exist")]


def test_an_upload_with_nothing_in_it(engine: Engine) -> None:
    with pytest.raises(ValidationFailed) as failure:
        read_tables({}, existing=engine)
    assert [str(problem) for problem in failure.value.problems] == ["(no files): no files were given"]


def test_a_bad_upload_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    """The same checks on a partial upload, with references checked against the database."""
    load_directory(engine, write_set(tmp_path / "good"), actor=analyst("alice"))
    before = snapshot(engine)
    spend = (SPEND_HEADER + S1.replace("1234.50", "TBC") + S2.replace(",B2,", ",B9,")).encode()
    with pytest.raises(ValidationFailed) as failure:
        read_tables({"spend.csv": spend, "spend (1).csv": b"x"}, existing=engine)
    assert [(p.file, p.row, p.column) for p in failure.value.problems] == [
        ("spend (1).csv", None, None),
        ("spend.csv", 2, "amount"),
        ("spend.csv", 3, "budget_line_id"),
    ]
    assert failure.value.problems[2].message == "'B9' does not match any id in the current budget_line data"
    assert snapshot(engine) == before


def test_an_uploaded_forecast_change_is_checked_against_the_baseline_in_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    load_directory(engine, write_set(tmp_path / "good"), actor=analyst("alice"))
    before = snapshot(engine)
    forecasts = MINIMAL_SET["milestone_forecast.csv"].replace("M1,2025-06-01,", "M1,2025-03-01,").encode()
    with pytest.raises(ValidationFailed) as failure:
        upload(engine, {"milestone_forecast.csv": forecasts}, actor=analyst("alice"))
    assert [(p.file, p.row, p.column) for p in failure.value.problems] == [("milestone_forecast.csv", 2, "changed_on")]
    assert "before milestone 'M1' was baselined (2025-04-01)" in failure.value.problems[0].message
    assert snapshot(engine) == before


def test_an_upload_of_a_good_file_and_a_bad_one_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    """All or nothing: the good file is not applied on its own. The database is compared with its rows as
    read (by SQL) before the upload, never with what the reader makes of the files."""
    load_directory(engine, write_set(tmp_path / "good"), actor=analyst("alice"))
    tables = [model.__tablename__ for model in SEED_TABLES]
    before = {table: rows_by_key(engine, table) for table in tables}
    counts, version = {table: len(rows) for table, rows in before.items()}, data_version(engine)
    good = (SPEND_HEADER + S1 + S2 + "S3,2025-08-29,250,B2,Forum Partner CIC,,Ledger,true\n").encode()
    bad = MINIMAL_SET["forum_insight.csv"].replace("Met,,Open,,", "Met,Done,Closed,,").encode()
    with pytest.raises(ValidationFailed) as failure:
        upload(engine, {"spend.csv": good, "forum_insight.csv": bad}, actor=analyst("mallory"))
    assert [(p.file, p.row, p.column) for p in failure.value.problems] == [("forum_insight.csv", 2, "closed_date")]
    after = {table: rows_by_key(engine, table) for table in tables}
    assert ({table: len(rows) for table, rows in after.items()}, data_version(engine)) == (counts, version)
    assert after == before
    assert upload(engine, {"spend.csv": good}, actor=analyst("mallory")).added == 1  # the good file was good
