"""Recommendations (scene 4): which are overdue and who owns them, as a link that can be e-mailed.

Every filter lives in the URL, so "VCOP recommendations owned by the Met that are overdue" is an
address. Below the register: one recommendation's history, and the mix at each board meeting.
"""

import pandas as pd
import streamlit as st

from dashboard.briefing.page_tables import recommendation_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from dashboard.presentation.sample_marks import PROJECT_READING, SAMPLE_UPDATE, mark_read
from dashboard.widgets.headline_figures import count_figure, show_figures
from dashboard.widgets.record_tables import pick_on_show, show_readings_note, show_records
from dashboard.widgets.status_charts import status_mix_chart, status_steps_chart
from dashboard.widgets.url_filters import pick_any
from data_model.queries.filters import RecommendationFilter
from data_model.queries.recommendations import (
    progress_history,
    recommendation_register,
    register_choices,
    register_summary,
    status_counts,
    status_mix_at_boards,
)

scope = current_scope()
st.title("Recommendations")
st.caption(
    f"Status as at {day(scope.as_at)}: each recommendation's latest progress update on or before that day. "
    "Overdue: due before then and not Complete."
)

choices = query(register_choices, scope)
with st.container(horizontal=True, vertical_alignment="bottom"):
    filters = RecommendationFilter(
        source_review=pick_any("Source review", choices["source_review"], key="source_review"),
        owner_agency=pick_any("Owner", choices["owner_agency"], key="owner_agency"),
        oversight_board=pick_any("Oversight board", choices["oversight_board"], key="oversight_board"),
        status=pick_any("Status", choices["status"], key="status"),
        overdue_only=address_widgets.toggle("Overdue only", key="overdue"),
    )

summary = query(register_summary, scope, filters)
counted = "Counted in SQL over the recommendations these filters select; each row's source is in the table below."
show_figures(
    [
        count_figure(summary, label, name, counted, "recommendations or statuses")
        for label, name in (
            ("Recommendations", "recommendations"),
            ("Overdue", "overdue"),
            ("Red or Amber/Red", "red"),
            ("Complete", "complete"),
        )
    ]
)

register = query(recommendation_register, scope, filters)


def status_history(shown: pd.DataFrame) -> None:
    """One recommendation's updates, picked from the register's rows on show (not all 3,000 in the list)."""
    st.header("Status history")
    if shown.empty:
        st.info("Choose filters that match at least one recommendation to see its history.")
        return
    labels = dict(zip(shown["id"], shown["reference"] + ": " + shown["text"].str.slice(0, 80), strict=True))
    chosen = pick_on_show("Recommendation", labels, "recommendation", cut=len(shown) < len(register))
    history = query(progress_history, scope, chosen)
    if not history.empty:
        status_steps_chart(history)
    show_records(
        history,
        {
            "update_date": "Date",
            "status": "Status",
            "percent_complete": "Complete (%)",
            "narrative": "Update",
            "source": "Source",
        },
        empty=f"No progress update recorded for this recommendation by {day(scope.as_at)}: it is Not started.",
        key="updates_page",
        status="status",
    )


show_readings_note(register)  # above: the chosen recommendation's history follows the table
show_records(
    mark_read(register, "oversight_board"),
    {
        "reference": "Reference",
        "text": "Recommendation",
        "owner_agency": "Owner",
        "status": "Status",
        "status_illustrative": "Status from",
        "overdue": "Overdue",
        "due_date": "Due",
        "percent_complete": "Complete (%)",
        "last_update": "Last update",
        "source_review": "Source review",
        "oversight_board": "Oversight board",
        "decision_ref": "Decision",
        "source": "Source",
    }
    | PROJECT_READING,
    empty="No recommendation matches these filters. Clear one of them to see more.",
    key="recommendations_page",
    order="by source review",
    status="status",
    flags={"overdue": "Overdue", "status_illustrative": SAMPLE_UPDATE},
    config={
        "Reference": st.column_config.TextColumn(width=200),
        "Recommendation": st.column_config.TextColumn(width=420),
        "Complete (%)": st.column_config.ProgressColumn(format="%d%%", min_value=0, max_value=100, width=120),
    },
    below=status_history,
)

st.header("Status at each board")
st.caption("All recommendations, whatever the filters: the latest status on or before each board meeting, and now.")
mix = query(status_mix_at_boards, scope)
if mix.empty:
    st.info("No recommendations are recorded yet.")
else:
    sample = query(status_counts, scope)["illustrative"].sum()
    status_mix_chart(mix, "built from sample recommendations or progress updates" if sample else "")

st.divider()
download_buttons(recommendation_tables(query, scope, filters), f"recommendations-as-at-{scope.as_at}")
