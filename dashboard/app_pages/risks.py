"""Risks and issues (scene 6): what scores high, what is above its target, and why a risk moved.

Every filter lives in the URL. The grid counts the open risks and issues the filters select by
likelihood and impact; the register lists them with their score as at the chosen date; below it,
one risk's assessments over time.
"""

import pandas as pd
import streamlit as st

from dashboard.briefing.page_tables import risk_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from dashboard.presentation.palette import RISK_BAND_COLOURS, label_fills
from dashboard.widgets.headline_figures import count_figure, show_figures
from dashboard.widgets.record_tables import pick_on_show, show_records
from dashboard.widgets.register_charts import score_history_chart, show_risk_grid
from dashboard.widgets.url_filters import pick_any
from data_model.queries.filters import RiskFilter
from data_model.queries.risks import HIGH_SCORE, risk_choices, risk_grid, risk_history, risk_register, risk_summary

scope = current_scope()
st.title("Risks and issues")
st.caption(
    f"As at {day(scope.as_at)}. A risk may happen, an issue has happened. Score = likelihood × impact "
    f"(1 to 5 each), from the latest reassessment on or before that day: {HIGH_SCORE} and above is High, "
    "5 to 12 Medium, under 5 Low."
)

choices = query(risk_choices, scope)
with st.container(horizontal=True, vertical_alignment="bottom"):
    filters = RiskFilter(
        kind=pick_any("Risk or issue", choices["kind"], key="kind"),
        owner=pick_any("Owner", choices["owner"], key="owner"),
        band=pick_any("Band", choices["risk_band"], key="band"),
        status=pick_any("Status", choices["status"], key="status"),
        above_target_only=address_widgets.toggle("Above target only", key="above_target"),
    )

summary = query(risk_summary, scope)
counted = "Counted in SQL over every risk and issue open on the as-at date (risk.csv, risk_assessment.csv)."
what = "risks and issues"
show_figures(
    [
        count_figure(summary, "Open risks and issues", "open", counted, what),
        count_figure(summary, f"Scored {HIGH_SCORE} or more", "high", counted, what),
        count_figure(summary, "Above their target score", "above_target", counted, what),
    ]
)

st.header("Likelihood by impact")
st.caption("Open risks and issues the filters select, counted in each cell: count · band and score of the cell.")
show_risk_grid(query(risk_grid, scope, filters))

st.header("Register")
register = query(risk_register, scope, filters)


def score_history(shown: pd.DataFrame) -> None:
    """One risk's assessments, picked from the register's rows on show (not all 2,000 in the list)."""
    st.header("Score history")
    if shown.empty:
        st.info("Choose filters that match at least one risk to see its history.")
        return
    titles = dict(zip(shown["id"], shown["title"], strict=True))
    chosen = pick_on_show("Risk or issue", titles, "risk", cut=len(shown) < len(register))
    history = query(risk_history, scope, chosen)
    score_history_chart(history, int(shown.set_index("id").at[chosen, "target_score"]))
    show_records(
        history,
        {
            "assessed_on": "Date",
            "likelihood": "Likelihood",
            "impact": "Impact",
            "score": "Score",
            "note": "Why",
            "source": "Source",
        },
        empty="No assessment recorded by the as-at date.",
        key="assessments_page",
    )


show_records(
    register,
    {
        "title": "Risk or issue",
        "kind": "Kind",
        "owner": "Owner",
        "score": "Score",
        "band": "Band",
        "likelihood": "Likelihood",
        "impact": "Impact",
        "target_score": "Target",
        "above_target": "Above target",
        "response": "Response",
        "status": "Status",
        "proximity": "Proximity",
        "raised_date": "Raised",
        "last_assessed": "Reassessed",
        "review_date": "Review",
        "closed_date": "Closed",
        "decision_ref": "Decision",
        "forum_id": "Forum",
        "recommendation_id": "Recommendation",
        "source": "Source",
    },
    empty="The source documents record no risks or issues: every one here is sample data."
    if scope.documented_only
    else "No risk or issue matches these filters. Clear one of them to see more.",
    key="risks_page",
    order="open ones first, highest score first",
    flags={"above_target": "Above target"},
    labels={"band": label_fills(RISK_BAND_COLOURS)},
    config={"Risk or issue": st.column_config.TextColumn(width=360)},
    below=score_history,
)

st.divider()
download_buttons(risk_tables(query, scope, filters), f"risks-as-at-{scope.as_at}")
