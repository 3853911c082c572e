"""The status spans always follow the progress updates they are made from: after a load, after
every kind of change an upload makes, after an update added in the app, and after the migration
that created them on a database already in use; and the status they give on any date is the
recommendation's newest update on or before it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import groupby

from alembic import command
from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from data_model.db import alembic_config, make_engine, upgrade
from data_model.queries.common import latest_progress, read_frame
from data_model.queries.recommendations import NOT_STARTED, status_mix_at_boards
from data_model.tables import ProgressUpdate
from data_model.writes.csv_files import read_directory
from data_model.writes.edits import add_progress_update, open_recommendation
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import admin, analyst
from tests.helpers.databases import table_as_it_was
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.update_files import table_files

UPDATES = "SELECT id, recommendation_id, update_date, status, percent_complete FROM progress_update"
SPANS = "SELECT update_id, recommendation_id, update_date, superseded_on, status, percent_complete FROM status_span"
NEWEST_BY_SEARCH = """
    SELECT r.id, (SELECT p.status FROM progress_update p
                  WHERE p.recommendation_id = r.id AND p.update_date <= :day
                  ORDER BY p.update_date DESC, p.id DESC LIMIT 1)
    FROM recommendation r
"""


def fetched(engine: Engine, sql: str, **values) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(str(value) if isinstance(value, date) else value for value in row)
            for row in connection.execute(text(sql), values)
        ]


def expected_spans(updates: list[tuple]) -> list[tuple]:
    """Each update with the date of the next one of its recommendation (by date, then id), worked out here."""
    spans = []
    ordered = sorted(updates, key=lambda update: (update[1], update[2], update[0]))
    for _, history in groupby(ordered, key=lambda update: update[1]):
        history = list(history)
        successors = [update[2] for update in history[1:]] + [None]
        spans += [
            (key, recommendation, day, after, status, percent)
            for (key, recommendation, day, status, percent), after in zip(history, successors, strict=True)
        ]
    return sorted(spans)


def assert_spans_match(engine: Engine) -> None:
    spans = sorted(fetched(engine, SPANS))
    assert spans == expected_spans(fetched(engine, UPDATES))
    assert spans  # never vacuously


def assert_statuses_match_a_search(engine: Engine, days: list[date]) -> None:
    """On each day, every recommendation's status from the spans equals its newest update found by search."""
    for day in days:
        held = (
            read_frame(engine, latest_progress(day, scope_at(day))).set_index("recommendation_id")["status"].to_dict()
        )
        searched = {
            recommendation: status
            for recommendation, status in fetched(engine, NEWEST_BY_SEARCH, day=day)
            if status is not None
        }
        assert held == searched, day


def update_days(engine: Engine) -> list[date]:
    """Every day an update was made, and the day before it: where a status changes, and just before."""
    days = {date.fromisoformat(day) for (day,) in fetched(engine, "SELECT DISTINCT update_date FROM progress_update")}
    return sorted(days | {day - timedelta(days=1) for day in days})


