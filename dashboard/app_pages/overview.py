"""Board overview: the projected "at a glance" screen, as at the period's date.

Every figure built from illustrative sample data carries a † and says how much of it is sample
data, in the metric or the chart's title; figures from the source documents carry no mark.
"""

import streamlit as st

from dashboard.briefing.page_tables import overview_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation import formatting, sample_marks
from dashboard.widgets import plotly_charts
from dashboard.widgets.headline_figures import Figure, money_figure, show_figures
from dashboard.widgets.needs_a_decision import show_needs_a_decision
from dashboard.widgets.overall_status import show_overall_status
from data_model.queries.money import headline
from data_model.queries.overall_status import overall_status
from data_model.queries.overview import forums_by_status, needs_a_decision
from data_model.queries.recommendations import status_counts

scope = current_scope()
totals = query(headline, scope)

st.title("Board overview")
st.caption(
    f"As at {formatting.day(scope.as_at)}. "
    + (
        "Documented figures only: every illustrative (sample) row is left out. "
        if scope.documented_only
        else f"{sample_marks.DAGGER} marks a figure built from illustrative sample data. "
    )
    + "The ? beside each figure gives its source."
)
show_overall_status(query(overall_status, scope))

show_figures(
    [
        money_figure(
            totals, "Approved", "approved", "Sum of the initial values of every decision (decision.csv, initial_value)."
        ),
        money_figure(
            totals,
            "Spent to date",
            "spent",
            f"Sum of payments dated on or before {formatting.day(scope.as_at)} (spend.csv).",
        ),
        Figure(
            "Remaining of approved",
            formatting.money(totals["remaining"]),
            "Approved minus spent to date (each says how much of it is illustrative).",
            "built from sample approvals or payments" if totals["remaining_illustrative"] else "",
        ),
    ]
)
if not totals["spent"] and scope.documented_only:
    st.caption("The source documents record no payments, so spent to date is £0.")
show_figures(
    [
        money_figure(
            totals,
            "Reserves earmarked",
            "reserves_earmarked",
            "Budget lines of kind 'reserve' (budget_line.csv), e.g. PCD 603 §3.2.",
        ),
        money_figure(
            totals, "Reserves drawn down", "reserves_drawn", "Payments against reserve lines to date (spend.csv)."
        ),
        money_figure(
            totals,
            "Awaiting a further decision",
            "awaiting_decision",
            "Extension and uplift budget lines that need a further decision before any spend (budget_line.csv).",
        ),
    ]
)

st.subheader("Needs a decision")
decisions_needed = query(needs_a_decision, scope)
show_needs_a_decision(decisions_needed, scope.as_at)

counts = query(status_counts, scope)
by_status = query(forums_by_status, scope)
recommendations, forums = st.columns(2, gap="large")
with recommendations:
    st.subheader("Recommendations by status")
    if counts.empty:
        st.info("No recommendations are recorded.")
    else:
        sample = int(counts["illustrative"].sum())
        plotly_charts.show(
            plotly_charts.status_bars(counts),
            key="overview_status",
            alternative=plotly_charts.count_text(
                counts, "status", "recommendations", noun="recommendations", heading="Status"
            ),
            sample=sample_marks.sample_rows_note(
                sample, int(counts["recommendations"].sum()), "recommendations or statuses"
            ),
        )
        red = counts.loc[counts["status"] == "Red"]
        overdue = decisions_needed[decisions_needed["overdue"].eq(True)]  # every overdue recommendation is listed above
        show_figures(
            [
                Figure(
                    "Red",
                    str(int(red["recommendations"].sum())),
                    "Recommendations whose latest progress update on or before the as-at date "
                    "is Red (progress_update.csv).",
                    sample_marks.sample_rows_note(
                        int(red["illustrative"].sum()), int(red["recommendations"].sum()), "recommendations"
                    ),
                ),
                Figure(
                    "Overdue",
                    str(len(overdue)),
                    "Due before the as-at date and not Complete (recommendation.csv, due_date; progress_update.csv).",
                    sample_marks.sample_rows_note(int(overdue["illustrative"].sum()), len(overdue), "recommendations"),
                ),
            ]
        )
with forums:
    st.subheader("Victim Voice Forums by status")
    if by_status.empty:
        st.info("No forums are recorded.")
    else:
        plotly_charts.show(
            plotly_charts.count_bars(by_status, "status", "forums"),
            key="overview_forums",
            alternative=plotly_charts.count_text(by_status, "status", "forums", noun="forums", heading="Status"),
            sample=sample_marks.sample_rows_note(
                int(by_status["illustrative"].sum()), int(by_status["forums"].sum()), "forums"
            ),
        )
        st.caption("Source: forum.csv, status column.")

st.divider()
download_buttons(
    overview_tables(query, scope),
    f"overview-as-at-{scope.as_at}",
)
