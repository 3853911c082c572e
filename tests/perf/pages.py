"""The pages the benchmark drives, the widget each one changes for its rerun, and its naive twin.

A naive twin works out the same figures the way most dashboards do: read every table the page
needs into pandas (``pd.read_sql_table``) and filter, join and group there. Each returns a few of
its figures so the benchmark can check that both ways agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from sqlalchemy.engine import Engine

from data_model.queries import (
    changes,
    compliance,
    decisions,
    forums,
    meeting,
    milestones,
    money,
    recommendations,
    risks,
)
from tests.helpers.scopes import scope_at

AS_AT = date(2026, 11, 22)
"""The as-at date every page is opened at (the synthetic data's last day)."""
LAST_BOARD = date(2026, 10, 15)


def _option(widget, preferred: str):
    """`preferred` when the widget offers it, else its first option."""
    options = list(widget.options)
    return preferred if preferred in options else options[0]


def _select(key: str, value: str) -> Callable:
    def change(at) -> None:
        at.selectbox(key=key).set_value(value)

    return change


def _pick(key: str, preferred: str) -> Callable:
    def change(at) -> None:
        widget = at.multiselect(key=key)
        widget.select(_option(widget, preferred))

    return change


def _as_at(day: date) -> Callable:
    def change(at) -> None:
        at.date_input(key="as_at").set_value(day)

    return change


# -- the naive way ----------------------------------------------------------------------------


def _tables(engine: Engine, *names: str) -> dict[str, pd.DataFrame]:
    with engine.connect() as connection:
        return {name: pd.read_sql_table(name, connection) for name in names}


def _dated(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column]).dt.date


def _latest_status(updates: pd.DataFrame, recommendation_ids: pd.Series, as_at: date) -> pd.Series:
    upto = updates[_dated(updates, "update_date") <= as_at].sort_values(["update_date", "id"])
    latest = upto.groupby("recommendation_id")["status"].last()
    return recommendation_ids.map(latest).fillna("Not started")


def _paid_to_date(spend: pd.DataFrame, lines: pd.DataFrame, as_at: date) -> pd.DataFrame:
    spend = spend.assign(day=_dated(spend, "spend_date"))
    paid = spend[spend["day"] <= as_at].merge(lines, left_on="budget_line_id", right_on="id", suffixes=("", "_line"))
    return paid.assign(amount=paid["amount"].astype(float))


def naive_overview(engine: Engine, as_at: date) -> dict:
    t = _tables(engine, "decision", "budget_line", "spend", "recommendation", "progress_update", "forum")
    paid = _paid_to_date(t["spend"], t["budget_line"], as_at)
    lines = t["budget_line"].assign(amount=t["budget_line"]["amount"].astype(float))
    per_decision = paid.groupby("decision_ref")["amount"].sum()
    decisions = t["decision"].assign(spent=t["decision"]["reference"].map(per_decision).fillna(0))
    near = decisions[decisions["further_decision_threshold"].notna()]
    near = near[near["spent"] >= 0.8 * near["further_decision_threshold"].astype(float)]
    recs = t["recommendation"]
    status = _latest_status(t["progress_update"], recs["id"], as_at)
    due = pd.to_datetime(recs["due_date"]).dt.date
    overdue = (due.notna() & (due < as_at) & (status != "Complete")).sum()
    return {
        "spent": round(paid["amount"].sum(), 2),
        "reserves_drawn": round(paid.loc[paid["kind"] == "reserve", "amount"].sum(), 2),
        "awaiting_decision": lines.loc[lines["kind"].isin(["extension", "uplift"]), "amount"].sum(),
        "red": int((status == "Red").sum()),
        "overdue": int(overdue),
        "near_threshold": len(near),
        "forums": t["forum"].groupby("status").size().to_dict(),
    }


def naive_changes(engine: Engine, as_at: date, since: date = LAST_BOARD) -> dict:
    t = _tables(
        engine, "spend", "budget_line", "decision", "forum_insight", "forum", "recommendation", "progress_update"
    )
    spend = t["spend"].assign(day=_dated(t["spend"], "spend_date"), amount=t["spend"]["amount"].astype(float))
    window = spend[(spend["day"] > since) & (spend["day"] <= as_at)].merge(
        t["budget_line"], left_on="budget_line_id", right_on="id", suffixes=("", "_line")
    )
    by_line = window.groupby(["decision_ref", "budget_line_id"])["amount"].agg(["sum", "count"])
    insights = t["forum_insight"]
    raised = _dated(insights, "raised_date")
    new = insights[(raised > since) & (raised <= as_at)]
    recs = t["recommendation"]["id"]
    then = _latest_status(t["progress_update"], recs, since)
    now = _latest_status(t["progress_update"], recs, as_at)
    return {
        "spent": round(window["amount"].sum(), 2),
        "lines": len(by_line),
        "insights": len(new),
        "moves": int((then != now).sum()),
    }


