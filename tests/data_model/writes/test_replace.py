"""The seed loader: validate, load, preview, apply, export and the `python -m seed` commands.

Most tests use a minimal valid set of files written here (one or two rows per table), so they
do not depend on the seed content; the last ones check the real `seed/` folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import Engine

from data_model import tables as models
from data_model.tables import SEED_TABLES
from data_model.writes.audit import data_version
from data_model.writes.csv_files import SPECS, Problem, ValidationFailed, read_directory, read_tables
from data_model.writes.edits import EditInvalid, open_insight, update_insight
from data_model.writes.export import export_directory, format_cell, table_csv_bytes
from data_model.writes.path import StaleData, write
from data_model.writes.register_edits import open_record, update_action
from data_model.writes.replace import ChangeSummary, TableFiles, init_database, load_directory, preview, upload
from data_model.writes.roles import LOAD
from seed import SEED_DIR as PACKAGE_SEED_DIR
from seed.__main__ import main
from tests.helpers.actors import admin, analyst
from tests.helpers.environment import PROJECT_ROOT, SEED_DIR
from tests.helpers.minimal_set import MINIMAL_ROWS, MINIMAL_SET, data_loads, rows_by_key, snapshot, write_set
from tests.helpers.update_files import table_files


@pytest.fixture
def minimal_dir(tmp_path: Path) -> Path:
    return write_set(tmp_path / "minimal")


# -- reading files --------------------------------------------------------------------------------


def test_minimal_set_reads_as_python_values(minimal_dir: Path) -> None:
    tables = read_directory(minimal_dir)
    assert list(tables) == [model.__tablename__ for model in SEED_TABLES]
    assert sum(len(rows) for rows in tables.values()) == MINIMAL_ROWS
    decision = tables["decision"][0]
    assert decision["initial_value"] == Decimal("1000000.00")  # "£1,000,000.00"
    assert decision["advertised_maximum"] == Decimal("1500000")
    assert decision["further_decision_threshold"] is None  # empty optional cell
    assert decision["decision_date"] == date(2025, 4, 1)
    assert decision["illustrative"] is False
    first, second = tables["spend"]
    assert first == {
        "source": "Ledger",
        "illustrative": True,
        "id": "S1",
        "spend_date": date(2025, 6, 30),
        "amount": Decimal("1234.50"),
        "budget_line_id": "B1",
        "supplier": "Acme Ltd",
        "description": "Q1 invoice",
    }
    assert second["description"] == ""  # empty text cell
    assert second["illustrative"] is True  # "yes"
    assert tables["forum_insight"][0]["closed_date"] is None
    assert tables["compliance_measure"][0]["right_number"] == 4


def test_spreadsheet_habits_are_tolerated(tmp_path: Path, minimal_dir: Path) -> None:
    """A byte-order mark, Windows line endings, £ and thousands separators, padding, blank rows,
    trailing empty columns and any column order all read as the plain file does."""
    spend = (
        "\ufeffamount,id,spend_date,budget_line_id,supplier,description,source,illustrative\r\n"
        '"£1,234.50",S1,2025-06-30,B1,  Acme Ltd ,Q1 invoice,Ledger,TRUE\r\n'
        ",,,,,,,\r\n"
        "£6000.00,S2,2025-07-31 00:00:00,B2,Forum Partner CIC,,Ledger,1\r\n"
        "\r\n"
    )
    budget = MINIMAL_SET["budget_line.csv"].replace("\n", ",,\n")
    messy = write_set(
        tmp_path / "messy",
        contents={
            "spend.csv": spend.encode("utf-8"),
            "budget_line.csv": budget,  # two trailing empty, unnamed columns
        },
    )
    assert read_directory(messy) == read_directory(minimal_dir)


ROW_MODEL_CASES = [
    (
        models.Spend,
        {
            "id": "S1",
            "spend_date": date(2025, 1, 2),
            "amount": "12.30",
            "budget_line_id": "B1",
            "supplier": "A",
            "source": "s",
        },
    ),
    (
        models.Spend,
        {
            "id": "",
            "spend_date": date(2025, 1, 2),
            "amount": "-1",
            "budget_line_id": "B1",
            "supplier": "",
            "source": "s",
            "illustrative": "x",
        },
    ),
    (
        models.Spend,
        {
            "id": "S1",
            "spend_date": date(2025, 1, 2),
            "amount": "1.234",
            "budget_line_id": "B1",
            "supplier": "A",
            "source": "s",
        },
    ),
    (
        models.BudgetLine,
        {
            "id": "B",
            "decision_ref": "D",
            "purpose": "p",
            "financial_year": "2025/27",
            "funding_source": "f",
            "amount": "TBC",
            "kind": "bonus",
            "source": "s",
        },
    ),
    (
        models.ProgressUpdate,
        {
            "id": "P",
            "recommendation_id": "R",
            "update_date": date(2025, 1, 1),
            "status": "Purple",
            "percent_complete": "101",
            "source": "s",
        },
    ),
    (
        models.ComplianceMeasure,
        {
            "id": "C",
            "measure": "m",
            "right_number": "13",
            "agency": "a",
            "quarter": "2025/26 Q5",
            "numerator": "-1",
            "denominator": "0",
            "source": "s",
        },
    ),
    (models.Forum, {"id": "F", "cohort": "c", "status": "Dormant", "source": "s"}),
    (
        models.ForumInsight,
        {
            "id": "I",
            "forum_id": "F",
            "raised_date": date(2025, 1, 1),
            "you_said": "x",
            "owner": "o",
            "status": "Open",
            "source": "s",
        },
    ),
]
"""Rows a table model and the loader's row model must judge alike: two valid, six breaking rules."""


