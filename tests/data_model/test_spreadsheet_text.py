"""Text through a spreadsheet: formulas made inert, the analysts' escaping undone exactly, no trim into a formula."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_model.spreadsheet_text import escape, neutralise, runs_as_formula, trimmed, unescape

TRIGGERS = "=+-@\t\r"
"""What starts a formula in a spreadsheet (OWASP's CSV injection list), restated here."""


def read_back(cell: str) -> str:
    """What the file reader makes of a text cell: trimmed, then unescaped."""
    return unescape(trimmed(cell))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),
        ("'=already", "''=already"),
        ("'tis", "''tis"),
        ("Clean text, with = and - inside", "Clean text, with = and - inside"),
        ("", ""),
    ],
)
def test_an_analysts_file_holds_no_live_formula_and_reads_back_exactly(text: str, written: str) -> None:
    assert escape(text) == written
    assert not written.startswith(tuple(TRIGGERS))
    assert read_back(written) == text


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("\t=1+1", "\t=1+1"),
        ("  =1+1", "  =1+1"),
        (" \t@SUM(A1)  ", " \t@SUM(A1)"),
        ("  plain  ", "plain"),
        ("=1+1  ", "=1+1"),
        ("   ", ""),
        ("'tis", "'tis"),  # an apostrophe the export did not add stays
        ("'=1+1", "=1+1"),
        ("''=1+1", "'=1+1"),
    ],
)
def test_whitespace_is_never_trimmed_into_a_formula(cell: str, read: str) -> None:
    assert read_back(cell) == read


def test_neutralise_is_the_one_way_step_of_the_board_exports() -> None:
    assert [neutralise(value) for value in ("=1", "  =1", "'=1", "plain", 5)] == ["'=1", "'  =1", "'=1", "plain", 5]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from([*TRIGGERS, "'", " ", "a", "1", "\n", "é"]), max_size=8) | st.text(max_size=12))
def test_any_text_a_door_keeps_survives_the_round_trip(text: str) -> None:
    kept = trimmed(text)  # what the edit door stores; the file door stores read_back of a cell
    for stored in {kept, read_back(text)}:
        written = escape(stored)
        assert not runs_as_formula(written), repr(written)
        assert read_back(written) == stored
        assert written in (stored, "'" + stored)
    if kept[:1] in ("=", "+", "-", "@"):
        assert text.startswith(kept[:1]), f"trimming {text!r} made a formula"
