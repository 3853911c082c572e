"""What changed between a board meeting (`since`) and the as-at date.

"Since" is exclusive and "as at" inclusive: a payment dated on the board's day was reported to
that board. Status moves and new insights come from the recommendations and forums views; the
decisions the board compared with took, from its own record (`meeting`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import SQLColumnExpression, and_, case, func, literal, select, true, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel, col

from data_model.queries.common import read_frame
from data_model.queries.frame_types import as_dates, as_flags
from data_model.queries.meeting import board_decisions_select
from data_model.queries.money import (
    any_payment_illustrative,
    any_true,
    day_payments,
    day_spent,
    holds_payments,
    paid_sums,
    payment_count,
    spend_days_between,
)
from data_model.scope import Scope
from data_model.tables import (
    BoardDecision,
    BoardMeeting,
    BudgetLine,
    Decision,
    Forum,
    ForumInsight,
    Spend,
    SpendDay,
)
from data_model.typed_sql import AnySelect, table_of


def _between(day: SQLColumnExpression[Any], scope: Scope) -> ColumnElement[Any]:
    return and_(day > scope.since, day <= scope.as_at)


def headline(engine: Engine, scope: Scope) -> dict[str, Decimal | int]:
    """Counts and sums since the board: spent, spent_illustrative (the part from sample payments),
    payments, insights and insights_illustrative (how many are sample data), forums (that raised them)."""
    spend = (
        select(*paid_sums(scope), payment_count(scope))
        .join(BudgetLine, col(BudgetLine.id) == col(SpendDay.budget_line_id))
        .where(spend_days_between(scope), scope.shows(col(BudgetLine.illustrative)))
    )
    insights = select(
        func.count(col(ForumInsight.id)),
        func.count(func.distinct(col(ForumInsight.forum_id))),
        func.coalesce(func.sum(case((col(ForumInsight.illustrative) == true(), 1), else_=0)), 0),
    ).where(_between(col(ForumInsight.raised_date), scope), scope.shows(col(ForumInsight.illustrative)))
    with engine.connect() as connection:
        spent, illustrative, payments = connection.execute(spend).one()
        raised, forums, raised_illustrative = connection.execute(insights).one()
    return {
        "spent": Decimal(spent),
        "spent_illustrative": Decimal(illustrative),
        "payments": int(payments),
        "insights": int(raised),
        "insights_illustrative": int(raised_illustrative),
        "forums": int(forums),
    }


def new_spend_by_line(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Payments since the board summed per decision and budget line, largest first.

    Columns: decision_ref, title, purpose, financial_year, spent, payments, illustrative.
    """
    statement = (
        select(
            col(BudgetLine.decision_ref),
            col(Decision.title),
            col(BudgetLine.purpose),
            col(BudgetLine.financial_year),
            func.sum(day_spent(scope)).label("spent"),
            func.sum(day_payments(scope)).label("payments"),
            any_payment_illustrative(scope).label("illustrative"),
        )
        .join(BudgetLine, col(BudgetLine.id) == col(SpendDay.budget_line_id))
        .join(Decision, col(Decision.reference) == col(BudgetLine.decision_ref))
        .where(
            spend_days_between(scope),
            scope.shows(col(BudgetLine.illustrative), col(Decision.illustrative)),
            holds_payments(scope),
        )
        .group_by(
            col(BudgetLine.decision_ref),
            col(Decision.title),
            col(BudgetLine.id),
            col(BudgetLine.purpose),
            col(BudgetLine.financial_year),
        )
        .order_by(func.sum(day_spent(scope)).desc(), col(BudgetLine.decision_ref))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def new_payments(engine: Engine, scope: Scope, limit: int | None = None) -> pd.DataFrame:
    """The payments since the board, oldest first; only the first `limit` when one is given.

    Columns: spend_date, amount, decision_ref, purpose, supplier, description, source, illustrative.
    """
    statement = (
        select(
            col(Spend.spend_date),
            col(Spend.amount),
            col(BudgetLine.decision_ref),
            col(BudgetLine.purpose),
            col(Spend.supplier),
            col(Spend.description),
            col(Spend.source),
            col(Spend.illustrative),
        )
        .join(BudgetLine, col(BudgetLine.id) == col(Spend.budget_line_id))
        .where(
            _between(col(Spend.spend_date), scope),
            scope.shows(col(Spend.illustrative), col(BudgetLine.illustrative)),
        )
        .order_by(col(Spend.spend_date), col(Spend.id))
        .limit(limit)
    )
    return as_flags(as_dates(read_frame(engine, statement), "spend_date"), "illustrative")


def new_insights_by_forum(engine: Engine, scope: Scope) -> pd.DataFrame:
    """How many insights each forum raised since the board, most first.

    Columns: forum_id, cohort, insights, illustrative (any of them is)."""
    statement = (
        select(
            col(Forum.id).label("forum_id"),
            col(Forum.cohort),
            func.count(col(ForumInsight.id)).label("insights"),
            any_true(col(ForumInsight.illustrative)).label("illustrative"),
        )
        .join(Forum, col(Forum.id) == col(ForumInsight.forum_id))
        .where(
            _between(col(ForumInsight.raised_date), scope),
            scope.shows(col(ForumInsight.illustrative), col(Forum.illustrative)),
        )
        .group_by(col(Forum.id), col(Forum.cohort))
        .order_by(func.count(col(ForumInsight.id)).desc(), col(Forum.cohort))
    )
    return as_flags(read_frame(engine, statement), "illustrative")


def opened_and_closed(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Items that began or ended since the board, by date: decisions made, forums started,
    forum contracts ended, insights closed.

    Columns: on_date, change, item, source, illustrative.
    """

    def event(
        day: SQLColumnExpression[Any], change: str, item: SQLColumnExpression[Any], model: type[SQLModel]
    ) -> AnySelect:
        table = table_of(model)
        return select(
            day.label("on_date"),
            literal(change).label("change"),
            item.label("item"),
            table.c.source,
            table.c.illustrative,
        ).where(_between(day, scope), scope.shows(table.c.illustrative))

    events = union_all(
        event(
            col(Decision.decision_date), "Decision made", col(Decision.reference) + " " + col(Decision.title), Decision
        ),
        event(col(Forum.start_date), "Forum started", col(Forum.cohort), Forum),
        event(col(Forum.contract_end_date), "Forum contract ended", col(Forum.cohort), Forum),
        event(
            col(ForumInsight.closed_date),
            "Insight closed",
            col(ForumInsight.you_said),
            ForumInsight,
        ).where(col(ForumInsight.status) == "Closed"),
    ).subquery("events")
    statement = select(events).order_by(events.c.on_date, events.c.change, events.c.item)
    return as_flags(as_dates(read_frame(engine, statement), "on_date"), "illustrative")


def board_decisions(engine: Engine, scope: Scope) -> pd.DataFrame:
    """What the board that met on the scope's "since" day decided (the last board): id, meeting, item,
    item_title, summary, outcome, concerns, source, illustrative; in agenda order."""
    statement = board_decisions_select(
        col(BoardMeeting.meeting_date) == scope.since, scope, col(BoardMeeting.title).label("meeting")
    ).join(BoardMeeting, col(BoardMeeting.id) == col(BoardDecision.meeting_id))
    return as_flags(read_frame(engine, statement), "illustrative")
