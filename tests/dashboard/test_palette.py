"""Status colours keep their words legible: every text and fill pair the app and the pack use reads at
4.5:1 or more (WCAG 2.2 AA), including the labels whose text colour Streamlit picks itself."""

from __future__ import annotations

import pytest

from dashboard.presentation.palette import (
    BLACK,
    LABEL_TEXT_SWITCH,
    STATUS_COLOURS,
    STATUS_LABEL_FILLS,
    TEXT_ON,
    WHITE,
    _luminance,
    contrast,
)
from dashboard.widgets.status_labels import NOT_STARTED_FILL


def streamlit_label_text(fill: str) -> str:
    """The text colour Streamlit's table writes on a label of this fill."""
    return BLACK if _luminance(fill) > LABEL_TEXT_SWITCH else WHITE


def test_contrast_matches_known_ratios():
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast("#12436D", WHITE) == pytest.approx(10.25, abs=0.01)  # dark blue, from the palette's guidance


@pytest.mark.parametrize("status", STATUS_COLOURS)
def test_status_cells_read_at_4_5_to_1(status: str):
    fill = STATUS_COLOURS[status]
    assert contrast(fill, TEXT_ON[fill]) >= 4.5


@pytest.mark.parametrize("status", STATUS_LABEL_FILLS)
def test_status_labels_read_at_4_5_to_1_in_the_text_streamlit_picks(status: str):
    fill, colour = STATUS_LABEL_FILLS[status], STATUS_COLOURS[status]
    assert contrast(fill, streamlit_label_text(fill)) >= 4.5
    half_tint = "#" + "".join(f"{round((int(colour[i : i + 2], 16) + 255) / 2):02X}" for i in (1, 3, 5))
    assert fill in (colour, half_tint)


def test_the_light_palette_colours_become_tints_and_the_dark_ones_stay():
    assert {status for status, fill in STATUS_LABEL_FILLS.items() if fill != STATUS_COLOURS[status]} == {
        "Green",
        "Amber/Green",
        "Amber",
    }
    assert STATUS_LABEL_FILLS["Amber"] == "#FAB492"
    assert contrast(NOT_STARTED_FILL, streamlit_label_text(NOT_STARTED_FILL)) >= 4.5