def _outcome(model, row):
    """The model's values for `row`, or its sorted errors."""
    try:
        result = model.model_validate(row)
    except ValidationError as error:
        return sorted((detail["loc"], detail["type"], detail["msg"]) for detail in error.errors())
    return {name: getattr(result, name) for name in type(result).model_fields}


def test_row_models_agree_with_the_table_models() -> None:
    """The loader's fast row models carry exactly the rules written in data_model.tables."""
    failures = 0
    for model, row in ROW_MODEL_CASES:
        expected = _outcome(model, row)
        assert _outcome(SPECS[model.__tablename__].row_model, row) == expected, model.__name__
        failures += isinstance(expected, list)
    assert failures == 6  # the cases do exercise the validators, not just the happy path


# -- loading --------------------------------------------------------------------------------------


def test_first_load_adds_every_row_and_records_who_and_what(engine: Engine, minimal_dir: Path) -> None:
    before = datetime.now(UTC)
    summary = load_directory(engine, minimal_dir, actor=analyst("alice"))
    assert (summary.added, summary.changed, summary.removed) == (MINIMAL_ROWS, 0, 0)
    assert summary.tables["spend"].added_keys == ("S1", "S2")
    assert summary.data_version == 1 == data_version(engine)
    [record] = data_loads(engine)
    assert record["actor"] == "alice"
    assert record["action"] == "load"
    assert record["detail"] == str(minimal_dir)
    assert (record["rows_added"], record["rows_changed"], record["rows_removed"]) == (
        MINIMAL_ROWS,
        0,
        0,
    )
    assert json.loads(record["row_counts"]) == {
        "decision": 1,
        "decision_funding": 1,
        "decision_fact": 1,
        "decision_condition": 1,
        "budget_line": 2,
        "condition_line": 1,
        "spend": 2,
        "board_meeting": 2,
        "forum": 1,
        "forum_meeting": 1,
        "forum_insight": 1,
        "recommendation": 1,
        "progress_update": 1,
        "compliance_measure": 1,
        "risk": 1,
        "risk_assessment": 1,
        "milestone": 1,
        "milestone_forecast": 1,
        "board_action": 1,
        "agenda_item": 2,
        "board_attendance": 1,
        "board_decision": 1,
    }
    assert before - timedelta(seconds=1) <= record["loaded_at"] <= datetime.now(UTC) + timedelta(seconds=1)
    spend = rows_by_key(engine, "spend")
    assert spend["S1"]["amount"] == Decimal("1234.50")
    assert spend["S1"]["spend_date"] == date(2025, 6, 30)
    assert spend["S2"]["illustrative"] is True
    assert rows_by_key(engine, "decision")["PCD 1"]["further_decision_threshold"] is None


