"""The small-number promise, attacked: no forum meeting's count under 5 can be worked out from what
the app publishes, however its figures are combined.

The intruder (`tests.helpers.intruder`) looks at every forum as at every day that moves its
year's window (each meeting's day, the day before and after, and a year later), with documented
figures only and without, and collects every participant figure a viewer can see, written as
the app writes it: the Forums page's headline figure, its meetings table, the attendance chart (its
bars and markers), the chart's summary and "Chart data" table, the pack's attendance column, and
the page's CSV and Excel tables after the export safety step. It then solves for each hidden
meeting's count. The test fails if any is narrowed below "1 to 4".

It runs over the seed (where `/forums?as_at=2027-02-12` once said "about 60" beside 9, 10, 12, <5,
12 and 11, giving away a 4) and over a synthetic portfolio whose meetings are partly documented,
so the documented-only toggle opens other windows to difference.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import select

from dashboard.app_pages.forum_attendance import attendance_chart, attendance_view, forum_headline, participants_text
from dashboard.briefing.pack_content import forum_attendance
from dashboard.briefing.page_tables import direct, forum_tables, readable
from dashboard.briefing.safe_export import is_participant_column, safe_for_export
from dashboard.presentation import formatting
from data_model.db import make_engine
from data_model.queries import forums
from data_model.queries.common import SMALL_NUMBER
from data_model.scope import make_scope
from data_model.tables import ForumMeeting
from tests.helpers.intruder import Intruder
from tests.helpers.update_files import writable_copy

LEAKED_BEFORE = date(2026, 8, 6)
"""The Violence against women and girls forum's meeting that "about 60" as at 12 Feb 2027 gave away."""


@dataclass(frozen=True)
class Meeting:
    id: str
    forum_id: str
    day: date
    participants: int
    illustrative: bool


def every_meeting(engine: Engine) -> list[Meeting]:
    """The forum_meeting table as stored, oldest first: the truth the intruder is after."""
    columns = (ForumMeeting.id, ForumMeeting.forum_id, ForumMeeting.meeting_date, ForumMeeting.participants)
    with engine.connect() as connection:
        found = connection.execute(select(*columns, ForumMeeting.illustrative)).all()
    return sorted((Meeting(*row) for row in found), key=lambda meeting: (meeting.day, meeting.id))


def year_to(as_at: date, meetings: list[Meeting], documented_only: bool) -> list[Meeting]:
    """The meetings in the year to `as_at` (after the same day a year before), as a viewer counts them."""
    year_ago = (pd.Timestamp(as_at) - pd.DateOffset(years=1)).date()
    return [m for m in meetings if year_ago < m.day <= as_at and not (documented_only and m.illustrative)]


def moving_days(meetings: list[Meeting]) -> list[date]:
    """Every as-at day on which a window gains or loses one of `meetings`, and the days either side."""
    offsets = (-1, 0, 1, 364, 365, 366, 367)
    return sorted({meeting.day + timedelta(days=offset) for meeting in meetings for offset in offsets})


def bars_and_markers(figure, window: list[Meeting]) -> Iterator[tuple[list[str], object, str]]:
    """The chart as a viewer reads it: per day, the bars' heights and a "<5" per marker, summed over
    that day's meetings."""
    on_day: dict[date, list] = {}
    for trace in figure.data:
        for x, y, label in zip(trace.x, trace.y, trace.text, strict=True):
            shown = int(y) if trace.type == "bar" else str(label)
            on_day.setdefault(pd.Timestamp(x).date(), []).append(shown)
    for day, parts in on_day.items():
        covered = [m.id for m in window if m.day == day]
        assert len(covered) == len(parts), f"the chart draws {len(parts)} meetings on {day}, not {len(covered)}"
        known = sum(part for part in parts if isinstance(part, int))
        markers = [part for part in parts if not isinstance(part, int)]
        assert set(markers) <= {f"<{SMALL_NUMBER}"}, markers
        yield covered, f"{known} + {len(markers)} × <{SMALL_NUMBER}" if markers else known, f"chart, {day}"


def what_a_viewer_sees(
    engine: Engine, as_at: date, documented_only: bool, forum_id: str, window: list[Meeting]
) -> Iterator[tuple[list[str] | None, object, str]]:
    """Every participant figure published for `forum_id` in this scope: (meetings it covers, as shown,
    where); and each sentence said about them, with None for the meetings."""
    scope = make_scope(engine, as_at, documented_only=documented_only)
    ids = [m.id for m in window]
    meetings = forums.forum_meetings(engine, scope, forum_id)
    assert list(meetings["meeting_date"]) == [m.day for m in window], f"the page's year to {as_at} is not its own"
    where = f"as at {as_at}{', documented only' if documented_only else ''}"

    register = forums.forum_register(engine, scope).set_index("id")
    attendance = forums.attendance_summary(engine, scope, forum_id)
    if forum_id in register.index:
        for figure in forum_headline(register.loc[forum_id], attendance):
            if figure.label.startswith("Participants"):
                yield ids, figure.value, f"Forums page figure, {where}"
                yield None, f"{figure.source} {figure.sample}", f"Forums page figure's words, {where}"
    pack = forum_attendance(direct(engine), scope, register.reset_index().query("id == @forum_id"))
    for _, row in pack.iterrows():
        yield ids, formatting.participant_total(row), f"pack, {where}"

    for meeting, shown in zip(ids, attendance_view(meetings)["participants"], strict=True):
        yield [meeting], shown, f"Forums page meetings table, {where}"
    if not meetings.empty:
        for covered, shown, place in bars_and_markers(attendance_chart(meetings), window):
            yield covered, shown, f"{place}, {where}"
        alternative = participants_text(meetings)
        for meeting, shown in zip(ids, alternative.data["Participants"], strict=True):
            yield [meeting], shown, f"Chart data table, {where}"
        for number, day in re.findall(r"the largest had (\d+) participants \(([^)]+)\)", alternative.summary):
            largest = [m.id for m in window if formatting.day(m.day) == day]
            if len(largest) == 1:
                yield largest, int(number), f"chart summary, {where}"

    for name, table in forum_tables(direct(engine), scope, forum_id).items():
        exported = safe_for_export(readable(table))
        for column in filter(is_participant_column, exported.columns):
            assert name == "Meetings", f"the {name} download carries participant counts: teach the intruder to read it"
            for meeting, shown in zip(ids, exported[column], strict=True):
                yield [meeting], shown, f"{name} download, {where}"


