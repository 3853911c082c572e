"""Money and decision queries against the seed: every figure checked against the documents and an
independent sum (raw SQL or the CSV files), on SQLite, and the SQL run again on PostgreSQL."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from data_model.queries import decisions, money
from data_model.queries.filters import SpendFilter
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, rows


def sql_sum(engine, statement: str, **params) -> Decimal:
    with engine.connect() as connection:
        return Decimal(str(connection.execute(text(statement), params).scalar() or 0))


def fy_of(iso: str) -> str:
    day = date.fromisoformat(iso)
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


LINES = {line["id"]: line for line in rows("budget_line")}
PAYMENTS = [payment for payment in rows("spend") if payment["spend_date"] <= AS_AT.isoformat()]


def test_headline_matches_the_documents_and_independent_sums(seeded_engine):
    figures = money.headline(seeded_engine, scope_at(AS_AT))
    assert figures["approved"] == sum(Decimal(d["initial_value"]) for d in rows("decision"))
    assert figures["approved"] == Decimal("50000") + Decimal("607116") + Decimal("162000")
    assert figures["approved_illustrative"] == Decimal("162000")
    assert figures["spent"] == sql_sum(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :d", d=AS_AT)
    assert figures["remaining"] == figures["approved"] - figures["spent"]
    assert figures["reserves_earmarked"] == Decimal("155324")  # PCD 603 §3.2
    reserve_drawn = sum(Decimal(p["amount"]) for p in PAYMENTS if LINES[p["budget_line_id"]]["kind"] == "reserve")
    assert figures["reserves_drawn"] == reserve_drawn == Decimal("104000")
    assert figures["awaiting_decision"] == Decimal("58000")  # £108,000 advertised - £50,000 initial (PCD 1847)


def test_spend_only_counts_payments_up_to_the_as_at_date(seeded_engine):
    before_the_last_payment = date(2026, 11, 12)
    assert money.spend_total(seeded_engine, scope_at(before_the_last_payment), SpendFilter("PCD 1847"))[
        "spent"
    ] == Decimal("38500")
    assert money.spend_total(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 1847"))["spent"] == Decimal("41500")
    assert money.spend_total(seeded_engine, scope_at(date(2019, 1, 1)))["payments"] == 0


def test_pcd_603_budget_lines_are_the_decisions_figures(seeded_engine):
    lines = money.budget_vs_actual(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 603")).set_index("budget_line_id")
    assert lines.loc["BL-603-VC", "budget"] == 186101
    assert lines.loc["BL-603-MON", "budget"] == 125691
    assert lines.loc["BL-603-TRN", "budget"] == 140000
    in_2019 = lines[lines["financial_year"] == "2019/20"]["budget"].sum()
    assert in_2019 == 451792
    assert lines["budget"].sum() == 607116
    for line_id, line in lines.iterrows():
        paid = sum(Decimal(p["amount"]) for p in PAYMENTS if p["budget_line_id"] == line_id)
        assert Decimal(str(line["spent"])) == paid
        assert line["variance"] == pytest.approx(line["budget"] - line["spent"])
        assert line["source"].startswith("PCD 603")


def test_budget_against_spend_by_decision(seeded_engine):
    frame = money.budget_vs_actual_by_decision(seeded_engine, scope_at(AS_AT)).set_index("decision_ref")
    assert frame.loc["PCD 603", "budget"] == 607116
    assert frame.loc["PCD 1847", ["budget", "spent", "variance", "awaiting_decision"]].tolist() == [
        50000,
        41500,
        8500,
        58000,
    ]
    assert bool(frame.loc["ILLUSTRATIVE-VVF-2024", "illustrative"])
    assert frame["spent"].sum() == pytest.approx(float(money.headline(seeded_engine, scope_at(AS_AT))["spent"]))


@pytest.mark.parametrize(
    ("query", "key_column"),
    [(money.spend_by_financial_year, "financial_year"), (money.spend_by_funding_source, "funding_source")],
)
def test_spend_by_year_and_by_funding_source_match_the_csv(seeded_engine, query, key_column):
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for payment in PAYMENTS:
        line = LINES[payment["budget_line_id"]]
        key = fy_of(payment["spend_date"]) if key_column == "financial_year" else line["funding_source"]
        expected[key] += Decimal(payment["amount"])
    frame = query(seeded_engine, scope_at(AS_AT))
    assert {key: Decimal(str(spent)) for key, spent in zip(frame[key_column], frame["spent"], strict=True)} == expected


def test_financial_years_are_april_to_march_and_computed_in_sql(seeded_engine):
    years = money.spend_by_financial_year(seeded_engine, scope_at(AS_AT)).set_index("financial_year")
    march_2020 = sql_sum(
        seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date BETWEEN '2019-04-01' AND '2020-03-31'"
    )
    assert Decimal(str(years.loc["2019/20", "spent"])) == march_2020 == Decimal("428950")
    filtered = money.spend_total(seeded_engine, scope_at(AS_AT), SpendFilter(financial_year="2019/20"))
    assert filtered["budget"] == Decimal("451792")  # the three 2019/20 lines of PCD 603
    assert filtered["spent"] == sum(
        Decimal(p["amount"]) for p in PAYMENTS if LINES[p["budget_line_id"]]["financial_year"] == "2019/20"
    )


def test_a_carried_forward_line_keeps_all_its_payments(seeded_engine):
    """PCD 1847's 2025/26 lines were partly paid in 2026/27: the year filter picks the lines, and every
    total on the view (headline, lines, payment years) adds up to the same spend."""
    total = money.spend_total(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 1847", "2025/26"))
    assert (total["budget"], total["spent"]) == (Decimal("30000"), Decimal("30000"))  # £10,000 + £20,000
    lines = money.budget_vs_actual(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 1847", "2025/26"))
    assert lines["spent"].sum() == 30000 and lines["variance"].tolist() == [0, 0]
    years = money.spend_by_financial_year(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 1847", "2025/26"))
    assert dict(zip(years["financial_year"], years["spent"], strict=True)) == {"2025/26": 20500, "2026/27": 9500}


def test_filters_combine_and_can_match_nothing(seeded_engine):
    hub = money.spend_total(seeded_engine, scope_at(AS_AT), SpendFilter(funding_source="Victims Care Hub budget"))
    assert hub == {
        "spent": Decimal("41500"),
        "spent_illustrative": Decimal("41500"),
        "payments": 19,
        "budget": Decimal("50000"),
        "budget_illustrative": Decimal("0"),  # PCD 1847's own lines
        "variance": Decimal("8500"),  # £50,000 less £41,500
        "variance_illustrative": Decimal("41500"),  # built from the sample payments
    }
    nothing = money.spend_total(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 603", "2025/26"))
    assert nothing == {
        "spent": Decimal("0"),
        "spent_illustrative": Decimal("0"),
        "payments": 0,
        "budget": Decimal("0"),
        "budget_illustrative": Decimal("0"),
        "variance": Decimal("0"),
        "variance_illustrative": Decimal("0"),
    }
    assert money.payments(seeded_engine, scope_at(AS_AT), SpendFilter("PCD 603", "2025/26")).empty


def test_filter_choices_come_from_the_data(seeded_engine):
    choices = money.filter_choices(seeded_engine, scope_at())
    assert choices["decision"] == sorted(d["reference"] for d in rows("decision"))
    assert set(choices["funding_source"]) == {line["funding_source"] for line in LINES.values()}
    assert {"2019/20", "2025/26", "2026/27", "2029/30"} <= set(choices["financial_year"])


def test_cumulative_spend_runs_to_the_decisions_total(seeded_engine):
    running = money.cumulative_spend(seeded_engine, scope_at(AS_AT), "PCD 1847")
    assert running["cumulative"].is_monotonic_increasing
    assert running["cumulative"].iloc[-1] == 41500
    assert running["spent"].sum() == running["cumulative"].iloc[-1]
    assert running["spend_date"].iloc[-1] == date(2026, 11, 13)
    assert money.cumulative_spend(seeded_engine, scope_at(date(2025, 1, 1)), "PCD 1847").empty


def running_totals(payments: list[dict[str, str]]) -> dict[str, list[tuple[date, Decimal]]]:
    """Each decision's (payment day, spent to date) from payment rows, worked out here in Python."""
    paid: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for payment in payments:
        decision = LINES[payment["budget_line_id"]]["decision_ref"]
        paid[decision][date.fromisoformat(payment["spend_date"])] += Decimal(payment["amount"])
    totals = {}
    for decision, days in paid.items():
        running, total = [], Decimal(0)
        for day in sorted(days):
            total += days[day]
            running.append((day, total))
        totals[decision] = running
    return totals


