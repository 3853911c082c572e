"""Audit log: who changed the data, when, how (a command-line load, an upload, a quick edit) and how much.

Open to every role: it is the provenance of every figure on screen ("when was this last
updated, and by whom?"), and on a server without sign-in it is the only view of the changes.
"""

import pandas as pd
import streamlit as st

from dashboard.plumbing.cached_queries import query
from dashboard.widgets.record_tables import pick_on_show, show_records
from dashboard.widgets.url_filters import pick_any
from data_model.queries.audit import audit_choices, audit_log, audit_summary, rows_after
from data_model.settings import LONDON

ACTIONS = {"load": "Load (command line)", "upload": "Upload (in the app)", "edit": "Quick edit (in the app)"}
COLUMNS = {  # the long "files or record" last, so the counts stay in view
    "version": "Change",
    "loaded_at": "When",
    "actor": "Who",
    "action": "What",
    "rows_added": "Added",
    "rows_changed": "Changed",
    "rows_removed": "Removed",
    "detail": "Files or record",
}

st.title("Audit log")
st.caption(
    "Every change to the data, newest first. Its number is the data version: every screen shows "
    "the data as of the newest change. Times are London time."
)

choices = query(audit_choices)
with st.container(horizontal=True):
    actors = pick_any("Who", choices["actors"], key="who")
    actions = pick_any("What", choices["actions"], key="what")

summary = query(audit_summary, actors, actions)
counted = "Counted in SQL over the changes the filters select (data_load table)."
with st.container(horizontal=True):
    st.metric("Changes", f"{summary['changes']:,}", border=True, help=counted)
    st.metric("Rows added, changed or removed", f"{summary['rows_touched']:,}", border=True, help=counted)
    st.metric(
        "Latest change",
        f"{summary['last_at']:%-d %b %Y, %H:%M}" if summary["last_at"] is not None else "–",
        border=True,
        help="When the newest change the filters select was made (London time).",
    )

log = query(audit_log, actors, actions)


def rows_after_change(shown: pd.DataFrame) -> None:
    """The row counts one change left, picked from the changes on show (the log grows with every edit)."""
    if shown.empty:
        return
    st.subheader("Rows in each table after a change")
    labels = {
        version: f"{version}: {action}, {when:%-d %b %Y, %H:%M}"
        for version, action, when in zip(shown["version"], shown["action"], shown["loaded_at"], strict=True)
    }
    version = pick_on_show("Change", labels, "change", cut=len(shown) < len(log))
    counts = query(rows_after, version)
    if counts.empty:
        st.info("This change did not record its row counts.")
    else:
        st.table(counts.rename(columns={"table": "Table", "rows": "Rows"}), hide_index=True)


show_records(
    log.assign(action=log["action"].map(lambda action: ACTIONS.get(action, action))),
    COLUMNS,
    empty="No change matches these filters. Clear one of them to see more.",
    key="log_page",
    order="newest first",
    config={"When": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm", timezone=LONDON)},
    below=rows_after_change,
)
