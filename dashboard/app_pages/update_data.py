"""Update data (analysts and admins): upload changed CSV files and apply them in one go, or make a quick edit.

Every change is checked first (the same rules as `python -m seed load`), applied in one
transaction and recorded in the audit log; every app server shows it on its next page view.
"""

import streamlit as st

from dashboard.forms.meeting_forms import meeting_record_task
from dashboard.forms.quick_edit_forms import insight_form, progress_update_form
from dashboard.forms.register_edit_forms import action_form, milestone_form, reassess_form
from dashboard.forms.upload_files import download_current_data, upload_and_apply
from dashboard.plumbing import address_widgets
from dashboard.plumbing.sign_in import require
from data_model.writes.roles import Role

actor = require(Role.ANALYST)

st.title("Update data")
st.caption(
    "Changes are checked before anything is saved, saved all together or not at all, and recorded "
    "in the audit log under your e-mail address."
)


def upload_files(actor) -> None:
    st.subheader("1. Start from the current data")
    download_current_data()
    st.subheader("2. Upload the files you changed")
    upload_and_apply(actor)


TASKS = {
    "Upload files": upload_files,
    "Add a progress update": progress_update_form,
    "Update a forum insight": insight_form,
    "Reassess a risk": reassess_form,
    "Move a milestone": milestone_form,
    "Update an action": action_form,
    "Add to a meeting's record": meeting_record_task,
}
# Only the open tab is built (and sent): each form lists thousands of recommendations, risks or actions.
for tab, task in zip(address_widgets.tabs(list(TASKS), key="task"), TASKS.values(), strict=True):
    with tab:
        if tab.open:
            task(actor)
