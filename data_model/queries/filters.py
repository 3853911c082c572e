"""Filter values as pages pass them (from multiselects bound to the URL), turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import true
from sqlalchemy.sql.elements import ColumnElement

Filter = str | Sequence[str] | None
"""None or an empty list for all, one value, or a list of values."""


def matches(column: ColumnElement, wanted: Filter) -> ColumnElement:
    """The SQL condition "`column` is one of `wanted`" (always true when nothing is wanted)."""
    if isinstance(wanted, str):
        return column == wanted
    if not wanted:
        return true()
    return column.in_(list(wanted))
