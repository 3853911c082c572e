"""Update data (analysts and admins): upload changed CSV files and apply them in one go, or make a quick edit.

Every change is checked first (the same rules as `python -m seed load`), applied in one
transaction and recorded in the audit log; every app server shows it on its next page view.
"""

import streamlit as st

from dashboard.components.auth import require
from dashboard.components.quick_edits import insight_form, progress_update_form
from dashboard.components.register_forms import action_form, milestone_form, reassess_form
from dashboard.components.upload import download_current_data, upload_and_apply
from data_model.writes.roles import Role

actor = require(Role.ANALYST)

st.title("Update data")
st.caption(
    "Changes are checked before anything is saved, saved all together or not at all, and recorded "
    "in the audit log under your e-mail address."
)

files, progress, insight, risk, milestone, action = st.tabs(
    [
        "Upload files",
        "Add a progress update",
        "Update a forum insight",
        "Reassess a risk",
        "Move a milestone",
        "Update an action",
    ]
)
with files:
    st.subheader("1. Start from the current data")
    download_current_data()
    st.subheader("2. Upload the files you changed")
    upload_and_apply(actor)
with progress:
    progress_update_form(actor)
with insight:
    insight_form(actor)
with risk:
    reassess_form(actor)
with milestone:
    milestone_form(actor)
with action:
    action_form(actor)
