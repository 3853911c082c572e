"""A board meeting added from the app: its id is its month, it gets the board's standard agenda (the twelve
items of DOMAIN.md, "The board meeting"), its minutes start as a draft, and it is audited; a second meeting
in the same month, a blank title or a viewer is refused and nothing changes. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from data_model.writes.edits import EditInvalid
from data_model.writes.meeting_records import add_meeting
from data_model.writes.replace import load_directory
from data_model.writes.roles import Actor, NotAllowed, Role
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import data_loads

FIRST_ITEMS = ["Welcome, attendance and apologies", "Minutes of the last meeting and matters arising"]


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    load_directory(engine, SEED_DIR, actor=analyst())
    return engine


def add(
    engine: Engine,
    day: date | None = date(2026, 12, 10),
    title: str = "December 2026 board",
    actor: Actor | None = None,
) -> str:
    saved = add_meeting(
        engine, meeting_date=day, title=title, source="Board forward plan", actor=actor or analyst("secretary")
    )
    return saved.record_id


def rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_a_new_meeting_gets_the_standard_agenda_and_draft_minutes(seeded: Engine) -> None:
    assert add(seeded) == "BOARD-2026-12"
    meeting = rows(
        seeded, "SELECT meeting_date, minutes_status, illustrative FROM board_meeting WHERE id = 'BOARD-2026-12'"
    )
    assert [(str(day), status, bool(sample)) for day, status, sample in meeting] == [("2026-12-10", "Draft", False)]
    agenda = rows(
        seeded, "SELECT number, title, shows FROM agenda_item WHERE meeting_id = 'BOARD-2026-12' ORDER BY number"
    )
    assert [number for number, _, _ in agenda] == list(range(1, 13))
    assert [title for _, title, _ in agenda[:2]] == FIRST_ITEMS
    assert agenda[-1][1:] == ("Date of the next meeting", "next meeting")
    audit = data_loads(seeded)[-1]
    assert (audit["actor"], audit["action"], audit["rows_added"]) == ("secretary", "edit", 13)
    assert audit["detail"] == "new board meeting BOARD-2026-12 with the standard agenda"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"day": date(2026, 10, 29)}, "meeting_date", "the board already meets in October 2026: BOARD-2026-10"),
        ({"title": "  "}, "title", ""),
        ({"day": None}, "meeting_date", ""),
    ],
)
def test_a_meeting_the_rulebook_refuses_changes_nothing(seeded: Engine, values, field: str, message: str) -> None:
    before = rows(seeded, "SELECT COUNT(*) FROM board_meeting UNION ALL SELECT COUNT(*) FROM agenda_item")
    with pytest.raises(EditInvalid) as refused:
        add(seeded, **values)
    assert [name for name, _ in refused.value.problems] == [field]
    assert message in refused.value.problems[0][1]
    assert rows(seeded, "SELECT COUNT(*) FROM board_meeting UNION ALL SELECT COUNT(*) FROM agenda_item") == before


def test_a_viewer_may_not_add_a_meeting(seeded: Engine) -> None:
    with pytest.raises(NotAllowed):
        add(seeded, actor=Actor("visitor", Role.VIEWER))
    assert rows(seeded, "SELECT id FROM board_meeting WHERE id = 'BOARD-2026-12'") == []
