"""The board's overall status as at a date: one rule, held here, that the overview leads with and the pack
prints on its front page, with the rule written under it (the board has not yet confirmed it).

Red if spend has passed a further-decision line, a decision's condition is breached (`conditions`) or
more than `RED_SHARE` of the recommendations are Red; Amber if any recommendation is Red or overdue, spend
has reached `WARN_SHARE` of a line, a condition is near or reached,
an open risk or issue scores above its target score, or a milestone not yet achieved has slipped
past its baseline; otherwise Green.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from data_model.queries.conditions import breach_sentence, breached, condition_checks
from data_model.queries.milestones import milestone_summary
from data_model.queries.money import threshold_headroom
from data_model.queries.overview import WARN_SHARE
from data_model.queries.recommendations import register_summary, status_counts
from data_model.queries.risks import risk_summary
from data_model.scope import Scope

RED_SHARE = 0.25
"""More than this share of the recommendations at Red makes the whole programme Red."""

RULE = (
    "Red if spend has passed a further-decision line, a decision's condition is breached or over "
    f"{RED_SHARE:.0%} of recommendations are Red; Amber if a recommendation is Red or overdue, spend is at "
    f"{WARN_SHARE:.0%} of a line, a condition is near or reached, a risk is above its target score or a "
    "milestone still to come has slipped; otherwise Green."
)
"""The rule in words, shown under the status wherever it appears."""


@dataclass(frozen=True)
class Tally:
    """A count the rule reads, and how many of the things counted are built on sample rows."""

    count: int
    sample: int = 0


@dataclass(frozen=True)
class Reason:
    """What set the status, in words ("2 risks above their target score"), and whether the count behind
    it includes sample rows (shown with a †)."""

    text: str
    sample: bool = False


@dataclass(frozen=True)
class Counts:
    """What the rule reads: the figures of the programme as at one date."""

    recommendations: Tally
    red: Tally
    lines: int  # decisions with a further-decision line
    overdue: Tally
    lines_passed: Tally
    lines_near: Tally
    risks_above_target: Tally
    milestones_slipped: Tally
    conditions_near: Tally = Tally(0)  # near or reached
    breaches: tuple[Reason, ...] = ()  # each breached condition, in words


@dataclass(frozen=True)
class OverallStatus:
    status: str  # Red, Amber, Green, or "Not known" with nothing to judge by
    reasons: tuple[Reason, ...]
    rule: str = RULE

    @property
    def sample(self) -> bool:
        """Whether the status rests on sample rows: any reason that set it does."""
        return any(reason.sample for reason in self.reasons)


def _some(tally: Tally, one: str, many: str) -> Reason:
    return Reason(f"{tally.count} {one if tally.count == 1 else many}", tally.sample > 0)


def _red_share(counts: Counts) -> Reason:
    red, total = counts.red, counts.recommendations
    return Reason(f"{red.count} of {total.count} recommendations Red", red.sample + total.sample > 0)


def judge(counts: Counts) -> OverallStatus:
    """Apply the rule to `counts`."""
    judged = (counts.recommendations, counts.risks_above_target, counts.milestones_slipped)
    if not (counts.lines or counts.breaches or any(tally.count for tally in (*judged, counts.conditions_near))):
        nothing = Reason("No recommendations or spending limits are on record to judge by.")
        return OverallStatus("Not known", (nothing,))
    red = [
        _some(counts.lines_passed, "further-decision line passed", "further-decision lines passed")
        if counts.lines_passed.count
        else None,
        *counts.breaches,
        _red_share(counts) if counts.red.count > RED_SHARE * counts.recommendations.count else None,
    ]
    if any(red):
        return OverallStatus("Red", tuple(reason for reason in red if reason))
    near = counts.lines_near
    amber = [
        _some(counts.red, "recommendation Red", "recommendations Red") if counts.red.count else None,
        _some(counts.overdue, "recommendation overdue", "recommendations overdue") if counts.overdue.count else None,
        Reason(f"spend at {WARN_SHARE:.0%} or more of {_some(near, 'line', 'lines').text}", near.sample > 0)
        if near.count
        else None,
        _some(counts.conditions_near, "condition near or reached", "conditions near or reached")
        if counts.conditions_near.count
        else None,
        _some(counts.risks_above_target, "risk above its target score", "risks above their target score")
        if counts.risks_above_target.count
        else None,
        _some(counts.milestones_slipped, "milestone slipped", "milestones slipped")
        if counts.milestones_slipped.count
        else None,
    ]
    if any(amber):
        return OverallStatus("Amber", tuple(reason for reason in amber if reason))
    return OverallStatus("Green", (Reason("Nothing Red, overdue, near a spending line, above target or slipped."),))


def programme_counts(engine: Engine, scope: Scope) -> Counts:
    """The figures the rule reads, each from its own view's query, each with its sample part."""
    statuses = status_counts(engine, scope).set_index("status")
    recommendations = register_summary(engine, scope)
    lines = threshold_headroom(engine, scope)
    shares = lines["share"].fillna(0)
    risks = risk_summary(engine, scope)
    milestones = milestone_summary(engine, scope)
    checks = condition_checks(engine, scope)
    near = checks[checks["status"].isin(("near", "reached"))]

    def tally(counts: dict[str, int], name: str) -> Tally:
        return Tally(counts[name], counts[f"{name}_illustrative"])

    def lines_where(chosen: pd.Series) -> Tally:
        return Tally(int(chosen.sum()), int((chosen & lines["illustrative"]).sum()))

    red = statuses.loc[statuses.index == "Red"]  # one row, or none
    return Counts(
        recommendations=tally(recommendations, "recommendations"),
        red=Tally(int(red["recommendations"].sum()), int(red["illustrative"].sum())),
        overdue=tally(recommendations, "overdue"),
        lines=len(lines),
        lines_passed=lines_where(shares > 1),
        lines_near=lines_where(shares >= WARN_SHARE),
        risks_above_target=tally(risks, "above_target"),
        milestones_slipped=tally(milestones, "slipped"),
        conditions_near=Tally(len(near), int(near["illustrative"].sum())),
        breaches=tuple(
            Reason(breach_sentence(row), bool(row["illustrative"])) for _, row in breached(checks).iterrows()
        ),
    )


def overall_status(engine: Engine, scope: Scope) -> OverallStatus:
    """The overall status as at the scope's day and the reasons for it."""
    return judge(programme_counts(engine, scope))
