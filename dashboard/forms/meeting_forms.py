"""Recording the meeting as it goes (the secretary, a signed-in analyst): attendance, a decision of the board
against the agenda item on screen, a new action and a new risk or issue; under the risks and milestones
items, a risk's reassessment and a milestone's new forecast.

Each form adds one row through the write path (`data_model.writes.meeting_records`), checked by the
rulebook and refused in its words; they open, save and refuse as the quick edits do (`quick_edit_forms`).
The Meeting page shows them under the item; the Update data page under "Add to a meeting's record".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard.forms.quick_edit_forms import DATE_FORMAT, field_key, opened_record, save_edit, save_new, show_flash
from dashboard.forms.register_edit_forms import milestone_form, reassess_form
from dashboard.plumbing.cached_queries import get_engine, query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation.formatting import day
from data_model.queries.meeting import board_meetings, meeting_agenda
from data_model.scope import Scope
from data_model.tables import ATTENDANCE_KINDS, DECISION_OUTCOMES, RISK_KINDS, RISK_RESPONSES
from data_model.writes.edits import Snapshot
from data_model.writes.meeting_records import (
    add_meeting,
    decision_subjects,
    open_meeting,
    record_action,
    record_attendance,
    record_decision,
    record_risk,
)
from data_model.writes.roles import Actor

SCORES = [1, 2, 3, 4, 5]


def record_as_it_goes(actor: Actor, meeting_id: str, item: pd.Series, *, locked: bool) -> None:
    """The secretary's forms for `meeting_id`, a decision going against agenda `item`; with `locked`
    (minutes confirmed) only what may still change: new actions and risks."""
    opened = opened_record(open_meeting, meeting_id)
    show_flash(meeting_id)
    st.subheader("Record the meeting")
    if locked:
        st.caption("The minutes are confirmed: attendance and decisions are locked; actions and risks may be added.")
    else:
        left, right = st.columns(2, gap="large")
        with left:
            attendance_form(actor, opened)
        with right:
            decision_form(actor, opened, item)
    left, right = st.columns(2, gap="large")
    with left:
        action_form(actor, opened)
    with right:
        risk_form(actor, opened)


ON_THE_ITEM = {"risks": ("Reassess a risk", reassess_form), "milestones": ("Move a milestone", milestone_form)}
"""The updates an agenda item's own records take, offered under it: the board reassesses a risk while it
discusses the risks, moves a milestone's forecast while it discusses the milestones."""


def update_on_the_item(actor: Actor, shows: str) -> None:
    """Under an item showing risks or milestones, the form that updates one (as on Update data)."""
    if shows in ON_THE_ITEM:
        title, form = ON_THE_ITEM[shows]
        st.subheader(title)
        form(actor)


def _source(opened: Snapshot, name: str) -> str:
    return st.text_input("Source", value=f"Minutes of {opened.record_id}", key=field_key(name, opened.record_id))


def attendance_form(actor: Actor, opened: Snapshot) -> None:
    meeting_id = opened.record_id
    with st.form(f"attendance_{meeting_id}"):
        st.markdown("**Attendance**")
        name = st.text_input("Name", key=field_key("at_name", meeting_id))
        organisation = st.text_input("Organisation", key=field_key("at_org", meeting_id))
        attendance = st.selectbox("Attendance", ATTENDANCE_KINDS, key=field_key("at_kind", meeting_id))
        source = _source(opened, "at_source")
        submitted = st.form_submit_button("Save attendance", type="primary")
    if submitted:
        save_edit(
            opened,
            lambda: record_attendance(
                get_engine(),
                opened,
                name=name,
                organisation=organisation,
                attendance=attendance,
                source=source,
                actor=actor,
            ),
        )


def decision_form(actor: Actor, opened: Snapshot, item: pd.Series) -> None:
    meeting_id = opened.record_id
    with st.form(f"decision_{meeting_id}"):
        st.markdown(f"**A decision on item {item['number']}**")
        summary = st.text_area("What the board decided", key=field_key("bd_summary", meeting_id), height=80)
        outcome = st.selectbox("Outcome", DECISION_OUTCOMES, key=field_key("bd_outcome", meeting_id))
        concerns = _concerns(meeting_id)
        source = _source(opened, "bd_source")
        submitted = st.form_submit_button("Save decision", type="primary")
    if submitted:
        save_edit(
            opened,
            lambda: record_decision(
                get_engine(),
                opened,
                agenda_item_id=item["id"],
                summary=summary,
                outcome=outcome,
                source=source,
                actor=actor,
                concerns=concerns,
            ),
        )


def _concerns(meeting_id: str) -> dict[str, str] | None:
    """The record the decision is about, if any: a decision, risk, recommendation, milestone or forum."""
    subjects = query(decision_subjects)
    labels = dict(zip(zip(subjects["field"], subjects["record_id"], strict=True), subjects["label"], strict=True))
    chosen = st.selectbox(
        "It concerns",
        [None, *labels],
        format_func=lambda subject: "No one record" if subject is None else labels[subject][:110],
        key=field_key("bd_concerns", meeting_id),
        help="The record the board's decision is about, named in the minutes and on Changes.",
    )
    return None if chosen is None else {chosen[0]: chosen[1]}


