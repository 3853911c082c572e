"""Everything the pack says, gathered from the same query functions the pages call.

Nothing here touches SQL: each figure comes from a view module (money, recommendations, forums,
compliance, changes, overview), or from `data_model.queries.briefing` for the three things only
the pack shows (budget by kind of approval, the sources cited, how much of each table is sample data).
`gather` returns plain DataFrames and values, so the PDF layout never talks to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.briefing.page_tables import Run, direct, per_decision, per_forum
from data_model.queries import (
    actions,
    changes,
    compliance,
    conditions,
    decisions,
    forums,
    milestones,
    money,
    overview,
    recommendations,
    risks,
)
from data_model.queries.briefing import budget_by_kind, illustrative_rows, sources_summary
from data_model.queries.filters import RecommendationFilter, RiskFilter
from data_model.queries.overall_status import Counts, OverallStatus, judge, programme_counts
from data_model.scope import Scope

WARN_SHARE = overview.WARN_SHARE
"""Spend at this share of a further-decision line is flagged (the overview's threshold)."""


@dataclass(frozen=True)
class Briefing:
    """The pack's figures for one scope: as at its day, changes after its `since` (the last board)."""

    scope: Scope
    money: dict[str, Decimal]
    period: dict[str, Decimal | int]
    by_decision: pd.DataFrame
    by_kind: pd.DataFrame
    reserves: pd.DataFrame
    thresholds: pd.DataFrame
    conditions: pd.DataFrame  # every condition checked as at the day (`conditions.condition_checks`)
    conditions_reached: pd.DataFrame  # reached or breached since the last board
    decisions: pd.DataFrame
    funding: pd.DataFrame
    attention: pd.DataFrame
    status_counts: pd.DataFrame
    moves: pd.DataFrame
    red: pd.DataFrame
    overdue: pd.DataFrame
    forums: pd.DataFrame
    forums_by_status: pd.DataFrame
    attendance: pd.DataFrame
    insights: pd.DataFrame
    new_insights: pd.DataFrame
    new_spend_by_line: pd.DataFrame
    opened_and_closed: pd.DataFrame
    compliance: pd.DataFrame
    sources: pd.DataFrame
    sample_rows: pd.DataFrame
    new_insights_by_forum: pd.DataFrame
    overall: OverallStatus
    overall_counts: Counts
    risks: pd.DataFrame
    risk_changes: pd.DataFrame
    milestones: pd.DataFrame
    milestone_moves: pd.DataFrame
    actions: pd.DataFrame
    action_outcomes: dict[str, int]
    facts: pd.DataFrame
    board_decisions: pd.DataFrame
    latest_narrative: dict[str, str] = field(default_factory=dict)

    def sample_decision(self, reference: str) -> bool:
        """Whether a decision itself is illustrative (not merely paid for by sample payments)."""
        return bool(self.decisions.loc[self.decisions["reference"] == reference, "illustrative"].any())

    def sample(self, table: str) -> bool:
        """Whether any row of a table (by its name in the sources list) is illustrative sample data."""
        return bool((self.sample_rows.loc[self.sample_rows["table"] == table, "illustrative_rows"] > 0).any())

    @property
    def red_count(self) -> int:
        row = self.status_counts.loc[self.status_counts["status"] == "Red", "recommendations"]
        return int(row.iloc[0]) if len(row) else 0

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def recommendation_count(self) -> int:
        return int(self.status_counts["recommendations"].sum()) if len(self.status_counts) else 0

    @property
    def active_forums(self) -> int:
        row = self.forums_by_status.loc[self.forums_by_status["status"] == "Active", "forums"]
        return int(row.iloc[0]) if len(row) else 0

    @property
    def overall_status(self) -> tuple[str, str]:
        """The overall RAG and the rule that set it (`data_model.queries.overall_status`), so a reader can check it."""
        if self.overall.status == "Not known":
            return self.overall.status, self.overall.reasons[0].text
        return self.overall.status, self.overall.rule


def forum_attendance(run: Run, scope: Scope, register: pd.DataFrame) -> pd.DataFrame:
    """Each forum's attendance over the year to the as-at day (`forums.attendance_summary`: no count
    under 5 is in it, nor added into its total)."""
    rows = [
        {"forum_id": forum_id, "cohort": cohort, **run(forums.attendance_summary, scope, forum_id)}
        for forum_id, cohort in zip(register["id"], register["cohort"], strict=True)
    ]
    columns = ["forum_id", "cohort", "meetings", "small_meetings", "shown_participants"]
    return pd.DataFrame(rows, columns=columns)


def _latest_narratives(run: Run, scope: Scope, ids: list[str]) -> dict[str, str]:
    """The newest progress narrative of each listed recommendation (the "why" behind a Red)."""
    latest = {}
    for recommendation_id in dict.fromkeys(ids):
        history = run(recommendations.progress_history, scope, recommendation_id)
        if not history.empty:
            latest[recommendation_id] = history["narrative"].iloc[-1]
    return latest


def gather(engine: Engine, scope: Scope) -> Briefing:
    """The pack's content for `scope`: as at its day, with the changes since its board, documented
    figures only when it says so (as the app's toggle does)."""
    run = direct(engine)
    forum_register = run(forums.forum_register, scope)
    decision_register = run(decisions.decision_register, scope)
    references = list(decision_register["reference"])
    counts = run(programme_counts, scope)
    red = run(recommendations.recommendation_register, scope, RecommendationFilter(status=("Red",)))
    overdue = run(recommendations.recommendation_register, scope, RecommendationFilter(overdue_only=True))
    return Briefing(
        scope=scope,
        money=run(money.headline, scope),
        period=run(changes.headline, scope),
        by_decision=run(money.budget_vs_actual_by_decision, scope),
        by_kind=run(budget_by_kind, scope),
        reserves=run(money.reserves, scope),
        thresholds=run(money.threshold_headroom, scope),
        conditions=run(conditions.condition_checks, scope),
        conditions_reached=run(conditions.newly_reached, scope),
        decisions=decision_register,
        funding=per_decision(run, decisions.decision_funding, scope, references),
        attention=run(overview.needs_a_decision, scope),
        status_counts=run(recommendations.status_counts, scope),
        moves=run(recommendations.status_moves, scope),
        red=red,
        overdue=overdue,
        forums=forum_register,
        forums_by_status=run(overview.forums_by_status, scope),
        attendance=forum_attendance(run, scope, forum_register),
        insights=per_forum(run, forums.forum_insights, scope, forum_register),
        new_insights=run(forums.new_insights, scope),
        new_spend_by_line=run(changes.new_spend_by_line, scope),
        opened_and_closed=run(changes.opened_and_closed, scope),
        compliance=run(compliance.compliance_latest, scope),
        sources=run(sources_summary, scope),
        sample_rows=run(illustrative_rows, scope),
        new_insights_by_forum=run(changes.new_insights_by_forum, scope),
        overall=judge(counts),
        overall_counts=counts,
        risks=run(risks.risk_register, scope, RiskFilter(status=("Open",))),
        risk_changes=run(risks.risk_changes, scope),
        milestones=run(milestones.milestone_register, scope),
        milestone_moves=run(milestones.forecast_moves, scope),
        actions=run(actions.actions_from_board, scope),
        action_outcomes=run(actions.action_outcomes, scope),
        facts=per_decision(run, decisions.decision_facts, scope, references),
        board_decisions=run(changes.board_decisions, scope),
        latest_narrative=_latest_narratives(run, scope, [*red["id"], *overdue["id"]]),
    )
