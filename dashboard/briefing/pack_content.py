"""Everything the pack says, gathered from the same query functions the pages call.

Nothing here touches SQL: each figure comes from a view module (money, recommendations, forums,
compliance, changes, overview), or from `data_model.queries.briefing` for the three things only
the pack shows (budget by kind of approval, the sources cited, how much of each table is sample data).
`gather` returns plain DataFrames and values, so the PDF layout never talks to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.briefing.page_tables import Run, direct, per_decision, per_forum, scoped
from dashboard.presentation.formatting import day
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
from data_model.queries.boards import board_meetings_before
from data_model.queries.briefing import budget_by_kind, illustrative_rows, sources_summary
from data_model.queries.overall_status import Counts, OverallStatus, judge, programme_counts

WARN_SHARE = overview.WARN_SHARE
"""Spend at this share of a further-decision line is flagged (the overview's threshold)."""


@dataclass(frozen=True)
class Briefing:
    """The pack's figures for one period: `since` (exclusive, the last board) to `as_at` (inclusive)."""

    as_at: date
    since: date
    since_label: str
    money: dict[str, Decimal]
    period: dict[str, Decimal | int]
    by_decision: pd.DataFrame
    by_kind: pd.DataFrame
    reserves: pd.DataFrame
    thresholds: pd.DataFrame
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
    latest_narrative: dict[str, str] = field(default_factory=dict)
    documented_only: bool = False
    """Every illustrative row left out (the "Documented figures only" view)."""

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
            return self.overall.status, self.overall.reasons[0]
        return self.overall.status, self.overall.rule


def default_since(engine: Engine, as_at: date, documented_only: bool = False) -> tuple[date, str]:
    """The last board meeting before `as_at` (the board that day counts as "last" only if earlier)."""
    boards = board_meetings_before(engine, as_at - timedelta(days=1), documented_only)
    if boards.empty:
        since = as_at - timedelta(days=90)
        return since, f"90 days before ({day(since)})"
    since = boards["meeting_date"].iloc[0]
    return since, f"the board of {day(since)}"


def since_label(engine: Engine, since: date) -> str:
    """'the board of 15 Oct 2026' when a board met that day, else just the date."""
    boards = board_meetings_before(engine, since)
    on_the_day = not boards.empty and boards["meeting_date"].iloc[0] == since
    return f"the board of {day(since)}" if on_the_day else day(since)


def _attendance(run: Run, register: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """Each forum's attendance over the year to `as_at` (suppressed and rounded by the query)."""
    rows = [
        {"forum_id": forum_id, "cohort": cohort, **run(forums.attendance_summary, forum_id, as_at)}
        for forum_id, cohort in zip(register["id"], register["cohort"], strict=True)
    ]
    columns = ["forum_id", "cohort", "meetings", "small_meetings", "participants", "rounded"]
    return pd.DataFrame(rows, columns=columns)


def _latest_narratives(run: Run, ids: list[str], as_at: date) -> dict[str, str]:
    """The newest progress narrative of each listed recommendation (the "why" behind a Red)."""
    latest = {}
    for recommendation_id in dict.fromkeys(ids):
        history = run(recommendations.progress_history, recommendation_id, as_at)
        if not history.empty:
            latest[recommendation_id] = history["narrative"].iloc[-1]
    return latest


def gather(engine: Engine, as_at: date, since: date | None = None, documented_only: bool = False) -> Briefing:
    """The pack's content as at `as_at`, with changes since `since` (default: the last board);
    `documented_only` leaves every illustrative row out, as the app's toggle does."""
    if since is None:
        since, label = default_since(engine, as_at, documented_only)
    else:
        label = since_label(engine, since)
    run = scoped(direct(engine), documented_only)
    forum_register = run(forums.forum_register, as_at)
    decision_register = run(decisions.decision_register)
    references = list(decision_register["reference"])
    counts = run(programme_counts, as_at)
    red = run(recommendations.recommendation_register, as_at, status="Red")
    overdue = run(recommendations.recommendation_register, as_at, overdue_only=True)
    return Briefing(
        as_at=as_at,
        since=since,
        since_label=label,
        money=run(money.headline, as_at),
        period=run(changes.headline, since, as_at),
        by_decision=run(money.budget_vs_actual_by_decision, as_at),
        by_kind=run(budget_by_kind),
        reserves=run(money.reserves, as_at),
        thresholds=run(money.threshold_headroom, as_at),
        decisions=decision_register,
        funding=per_decision(run, decisions.decision_funding, references),
        attention=run(overview.needs_a_decision, as_at),
        status_counts=run(recommendations.status_counts, as_at),
        moves=run(recommendations.status_moves, since, as_at),
        red=red,
        overdue=overdue,
        forums=forum_register,
        forums_by_status=run(overview.forums_by_status),
        attendance=_attendance(run, forum_register, as_at),
        insights=per_forum(run, forums.forum_insights, forum_register, as_at),
        new_insights=run(forums.new_insights, since, as_at),
        new_spend_by_line=run(changes.new_spend_by_line, since, as_at),
        opened_and_closed=run(changes.opened_and_closed, since, as_at),
        compliance=run(compliance.compliance_latest, as_at),
        sources=run(sources_summary),
        sample_rows=run(illustrative_rows),
        new_insights_by_forum=run(changes.new_insights_by_forum, since, as_at),
        overall=judge(counts),
        overall_counts=counts,
        risks=run(risks.risk_register, as_at, status="Open"),
        risk_changes=run(risks.risk_changes, since, as_at),
        milestones=run(milestones.milestone_register, as_at),
        milestone_moves=run(milestones.forecast_moves, since, as_at),
        actions=run(actions.actions_from_board, since, as_at),
        action_outcomes=run(actions.action_outcomes, since, as_at),
        facts=per_decision(run, decisions.decision_facts, references),
        latest_narrative=_latest_narratives(run, [*red["id"], *overdue["id"]], as_at),
        documented_only=documented_only,
    )