def drawn(lines, reference: str) -> list[tuple[date, Decimal]]:
    """A decision's (day, spent to date) rows from a query's frame."""
    mine = lines[lines["decision_ref"] == reference]
    return list(zip(mine["spend_date"], mine["cumulative"].map(lambda value: Decimal(str(value))), strict=True))


def last_of_each(days: list[tuple[date, Decimal]], period) -> list[tuple[date, Decimal]]:
    """The first payment day, then the last of each period (`period(day)` names it), as a reduced line keeps."""
    last = {period(day): (day, total) for day, total in days}
    return sorted({days[0], *last.values()})


def test_cumulative_spend_of_every_decision_in_one_query_holds_every_payment_day(seeded_engine):
    running = money.cumulative_spend(seeded_engine, scope_at(AS_AT))
    for reference, days in running_totals(PAYMENTS).items():
        assert drawn(running, reference) == days, reference
    assert set(running["decision_ref"]) == set(running_totals(PAYMENTS))


def test_a_line_with_few_payment_days_keeps_every_one(seeded_engine):
    lines = money.spend_lines(seeded_engine, scope_at(AS_AT))
    for reference, days in running_totals(PAYMENTS).items():
        assert drawn(lines, reference) == days, reference  # first and last payment day, and every day between
        assert (lines.loc[lines["decision_ref"] == reference, "days"] == len(days)).all()
    pcd_1847 = lines[lines["decision_ref"] == "PCD 1847"].iloc[-1]
    assert (pcd_1847["cumulative"], pcd_1847["illustrative_cumulative"]) == (41500, 41500)  # all sample payments
    assert money.spend_lines(seeded_engine, scope_at(AS_AT), "PCD 603")["decision_ref"].unique().tolist() == ["PCD 603"]


