"""The board's overall status as at a date: one rule, held here, that the overview leads with and the pack
prints on its front page, with the rule written under it (the board has not yet confirmed it).

Red if spend has passed a further-decision line or more than `RED_SHARE` of the recommendations
are Red; Amber if any recommendation is Red or overdue, spend has reached `WARN_SHARE` of a line,
an open risk or issue scores above its target score, or a milestone not yet achieved has slipped
past its baseline; otherwise Green.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from data_model.queries.milestones import milestone_summary
from data_model.queries.money import threshold_headroom
from data_model.queries.overview import WARN_SHARE
from data_model.queries.recommendations import register_summary, status_counts
from data_model.queries.risks import risk_summary
from data_model.scope import Scope

RED_SHARE = 0.25
"""More than this share of the recommendations at Red makes the whole programme Red."""

RULE = (
    f"Red if spend has passed a further-decision line or over {RED_SHARE:.0%} of recommendations are Red; "
    f"Amber if a recommendation is Red or overdue, spend is at {WARN_SHARE:.0%} of a line, a risk is above "
    "its target score or a milestone still to come has slipped; otherwise Green."
)
"""The rule in words, shown under the status wherever it appears."""


@dataclass(frozen=True)
class Counts:
    """What the rule reads: the figures of the programme as at one date."""

    recommendations: int
    red: int
    lines: int  # decisions with a further-decision line
    overdue: int
    lines_passed: int
    lines_near: int
    risks_above_target: int
    milestones_slipped: int


@dataclass(frozen=True)
class OverallStatus:
    status: str  # Red, Amber, Green, or "Not known" with nothing to judge by
    reasons: tuple[str, ...]  # what set it, in words ("2 risks above their target score")
    rule: str = RULE


def _some(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def judge(counts: Counts) -> OverallStatus:
    """Apply the rule to `counts`."""
    if not (counts.recommendations or counts.lines or counts.risks_above_target or counts.milestones_slipped):
        return OverallStatus("Not known", ("No recommendations or spending limits are on record to judge by.",))
    red = [
        _some(counts.lines_passed, "further-decision line passed", "further-decision lines passed")
        if counts.lines_passed
        else "",
        f"{counts.red} of {counts.recommendations} recommendations Red"
        if counts.recommendations and counts.red > RED_SHARE * counts.recommendations
        else "",
    ]
    if any(red):
        return OverallStatus("Red", tuple(reason for reason in red if reason))
    amber = [
        _some(counts.red, "recommendation Red", "recommendations Red") if counts.red else "",
        _some(counts.overdue, "recommendation overdue", "recommendations overdue") if counts.overdue else "",
        f"spend at {WARN_SHARE:.0%} or more of {_some(counts.lines_near, 'line', 'lines')}"
        if counts.lines_near
        else "",
        _some(counts.risks_above_target, "risk above its target score", "risks above their target score")
        if counts.risks_above_target
        else "",
        _some(counts.milestones_slipped, "milestone slipped", "milestones slipped")
        if counts.milestones_slipped
        else "",
    ]
    if any(amber):
        return OverallStatus("Amber", tuple(reason for reason in amber if reason))
    return OverallStatus("Green", ("Nothing Red, overdue, near a spending line, above target or slipped.",))


def programme_counts(engine: Engine, scope: Scope) -> Counts:
    """The figures the rule reads, each from its own view's query (documented rows only, when asked)."""
    statuses = status_counts(engine, scope)
    recommendations = register_summary(engine, scope)
    shares = threshold_headroom(engine, scope)["share"].fillna(0)
    return Counts(
        recommendations=recommendations["recommendations"],
        red=int(statuses.loc[statuses["status"] == "Red", "recommendations"].sum()),
        overdue=recommendations["overdue"],
        lines=len(shares),
        lines_passed=int((shares > 1).sum()),
        lines_near=int((shares >= WARN_SHARE).sum()),
        risks_above_target=risk_summary(engine, scope)["above_target"],
        milestones_slipped=milestone_summary(engine, scope)["slipped"],
    )


def overall_status(engine: Engine, scope: Scope) -> OverallStatus:
    """The overall status as at `as_at` and the reasons for it."""
    return judge(programme_counts(engine, scope))
