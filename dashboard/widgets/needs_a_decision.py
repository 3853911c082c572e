"""The "Needs a decision" list: for each item what it is, why it is here, the figure and the source.

Shown as one short line per item (the Meeting page's form: readable on a projector and a phone, the
why and source behind the ?), and in full as a static table under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.presentation import formatting, sample_marks
from dashboard.widgets.summary_tables import show_static
from data_model.queries.milestones import SLIPPAGE_FOR_DECISION
from data_model.queries.overview import HORIZON_MONTHS, WARN_SHARE
from data_model.queries.risks import HIGH_SCORE

DECISIONS_PAGE = "app_pages/decisions.py"
LISTED_PER_KIND = 10
"""A projected list stays readable (and quick to draw): of the kinds that can run to hundreds, the ten
most pressing, the rest one click away in their register."""
LISTED_CONDITIONS = 5
"""The decisions' conditions lead the list: the five most pressing (breaches first), the rest on the Spend page."""


@dataclass(frozen=True)
class _Register:
    page: str
    query_params: dict[str, str]
    label: str
    """What the rest are and where the link takes the reader: formatted with `more` and `listed`."""


_REST_OF = {
    "Condition": _Register(
        "app_pages/spend.py",
        {},
        "{more:,} more conditions of the decisions are breached, reached or near (the list shows the {listed} "
        "most pressing): see them all on the Spend page",
    ),
    "Risk": _Register(
        "app_pages/risks.py",
        {"band": "High", "status": "Open"},
        f"{{more:,}} more open risks and issues score {HIGH_SCORE} or more (the list shows the {{listed}} "
        "highest): open the High band in the register",
    ),
    "Milestone": _Register(
        "app_pages/milestones.py",
        {"slipped": "true"},
        f"{{more:,}} more milestones slipped more than {SLIPPAGE_FOR_DECISION} days (the list shows the "
        "{listed} most late): open the slipped ones in the register",
    ),
    "Recommendation": _Register(
        "app_pages/recommendations.py",
        {"overdue": "true"},
        "{more:,} more recommendations are overdue or Red (the list shows the {listed} due longest ago): "
        "open the overdue ones in the register",
    ),
}


def _condition(row: pd.Series, _as_at: date) -> tuple[str, str]:
    """A decision's condition: how far past (or near) it, and what that means."""
    per = f" {row['period']}" if str(row["period"]).startswith("a year") else ""
    if row["period"] == "the term":
        return f"{row['status']}: {row['consequence']} at the end", f"Ends {formatting.day(row['on_date'])}"
    used = sample_marks.dagger(formatting.money(row["amount"]), bool(row["illustrative"]))
    figure = f"{used} against {formatting.money(row['limit'])}{per}"
    if row["status"] == "Breached":
        return f"Breached: past the decision's condition, which {row['consequence']}", figure
    if row["status"] == "Reached":
        return f"Reached: going past it {row['consequence']}", figure
    forecast = f"; at the recent rate reached {formatting.day(row['on_date'])}" if pd.notna(row["on_date"]) else ""
    return f"Near: {formatting.percent(row['share'])} used{forecast}", figure


def _spend_threshold(row: pd.Series, _as_at: date) -> tuple[str, str]:
    why = (
        f"Payments have reached {formatting.percent(row['share'])} of the further-decision threshold "
        f"(flagged from {formatting.percent(WARN_SHARE)}): spending above it needs a further decision"
    )
    sample = bool(row["illustrative"])  # the spend (or the decision) is sample data; the limit is the decision's own
    figure = (
        f"{sample_marks.dagger(formatting.money(row['amount']), sample)} of {formatting.money(row['limit'])} spent; "
        f"{sample_marks.dagger(formatting.money(row['limit'] - row['amount']), sample)} headroom"
    )
    return why, figure


def _contract_end(row: pd.Series, as_at: date) -> tuple[str, str]:
    days = (row["on_date"] - as_at).days
    if days < 0:
        return "Contract end date has passed but the forum is not closed", f"Ended {formatting.day(row['on_date'])}"
    why = f"Contract ends within {HORIZON_MONTHS} months: extend, re-procure or close"
    return why, f"Ends {formatting.day(row['on_date'])} ({days} days)"


