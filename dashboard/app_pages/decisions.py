"""Decisions: the register of Police and Crime Decisions, and everything linked to the one chosen.

The chosen decision is in the page's address (``?decision=PCD+1847``), so the overview can link
straight to it and a link can be shared.
"""

import pandas as pd
import streamlit as st

from dashboard.briefing.page_tables import decision_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.condition_words import FORECAST_NOTE
from dashboard.presentation.palette import RISK_BAND_COLOURS, SCHEDULE_COLOURS, label_fills
from dashboard.widgets.condition_tables import show_conditions
from dashboard.widgets.headline_figures import Figure, money_figure, show_figures
from dashboard.widgets.record_tables import show_readings_note, show_records
from dashboard.widgets.summary_tables import show_money_table, show_static
from data_model.queries.conditions import condition_checks
from data_model.queries.decisions import (
    decision_facts,
    decision_funding,
    decision_register,
    linked_forums,
    linked_recommendations,
)
from data_model.queries.filters import MilestoneFilter, RiskFilter, SpendFilter
from data_model.queries.milestones import milestone_register
from data_model.queries.money import budget_vs_actual, spend_total, threshold_headroom
from data_model.queries.risks import risk_register

NOT_GIVEN = "Not given in the source"

scope = current_scope()
register = query(decision_register, scope)

st.title("Decisions")
if register.empty:
    st.info("No decisions are recorded yet.")
    st.stop()

show_money_table(
    register.assign(decision_date=register["decision_date"].map(lambda d: formatting.day(d) if d else NOT_GIVEN)),
    {
        "reference": "Reference",
        "initial_value": "Initial value",
        "advertised_maximum": "Advertised maximum",
        "further_decision_threshold": "Further decision above",
        "decision_date": "Date",
        "decision_maker": "Decision maker",
        "title": "Title",
        "source": "Source",
    },
    money=["initial_value", "advertised_maximum", "further_decision_threshold"],
    empty="No decisions are recorded yet.",
)

reference = address_widgets.selectbox(
    "Open a decision",
    register["reference"].tolist(),
    index=None,
    placeholder="Choose a decision",
    key="decision",
)
if reference is None:
    st.info("Choose a decision to see its funding, budget lines, spend to date, forums and recommendations.")
    st.stop()

decision = register.set_index("reference").loc[reference]
spend = query(spend_total, scope, SpendFilter(reference))
st.text(f"{reference}: {decision['title']}")
st.caption(f"Figures as at {formatting.day(scope.as_at)}.")

figures = [
    Figure(
        "Initial value",
        formatting.money(decision["initial_value"]),
        f"decision.csv: {formatting.literal(decision['source'])}",
        "sample decision" if decision["illustrative"] else "",
    ),
    money_figure(spend, "Spent to date", "spent", "Sum of payments against the decision's budget lines (spend.csv)."),
]
if pd.notna(decision["advertised_maximum"]):
    figures.insert(
        1,
        Figure(
            "Advertised maximum",
            formatting.money(decision["advertised_maximum"]),
            f"decision.csv: {formatting.literal(decision['source'])}",
        ),
    )
headroom = query(threshold_headroom, scope, reference)
if not headroom.empty:
    limit = headroom.iloc[0]
    figures.append(
        Figure(
            f"Headroom to the {formatting.money(limit['threshold'])} further-decision line",
            f"{formatting.money(limit['headroom'])} ({formatting.percent(limit['share'])} used)",
            f"Further-decision threshold minus spent to date; anything above it needs a further decision "
            f"(decision.csv: {formatting.literal(decision['source'])}).",
            "built from sample payments" if limit["illustrative"] else "",
        )
    )
show_figures(figures)

st.subheader("Conditions the decision sets")
show_conditions(query(condition_checks, scope, reference), empty="No conditions are recorded for this decision.")
st.caption(FORECAST_NOTE + " Source: decision_condition.csv and condition_line.csv.")

