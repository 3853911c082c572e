"""The Meeting page: the agenda one item at a time, in the address, each as it stood on the meeting's day; and
the secretary recording the meeting as it goes, through the write path, with the audit naming who.

Expected values are worked out from the seed's CSV files, not from the app's queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.presentation.formatting import literal, money
from data_model.db import make_engine
from tests.helpers.seeded import metrics, open_page, rerun, rows
from tests.helpers.update_files import ANALYST, VIEWER, app_as, update_task, writable_copy

MEETING_PAGE = "app_pages/meeting.py"


def attendance_of(meeting: str) -> dict[str, int]:
    found = [row["attendance"] for row in rows("board_attendance") if row["meeting_id"] == meeting]
    return {kind: found.count(kind) for kind in ("present", "apologies", "in attendance")}


def heading(at) -> str:
    return next(element.value for element in at.markdown if element.value.startswith("### "))


def test_the_page_opens_at_the_last_board_with_its_attendance(app_env):
    at = open_page("meeting")  # as at 22 Nov 2026: no board to come, so the last one held
    assert at.selectbox(key="meeting").value == "BOARD-2026-10"
    assert heading(at) == "### 1. Welcome, attendance and apologies†"
    counts = attendance_of("BOARD-2026-10")
    assert counts == {"present": 5, "apologies": 1, "in attendance": 1}
    assert metrics(at) == {"Present": "5†", "Apologies": "1†", "In attendance": "1†"}
    notes = {metric.label: metric.proto.delta for metric in at.metric}
    assert notes == {
        "Present": "all sample data (5 entries)",
        "Apologies": "all sample data",
        "In attendance": "all sample data",
    }
    assert [title.value for title in at.title] == ["Board meeting, 15 Oct 2026†"]
    assert any("October 2026. Minutes: draft" in caption.value for caption in at.caption)


def test_every_agenda_item_opens_in_turn_as_it_stood_that_day(app_env):
    at = open_page("meeting", meeting="BOARD-2026-10")
    agenda = [row for row in rows("agenda_item") if row["meeting_id"] == "BOARD-2026-10"]
    assert len(agenda) == 12
    for row in agenda:
        at.session_state["item"] = int(row["number"])
        rerun(at)
        assert heading(at) == f"### {row['number']}. {literal(row['title'])}†"  # the title as text, not markup
    # Item 7, money: spend to the end of 15 Oct 2026, summed here from spend.csv.
    at.session_state["item"] = 7
    rerun(at)
    spent = sum(Decimal(row["amount"]) for row in rows("spend") if row["spend_date"] <= "2026-10-15")
    assert metrics(at)["Spent to date"] == f"{money(spent)}†"
    assert metrics(at)["Approved"] == "£819,116†"


def test_a_link_opens_an_item_of_another_meeting_with_its_decisions(app_env):
    at = open_page("meeting", meeting="BOARD-2026-08", item="10")
    assert heading(at) == "### 10. Decisions needed†"
    decided = " ".join(element.value for element in at.markdown if element.value.startswith("**Decision"))
    assert "**Decision (agreed):** Explore options for a young victims forum before the October board†" in decided
    assert any("Minutes confirmed on 15 Oct 2026: the record is locked." in caption.value for caption in at.caption)


def test_an_item_not_on_the_agenda_is_said_and_the_first_shown(app_env):
    at = open_page("meeting", item="13")
    said = " ".join(warning.value for warning in at.warning)
    assert "item=“13”, which is not a page of this agenda \\(1 to 12\\)" in said
    assert heading(at) == "### 1. Welcome, attendance and apologies†"


def test_with_documented_figures_only_no_sample_meeting_is_shown(app_env):
    at = open_page("meeting", documented_only="true")
    assert "No board meeting is on record from the documents." in " ".join(info.value for info in at.info)
    assert not at.metric


def test_a_viewer_sees_no_recording_forms(app_env):
    at = app_as(VIEWER)
    at.run()
    at.switch_page(MEETING_PAGE)
    rerun(at)
    assert not [button.label for button in at.button if button.label.startswith("Save")]


@pytest.fixture
def writable(seeded_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = writable_copy(seeded_url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def secretary_on(item: int, meeting: str = "BOARD-2026-10"):
    at = app_as(ANALYST)
    at.query_params.update({"meeting": meeting, "item": str(item)})
    at.run()
    at.switch_page(MEETING_PAGE)
    return rerun(at)


def scalar(engine: Engine, sql: str, **values) -> object:
    with engine.connect() as connection:
        return connection.execute(text(sql), values).scalar()


def test_the_secretary_records_attendance_a_decision_and_a_new_action(writable: Engine):
    at = secretary_on(4)
    assert [button.label for button in at.button if button.label.startswith("Save")] == [
        "Save attendance",
        "Save decision",
        "Save new action",
        "Save new risk",
    ]
    at.text_input(key="at_name_BOARD-2026-10_0").input("Late member")
    at.text_input(key="at_org_BOARD-2026-10_0").input("MOPAC")
    at.button(key="FormSubmitter:attendance_BOARD-2026-10-Save attendance").click()
    rerun(at)
    assert "Saved: change 2 in the audit log" in " ".join(success.value for success in at.success)
    assert scalar(writable, "SELECT attendance FROM board_attendance WHERE id = 'AT-2026-10-08'") == "present"
    at.text_area(key="bd_summary_BOARD-2026-10_1").input("Ask for the spend forecast monthly")
    at.button(key="FormSubmitter:decision_BOARD-2026-10-Save decision").click()
    rerun(at)
    assert (
        scalar(writable, "SELECT agenda_item_id FROM board_decision WHERE id = 'BD-2026-10-05'") == "BOARD-2026-10-04"
    )
    at.text_input(key="na_action_BOARD-2026-10_2").input("Send the forecast to members")
    at.text_input(key="na_owner_BOARD-2026-10_2").input("MOPAC Finance")
    at.button(key="FormSubmitter:new_action_BOARD-2026-10-Save new action").click()
    rerun(at)
    assert scalar(writable, "SELECT due_date FROM board_action WHERE id = 'BA-2026-10-06'") in (
        date(2026, 11, 12),
        "2026-11-12",
    )  # 28 days after the meeting, the form's default
    who = scalar(writable, "SELECT COUNT(*) FROM data_load WHERE actor = :who AND action = 'edit'", who=ANALYST)
    assert who == 3
    detail = scalar(writable, "SELECT detail FROM data_load ORDER BY id DESC LIMIT 1")
    assert detail == "new action BA-2026-10-06 on board meeting BOARD-2026-10"


def test_a_blank_decision_is_refused_in_the_rulebook_s_words_and_nothing_is_saved(writable: Engine):
    at = secretary_on(4)
    at.button(key="FormSubmitter:decision_BOARD-2026-10-Save decision").click()
    rerun(at)
    assert "Not saved: please correct the following." in [error.value for error in at.error]
    assert scalar(writable, "SELECT COUNT(*) FROM data_load") == 1


def test_a_confirmed_meeting_takes_new_actions_but_not_attendance_or_decisions(writable: Engine):
    at = secretary_on(2, "BOARD-2026-08")
    assert [button.label for button in at.button if button.label.startswith("Save")] == [
        "Save new action",
        "Save new risk",
    ]
    assert any("attendance and decisions are locked" in caption.value for caption in at.caption)


def test_the_secretary_records_a_new_risk_raised_on_the_meeting_day(writable: Engine):
    at = secretary_on(5)
    at.text_input(key="nr_title_BOARD-2026-10_0").input("Partner withdraws from the City partnership")
    at.text_input(key="nr_owner_BOARD-2026-10_0").input("MOPAC Victims Commissioning")
    at.selectbox(key="nr_likelihood_BOARD-2026-10_0").set_value(4)
    at.selectbox(key="nr_impact_BOARD-2026-10_0").set_value(5)
    at.button(key="FormSubmitter:new_risk_BOARD-2026-10-Save new risk").click()
    rerun(at)
    with writable.connect() as connection:
        risk = connection.execute(text("SELECT * FROM risk WHERE id = 'RISK-2026-10-01'")).mappings().one()
    assert (risk["likelihood"], risk["impact"], risk["status"], risk["target_score"]) == (4, 5, "Open", 6)
    assert str(risk["raised_date"]) == "2026-10-15"  # the meeting's day
    assert bool(risk["illustrative"]) is True  # sample data, as the meeting is
    assert risk["source"] == "Minutes of BOARD-2026-10"


def test_a_decision_names_the_record_it_concerns_and_the_changes_page_says_so(writable: Engine):
    at = secretary_on(5)
    concerns = at.selectbox(key="bd_concerns_BOARD-2026-10_0")
    risk = ("risk_id", "RISK-1847-CITY")
    assert concerns.format_func(risk) == "Risk RISK-1847-CITY: Partnership with the City of London not yet agreed"
    assert concerns.value is None  # most decisions concern no one record
    at.text_area(key="bd_summary_BOARD-2026-10_0").input("Set a date for agreeing terms with the City")
    concerns.set_value(risk)
    at.button(key="FormSubmitter:decision_BOARD-2026-10-Save decision").click()
    rerun(at)
    with writable.connect() as connection:
        saved = connection.execute(text("SELECT * FROM board_decision WHERE id = 'BD-2026-10-05'")).mappings().one()
    assert (saved["agenda_item_id"], saved["risk_id"], saved["decision_ref"]) == (
        "BOARD-2026-10-05",
        "RISK-1847-CITY",
        None,
    )
    at.switch_page("app_pages/changes.py")
    rerun(at)
    decided = next(frame.value for frame in at.dataframe if "Concerns" in frame.value.columns)
    assert list(decided.loc[decided["Decision"] == "Set a date for agreeing terms with the City", "Concerns"]) == [
        "risk RISK-1847-CITY"
    ]


def test_the_board_reassesses_a_risk_while_it_discusses_the_risks(writable: Engine):
    at = secretary_on(5)  # 5. Risks and issues above target
    assert "Reassess a risk" in [header.value for header in at.subheader]
    at.selectbox(key="edit_risk").set_value("RISK-1847-CITY")
    rerun(at)
    at.selectbox(key="ra_likelihood_RISK-1847-CITY_0").set_value(2)
    at.selectbox(key="ra_impact_RISK-1847-CITY_0").set_value(4)
    at.text_area(key="ra_note_RISK-1847-CITY_0").input("Terms drafted with the City")
    at.text_input(key="ra_source_RISK-1847-CITY_0").input("Minutes of BOARD-2026-10")
    at.button(key="FormSubmitter:reassess_RISK-1847-CITY-Save reassessment").click()
    rerun(at)
    latest = "SELECT likelihood * impact FROM risk_assessment WHERE risk_id = 'RISK-1847-CITY' AND note = :note"
    assert scalar(writable, latest, note="Terms drafted with the City") == 8
    assert scalar(writable, "SELECT actor FROM data_load ORDER BY id DESC LIMIT 1") == ANALYST


def test_only_the_risks_and_milestones_items_offer_their_updates(writable: Engine):
    offered = {item: [header.value for header in secretary_on(item).subheader] for item in (4, 5, 6)}
    assert "Move a milestone" in offered[6] and "Reassess a risk" not in offered[6]
    assert not {"Reassess a risk", "Move a milestone"} & set(offered[4])


def add_meeting_on_update_data(day: date, title: str):
    """The secretary fills in Update data's "Add a board meeting" and saves it."""
    at = update_task(ANALYST, "Add to a meeting's record")
    at.date_input(key="nm_date_new_meeting_0").set_value(day)
    at.text_input(key="nm_title_new_meeting_0").input(title)
    at.text_input(key="nm_source_new_meeting_0").input("Board forward plan")
    at.button(key="FormSubmitter:new_meeting-Save new meeting").click()
    return rerun(at)