def _recommendation(row: pd.Series, _as_at: date) -> tuple[str, str]:
    overdue, red = bool(row["overdue"]), row["status"] == "Red"
    why = "Overdue and Red" if overdue and red else "Overdue" if overdue else "Red"
    return why, f"Due {formatting.day(row['on_date'])}"


def _risk(row: pd.Series, _as_at: date) -> tuple[str, str]:
    score, target = int(row["score"]), int(row["target_score"])
    above = f", above its target of {target}" if score > target else ""
    why = f"Scored {HIGH_SCORE} or more{above}: treat, tolerate, transfer or terminate"
    return why, f"Score {score} (target {target}); review {formatting.day(row['on_date'])}"


def _milestone(row: pd.Series, _as_at: date) -> tuple[str, str]:
    why = f"Slipped {int(row['slippage_days'])} days past its baseline (more than {SLIPPAGE_FOR_DECISION})"
    return why, f"Forecast {formatting.day(row['on_date'])}"


_EXPLAIN = {
    "Condition": _condition,
    "Spend threshold": _spend_threshold,
    "Contract end": _contract_end,
    "Risk": _risk,
    "Milestone": _milestone,
    "Recommendation": _recommendation,
}


def describe(items: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """The rows of `overview.needs_a_decision` with `what`, `why` and `figure` written out."""
    explained = [_EXPLAIN[row["kind"]](row, as_at) for _, row in items.iterrows()]
    sample = items["illustrative"].astype(bool)
    return items.assign(
        what=[
            sample_marks.dagger(f"{reference}: {item}", flag)
            for reference, item, flag in zip(items["reference"], items["item"], sample, strict=True)
        ],
        why=[why for why, _ in explained],
        figure=[figure for _, figure in explained],
        status=items["status"].fillna(""),
        owner=items["owner"].fillna(""),
        illustrative=items["illustrative"].astype(bool),
    )


def show_compact(described: pd.DataFrame) -> None:
    """One short line per item, readable on a projector and a phone: what it is, its figure and its status
    in words; why it is here and where it comes from behind the ?, never a paragraph in a cell."""
    for row in described.itertuples():
        status = f" · {row.status}" if row.status else ""
        st.markdown(
            f"**{formatting.literal(row.kind)}** · {formatting.literal(row.what)} · "
            f"{formatting.literal(row.figure)}{formatting.literal(status)}",
            help=formatting.literal(f"{row.why}. Source: {row.source}"),
        )


def _listed(kind: str) -> int:
    return LISTED_CONDITIONS if kind == "Condition" else LISTED_PER_KIND


def show_needs_a_decision(items: pd.DataFrame, as_at: date) -> None:
    """A one-click link to each decision near its threshold, then the list as a static table."""
    if items.empty:
        st.info(
            "Nothing needs a decision as at this date: no spend near a further-decision threshold, no forum "
            f"contract ending within {HORIZON_MONTHS} months, no risk scored {HIGH_SCORE} or more, no milestone "
            f"slipped more than {SLIPPAGE_FOR_DECISION} days, and no recommendation overdue or Red."
        )
        return
    for row in items[items["kind"] == "Spend threshold"].itertuples():
        st.page_link(
            DECISIONS_PAGE,
            label=f"How close is {row.reference} to its {formatting.money(row.limit)} line? Open the decision",
            icon=":material/gavel:",
            query_params={"decision": row.reference},
        )
    shown = items["kind"].map(_listed)
    listed = describe(items[items.groupby("kind").cumcount() < shown], as_at)  # each kind most pressing first
    show_compact(listed)
    with st.expander("The list as a table, with why each is here and its source"):
        show_static(
            listed,
            {
                "kind": "Kind",
                "what": "What",
                "why": "Why",
                "figure": "Figure",
                "status": "Status",
                "owner": "Owner",
                "source": "Source",
            },
            status="status",
            empty="",
        )
    for kind, register in _REST_OF.items():
        more = int((items["kind"] == kind).sum()) - _listed(kind)
        if more > 0:
            st.page_link(
                register.page,
                label=register.label.format(more=more, listed=_listed(kind)),
                icon=":material/open_in_new:",
                query_params=register.query_params,
            )
