"""Every chart's text alternative, in AppTest: its one-sentence summary names the figures a reader would
read off the chart, worked out here from the seed CSVs, and its "Chart data" toggle shows the data.

The summaries are plain text (st.text). Forum participant counts under 5 stay hidden in them and in
the chart's table.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

import pandas as pd

from dashboard.widgets.status_charts import dated_mix, status_mix_figure
from tests.helpers.seeded import AS_AT, AS_AT_ISO, open_page, rerun, rows

SMALL = 5
SPENT = re.compile(r"^Of (£[\d,]+) spent, the most was in (\S+) \((£[\d,]+)\) and the least in (\S+) \((£[\d,]+)\)\.$")


def pounds(amount: Decimal) -> str:
    return f"£{round(amount):,}"


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def financial_year(day_iso: str) -> str:
    year, month = int(day_iso[:4]), int(day_iso[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def summary(at, starts: str, holding: str = "") -> str:
    """The one text on the page starting `starts` (and holding `holding`)."""
    found = [text.value for text in at.text if text.value.startswith(starts) and holding in text.value]
    assert len(found) == 1, [text.value for text in at.text]
    return found[0]


def paid_by_year() -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for payment in rows("spend"):
        if payment["spend_date"] <= AS_AT_ISO:
            year = financial_year(payment["spend_date"])
            totals[year] = totals.get(year, Decimal(0)) + Decimal(payment["amount"])
    return totals


def test_spend_by_year_names_the_largest_and_smallest_year(app_env) -> None:
    at = open_page("spend")
    totals = paid_by_year()
    most, least = max(totals, key=totals.get), min(totals, key=totals.get)
    assert sorted(totals.values()).count(totals[most]) == 1, "the seed should have one largest year"
    text = summary(at, "Of £", "spent, the most was in")
    match = SPENT.match(text)
    assert match, text
    assert match.groups() == (pounds(sum(totals.values())), most, pounds(totals[most]), least, pounds(totals[least]))


def test_the_chart_data_toggle_shows_the_years_as_a_table(app_env) -> None:
    at = open_page("spend")
    tables_before = [list(table.value.columns) for table in at.table]
    toggle = next(toggle for toggle in at.toggle if toggle.label == "Chart data: Spent by financial year")
    assert toggle.value is False
    toggle.set_value(True)
    rerun(at)
    assert len(at.table) == len(tables_before) + 1
    [shown] = [table.value for table in at.table if list(table.value.columns) not in tables_before]
    assert list(shown.columns) == ["Financial year", "Spent"]
    assert dict(zip(shown["Financial year"], shown["Spent"], strict=True)) == {
        year: pounds(amount) for year, amount in paid_by_year().items()
    }


def paid_days() -> dict[str, list[tuple[str, Decimal, Decimal]]]:
    """Each decision's payment days from the seed: (day, paid that day, spent to date), oldest first."""
    decision_of = {line["id"]: line["decision_ref"] for line in rows("budget_line")}
    days: dict[str, dict[str, Decimal]] = {}
    for payment in rows("spend"):
        if payment["spend_date"] <= AS_AT_ISO:
            paid = days.setdefault(decision_of[payment["budget_line_id"]], {})
            paid[payment["spend_date"]] = paid.get(payment["spend_date"], Decimal(0)) + Decimal(payment["amount"])
    running = {}
    for reference, paid in days.items():
        amounts = [paid[when] for when in sorted(paid)]
        running[reference] = list(zip(sorted(paid), amounts, accumulate(amounts), strict=True))
    return running


def test_cumulative_spend_says_where_each_decisions_total_stands(app_env) -> None:
    text = summary(open_page("spend"), "", " spent on PCD 1847 by ")
    sentences = text.splitlines()  # one sentence per decision drawn, in the register's order
    assert len(sentences) == len(rows("decision"))
    for reference, days in paid_days().items():
        (first_day, on_first_day, _), (last_day, _, total) = days[0], days[-1]
        initial = next(Decimal(d["initial_value"]) for d in rows("decision") if d["reference"] == reference)
        assert (
            f"{pounds(total)} spent on {reference} by {day(date.fromisoformat(last_day))}, rising from "
            f"{pounds(on_first_day)} at the first payment on {day(date.fromisoformat(first_day))}: "
            f"{round(100 * total / initial)}% of the initial approval of {pounds(initial)}."
        ) in sentences


