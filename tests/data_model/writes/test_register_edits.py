"""Quick edits to the registers: reassess a risk, move a milestone's forecast or record its actual date,
update an action. Each is checked like the loader, audited, refused to a viewer and never loses an update;
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine

from data_model.db import make_engine
from data_model.queries.actions import action_outcomes
from data_model.queries.milestones import milestone_register
from data_model.queries.risks import risk_history, risk_register
from data_model.writes.audit import data_version
from data_model.writes.edits import EditConflict, EditInvalid
from data_model.writes.register_edits import move_forecast, open_record, reassess_risk, record_actual, update_action
from data_model.writes.replace import load_directory
from data_model.writes.roles import Actor, NotAllowed, Role
from tests.helpers.actors import analyst
from tests.helpers.clock import TODAY
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import data_loads, snapshot
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD
from tests.helpers.update_files import ANALYST, update_task, writable_copy

RISK = "RISK-1847-SPEND"  # raised 11 Dec 2025, reassessed to 5 x 4 on 29 Oct 2026
MILESTONE = "MS-1847-EXT1"  # extension decision, baselined 1 Jul 2025, forecast moved to 30 Nov 2027
ACTION = "BA-2026-10-02"  # City of London terms, Open and overdue


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    load_directory(engine, SEED_DIR, actor=analyst())
    return engine


def reassess(engine: Engine, opened, actor: Actor | None = None, **changes):
    values = {"assessed_on": TODAY, "likelihood": 5, "impact": 5, "note": "Further decision not yet drafted."}
    return reassess_risk(engine, opened, source="Board minutes", actor=actor or analyst("ana"), **(values | changes))


def test_a_reassessment_is_the_risks_score_from_its_date_and_is_audited(seeded: Engine) -> None:
    saved = reassess(seeded, open_record(seeded, "risk", RISK))
    assert saved.record_id == f"RA-{RISK}-01" and saved.data_version == 2
    assert risk_history(seeded, scope_at(TODAY), RISK)["score"].tolist() == [12, 16, 20, 25]
    assert risk_register(seeded, scope_at(TODAY)).set_index("id").at[RISK, "score"] == 25
    assert (
        risk_register(seeded, scope_at(AS_AT)).set_index("id").at[RISK, "score"] == 20
    )  # as at the earlier day: unchanged
    audit = data_loads(seeded)[-1]
    assert (audit["actor"], audit["action"], audit["rows_added"]) == ("ana", "edit", 1)
    assert audit["detail"] == f"reassessment RA-{RISK}-01 on risk {RISK}"


def test_a_second_save_from_the_same_opening_is_refused(seeded: Engine) -> None:
    first, second = open_record(seeded, "risk", RISK), open_record(seeded, "risk", RISK)
    reassess(seeded, first)
    before = snapshot(seeded)
    with pytest.raises(EditConflict, match="^ana changed this record at"):
        reassess(seeded, second, likelihood=4)
    assert snapshot(seeded) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"likelihood": 6}, "likelihood"), ({"impact": 0}, "impact"), ({"assessed_on": date(2025, 1, 1)}, "assessed_on")],
)
def test_a_reassessment_out_of_range_changes_nothing(seeded: Engine, changes: dict, field: str) -> None:
    before = snapshot(seeded)
    with pytest.raises(EditInvalid) as refused:
        reassess(seeded, open_record(seeded, "risk", RISK), **changes)
    assert [name for name, _ in refused.value.problems] == [field]
    assert snapshot(seeded) == before


def test_a_viewer_may_not_reassess(seeded: Engine) -> None:
    before = snapshot(seeded)
    with pytest.raises(NotAllowed):
        reassess(seeded, open_record(seeded, "risk", RISK), actor=Actor("vic", Role.VIEWER))
    assert snapshot(seeded) == before


def test_moving_a_forecast_shows_as_a_move_and_slippage(seeded: Engine) -> None:
    opened = open_record(seeded, "milestone", MILESTONE)
    saved = move_forecast(
        seeded,
        opened,
        changed_on=TODAY,
        forecast_date=date(2027, 12, 31),
        note="After the partnership talks.",
        source="Board minutes",
        actor=analyst("ana"),
    )
    assert saved.record_id == f"MF-{MILESTONE}-01"
    register = milestone_register(seeded, scope_at(TODAY)).set_index("id")
    assert (register.at[MILESTONE, "forecast_date"], register.at[MILESTONE, "slippage_days"]) == (
        date(2027, 12, 31),
        (date(2027, 12, 31) - date(2027, 9, 30)).days,
    )


def test_a_forecast_change_before_the_baseline_is_refused(seeded: Engine) -> None:
    before = snapshot(seeded)
    with pytest.raises(EditInvalid) as refused:
        move_forecast(
            seeded,
            open_record(seeded, "milestone", MILESTONE),
            changed_on=date(2025, 6, 1),
            forecast_date=date(2027, 12, 31),
            note="",
            source="Board minutes",
            actor=analyst(),
        )
    assert refused.value.problems == [
        (
            "changed_on",
            "2025-06-01 is before milestone 'MS-1847-EXT1' was baselined (2025-07-01): "
            "a forecast can only move once there is a baseline",
        )
    ]
    assert snapshot(seeded) == before


def test_an_actual_date_is_recorded_but_never_in_the_future(seeded: Engine) -> None:
    before = snapshot(seeded)
    with pytest.raises(EditInvalid) as refused:
        record_actual(
            seeded, open_record(seeded, "milestone", MILESTONE), actual_date=TODAY + timedelta(days=1), actor=analyst()
        )
    assert [name for name, _ in refused.value.problems] == ["actual_date"]
    assert snapshot(seeded) == before
    record_actual(seeded, open_record(seeded, "milestone", MILESTONE), actual_date=TODAY, actor=analyst())
    row = milestone_register(seeded, scope_at(TODAY)).set_index("id").loc[MILESTONE]
    assert (row["status"], row["actual_date"]) == ("Achieved", TODAY)


def test_an_action_is_closed_and_counted_as_done(seeded: Engine) -> None:
    opened = open_record(seeded, "board action", ACTION)
    update_action(
        seeded, opened, status="Done", closed_date=AS_AT, latest_update="Terms shared with the City.", actor=analyst()
    )
    assert action_outcomes(seeded, scope_at(AS_AT, since=LAST_BOARD)) == {
        "Done": 5,
        "Dropped": 0,
        "Overdue": 0,
        "Open": 0,
    }


def test_a_done_action_needs_its_closed_date(seeded: Engine) -> None:
    before = snapshot(seeded)
    with pytest.raises(EditInvalid) as refused:
        update_action(
            seeded,
            open_record(seeded, "board action", ACTION),
            status="Done",
            closed_date=None,
            latest_update="Done.",
            actor=analyst(),
        )
    assert [name for name, _ in refused.value.problems] == ["closed_date"]
    assert snapshot(seeded) == before


# The forms on the Update data page, driven through AppTest on a private copy of the seeded database.


@pytest.fixture
def writable(seeded_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = writable_copy(seeded_url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def update_page(email: str, task: str):
    at = update_task(email, task)
    assert not at.exception
    return at


def test_an_analyst_reassesses_a_risk_in_the_app_and_the_page_shows_it(writable: Engine) -> None:
    at = update_page(ANALYST, "Reassess a risk")
    at.selectbox(key="edit_risk").select(RISK).run()
    at.date_input(key=f"ra_date_{RISK}_0").set_value(AS_AT)
    at.selectbox(key=f"ra_likelihood_{RISK}_0").select(5)
    at.selectbox(key=f"ra_impact_{RISK}_0").select(5)
    at.text_area(key=f"ra_note_{RISK}_0").input("Further decision not yet drafted.")
    at.text_input(key=f"ra_source_{RISK}_0").input("Board minutes, November 2026")
    next(button for button in at.button if button.label == "Save reassessment").click().run()
    assert not at.exception and not at.error
    assert any(element.value.startswith("Saved: change 2 in the audit log.") for element in at.success)
    assert risk_history(writable, scope_at(AS_AT), RISK)["score"].tolist() == [12, 16, 20, 25]
    assert data_loads(writable)[-1]["actor"] == ANALYST


def test_a_forecast_before_the_baseline_is_listed_by_field_in_the_app(writable: Engine) -> None:
    at = update_page(ANALYST, "Move a milestone")
    at.selectbox(key="edit_milestone").select(MILESTONE).run()
    at.date_input(key=f"mf_changed_{MILESTONE}_0").set_value(date(2025, 6, 1))
    at.date_input(key=f"mf_forecast_{MILESTONE}_0").set_value(date(2027, 12, 31))
    at.text_input(key=f"mf_source_{MILESTONE}_0").input("Board minutes")
    next(button for button in at.button if button.label == "Save forecast").click().run()
    assert at.error[0].value == "Not saved: please correct the following."
    problems = next(frame.value for frame in at.dataframe if "Problem" in frame.value.columns)
    assert problems["Field"].tolist() == ["Changed on"]
    assert data_version(writable) == 1
