"""The next board sees what the last one decided: the Changes page and the pack list its decisions.

As at 22 Nov 2026 the last board is that of 15 Oct 2026 (BOARD-2026-10); its decisions are read from
`seed/board_decision.csv`, and the board before it (13 Aug 2026) shows its own, never these.
"""

from __future__ import annotations

import re

from dashboard.briefing.pack import make_pack
from data_model.scope import make_scope
from tests.helpers.pdf_text import pages_text
from tests.helpers.seeded import AS_AT, open_page, rows


def decided_at(meeting: str) -> list[str]:
    return [row["summary"] for row in rows("board_decision") if row["meeting_id"] == meeting]


def test_the_changes_page_lists_the_last_boards_decisions(app_env):
    frames = [frame.value for frame in open_page("changes").dataframe]
    decisions = next(frame for frame in frames if "Result" in frame.columns)
    assert sorted(decisions["Decision"]) == sorted(decided_at("BOARD-2026-10"))
    assert list(decisions["Item"]) == [5, 7, 9, 10]  # in agenda order
    agreed = decisions.set_index("Item")
    assert agreed.at[7, "Result"] == "agreed" and agreed.at[7, "Concerns"] == "decision PCD 1847"
    assert set(decisions["Illustrative"]) == {"Illustrative"}


def test_the_changes_page_since_the_august_board_lists_its_decisions(app_env):
    at = open_page("changes", since="Board of 13 Aug 2026", as_at="2026-09-30")
    decisions = next(frame.value for frame in at.dataframe if "Result" in frame.value.columns)
    assert sorted(decisions["Decision"]) == sorted(decided_at("BOARD-2026-08"))


def test_the_pack_carries_the_decisions_of_the_last_board(seeded_engine):
    text = re.sub(r"\s+", " ", "\n".join(pages_text(make_pack(seeded_engine, make_scope(seeded_engine, AS_AT)))))
    assert "Decisions of the last board" in text
    assert "Decided at the board of 15 Oct 2026, by agenda item (board_decision.csv)." in text
    for summary in decided_at("BOARD-2026-10"):
        assert f"{summary}†" in text
    assert "Ask for a further decision before PCD 1847's spend passes the £50,000 line†" in text
    assert "Rebaseline the joint session" not in text  # the August board's
