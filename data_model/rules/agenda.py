"""The board's standard agenda: what a new meeting's agenda is unless one is given.

In this order for this board (the secretary's template): welcome and attendance; the last minutes and
matters arising; overall status and exceptions; changes since the last board; risks; milestones; money
against the decisions; recommendations; what the forums said; decisions needed; any other business;
the date of the next meeting. Each item names the view the Meeting page shows for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STANDARD_AGENDA: tuple[tuple[str, str], ...] = (
    ("Welcome, attendance and apologies", "attendance"),
    ("Minutes of the last meeting and matters arising", "matters arising"),
    ("Overall status and exceptions", "overall status"),
    ("Changes since the last board", "changes"),
    ("Risks and issues above target, new or moved", "risks"),
    ("Milestones slipped or due", "milestones"),
    ("Money against the decisions", "money"),
    ("Recommendations red or overdue", "recommendations"),
    ("What the forums said: you said, we did", "forums"),
    ("Decisions needed", "decisions needed"),
    ("Any other business", "other business"),
    ("Date of the next meeting", "next meeting"),
)
"""(title, view) of each item, in order."""

STANDARD_SOURCE = "The board's standard agenda"


def agenda_item_id(meeting_id: str, number: int) -> str:
    """``<meeting>-NN``: an item's id, readable in the address (``?item=BOARD-2026-10-04``)."""
    return f"{meeting_id}-{number:02d}"


def standard_agenda(meeting: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The standard agenda's rows for `meeting` (a board_meeting row), sample data when the meeting is."""
    return [
        {
            "source": STANDARD_SOURCE,
            "illustrative": bool(meeting["illustrative"]),
            "id": agenda_item_id(meeting["id"], number),
            "meeting_id": meeting["id"],
            "number": number,
            "title": title,
            "shows": shows,
            "presenter": "",
            "minutes_allowed": None,
        }
        for number, (title, shows) in enumerate(STANDARD_AGENDA, start=1)
    ]
