"""The board meeting, run from the app: its agenda, one item at a time, each as it stood on the meeting's day.

Made for a 1280x720 projector: large figures, short rows, sources behind the ?, no table wider than
the screen. The meeting and the item are in the address (``?meeting=BOARD-2026-10&item=4``), so a
link opens the item under discussion; the item's page buttons are previous and next. A signed-in
analyst (the secretary) records the meeting as it goes, below the item.
"""

import pandas as pd
import streamlit as st

from dashboard.briefing.meeting_figures import SOURCES, item_view, meeting_scope
from dashboard.download_menu import minutes_buttons
from dashboard.forms.meeting_forms import record_as_it_goes, update_on_the_item
from dashboard.plumbing import address_widgets
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.plumbing.sign_in import current_actor
from dashboard.presentation.formatting import day, literal
from dashboard.presentation.sample_marks import DAGGER, dagger
from data_model.queries.meeting import board_meetings, meeting_agenda, meeting_decisions, meeting_on_or_after
from data_model.writes.roles import Role

scope = current_scope()
meetings = query(board_meetings, scope)
if meetings.empty:
    st.title("Board meeting")
    st.info("No board meeting is on record" + (" from the documents." if scope.documented_only else "."))
    st.stop()


title = st.empty()  # the page's heading first, filled once the meeting is chosen
controls = st.container(horizontal=True, vertical_alignment="bottom")
ids = list(meetings["id"])
with controls:
    chosen_id = address_widgets.selectbox(
        "Meeting",
        ids,
        key="meeting",
        index=ids.index(meeting_on_or_after(meetings, scope.as_at)),
        help="Today's meeting or the next one; the last one held when none is to come.",
        width=220,
    )
meeting = meetings.set_index("id").loc[chosen_id]
held = meeting["meeting_date"]
confirmed = meeting["minutes_status"] == "Confirmed"
title.title(dagger(f"Board meeting, {day(held)}", bool(meeting["illustrative"])))
st.caption(
    f"{literal(meeting['title'])}. "
    + (
        f"Minutes confirmed on {day(meeting['confirmed_on'])}: the record is locked."
        if confirmed and not pd.isna(meeting["confirmed_on"])
        else "Minutes: draft, confirmed at the next meeting."
    )
)

agenda = query(meeting_agenda, scope, chosen_id)
if agenda.empty:
    st.info("This meeting has no agenda on record" + (" from the documents." if scope.documented_only else "."))
    st.stop()

with controls:
    number = address_widgets.pagination(len(agenda), key="item", label="Agenda item", of="this agenda")
item = agenda.iloc[number - 1]
on_the_day = query(meeting_scope, held, scope.documented_only)
view = query(item_view, on_the_day, chosen_id, item["shows"])

agenda_column, item_column = st.columns([1, 2.8], gap="medium")
with agenda_column:
    st.markdown(
        "\n".join(
            f"{row.number}. " + (f"**{literal(row.title)}**" if row.number == item["number"] else literal(row.title))
            for row in agenda.itertuples()
        ).replace("\n", "  \n"),
        help="The meeting's agenda (agenda_item.csv).",
    )
with item_column:
    st.markdown(f"### {item['number']}. {literal(dagger(item['title'], bool(item['illustrative'])))}")
    if item["presenter"]:
        st.caption(f"Presented by {literal(item['presenter'])}. As it stood on {day(held)}.")
    with st.container(horizontal=True):
        for label, figure, note in view.figures:
            st.metric(
                literal(label),
                figure,
                delta=note or None,
                delta_color="off",
                delta_arrow="off",
                help=SOURCES[item["shows"]],
                border=True,
            )
    if view.rows:
        st.markdown("\n".join(f"- {literal(row)}" for row in view.rows))
    if view.more:
        st.caption(f"And {view.more} more, on the page this item comes from.")
    decided = query(meeting_decisions, scope, chosen_id)
    for row in decided[decided["agenda_item_id"] == item["id"]].itertuples():
        st.markdown(f"**Decision ({literal(row.outcome)}):** {literal(dagger(row.summary, bool(row.illustrative)))}")
    if any(DAGGER in text for text in (*(figure for _, figure, _ in view.figures), *view.rows)):
        st.caption(f"{DAGGER} built from illustrative sample data.")

with st.container(horizontal=True):
    minutes_buttons(chosen_id, scope.documented_only)

actor = current_actor()
if actor.may(Role.ANALYST):
    record_as_it_goes(actor, chosen_id, item, locked=confirmed)
    update_on_the_item(actor, item["shows"])
