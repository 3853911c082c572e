"""The Update data page: upload, check, preview, apply or cancel; and the audit log that records it.

Each test works on its own copy of the seeded database, as a signed-in analyst (or admin).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from dashboard.presentation.formatting import money
from data_model.db import make_engine
from data_model.queries.audit import audit_choices, audit_log, audit_summary, rows_after
from data_model.tables import DataLoad, Spend
from data_model.writes.audit import data_version
from data_model.writes.csv_files import read_tables
from data_model.writes.export import current_data_zip
from data_model.writes.replace import load_directory, preview
from data_model.writes.replace import upload as upload_files
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import data_loads, rows_by_key
from tests.helpers.seeded import AS_AT
from tests.helpers.update_files import (
    ADMIN,
    ANALYST,
    NEW_SPEND,
    NEW_SPEND_TOTAL,
    app_as,
    bad_spend,
    monthly_update,
    seed_rows,
    spend_file_with,
    spend_without_last_row,
    writable_copy,
)

UPDATE_PAGE = "app_pages/update_data.py"


@pytest.fixture
def writable_url(seeded_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = writable_copy(seeded_url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def db(writable_url: str) -> Iterator[Engine]:
    engine = make_engine(writable_url)
    yield engine
    engine.dispose()


def open_update_page(email: str):
    at = app_as(email)
    at.run()
    at.switch_page(UPDATE_PAGE)
    at.run()
    assert not at.exception
    return at


def test_a_link_opens_one_task_and_builds_only_its_form(writable_url: str) -> None:
    """The open tab is in the address (``?task=…``), so a link can take an analyst straight to a form."""
    at = app_as(ANALYST)
    at.query_params["task"] = "Reassess a risk"
    at.run()
    at.switch_page(UPDATE_PAGE)
    at.run()
    assert not at.exception
    assert [button.label for button in at.button if button.label.startswith("Save")] == ["Save reassessment"]
    assert not at.file_uploader


def upload(at, files: dict[str, bytes]):
    at.file_uploader[0].set_value([(name, data, "text/csv") for name, data in files.items()])
    at.run()
    assert not at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def spent_to_date(engine: Engine) -> Decimal:
    """Independent of the app's queries: payments dated on or before the as-at date."""
    with engine.connect() as connection:
        return Decimal(
            str(
                connection.scalar(
                    text("SELECT SUM(amount) FROM spend WHERE spend_date <= :as_at"), {"as_at": AS_AT.isoformat()}
                )
            )
        )


def seed_spend_total() -> Decimal:
    _, rows = seed_rows("spend.csv")
    return sum(Decimal(row["amount"]) for row in rows if row["spend_date"] <= AS_AT.isoformat())


def test_monthly_update_previews_then_applies_and_the_figures_follow(db: Engine) -> None:
    at = app_as(ANALYST)
    at.run()
    before = metrics(at)["Spent to date"]
    assert before == money(seed_spend_total()) + "†" == money(spent_to_date(db)) + "†"  # sample payments in it
    version_before = data_version(db)

    at.switch_page(UPDATE_PAGE)
    at.run()
    upload(at, monthly_update())
    assert {label: metrics(at)[label] for label in ("Rows added", "Rows changed", "Rows removed")} == {
        "Rows added": "12",
        "Rows changed": "3",
        "Rows removed": "0",
    }
    per_file = at.dataframe[0].value.set_index("File")
    assert per_file.loc["spend.csv", ["Added", "Changed", "Removed", "Rows now", "Rows after"]].tolist() == [
        9,
        3,
        0,
        63,
        72,
    ]
    assert per_file.loc["progress_update.csv", ["Added", "Changed", "Removed"]].tolist() == [3, 0, 0]
    assert data_version(db) == version_before, "a preview writes nothing"

    at.button(key="upload_apply").click().run()
    assert not at.exception
    assert "Applied spend.csv, progress_update.csv: 12 rows added, 3 changed, 0 removed" in at.success[0].value
    assert not at.file_uploader[0].value, "the uploader is cleared for the next upload"

    with db.connect() as connection:
        change = connection.execute(select(DataLoad).order_by(DataLoad.id.desc()).limit(1)).one()
    assert (change.id, change.actor, change.action, change.detail) == (
        version_before + 1,
        ANALYST,
        "upload",
        "spend.csv, progress_update.csv",
    )
    assert (change.rows_added, change.rows_changed, change.rows_removed) == (12, 3, 0)
    assert json.loads(change.row_counts)["spend"] == 72

    assert spent_to_date(db) == seed_spend_total() + NEW_SPEND_TOTAL == seed_spend_total() + Decimal("9601.50")
    at.switch_page("app_pages/overview.py")
    at.run()
    assert metrics(at)["Spent to date"] == money(seed_spend_total() + NEW_SPEND_TOTAL) + "†" != before

    at.switch_page("app_pages/audit_log.py")
    at.run()
    newest = at.dataframe[0].value.iloc[0]
    assert (newest["Change"], newest["Who"], newest["What"], newest["Files or record"]) == (
        version_before + 1,
        ANALYST,
        "Upload (in the app)",
        "spend.csv, progress_update.csv",
    )
    assert (newest["Added"], newest["Changed"], newest["Removed"]) == (12, 3, 0)


