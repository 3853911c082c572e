"""Each page's downloadable tables, defined once: they feed the page's Download menu and the workbook.

A page calls its function with its own cached `query` and its filters, and offers the result in
its Download menu; `page_tables` calls every function with `direct(engine)` and no filters, and
the command-line workbook has one sheet per table (``Spend - by decision``). Each table comes from
the page's own query function; only the column headers are made readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from data_model.queries.filters import (
    ALL_LINES,
    MilestoneFilter,
    RecommendationFilter,
    RiskFilter,
    SpendFilter,
)
from data_model.queries.milestones import ALL_MILESTONES
from data_model.queries.recommendations import ALL_RECOMMENDATIONS
from data_model.queries.risks import ALL_RISKS
from data_model.scope import Scope

SHEET_ROWS = 1_048_575
"""The most rows an Excel sheet holds under its heading: the newest payments up to that many."""

Run = Callable[..., Any]
"""How a query is run: ``run(query_function, *arguments)``, the page's cached `query` or `direct(engine)`."""
Tables = dict[str, pd.DataFrame]


def direct(engine: Engine) -> Run:
    """Run queries straight on `engine`, uncached (the command line, tests)."""
    return lambda function, *arguments, **keywords: function(engine, *arguments, **keywords)


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


def per_forum(run: Run, query, scope: Scope, register: pd.DataFrame) -> pd.DataFrame:
    """A one-forum query (meetings, insights) run for every forum in `register`, with forum_id and cohort."""
    parts = [
        run(query, scope, forum_id).assign(forum_id=forum_id, cohort=cohort)
        for forum_id, cohort in zip(register["id"], register["cohort"], strict=True)
    ]
    return _stacked(parts, ["forum_id", "cohort"])


def per_decision(run: Run, query, scope: Scope, references: Sequence[str]) -> pd.DataFrame:
    """A one-decision query run for every decision in `references`, with its decision_ref."""
    parts = [run(query, scope, reference).assign(decision_ref=reference) for reference in references]
    return _stacked(parts, ["decision_ref"])


# -- the pages' tables, in the order the pages show them ---------------------------------------------


def overview_tables(run: Run, scope: Scope) -> Tables:
    return {
        "Needs a decision": run(overview.needs_a_decision, scope),
        "Status counts": run(recommendations.status_counts, scope),
        "Forums by status": run(overview.forums_by_status, scope),
    }


def changes_tables(run: Run, scope: Scope, *, limit: int) -> Tables:
    """`limit`: the newest payments listed (a page lists fewer than a sheet holds)."""
    return {
        "New spend": run(changes.new_spend_by_line, scope),
        "New payments": run(changes.new_payments, scope, limit=limit),
        "Status moves": run(recommendations.status_moves, scope),
        "New insights": run(forums.new_insights, scope),
        "Started and ended": run(changes.opened_and_closed, scope),
        "Risk changes": run(risks.risk_changes, scope),
        "Milestone moves": run(milestones.forecast_moves, scope),
        "Board actions": run(actions.actions_from_board, scope),
        "Board decisions": run(changes.board_decisions, scope),
    }


def spend_tables(run: Run, scope: Scope, lines: SpendFilter = ALL_LINES, *, limit: int) -> Tables:
    """`limit`: the newest payments listed (a page lists fewer than a sheet holds)."""
    return {
        "By decision": run(money.budget_vs_actual_by_decision, scope, lines),
        "Budget lines": run(money.budget_vs_actual, scope, lines),
        "By financial year": run(money.spend_by_financial_year, scope, lines),
        "By funding source": run(money.spend_by_funding_source, scope, lines),
        "Payments": run(money.payments, scope, lines, limit=limit),
        "Reserves": run(money.reserves, scope, lines.decision_ref),
        "Further-decision lines": run(money.threshold_headroom, scope, lines.decision_ref),
    }


def recommendation_tables(run: Run, scope: Scope, filters: RecommendationFilter = ALL_RECOMMENDATIONS) -> Tables:
    return {
        "Register": run(recommendations.recommendation_register, scope, filters),
        "By status": run(recommendations.status_counts, scope),
        "At each board": run(recommendations.status_mix_at_boards, scope),
    }


def forum_tables(run: Run, scope: Scope, forum_id: str | None = None) -> Tables:
    """The register, and the meetings and insights of `forum_id` (every forum's, stacked, when None)."""
    register = run(forums.forum_register, scope)
    chosen = register if forum_id is None else register[register["id"] == forum_id]
    return {
        "Register": register,
        "Meetings": per_forum(run, forums.forum_meetings, scope, chosen),
        "You said, we did": per_forum(run, forums.forum_insights, scope, chosen),
    }


def compliance_tables(run: Run, scope: Scope, agencies: Sequence[str] = (), measures: Sequence[str] = ()) -> Tables:
    return {
        "Latest quarter": run(compliance.compliance_latest, scope, agencies, measures),
        "By quarter": run(compliance.compliance_trend, scope, agencies, measures),
        "Returns": run(compliance.compliance_returns, scope, agencies, measures),
    }


def decision_tables(run: Run, scope: Scope, reference: str | None = None) -> Tables:
    """The register, and the funding, budget lines, forums, recommendations, risks and milestones of
    `reference` (every decision's, stacked, when None)."""
    register = run(decisions.decision_register, scope)
    references = list(register["reference"]) if reference is None else [reference]
    chosen = () if reference is None else (reference,)
    return {
        "Register": register,
        "Funding": per_decision(run, decisions.decision_funding, scope, references),
        "Budget lines": run(money.budget_vs_actual, scope, SpendFilter(reference)),
        "Forums": per_decision(run, decisions.linked_forums, scope, references),
        "Recommendations": per_decision(run, decisions.linked_recommendations, scope, references),
        "Facts": per_decision(run, decisions.decision_facts, scope, references),
        "Risks": run(risks.risk_register, scope, RiskFilter(decision_ref=chosen)),
        "Milestones": run(milestones.milestone_register, scope, MilestoneFilter(decision_ref=chosen)),
    }


def risk_tables(run: Run, scope: Scope, filters: RiskFilter = ALL_RISKS) -> Tables:
    return {
        "Register": run(risks.risk_register, scope, filters),
        "Likelihood by impact": run(risks.risk_grid, scope, filters),
    }


def milestone_tables(run: Run, scope: Scope, filters: MilestoneFilter = ALL_MILESTONES) -> Tables:
    return {
        "Register": run(milestones.milestone_register, scope, filters),
        "Moves": run(milestones.forecast_moves, scope),
    }


def page_tables(engine: Engine, scope: Scope) -> Tables:
    """Sheet name -> table, for every page's tables unfiltered (the command-line workbook)."""
    run = direct(engine)
    pages = {
        "Overview": overview_tables(run, scope),
        "Changes": changes_tables(run, scope, limit=SHEET_ROWS),
        "Spend": spend_tables(run, scope, limit=SHEET_ROWS),
        "Recommendations": recommendation_tables(run, scope),
        "Forums": forum_tables(run, scope),
        "Compliance": compliance_tables(run, scope),
        "Decisions": decision_tables(run, scope),
        "Risks": risk_tables(run, scope),
        "Milestones": milestone_tables(run, scope),
    }
    return {
        f"{page} - {title[:1].lower()}{title[1:]}": readable(frame)
        for page, tables in pages.items()
        for title, frame in tables.items()
    }
