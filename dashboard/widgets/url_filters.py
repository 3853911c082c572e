"""Filters bound to the page's address, so a filtered view can be copied as a link and shared."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.plumbing import address_widgets


def pick_any(label: str, options: Sequence[str], key: str, help: str | None = None) -> tuple[str, ...]:
    """A multiselect kept in the URL under `key` (``?key=A&key=B``); nothing chosen means all."""
    chosen = address_widgets.multiselect(label, options, key=key, placeholder="All", help=help)
    return tuple(chosen)
