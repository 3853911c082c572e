"""Quick edits to the registers in forms: reassess a risk, move a milestone or record its actual date,
update an action. They open, show, save and refuse exactly as the other quick edits (`quick_edits`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.forms.quick_edit_forms import (
    DATE_FORMAT,
    field_key,
    opened_record,
    reload_button,
    save_edit,
    show_flash,
    show_record,
)
from dashboard.plumbing.cached_queries import get_engine, query
from dashboard.presentation.formatting import day
from data_model.rules.values import EARLIEST_DATE
from data_model.tables import ACTION_STATUSES
from data_model.writes.edits import Snapshot
from data_model.writes.register_edits import (
    move_forecast,
    open_record,
    reassess_risk,
    record_actual,
    record_choices,
    update_action,
)
from data_model.writes.roles import Actor

SCORES = [1, 2, 3, 4, 5]


def _pick(kind: str, label: str) -> Snapshot | None:
    """Choose a record of `kind` and open it (once per session, until saved or reloaded)."""
    choices = query(record_choices, kind)
    if choices.empty:
        st.info(f"No {kind} is recorded yet.")
        return None
    labels = dict(zip(choices["id"], choices["label"].str.slice(0, 110), strict=True))
    chosen = st.selectbox(label, list(labels), format_func=labels.get, key=f"edit_{kind.replace(' ', '_')}")
    opened = opened_record(lambda engine, record_id: open_record(engine, kind, record_id), chosen)
    show_flash(chosen)
    return opened


def reassess_form(actor: Actor) -> None:
    opened = _pick("risk", "Risk or issue")
    if opened is None:
        return
    risk, chosen = opened.values, opened.record_id
    show_record(
        {
            "Title": risk["title"],
            "Owner": risk["owner"],
            "Raised": day(risk["raised_date"]),
            "Target score": str(risk["target_score"]),
            "Status": risk["status"],
            "Reassessments recorded": str(risk["reassessments"]),
        }
    )
    reload_button(opened)
    with st.form(f"reassess_{chosen}"):
        with st.container(horizontal=True):
            assessed_on = st.date_input(
                "Reassessed on",
                value=date.today(),
                min_value=EARLIEST_DATE,
                max_value=date.today(),
                format=DATE_FORMAT,
                key=field_key("ra_date", chosen),
            )
            likelihood = st.selectbox("Likelihood (1 to 5)", SCORES, index=2, key=field_key("ra_likelihood", chosen))
            impact = st.selectbox("Impact (1 to 5)", SCORES, index=2, key=field_key("ra_impact", chosen))
        note = st.text_area("Why (what changed)", key=field_key("ra_note", chosen))
        source = st.text_input("Source", key=field_key("ra_source", chosen), placeholder="e.g. Board minutes, Nov 2026")
        submitted = st.form_submit_button("Save reassessment", type="primary")
    if submitted:
        save_edit(
            opened,
            lambda: reassess_risk(
                get_engine(),
                opened,
                assessed_on=assessed_on,
                likelihood=likelihood,
                impact=impact,
                note=note,
                source=source,
                actor=actor,
            ),
        )


def milestone_form(actor: Actor) -> None:
    opened = _pick("milestone", "Milestone")
    if opened is None:
        return
    milestone, chosen = opened.values, opened.record_id
    show_record(
        {
            "Title": milestone["title"],
            "Baseline": day(milestone["baseline_date"]),
            "Baselined on": day(milestone["baselined_on"]),
            "Actual": day(milestone["actual_date"]),
            "Status": milestone["status"],
            "Forecast changes recorded": str(milestone["forecast_changes"]),
        }
    )
    reload_button(opened)
    move, achieved = st.columns(2, gap="large")
    with move, st.form(f"forecast_{chosen}"):
        st.markdown("**Move the forecast**")
        changed_on = st.date_input(
            "Changed on",
            value=date.today(),
            min_value=EARLIEST_DATE,
            max_value=date.today(),
            format=DATE_FORMAT,
            key=field_key("mf_changed", chosen),
        )
        forecast = st.date_input("New forecast", value=None, format=DATE_FORMAT, key=field_key("mf_forecast", chosen))
        note = st.text_input("Why", key=field_key("mf_note", chosen))
        source = st.text_input("Source", key=field_key("mf_source", chosen))
        move_it = st.form_submit_button("Save forecast", type="primary")
    with achieved, st.form(f"actual_{chosen}"):
        st.markdown("**Record the actual date**")
        actual = st.date_input(
            "Achieved on",
            value=date.today(),
            min_value=EARLIEST_DATE,
            max_value=date.today(),
            format=DATE_FORMAT,
            key=field_key("ms_actual", chosen),
        )
        record_it = st.form_submit_button("Save actual date", type="primary")
    if move_it:
        save_edit(
            opened,
            lambda: move_forecast(
                get_engine(),
                opened,
                changed_on=changed_on,
                forecast_date=forecast,
                note=note,
                source=source,
                actor=actor,
            ),
        )
    if record_it:
        save_edit(opened, lambda: record_actual(get_engine(), opened, actual_date=actual, actor=actor))


def action_form(actor: Actor) -> None:
    opened = _pick("board action", "Action")
    if opened is None:
        return
    action, chosen = opened.values, opened.record_id
    show_record(
        {
            "Action": action["action"],
            "Owner": action["owner"],
            "Due": day(action["due_date"]),
            "Status": action["status"],
            "Closed": day(action["closed_date"]),
            "Latest update": action["latest_update"],
        }
    )
    reload_button(opened)
    with st.form(f"action_{chosen}"):
        with st.container(horizontal=True):
            status = st.selectbox(
                "Status",
                ACTION_STATUSES,
                index=ACTION_STATUSES.index(action["status"]),
                key=field_key("ba_status", chosen),
            )
            closed_date = st.date_input(
                "Closed on",
                value=action["closed_date"],
                min_value=EARLIEST_DATE,
                max_value=date.today(),
                format=DATE_FORMAT,
                key=field_key("ba_closed", chosen),
                help="Only for a Done or Dropped action.",
            )
        latest = st.text_area("Latest update", value=action["latest_update"], key=field_key("ba_update", chosen))
        submitted = st.form_submit_button("Save action", type="primary")
    if submitted:
        save_edit(
            opened,
            lambda: update_action(
                get_engine(), opened, status=status, closed_date=closed_date, latest_update=latest, actor=actor
            ),
        )
