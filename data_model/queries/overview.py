"""The board overview: forums by status and what needs a decision, as at a date.

"Needs a decision" gathers, in this order: the decisions' conditions breached, reached or near
(`conditions.pressing`, breaches first; a further-decision line is the next kind's); decisions whose
payments to date have reached
`WARN_SHARE` of their further-decision threshold; forum contracts ending (or extension points
falling) within `HORIZON_MONTHS` of the as-at date, or already past and not closed; open risks
and issues scored `risks.HIGH_SCORE` or more; milestones not yet achieved that have slipped more
than `milestones.SLIPPAGE_FOR_DECISION` days; and recommendations that are overdue or Red.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, func, select, true
from sqlalchemy.engine import Engine
from sqlmodel import col

from data_model.queries.common import financial_year_label, months_after, read_frame
from data_model.queries.conditions import PAST_IT_WORDS, pressing
from data_model.queries.filters import RiskFilter
from data_model.queries.frame_types import as_dates, as_flags
from data_model.queries.milestones import slipped_for_decision
from data_model.queries.money import threshold_headroom
from data_model.queries.recommendations import overdue_or_red
from data_model.queries.risks import risk_register
from data_model.scope import Scope
from data_model.tables import FORUM_STATUSES, Forum

WARN_SHARE = 0.8
"""Flag a decision once payments reach this share of its further-decision threshold."""
HORIZON_MONTHS = 6
"""Flag forum contracts ending within this many months."""

ATTENTION_COLUMNS = [
    "kind",
    "reference",
    "item",
    "owner",
    "status",
    "amount",
    "limit",
    "share",
    "on_date",
    "overdue",
    "score",
    "target_score",
    "slippage_days",
    "period",
    "consequence",
    "source",
    "illustrative",
]


def forums_by_status(engine: Engine, scope: Scope) -> pd.DataFrame:
    """How many forums stand at each status (Planned ... Closed order): status, forums, illustrative
    (how many of them are sample data)."""
    order = case({status: rank for rank, status in enumerate(FORUM_STATUSES)}, value=col(Forum.status))
    statement = (
        select(
            col(Forum.status),
            func.count(col(Forum.id)).label("forums"),
            func.sum(case((col(Forum.illustrative) == true(), 1), else_=0)).label("illustrative"),
        )
        .where(scope.shows(col(Forum.illustrative)))
        .group_by(col(Forum.status))
        .order_by(order)
    )
    return read_frame(engine, statement)


def contract_ends(engine: Engine, scope: Scope, months: int = HORIZON_MONTHS) -> pd.DataFrame:
    """Forums not closed whose contract ends by `months` after `as_at` (already past included).

    Columns: id, cohort, status, contract_end_date, decision_ref, facilitator, source, illustrative.
    """
    statement = (
        select(
            col(Forum.id),
            col(Forum.cohort),
            col(Forum.status),
            col(Forum.contract_end_date),
            col(Forum.decision_ref),
            col(Forum.facilitator),
            col(Forum.source),
            col(Forum.illustrative),
        )
        .where(
            col(Forum.status) != "Closed",
            col(Forum.contract_end_date).is_not(None),
            col(Forum.contract_end_date) <= months_after(scope.as_at, months),
            scope.shows(col(Forum.illustrative)),
        )
        .order_by(col(Forum.contract_end_date), col(Forum.id))
    )
    return as_flags(as_dates(read_frame(engine, statement), "contract_end_date"), "illustrative")


def needs_a_decision(engine: Engine, scope: Scope) -> pd.DataFrame:
    """What the board must decide or chase, one row per item, most pressing kind first.

    Columns: kind ("Condition", "Spend threshold", "Contract end", "Risk", "Milestone", "Recommendation"),
    reference (decision, forum, risk, milestone or recommendation), item (title, cohort or text),
    owner, status, amount (spent to date), limit (the threshold), share (amount / limit), on_date
    (contract end, a risk's review, a milestone's forecast or a due date), overdue, score and
    target_score (a risk's), slippage_days (a milestone's), period and consequence (a condition's: "2026/27",
    "needs a further decision"), source, illustrative. Figures a kind
    does not have are empty.
    """
    parts = [kind(engine, scope) for kind in _KINDS]
    found = [part for part in parts if not part.empty]
    if not found:
        return pd.DataFrame(columns=ATTENTION_COLUMNS)
    return pd.concat(found, ignore_index=True).reindex(columns=ATTENTION_COLUMNS)


def _conditions(engine: Engine, scope: Scope) -> pd.DataFrame:
    found = pressing(engine, scope)
    found = found[found["kind"] != "further-decision line"]  # the spend threshold row says it, with its link
    return pd.DataFrame(
        {
            "kind": "Condition",
            "reference": found["decision_ref"],
            "item": found["kind"].str.capitalize() + ": " + found["description"],
            "status": found["status"].str.capitalize(),
            "amount": found["used"],
            "limit": found["amount"],
            "share": found["share"],
            "on_date": found["forecast_date"],
            "period": [_period_words(row) for _, row in found.iterrows()],
            "consequence": found["past_it"].map(PAST_IT_WORDS),
            "source": found["source"],
            "illustrative": found["illustrative"],
        }
    )


def _period_words(row: pd.Series) -> str:
    """A condition's period as the board says it: "a year (2026/27)", "the term" or "whole life"."""
    start = row["period_from"]
    if row["kind"] == "term":
        return "the term"
    if row["counted"] == "financial year":
        return f"a year ({financial_year_label(start.year)})"
    if row["counted"] == "contract year":
        return f"a year (from {start.isoformat()})"
    return "whole life"


