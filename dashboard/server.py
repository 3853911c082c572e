"""The app server: ``streamlit run dashboard/server.py`` serves `app.py`, warmed before the first reader.

Without a warm-up, the first page after a start waits while Python imports pandas, Plotly, SQLAlchemy
and the pages' modules and opens the database (about 1.4 s on a 2-core machine). The server's lifespan
does that work once as it starts, so it reports itself up (``/_stcore/health``) ready to draw at speed. A
database it cannot reach does not stop it: the pages explain that problem to the reader.
"""

from __future__ import annotations

import importlib
import pkgutil
from contextlib import asynccontextmanager, suppress

import streamlit as st

import dashboard.briefing
import dashboard.components
import data_model.queries

WARMED_PACKAGES = (dashboard.components, dashboard.briefing, data_model.queries)


@asynccontextmanager
async def _warmed(_app: st.App):
    for package in WARMED_PACKAGES:
        for module in pkgutil.iter_modules(package.__path__):
            if not module.name.startswith("_"):  # not a command line's __main__
                importlib.import_module(f"{package.__name__}.{module.name}")
    from dashboard.components.data import get_engine
    from data_model.faults import DATABASE_ERRORS

    with suppress(DATABASE_ERRORS):  # unreachable or locked: the first page says so and what to do
        get_engine()  # the engine (and its schema check) made once, up front
    yield


app = st.App("app.py", lifespan=_warmed)
