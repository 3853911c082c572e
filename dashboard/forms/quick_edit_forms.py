"""Quick edits in forms: a new progress update on a recommendation, or a forum insight's outcome.

A record is "opened" the first time the analyst picks it in this session: the form keeps that
snapshot (`data_model.writes.edits.Snapshot`) and shows it, and a save goes through only if nobody
changed the record since. Reload re-opens it. Record text is shown in tables, never as markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.plumbing.cached_queries import get_engine, query, refresh
from dashboard.presentation.formatting import day
from dashboard.widgets.summary_tables import show_table
from data_model.rules.values import EARLIEST_DATE
from data_model.tables import INSIGHT_STATUSES, STATUS_SCALE
from data_model.writes.edits import (
    EditConflict,
    EditInvalid,
    Saved,
    Snapshot,
    add_progress_update,
    insight_choices,
    open_insight,
    open_recommendation,
    recommendation_choices,
    update_insight,
)
from data_model.writes.roles import Actor, NotAllowed

FLASH = "quick_edit_saved"
DATE_FORMAT = "DD/MM/YYYY"
LABELS = {
    "update_date": "Date of the update",
    "status": "Status",
    "percent_complete": "Complete (%)",
    "narrative": "What has happened",
    "source": "Source",
    "we_did": "We did",
    "closed_date": "Closed on",
    "assessed_on": "Reassessed on",
    "likelihood": "Likelihood",
    "impact": "Impact",
    "note": "Why",
    "changed_on": "Changed on",
    "forecast_date": "New forecast",
    "actual_date": "Achieved on",
    "latest_update": "Latest update",
    "meeting_date": "Meeting date",
    "title": "Title",
}
"""The form's label for each field a problem may name."""


def progress_update_form(actor: Actor) -> None:
    """Pick a recommendation, see its latest update as opened, add a new one."""
    choices = query(recommendation_choices)
    if choices.empty:
        st.info("No recommendations are recorded yet.")
        return
    labels = dict(zip(choices["id"], choices["reference"] + ": " + choices["text"].str.slice(0, 90), strict=True))
    chosen = st.selectbox("Recommendation", list(labels), format_func=labels.get, key="edit_recommendation")
    opened = opened_record(open_recommendation, chosen)
    show_flash(chosen)
    _show_latest_update(opened.values)
    reload_button(opened)
    sample = bool(choices.set_index("id").at[chosen, "illustrative"])  # a new update is, as the recommendation is
    entered = _progress_update_fields(chosen, opened.values, sample)
    if entered is not None:
        save_edit(opened, lambda: add_progress_update(get_engine(), opened, **entered, actor=actor))


def _show_latest_update(latest: dict[str, Any]) -> None:
    if latest["latest_id"] is None:
        st.info("No progress update recorded yet: it is Not started.")
        return
    show_record(
        {
            "Latest update": day(latest["update_date"]),
            "Status": latest["status"],
            "Complete": f"{latest['percent_complete']}%",
            "Update": latest["narrative"],
            "Source": latest["source"],
            "Illustrative": "Illustrative" if latest["illustrative"] else "No",
            "Updates recorded": str(latest["updates"]),
        }
    )


def _progress_update_fields(chosen: str, latest: dict[str, Any], sample: bool) -> dict[str, Any] | None:
    """The new update's form, starting from the latest; what was entered once submitted (None before)."""
    with st.form(f"progress_{chosen}"):
        with st.container(horizontal=True):
            update_date = st.date_input(
                "Date of the update",
                value=date.today(),
                min_value=EARLIEST_DATE,
                max_value=date.today(),
                format=DATE_FORMAT,
                key=field_key("pu_date", chosen),
            )
            status = st.selectbox(
                "Status",
                STATUS_SCALE,
                index=STATUS_SCALE.index(latest["status"] or "Amber"),
                key=field_key("pu_status", chosen),
                help="Delivery confidence, best first.",
            )
            percent = st.number_input(
                "Complete (%)",
                min_value=0,
                max_value=100,
                step=5,
                value=latest["percent_complete"] or 0,
                key=field_key("pu_percent", chosen),
            )
        narrative = st.text_area("What has happened", key=field_key("pu_narrative", chosen))
        source = st.text_input(
            "Source",
            key=field_key("pu_source", chosen),
            placeholder="e.g. MPS highlight report, November 2026",
            help="Where this update comes from; shown beside it on every screen.",
        )
        illustrative = st.checkbox("Illustrative sample data", value=sample, key=field_key("pu_illustrative", chosen))
        submitted = st.form_submit_button("Save progress update", type="primary")
    if not submitted:
        return None
    return {
        "update_date": update_date,
        "status": status,
        "percent_complete": percent,
        "narrative": narrative,
        "source": source,
        "illustrative": illustrative,
    }


def insight_form(actor: Actor) -> None:
    """Pick a forum's insight ("you said"), see it as opened, record what was done and its status."""
    choices = query(insight_choices)
    if choices.empty:
        st.info("No forum insights are recorded yet.")
        return
    chosen = _pick_insight(choices)
    opened = opened_record(open_insight, chosen)
    show_flash(chosen)
    _show_insight(opened.values)
    reload_button(opened)
    entered = _insight_fields(chosen, opened.values)
    if entered is not None:
        save_edit(opened, lambda: update_insight(get_engine(), opened, **entered, actor=actor))