def naive_spend(engine: Engine, as_at: date) -> dict:
    t = _tables(engine, "spend", "budget_line", "decision")
    paid = _paid_to_date(t["spend"], t["budget_line"], as_at)
    day = pd.to_datetime(paid["day"])
    paid = paid.assign(financial_year=(day.dt.year - (day.dt.month < 4)).astype(str))
    figures = {
        by: paid.groupby(by)["amount"].sum()
        for by in ("decision_ref", "budget_line_id", "financial_year", "funding_source")
    }
    cumulative = paid.groupby(["decision_ref", "day"])["amount"].sum().groupby(level=0).cumsum()
    listing = paid.sort_values(["day", "id"], ascending=[False, True])
    return {
        "spent": round(paid["amount"].sum(), 2),
        "payments": len(listing),
        "decisions": len(figures["decision_ref"]),
        "cumulative_points": len(cumulative),
    }


def naive_recommendations(engine: Engine, as_at: date) -> dict:
    t = _tables(engine, "recommendation", "progress_update", "board_meeting")
    recs, updates = t["recommendation"], t["progress_update"]
    status = _latest_status(updates, recs["id"], as_at)
    mix = {
        board: _latest_status(updates, recs["id"], board).value_counts()
        for board in _dated(t["board_meeting"], "meeting_date")
        if board < as_at
    }
    return {"recommendations": len(recs), "red": int(status.isin(["Red", "Amber/Red"]).sum()), "boards": len(mix)}


def naive_forums(engine: Engine, as_at: date) -> dict:
    t = _tables(engine, "forum", "forum_meeting", "forum_insight")
    meetings, insights = t["forum_meeting"], t["forum_insight"]
    day = _dated(meetings, "meeting_date")
    last_year = meetings[(day > forums.year_before(as_at)) & (day <= as_at)]
    raised = insights[_dated(insights, "raised_date") <= as_at]
    closed = raised[(raised["status"] == "Closed")].groupby("forum_id").size()
    return {"meetings": len(last_year), "insights": len(raised), "closed": int(closed.sum())}


def naive_compliance(engine: Engine, as_at: date) -> dict:
    returns = _tables(engine, "compliance_measure")["compliance_measure"]
    chosen = returns[returns["quarter"] <= compliance.last_complete_quarter(as_at)]
    trend = chosen.groupby(["measure", "quarter"])[["numerator", "denominator"]].sum()
    return {"quarters": len(trend), "returns": len(chosen)}


def naive_decisions(engine: Engine, as_at: date) -> dict:
    """The page's first view: the register of decisions with what their funding and lines add up to."""
    t = _tables(engine, "decision", "decision_funding", "budget_line")
    lines = t["budget_line"].assign(amount=t["budget_line"]["amount"].astype(float))
    approved = lines[lines["kind"].isin(["initial", "reserve"])].groupby("decision_ref")["amount"].sum()
    funded = t["decision_funding"].groupby("decision_ref")["amount"].sum()
    register = t["decision"].assign(
        funded=t["decision"]["reference"].map(funded).fillna(0),
        budgeted=t["decision"]["reference"].map(approved).fillna(0),
    )
    return {"decisions": len(register), "budgeted": round(register["budgeted"].sum(), 2)}


def naive_risks(engine: Engine, as_at: date) -> dict:
    """Each risk's latest reassessment on or before the day, its score and the grid, from whole tables."""
    t = _tables(engine, "risk", "risk_assessment")
    risks, assessed = t["risk"], t["risk_assessment"]
    risks = risks[_dated(risks, "raised_date") <= as_at]
    upto = assessed[_dated(assessed, "assessed_on") <= as_at].sort_values(["assessed_on", "id"])
    latest = upto.groupby("risk_id")[["likelihood", "impact"]].last()
    likelihood = risks["id"].map(latest["likelihood"]).fillna(risks["likelihood"])
    impact = risks["id"].map(latest["impact"]).fillna(risks["impact"])
    closed = pd.to_datetime(risks["closed_date"]).dt.date
    is_open = closed.isna() | (closed > as_at)
    score = likelihood * impact
    grid = pd.DataFrame({"likelihood": likelihood[is_open], "impact": impact[is_open]}).value_counts()
    return {"open": int(is_open.sum()), "high": int(((score >= 15) & is_open).sum()), "cells": len(grid)}


def naive_milestones(engine: Engine, as_at: date) -> dict:
    """Each milestone's latest forecast on or before the day and its slippage, from whole tables."""
    t = _tables(engine, "milestone", "milestone_forecast")
    milestones, forecasts = t["milestone"], t["milestone_forecast"]
    milestones = milestones[_dated(milestones, "baselined_on") <= as_at]
    upto = forecasts[_dated(forecasts, "changed_on") <= as_at].sort_values(["changed_on", "id"])
    latest = upto.groupby("milestone_id")["forecast_date"].last()
    forecast = pd.to_datetime(milestones["id"].map(latest).fillna(milestones["baseline_date"]))
    actual = pd.to_datetime(milestones["actual_date"])
    actual = actual.where(actual.dt.date <= as_at)
    slip = (actual.fillna(forecast) - pd.to_datetime(milestones["baseline_date"])).dt.days
    slipped = (slip > 0) & (milestones["status"] != "Cancelled")
    return {"milestones": len(milestones), "slipped": int(slipped.sum())}