def test_a_load_builds_the_spans(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    assert_spans_match(engine)
    assert_statuses_match_a_search(engine, update_days(engine))


def test_every_change_to_progress_updates_keeps_the_spans_exact(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    updates = [dict(row) for row in read_directory(SEED_DIR)["progress_update"]]
    second = [row for row in updates if row["recommendation_id"] == "REC-VCOP-02"]
    moved, restated, removed, reassigned = second[1], second[4], second[6], second[8]
    moved["update_date"] = second[3]["update_date"]  # now shares a day with another: the higher id holds it
    restated.update(status="Red", percent_complete=1)
    updates.remove(removed)
    reassigned["recommendation_id"] = "REC-VCOP-03"
    updates.append(dict(second[-1], id="PU-VCOP-02-99", update_date=date(2026, 11, 20), status="Green"))
    summary = upload(engine, table_files({"progress_update": updates}), actor=admin())
    assert (summary.added, summary.changed, summary.removed) == (1, 3, 1)
    assert_spans_match(engine)
    assert_statuses_match_a_search(engine, update_days(engine))
    held = read_frame(engine, latest_progress(date(2026, 11, 22), scope_at(date(2026, 11, 22)))).set_index(
        "recommendation_id"
    )
    assert held.loc["REC-VCOP-02", "status"] == "Green"


def test_removing_every_update_leaves_every_recommendation_not_started(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    upload(engine, table_files({"progress_update": []}), actor=admin())
    assert fetched(engine, SPANS) == []
    assert read_frame(engine, latest_progress(date(2026, 11, 22), scope_at(date(2026, 11, 22)))).empty
    load_directory(engine, SEED_DIR, actor=analyst())
    assert_spans_match(engine)


def test_an_update_added_in_the_app_closes_the_span_before_it(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    opened = open_recommendation(engine, "REC-VCOP-02")
    add_progress_update(
        engine,
        opened,
        update_date=date(2026, 11, 20),
        status="Green",
        percent_complete=60,
        narrative="Funding agreed.",
        source="MOPAC highlight report",
        actor=analyst(),
    )
    assert_spans_match(engine)
    spans = {row[0]: row for row in fetched(engine, SPANS + " WHERE recommendation_id = 'REC-VCOP-02'")}
    assert spans["PU-VCOP-02-12"][3] == "2026-11-20" and spans["PU-VCOP-02-13"][3] is None


def test_the_migration_fills_the_spans_from_updates_already_there(database_url: str):
    engine = make_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0003")  # a database from before the spans existed
        with engine.begin() as connection:
            connection.execute(
                insert(table_as_it_was(connection, "recommendation")).values(
                    id="R1",
                    source_review="Review",
                    reference="1",
                    text="Do it",
                    owner_agency="MPS",
                    oversight_board="Board",
                    source="Review",
                    illustrative=False,
                )
            )
            connection.execute(
                insert(ProgressUpdate.__table__),
                [
                    {
                        "id": key,
                        "recommendation_id": "R1",
                        "update_date": date.fromisoformat(day),
                        "status": status,
                        "percent_complete": percent,
                        "narrative": "",
                        "source": "Report",
                        "illustrative": False,
                    }
                    for key, day, status, percent in (
                        ("U1", "2025-06-30", "Amber", 10),
                        ("U2", "2025-09-30", "Red", 10),
                        ("U3", "2025-09-30", "Amber", 20),
                    )
                ],
            )
        upgrade(engine)
        assert sorted(fetched(engine, SPANS)) == [
            ("U1", "R1", "2025-06-30", "2025-09-30", "Amber", 10),
            ("U2", "R1", "2025-09-30", "2025-09-30", "Red", 10),  # same day as U3, which comes after it
            ("U3", "R1", "2025-09-30", None, "Amber", 20),
        ]
        assert_statuses_match_a_search(engine, [date(2025, 6, 29), date(2025, 6, 30), date(2025, 9, 30)])
    finally:
        engine.dispose()


def test_the_status_mix_at_every_board_is_the_statuses_held_that_day(engine: Engine):
    """The chart's running sums agree with a range filter on each date, including an update made on
    a board's own day (it counts from that board) and two on one day (only the later one counts)."""
    load_directory(engine, SEED_DIR, actor=analyst())
    tables = read_directory(SEED_DIR)
    board_day = max(row["meeting_date"] for row in tables["board_meeting"] if row["meeting_date"] < date(2026, 11, 22))
    updates = [dict(row) for row in tables["progress_update"]]
    template = next(row for row in updates if row["recommendation_id"] == "REC-VCOP-02")
    updates += [
        dict(template, id="PU-VCOP-02-98", update_date=board_day, status="Complete", percent_complete=100),
        dict(template, id="PU-VCOP-02-99", update_date=board_day, status="Red", percent_complete=100),
    ]
    upload(engine, table_files({"progress_update": updates}), actor=admin())

    as_at = date(2026, 11, 22)
    mix = status_mix_at_boards(engine, scope_at(as_at))
    recommendations = len(tables["recommendation"])
    assert board_day in set(mix["as_of"])
    for day, counted in mix.groupby("as_of"):
        held = Counter(read_frame(engine, latest_progress(day, scope_at(day)))["status"])
        held[NOT_STARTED] = recommendations - sum(held.values())
        assert dict(zip(counted["status"], counted["recommendations"], strict=True)) == +held, day
    on_board_day = read_frame(engine, latest_progress(board_day, scope_at(board_day))).set_index("recommendation_id")
    assert on_board_day.loc["REC-VCOP-02", "status"] == "Red"
