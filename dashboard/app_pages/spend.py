"""Spend: budget against payments by decision, budget line, financial year and funding source.

The three filters live in the page's address, so a filtered view can be copied and shared. Each
figure and each money value built from sample data carries a †, value by value (PCD 603's budget
is documented, its payments are invented).
"""

import streamlit as st

from dashboard.app_pages.spend_panels import DRAWN_AT_FIRST, nearest_their_line
from dashboard.briefing.page_tables import spend_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.condition_words import FORECAST_NOTE
from dashboard.widgets import plotly_charts
from dashboard.widgets.condition_tables import show_conditions
from dashboard.widgets.headline_figures import Figure, money_figure, show_figures
from dashboard.widgets.record_tables import show_readings_note
from dashboard.widgets.summary_tables import LISTED_ROWS, show_money_table, show_payments
from data_model.queries.conditions import condition_checks, most_pressing, spend_forecasts
from data_model.queries.decisions import decision_register
from data_model.queries.filters import SpendFilter
from data_model.queries.money import (
    LINE_POINTS,
    budget_vs_actual,
    budget_vs_actual_by_decision,
    cumulative_spend,
    filter_choices,
    payments,
    reserves,
    spend_by_financial_year,
    spend_by_funding_source,
    spend_lines,
    spend_total,
)

PAYMENTS = sample_marks.SAMPLE_PAYMENTS
scope = current_scope()
choices = query(filter_choices, scope)

st.title("Spend")
st.caption(
    f"Payments dated up to {formatting.day(scope.as_at)}. The filters pick budget lines; spend is every "
    "payment against them. Financial years run April to March."
)

with st.container(horizontal=True):
    decision = address_widgets.selectbox(
        "Decision", choices["decision"], index=None, placeholder="All decisions", key="decision"
    )
    year = address_widgets.selectbox(
        "Budget year",
        choices["financial_year"],
        index=None,
        placeholder="All years",
        key="year",
        help="The financial year a budget line was approved for. A line carried forward is "
        "paid the next year: the chart by financial year shows when payments were made.",
    )
    funding = address_widgets.selectbox(
        "Funding source",
        choices["funding_source"],
        index=None,
        placeholder="All sources",
        key="funding",
    )
lines = SpendFilter(decision, year, funding)


def paid_by(frame) -> str:
    """A chart title's note when any payment it draws is sample data."""
    sample = int(frame["illustrative"].sum())
    return sample_marks.sample_rows_note(sample, len(frame), "bars with sample payments")


totals = query(spend_total, scope, lines)
if totals["payments"] == 0 and totals["budget"] == 0:
    if lines.chosen:
        st.info("No payments or approved budget lines match these filters. Clear a filter to see more.")
    elif scope.documented_only:
        st.info("The source documents record no budget lines or payments.")
    else:
        st.info("No budget lines or payments are recorded yet.")
    st.stop()

show_figures(
    [
        money_figure(
            totals,
            "Approved budget",
            "budget",
            "Budget lines of kind initial or reserve matching the filters (budget_line.csv).",
        ),
        money_figure(
            totals,
            "Spent to date",
            "spent",
            f"{totals['payments']} payments matching the filters (spend.csv).",
        ),
        Figure(
            "Variance",
            formatting.money(totals["variance"]),
            "Approved budget minus spent to date: positive is still unspent.",
            "built from sample budget or payments" if totals["variance_illustrative"] else "",
        ),
    ]
)

st.subheader("Budget against spend, by decision")
by_decision = query(budget_vs_actual_by_decision, scope, lines)
if not by_decision.empty:
    plotly_charts.show(
        plotly_charts.budget_and_spend_bars(by_decision, "decision_ref"),
        key="spend_by_decision_chart",
        alternative=plotly_charts.budget_and_spend_text(by_decision, "decision_ref"),
        sample="; ".join(
            note
            for note in (
                sample_marks.sample_note(
                    by_decision.loc[by_decision["budget_illustrative"], "budget"].sum(),
                    by_decision["budget"].sum(),
                    "sample budget",
                ),
                sample_marks.sample_note(by_decision["spent_illustrative"].sum(), by_decision["spent"].sum(), PAYMENTS),
            )
            if note
        ),
    )
show_money_table(
    by_decision,
    {
        "decision_ref": "Decision",
        "initial_value": "Initial value",
        "budget": "Approved budget",
        "spent": "Spent to date",
        "variance": "Variance",
        "awaiting_decision": "Awaiting a further decision",
        "title": "Title",
        "source": "Source",
    },
    money=["initial_value", "budget", "spent", "variance", "awaiting_decision"],
    marks={
        "initial_value": "budget_illustrative",
        "budget": "budget_illustrative",
        "spent": "spent_illustrative",
        "variance": "variance_illustrative",
        "awaiting_decision": "budget_illustrative",
    },
    empty="No budget lines match these filters.",
)

