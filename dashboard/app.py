"""Entry point: page setup, the scope controls every page shares and navigation between the board's views."""

import streamlit as st

from dashboard.download_menu import briefing_pack_button
from dashboard.plumbing.address_widgets import notices_here
from dashboard.plumbing.cached_queries import current_version
from dashboard.plumbing.database_fault import current_problem, show_database_problem
from dashboard.plumbing.markup_fixes import mend_framework_markup
from dashboard.plumbing.scope_controls import render_scope_controls
from dashboard.plumbing.sign_in import current_actor, render_account
from data_model.faults import DATABASE_ERRORS
from data_model.writes.roles import Role

st.set_page_config(
    page_title="Victim Care Programme Board",
    page_icon="🤝",  # an emoji is drawn by the browser; a :material: page icon is fetched from fonts.gstatic.com
    layout="wide",
)

PAGES = {
    "The board": [
        st.Page("app_pages/overview.py", title="Board overview", icon=":material/dashboard:", default=True),
        st.Page("app_pages/changes.py", title="Changes since last board", icon=":material/difference:"),
        st.Page("app_pages/meeting.py", title="Board meeting", icon=":material/groups:"),
        st.Page("app_pages/risks.py", title="Risks and issues", icon=":material/warning:"),
        st.Page("app_pages/milestones.py", title="Milestones", icon=":material/flag:"),
    ],
    "Detail": [
        st.Page("app_pages/spend.py", title="Spend", icon=":material/payments:"),
        st.Page("app_pages/recommendations.py", title="Recommendations", icon=":material/checklist:"),
        st.Page("app_pages/forums.py", title="Victim Voice Forums", icon=":material/forum:"),
        st.Page("app_pages/compliance.py", title="Victims' Code compliance", icon=":material/verified:"),
        st.Page("app_pages/decisions.py", title="Decisions", icon=":material/gavel:"),
    ],
    "Data": [st.Page("app_pages/audit_log.py", title="Audit log", icon=":material/history:")],
}
actor = current_actor()
if actor.may(Role.ANALYST):  # who sees the page; the write path checks the role again
    PAGES["Data"].insert(0, st.Page("app_pages/update_data.py", title="Update data", icon=":material/upload_file:"))

navigation = st.navigation(PAGES)
mend_framework_markup()
render_account(actor)
try:
    current_version()  # the run's first database touch
except DATABASE_ERRORS as error:  # missing, locked, unreachable, empty: say what to do, not a traceback
    show_database_problem(error)
    st.stop()
notices_here()
try:
    scope = render_scope_controls()
    with st.sidebar:
        briefing_pack_button(scope)
    navigation.run()
except DATABASE_ERRORS:  # the database went away during this run, or a page has a fault of its own
    problem = current_problem()
    if problem is None:
        raise
    show_database_problem(problem)
