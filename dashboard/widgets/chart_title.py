"""A chart that draws illustrative sample data says so in its title, marked †, readable without hovering."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.presentation.palette import TEXT
from dashboard.presentation.sample_marks import DAGGER

FONT = {"size": 17, "family": "'Source Sans', 'Source Sans 3', sans-serif", "color": TEXT}  # the app's own font


def mark_sample(figure: go.Figure, sample: str) -> go.Figure:
    """`sample` (e.g. "includes 24 sample rows") as the chart's title, marked †; the figure unchanged
    when `sample` is empty (nothing it draws is sample data)."""
    if sample:
        figure.update_layout(
            title={"text": f"{DAGGER} {sample}", "font": FONT, "x": 0, "xanchor": "left"},
            margin={**figure.layout.margin.to_plotly_json(), "t": 50},
        )
    return figure
