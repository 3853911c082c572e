"""Confirmed minutes lock the meeting's record, at every door; the actions it agreed still move on.

The seed's minutes of BOARD-2026-08 were confirmed at BOARD-2026-10 (15 Oct 2026); BOARD-2026-10's
are a draft. Each change is tried on both sides of the lock: the confirmed meeting refuses it,
naming file, row and "minutes confirmed on 2026-10-15", and nothing changes; the draft one takes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.writes.csv_files import ValidationFailed
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import admin, analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import rows_by_key, snapshot

LOCKED = "minutes confirmed on 2026-10-15"
CONFIRMED_DECISION = "Rebaseline the joint session of the disabled victims and LGBTQ+ forums"  # BD-2026-08-01, row 4
DRAFT_DECISION = "Draft terms for a partnership with the City of London"  # BD-2026-10-03, row 9


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    load_directory(engine, SEED_DIR, actor=analyst())
    return engine


def seed_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """The seed's files with one text replaced in `file` (the replacement must apply)."""
    directory = tmp_path / "files"
    shutil.copytree(SEED_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


def refused(engine: Engine, action, *, file: str, row: int | None, column: str) -> str:
    state = snapshot(engine)
    with pytest.raises(ValidationFailed) as failure:
        action()
    assert snapshot(engine) == state
    [problem] = failure.value.problems
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    assert LOCKED in problem.message
    return problem.message


def test_a_load_rewriting_a_decision_of_confirmed_minutes_is_refused(loaded: Engine, tmp_path: Path) -> None:
    files = seed_copy(tmp_path, "board_decision.csv", CONFIRMED_DECISION, "Rebaseline it after all")
    message = refused(
        loaded,
        lambda: load_directory(loaded, files, actor=admin()),
        file="board_decision.csv",
        row=4,
        column="meeting_id",
    )
    assert "'BOARD-2026-08'" in message
    assert rows_by_key(loaded, "board_decision")["BD-2026-08-01"]["summary"] == CONFIRMED_DECISION


def test_a_load_rewriting_a_decision_of_draft_minutes_is_taken(loaded: Engine, tmp_path: Path) -> None:
    files = seed_copy(tmp_path, "board_decision.csv", DRAFT_DECISION, "Draft terms with the City")
    summary = load_directory(loaded, files, actor=analyst())
    assert summary.tables["board_decision"].changed_keys == ("BD-2026-10-03",)
    assert rows_by_key(loaded, "board_decision")["BD-2026-10-03"]["summary"] == "Draft terms with the City"


def upload_one(engine: Engine, directory: Path, file: str) -> None:
    upload(engine, {file: (directory / file).read_bytes()}, actor=admin())


def test_an_upload_adding_or_removing_attendance_of_confirmed_minutes_is_refused(
    loaded: Engine, tmp_path: Path
) -> None:
    added = "true,AT-2026-08-08,BOARD-2026-08,Late arrival (illustrative),MOPAC,present\n"
    last = "true,AT-2026-10-07,BOARD-2026-10,Board secretary (illustrative),MOPAC,in attendance\n"
    source = "Illustrative sample data (invented attendance; the board's meetings are illustrative),"
    files = seed_copy(tmp_path / "add", "board_attendance.csv", last, last + source + added)
    refused(
        loaded,
        lambda: upload_one(loaded, files, "board_attendance.csv"),
        file="board_attendance.csv",
        row=86,
        column="meeting_id",
    )
    gone = "true,AT-2026-08-03,BOARD-2026-08,Head of Finance (illustrative),MOPAC,present\n"
    files = seed_copy(tmp_path / "remove", "board_attendance.csv", source + gone, "")
    message = refused(
        loaded,
        lambda: upload_one(loaded, files, "board_attendance.csv"),
        file="board_attendance.csv",
        row=None,
        column="id",
    )
    assert message.startswith("'AT-2026-08-03' is left out")


def test_the_confirmation_itself_is_locked(loaded: Engine, tmp_path: Path) -> None:
    files = seed_copy(tmp_path, "board_meeting.csv", 'August 2026",Confirmed,BOARD-2026-10', 'August 2026",Draft,')
    refused(
        loaded,
        lambda: upload_one(loaded, files, "board_meeting.csv"),
        file="board_meeting.csv",
        row=12,
        column="minutes_status",
    )


def test_the_actions_of_confirmed_minutes_still_move_on(loaded: Engine, tmp_path: Path) -> None:
    """BOARD-2026-08's minutes are confirmed; its action BA-2026-08-08 still takes a new latest update."""
    published = "2026-11-10,Published on 10 Nov 2026 (milestone MS-ILL-VAWG-REPORT)."
    files = seed_copy(tmp_path, "board_action.csv", published, "2026-11-10,Published; copies sent to partners.")
    upload_one(loaded, files, "board_action.csv")
    assert (
        rows_by_key(loaded, "board_action")["BA-2026-08-08"]["latest_update"] == "Published; copies sent to partners."
    )


def test_a_new_meeting_given_no_agenda_gets_the_standard_one(loaded: Engine, tmp_path: Path) -> None:
    last = 'October 2026",Draft,\n'
    new = (
        "Illustrative sample data (invented meeting),true,BOARD-2026-12,2026-12-10,"
        '"MPS End-to-End Victim Care Programme Board, December 2026",Draft,\n'
    )
    files = seed_copy(tmp_path, "board_meeting.csv", last, last + new)
    upload_one(loaded, files, "board_meeting.csv")
    agenda = {
        key: row for key, row in rows_by_key(loaded, "agenda_item").items() if row["meeting_id"] == "BOARD-2026-12"
    }
    assert sorted(agenda) == [f"BOARD-2026-12-{number:02d}" for number in range(1, 13)]
    assert agenda["BOARD-2026-12-01"]["title"] == "Welcome, attendance and apologies"
    assert agenda["BOARD-2026-12-10"]["shows"] == "decisions needed"
    assert all(row["illustrative"] for row in agenda.values())  # sample data, as its meeting is