def _spend_thresholds(engine: Engine, scope: Scope) -> pd.DataFrame:
    lines = threshold_headroom(engine, scope, min_share=WARN_SHARE)
    return pd.DataFrame(
        {
            "kind": "Spend threshold",
            "reference": lines["decision_ref"],
            "item": lines["title"],
            "owner": lines["decision_maker"],
            "amount": lines["spent"],
            "limit": lines["threshold"],
            "share": lines["share"],
            "source": lines["source"],
            "illustrative": lines["illustrative"],
        }
    )


def _contracts_ending(engine: Engine, scope: Scope) -> pd.DataFrame:
    contracts = contract_ends(engine, scope)
    return pd.DataFrame(
        {
            "kind": "Contract end",
            "reference": contracts["decision_ref"].fillna(contracts["id"]),
            "item": "Victim Voice Forum: " + contracts["cohort"],
            "owner": contracts["facilitator"],
            "status": contracts["status"],
            "on_date": contracts["contract_end_date"],
            "source": contracts["source"],
            "illustrative": contracts["illustrative"],
        }
    )


def _high_risks(engine: Engine, scope: Scope) -> pd.DataFrame:
    high = risk_register(engine, scope, RiskFilter(high_only=True))
    return pd.DataFrame(
        {
            "kind": "Risk",
            "reference": high["id"],
            "item": high["title"],
            "owner": high["owner"],
            "status": high["band"],
            "on_date": high["review_date"],
            "score": high["score"],
            "target_score": high["target_score"],
            "source": high["source"],
            "illustrative": high["illustrative"] | high["score_illustrative"],
        }
    )


def _late_milestones(engine: Engine, scope: Scope) -> pd.DataFrame:
    slipped = slipped_for_decision(engine, scope)
    return pd.DataFrame(
        {
            "kind": "Milestone",
            "reference": slipped["decision_ref"].fillna(slipped["id"]),
            "item": slipped["title"],
            "owner": slipped["cohort"].fillna(""),
            "status": slipped["schedule"],
            "on_date": slipped["forecast_date"],
            "slippage_days": slipped["slippage_days"],
            "source": slipped["source"],
            "illustrative": slipped["illustrative"] | slipped["forecast_illustrative"],
        }
    )


def _flagged_recommendations(engine: Engine, scope: Scope) -> pd.DataFrame:
    flagged = overdue_or_red(engine, scope)
    return pd.DataFrame(
        {
            "kind": "Recommendation",
            "reference": flagged["reference"],
            "item": flagged["text"],
            "owner": flagged["owner_agency"],
            "status": flagged["status"],
            "on_date": flagged["due_date"],
            "overdue": flagged["overdue"],
            "source": flagged["source"],
            "illustrative": flagged["illustrative"] | flagged["status_illustrative"],
        }
    )


_KINDS = (_conditions, _spend_thresholds, _contracts_ending, _high_risks, _late_milestones, _flagged_recommendations)
"""Each kind of item, in the order the board reads them."""
