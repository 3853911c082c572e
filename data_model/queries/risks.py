"""Risks and issues: the register as at a date, its likelihood by impact grid, a risk's history and
what moved since a board.

A risk's likelihood and impact on a date are its newest reassessment on or before that date, or
the assessment it was raised with; its score is their product (1 to 25). A risk exists from the
day it was raised and is Closed from its closed date on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import SQLColumnExpression, Subquery, and_, case, func, literal, or_, select, true, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from data_model.queries.common import counts_with_sample, read_frame
from data_model.queries.filters import RiskFilter
from data_model.queries.frame_types import as_dates, as_flags
from data_model.scope import Scope
from data_model.tables import Risk, RiskAssessment
from data_model.typed_sql import AnySelect, table_of

ALL_RISKS = RiskFilter()
HIGH_SCORE = 15
"""A score of 15 or more is high: the board decides what to do about it ("Needs a decision")."""
MEDIUM_SCORE = 5
"""From 5 to 12 is medium; under 5 is low (DOMAIN.md, programme board conventions)."""
BANDS = ("High", "Medium", "Low")


def band_of(score: int) -> str:
    """High, Medium or Low for a score (as `band` gives it in SQL)."""
    return "High" if score >= HIGH_SCORE else "Medium" if score >= MEDIUM_SCORE else "Low"


def band(score: SQLColumnExpression[Any]) -> ColumnElement[Any]:
    """High, Medium or Low for a score, in SQL."""
    return case((score >= HIGH_SCORE, "High"), (score >= MEDIUM_SCORE, "Medium"), else_="Low")


def _assessed(day: date, name: str, scope: Scope) -> Subquery:
    """Each risk's likelihood and impact as at `day`: risk_id, likelihood, impact, score,
    assessed_on and assessment_illustrative (None when still as raised), for the risks raised by then.

    The newest reassessment is found by one seek per risk of the index on its reassessments by
    date (a correlated subquery): a window over every reassessment costs several times as much.
    """
    newest = (
        select(col(RiskAssessment.id))
        .where(
            col(RiskAssessment.risk_id) == col(Risk.id),
            col(RiskAssessment.assessed_on) <= day,
            scope.shows(col(RiskAssessment.illustrative)),
        )
        .order_by(col(RiskAssessment.assessed_on).desc(), col(RiskAssessment.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    latest = table_of(RiskAssessment).alias(f"{name}_latest")
    likelihood = func.coalesce(latest.c.likelihood, col(Risk.likelihood))
    impact = func.coalesce(latest.c.impact, col(Risk.impact))
    return (
        select(
            col(Risk.id).label("risk_id"),
            likelihood.label("likelihood"),
            impact.label("impact"),
            (likelihood * impact).label("score"),
            latest.c.assessed_on,
            latest.c.illustrative.label("assessment_illustrative"),
        )
        .outerjoin(latest, latest.c.id == newest)
        .where(col(Risk.raised_date) <= day, scope.shows(col(Risk.illustrative)))
        .subquery(name)
    )


def _is_closed(as_at: date) -> ColumnElement[Any]:
    return and_(col(Risk.closed_date).is_not(None), col(Risk.closed_date) <= as_at)


def _register(scope: Scope, filters: RiskFilter = ALL_RISKS) -> AnySelect:
    now = _assessed(scope.as_at, "now", scope)
    current_status = case((_is_closed(scope.as_at), "Closed"), else_="Open")
    is_open = current_status == "Open"
    above_target = and_(now.c.score > col(Risk.target_score), is_open)
    columns = {
        "kind": col(Risk.kind),
        "owner": col(Risk.owner),
        "band": band(now.c.score),
        "status": current_status,
        "decision_ref": col(Risk.decision_ref),
        "above_target_only": above_target,
        "high_only": and_(now.c.score >= HIGH_SCORE, is_open),
    }
    return (
        select(
            col(Risk.id),
            col(Risk.kind),
            col(Risk.title),
            col(Risk.owner),
            now.c.likelihood,
            now.c.impact,
            now.c.score,
            columns["band"].label("band"),
            col(Risk.target_score),
            case((above_target, True), else_=False).label("above_target"),
            col(Risk.response),
            col(Risk.proximity),
            current_status.label("status"),
            col(Risk.raised_date),
            col(Risk.review_date),
            case((_is_closed(scope.as_at), col(Risk.closed_date)), else_=None).label("closed_date"),
            now.c.assessed_on.label("last_assessed"),
            col(Risk.decision_ref),
            col(Risk.forum_id),
            col(Risk.recommendation_id),
            col(Risk.description),
            col(Risk.source),
            col(Risk.illustrative),
            (func.coalesce(now.c.assessment_illustrative, False) == true()).label("score_illustrative"),
        )
        .join(now, now.c.risk_id == col(Risk.id))
        .where(*filters.conditions(columns))
    )


def risk_register(engine: Engine, scope: Scope, filters: RiskFilter = ALL_RISKS) -> pd.DataFrame:
    """Risks and issues raised by the as-at day that `filters` pick, with their score then, open ones
    first, highest score first.

    Columns: id, kind, title, owner, likelihood, impact, score, band, target_score, above_target
    (open and scored above target), response, proximity, status (Open or Closed as at the day),
    raised_date, review_date, closed_date, last_assessed, decision_ref, forum_id,
    recommendation_id, description, source, illustrative (the risk is sample data),
    score_illustrative (its score comes from a sample reassessment).
    """
    register = _register(scope, filters)
    columns = register.selected_columns
    ordered = register.order_by(
        (columns.status == "Closed"), columns.score.desc(), columns.target_score, col(Risk.raised_date), col(Risk.id)
    )
    frame = read_frame(engine, ordered)
    as_flags(frame, "above_target", "illustrative", "score_illustrative")
    return as_dates(frame, "raised_date", "review_date", "closed_date", "last_assessed")


def risk_choices(engine: Engine, scope: Scope) -> dict[str, list[str]]:
    """The values each register filter can take: kind, owner, band, status."""
    owner = select(col(Risk.owner)).where(scope.shows(col(Risk.illustrative))).distinct()
    with engine.connect() as connection:
        owners = list(connection.execute(owner.order_by(col(Risk.owner))).scalars())
    return {"kind": ["risk", "issue"], "owner": owners, "risk_band": list(BANDS), "status": ["Open", "Closed"]}


def risk_grid(engine: Engine, scope: Scope, filters: RiskFilter = ALL_RISKS) -> pd.DataFrame:
    """Open risks and issues as at the day counted by likelihood and impact (only cells with any).

    Columns: likelihood, impact, risks, illustrative (how many of them are sample data or scored by a
    sample reassessment). The same filters as `risk_register` (status aside: the grid counts what is open).
    """
    register = _register(scope, replace(filters, status=("Open",))).subquery("register")
    statement = (
        select(
            register.c.likelihood,
            register.c.impact,
            func.count().label("risks"),
            func.sum(case((_built_on_sample(register), 1), else_=0)).label("illustrative"),
        )
        .group_by(register.c.likelihood, register.c.impact)
        .order_by(register.c.likelihood.desc(), register.c.impact)
    )
    return read_frame(engine, statement)


def _built_on_sample(register: Subquery) -> ColumnElement[bool]:
    """A risk whose figures come from sample data: the risk itself, or the reassessment that scores it."""
    return (register.c.illustrative == true()) | (register.c.score_illustrative == true())


def risk_summary(engine: Engine, scope: Scope) -> dict[str, int]:
    """Counts as at the day: open (risks and issues open), high (open, scored 15 or more), above_target
    (open, scored above target); each also as X_illustrative, how many of them are built on sample data."""
    register = _register(scope, RiskFilter(status=("Open",))).subquery("register")
    counts = {"open": true(), "high": register.c.score >= HIGH_SCORE, "above_target": register.c.above_target}
    return counts_with_sample(engine, counts, _built_on_sample(register))


def risk_history(engine: Engine, scope: Scope, risk_id: str) -> pd.DataFrame:
    """A risk's assessments up to `as_at`, oldest first: as raised, then each reassessment.

    Columns: assessed_on, likelihood, impact, score, note, source, illustrative.
    """
    raised: AnySelect = select(
        col(Risk.raised_date).label("assessed_on"),
        col(Risk.likelihood),
        col(Risk.impact),
        (col(Risk.likelihood) * col(Risk.impact)).label("score"),
        literal("As raised").label("note"),
        col(Risk.source),
        col(Risk.illustrative),
        literal(0).label("step"),
        col(Risk.id).label("step_id"),
    ).where(col(Risk.id) == risk_id, col(Risk.raised_date) <= scope.as_at, scope.shows(col(Risk.illustrative)))
    later: AnySelect = select(
        col(RiskAssessment.assessed_on),
        col(RiskAssessment.likelihood),
        col(RiskAssessment.impact),
        (col(RiskAssessment.likelihood) * col(RiskAssessment.impact)).label("score"),
        col(RiskAssessment.note),
        col(RiskAssessment.source),
        col(RiskAssessment.illustrative),
        literal(1).label("step"),
        col(RiskAssessment.id).label("step_id"),
    ).where(
        col(RiskAssessment.risk_id) == risk_id,
        col(RiskAssessment.assessed_on) <= scope.as_at,
        scope.shows(col(RiskAssessment.illustrative)),
    )
    history = union_all(raised, later).subquery("history")
    statement = select(
        history.c.assessed_on,
        history.c.likelihood,
        history.c.impact,
        history.c.score,
        history.c.note,
        history.c.source,
        history.c.illustrative,
    ).order_by(history.c.assessed_on, history.c.step, history.c.step_id)
    frame = read_frame(engine, statement)
    as_flags(frame, "illustrative")
    return as_dates(frame, "assessed_on")


def risk_changes(engine: Engine, scope: Scope) -> pd.DataFrame:
    """What changed in the register after `since` up to `as_at`: risks raised, closed, and open
    ones whose score moved.

    Columns: id, kind, title, owner, change (New, Closed, Score up, Score down), score_before
    (missing for a new one), score_now, target_score, source, illustrative. Newest changes' kinds
    first: new, then closed, then moves, highest score first.
    """
    before = _assessed(scope.since, "before", scope)
    now = _assessed(scope.as_at, "now", scope)
    is_new = col(Risk.raised_date) > scope.since
    closed = and_(_is_closed(scope.as_at), col(Risk.closed_date) > scope.since)
    change = case(
        (is_new, "New"),
        (closed, "Closed"),
        (now.c.score > before.c.score, "Score up"),
        else_="Score down",
    )
    order = case((is_new, 0), (closed, 1), else_=2)
    statement = (
        select(
            col(Risk.id),
            col(Risk.kind),
            col(Risk.title),
            col(Risk.owner),
            change.label("change"),
            before.c.score.label("score_before"),
            now.c.score.label("score_now"),
            col(Risk.target_score),
            col(Risk.source),
            col(Risk.illustrative),
        )
        .join(now, now.c.risk_id == col(Risk.id))
        .outerjoin(before, before.c.risk_id == col(Risk.id))
        .where(
            or_(
                is_new,
                closed,
                and_(before.c.score.is_not(None), before.c.score != now.c.score, ~_is_closed(scope.since)),
            )
        )
        .order_by(order, now.c.score.desc(), col(Risk.id))
    )
    frame = read_frame(engine, statement)
    frame["score_before"] = frame["score_before"].astype("Int64")  # missing for a new one
    return as_flags(frame, "illustrative")