st.subheader("Budget against spend, by budget line")
by_line = query(budget_vs_actual, scope, lines)
show_money_table(
    sample_marks.mark_read(by_line, "financial_year"),
    {
        "decision_ref": "Decision",
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
    empty="No budget lines match these filters.",
)
show_readings_note(by_line)

by_year, by_source = st.columns(2, gap="large")
with by_year:
    st.subheader("Spent by financial year of payment")
    years = query(spend_by_financial_year, scope, lines)
    if years.empty:
        st.info("No payments match these filters.")
    else:
        plotly_charts.show(
            plotly_charts.money_bars(years, "financial_year", "spent"),
            key="spend_by_year_chart",
            alternative=plotly_charts.money_text(
                years, "financial_year", "spent", heading="Financial year", preposition="in"
            ),
            sample=paid_by(years),
        )
with by_source:
    st.subheader("Spent by funding source")
    sources = query(spend_by_funding_source, scope, lines)
    if sources.empty:
        st.info("No payments match these filters.")
    else:
        plotly_charts.show(
            plotly_charts.money_bars(sources, "funding_source", "spent"),
            key="spend_by_source_chart",
            alternative=plotly_charts.money_text(
                sources, "funding_source", "spent", heading="Funding source", preposition="from"
            ),
            sample=paid_by(sources),
        )
st.caption("Source: spend.csv, with each payment's budget line (budget_line.csv). The payments are listed below.")

st.subheader("Cumulative spend against the approval")
register = query(decision_register, scope)
shown = register[register["reference"] == decision] if decision else register
running = query(spend_lines, scope, decision)
st.caption(
    "Every payment to date for each decision, whatever its year or funding source, against the limits "
    "set in its decision (decision.csv)."
    + (
        f" A decision paid on more than {LINE_POINTS} days is drawn through its first payment day and the last "
        "of each week (or month), not every day: Chart data lists every day."
        if (running["days"] > LINE_POINTS).any()
        else ""
    )
)
paid = shown["reference"].isin(running["decision_ref"])
drawn = shown[paid]
if len(drawn) > DRAWN_AT_FIRST and not address_widgets.toggle(
    f"Draw all {len(drawn)} decisions paid",
    key="all_decisions",
    help=f"At first, the {DRAWN_AT_FIRST} decisions whose spend to date is the largest share of their "
    "further-decision line (or initial value) are drawn.",
):
    drawn = nearest_their_line(running, drawn)
    st.caption(
        f"Drawn: the {DRAWN_AT_FIRST} of {int(paid.sum())} decisions paid that are nearest their further-decision "
        f"line, {formatting.literal(', '.join(drawn['reference']))}. Chart data lists every decision's days."
    )
if paid.any():
    plotly_charts.show(
        plotly_charts.spend_multiples(running, drawn, forecasts=query(spend_forecasts, scope, decision)),
        key="cumulative_spend",
        alternative=plotly_charts.multiples_text(
            running, drawn, exact=lambda: query(cumulative_spend, scope, decision)
        ),
        sample=plotly_charts.lines_sample(running),
    )
    st.caption(
        "Dashed: the forecast to each limit at the rate of the last 180 days' payments (see the conditions below)."
    )
if not paid.all():
    st.info(f"No payments yet: {formatting.literal(', '.join(shown.loc[~paid, 'reference']))}.")

st.subheader("The decisions' conditions")
checks = query(condition_checks, scope, decision)
if decision:
    show_conditions(checks, empty="No conditions are recorded for this decision.")
else:  # every decision's conditions would be a long table: those near, reached or breached, then how many more
    listed = most_pressing(checks)
    show_conditions(listed, empty="No condition is near, at or past its limit.")
    if others := len(checks) - len(listed):
        more = "1 more condition" if others == 1 else f"{others} more conditions"
        st.caption(f"{more}, none near its limit: choose a decision to see all of its conditions.")
st.caption(FORECAST_NOTE + " Source: decision_condition.csv and condition_line.csv.")

st.subheader("Reserves")
held = query(reserves, scope, decision)
show_money_table(
    held,
    {
        "decision_ref": "Decision",
        "financial_year": "Year",
        "earmarked": "Earmarked",
        "drawn_down": "Drawn down to date",
        "remaining": "Remaining",
        "purpose": "Purpose",
        "source": "Source",
    },
    money=["earmarked", "drawn_down", "remaining"],
    marks={"earmarked": "line_illustrative", "drawn_down": "spent_illustrative", "remaining": "remaining_illustrative"},
    empty="No reserves are earmarked for this decision.",
)

show_payments(
    lambda: query(payments, scope, lines, limit=LISTED_ROWS),
    totals["payments"],
    "newest",
    {
        "spend_date": "Date",
        "financial_year": "Year",
        "amount": "Amount",
        "decision_ref": "Decision",
        "purpose": "Budget line",
        "supplier": "Supplier",
        "description": "Description",
        "source": "Source",
    },
    empty="No payments match these filters.",
    order="newest first",
)

st.divider()
download_buttons(
    spend_tables(query, scope, lines, limit=LISTED_ROWS),
    f"spend-as-at-{scope.as_at}",
)
