"""A board meeting's minutes, drafted from its record: as an editable Word document and as PDF in the pack's look.

The secretary drafts the minutes after the meeting from what the app holds: who attended, each agenda
item with the figures as they stood that day (`meeting_figures`, the Meeting page's reading), the
decisions the board took against each item, the actions it agreed with owner and due date, and the
next meeting. Officials edit the draft in Word; the record confirmed at the next meeting is kept as
PDF. Text from the data is set as text in both (never read as markup); sample data carries its †.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
from docx import Document
from reportlab.lib.units import cm
from reportlab.platypus import Spacer
from sqlalchemy.engine import Engine

from dashboard.briefing.meeting_figures import ItemView, item_view, meeting_scope
from dashboard.briefing.pack_layout import (
    a4_pdf,
    data_table,
    para,
)
from dashboard.presentation.formatting import day
from dashboard.presentation.sample_marks import DAGGER, dagger
from data_model.queries import meeting as meeting_queries
from data_model.scope import Scope

ATTENDANCE_HEADINGS = {"present": "Present", "apologies": "Apologies", "in attendance": "In attendance"}


@dataclass(frozen=True)
class AgendaMinute:
    """One agenda item in the minutes: its heading, presenter, its view that day and the decisions against it."""

    heading: str
    presenter: str
    view: ItemView
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class Minutes:
    """Everything the minutes say, already worded (with † where sample data)."""

    title: str
    held: str
    status: str
    attendance: dict[str, tuple[str, ...]]
    items: tuple[AgendaMinute, ...]
    decisions: tuple[tuple[str, str, str, str], ...]  # item, decision, outcome, concerns
    actions: tuple[tuple[str, str, str], ...]  # action, owner, due
    next_meeting: str
    sample: bool


def _status(meeting: pd.Series) -> str:
    if meeting["minutes_status"] == "Confirmed" and not pd.isna(meeting["confirmed_on"]):
        return f"Confirmed as a true record at the meeting of {day(meeting['confirmed_on'])}"
    return "Draft, to be confirmed at the next meeting"


def _decision_line(row: pd.Series) -> str:
    concerns = f" ({row['concerns']})" if row["concerns"] else ""
    return dagger(f"{row['outcome'].capitalize()}: {row['summary']}{concerns}", bool(row["illustrative"]))


def _items(engine: Engine, scope: Scope, meeting_id: str, decisions: pd.DataFrame) -> tuple[AgendaMinute, ...]:
    agenda = meeting_queries.meeting_agenda(engine, scope, meeting_id)
    return tuple(
        AgendaMinute(
            heading=dagger(f"{item['number']}. {item['title']}", bool(item["illustrative"])),
            presenter=item["presenter"],
            view=item_view(engine, scope, meeting_id, item["shows"]),
            decisions=tuple(
                _decision_line(row) for _, row in decisions[decisions["agenda_item_id"] == item["id"]].iterrows()
            ),
        )
        for _, item in agenda.iterrows()
    )


def gather_minutes(engine: Engine, meeting_id: str, documented_only: bool = False) -> Minutes:
    """The minutes of `meeting_id`, figures as at its day; `ValueError` naming the meetings there are if unknown."""
    meetings = meeting_queries.board_meetings(engine, meeting_scope(engine, date.today(), documented_only))
    chosen = meetings[meetings["id"] == meeting_id]
    if chosen.empty:
        raise ValueError(f"there is no board meeting {meeting_id!r}; the meetings are: {', '.join(meetings['id'])}")
    meeting = chosen.iloc[0]
    scope = meeting_scope(engine, meeting["meeting_date"], documented_only)
    people = meeting_queries.meeting_attendance(engine, scope, meeting_id)
    decisions = meeting_queries.meeting_decisions(engine, scope, meeting_id)
    actions = meeting_queries.meeting_actions(engine, scope, meeting_id)
    items = _items(engine, scope, meeting_id, decisions)
    later = meetings[meetings["meeting_date"] > meeting["meeting_date"]]
    following = None if later.empty else later.iloc[0]
    return Minutes(
        title=dagger(str(meeting["title"]), bool(meeting["illustrative"])),
        held=day(meeting["meeting_date"]),
        status=_status(meeting),
        attendance={
            heading: tuple(
                dagger(
                    f"{row['name']}, {row['organisation']}" if row["organisation"] else row["name"],
                    bool(row["illustrative"]),
                )
                for _, row in people[people["attendance"] == kind].iterrows()
            )
            for kind, heading in ATTENDANCE_HEADINGS.items()
        },
        items=items,
        decisions=tuple(
            (str(row["item"]), dagger(row["summary"], bool(row["illustrative"])), row["outcome"], row["concerns"])
            for _, row in decisions.iterrows()
        ),
        actions=tuple(
            (dagger(row["action"], bool(row["illustrative"])), row["owner"], day(row["due_date"]))
            for _, row in actions.iterrows()
        ),
        next_meeting=""
        if following is None
        else dagger(day(following["meeting_date"]), bool(following["illustrative"])),
        sample=bool(meeting["illustrative"]) or DAGGER in repr(items),
    )


# -- Word ------------------------------------------------------------------------------------------


def minutes_docx(minutes: Minutes) -> bytes:
    """The minutes as a Word document (.docx) the secretary can edit."""
    document = Document()
    document.core_properties.title = f"Minutes: {minutes.title}"
    document.add_heading(f"Minutes: {minutes.title}", level=0)
    document.add_paragraph(f"Held on {minutes.held}. {minutes.status}.")
    if minutes.sample:
        document.add_paragraph(f"Figures and entries marked {DAGGER} are illustrative sample data.")
    document.add_heading("Attendance", level=1)
    for heading, names in minutes.attendance.items():
        document.add_paragraph(f"{heading}: {'; '.join(names) if names else 'none recorded'}")
    document.add_heading("Agenda items", level=1)
    for item in minutes.items:
        document.add_heading(item.heading, level=2)
        if item.presenter:
            document.add_paragraph(f"Presented by {item.presenter}.")
        for label, figure, _note in item.view.figures:
            document.add_paragraph(f"{label}: {figure}", style="List Bullet")
        for row in item.view.rows:
            document.add_paragraph(row, style="List Bullet")
        for decision in item.decisions:
            document.add_paragraph(f"Decision. {decision}")
    _word_table(document, "Decisions of the board", ("Item", "Decision", "Outcome", "Concerns"), minutes.decisions)
    _word_table(document, "Actions", ("Action", "Owner", "Due"), minutes.actions)
    document.add_heading("Next meeting", level=1)
    document.add_paragraph(minutes.next_meeting or "Not yet set")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_table(document, heading: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    document.add_heading(heading, level=1)
    if not rows:
        document.add_paragraph("None recorded.")
        return
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value


# -- PDF -------------------------------------------------------------------------------------------


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as PDF, in the briefing pack's look (A4, its type, header and footer)."""
    story: list = [para(f"Minutes: {minutes.title}", "title"), para(f"Held on {minutes.held}. {minutes.status}.")]
    story.append(para("Attendance", "h1"))
    story += [
        para(f"{heading}: {'; '.join(names) if names else 'none recorded'}")
        for heading, names in minutes.attendance.items()
    ]
    story.append(para("Agenda items", "h1"))
    for item in minutes.items:
        story += _pdf_item(item)
    story += _pdf_table(
        "Decisions of the board", ("Item", "Decision", "Outcome", "Concerns"), minutes.decisions, (1.2, 9, 2.4, 4)
    )
    story += _pdf_table("Actions", ("Action", "Owner", "Due"), minutes.actions, (9, 5, 2.6))
    story += [para("Next meeting", "h1"), para(minutes.next_meeting or "Not yet set")]
    return a4_pdf(
        story,
        title=f"Minutes: {minutes.title}",
        heading=f"Minutes: {minutes.held}",
        footnote=f"{DAGGER} illustrative sample data",
    )


def _pdf_item(item: AgendaMinute) -> list:
    flowables: list = [para(item.heading, "h2")]
    if item.presenter:
        flowables.append(para(f"Presented by {item.presenter}.", "small"))
    flowables += [para(f"• {label}: {figure}", "bullet") for label, figure, _note in item.view.figures]
    flowables += [para(f"• {row}", "bullet") for row in item.view.rows]
    flowables += [para(f"Decision. {decision}") for decision in item.decisions]
    return flowables


def _pdf_table(
    heading: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], widths: tuple[float, ...]
) -> list:
    if not rows:
        return [para(heading, "h1"), para("None recorded.")]
    return [para(heading, "h1"), data_table(header, rows, widths), Spacer(1, 0.3 * cm)]


def make_minutes(engine: Engine, meeting_id: str, kind: str, documented_only: bool = False) -> bytes:
    """The minutes of `meeting_id` as ``.docx`` or ``.pdf`` bytes (`kind`, the file's suffix)."""
    minutes = gather_minutes(engine, meeting_id, documented_only)
    return minutes_docx(minutes) if kind == ".docx" else minutes_pdf(minutes)
