"""Victim Voice Forums (scene 5): every cohort, then one forum's year: meetings, attendance, "you said, we did".

The chosen forum is in the URL (``?forum=Disabled victims``), so a partner can be sent straight to it.
Participant counts under 5 never reach this page as numbers, nor are they added into its total
(`forums.attendance_summary`).
"""

import streamlit as st

from dashboard.app_pages.forum_attendance import attendance_view, forum_figures, participants_chart
from dashboard.briefing.page_tables import forum_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from dashboard.presentation.sample_marks import PROJECT_READING, mark_read
from dashboard.widgets.record_tables import show_readings_note, show_records
from dashboard.widgets.summary_tables import written
from data_model.queries.forums import (
    attendance_summary,
    forum_insights,
    forum_meetings,
    forum_register,
    year_before,
)

scope = current_scope()
st.title("Victim Voice Forums")
st.caption(
    f"As at {day(scope.as_at)}. Meetings are those in the year from {day(year_before(scope.as_at))}; "
    "insights are those raised by the as-at date."
)

forums = query(forum_register, scope)
show_records(
    mark_read(written(forums, percents=("share_closed",)), "status"),
    {
        "cohort": "Cohort",
        "status": "Status",
        "meetings_last_year": "Meetings in the year",
        "open_insights": "Open insights",
        "closed_insights": "Closed insights",
        "share_closed": "Share closed",
        "facilitator": "Facilitator",
        "start_date": "Started",
        "contract_end_date": "Contract ends",
        "decision_ref": "Decision",
        "partner": "Partner",
        "source": "Source",
    }
    | PROJECT_READING,
    empty="No Victim Voice Forums are recorded yet.",
)
show_readings_note(forums)
if forums.empty:
    st.stop()

cohorts = dict(zip(forums["id"], forums["cohort"], strict=True))
chosen = address_widgets.selectbox("Forum", list(cohorts), format_func=cohorts.get, key="forum")
forum = forums.set_index("id").loc[chosen]
forum_figures(forum, query(attendance_summary, scope, chosen))

st.header("Meetings in the last year")
meetings = query(forum_meetings, scope, chosen)
if meetings.empty:
    documented = "documented " if scope.documented_only else ""
    st.info(f"No {documented}meetings of this forum are recorded in the year to {day(scope.as_at)}.")
else:
    participants_chart(meetings)
    show_records(
        attendance_view(meetings),
        {
            "meeting_date": "Date",
            "participants": "Participants",
            "mps_attendees": "Met officers",
            "mopac_attendees": "MOPAC staff",
            "themes": "Themes",
            "source": "Source",
        },
        empty="",
    )
    st.caption(
        "Participants: victims taking part. Fewer than 5 is shown as <5, never as a number, and never added "
        "into the total above."
    )

st.header("You said, we did")
show_records(
    query(forum_insights, scope, chosen),
    {
        "raised_date": "Raised",
        "status": "Status",
        "closed_date": "Closed",
        "owner": "Owner",
        "you_said": "You said",
        "we_did": "We did",
        "source": "Source",
    },
    empty=f"This forum had raised no insights by {day(scope.as_at)}.",
    key="insights_page",
    order="oldest first",
    config={"You said": st.column_config.TextColumn(width=420), "We did": st.column_config.TextColumn(width=420)},
)

st.divider()
download_buttons(
    forum_tables(query, scope, chosen),
    f"forum-{chosen}-as-at-{scope.as_at}",
)