def naive_meeting(engine: Engine, as_at: date) -> dict:
    t = _tables(engine, "board_meeting", "agenda_item", "board_attendance")
    meetings = t["board_meeting"].assign(day=_dated(t["board_meeting"], "meeting_date"))
    held = meetings[meetings["day"] <= as_at].sort_values("day")["id"].iloc[-1]
    people = t["board_attendance"]
    present = people[(people["meeting_id"] == held) & (people["attendance"] == "present")]
    return {"items": int((t["agenda_item"]["meeting_id"] == held).sum()), "present": len(present)}


def naive_audit_log(engine: Engine, as_at: date) -> dict:
    log = _tables(engine, "data_load")["data_load"]
    return {"changes": len(log)}


# -- the same figures from the query functions, to check the naive way against ---------------------


def _query_figures(name: str, engine: Engine, as_at: date) -> dict:
    if name == "overview":
        figures = money.headline(engine, scope_at(as_at))
        return {
            "spent": round(float(figures["spent"]), 2),
            "reserves_drawn": round(float(figures["reserves_drawn"]), 2),
        }
    if name == "changes":
        return {
            "spent": round(float(changes.headline(engine, scope_at(as_at, since=LAST_BOARD))["spent"]), 2),
            "insights": changes.headline(engine, scope_at(as_at, since=LAST_BOARD))["insights"],
        }
    if name == "spend":
        total = money.spend_total(engine, scope_at(as_at))
        return {"spent": round(float(total["spent"]), 2), "payments": total["payments"]}
    if name == "recommendations":
        return {"recommendations": recommendations.register_summary(engine, scope_at(as_at))["recommendations"]}
    if name == "risks":
        summary = risks.risk_summary(engine, scope_at(as_at))
        return {
            "open": summary["open"],
            "high": summary["high"],
            "cells": len(risks.risk_grid(engine, scope_at(as_at))),
        }
    if name == "milestones":
        register = milestones.milestone_register(engine, scope_at(as_at))
        return {"milestones": len(register), "slipped": int(register["slipped"].sum())}
    if name == "meeting":
        held = meeting.meeting_on_or_after(meeting.board_meetings(engine, scope_at(as_at)), as_at)
        people = meeting.meeting_attendance(engine, scope_at(as_at), held)
        items = meeting.meeting_agenda(engine, scope_at(as_at), held)
        return {"items": len(items), "present": int((people["attendance"] == "present").sum())}
    if name == "decisions":
        register = decisions.decision_register(engine, scope_at())
        return {"decisions": len(register), "budgeted": round(float(register["budgeted"].sum()), 2)}
    return {}


def agrees(name: str, engine: Engine, as_at: date, naive: dict) -> bool:
    """Whether the naive figures equal the query functions' (on the figures both give)."""
    expected = _query_figures(name, engine, as_at)
    return all(abs(Decimal(str(naive[key])) - Decimal(str(value))) < Decimal("0.01") for key, value in expected.items())


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    change: Callable  # the widget change before the timed rerun
    change_label: str
    naive: Callable[[Engine, date], dict]


PAGES: tuple[PageCase, ...] = (
    PageCase(
        "overview",
        "app_pages/overview.py",
        _as_at(AS_AT.replace(day=1) - timedelta(days=1)),
        "as at the end of last month",
        naive_overview,
    ),
    PageCase(
        "changes",
        "app_pages/changes.py",
        _select("since", "2026-08-13"),
        "since the board of 13 August 2026",
        naive_changes,
    ),
    PageCase("risks", "app_pages/risks.py", _pick("owner", "MPS"), "owner MPS", naive_risks),
    PageCase("milestones", "app_pages/milestones.py", _pick("decision", "SYN 06"), "decision SYN 06", naive_milestones),
    PageCase("spend", "app_pages/spend.py", _select("decision", "SYN 06"), "decision SYN 06", naive_spend),
    PageCase(
        "recommendations",
        "app_pages/recommendations.py",
        _pick("owner_agency", "MPS"),
        "owner MPS",
        naive_recommendations,
    ),
    PageCase("forums", "app_pages/forums.py", _select("forum", "SYN-VVF-18"), "forum SYN-VVF-18", naive_forums),
    PageCase("compliance", "app_pages/compliance.py", _pick("agency", "MPS"), "agency MPS", naive_compliance),
    PageCase("decisions", "app_pages/decisions.py", _select("decision", "SYN 06"), "decision SYN 06", naive_decisions),
    PageCase(
        "meeting",
        "app_pages/meeting.py",
        _select("meeting", "SYN-BOARD-2024-10"),
        "meeting SYN-BOARD-2024-10",
        naive_meeting,
    ),
    PageCase("audit_log", "app_pages/audit_log.py", _pick("who", "bench"), "who: bench", naive_audit_log),
)
PAGE_BY_NAME = {page.name: page for page in PAGES}
