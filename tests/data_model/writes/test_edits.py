"""Quick edits: a progress update or an insight's outcome, validated like the loader, and never a lost update.

The query-level tests run on SQLite and PostgreSQL (the `engine` fixture, loaded from the seed);
the page test runs two analysts' sessions side by side on a copy of the seeded database.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from data_model.db import make_engine
from data_model.queries.common import latest_progress, read_frame
from data_model.queries.recommendations import progress_history
from data_model.tables import DataLoad, ForumInsight, ProgressUpdate
from data_model.writes.audit import data_version
from data_model.writes.edits import (
    EditConflict,
    EditInvalid,
    add_progress_update,
    open_insight,
    open_recommendation,
    update_insight,
)
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.update_files import ANALYST, SECOND_ANALYST, csv_bytes, seed_rows, update_task, writable_copy

RECOMMENDATION = "REC-VCOP-02"  # 12 seeded updates, PU-VCOP-02-01 to -12; latest Amber, 54%, on 2026-10-15
INSIGHT = "INS-VAWG-13"  # raised 2026-11-05 by the VAWG forum, still Open
VAWG = "Victims and survivors of violence against women and girls (VAWG)"
CONFLICT = re.compile(
    rf"^{re.escape(ANALYST)} changed this record at \d\d:\d\d since you opened it; reload to see their change\.$"
)


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """A fresh database on each backend, loaded from the seed (so each test may write)."""
    load_directory(engine, SEED_DIR, actor=analyst())
    return engine


def progress(**changes) -> dict:
    return {
        "update_date": date(2026, 11, 20),
        "status": "Green",
        "percent_complete": 60,
        "narrative": "Funding agreed at the November board.",
        "source": "MOPAC highlight report, November 2026",
    } | changes


def updates_of(engine: Engine, recommendation: str) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(ProgressUpdate).where(ProgressUpdate.recommendation_id == recommendation)
        )


def test_opening_a_recommendation_reads_its_latest_update(seeded: Engine) -> None:
    opened = open_recommendation(seeded, RECOMMENDATION)
    assert opened.data_version == 1
    assert {
        name: opened.values[name] for name in ("updates", "latest_id", "update_date", "status", "percent_complete")
    } == {
        "updates": 12,
        "latest_id": "PU-VCOP-02-12",
        "update_date": date(2026, 10, 15),
        "status": "Amber",
        "percent_complete": 54,
    }


def test_a_saved_progress_update_becomes_the_latest_status_and_is_audited(seeded: Engine) -> None:
    saved = add_progress_update(
        seeded, open_recommendation(seeded, RECOMMENDATION), actor=analyst(ANALYST), **progress()
    )
    assert (saved.record_id, saved.data_version) == ("PU-VCOP-02-13", 2)
    latest = read_frame(seeded, latest_progress(date(2026, 11, 22), scope_at(date(2026, 11, 22)))).set_index(
        "recommendation_id"
    )
    assert latest.loc[RECOMMENDATION, ["status", "percent_complete"]].tolist() == ["Green", 60]
    newest = progress_history(seeded, scope_at(date(2026, 11, 22)), RECOMMENDATION).iloc[-1]
    assert newest["narrative"] == "Funding agreed at the November board."
    with seeded.connect() as connection:
        change = connection.execute(select(DataLoad).where(DataLoad.id == 2)).one()
    assert (change.actor, change.action, change.detail, change.rows_added, change.rows_changed) == (
        ANALYST,
        "edit",
        "new progress update PU-VCOP-02-13 on recommendation REC-VCOP-02",
        1,
        0,
    )


def test_the_second_of_two_progress_saves_is_refused(seeded: Engine) -> None:
    first, second = (open_recommendation(seeded, RECOMMENDATION) for _ in range(2))
    add_progress_update(seeded, first, actor=analyst(ANALYST), **progress())
    with pytest.raises(EditConflict) as refused:
        add_progress_update(
            seeded, second, actor=analyst(SECOND_ANALYST), **progress(status="Red", percent_complete=50)
        )
    assert CONFLICT.match(str(refused.value))
    assert updates_of(seeded, RECOMMENDATION) == 13
    assert data_version(seeded) == 2


def test_the_second_of_two_insight_saves_is_refused_and_the_first_stands(seeded: Engine) -> None:
    first, second = (open_insight(seeded, INSIGHT) for _ in range(2))
    assert (first.values["status"], first.values["we_did"], first.values["closed_date"]) == ("Open", "", None)
    update_insight(
        seeded,
        first,
        status="Closed",
        we_did="Forum members co-wrote the new leaflet.",
        closed_date=date(2026, 11, 20),
        actor=analyst(ANALYST),
    )
    with pytest.raises(EditConflict) as refused:
        update_insight(
            seeded,
            second,
            status="In progress",
            we_did="Leaflet being drafted.",
            closed_date=None,
            actor=analyst(SECOND_ANALYST),
        )
    assert CONFLICT.match(str(refused.value))
    with seeded.connect() as connection:
        row = connection.execute(
            select(ForumInsight.status, ForumInsight.we_did, ForumInsight.closed_date).where(ForumInsight.id == INSIGHT)
        ).one()
    assert tuple(row) == ("Closed", "Forum members co-wrote the new leaflet.", date(2026, 11, 20))


def test_of_two_simultaneous_saves_exactly_one_wins(seeded: Engine) -> None:
    opened = open_recommendation(seeded, RECOMMENDATION)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor: str) -> None:
        start.wait()
        try:
            add_progress_update(seeded, opened, actor=analyst(actor), **progress())
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=(actor,)) for actor in (ANALYST, SECOND_ANALYST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["refused", "saved"]
    assert updates_of(seeded, RECOMMENDATION) == 13


def test_an_upload_after_opening_also_refuses_the_save(seeded: Engine) -> None:
    opened = open_insight(seeded, INSIGHT)
    header, insights = seed_rows("forum_insight.csv")
    for row in insights:
        if row["id"] == INSIGHT:
            row["status"] = "In progress"
    upload(seeded, {"forum_insight.csv": csv_bytes(header, insights)}, actor=analyst("colleague@mopac.example.gov.uk"))
    with pytest.raises(EditConflict, match=r"^colleague@mopac\.example\.gov\.uk changed this record at \d\d:\d\d"):
        update_insight(
            seeded, opened, status="Closed", we_did="Done.", closed_date=date(2026, 11, 20), actor=analyst(ANALYST)
        )


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"percent_complete": 150}, [("percent_complete", "150 is too large: the highest allowed is 100")]),
        ({"source": "  "}, [("source", "a value is required")]),
        (
            {"status": "Purple"},
            [
                (
                    "status",
                    "'Purple' is not a status on the scale; expected one of: "
                    "Complete, Green, Amber/Green, Amber, Amber/Red, Red",
                )
            ],
        ),
    ],
)
def test_an_invalid_progress_update_is_not_saved(sqlite_engine: Engine, changes: dict, problems: list) -> None:
    load_directory(sqlite_engine, SEED_DIR, actor=analyst())
    with pytest.raises(EditInvalid) as invalid:
        add_progress_update(
            sqlite_engine,
            open_recommendation(sqlite_engine, RECOMMENDATION),
            actor=analyst(ANALYST),
            **progress(**changes),
        )
    assert invalid.value.problems == problems
    assert (updates_of(sqlite_engine, RECOMMENDATION), data_version(sqlite_engine)) == (12, 1)


@pytest.mark.parametrize(
    ("status", "we_did", "closed_date", "problems"),
    [
        (
            "Closed",
            "Done.",
            None,
            [("closed_date", "the status is Closed but the closed date is empty: give the date it closed")],
        ),
        ("Closed", "", date(2026, 11, 20), [("we_did", "a Closed insight needs what was done about it (we did)")]),
        (
            "In progress",
            "Drafting.",
            date(2026, 11, 20),
            [("closed_date", "only a Closed insight has a closed date (this one is In progress)")],
        ),
        (
            "Closed",
            "Done.",
            date(2026, 11, 1),
            [("closed_date", "2026-11-01 is before the raised date (2026-11-05): it closes on or after that day")],
        ),
        ("Open", "", None, [("", "these are the insight's current values: there is nothing to save")]),
        (
            "Shelved",
            "",
            None,
            [("status", "'Shelved' is not a insight status; expected one of: Open, In progress, Closed")],
        ),
    ],
)
def test_an_invalid_insight_edit_is_not_saved(sqlite_engine: Engine, status, we_did, closed_date, problems) -> None:
    load_directory(sqlite_engine, SEED_DIR, actor=analyst())
    with pytest.raises(EditInvalid) as invalid:
        update_insight(
            sqlite_engine,
            open_insight(sqlite_engine, INSIGHT),
            status=status,
            we_did=we_did,
            closed_date=closed_date,
            actor=analyst(ANALYST),
        )
    assert invalid.value.problems == problems
    assert data_version(sqlite_engine) == 1


# -- two analysts in the app ---------------------------------------------------------------------


@pytest.fixture
def writable(seeded_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = writable_copy(seeded_url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def open_insight_form(email: str):
    at = update_task(email, "Update a forum insight")
    at.selectbox(key="edit_forum").select(VAWG).run()
    at.selectbox(key="edit_insight").select(INSIGHT).run()
    assert not at.exception
    return at


def save_insight(at, status: str, we_did: str, closed: date | None):
    at.selectbox(key=f"in_status_{INSIGHT}_0").select(status)
    at.text_area(key=f"in_we_did_{INSIGHT}_0").input(we_did)
    at.date_input(key=f"in_closed_{INSIGHT}_0").set_value(closed)
    next(button for button in at.button if button.label == "Save insight").click().run()
    assert not at.exception
    return at


def insight_shown(at) -> list[str]:
    """Status, we did and closed date of the insight as the page shows it (the insight tab's record)."""
    record = next(table.value for table in at.table if "You said" in table.value["Field"].tolist())
    return record.set_index("Field").loc[["Status", "We did", "Closed"], "Value"].tolist()


def test_two_analysts_in_the_app_the_second_save_is_refused_with_a_clear_message(writable: Engine) -> None:
    first, second = open_insight_form(ANALYST), open_insight_form(SECOND_ANALYST)
    assert insight_shown(second)[0] == "Open"

    save_insight(first, "Closed", "Forum members co-wrote the new leaflet.", date(2026, 11, 20))
    assert any(element.value.startswith("Saved: change 2 in the audit log.") for element in first.success)
    assert insight_shown(first) == ["Closed", "Forum members co-wrote the new leaflet.", "20 Nov 2026"]

    save_insight(second, "In progress", "Leaflet being drafted.", None)
    assert second.error[0].value == (
        "Not saved: someone else changed this record after you opened it. Nothing was overwritten."
    )
    assert CONFLICT.match(next(element.value for element in second.text if "changed this record" in element.value))
    assert data_version(writable) == 2

    second.button(key=f"reload_{INSIGHT}").click().run()
    assert insight_shown(second) == ["Closed", "Forum members co-wrote the new leaflet.", "20 Nov 2026"]


def test_an_analyst_adds_a_progress_update_through_the_form(writable: Engine) -> None:
    at = update_task(ANALYST, "Add a progress update")
    at.selectbox(key="edit_recommendation").select(RECOMMENDATION).run()
    at.selectbox(key=f"pu_status_{RECOMMENDATION}_0").select("Green")
    at.number_input(key=f"pu_percent_{RECOMMENDATION}_0").set_value(60)
    at.text_area(key=f"pu_narrative_{RECOMMENDATION}_0").input("Funding agreed at the November board.")
    save = next(button for button in at.button if button.label == "Save progress update")

    save.click().run()  # no source given
    assert at.error[0].value == "Not saved: please correct the following."
    assert at.dataframe[0].value.values.tolist() == [["Source", "a value is required"]]
    assert updates_of(writable, RECOMMENDATION) == 12

    at.text_input(key=f"pu_source_{RECOMMENDATION}_0").input("MOPAC highlight report, November 2026")
    next(button for button in at.button if button.label == "Save progress update").click().run()
    assert not at.exception
    assert any(element.value.startswith("Saved: change 2 in the audit log.") for element in at.success)
    latest = read_frame(writable, latest_progress(date.today(), scope_at(date.today()))).set_index("recommendation_id")
    assert latest.loc[RECOMMENDATION, ["status", "percent_complete"]].tolist() == ["Green", 60]
    newest = progress_history(writable, scope_at(date.today()), RECOMMENDATION).iloc[-1]
    assert newest["narrative"] == "Funding agreed at the November board."
    record = next(table.value for table in at.table if "Latest update" in table.value["Field"].tolist())
    assert record.set_index("Field").loc[["Status", "Complete", "Updates recorded"], "Value"].tolist() == [
        "Green",
        "60%",
        "13",
    ]
    assert at.text_area(key=f"pu_narrative_{RECOMMENDATION}_1").value == "", "a fresh form for the next update"
