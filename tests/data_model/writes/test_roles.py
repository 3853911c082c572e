"""Roles are checked where the data is written: every kind of change, by every role.

Each write is called directly, as a crafted client or a script would reach it: the allowed role
succeeds, a lower role or an unknown one is refused with a clear message, and nothing changes
(rows, audit log, data version). `CHANGES` holds one change of every kind in `LOWEST_ROLE`, and
a test checks that none is missing, so a new kind of change cannot escape these tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.writes.edits import add_progress_update, open_insight, open_recommendation, update_insight
from data_model.writes.replace import load_directory, upload
from data_model.writes.roles import EDIT, LOAD, LOWEST_ROLE, REMOVE_ROWS, UPLOAD, Actor, NotAllowed, Role
from seed.__main__ import main
from tests.helpers.actors import analyst
from tests.helpers.minimal_set import MINIMAL_SET, rows_by_key, snapshot, write_set


def _load(engine: Engine, actor: Actor, folder: Path) -> None:
    load_directory(engine, write_set(folder, edits={"spend.csv": [("1234.50", "1.00")]}), actor=actor)


def _upload(engine: Engine, actor: Actor, _folder: Path) -> None:
    upload(engine, {"spend.csv": MINIMAL_SET["spend.csv"].replace("1234.50", "2.00").encode()}, actor=actor)


def _edit(engine: Engine, actor: Actor, _folder: Path) -> None:
    opened = open_recommendation(engine, "R1")
    add_progress_update(
        engine, opened, update_date=date(2025, 10, 1), status="Green", percent_complete=60,
        narrative="On track.", source="Board paper", actor=actor,
    )  # fmt: skip


def _remove_rows(engine: Engine, actor: Actor, _folder: Path) -> None:
    without_s2 = "\n".join(line for line in MINIMAL_SET["spend.csv"].splitlines() if not line.startswith("S2,"))
    upload(engine, {"spend.csv": (without_s2 + "\n").encode()}, actor=actor)


CHANGES: dict[str, Callable[[Engine, Actor, Path], None]] = {
    LOAD: _load,
    UPLOAD: _upload,
    EDIT: _edit,
    REMOVE_ROWS: _remove_rows,
}
"""One change of each kind; each changes the minimal set's data when allowed."""


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    load_directory(engine, write_set(tmp_path / "minimal"), actor=analyst("setup"))
    return engine


def test_every_kind_of_change_is_tested() -> None:
    assert set(CHANGES) == set(LOWEST_ROLE)


@pytest.mark.parametrize("kind", sorted(LOWEST_ROLE))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_make_exactly_the_changes_its_rank_allows(
    loaded: Engine, tmp_path: Path, kind: str, role: Role
) -> None:
    expected = {
        Role.VIEWER: set(),
        Role.ANALYST: {LOAD, UPLOAD, EDIT},
        Role.ADMIN: {LOAD, UPLOAD, EDIT, REMOVE_ROWS},
    }[role]
    before = snapshot(loaded)
    actor = Actor(f"someone.{role}@mopac.example.gov.uk", role)
    if kind in expected:
        CHANGES[kind](loaded, actor, tmp_path / "files")
        after = snapshot(loaded)
        assert after["data version"] == before["data version"] + 1
        assert after != before
    else:
        with pytest.raises(NotAllowed) as refused:
            CHANGES[kind](loaded, actor, tmp_path / "files")
        assert str(refused.value).endswith(f"is {'a' if role == Role.VIEWER else 'an'} {role}. Nothing was changed.")
        assert snapshot(loaded) == before


def test_the_refusals_say_who_may_and_what(loaded: Engine, tmp_path: Path) -> None:
    viewer = Actor("vic@mopac.example.gov.uk", Role.VIEWER)
    with pytest.raises(NotAllowed, match=r"^Only analysts may upload data; vic@mopac\.example\.gov\.uk is a viewer\."):
        _upload(loaded, viewer, tmp_path)
    ana = Actor("ana@mopac.example.gov.uk", Role.ANALYST)
    with pytest.raises(NotAllowed, match=r"^Only admins may remove rows \(this change would remove 1\); ana@"):
        _remove_rows(loaded, ana, tmp_path)
    assert sorted(rows_by_key(loaded, "spend")) == ["S1", "S2"]


@pytest.mark.parametrize("role", ["superuser", "", "Admin "])
def test_an_unknown_role_may_change_nothing(loaded: Engine, tmp_path: Path, role: str) -> None:
    before = snapshot(loaded)
    for change in CHANGES.values():
        with pytest.raises(NotAllowed, match=r"has the unknown role .*: no change is allowed"):
            change(loaded, Actor("eve", role), tmp_path / "files")
    assert snapshot(loaded) == before


def test_an_insight_edit_is_checked_like_any_other(loaded: Engine) -> None:
    opened = open_insight(loaded, "FI1")
    before = snapshot(loaded)
    with pytest.raises(NotAllowed):
        update_insight(
            loaded, opened, status="Closed", we_did="Done.", closed_date=date(2025, 7, 1),
            actor=Actor("vic", Role.VIEWER),
        )  # fmt: skip
    assert snapshot(loaded) == before


def test_the_command_line_acts_as_an_analyst_unless_told_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'board.db'}")
    assert main(["load", str(write_set(tmp_path / "full")), "--actor", "alice"]) == 0
    fewer = write_set(
        tmp_path / "fewer", edits={"spend.csv": [("S2,2025-07-31,6000,B2,Forum Partner CIC,,Ledger,yes\n", "")]}
    )
    capsys.readouterr()
    assert main(["load", str(fewer), "--actor", "alice"]) == 1
    assert capsys.readouterr().err == (
        "Only admins may remove rows (this change would remove 1); alice is an analyst. Nothing was changed. "
        "Run it again with --admin if removing those rows is intended.\n"
    )
    assert main(["load", str(fewer), "--actor", "alice", "--admin"]) == 0
    assert "1 removed" in capsys.readouterr().out
