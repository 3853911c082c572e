"""Milestones (scene 6): baseline, forecast and actual dates for each decision and forum, slipped ones first.

Every filter lives in the URL. Slippage is the actual date (or, until then, the forecast) minus
the baseline; a milestone's forecast is its latest change on or before the as-at date.
"""

import pandas as pd
import streamlit as st

from dashboard.briefing.page_tables import milestone_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from dashboard.presentation.palette import SCHEDULE_COLOURS, label_fills
from dashboard.presentation.sample_marks import sample_rows_note
from dashboard.widgets.headline_figures import Figure, count_figure, show_figures
from dashboard.widgets.record_tables import pick_on_show, show_records
from dashboard.widgets.register_charts import milestone_timeline
from dashboard.widgets.url_filters import pick_any
from data_model.queries.filters import MilestoneFilter
from data_model.queries.milestones import (
    SLIPPAGE_FOR_DECISION,
    forecast_history,
    forecast_moves,
    milestone_choices,
    milestone_register,
    milestone_summary,
)

scope = current_scope()
st.title("Milestones")
st.caption(
    f"As at {day(scope.as_at)}: each milestone's baseline (as approved), its latest forecast and its actual date. "
    "Slippage = actual (or forecast) minus baseline, in days; positive is late."
)

choices = query(milestone_choices, scope)
with st.container(horizontal=True, vertical_alignment="bottom"):
    filters = MilestoneFilter(
        decision_ref=pick_any("Decision", choices["decision_ref"], key="decision"),
        forum_id=pick_any("Forum", choices["forum_id"], key="forum"),
        status=pick_any("Status", choices["status"], key="status"),
        slipped_only=address_widgets.toggle("Slipped only", key="slipped"),
    )

register = query(milestone_register, scope, filters)
moves = query(forecast_moves, scope)
summary = query(milestone_summary, scope, filters)
counted = "Counted over the milestones these filters select (milestone.csv, milestone_forecast.csv)."
moved = moves[moves["change"] == "Forecast moved"]
show_figures(
    [
        count_figure(summary, "Milestones", "milestones", counted, "milestones"),
        count_figure(summary, "Slipped, not yet achieved", "slipped", counted, "milestones"),
        count_figure(
            summary,
            f"Slipped more than {SLIPPAGE_FOR_DECISION} days",
            "late",
            counted + " These go to the board's 'Needs a decision'.",
            "milestones",
        ),
        Figure(
            "Moved since the board",
            str(len(moved)),
            f"Forecast changes made after {scope.since_label}, whatever the filters (milestone_forecast.csv).",
            sample_rows_note(int(moved["illustrative"].sum()), len(moved), "forecast changes"),
        ),
    ]
)

st.header("Timeline")
if register.empty:
    st.info("No milestone matches these filters. Clear one of them to see more.")
else:
    milestone_timeline(register)

st.header("Register")


def milestone_history(shown: pd.DataFrame) -> None:
    """One milestone's forecast changes, picked from the register's rows on show (not all 2,000 in the list)."""
    if shown.empty:
        return
    st.header("Forecast history")
    titles = dict(zip(shown["id"], shown["title"], strict=True))
    chosen = pick_on_show("Milestone", titles, "milestone", cut=len(shown) < len(register))
    show_records(
        query(forecast_history, scope, chosen),
        {"changed_on": "Changed on", "forecast_date": "Forecast", "note": "Why", "source": "Source"},
        empty="Its forecast has not moved from the baseline.",
        key="forecasts_page",
    )


show_records(
    register,
    {
        "title": "Milestone",
        "schedule": "Schedule",
        "decision_ref": "Decision",
        "cohort": "Forum",
        "baseline_date": "Baseline",
        "forecast_date": "Forecast",
        "actual_date": "Actual",
        "slippage_days": "Slippage (days)",
        "moves": "Forecast changes",
        "last_moved": "Last moved",
        "status": "Status",
        "source": "Source",
    },
    empty="No milestone matches these filters. Clear one of them to see more.",
    key="milestones_page",
    order="slipped ones first, most days late first",
    labels={"schedule": label_fills(SCHEDULE_COLOURS)},
    config={"Milestone": st.column_config.TextColumn(width=340)},
    below=milestone_history,
)

st.header("Moves since the board")
show_records(
    moves,
    {
        "on_date": "Date",
        "title": "Milestone",
        "change": "Change",
        "from_date": "From",
        "to_date": "To",
        "days": "Days",
        "source": "Source",
    },
    empty=f"No forecast moved and no milestone was achieved since {scope.since_label}.",
    key="moves_page",
    order="oldest first",
)

st.divider()
download_buttons(milestone_tables(query, scope, filters), f"milestones-as-at-{scope.as_at}")
