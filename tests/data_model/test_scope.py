"""The one rule for the default "since": the last board strictly before the as-at day.

Checked at the days that matter: a board's own day (compares with the board before it), the day
after it (compares with it), the day before a board, and a day before any board (90 days back).
"""

from __future__ import annotations

from datetime import date

import pytest

from data_model.scope import FALLBACK_DAYS, Scope, boards_before, make_scope, scope_for
from tests.helpers.seeded import rows

BOARDS = sorted(date.fromisoformat(row["meeting_date"]) for row in rows("board_meeting"))
"""The seeded boards, read from the CSV file rather than from the code under test."""


@pytest.mark.parametrize(
    ("as_at", "since"),
    [
        (date(2026, 10, 15), date(2026, 8, 13)),  # on the October board's day: the August board
        (date(2026, 10, 16), date(2026, 10, 15)),  # the day after: the October board
        (date(2026, 10, 14), date(2026, 8, 13)),  # the day before: still the August board
        (date(2026, 8, 14), date(2026, 8, 13)),
        (date(2026, 8, 13), date(2026, 6, 11)),
    ],
)
def test_the_default_since_is_the_last_board_strictly_before_the_as_at_day(seeded_engine, as_at, since):
    scope = make_scope(seeded_engine, as_at)
    assert scope.since == since == max(board for board in BOARDS if board < as_at)
    assert scope.since_label == f"the board of {since.day} {since:%b %Y}"


def test_before_the_first_board_changes_run_over_the_last_90_days(seeded_engine):
    first = BOARDS[0]
    scope = make_scope(seeded_engine, first)  # on the first board's day no board met before it
    assert scope.since == date(2024, 9, 13) and (first - scope.since).days == FALLBACK_DAYS == 90
    assert scope.since_label == "90 days before (13 Sep 2024)"


def test_documented_only_counts_from_documented_boards_only(seeded_engine):
    """Every seeded board is sample data: with documented figures only there is no board to count from."""
    assert boards_before(seeded_engine, date(2026, 11, 22), documented_only=True) == []
    assert make_scope(seeded_engine, date(2026, 11, 22), documented_only=True).since == date(2026, 8, 24)


def test_a_chosen_since_is_named_as_a_board_only_when_a_board_met_that_day(seeded_engine):
    assert make_scope(seeded_engine, date(2026, 11, 22), date(2026, 8, 13)).since_label == "the board of 13 Aug 2026"
    assert make_scope(seeded_engine, date(2026, 11, 22), date(2026, 8, 12)).since_label == "12 Aug 2026"


@pytest.mark.parametrize("since", [date(2026, 11, 22), date(2026, 11, 23)])
def test_since_must_come_before_the_as_at_day(since):
    with pytest.raises(ValueError, match="must start before the as-at day"):
        scope_for(date(2026, 11, 22), [], since)
    assert scope_for(date(2026, 11, 22), [], date(2026, 11, 21)).since == date(2026, 11, 21)


def test_a_scope_is_frozen_and_hashable_so_a_cached_query_is_keyed_on_it():
    scope = Scope(date(2026, 11, 22), date(2026, 10, 15), "the board of 15 Oct 2026")
    assert hash(scope) == hash(Scope(date(2026, 11, 22), date(2026, 10, 15), "the board of 15 Oct 2026"))
    with pytest.raises(AttributeError):
        scope.as_at = date(2026, 1, 1)  # type: ignore[misc]
