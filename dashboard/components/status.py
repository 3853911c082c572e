"""Status cells coloured from the palette that always spell the status out."""

from __future__ import annotations

import pandas as pd

from dashboard.components.palette import STATUS_COLOURS, TEXT_ON


def style_status(frame: pd.DataFrame, column: str = "Status") -> "pd.io.formats.style.Styler":
    """Colour a table's status cells from the palette; the cell keeps its text label."""

    def colour(value: object) -> str:
        fill = STATUS_COLOURS.get(str(value))
        return f"background-color:{fill};color:{TEXT_ON[fill]};font-weight:600" if fill else ""

    return frame.style.map(colour, subset=[column])
