"""How counts are written: a forum's total adds up only the counts it shows, and says how many it leaves out."""

from __future__ import annotations

import pytest

from dashboard.presentation.formatting import count, participant_total


@pytest.mark.parametrize(
    ("meetings", "small", "shown", "written"),
    [
        (0, 0, 0, "–"),
        (6, 0, 60, "60"),
        (6, 1, 54, "54 + <5"),
        (7, 2, 1234, "1,234 + 2 × <5"),
        (1, 1, 0, "<5"),
        (3, 3, 0, "3 × <5"),
    ],
)
def test_a_total_adds_up_the_counts_shown_and_writes_each_hidden_one(meetings, small, shown, written):
    attendance = {"meetings": meetings, "small_meetings": small, "shown_participants": shown}
    assert participant_total(attendance) == written


@pytest.mark.parametrize(("value", "written"), [(None, "<5"), (0, "<5"), (4, "<5"), (5, "5"), (1200, "1,200")])
def test_a_meeting_count_under_5_is_written_as_under_5(value, written):
    assert count(value) == written
