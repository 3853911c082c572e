"""The decisions' conditions at their edges: a cap per year at £19,999, £20,000 and £20,001, the near share
just under and at it, the last day of a financial year and the first of the next, a contract year's
anniversary, a forecast worked out by hand, what changed since a board, and bad condition rows.

Every figure is worked out here from the payments the test writes, never from the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.queries.briefing import TABLE_LABELS
from data_model.queries.conditions import (
    RATE_DAYS,
    condition_checks,
    forecast_day,
    newly_reached,
    period_on,
    spend_forecasts,
    status_of,
)
from data_model.tables import SEED_TABLES
from data_model.writes.csv_files import ValidationFailed, read_directory
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.minimal_set import write_set
from tests.helpers.scopes import scope_at

CONDITION_HEADER = (
    "id,decision_ref,kind,description,amount,counted,period_start,period_months,past_it,near_percent,"
    "project_reading,source,illustrative\n"
)
LINES = (
    "id,decision_ref,purpose,financial_year,funding_source,amount,kind,project_reading,source,illustrative\n"
    "Y1,PCD 1,Facilitation year 1,2025/26,Hub,20000,initial,,PCD 1 §3,false\n"
    "Y2,PCD 1,Facilitation year 2,2026/27,Hub,20000,initial,,PCD 1 §3,false\n"
    "OTHER,PCD 1,Evaluation,2025/26,Hub,5000,initial,,PCD 1 §3,false\n"
)
CAPS = CONDITION_HEADER + (
    "YEAR,PCD 1,cap per year,£20000 per annum,20000,financial year,,,breach,80,,PCD 1 §3,false\n"
    "CONTRACT,PCD 1,cap per year,£20000 a contract year,20000,contract year,2025-10-01,,breach,80,,PCD 1 §3,false\n"
    "LINE,PCD 1,further-decision line,above £50000 needs a further decision,50000,whole life,,,further decision,"
    "80,,PCD 1 §4,false\n"
)
COVERED = (
    "id,condition_id,budget_line_id,source,illustrative\n"
    "C1,YEAR,Y1,PCD 1 §3,false\nC2,YEAR,Y2,PCD 1 §3,false\n"
    "C3,CONTRACT,Y1,PCD 1 §3,false\nC4,CONTRACT,Y2,PCD 1 §3,false\n"
)
SPEND_HEADER = "id,spend_date,amount,budget_line_id,supplier,description,source,illustrative\n"


def load(
    engine: Engine, folder: Path, payments: list[tuple[str, str, str]], *, sample: bool = False, caps: str = CAPS
) -> None:
    """The minimal set with the lines and conditions above (or `caps`) and `payments` (day, amount, line) only."""
    spend = SPEND_HEADER + "".join(
        f"P{number},{day},{amount},{line},Facilitator,,Ledger,{str(sample).lower()}\n"
        for number, (day, amount, line) in enumerate(payments, 1)
    )
    contents = {
        "budget_line.csv": LINES,
        "decision_condition.csv": caps,
        "condition_line.csv": COVERED,
        "spend.csv": spend,
    }
    load_directory(engine, write_set(folder, contents=contents), actor=analyst())


def check(engine: Engine, condition_id: str, as_at: date, **scope: object):
    checks = condition_checks(engine, scope_at(as_at, **scope)).set_index("condition_id")
    return checks.loc[condition_id]


# -- the rules alone, by hand ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("used", "status"),
    [
        ("15999.99", "within"),  # a penny under 80% of £20,000
        ("16000", "near"),  # exactly 80%
        ("19999", "near"),
        ("20000", "reached"),
        ("20001", "breached"),
    ],
)
def test_status_at_each_edge_of_a_20000_cap(used, status):
    assert status_of(Decimal(used), Decimal(20000), 80) == status


def test_the_financial_year_holding_a_day_runs_april_to_march():
    assert period_on("financial year", None, date(2026, 3, 31)).start == date(2025, 4, 1)
    assert period_on("financial year", None, date(2026, 3, 31)).end == date(2026, 3, 31)
    assert period_on("financial year", None, date(2026, 4, 1)).start == date(2026, 4, 1)
    assert period_on("financial year", None, date(2026, 4, 1)).end == date(2027, 3, 31)


def test_a_contract_year_turns_on_its_anniversary():
    start = date(2025, 10, 1)
    assert period_on("contract year", start, date(2026, 9, 30)).start == start
    assert period_on("contract year", start, date(2026, 9, 30)).end == date(2026, 9, 30)
    assert period_on("contract year", start, date(2026, 10, 1)).start == date(2026, 10, 1)
    assert period_on("whole life", None, date(2026, 10, 1)).start is None


def test_the_forecast_runs_the_recent_rate_on():
    # £8,500 left at £19,250 per 180 days: 8,500 x 180 / 19,250 = 79.48, so day 80.
    day = date(2026, 11, 22)
    assert forecast_day(Decimal(41500), Decimal(50000), Decimal(19250), day, None) == day + timedelta(days=80)
    assert forecast_day(Decimal(41500), Decimal(50000), Decimal(19250), day, date(2027, 2, 9)) is None  # past the end
    assert forecast_day(Decimal(41500), Decimal(50000), Decimal(19250), day, date(2027, 2, 10)) == date(2027, 2, 10)
    assert forecast_day(Decimal(41500), Decimal(50000), Decimal(0), day, None) is None  # no payments, no date
    assert forecast_day(Decimal(50000), Decimal(50000), Decimal(19250), day, None) is None  # already reached


# -- over a database -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("second", "status", "headroom"),
    [("8999", "near", 1), ("9000", "reached", 0), ("9001", "breached", -1)],
)
def test_a_cap_per_year_adds_its_lines_in_the_year(engine, tmp_path, second, status, headroom):
    """£11,000 on year 1's line and £8,999 / £9,000 / £9,001 on year 2's, one day in 2026/27."""
    load(engine, tmp_path / "files", [("2026-06-30", "11000", "Y1"), ("2026-06-30", second, "Y2")])
    year = check(engine, "YEAR", date(2026, 7, 1))
    assert (year["used"], year["headroom"], year["status"]) == (11000 + int(second), headroom, status)
    assert (year["period_from"], year["period_to"]) == (date(2026, 4, 1), date(2027, 3, 31))


def test_the_last_day_of_the_year_counts_in_it_and_the_next_day_starts_again(sqlite_engine, tmp_path):
    load(sqlite_engine, tmp_path / "files", [("2026-03-31", "20001", "Y1")])
    assert check(sqlite_engine, "YEAR", date(2026, 3, 30))["used"] == 0
    on_the_day = check(sqlite_engine, "YEAR", date(2026, 3, 31))
    assert (on_the_day["used"], on_the_day["status"]) == (20001, "breached")
    next_day = check(sqlite_engine, "YEAR", date(2026, 4, 1))
    assert (next_day["used"], next_day["status"]) == (0, "within")
    assert check(sqlite_engine, "LINE", date(2026, 4, 1))["used"] == 20001  # whole life: never starts again


def test_a_contract_year_counts_from_its_start_day(sqlite_engine, tmp_path):
    """Contract years from 1 Oct 2025: £12,000 on 30 Sep 2026 is year 1's, £9,000 on 1 Oct 2026 year 2's."""
    load(sqlite_engine, tmp_path / "files", [("2026-09-30", "12000", "Y1"), ("2026-10-01", "9000", "Y2")])
    assert check(sqlite_engine, "CONTRACT", date(2026, 9, 30))["used"] == 12000
    assert check(sqlite_engine, "CONTRACT", date(2026, 10, 1))["used"] == 9000
    assert check(sqlite_engine, "YEAR", date(2026, 10, 1))["used"] == 21000  # both in 2026/27
    assert check(sqlite_engine, "YEAR", date(2026, 10, 1))["status"] == "breached"


def test_a_condition_without_named_lines_counts_all_its_decisions_lines(sqlite_engine, tmp_path):
    load(sqlite_engine, tmp_path / "files", [("2026-05-01", "30000", "Y1"), ("2026-05-02", "10000", "OTHER")])
    line = check(sqlite_engine, "LINE", date(2026, 5, 2))
    assert (line["used"], line["share"], line["status"]) == (40000, 0.8, "near")
    assert check(sqlite_engine, "YEAR", date(2026, 5, 2))["used"] == 30000  # OTHER is not a facilitation line


def test_the_forecast_over_a_database_matches_the_hand_worked_day(sqlite_engine, tmp_path):
    """£9,000 paid 90 days before the as-at day, within the last 180: £9,000 per 180 days, £11,000 to go on
    the £20,000 a year: 11,000 x 180 / 9,000 = 220 days; the year ends sooner, the £50,000 line does not
    (£41,000 to go: 820 days)."""
    as_at = date(2026, 11, 1)
    load(sqlite_engine, tmp_path / "files", [((as_at - timedelta(days=90)).isoformat(), "9000", "Y1")])
    year, line = check(sqlite_engine, "YEAR", as_at), check(sqlite_engine, "LINE", as_at)
    assert as_at + timedelta(days=220) > date(2027, 3, 31)
    assert year["forecast_date"] is None and year["forecast"].startswith("not within the year")
    assert line["forecast_date"] == as_at + timedelta(days=820)
    assert f"last {RATE_DAYS} days" in line["forecast"]
    drawn = spend_forecasts(sqlite_engine, scope_at(as_at))
    assert drawn[["kind", "from_spent", "to_day", "to_spent"]].values.tolist() == [
        ["further-decision line", 9000, as_at + timedelta(days=820), 50000]
    ]


def test_a_payment_older_than_the_window_sets_no_rate(sqlite_engine, tmp_path):
    as_at = date(2026, 11, 1)
    load(sqlite_engine, tmp_path / "files", [((as_at - timedelta(days=RATE_DAYS)).isoformat(), "9000", "Y2")])
    assert check(sqlite_engine, "LINE", as_at)["forecast"].startswith("not reached: no payments")
    load(sqlite_engine, tmp_path / "more", [((as_at - timedelta(days=RATE_DAYS - 1)).isoformat(), "9000", "Y2")])
    assert check(sqlite_engine, "LINE", as_at)["forecast_date"] is not None


def test_newly_reached_names_what_crossed_since_the_board(sqlite_engine, tmp_path):
    load(sqlite_engine, tmp_path / "files", [("2026-06-01", "15000", "Y1"), ("2026-06-20", "6000", "Y2")])
    reached = newly_reached(sqlite_engine, scope_at(date(2026, 6, 20), since=date(2026, 6, 19)))
    assert reached[["condition_id", "status_then", "status"]].values.tolist() == [
        ["CONTRACT", "within", "breached"],  # contract year 1, from 1 Oct 2025
        ["YEAR", "within", "breached"],  # 2026/27
    ]
    assert newly_reached(sqlite_engine, scope_at(date(2026, 6, 19), since=date(2026, 6, 18))).empty


def test_sample_payments_are_marked_and_left_out_when_documented_only(sqlite_engine, tmp_path):
    load(sqlite_engine, tmp_path / "files", [("2026-06-01", "21000", "Y1")], sample=True)
    assert check(sqlite_engine, "YEAR", date(2026, 6, 1))["illustrative"]
    documented = check(sqlite_engine, "YEAR", date(2026, 6, 1), documented_only=True)
    assert (documented["used"], documented["status"], documented["illustrative"]) == (0, "within", False)


TERM = (
    CAPS
    + "TERM,PCD 1,term,an initial period of 30 months,,whole life,2025-10-01,30,further decision,80,,PCD 1 §2,false\n"
)


@pytest.mark.parametrize(
    ("as_at", "status", "days_gone"),
    [
        (date(2027, 9, 21), "within", 721),  # 30 months from 1 Oct 2025 is 913 days, to 31 Mar 2028; 80% is 730.4
        (date(2027, 9, 30), "within", 730),  # 730 of 913 is 79.96%: still within
        (date(2027, 10, 1), "near", 731),
        (date(2028, 3, 31), "reached", 913),  # its last day
        (date(2028, 4, 1), "breached", 914),  # running on without the further decision that extends it
    ],
)
def test_a_term_counts_its_days_from_its_start(sqlite_engine, tmp_path, as_at, status, days_gone):
    load(sqlite_engine, tmp_path / "files", [], caps=TERM)
    term = check(sqlite_engine, "TERM", as_at)
    assert (term["period_from"], term["period_to"]) == (date(2025, 10, 1), date(2028, 3, 31))
    assert (term["status"], term["used"]) == (status, days_gone)


def test_a_whole_life_forecast_past_the_decisions_term_is_not_within_it(sqlite_engine, tmp_path):
    """£9,000 in the 180 days to 1 Nov 2026: the £50,000 line's £41,000 to go takes 820 days, to 30 Jan 2029,
    after the term's end on 31 Mar 2028."""
    load(sqlite_engine, tmp_path / "files", [("2026-08-03", "9000", "Y1")], caps=TERM)
    line = check(sqlite_engine, "LINE", date(2026, 11, 1))
    assert line["forecast_date"] is None and line["forecast"].startswith("not within the term")