def action_form(actor: Actor, opened: Snapshot) -> None:
    meeting_id = opened.record_id
    with st.form(f"new_action_{meeting_id}"):
        st.markdown("**A new action**")
        action = st.text_input("Action", key=field_key("na_action", meeting_id))
        owner = st.text_input("Owner", key=field_key("na_owner", meeting_id))
        due = st.date_input(
            "Due on",
            value=opened.values["meeting_date"] + timedelta(days=28),
            format=DATE_FORMAT,
            key=field_key("na_due", meeting_id),
        )
        source = _source(opened, "na_source")
        submitted = st.form_submit_button("Save new action", type="primary")
    if submitted:
        save_edit(
            opened,
            lambda: record_action(
                get_engine(), opened, action=action, owner=owner, due_date=due, source=source, actor=actor
            ),
        )


def risk_form(actor: Actor, opened: Snapshot) -> None:
    meeting_id = opened.record_id
    with st.form(f"new_risk_{meeting_id}"):
        st.markdown("**A new risk or issue**")
        with st.container(horizontal=True):
            kind = st.selectbox("Kind", RISK_KINDS, key=field_key("nr_kind", meeting_id))
            response = st.selectbox("Response", RISK_RESPONSES, key=field_key("nr_response", meeting_id))
        title = st.text_input("Title", key=field_key("nr_title", meeting_id))
        owner = st.text_input("Owner", key=field_key("nr_owner", meeting_id))
        with st.container(horizontal=True):
            likelihood = st.selectbox("Likelihood", SCORES, index=2, key=field_key("nr_likelihood", meeting_id))
            impact = st.selectbox("Impact", SCORES, index=2, key=field_key("nr_impact", meeting_id))
            target = st.number_input("Target score", 1, 25, 6, key=field_key("nr_target", meeting_id))
        source = _source(opened, "nr_source")
        submitted = st.form_submit_button("Save new risk", type="primary")
    if submitted:
        values = {
            "kind": kind,
            "title": title,
            "owner": owner,
            "likelihood": likelihood,
            "impact": impact,
            "response": response,
            "target_score": int(target),
            "raised_date": min(opened.values["meeting_date"], date.today()),
            "source": source,
        }
        save_edit(opened, lambda: record_risk(get_engine(), opened, values=values, actor=actor))


NEW_MEETING = "new_meeting"


def new_meeting_form(actor: Actor) -> None:
    """A board meeting to come, given the standard agenda; its id is its month (``BOARD-2026-12``)."""
    show_flash(NEW_MEETING)
    with st.form(NEW_MEETING), st.container(horizontal=True, vertical_alignment="bottom"):
        meeting_date = st.date_input(
            "Meeting date", value=None, format=DATE_FORMAT, key=field_key("nm_date", NEW_MEETING)
        )
        title = st.text_input("Title", key=field_key("nm_title", NEW_MEETING), placeholder="e.g. December 2026 board")
        source = st.text_input("Source", key=field_key("nm_source", NEW_MEETING), placeholder="e.g. Board forward plan")
        submitted = st.form_submit_button("Save new meeting", type="primary")
    if submitted:
        save_new(
            NEW_MEETING,
            lambda: add_meeting(get_engine(), meeting_date=meeting_date, title=title, source=source, actor=actor),
        )


def meeting_record_task(actor: Actor) -> None:
    """The Update data page's task: add a meeting, or pick one and an agenda item, then the same forms."""
    with st.expander("Add a board meeting"):
        new_meeting_form(actor)
    meetings = query(board_meetings, _everything())
    if meetings.empty:
        st.info("No board meeting is recorded yet.")
        return
    labels = {row.id: f"{row.id}, {day(row.meeting_date)}" for row in meetings.itertuples()}
    meeting_id = st.selectbox("Meeting", list(reversed(labels)), format_func=labels.get, key="record_meeting")
    agenda = query(meeting_agenda, _everything(), meeting_id)
    if agenda.empty:
        st.info("This meeting has no agenda.")
        return
    items = {row.id: f"{row.number}. {row.title}" for row in agenda.itertuples()}
    item_id = st.selectbox("Agenda item (for a decision)", list(items), format_func=items.get, key="record_item")
    meeting = meetings.set_index("id").loc[meeting_id]
    item = agenda[agenda["id"] == item_id].iloc[0]
    record_as_it_goes(actor, meeting_id, item, locked=meeting["minutes_status"] == "Confirmed")


def _everything() -> Scope:
    """The page's scope with every row, sample data included: the secretary records against the whole record."""
    return replace(current_scope(), documented_only=False)
