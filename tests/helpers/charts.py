"""Reading a plotly chart's JSON as AppTest sees it."""

from __future__ import annotations

import base64
import json

import numpy
from streamlit.testing.v1 import AppTest


def plotted(values) -> list:
    """A trace's values from the chart's JSON: plotly writes numeric arrays as base64 ("bdata")."""
    if isinstance(values, dict):
        return numpy.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def figure(at: AppTest, index: int = -1) -> dict:
    """The page's `index`-th plotly chart (its last by default) as the JSON the browser receives."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)