# -- bad condition rows ------------------------------------------------------------------------------


GOOD_ROW = "YEAR,PCD 1,cap per year,£20000 per annum,20000,financial year,,,breach,80,,PCD 1 §3,false"


@pytest.mark.parametrize(
    ("old", "new", "column", "gist"),
    [
        ("cap per year,£", "cap per week,£", "kind", "is not a kind of condition"),
        (",20000,financial", ",-20000,financial", "amount", "negative"),
        ("financial year,,", "contract year,,", "period_start", "needs the day its first year starts"),
        (",breach,", ",warn,", "past_it", "is not a consequence"),
    ],
)
def test_a_bad_condition_is_named_by_file_row_and_column(tmp_path, old, new, column, gist):
    contents = {"decision_condition.csv": CONDITION_HEADER + GOOD_ROW.replace(old, new, 1) + "\n"}
    contents["condition_line.csv"] = "id,condition_id,budget_line_id,source,illustrative\nC1,YEAR,B1,PCD 1 §3,false\n"
    with pytest.raises(ValidationFailed) as failure:
        read_directory(write_set(tmp_path / "bad", contents=contents))
    [problem] = failure.value.problems
    assert (problem.file, problem.row, problem.column) == ("decision_condition.csv", 2, column)
    assert gist in problem.message


def test_the_good_condition_row_is_accepted(tmp_path):
    contents = {"decision_condition.csv": CONDITION_HEADER + GOOD_ROW + "\n"}
    contents["condition_line.csv"] = "id,condition_id,budget_line_id,source,illustrative\nC1,YEAR,B1,PCD 1 §3,false\n"
    assert len(read_directory(write_set(tmp_path / "good", contents=contents))["decision_condition"]) == 1


def test_the_packs_sources_name_the_condition_tables():
    assert set(TABLE_LABELS) == {model.__tablename__ for model in SEED_TABLES}
    assert TABLE_LABELS["decision_condition"] == "Decision conditions"
