"""The tables behind every page, as at a date, for the command-line workbook (one sheet each),
and the helpers that stack a one-forum or one-decision query over all of them (the pack uses these too).

Each comes from the page's own query function; only the column headers are made readable.
The pages' download buttons export the tables they show; this gathers them all in one go.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from data_model.queries import changes, compliance, decisions, forums, money, overview, recommendations

SHEET_ROWS = 1_048_575
"""The most rows an Excel sheet holds under its heading: the newest payments up to that many."""


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


def per_forum(engine: Engine, query, register: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """A one-forum query (meetings, insights) run for every forum in the register, with forum_id and cohort."""
    parts = [
        query(engine, forum_id, as_at).assign(forum_id=forum_id, cohort=cohort)
        for forum_id, cohort in zip(register["id"], register["cohort"], strict=True)
    ]
    return _stacked(parts, ["forum_id", "cohort"])


def all_funding(engine: Engine, register: pd.DataFrame) -> pd.DataFrame:
    """Every decision's funding, with its decision_ref."""
    parts = [decisions.decision_funding(engine, ref).assign(decision_ref=ref) for ref in register["reference"]]
    return _stacked(parts, ["decision_ref"])


def page_tables(engine: Engine, as_at: date, since: date) -> dict[str, pd.DataFrame]:
    """Sheet name -> table, page by page (overview, changes, spend, recommendations, forums, compliance, decisions)."""
    forum_register = forums.forum_register(engine, as_at)
    decision_register = decisions.decision_register(engine)
    tables = {
        "Overview - needs a decision": overview.needs_a_decision(engine, as_at),
        "Overview - forums by status": overview.forums_by_status(engine),
        "Changes - status moves": recommendations.status_moves(engine, since, as_at),
        "Changes - new spend": changes.new_spend_by_line(engine, since, as_at),
        "Changes - new payments": changes.new_payments(engine, since, as_at),
        "Changes - new insights": forums.new_insights(engine, since, as_at),
        "Changes - started and ended": changes.opened_and_closed(engine, since, as_at),
        "Spend - by decision": money.budget_vs_actual_by_decision(engine, as_at),
        "Spend - budget lines": money.budget_vs_actual(engine, as_at),
        "Spend - by financial year": money.spend_by(engine, as_at, "financial_year"),
        "Spend - payments": money.payments(engine, as_at, limit=SHEET_ROWS),
        "Spend - reserves": money.reserves(engine, as_at),
        "Spend - further-decision lines": money.threshold_headroom(engine, as_at),
        "Recommendations - by status": recommendations.status_counts(engine, as_at),
        "Recommendations - register": recommendations.recommendation_register(engine, as_at),
        "Forums - register": forum_register,
        "Forums - meetings": per_forum(engine, forums.forum_meetings, forum_register, as_at),
        "Forums - you said, we did": per_forum(engine, forums.forum_insights, forum_register, as_at),
        "Compliance - latest quarter": compliance.compliance_latest(engine, as_at),
        "Compliance - by quarter": compliance.compliance_trend(engine, as_at),
        "Compliance - returns": compliance.compliance_returns(engine, as_at),
        "Decisions - register": decision_register,
        "Decisions - funding": all_funding(engine, decision_register),
    }
    return {name: readable(frame) for name, frame in tables.items()}