funding_column, lines_column = st.columns([2, 3], gap="large")
with funding_column:
    st.subheader("Funding")
    funding = query(decision_funding, scope, reference)
    show_money_table(
        funding,
        {"amount": "Amount", "funder": "Funder", "source": "Source"},
        money=["amount"],
        empty="No funding is recorded for this decision.",
    )
    if not funding.empty:
        st.caption(f"Funded in total: {formatting.money(decision['funded'])} (decision_funding.csv).")
with lines_column:
    st.subheader("Budget lines and spend to date")
    lines = query(budget_vs_actual, scope, SpendFilter(reference))
    show_money_table(
        sample_marks.mark_read(lines, "financial_year"),
        {
            "financial_year": "Year",
            "kind": "Kind",
            "budget": "Budget",
            "spent": "Spent to date",
            "variance": "Variance",
            "purpose": "Budget line",
            "funding_source": "Funding source",
            "source": "Source",
        }
        | sample_marks.PROJECT_READING,
        money=["budget", "spent", "variance"],
        marks={"budget": "line_illustrative", "spent": "spent_illustrative", "variance": "variance_illustrative"},
        empty="No budget lines are recorded for this decision.",
    )
    show_readings_note(lines)

st.subheader("Forums funded by this decision")
linked = query(linked_forums, scope, reference)
show_records(
    sample_marks.mark_read(linked, "status"),
    {
        "cohort": "Forum",
        "status": "Status",
        "facilitator": "Facilitator",
        "start_date": "Started",
        "contract_end_date": "Contract ends",
        "partner": "Partner",
        "source": "Source",
    }
    | sample_marks.PROJECT_READING,
    empty="No forum is linked to this decision.",
)
show_readings_note(linked)

st.subheader("Recommendations linked to this decision")
show_records(
    query(linked_recommendations, scope, reference),
    {
        "reference": "Reference",
        "status": "Status",
        "status_illustrative": "Status from",
        "due_date": "Due",
        "overdue": "Overdue",
        "owner_agency": "Owner",
        "text": "Recommendation",
        "source": "Source",
    }
    | sample_marks.PROJECT_READING,
    status="status",
    flags={"overdue": "Overdue", "status_illustrative": sample_marks.SAMPLE_UPDATE},
    empty="No recommendation is linked to this decision.",
    key="linked_recommendations_page",
    order="by source review",
)

st.subheader("What the decision document records")
show_static(
    query(decision_facts, scope, reference),
    {"fact_date": "Date", "value": "Figure or date as written", "fact": "Fact", "source": "Source"},
    empty="No further facts are recorded for this decision.",
)

st.subheader("Risks and issues of this decision")
show_records(
    query(risk_register, scope, RiskFilter(decision_ref=(reference,))),
    {
        "title": "Risk or issue",
        "kind": "Kind",
        "score": "Score",
        "band": "Band",
        "target_score": "Target",
        "above_target": "Above target",
        "status": "Status",
        "owner": "Owner",
        "source": "Source",
    },
    flags={"above_target": "Above target"},
    labels={"band": label_fills(RISK_BAND_COLOURS)},
    empty="No risk or issue is recorded against this decision.",
    key="decision_risks_page",
    order="open ones first, highest score first",
)

st.subheader("Milestones of this decision")
show_records(
    query(milestone_register, scope, MilestoneFilter(decision_ref=(reference,))),
    {
        "title": "Milestone",
        "schedule": "Schedule",
        "baseline_date": "Baseline",
        "forecast_date": "Forecast",
        "actual_date": "Actual",
        "slippage_days": "Slippage (days)",
        "source": "Source",
    },
    labels={"schedule": label_fills(SCHEDULE_COLOURS)},
    empty="No milestone is recorded for this decision.",
    key="decision_milestones_page",
    order="slipped ones first, most days late first",
)

st.divider()
download_buttons(decision_tables(query, scope, reference), f"decision-{reference}-as-at-{scope.as_at}")
