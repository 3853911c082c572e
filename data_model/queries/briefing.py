"""Figures only the briefing pack shows: budget by kind of approval, and where every row comes from."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Integer, case, cast, func, literal, select, true, union_all
from sqlalchemy.engine import Engine
from sqlmodel import col

from data_model.queries.common import read_frame
from data_model.queries.frame_types import as_flags
from data_model.scope import Scope
from data_model.tables import BUDGET_KINDS, SEED_TABLES, BudgetLine
from data_model.typed_sql import table_name, table_of

TABLE_LABELS = {
    "decision": "Decisions",
    "decision_funding": "Decision funding",
    "decision_fact": "Decision facts",
    "decision_condition": "Decision conditions",
    "budget_line": "Budget lines",
    "condition_line": "Budget lines each condition counts",
    "spend": "Payments",
    "board_meeting": "Board meetings",
    "forum": "Forums",
    "forum_meeting": "Forum meetings",
    "forum_insight": "Forum insights (you said, we did)",
    "recommendation": "Recommendations",
    "progress_update": "Progress updates",
    "compliance_measure": "Victims' Code compliance returns",
    "risk": "Risks and issues",
    "risk_assessment": "Risk reassessments",
    "milestone": "Milestones",
    "milestone_forecast": "Milestone forecast changes",
    "board_action": "Board actions",
    "agenda_item": "Board agenda items",
    "board_attendance": "Board attendance",
    "board_decision": "Decisions of the board",
}


def budget_by_kind(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Approved budget per decision and kind (initial, extension, uplift, reserve), summed in SQL.

    Columns: decision_ref, kind, budget, lines, illustrative (any line is); decisions in order,
    kinds in `BUDGET_KINDS` order.
    """
    kind_order = case({kind: rank for rank, kind in enumerate(BUDGET_KINDS)}, value=col(BudgetLine.kind))
    statement = (
        select(
            col(BudgetLine.decision_ref),
            col(BudgetLine.kind),
            func.sum(col(BudgetLine.amount)).label("budget"),
            func.count(col(BudgetLine.id)).label("lines"),
            (func.max(cast(col(BudgetLine.illustrative), Integer)) == 1).label("illustrative"),
        )
        .where(scope.shows(col(BudgetLine.illustrative)))
        .group_by(col(BudgetLine.decision_ref), col(BudgetLine.kind))
        .order_by(col(BudgetLine.decision_ref), func.min(kind_order))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def sources_summary(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Every source cited in the data, per table, with how many rows and whether they are illustrative.

    Columns: table (a readable name), source, illustrative, rows; illustrative rows first within a table.
    """
    parts = [
        select(
            literal(table_name(model)).label("table_name"),
            table_of(model).c.source,
            table_of(model).c.illustrative,
            func.count().label("rows"),
        )
        .where(scope.shows(table_of(model).c.illustrative))
        .group_by(table_of(model).c.source, table_of(model).c.illustrative)
        for model in SEED_TABLES
    ]
    combined = union_all(*parts).subquery("sources")
    order = case({name: rank for rank, name in enumerate(TABLE_LABELS)}, value=combined.c.table_name)
    statement = select(combined).order_by(order, combined.c.illustrative.desc(), combined.c.source)
    frame = as_flags(read_frame(engine, statement), "illustrative")
    frame.insert(0, "table", frame.pop("table_name").map(TABLE_LABELS))
    return frame


def illustrative_rows(engine: Engine, scope: Scope) -> pd.DataFrame:
    """How many rows each table holds and how many of them are illustrative sample data.

    Columns: table (a readable name), rows, illustrative_rows; in `TABLE_LABELS` order.
    """
    parts = [
        select(
            literal(table_name(model)).label("table_name"),
            func.count().label("rows"),
            func.coalesce(func.sum(case((table_of(model).c.illustrative == true(), 1), else_=0)), 0).label(
                "illustrative_rows"
            ),
        ).where(scope.shows(table_of(model).c.illustrative))
        for model in SEED_TABLES
    ]
    combined = union_all(*parts).subquery("counts")
    order = case({name: rank for rank, name in enumerate(TABLE_LABELS)}, value=combined.c.table_name)
    frame = read_frame(engine, select(combined).order_by(order))
    frame.insert(0, "table", frame.pop("table_name").map(TABLE_LABELS))
    return frame.astype({"rows": int, "illustrative_rows": int})