def test_a_bad_upload_lists_every_problem_and_changes_nothing(db: Engine) -> None:
    version, spend_rows = data_version(db), _count(db, Spend)
    files, first_bad_row = bad_spend()
    at = upload(open_update_page(ANALYST), files)

    problems = at.dataframe[0].value
    assert problems[["File", "Row", "Column"]].values.tolist() == [
        ["spend.csv", first_bad_row, "amount"],
        ["spend.csv", first_bad_row + 1, "spend_date"],
    ]
    assert problems["Problem"].tolist() == [
        "'TBC' is not an amount of money: write pounds and pence in plain digits, like 1234.50 or £1,234.50",
        "'31/04/2026' is not a valid date: dates are written YYYY-MM-DD, e.g. 2026-04-30",
    ]
    assert at.error[0].value.startswith("2 problems found, so nothing can be applied")
    assert "upload_apply" not in [button.key for button in at.button]
    assert (data_version(db), _count(db, Spend)) == (version, spend_rows)


def test_cancel_clears_the_upload_and_changes_nothing(db: Engine) -> None:
    version = data_version(db)
    at = upload(open_update_page(ANALYST), monthly_update())
    at.button(key="upload_cancel").click().run()
    assert not at.file_uploader[0].value
    assert at.info[0].value == "Cancelled: nothing was changed."
    assert data_version(db) == version


def test_apply_is_refused_when_someone_changed_the_data_after_the_preview(db: Engine) -> None:
    at = upload(open_update_page(ANALYST), monthly_update())
    assert metrics(at)["Rows added"] == "12"
    # Meanwhile a colleague loads one new payment from the command line.
    colleague = upload_files(db, {"spend.csv": spend_file_with(NEW_SPEND[0])}, actor=analyst("colleague"))

    at.button(key="upload_apply").click().run()
    assert at.warning[0].value.startswith("Nothing was applied: the data changed after your preview.")
    assert any(f"Change {colleague.data_version}: upload by colleague" in element.value for element in at.text)
    assert data_version(db) == colleague.data_version, "the analyst's files were not applied"
    # The preview is made again against the data as it is now: SP-UPL-01 already exists.
    assert (metrics(at)["Rows added"], metrics(at)["Rows changed"]) == ("11", "3")


def test_removing_rows_needs_an_admin(db: Engine) -> None:
    files = {"spend.csv": spend_without_last_row()}
    analyst = upload(open_update_page(ANALYST), files)
    assert metrics(analyst)["Rows removed"] == "1"
    assert analyst.button(key="upload_apply").disabled
    assert "Removing rows needs an admin" in analyst.warning[0].value

    admin = upload(open_update_page(ADMIN), files)
    assert not admin.button(key="upload_apply").disabled
    admin.button(key="upload_apply").click().run()
    assert _count(db, Spend) == 62
    with db.connect() as connection:
        assert connection.execute(
            select(DataLoad.actor, DataLoad.rows_removed).order_by(DataLoad.id.desc()).limit(1)
        ).one() == (ADMIN, 1)


def test_the_download_is_the_current_data_as_files_the_upload_accepts(db: Engine) -> None:
    with zipfile.ZipFile(io.BytesIO(current_data_zip(db))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert len(files) == 22
    assert files["spend.csv"].startswith(b"\xef\xbb\xbfsource,illustrative,id,spend_date,amount")
    tables = read_tables(files)  # a complete, valid set on its own
    assert len(tables["spend"]) == _count(db, Spend) == 63
    assert preview(db, files).unchanged, "uploading the download unchanged changes nothing"


def test_a_crafted_apply_that_removes_rows_changes_nothing(db: Engine) -> None:
    """An analyst's client sends Apply's trigger although the button is disabled: nothing is removed."""
    at = upload(open_update_page(ANALYST), {"spend.csv": spend_without_last_row()})
    assert at.button(key="upload_apply").disabled
    version = data_version(db)
    # AppTest's click() refuses a disabled widget, as a browser does: set the trigger as a crafted client would.
    at.button(key="upload_apply")._value = True
    at.run()
    assert _count(db, Spend) == 63
    assert data_version(db) == version


def test_an_apply_after_the_role_was_withdrawn_is_refused_where_the_data_is_written(db: Engine) -> None:
    """The page drew an enabled Apply for an admin; by the click the same session is an analyst's
    (the address left the admins' list, or another person signed in): the write path refuses."""
    at = upload(open_update_page(ADMIN), {"spend.csv": spend_without_last_row()})
    assert not at.button(key="upload_apply").disabled
    version = data_version(db)
    at.user = {"is_logged_in": True, "email": ANALYST}
    at.button(key="upload_apply").click().run()
    assert at.error[0].value == (
        f"Nothing was applied: Only admins may remove rows (this change would remove 1); {ANALYST} is an "
        "analyst. Nothing was changed."
    )
    assert _count(db, Spend) == 63
    assert data_version(db) == version


def _count(engine: Engine, model) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model))