def _pick_insight(choices: pd.DataFrame) -> str:
    """The forum, then one of its insights: the insight's id."""
    cohorts = list(dict.fromkeys(choices["cohort"]))
    with st.container(horizontal=True):
        cohort = st.selectbox("Forum", cohorts, key="edit_forum")
        mine = choices[choices["cohort"] == cohort]
        labels = dict(
            zip(
                mine["id"],
                [
                    f"{raised:%-d %b %Y}: {said[:80]} ({status})"
                    for raised, said, status in zip(mine["raised_date"], mine["you_said"], mine["status"], strict=True)
                ],
                strict=True,
            )
        )
        return st.selectbox("Insight", list(labels), format_func=labels.get, key="edit_insight")


def _show_insight(current: dict[str, Any]) -> None:
    show_record(
        {
            "Raised": day(current["raised_date"]),
            "You said": current["you_said"],
            "Owner": current["owner"],
            "We did": current["we_did"],
            "Status": current["status"],
            "Closed": day(current["closed_date"]),
            "Source": current["source"],
            "Illustrative": "Illustrative" if current["illustrative"] else "No",
        }
    )


def _insight_fields(chosen: str, current: dict[str, Any]) -> dict[str, Any] | None:
    """The insight's form, starting from what it holds; what was entered once submitted (None before)."""
    with st.form(f"insight_{chosen}"):
        with st.container(horizontal=True):
            status = st.selectbox(
                "Status",
                INSIGHT_STATUSES,
                index=INSIGHT_STATUSES.index(current["status"]),
                key=field_key("in_status", chosen),
            )
            closed_date = st.date_input(
                "Closed on",
                value=current["closed_date"],
                min_value=EARLIEST_DATE,
                max_value=date.today(),
                format=DATE_FORMAT,
                key=field_key("in_closed", chosen),
                help="Only for a Closed insight.",
            )
        we_did = st.text_area("We did", value=current["we_did"], key=field_key("in_we_did", chosen))
        submitted = st.form_submit_button("Save insight", type="primary")
    if not submitted:
        return None
    return {"status": status, "we_did": we_did, "closed_date": closed_date}


def _generation(record_id: str) -> str:
    return f"form_generation:{record_id}"


def field_key(name: str, record_id: str) -> str:
    """A form field's key; each save starts a new generation of keys, so the next form starts empty."""
    return f"{name}_{record_id}_{st.session_state.get(_generation(record_id), 0)}"


def _key(record_id: str) -> str:
    return f"opened:{record_id}"


def opened_record(opener: Callable[..., Snapshot], record_id: str) -> Snapshot:
    """The record as first opened in this session (read fresh from the database the first time)."""
    key = _key(record_id)
    if key not in st.session_state:
        st.session_state[key] = opener(get_engine(), record_id)
    return st.session_state[key]


def _forget(record_id: str) -> None:
    st.session_state.pop(_key(record_id), None)


def reload_button(opened: Snapshot, label: str = "Reload", key: str | None = None) -> None:
    """Re-open the record; what the analyst typed in the form stays."""
    st.button(
        label,
        icon=":material/refresh:",
        type="tertiary",
        key=key or f"reload_{opened.record_id}",
        on_click=_forget,
        args=(opened.record_id,),
        help="Show the record as it is now (discarding what the form remembers from when you opened it).",
    )


def save_edit(opened: Snapshot, save: Callable[[], Saved]) -> None:
    """Run the save; on success re-open the record and start an empty form, else say why not."""
    try:
        saved = _said_if_refused(save)
    except EditConflict as conflict:
        st.error("Not saved: someone else changed this record after you opened it. Nothing was overwritten.")
        st.text(str(conflict))
        reload_button(opened, "Reload to see their change", key=f"reload_after_conflict_{opened.record_id}")
        return
    if saved is not None:
        _forget(opened.record_id)
        _start_afresh(opened.record_id, saved)


def save_new(form_id: str, save: Callable[[], Saved]) -> None:
    """Run the save of a record opened from nothing (a new meeting): on success an empty form under
    `form_id` and a note of the change, else why not."""
    saved = _said_if_refused(save)
    if saved is not None:
        _start_afresh(form_id, saved)


def _said_if_refused(save: Callable[[], Saved]) -> Saved | None:
    """What `save` saved; or None, having said why the rulebook or the analyst's role refused it."""
    try:
        return save()
    except EditInvalid as invalid:
        st.error("Not saved: please correct the following.")
        problems = [(LABELS.get(name, name), message) for name, message in invalid.problems]
        st.dataframe(pd.DataFrame(problems, columns=["Field", "Problem"]), hide_index=True, width="stretch")
    except NotAllowed as refusal:
        st.error(str(refusal))
    return None


def _start_afresh(record_id: str, saved: Saved) -> None:
    """Every screen reads the new data; the form under `record_id` starts empty and says it was saved."""
    refresh()
    generation = _generation(record_id)
    st.session_state[generation] = st.session_state.get(generation, 0) + 1
    st.session_state[FLASH] = (record_id, saved)
    st.rerun()


def show_flash(record_id: str) -> None:
    flash = st.session_state.get(FLASH)
    if flash and flash[0] == record_id:
        del st.session_state[FLASH]
        st.success(f"Saved: change {flash[1].data_version} in the audit log. Every screen now shows it.")


def show_record(fields: dict[str, str]) -> None:
    """One record as the analyst opened it, a field per line (its text stays inside the table)."""
    st.caption("As it stood when you opened it. Reload to see any change made since.")
    show_table(pd.DataFrame({"Field": list(fields), "Value": list(fields.values())}).style)
