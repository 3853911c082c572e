"""Filters bound to the page's address, so a filtered view can be copied as a link and shared."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st


def pick_any(label: str, options: Sequence[str], key: str, help: str | None = None) -> tuple[str, ...]:
    """A multiselect kept in the URL under `key` (``?key=A&key=B``); nothing chosen means all."""
    chosen = st.multiselect(label, options, key=key, bind="query-params", placeholder="All", help=help)
    return tuple(chosen)
