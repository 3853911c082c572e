"""Filter values as pages pass them (from widgets bound to the URL), turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, false, true
from sqlalchemy.sql.elements import ColumnElement

from data_model.tables import BudgetLine

Filter = str | Sequence[str] | None
"""None or an empty list for all, one value, or a list of values."""


def matches(column: ColumnElement, wanted: Filter) -> ColumnElement:
    """The SQL condition "`column` is one of `wanted`" (always true when nothing is wanted)."""
    if isinstance(wanted, str):
        return column == wanted
    if not wanted:
        return true()
    return column.in_(list(wanted))


@dataclass(frozen=True)
class SpendFilter:
    """The budget lines a spend view picks: by decision, the year they were approved for, and funder.

    None picks every value. Spend is then every payment against the lines picked, whatever its date.
    Frozen and hashable, so a page passes it to cached queries as one argument.
    """

    decision_ref: str | None = None
    financial_year: str | None = None
    funding_source: str | None = None

    def conditions(self) -> list[ColumnElement]:
        """WHERE terms over `BudgetLine`."""
        chosen = {
            BudgetLine.decision_ref: self.decision_ref,
            BudgetLine.financial_year: self.financial_year,
            BudgetLine.funding_source: self.funding_source,
        }
        return [column == value for column, value in chosen.items() if value]

    @property
    def chosen(self) -> bool:
        """Whether any filter is set."""
        return any((self.decision_ref, self.financial_year, self.funding_source))


ALL_LINES = SpendFilter()


def documented(*flags: ColumnElement, only: bool) -> ColumnElement:
    """The SQL condition that leaves out illustrative rows (every `flags` column false) when `only`
    documented figures are wanted; always true otherwise.

    Every query a page shows takes `documented_only` and applies this to each table it reads, so
    the "Documented figures only" view leaves sample rows out of every figure, chart and download.
    """
    return and_(*(flag == false() for flag in flags)) if only else true()
