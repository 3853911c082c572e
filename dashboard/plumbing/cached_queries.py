"""The app's only door to the database: one engine per server, query results cached by data version.

A query's cached DataFrame is keyed on the data version (the newest audit id), so after a load
through any app server every server recomputes on its next page view. ORM objects and sessions
are never cached; only the DataFrames and plain values the query functions return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.engine import Engine

from data_model.db import holds_no_tables, make_engine, upgrade
from data_model.faults import DATABASE_ERRORS, EmptyDatabase
from data_model.settings import get_settings
from data_model.writes.audit import data_version

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def get_engine() -> Engine:
    return _engine_for(get_settings().database_url)


@st.cache_data(ttl=1, show_spinner=False)
def _version(url: str) -> int:
    return data_version(_engine_for(url))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(_query: Callable[..., T], name: str, url: str, version: int, args: tuple, kwargs: dict) -> T:  # noqa: ARG001
    # Streamlit cannot hash a function: it is keyed by its dotted `name`; `version` keys it to the data.
    return _query(_engine_for(url), *args, **kwargs)


def query(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``fn(engine, *args, **kwargs)``, cached until the data changes."""
    url = get_settings().database_url
    return _cached(fn, f"{fn.__module__}.{fn.__qualname__}", url, _version(url), args, kwargs)


def current_version() -> int:
    """The data version; `EmptyDatabase` when nothing is loaded: the tables hold no data yet, or the
    database has no tables at all (made anew while the app ran), which reads as a missing table."""
    url = get_settings().database_url
    try:
        version = _version(url)
    except DATABASE_ERRORS as error:
        if _made_anew(url):
            raise EmptyDatabase("no tables: the database was made anew") from error
        raise
    if version == 0:
        raise EmptyDatabase("no data has been loaded")
    return version


def _made_anew(url: str) -> bool:
    try:
        return holds_no_tables(_engine_for(url))
    except DATABASE_ERRORS:  # not reachable either: the first error says more
        return False


def refresh() -> None:
    """Forget the remembered data version, so this server's next query sees a change made just now."""
    _version.clear()
