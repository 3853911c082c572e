"""The minutes of a board, from the command line, in Word and PDF: that meeting's decisions and actions, its
attendance, each item's figures as they stood that day, and nothing of another meeting.

The expected values are the seed's rows for BOARD-2026-10 (15 Oct 2026, the last seeded board, minutes
still a draft) and BOARD-2026-08 (13 Aug 2026, confirmed at the October board), read from the CSV files.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document

from dashboard.briefing.__main__ import main as cli
from tests.helpers.environment import SEED_DIR
from tests.helpers.pdf_text import pages_text

LAST_BOARD = "BOARD-2026-10"


def seed_rows(table: str, meeting: str) -> list[dict[str, str]]:
    with (SEED_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["meeting_id"] == meeting]


def last_seeded_board() -> str:
    with (SEED_DIR / "board_meeting.csv").open(encoding="utf-8", newline="") as handle:
        return max(csv.DictReader(handle), key=lambda row: row["meeting_date"])["id"]


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def written(monkeypatch: pytest.MonkeyPatch, url: str, tmp_path, name: str, meeting: str) -> str:
    monkeypatch.setenv("DATABASE_URL", url)
    out = tmp_path / name
    assert cli([str(out), "--minutes", meeting]) == 0
    data = out.read_bytes()
    return flat(docx_text(data) if name.endswith(".docx") else "\n".join(pages_text(data)))


@pytest.mark.parametrize("name", ["minutes.docx", "minutes.pdf"])
def test_the_minutes_of_the_last_board_hold_its_decisions_and_actions(monkeypatch, seeded_url, tmp_path, capsys, name):
    assert last_seeded_board() == LAST_BOARD
    text = written(monkeypatch, seeded_url, tmp_path, name, LAST_BOARD)
    assert f"Minutes of {LAST_BOARD}: wrote" in capsys.readouterr().out
    assert "Minutes: MPS End-to-End Victim Care Programme Board, October 2026†" in text
    assert "Held on 15 Oct 2026. Draft, to be confirmed at the next meeting." in text
    decisions = seed_rows("board_decision", LAST_BOARD)
    assert len(decisions) == 4
    for decision in decisions:
        assert flat(decision["summary"]) in text
    agreed = "Ask for a further decision before PCD 1847's spend passes the £50,000 line"
    assert f"Decision. Agreed: {agreed} (decision PCD 1847)†" in text
    actions = seed_rows("board_action", LAST_BOARD)
    assert len(actions) == 5
    for action in actions:
        assert flat(action["action"]) in text
        assert action["owner"] in text
    assert (
        "Draft terms for the City of London partnership†" in text and "13 Nov 2026" in text
    )  # BA-2026-10-02's due date
    assert (
        "Apologies: Victims' Commissioner's office representative (illustrative), Victims' Commissioner for London†"
        in text
    )
    # The figures as they stood on 15 Oct 2026, changes since the board of 13 Aug 2026.
    assert "Spent since the board of 13 Aug 2026: £19,500†" in text
    assert "Overall status: Amber" in text
    # Another meeting's decisions are not in these minutes.
    assert "Rebaseline the joint session" not in text
    assert "Next meeting Not yet set" in text


def test_confirmed_minutes_say_when_they_were_confirmed(monkeypatch, seeded_url, tmp_path):
    text = written(monkeypatch, seeded_url, tmp_path, "august.pdf", "BOARD-2026-08")
    assert "Held on 13 Aug 2026. Confirmed as a true record at the meeting of 15 Oct 2026." in text
    assert "Rebaseline the joint session of the disabled victims and LGBTQ+ forums†" in text
    assert "Next meeting 15 Oct 2026†" in text
    assert "Draft terms for a partnership" not in text


def test_the_command_line_refuses_an_unknown_meeting_or_suffix(monkeypatch, seeded_url, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    with pytest.raises(SystemExit):
        cli([str(tmp_path / "minutes.docx"), "--minutes", "BOARD-2099-01"])
    assert "there is no board meeting 'BOARD-2099-01'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli([str(tmp_path / "minutes.xlsx"), "--minutes", LAST_BOARD])
    assert "must end in .docx (Word) or .pdf for the minutes" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