def test_the_running_totals_chart_data_lists_every_payment_day_only_when_asked(app_env) -> None:
    at = open_page("spend")
    toggle = next(toggle for toggle in at.toggle if toggle.label == "Chart data: Cumulative spend by decision")
    assert toggle.value is False
    assert not any("Paid that day" in table.value.columns for table in at.table)  # not built until asked for
    toggle.set_value(True)
    rerun(at)
    [shown] = [table.value for table in at.table if "Paid that day" in table.value.columns]
    assert list(shown.columns) == ["Decision", "Date", "Paid that day", "Spent to date"]
    expected = [
        (reference, day(date.fromisoformat(when)), pounds(paid), pounds(total))
        for reference, days in sorted(paid_days().items())
        for when, paid, total in days
    ]
    assert list(shown.itertuples(index=False, name=None)) == expected  # every payment day, exactly


def latest_statuses() -> Counter:
    latest: dict[str, tuple[str, str, str]] = {}
    for update in rows("progress_update"):
        key = (update["update_date"], update["id"], update["status"])
        if update["update_date"] <= AS_AT_ISO and key > latest.get(update["recommendation_id"], ("",)):
            latest[update["recommendation_id"]] = key
    return Counter(latest[r["id"]][2] if r["id"] in latest else "Not started" for r in rows("recommendation"))


def test_the_overview_names_the_commonest_and_rarest_status(app_env) -> None:
    counts = latest_statuses()
    text = summary(open_page("overview"), "Of ", " recommendations, ")
    match = re.match(r"^Of (\d+) recommendations, most are (.+) \((\d+)\) and fewest (.+) \((\d+)\)\.$", text)
    assert match, text
    total, most, most_count, fewest, fewest_count = match.groups()
    assert int(total) == sum(counts.values())
    assert counts[most] == int(most_count) == max(counts.values())
    assert counts[fewest] == int(fewest_count) == min(counts.values())


def test_forum_attendance_names_the_largest_meeting_and_hides_small_ones(app_env) -> None:
    forum = next(f for f in rows("forum") if f["cohort"] == "Disabled victims")
    year_ago = AS_AT.replace(year=AS_AT.year - 1).isoformat()
    meetings = [
        (m["meeting_date"], int(m["participants"]))
        for m in rows("forum_meeting")
        if m["forum_id"] == forum["id"] and year_ago <= m["meeting_date"] <= AS_AT_ISO
    ]
    small = [count for _, count in meetings if count < SMALL]
    largest = max(count for _, count in meetings)
    when = next(date.fromisoformat(d) for d, count in meetings if count == largest)
    assert small, "the seed should have a small meeting in the year"

    at = open_page("forums", forum=forum["cohort"])
    text = summary(at, f"{len(meetings)} meetings from")
    assert f"the largest had {largest} participants ({day(when)})" in text
    assert text.endswith(f"and {len(small)} had fewer than {SMALL} (not shown).")
    next(t for t in at.toggle if t.label == "Chart data: Participants per meeting").set_value(True)
    rerun(at)
    shown = list(at.table[-1].value["Participants"])
    assert shown.count(f"<{SMALL}") == len(small)
    assert not any(str(count) in shown for count in small), shown


def quarter_rates() -> dict[str, dict[str, float]]:
    """Quarter -> measure -> served ÷ eligible over every agency, for the quarters ended by the as-at date."""
    sums: dict[tuple[str, str], list[int]] = {}
    for row in rows("compliance_measure"):
        served_eligible = sums.setdefault((row["quarter"], row["measure"]), [0, 0])
        served_eligible[0] += int(row["numerator"])
        served_eligible[1] += int(row["denominator"])
    rates: dict[str, dict[str, float]] = {}
    for (quarter, measure), (served, eligible) in sums.items():
        rates.setdefault(quarter, {})[measure] = served / eligible
    return rates