def test_the_secretary_adds_the_next_meeting_and_the_meeting_page_walks_its_standard_agenda(writable: Engine):
    at = add_meeting_on_update_data(date(2026, 12, 10), "December 2026 board")
    assert "Saved: change 2 in the audit log" in " ".join(success.value for success in at.success)
    assert at.text_input(key="nm_title_new_meeting_1").value == ""  # the form starts afresh
    at.switch_page(MEETING_PAGE)
    rerun(at)  # as at 22 Nov 2026 the December board is the next to come: the page opens at it
    assert [title.value for title in at.title] == ["Board meeting, 10 Dec 2026"]  # no †: a real meeting
    assert heading(at) == "### 1. Welcome, attendance and apologies"
    assert any("Minutes: draft" in caption.value for caption in at.caption)


def test_a_second_meeting_in_a_month_is_refused_with_the_one_already_there(writable: Engine):
    at = add_meeting_on_update_data(date(2026, 10, 29), "Extra October board")
    assert "Not saved: please correct the following." in [error.value for error in at.error]
    problems = at.dataframe[-1].value
    assert list(problems["Field"]) == ["Meeting date"]
    assert "already meets in October 2026: BOARD-2026-10" in problems["Problem"].iloc[0]
    assert scalar(writable, "SELECT COUNT(*) FROM board_meeting") == len(rows("board_meeting"))
