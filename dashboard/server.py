"""The app server: ``streamlit run dashboard/server.py`` serves `app.py`, warmed before the first reader.

Without a warm-up, the first page after a start waits while Python imports pandas, Plotly, SQLAlchemy
and the pages' modules and opens the database (about 1.4 s on a 2-core machine). The server's lifespan
does that work once as it starts, so it reports itself up (``/_stcore/health``) ready to draw at speed. A
database it cannot reach does not stop it: the pages explain that problem to the reader.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import streamlit as st

import dashboard
import data_model.queries

PAGES = Path(__file__).parent / "app_pages"
SCRIPTS = ("dashboard.app", "dashboard.server", "dashboard.app_pages.")
"""Modules that draw or serve when imported: the entry point, this server and the pages."""


def _warmed_modules() -> Iterator[str]:
    """Every module of the app's packages but the scripts (importing one would draw it), and every
    module a page imports, such as the views that sit beside it."""
    for package in (dashboard, data_model.queries):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.rsplit(".", 1)[-1].startswith("_") and not module.name.startswith(SCRIPTS):
                yield module.name  # not a command line's __main__
    for page in sorted(PAGES.glob("*.py")):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("dashboard.", "data_model.")):
                yield node.module


@asynccontextmanager
async def _warmed(_app: st.App):
    for module in dict.fromkeys(_warmed_modules()):
        importlib.import_module(module)
    from dashboard.plumbing.cached_queries import get_engine
    from data_model.faults import DATABASE_ERRORS

    with suppress(DATABASE_ERRORS):  # unreachable or locked: the first page says so and what to do
        get_engine()  # the engine (and its schema check) made once, up front
    yield


app = st.App("app.py", lifespan=_warmed)
