"""Victims' Code compliance: how often victims got what a right promises, by measure, agency and quarter.

The agency and measure filters are in the URL; each rate is summed returns divided in SQL.
"""

import streamlit as st

from dashboard.app_pages.compliance_charts import latest_figures, trend_chart
from dashboard.briefing.page_tables import compliance_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from dashboard.widgets.record_tables import show_records
from dashboard.widgets.summary_tables import written
from dashboard.widgets.url_filters import pick_any
from data_model.queries.compliance import (
    compliance_choices,
    compliance_latest,
    compliance_returns,
    compliance_trend,
    last_complete_quarter,
)

scope = current_scope()
st.title("Victims' Code compliance")
st.caption(
    "The share of victims who received what a right of the Victims' Code promises: victims served ÷ victims "
    f"eligible, summed over the agencies chosen. Quarters up to {last_complete_quarter(scope.as_at)}, "
    f"the last to end by {day(scope.as_at)}."
)

choices = query(compliance_choices, scope)
with st.container(horizontal=True):
    agencies = pick_any("Agency", choices["agency"], key="agency")
    measures = pick_any("Measure", choices["measure"], key="measure")

latest = query(compliance_latest, scope, agencies, measures)
if latest.empty:
    if scope.documented_only and not (agencies or measures):
        st.info("The source documents record no compliance returns: every return on record is sample data.")
    else:
        st.info("No compliance returns match these filters by this date. Clear a filter or choose a later as-at date.")
    st.stop()

trend = query(compliance_trend, scope, agencies, measures)
st.header("Latest quarter")
latest_figures(latest, trend)

st.header("Trend")
trend_chart(trend)

st.header("Returns by agency")
show_records(
    written(query(compliance_returns, scope, agencies, measures), percents=("rate",)),
    {
        "quarter": "Quarter",
        "agency": "Agency",
        "measure": "Measure",
        "rate": "Rate",
        "numerator": "Victims served",
        "denominator": "Victims eligible",
        "right": "Right",
        "source": "Source",
    },
    empty="No returns match these filters.",
    key="returns_page",
    order="newest quarter first",
)

st.divider()
download_buttons(
    compliance_tables(query, scope, agencies, measures),
    f"compliance-as-at-{scope.as_at}",
)