def public_counts(window: list[Meeting]) -> set[str]:
    """Numbers a sentence about `window` may give: how many meetings, hidden, shown and sample ones."""
    hidden = sum(m.participants < SMALL_NUMBER for m in window)
    sample = sum(m.illustrative for m in window)
    return {str(n) for n in (SMALL_NUMBER, len(window), hidden, len(window) - hidden, sample)}


def windows(truth: list[Meeting]) -> Iterator[tuple[str, bool, date, list[Meeting]]]:
    """Each forum's year as at every day that moves it, with documented figures only and without:
    (forum, documented only, as at, its meetings), each set of meetings once (the same meetings give
    the same participant figures whatever the day)."""
    for forum_id in sorted({m.forum_id for m in truth}):
        held = [m for m in truth if m.forum_id == forum_id]
        for documented_only in (False, True):
            seen: set[tuple[str, ...]] = set()
            for as_at in moving_days(held):
                window = year_to(as_at, held, documented_only)
                if tuple(m.id for m in window) not in seen:
                    seen.add(tuple(m.id for m in window))
                    yield forum_id, documented_only, as_at, window


def attack(engine: Engine) -> tuple[dict[str, str], int, list[str]]:
    """Every hidden count the intruder narrows below "1 to 4" (id -> what it learnt), how many
    windows it looked through, and any sentence about attendance that gives a number beyond how many
    meetings there were (or were hidden, shown or sample)."""
    truth = every_meeting(engine)
    intruder = Intruder()
    looked = 0
    telling: list[str] = []
    for forum_id, documented_only, as_at, window in windows(truth):
        looked += 1
        for covered, shown, where in what_a_viewer_sees(engine, as_at, documented_only, forum_id, window):
            if covered is not None:
                intruder.sees(covered, shown, where)
            elif set(re.findall(r"\d+", shown)) - public_counts(window):
                telling.append(f"{where}: {shown}")
    hidden = {m.id: m.participants for m in truth if m.participants < SMALL_NUMBER}
    assert hidden, "no meeting has fewer than 5 participants: nothing to attack"
    return intruder.worked_out(hidden), looked, telling


def test_no_hidden_count_can_be_worked_out_on_the_seed(seeded_engine: Engine):
    leaks, looked, telling = attack(seeded_engine)
    assert looked > 100
    assert leaks == {}
    assert telling == []


@pytest.fixture
def partly_documented(long_registers_url: str, tmp_path: Path) -> Iterator[Engine]:
    """The synthetic portfolio (`tests.helpers.long_registers`), its forums and every third meeting
    marked documented, so documented-only windows hold other meetings than the full ones."""
    copy = tmp_path / "partly-documented.db"
    shutil.copy(make_url(long_registers_url).database, copy)
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE forum SET illustrative = 0 WHERE id LIKE 'SYN-%'"))
        connection.execute(
            text(
                "UPDATE forum_meeting SET illustrative = 0 "
                "WHERE id LIKE 'SYN-%' AND CAST(substr(id, -3) AS INTEGER) % 3 = 0"
            )
        )
    yield engine
    engine.dispose()


def test_no_hidden_count_can_be_worked_out_on_a_synthetic_portfolio(partly_documented: Engine):
    leaks, looked, telling = attack(partly_documented)
    assert looked > 500
    assert leaks == {}
    assert telling == []


def test_every_figure_is_the_same_whatever_the_hidden_counts(seeded_url: str, tmp_path: Path):
    """The rule's own claim, checked whole: with every count under 5 set to 1, then to 4, every
    participant figure and sentence published, in every window, reads the same."""
    published = []
    for hidden in (1, SMALL_NUMBER - 1):
        (tmp_path / str(hidden)).mkdir()
        engine = make_engine(writable_copy(seeded_url, tmp_path / str(hidden)))
        with engine.begin() as connection:
            connection.execute(text("UPDATE forum_meeting SET participants = :n WHERE participants < 5"), {"n": hidden})
        truth = every_meeting(engine)
        published.append(
            [
                (where, covered, str(shown))
                for forum_id, documented_only, as_at, window in windows(truth)
                for covered, shown, where in what_a_viewer_sees(engine, as_at, documented_only, forum_id, window)
            ]
        )
        engine.dispose()
    assert len(published[0]) > 1000
    assert published[0] == published[1]
