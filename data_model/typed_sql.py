"""Names the type checker needs for SQL built from the table models, written once.

SQLModel's table classes declare their columns as plain values (`Risk.status: str`), so a column
used in SQL is wrapped in `sqlmodel.col(...)`; what those columns and queries are typed as is here.
"""

from __future__ import annotations

from typing import Any, TypeAlias, TypedDict

from sqlalchemy import SQLColumnExpression, Table
from sqlalchemy.sql import Select
from sqlmodel import SQLModel

AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
"""A SELECT of any columns, as the query builders hand them to one another."""


class Window(TypedDict, total=False):
    """A window shared by several columns: ``func.sum(x).over(**window)``."""

    partition_by: SQLColumnExpression[Any]
    order_by: SQLColumnExpression[Any]


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a table model (`Model.__table__`), for statements built on the table."""
    table: Table = model.__table__  # type: ignore[attr-defined]  # set on every table=True class, not declared by SQLModel
    return table


def table_name(model: type[SQLModel]) -> str:
    """`Model.__tablename__`, which SQLModel types as possibly a function: read on a class, it is the name."""
    name = model.__tablename__
    assert isinstance(name, str)
    return name
