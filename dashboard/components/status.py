"""Status shown as a coloured badge that always spells the status out."""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dashboard.components.palette import STATUS_COLOURS, TEXT_ON
from data_model.tables import STATUS_SCALE


def badge_html(status: str) -> str:
    """Our own markup for a status from the fixed scale (never user text)."""
    if status not in STATUS_SCALE:
        raise ValueError(f"{status!r} is not on the status scale")
    colour = STATUS_COLOURS[status]
    return (
        f'<span style="background:{colour};color:{TEXT_ON[colour]};padding:0.15em 0.6em;'
        f'border-radius:0.4em;font-weight:600;white-space:nowrap">{escape(status)}</span>'
    )


def badge(status: str) -> None:
    st.markdown(badge_html(status), unsafe_allow_html=True)


def style_status(frame: pd.DataFrame, column: str = "Status") -> "pd.io.formats.style.Styler":
    """Colour a table's status cells from the palette; the cell keeps its text label."""

    def colour(value: object) -> str:
        fill = STATUS_COLOURS.get(str(value))
        return f"background-color:{fill};color:{TEXT_ON[fill]};font-weight:600" if fill else ""

    return frame.style.map(colour, subset=[column])
