"""Filter values as pages pass them (from widgets bound to the URL), turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import SQLColumnExpression, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.tables import BudgetLine

Filter = str | Sequence[str] | None
"""None or an empty list for all, one value, or a list of values."""


def matches(column: SQLColumnExpression[Any], wanted: Filter) -> ColumnElement[Any]:
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

    def conditions(self) -> list[ColumnElement[Any]]:
        """WHERE terms over `BudgetLine`."""
        chosen = {
            col(BudgetLine.decision_ref): self.decision_ref,
            col(BudgetLine.financial_year): self.financial_year,
            col(BudgetLine.funding_source): self.funding_source,
        }
        return [column == value for column, value in chosen.items() if value]

    @property
    def chosen(self) -> bool:
        """Whether any filter is set."""
        return any((self.decision_ref, self.financial_year, self.funding_source))


ALL_LINES = SpendFilter()


def chosen_values(label: str) -> tuple[str, ...]:
    """A register filter's field: the values wanted (empty for all), named `label` when described."""
    return field(default=(), metadata={"label": label})


def only(words: str) -> bool:
    """A register filter's toggle: only the rows `words` describe ("above their target"), when on."""
    return field(default=False, metadata={"label": words})


@dataclass(frozen=True)
class RegisterFilter:
    """What a register view picks, built once by the page from its address and handed whole to the
    queries: each field a tuple of wanted values (empty for all) or an "only ..." toggle. Frozen and
    hashable, so a cached query takes it as one argument; it describes itself for captions and the pack.

    A register's query gives `conditions` the SQL expression behind each field's name: the column for a
    value field, the condition for a toggle.
    """

    def conditions(self, columns: Mapping[str, SQLColumnExpression[Any]]) -> list[SQLColumnExpression[Any]]:
        """WHERE terms for what is chosen (none when nothing is)."""
        terms: list[SQLColumnExpression[Any]] = []
        for each in fields(self):
            value = getattr(self, each.name)
            if isinstance(value, bool):
                if value:
                    terms.append(columns[each.name])
            elif value:
                terms.append(matches(columns[each.name], value))
        return terms

    @property
    def chosen(self) -> bool:
        """Whether anything is chosen."""
        return any(getattr(self, each.name) for each in fields(self))

    def describe(self) -> str:
        """What is chosen in words, e.g. "owner MPS or CPS; above their target only" (empty for everything)."""
        parts = []
        for each in fields(self):
            value = getattr(self, each.name)
            if isinstance(value, bool):
                if value:
                    parts.append(f"{each.metadata['label']} only")
            elif value:
                parts.append(f"{each.metadata['label']} {' or '.join(value)}")
        return "; ".join(parts)


@dataclass(frozen=True)
class RiskFilter(RegisterFilter):
    kind: tuple[str, ...] = chosen_values("kind")
    owner: tuple[str, ...] = chosen_values("owner")
    band: tuple[str, ...] = chosen_values("band")
    status: tuple[str, ...] = chosen_values("status")
    decision_ref: tuple[str, ...] = chosen_values("decision")
    above_target_only: bool = only("above their target")
    high_only: bool = only("open and scored high")


@dataclass(frozen=True)
class MilestoneFilter(RegisterFilter):
    decision_ref: tuple[str, ...] = chosen_values("decision")
    forum_id: tuple[str, ...] = chosen_values("forum")
    status: tuple[str, ...] = chosen_values("status")
    slipped_only: bool = only("slipped")
    late_only: bool = only("still to come and slipped past the decision line")


@dataclass(frozen=True)
class RecommendationFilter(RegisterFilter):
    source_review: tuple[str, ...] = chosen_values("review")
    owner_agency: tuple[str, ...] = chosen_values("owner")
    oversight_board: tuple[str, ...] = chosen_values("oversight board")
    status: tuple[str, ...] = chosen_values("status")
    decision_ref: tuple[str, ...] = chosen_values("decision")
    overdue_only: bool = only("overdue")
    overdue_or_red: bool = only("overdue or Red")