def test_compliance_names_the_highest_and_lowest_rate_of_the_latest_quarter(app_env) -> None:
    text = summary(open_page("compliance"), "In ")
    match = re.match(r"^In (\d{4}/\d\d Q\d), (.+) has the highest rate \((\d+)%\) and (.+) the lowest \((\d+)%\)", text)
    assert match, text
    quarter, highest, high, lowest, low = match.groups()
    rates = quarter_rates()
    assert quarter == "2026/27 Q2" and quarter in rates
    assert rates[quarter][highest] == max(rates[quarter].values()) and round(100 * rates[quarter][highest]) == int(high)
    assert rates[quarter][lowest] == min(rates[quarter].values()) and round(100 * rates[quarter][lowest]) == int(low)


def test_the_status_mix_names_the_latest_mix_and_how_complete_and_red_moved(app_env) -> None:
    counts = latest_statuses()
    text = summary(open_page("recommendations"), f"On {day(AS_AT)} (as at)")
    match = re.match(
        r"^On .+ \(as at\), most recommendations were (.+) \((\d+)\) and fewest (.+) \((\d+)\); since .+, "
        r"Complete from \d+ to (\d+) and Red from \d+ to (\d+)\.$",
        text,
    )
    assert match, text
    most, most_count, fewest, fewest_count, complete, red = match.groups()
    assert counts[most] == int(most_count) == max(counts.values())
    assert counts[fewest] == int(fewest_count) == min(counts.values())
    assert (int(complete), int(red)) == (counts["Complete"], counts["Red"])


def test_a_risks_score_history_names_first_latest_and_highest_against_its_target(app_env) -> None:
    risk = next(row for row in rows("risk") if row["id"] == "RISK-1847-SPEND")
    steps = [(risk["raised_date"], int(risk["likelihood"]) * int(risk["impact"]))] + [
        (row["assessed_on"], int(row["likelihood"]) * int(row["impact"]))
        for row in sorted(rows("risk_assessment"), key=lambda row: (row["assessed_on"], row["id"]))
        if row["risk_id"] == risk["id"] and row["assessed_on"] <= AS_AT_ISO
    ]
    target = int(risk["target_score"])
    highest = max(steps, key=lambda step: step[1])
    expected = (
        f"{len(steps)} assessments from {day(date.fromisoformat(steps[0][0]))} to "
        f"{day(date.fromisoformat(steps[-1][0]))}: score {steps[0][1]} at first and {steps[-1][1]} at the latest, "
        f"{'above' if steps[-1][1] > target else 'within'} its target of {target}; highest {highest[1]} on "
        f"{day(date.fromisoformat(highest[0]))}."
    )
    at = open_page("risks", risk=risk["id"])
    assert summary(at, f"{len(steps)} assessments from") == expected


def test_the_milestone_timeline_says_how_many_slipped_and_which_the_most(app_env) -> None:
    at = open_page("milestones")
    text = summary(at, "", "milestones drawn")
    drawn = int(text.split(" ")[0])
    assert drawn == min(30, len(rows("milestone")))
    assert re.fullmatch(
        r"\d+ milestones drawn(, \d+ slipped beyond their baseline; the most, .+, by \d+ days|; none .+)\.", text
    )


def mix_of(dates: int) -> pd.DataFrame:
    """Two statuses at each of `dates` boards, the last the as-at day."""
    days = [date(2020, 1, 1) + timedelta(days=61 * number) for number in range(dates)]
    return pd.DataFrame(
        [
            {
                "as_of": day_,
                "board": "As at" if number == dates - 1 else "Board",
                "status": status,
                "recommendations": 7,
            }
            for number, day_ in enumerate(days)
            for status in ("Green", "Red")
        ]
    )


def test_the_status_mix_writes_its_counts_in_the_bars_up_to_sixteen_dates() -> None:
    """Past 16 dates a bar is too narrow for its count: none is written (the hover and the data table give them)."""
    for dates, labelled in ((16, True), (17, False)):
        figure = status_mix_figure(dated_mix(mix_of(dates)))
        assert [list(bar.x)[-1].endswith("(as at)") for bar in figure.data] == [True, True]
        assert [bar.text is not None for bar in figure.data] == [labelled, labelled], dates
        if labelled:
            assert [list(bar.text) for bar in figure.data] == [[7] * dates, [7] * dates]
