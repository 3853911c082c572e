"""Board meetings: the dates a "changes since the last board" view runs from."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import select

from data_model.queries.common import read_frame
from data_model.queries.filters import documented
from data_model.tables import BoardMeeting


def board_meetings_before(engine: Engine, as_at: date, documented_only: bool = False) -> pd.DataFrame:
    """Board meetings on or before `as_at`, newest first: meeting_date, title, source, illustrative."""
    statement = (
        select(BoardMeeting.meeting_date, BoardMeeting.title, BoardMeeting.source, BoardMeeting.illustrative)
        .where(BoardMeeting.meeting_date <= as_at, documented(BoardMeeting.illustrative, only=documented_only))
        .order_by(BoardMeeting.meeting_date.desc())
    )
    frame = read_frame(engine, statement)
    frame["meeting_date"] = pd.to_datetime(frame["meeting_date"]).dt.date
    return frame