@pytest.mark.parametrize(
    ("points", "period"),
    [
        (19, None),  # 19 payment days: every one
        (18, lambda day: (day.year, day.month)),  # 67 weeks do not fit in 18 points, 17 months do
        (17, lambda day: day.year),  # 17 months do not fit in 17 points (with the first day), two years do
    ],
)
def test_a_line_with_more_payment_days_than_points_keeps_the_last_of_each_month_or_year(seeded_engine, points, period):
    days = running_totals(PAYMENTS)["PCD 1847"]
    assert len(days) == 19
    lines = money.spend_lines(seeded_engine, scope_at(AS_AT), "PCD 1847", points=points)
    expected = days if period is None else last_of_each(days, period)
    assert drawn(lines, "PCD 1847") == expected
    assert len(lines) <= points
    assert drawn(lines, "PCD 1847")[0] == (date(2025, 7, 31), Decimal(3500))  # the first payment day, exactly
    assert drawn(lines, "PCD 1847")[-1] == (date(2026, 11, 13), Decimal(41500))  # the last, exactly


def test_a_decision_paid_most_days_is_drawn_weekly_within_the_cap(engine, tmp_path):
    """PCD 1847 paid on 400 more days: more days than points, so the last payment day of each week
    (Monday to Sunday) and the first day, on SQLite and PostgreSQL."""
    folder = tmp_path / "dense"
    shutil.copytree(SEED_DIR, folder)
    start = date(2025, 8, 1)
    extra = [
        {
            "source": "Test payment",
            "illustrative": "true",
            "id": f"SP-DENSE-{number:03d}",
            "spend_date": (start + timedelta(days=number)).isoformat(),
            "amount": f"{10 + number % 7}.25",
            "budget_line_id": "BL-1847-Y1",
            "supplier": "Test supplier",
            "description": "A payment on most days",
        }
        for number in range(400)
    ]
    with (folder / "spend.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=list(extra[0])).writerows(extra)
    load_directory(engine, folder, actor=analyst("t"))
    days = running_totals([*PAYMENTS, *extra])["PCD 1847"]
    assert len(days) > money.LINE_POINTS

    lines = money.spend_lines(engine, scope_at(AS_AT), "PCD 1847")
    assert drawn(lines, "PCD 1847") == last_of_each(days, lambda day: day.isocalendar()[:2])
    assert len(lines) <= money.LINE_POINTS
    assert (lines["days"] == len(days)).all()
    assert drawn(lines, "PCD 1847")[0] == days[0]
    spent = sql_sum(
        engine,
        "SELECT SUM(s.amount) FROM spend s JOIN budget_line b ON b.id = s.budget_line_id "
        "WHERE b.decision_ref = 'PCD 1847' AND s.spend_date <= :d",
        d=AS_AT,
    )
    assert drawn(lines, "PCD 1847")[-1] == (days[-1][0], spent)
    every_day = money.cumulative_spend(engine, scope_at(AS_AT), "PCD 1847")
    assert len(every_day) == len(days) and Decimal(str(every_day["cumulative"].iloc[-1])) == spent


def test_reserves_earmarked_and_drawn_down(seeded_engine):
    reserve = money.reserves(seeded_engine, scope_at(AS_AT)).set_index("budget_line_id").loc["BL-603-RES"]
    assert (reserve["earmarked"], reserve["drawn_down"], reserve["remaining"]) == (155324, 104000, 51324)
    assert bool(reserve["illustrative"])  # the drawdowns are sample payments


def test_threshold_headroom_for_pcd_1847(seeded_engine):
    headroom = money.threshold_headroom(seeded_engine, scope_at(AS_AT))
    assert headroom["decision_ref"].tolist() == ["PCD 1847"]
    row = headroom.iloc[0]
    assert (row["threshold"], row["advertised_maximum"], row["spent"], row["headroom"]) == (50000, 108000, 41500, 8500)
    assert row["share"] == pytest.approx(0.83)
    assert money.threshold_headroom(seeded_engine, scope_at(AS_AT), min_share=0.9).empty
    assert money.threshold_headroom(seeded_engine, scope_at(date(2026, 11, 1)), min_share=0.8).empty  # £38,500 is 77%


def test_decision_register_and_funding(seeded_engine):
    register = decisions.decision_register(seeded_engine, scope_at()).set_index("reference")
    assert register.index.tolist() == ["PCD 1847", "PCD 603", "ILLUSTRATIVE-VVF-2024"]  # real decisions first
    pcd_603 = register.loc["PCD 603"]
    assert (pcd_603["initial_value"], pcd_603["funded"], pcd_603["budgeted"]) == (607116, 607116, 607116)
    assert pcd_603["decision_date"] is None
    pcd_1847 = register.loc["PCD 1847"]
    assert (pcd_1847["initial_value"], pcd_1847["advertised_maximum"], pcd_1847["awaiting_decision"]) == (
        50000,
        108000,
        58000,
    )
    funding = decisions.decision_funding(seeded_engine, scope_at(), "PCD 603")
    assert sorted(funding["amount"].tolist()) == [47500, 559616]  # MOPAC core + the Mayor's £3.5m
    assert funding["source"].str.startswith("PCD 603").all()


def test_decision_links_to_forums_and_recommendations(seeded_engine):
    forums = decisions.linked_forums(seeded_engine, scope_at(AS_AT), "PCD 1847")
    assert forums["id"].tolist() == ["VVF-BLACK"]
    expected = {r["id"] for r in rows("recommendation") if r["decision_ref"] == "PCD 603"}
    assert set(decisions.linked_recommendations(seeded_engine, scope_at(AS_AT), "PCD 603")["id"]) == expected
    assert decisions.linked_forums(seeded_engine, scope_at(AS_AT), "PCD 603").empty


def test_money_sql_runs_on_every_backend(engine):
    load_directory(engine, SEED_DIR, actor=analyst("t"))
    assert money.headline(engine, scope_at(AS_AT))["spent"] == sql_sum(
        engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :d", d=AS_AT
    )
    years = money.spend_by_financial_year(engine, scope_at(AS_AT))
    assert years["financial_year"].tolist() == ["2019/20", "2020/21", "2021/22", "2024/25", "2025/26", "2026/27"]
    assert money.threshold_headroom(engine, scope_at(AS_AT))["headroom"].tolist() == [8500]
    by_decision = money.budget_vs_actual_by_decision(
        engine, scope_at(AS_AT), SpendFilter(financial_year="2019/20")
    ).set_index("decision_ref")
    assert by_decision.loc["PCD 603", "budget"] == 451792
    assert money.cumulative_spend(engine, scope_at(AS_AT), "PCD 1847")["cumulative"].iloc[-1] == 41500
    assert money.filter_choices(engine, scope_at())["financial_year"][0] == "2019/20"
    register = decisions.decision_register(engine, scope_at()).set_index("reference")
    assert register.loc["PCD 603", "funded"] == 607116
    assert money.reserves(engine, scope_at(AS_AT))["drawn_down"].tolist() == [104000]