def test_the_audit_queries_on_each_backend(engine: Engine) -> None:
    seed_total = sum(len(seed_rows(path.name)[1]) for path in SEED_DIR.glob("*.csv"))
    load_directory(engine, SEED_DIR, actor=analyst())
    upload_files(engine, monthly_update(), actor=analyst(ANALYST))

    log = audit_log(engine)
    assert log[
        ["version", "actor", "action", "detail", "rows_added", "rows_changed", "rows_removed"]
    ].values.tolist() == [
        [2, ANALYST, "upload", "spend.csv, progress_update.csv", 12, 3, 0],
        [1, "tests", "load", str(SEED_DIR), seed_total, 0, 0],
    ]
    assert str(log["loaded_at"].dt.tz) == "Europe/London"
    assert audit_log(engine, actors=(ANALYST,))["version"].tolist() == [2]
    assert audit_log(engine, actions=("edit",)).empty
    assert audit_summary(engine) == {"changes": 2, "rows_touched": seed_total + 15, "last_at": log["loaded_at"][0]}
    assert audit_summary(engine, actions=("upload",))["rows_touched"] == 15
    assert audit_summary(engine, actions=("edit",)) == {"changes": 0, "rows_touched": 0, "last_at": None}
    assert audit_choices(engine) == {"actors": sorted([ANALYST, "tests"]), "actions": ["load", "upload"]}
    after = {version: rows_after(engine, version).set_index("table")["rows"] for version in (1, 2)}
    assert (after[1]["spend"], after[1]["progress_update"], after[2]["spend"], after[2]["progress_update"]) == (
        63,
        239,
        72,
        242,
    )


def _by_label(widgets, label: str):
    return next(widget for widget in widgets if widget.label == label)


def test_the_progress_update_form_saves_what_was_entered(db: Engine) -> None:
    """The form's fields reach the database as entered, through the write path, as the analyst."""
    at = app_as(ANALYST)
    at.query_params["task"] = "Add a progress update"
    at.run()
    at.switch_page(UPDATE_PAGE)
    at.run()
    chosen = _by_label(at.selectbox, "Recommendation").value
    before = {key for key, row in rows_by_key(db, "progress_update").items() if row["recommendation_id"] == chosen}
    _by_label(at.selectbox, "Status").set_value("Red")
    _by_label(at.number_input, "Complete (%)").set_value(35)
    _by_label(at.text_area, "What has happened").input("Partners met; the plan slipped a month.")
    _by_label(at.text_input, "Source").input("MPS highlight report, November 2026")
    at.button(key=next(b.key for b in at.button if b.label == "Save progress update")).click().run()
    assert not at.exception and not at.error
    added = [
        row
        for key, row in rows_by_key(db, "progress_update").items()
        if row["recommendation_id"] == chosen and key not in before
    ]
    assert [(row["status"], row["percent_complete"], row["narrative"], row["source"]) for row in added] == [
        ("Red", 35, "Partners met; the plan slipped a month.", "MPS highlight report, November 2026")
    ]
    assert added[0]["illustrative"] is rows_by_key(db, "recommendation")[chosen]["illustrative"]
    assert data_loads(db)[-1]["actor"] == ANALYST


def test_the_insight_form_saves_what_was_entered(db: Engine) -> None:
    at = app_as(ANALYST)
    at.query_params["task"] = "Update a forum insight"
    at.run()
    at.switch_page(UPDATE_PAGE)
    at.run()
    chosen = _by_label(at.selectbox, "Insight").value
    _by_label(at.selectbox, "Status").set_value("Closed")
    _by_label(at.date_input, "Closed on").set_value(AS_AT)
    _by_label(at.text_area, "We did").input("Leaflets rewritten with the forum.")
    at.button(key=next(b.key for b in at.button if b.label == "Save insight")).click().run()
    assert not at.exception and not at.error
    saved = rows_by_key(db, "forum_insight")[chosen]
    assert (saved["status"], saved["closed_date"], saved["we_did"]) == (
        "Closed",
        AS_AT,
        "Leaflets rewritten with the forum.",
    )
    assert data_loads(db)[-1]["actor"] == ANALYST
