"""Board overview: the projected "at a glance" screen, as at the period's date."""

import streamlit as st

from dashboard.briefing.tables import overview_tables
from dashboard.components import charts, format
from dashboard.components.attention import show_needs_a_decision
from dashboard.components.downloads import download_buttons
from dashboard.components.headline import Figure, illustrative_part, show_figures
from dashboard.components.period import current_period, current_query
from data_model.queries.money import headline
from data_model.queries.overview import forums_by_status, needs_a_decision
from data_model.queries.recommendations import status_counts

period = current_period()
query = current_query()
totals = query(headline, period.as_at)

st.title("Board overview")
st.caption(f"As at {format.day(period.as_at)}. The ? beside each figure gives its source.")

show_figures(
    [
        Figure(
            "Approved",
            format.money(totals["approved"]),
            "Sum of the initial values of every decision (decision.csv, initial_value)."
            + illustrative_part(totals["approved_illustrative"]),
        ),
        Figure(
            "Spent to date",
            format.money(totals["spent"]),
            f"Sum of payments dated on or before {format.day(period.as_at)} (spend.csv)."
            + illustrative_part(totals["spent_illustrative"]),
        ),
        Figure(
            "Remaining of approved",
            format.money(totals["remaining"]),
            "Approved minus spent to date (each says how much of it is illustrative).",
        ),
    ]
)
show_figures(
    [
        Figure(
            "Reserves earmarked",
            format.money(totals["reserves_earmarked"]),
            "Budget lines of kind 'reserve' (budget_line.csv), e.g. PCD 603 §3.2."
            + illustrative_part(totals["reserves_earmarked_illustrative"]),
        ),
        Figure(
            "Reserves drawn down",
            format.money(totals["reserves_drawn"]),
            "Payments against reserve lines to date (spend.csv)."
            + illustrative_part(totals["reserves_drawn_illustrative"]),
        ),
        Figure(
            "Awaiting a further decision",
            format.money(totals["awaiting_decision"]),
            "Extension and uplift budget lines that need a further decision before any spend (budget_line.csv)."
            + illustrative_part(totals["awaiting_decision_illustrative"]),
        ),
    ]
)

st.subheader("Needs a decision")
decisions_needed = query(needs_a_decision, period.as_at)
show_needs_a_decision(decisions_needed, period.as_at)

counts = query(status_counts, period.as_at)
by_status = query(forums_by_status)
recommendations, forums = st.columns(2, gap="large")
with recommendations:
    st.subheader("Recommendations by status")
    if counts.empty:
        st.info("No recommendations are recorded.")
    else:
        charts.show(charts.status_bars(counts), key="overview_status")
        red = counts.loc[counts["status"] == "Red", "recommendations"].sum()
        overdue = int(decisions_needed["overdue"].eq(True).sum())  # every overdue recommendation is listed above
        show_figures(
            [
                Figure(
                    "Red",
                    str(red),
                    "Recommendations whose latest progress update on or before the as-at date "
                    "is Red (progress_update.csv).",
                ),
                Figure(
                    "Overdue",
                    str(overdue),
                    "Due before the as-at date and not Complete (recommendation.csv, due_date; progress_update.csv).",
                ),
            ]
        )
with forums:
    st.subheader("Victim Voice Forums by status")
    if by_status.empty:
        st.info("No forums are recorded.")
    else:
        charts.show(charts.count_bars(by_status, "status", "forums"), key="overview_forums")
        st.caption("Source: forum.csv, status column.")

st.divider()
download_buttons(
    overview_tables(query, period.as_at),
    f"overview-as-at-{period.as_at}",
)
