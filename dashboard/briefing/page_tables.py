"""Each page's downloadable tables, defined once: they feed the page's Download menu and the workbook.

A page calls its function with its own cached `query` and its filters, and offers the result in
its Download menu; `page_tables` calls every function with `direct(engine)` and no filters, and
the command-line workbook has one sheet per table (``Spend - by decision``). Each table comes from
the page's own query function; only the column headers are made readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from data_model.queries import (
    actions,
    changes,
    compliance,
    decisions,
    forums,
    milestones,
    money,
    overview,
    recommendations,
    risks,
)
from data_model.queries.filters import ALL_LINES, SpendFilter

SHEET_ROWS = 1_048_575
"""The most rows an Excel sheet holds under its heading: the newest payments up to that many."""

Run = Callable[..., Any]
"""How a query is run: ``run(query_function, *arguments)``, the page's cached `query` or `direct(engine)`."""
Tables = dict[str, pd.DataFrame]


def direct(engine: Engine) -> Run:
    """Run queries straight on `engine`, uncached (the command line, tests)."""
    return lambda function, *arguments, **keywords: function(engine, *arguments, **keywords)


def scoped(run: Run, documented_only: bool) -> Run:
    """`run` (a page's cached `query`, or `direct`) with ``documented_only`` passed to every query, so
    one switch leaves sample rows out of every figure a page, download or the pack shows; the flag
    is an argument, so cached results for the two views are kept apart."""
    return lambda function, *arguments, **keywords: run(
        function, *arguments, documented_only=documented_only, **keywords
    )


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Query column names as a reader would write them (decision_ref -> Decision ref); others kept as they are."""

    def name(column: object) -> str:
        column = str(column)
        return column[:1].upper() + column[1:].replace("_", " ") if column.islower() else column

    return frame.rename(columns=name)


def _stacked(parts: list[pd.DataFrame], leading: list[str]) -> pd.DataFrame:
    """Frames from one query run many times, stacked, with the `leading` columns first."""
    found = [part for part in parts if not part.empty] or parts[:1]
    if not found:
        return pd.DataFrame(columns=leading)
    stacked = pd.concat(found, ignore_index=True)
    return stacked[leading + [c for c in stacked.columns if c not in leading]]


def per_forum(run: Run, query, register: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """A one-forum query (meetings, insights) run for every forum in `register`, with forum_id and cohort."""
    parts = [
        run(query, forum_id, as_at).assign(forum_id=forum_id, cohort=cohort)
        for forum_id, cohort in zip(register["id"], register["cohort"], strict=True)
    ]
    return _stacked(parts, ["forum_id", "cohort"])


def per_decision(run: Run, query, references: Sequence[str], *arguments: Any) -> pd.DataFrame:
    """A one-decision query run for every decision in `references`, with its decision_ref."""
    parts = [run(query, reference, *arguments).assign(decision_ref=reference) for reference in references]
    return _stacked(parts, ["decision_ref"])


# -- the pages' tables, in the order the pages show them ---------------------------------------------


def overview_tables(run: Run, as_at: date) -> Tables:
    return {
        "Needs a decision": run(overview.needs_a_decision, as_at),
        "Status counts": run(recommendations.status_counts, as_at),
        "Forums by status": run(overview.forums_by_status),
    }


def changes_tables(run: Run, since: date, as_at: date, *, limit: int) -> Tables:
    """`limit`: the newest payments listed (a page lists fewer than a sheet holds)."""
    return {
        "New spend": run(changes.new_spend_by_line, since, as_at),
        "New payments": run(changes.new_payments, since, as_at, limit=limit),
        "Status moves": run(recommendations.status_moves, since, as_at),
        "New insights": run(forums.new_insights, since, as_at),
        "Started and ended": run(changes.opened_and_closed, since, as_at),
        "Risk changes": run(risks.risk_changes, since, as_at),
        "Milestone moves": run(milestones.forecast_moves, since, as_at),
        "Board actions": run(actions.actions_from_board, since, as_at),
    }


def spend_tables(run: Run, as_at: date, lines: SpendFilter = ALL_LINES, *, limit: int) -> Tables:
    """`limit`: the newest payments listed (a page lists fewer than a sheet holds)."""
    return {
        "By decision": run(money.budget_vs_actual_by_decision, as_at, lines),
        "Budget lines": run(money.budget_vs_actual, as_at, lines),
        "By financial year": run(money.spend_by_financial_year, as_at, lines),
        "By funding source": run(money.spend_by_funding_source, as_at, lines),
        "Payments": run(money.payments, as_at, lines, limit=limit),
        "Reserves": run(money.reserves, as_at, lines.decision_ref),
        "Further-decision lines": run(money.threshold_headroom, as_at, lines.decision_ref),
    }


def recommendation_tables(run: Run, as_at: date, **filters: Any) -> Tables:
    """`filters` as `recommendations.recommendation_register` takes them (source_review, status ...)."""
    return {
        "Register": run(recommendations.recommendation_register, as_at, **filters),
        "By status": run(recommendations.status_counts, as_at),
        "At each board": run(recommendations.status_mix_at_boards, as_at),
    }


def forum_tables(run: Run, as_at: date, forum_id: str | None = None) -> Tables:
    """The register, and the meetings and insights of `forum_id` (every forum's, stacked, when None)."""
    register = run(forums.forum_register, as_at)
    chosen = register if forum_id is None else register[register["id"] == forum_id]
    return {
        "Register": register,
        "Meetings": per_forum(run, forums.forum_meetings, chosen, as_at),
        "You said, we did": per_forum(run, forums.forum_insights, chosen, as_at),
    }


def compliance_tables(run: Run, as_at: date, agencies: Sequence[str] = (), measures: Sequence[str] = ()) -> Tables:
    return {
        "Latest quarter": run(compliance.compliance_latest, as_at, agencies, measures),
        "By quarter": run(compliance.compliance_trend, as_at, agencies, measures),
        "Returns": run(compliance.compliance_returns, as_at, agencies, measures),
    }


def decision_tables(run: Run, as_at: date, reference: str | None = None) -> Tables:
    """The register, and the funding, budget lines, forums, recommendations, risks and milestones of
    `reference` (every decision's, stacked, when None)."""
    register = run(decisions.decision_register)
    references = list(register["reference"]) if reference is None else [reference]
    return {
        "Register": register,
        "Funding": per_decision(run, decisions.decision_funding, references),
        "Budget lines": run(money.budget_vs_actual, as_at, SpendFilter(reference)),
        "Forums": per_decision(run, decisions.linked_forums, references, as_at),
        "Recommendations": per_decision(run, decisions.linked_recommendations, references, as_at),
        "Facts": per_decision(run, decisions.decision_facts, references),
        "Risks": run(risks.risk_register, as_at, decision_ref=reference),
        "Milestones": run(milestones.milestone_register, as_at, decision_ref=reference),
    }


def risk_tables(run: Run, as_at: date, **filters: Any) -> Tables:
    """`filters` as `risks.risk_register` takes them (kind, owner, risk_band, status ...)."""
    return {
        "Register": run(risks.risk_register, as_at, **filters),
        "Likelihood by impact": run(risks.risk_grid, as_at, **filters),
    }


def milestone_tables(run: Run, since: date, as_at: date, **filters: Any) -> Tables:
    """`filters` as `milestones.milestone_register` takes them (decision_ref, forum_id, status ...)."""
    return {
        "Register": run(milestones.milestone_register, as_at, **filters),
        "Moves": run(milestones.forecast_moves, since, as_at),
    }


def page_tables(engine: Engine, as_at: date, since: date, documented_only: bool = False) -> Tables:
    """Sheet name -> table, for every page's tables unfiltered (the command-line workbook)."""
    run = scoped(direct(engine), documented_only)
    pages = {
        "Overview": overview_tables(run, as_at),
        "Changes": changes_tables(run, since, as_at, limit=SHEET_ROWS),
        "Spend": spend_tables(run, as_at, limit=SHEET_ROWS),
        "Recommendations": recommendation_tables(run, as_at),
        "Forums": forum_tables(run, as_at),
        "Compliance": compliance_tables(run, as_at),
        "Decisions": decision_tables(run, as_at),
        "Risks": risk_tables(run, as_at),
        "Milestones": milestone_tables(run, since, as_at),
    }
    return {
        f"{page} - {title[:1].lower()}{title[1:]}": readable(frame)
        for page, tables in pages.items()
        for title, frame in tables.items()
    }
