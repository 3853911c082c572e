"""Decisions: the register of Police and Crime Decisions, and everything linked to one of them."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from data_model.queries.common import read_frame
from data_model.queries.filters import RecommendationFilter
from data_model.queries.forums import forum_register
from data_model.queries.frame_types import as_dates, as_flags
from data_model.queries.money import APPROVED_KINDS
from data_model.queries.recommendations import recommendation_register
from data_model.scope import Scope
from data_model.tables import BudgetLine, Decision, DecisionFact, DecisionFunding


def decision_register(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Every decision with its money limits and what its funding and budget lines add up to.

    Columns: reference, title, decision_maker, decision_date (None where the source gives none),
    initial_value, advertised_maximum, further_decision_threshold, funded (sum of its funding),
    budgeted (its approved budget lines: initial and reserve), awaiting_decision (its extension and
    uplift lines), source, illustrative. Real decisions first.
    """
    funded = (
        select(col(DecisionFunding.decision_ref), func.sum(col(DecisionFunding.amount)).label("funded"))
        .where(scope.shows(col(DecisionFunding.illustrative)))
        .group_by(col(DecisionFunding.decision_ref))
        .subquery("funded")
    )
    approved = col(BudgetLine.kind).in_(APPROVED_KINDS)
    budgeted = (
        select(
            col(BudgetLine.decision_ref),
            func.sum(case((approved, col(BudgetLine.amount)), else_=0)).label("budgeted"),
            func.sum(case((approved, 0), else_=col(BudgetLine.amount))).label("awaiting_decision"),
        )
        .where(scope.shows(col(BudgetLine.illustrative)))
        .group_by(col(BudgetLine.decision_ref))
        .subquery("budgeted")
    )
    statement = (
        select(
            col(Decision.reference),
            col(Decision.title),
            col(Decision.decision_maker),
            col(Decision.decision_date),
            col(Decision.initial_value),
            col(Decision.advertised_maximum),
            col(Decision.further_decision_threshold),
            func.coalesce(funded.c.funded, 0).label("funded"),
            func.coalesce(budgeted.c.budgeted, 0).label("budgeted"),
            func.coalesce(budgeted.c.awaiting_decision, 0).label("awaiting_decision"),
            col(Decision.source),
            col(Decision.illustrative),
        )
        .outerjoin(funded, funded.c.decision_ref == col(Decision.reference))
        .outerjoin(budgeted, budgeted.c.decision_ref == col(Decision.reference))
        .where(scope.shows(col(Decision.illustrative)))
        .order_by(col(Decision.illustrative), col(Decision.reference))
    )
    return as_flags(as_dates(read_frame(engine, statement), "decision_date"), "illustrative")


def decision_funding(engine: Engine, scope: Scope, reference: str) -> pd.DataFrame:
    """Where one decision's money comes from. Columns: funder, amount, source, illustrative."""
    statement = (
        select(
            col(DecisionFunding.funder),
            col(DecisionFunding.amount),
            col(DecisionFunding.source),
            col(DecisionFunding.illustrative),
        )
        .where(col(DecisionFunding.decision_ref) == reference, scope.shows(col(DecisionFunding.illustrative)))
        .order_by(col(DecisionFunding.amount).desc(), col(DecisionFunding.id))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def decision_facts(engine: Engine, scope: Scope, reference: str) -> pd.DataFrame:
    """What one decision's document records beyond its money, in the document's order of sections.

    Columns: fact, value, fact_date (None where the document gives no day), source, illustrative.
    """
    statement = (
        select(
            col(DecisionFact.fact),
            col(DecisionFact.value),
            col(DecisionFact.fact_date),
            col(DecisionFact.source),
            col(DecisionFact.illustrative),
        )
        .where(col(DecisionFact.decision_ref) == reference, scope.shows(col(DecisionFact.illustrative)))
        .order_by(col(DecisionFact.source), col(DecisionFact.id))
    )
    return as_flags(as_dates(read_frame(engine, statement), "fact_date"), "illustrative")


def linked_forums(engine: Engine, scope: Scope, reference: str) -> pd.DataFrame:
    """The forums funded under one decision (rows of the forum register)."""
    forums = forum_register(engine, scope)
    return forums[forums["decision_ref"] == reference].reset_index(drop=True)


def linked_recommendations(engine: Engine, scope: Scope, reference: str) -> pd.DataFrame:
    """The recommendations tied to one decision (rows of the recommendation register)."""
    return recommendation_register(engine, scope, RecommendationFilter(decision_ref=(reference,)))