def test_reloading_the_same_files_is_a_no_op(engine: Engine, minimal_dir: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    state = snapshot(engine)
    again = load_directory(engine, minimal_dir, actor=analyst("bob"))
    assert again.unchanged
    assert (again.added, again.changed, again.removed, again.data_version) == (0, 0, 0, None)
    assert str(again) == "0 rows added, 0 changed, 0 removed"
    assert snapshot(engine) == state  # no audit row, same data version
    assert [record["actor"] for record in data_loads(engine)] == ["alice"]


def test_load_export_load_round_trip_is_a_no_op(engine: Engine, minimal_dir: Path, tmp_path: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    version = data_version(engine)
    counts = export_directory(engine, tmp_path / "exported")
    assert counts == {table: len(rows) for table, rows in read_directory(minimal_dir).items()}
    assert read_directory(tmp_path / "exported") == read_directory(minimal_dir)
    assert load_directory(engine, tmp_path / "exported", actor=analyst("alice")).unchanged
    assert data_version(engine) == version
    # Written in the loader's conventions: plain money, ISO dates, true/false, empty for None.
    assert (tmp_path / "exported" / "spend.csv").read_text(encoding="utf-8") == (
        "source,illustrative,id,spend_date,amount,budget_line_id,supplier,description\n"
        "Ledger,true,S1,2025-06-30,1234.50,B1,Acme Ltd,Q1 invoice\n"
        "Ledger,true,S2,2025-07-31,6000,B2,Forum Partner CIC,\n"
    )
    assert (tmp_path / "exported" / "decision.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "PCD 1 §2,false,PCD 1,Victim care programme,Deputy Mayor,2025-04-01,1000000,1500000,"
    )


def test_table_csv_bytes_is_the_exported_file(engine: Engine, minimal_dir: Path, tmp_path: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    export_directory(engine, tmp_path / "out")
    assert table_csv_bytes(engine, "spend") == (tmp_path / "out" / "spend.csv").read_bytes()
    assert table_csv_bytes(engine, models.Spend, bom=True).startswith("\ufeffsource,".encode())
    assert read_tables({"spend.csv": table_csv_bytes(engine, "spend", bom=True)}, existing=engine) == {
        "spend": read_directory(minimal_dir)["spend"]
    }


def test_format_cell() -> None:
    assert [
        format_cell(value)
        for value in (
            None,
            True,
            False,
            Decimal("50000.00"),
            Decimal("1234.5"),
            Decimal("0.05"),
            date(2026, 1, 2),
            7,
            "a,b",
        )
    ] == ["", "true", "false", "50000", "1234.50", "0.05", "2026-01-02", "7", "a,b"]


def _edited_minimal_set(directory: Path) -> Path:
    """The minimal set with S1's amount changed, S2 replaced by S3, P1 moved to Green and BM2 added."""
    return write_set(
        directory,
        edits={
            "spend.csv": [
                ("S1,2025-06-30,1234.50,", "S1,2025-06-30,1300.00,"),  # changed
                (
                    "S2,2025-07-31,6000,B2,Forum Partner CIC,,Ledger,yes\n",
                    "S3,2025-08-29,250.75,B2,Forum Partner CIC,Room hire,Ledger,true\n",
                ),  # S2 gone, S3 new
            ],
            "progress_update.csv": [("Amber,40", "Green,60")],
            "board_meeting.csv": [
                (
                    "BM1,2025-05-01,Programme board,Minutes,false,Draft,\n",
                    "BM1,2025-05-01,Programme board,Minutes,false,Draft,\n"
                    "BM2,2025-07-03,Programme board,Minutes,false,Draft,\n",
                )
            ],
        },
    )


def test_preview_counts_changes_without_writing(engine: Engine, minimal_dir: Path, tmp_path: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    state = snapshot(engine)
    edited = _edited_minimal_set(tmp_path / "edited")
    tables = read_directory(edited)
    planned = preview(engine, table_files(tables))
    assert snapshot(engine) == state  # a preview writes nothing
    spend = planned.tables["spend"]
    assert (spend.added, spend.changed, spend.removed) == (1, 1, 1)
    assert (spend.added_keys, spend.changed_keys, spend.removed_keys) == (("S3",), ("S1",), ("S2",))
    assert (spend.rows_before, spend.rows_after) == (2, 2)
    assert planned.tables["progress_update"].changed_keys == ("P1",)
    assert planned.tables["board_meeting"].added_keys == ("BM2",)
    assert planned.tables["decision"].unchanged
    assert (planned.added, planned.changed, planned.removed) == (2, 2, 1)
    assert str(planned) == "2 rows added, 2 changed, 1 removed"
    assert planned.lines() == [
        "spend.csv: 1 added, 1 changed, 1 removed",
        "board_meeting.csv: 1 added, 0 changed, 0 removed",
        "progress_update.csv: 0 added, 1 changed, 0 removed",
    ]
    assert planned.as_records()[6] == {
        "table": "spend",
        "file": "spend.csv",
        "added": 1,
        "changed": 1,
        "removed": 1,
        "rows before": 2,
        "rows after": 2,
    }

    applied = upload(engine, table_files(tables), actor=admin("carol"), detail="spend.csv and 2 more")
    assert applied.tables == planned.tables
    assert applied.data_version == 2 == data_version(engine)
    assert sorted(rows_by_key(engine, "spend")) == ["S1", "S3"]
    assert rows_by_key(engine, "spend")["S1"]["amount"] == Decimal("1300.00")
    assert rows_by_key(engine, "progress_update")["P1"]["status"] == "Green"
    record = data_loads(engine)[-1]
    assert (record["actor"], record["action"], record["detail"]) == (
        "carol",
        "upload",
        "spend.csv and 2 more",
    )
    assert (record["rows_added"], record["rows_changed"], record["rows_removed"]) == (2, 2, 1)
    assert json.loads(record["row_counts"])["board_meeting"] == 3
    assert preview(engine, table_files(tables)).unchanged


def test_parents_and_children_change_together(engine: Engine, minimal_dir: Path, tmp_path: Path) -> None:
    """Removing a budget line with its spend, adding one and moving spend onto it: the foreign
    keys hold at every step (PostgreSQL checks each statement)."""
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    edited = write_set(
        tmp_path / "edited",
        edits={
            "budget_line.csv": [
                ("B1,PCD 1,Victim hub,2025/26,MOPAC core,500000,initial,,PCD 1 §3,false\n", ""),
                ("B2,", "B3,"),
            ],
            "spend.csv": [
                ("S1,2025-06-30,1234.50,B1,Acme Ltd,Q1 invoice,Ledger,true\n", ""),
                (",B2,", ",B3,"),
            ],
            "condition_line.csv": [("CL1,DC1,B1,PCD 1 §3,false\n", "")],  # the condition counts B1: it goes too
        },
    )
    summary = load_directory(engine, edited, actor=admin("alice"))
    assert summary.tables["condition_line"].removed_keys == ("CL1",)
    assert (
        summary.tables["budget_line"].added_keys,
        summary.tables["budget_line"].removed_keys,
    ) == (("B3",), ("B1", "B2"))
    assert (summary.tables["spend"].changed_keys, summary.tables["spend"].removed_keys) == (
        ("S2",),
        ("S1",),
    )
    assert sorted(rows_by_key(engine, "budget_line")) == ["B3"]
    assert rows_by_key(engine, "spend")["S2"]["budget_line_id"] == "B3"


def test_a_failed_write_rolls_everything_back(
    engine: Engine, minimal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails after its rows are written (here: refreshing the summaries) changes nothing at all."""
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    state = snapshot(engine)
    spend = MINIMAL_SET["spend.csv"].replace("1234.50", "1.00").encode()

    def fail(*_arguments) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("data_model.writes.path.refresh_status_spans", fail)
    with pytest.raises(RuntimeError, match="the disk is full"):
        upload(engine, {"spend.csv": spend}, actor=analyst("mallory"))
    assert snapshot(engine) == state


def test_unknown_files_and_duplicate_keys_are_refused_before_anything_is_written(
    engine: Engine, minimal_dir: Path
) -> None:
    with pytest.raises(ValidationFailed) as unknown:
        preview(engine, {"data_load.csv": b"id\n"})
    assert [(problem.file, problem.message.split(":")[0]) for problem in unknown.value.problems] == [
        ("data_load.csv", "not one of the board's files")
    ]
    files = {name: content.encode() for name, content in MINIMAL_SET.items()}
    files["spend.csv"] += MINIMAL_SET["spend.csv"].splitlines(keepends=True)[1].encode()  # S1 again
    with pytest.raises(ValidationFailed) as duplicate:
        write(engine, TableFiles(files, LOAD, complete=True), actor=analyst("a"))
    assert [(problem.file, problem.column) for problem in duplicate.value.problems] == [("spend.csv", "id")]
    assert data_version(engine) == 0


def test_partial_upload_replaces_only_the_tables_given(engine: Engine, minimal_dir: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    state = snapshot(engine)
    spend = (
        MINIMAL_SET["spend.csv"].replace("1234.50", "1234.56").replace("S2,2025-07-31,6000,B2", "S3,2025-08-01,99,B1")
    )
    tables = read_tables({"spend.csv": spend.encode()}, existing=engine)
    assert list(tables) == ["spend"]
    summary = upload(engine, table_files(tables), actor=admin("dana"), detail="spend.csv")
    assert (summary.added, summary.changed, summary.removed) == (1, 1, 1)
    assert list(summary.tables) == ["spend"]
    after = snapshot(engine)
    for table in SPECS:
        if table != "spend":
            assert after[table] == state[table], table
    assert sorted(rows_by_key(engine, "spend")) == ["S1", "S3"]
    assert json.loads(data_loads(engine)[-1]["row_counts"])["budget_line"] == 2


def test_an_apply_based_on_a_stale_preview_writes_nothing(engine: Engine, minimal_dir: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    previewed_on = data_version(engine)
    tables = read_tables({"spend.csv": MINIMAL_SET["spend.csv"].replace("1234.50", "1.00").encode()}, existing=engine)
    upload(engine, {"spend.csv": MINIMAL_SET["spend.csv"].replace("6000", "7000").encode()}, actor=analyst("bob"))
    state = snapshot(engine)
    with pytest.raises(StaleData):
        upload(engine, table_files(tables), actor=admin("alice"), expected_version=previewed_on)
    assert snapshot(engine) == state
    summary = upload(engine, table_files(tables), actor=admin("alice"), expected_version=data_version(engine))
    assert summary.changed == 2


def test_partial_upload_checks_references_against_the_database(engine: Engine, minimal_dir: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    spend = MINIMAL_SET["spend.csv"].replace(",B2,", ",B9,")
    with pytest.raises(ValidationFailed) as failure:
        read_tables({"spend.csv": spend.encode()}, existing=engine)
    assert failure.value.problems == [
        Problem(
            "spend.csv",
            3,
            "budget_line_id",
            "'B9' does not match any id in the current budget_line data",
        )
    ]


def test_partial_upload_cannot_orphan_rows_left_in_the_database(engine: Engine, minimal_dir: Path) -> None:
    load_directory(engine, minimal_dir, actor=analyst("alice"))
    budget = MINIMAL_SET["budget_line.csv"].replace(
        "B2,PCD 1,Forums,2025/26,MOPAC core,50000,initial,,PCD 1 §3,true\n", ""
    )
    with pytest.raises(ValidationFailed) as failure:
        read_tables({"budget_line.csv": budget.encode()}, existing=engine)
    [problem] = failure.value.problems
    assert (problem.file, problem.row, problem.column) == ("budget_line.csv", None, "id")
    assert problem.message.startswith("'B2' is not in this file, but 1 row of the current spend data")
    # Uploading spend.csv without B2's spend at the same time is fine.
    spend = MINIMAL_SET["spend.csv"].replace("S2,2025-07-31,6000,B2,Forum Partner CIC,,Ledger,yes\n", "")
    tables = read_tables({"budget_line.csv": budget.encode(), "spend.csv": spend.encode()}, existing=engine)
    assert upload(engine, table_files(tables), actor=admin("erin")).removed == 2


def test_bulk_load_round_trips(engine: Engine, tmp_path: Path) -> None:
    """Thousands of rows (PostgreSQL's COPY path) load, export and re-load exactly."""
    lines = ["id,spend_date,amount,budget_line_id,supplier,description,source,illustrative"]
    for number in range(1500):
        lines.append(
            f"S{number},2025-{1 + number % 12:02d}-{1 + number % 28:02d},"
            f"{number * 7 % 1000}.{number % 100:02d},"
            f'B{1 + number % 2},Supplier {number % 9},"Invoice {number}, part 1",'
            f"Ledger,{number % 2 == 1}"  # B2 is sample data, and so is every payment on it
        )
    big = write_set(tmp_path / "big", contents={"spend.csv": "\n".join(lines) + "\n"})
    summary = load_directory(engine, big, actor=analyst("alice"))
    assert summary.tables["spend"].added == 1500
    spend = rows_by_key(engine, "spend")
    assert spend["S1499"] == {
        "source": "Ledger",
        "illustrative": True,
        "id": "S1499",
        "spend_date": date(2025, 12, 16),
        "amount": Decimal("493.99"),
        "budget_line_id": "B2",
        "supplier": "Supplier 5",
        "description": "Invoice 1499, part 1",
    }
    export_directory(engine, tmp_path / "out")
    exported = (tmp_path / "out" / "spend.csv").read_text(encoding="utf-8").splitlines()
    assert exported[1:4] == [  # natural order of keys
        'Ledger,false,S0,2025-01-01,0,B1,Supplier 0,"Invoice 0, part 1"',
        'Ledger,true,S1,2025-02-02,7.01,B2,Supplier 1,"Invoice 1, part 1"',
        'Ledger,false,S2,2025-03-03,14.02,B1,Supplier 2,"Invoice 2, part 1"',
    ]
    assert load_directory(engine, tmp_path / "out", actor=analyst("alice")).unchanged


def test_change_summary_text() -> None:
    from data_model.writes.replace import TableChange

    summary = ChangeSummary(
        {
            "spend": TableChange("spend", added=12, changed=0, removed=0, rows_before=1, rows_after=13),
            "progress_update": TableChange("progress_update", 0, 3, 0, 5, 5),
        }
    )
    assert str(summary) == "12 rows added, 3 changed, 0 removed"
    assert summary.total == 15 and not summary.unchanged
    assert summary.row_counts == {"spend": 13, "progress_update": 5}
    one = ChangeSummary({"spend": TableChange("spend", 1, 0, 0, 0, 1)})
    assert str(one) == "1 row added, 0 changed, 0 removed"


# -- the command line -----------------------------------------------------------------------------


def run_cli(*arguments: str, database_url: str | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    if database_url:
        environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "seed", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    bad = write_set(tmp_path / "bad", edits={"spend.csv": [("1234.50", "TBC"), ("2025-07-31", "31/04/2026")]})
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "spend.csv, row 2, column amount: 'TBC' is not an amount of money: "
        "write pounds and pence in plain digits, like 1234.50 or £1,234.50",
        "spend.csv, row 3, column spend_date: '31/04/2026' is not a valid date: dates are written "
        "YYYY-MM-DD, e.g. 2026-04-30",
    ]
    assert "2 problems found; nothing was changed." in result.stderr


@pytest.mark.parametrize(
    ("file", "edit", "column", "message", "quick_edit"),
    [
        (
            "forum_insight.csv",
            ("Met,,Open,,", "Met,Leaflet rewritten,Closed,,"),
            "closed_date",
            "the status is Closed but the closed date is empty: give the date it closed",
            lambda engine: update_insight(
                engine,
                open_insight(engine, "FI1"),
                status="Closed",
                we_did="Leaflet rewritten",
                closed_date=None,
                actor=analyst(),
            ),
        ),
        (
            "board_action.csv",
            ("Done,2025-05-20,", "Open,2025-05-20,"),
            "closed_date",
            "only a Done or Dropped action has a closed date (this one is Open)",
            lambda engine: update_action(
                engine,
                open_record(engine, "board action", "A1"),
                status="Open",
                closed_date=date(2025, 5, 20),
                latest_update="Sent",
                actor=analyst(),
            ),
        ),
    ],
    ids=["a Closed insight without its closed date", "an Open action with a closed date"],
)
def test_cli_validate_refuses_what_a_quick_edit_refuses_in_the_same_words(
    file, edit, column, message, quick_edit, sqlite_engine: Engine, minimal_dir: Path, tmp_path: Path
) -> None:
    result = run_cli("validate", str(write_set(tmp_path / "bad", edits={file: [edit]})))
    assert (result.returncode, result.stdout.splitlines()) == (1, [f"{file}, row 2, column {column}: {message}"])
    load_directory(sqlite_engine, minimal_dir, actor=analyst())
    with pytest.raises(EditInvalid) as refused:
        quick_edit(sqlite_engine)
    assert refused.value.problems == [(column, message)]


def test_cli_validate_refuses_money_that_is_not_plain_pounds_and_a_payment_after_today(tmp_path: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    bad = write_set(tmp_path / "bad", edits={"spend.csv": [("1234.50", "1e9"), ("2025-07-31", tomorrow)]})
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "spend.csv, row 2, column amount: '1e9' is not an amount of money: "
        "write pounds and pence in plain digits, like 1234.50 or £1,234.50",
        f"spend.csv, row 3, column spend_date: {tomorrow} is after today ({date.today().isoformat()}): "
        "a payment is recorded once it is made",
    ]


def test_cli_validate_passes_a_good_set(minimal_dir: Path) -> None:
    result = run_cli("validate", str(minimal_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"22 files are valid: {MINIMAL_ROWS} rows in {minimal_dir}"


def test_cli_init_loads_only_once_and_load_export(tmp_path: Path, minimal_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'board.db'}"
    first = run_cli("init", str(minimal_dir), "--actor", "make run", database_url=url)
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout.splitlines()[0]
        == f"Loaded {minimal_dir}: {MINIMAL_ROWS} rows added, 0 changed, 0 removed (data version 1)"
    )
    assert "  spend.csv: 2 added, 0 changed, 0 removed" in first.stdout.splitlines()
    second = run_cli("init", str(minimal_dir), database_url=url)
    assert (second.returncode, second.stdout.strip()) == (
        0,
        "The database already has data; nothing loaded.",
    )
    reload = run_cli("load", str(minimal_dir), database_url=url)
    assert (reload.returncode, reload.stdout.strip()) == (
        0,
        f"No changes: the database already matches {minimal_dir}",
    )
    exported = run_cli("export", str(tmp_path / "out"), database_url=url)
    assert (exported.returncode, exported.stdout.strip()) == (
        0,
        f"Wrote 22 files, {MINIMAL_ROWS} rows, to {tmp_path / 'out'}",
    )
    assert read_directory(tmp_path / "out") == read_directory(minimal_dir)
    from data_model.db import make_engine

    engine = make_engine(url)
    try:
        assert [(record["actor"], record["action"]) for record in data_loads(engine)] == [("make run", "load")]
    finally:
        engine.dispose()


def test_cli_load_refuses_bad_files_and_changes_nothing(
    tmp_path: Path,
    minimal_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'board.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["load", str(minimal_dir), "--actor", "alice"]) == 0
    bad = write_set(tmp_path / "bad", edits={"budget_line.csv": [("50000,initial", "-50000,initial")]})
    capsys.readouterr()
    assert main(["load", str(bad)]) == 1
    output = capsys.readouterr()
    assert output.out == (
        "budget_line.csv, row 3, column amount: -50000 is negative: amounts of money cannot be negative\n"
    )
    assert output.err == "1 problem found; nothing was changed.\n"
    from data_model.db import make_engine

    engine = make_engine(url)
    try:
        assert data_version(engine) == 1
        assert rows_by_key(engine, "budget_line")["B2"]["amount"] == Decimal("50000")
    finally:
        engine.dispose()


def test_init_database_loads_only_an_empty_database(engine: Engine, minimal_dir: Path, tmp_path: Path) -> None:
    first = init_database(engine, minimal_dir, actor=analyst("make run"))
    assert first is not None and first.added == MINIMAL_ROWS
    other = write_set(tmp_path / "other", edits={"spend.csv": [("1234.50", "1.00")]})
    assert init_database(engine, other, actor=analyst("make run")) is None
    assert rows_by_key(engine, "spend")["S1"]["amount"] == Decimal("1234.50")
    assert data_version(engine) == 1


# -- the real seed folder -------------------------------------------------------------------------


def test_seed_dir_is_the_package_folder() -> None:
    assert SEED_DIR.resolve() == PACKAGE_SEED_DIR


def test_the_seed_folder_validates() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("22 files are valid: ")
    assert len(list(SEED_DIR.glob("*.csv"))) == len(SEED_TABLES)


def test_the_seed_loads_and_its_export_reloads_as_a_no_op(engine: Engine, tmp_path: Path) -> None:
    summary = load_directory(engine, SEED_DIR, actor=analyst())
    seed_tables = read_directory(SEED_DIR)
    assert summary.added == sum(len(rows) for rows in seed_tables.values()) > 0
    assert summary.row_counts == {table: len(rows) for table, rows in seed_tables.items()}
    export_directory(engine, tmp_path / "exported")
    exported = read_directory(tmp_path / "exported")
    for table, rows in seed_tables.items():  # the same rows, perhaps in another order
        key = SPECS[table].key
        assert sorted(exported[table], key=lambda row: row[key]) == sorted(rows, key=lambda row: row[key]), table
    assert load_directory(engine, tmp_path / "exported", actor=analyst()).unchanged
    assert data_version(engine) == 1
    for path in sorted(SEED_DIR.glob("*.csv")):  # byte for byte, rows in key order: escaping leaves clean text alone
        seed_lines = path.read_text(encoding="utf-8").splitlines()
        exported_lines = (tmp_path / "exported" / path.name).read_text(encoding="utf-8").splitlines()
        assert (exported_lines[0], sorted(exported_lines)) == (seed_lines[0], sorted(seed_lines)), path.name


def test_the_seeded_fixture_recorded_one_load(seeded_engine: Engine) -> None:
    [record] = data_loads(seeded_engine)
    assert (record["actor"], record["action"], record["detail"]) == ("tests", "load", str(SEED_DIR))
    assert record["rows_added"] == sum(json.loads(record["row_counts"]).values())
