"""The daily spend summary always equals the payments it sums, and each line's running totals the
days before: after a load, after every kind of change an upload makes, and after the migrations
that created them on a database already in use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from alembic import command
from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from data_model.db import alembic_config, upgrade
from data_model.queries import money
from data_model.tables import Decision, Spend
from data_model.writes.csv_files import read_directory
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import admin, analyst
from tests.helpers.databases import table_as_it_was
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT
from tests.helpers.update_files import table_files

FROM_PAYMENTS = """
    SELECT budget_line_id, spend_date, SUM(amount), COUNT(*),
           SUM(CASE WHEN illustrative THEN amount ELSE 0 END), SUM(CASE WHEN illustrative THEN 1 ELSE 0 END)
    FROM spend GROUP BY budget_line_id, spend_date ORDER BY budget_line_id, spend_date
"""
SUMMARY = """
    SELECT budget_line_id, spend_date, spent, payments, illustrative_spent, illustrative_payments
    FROM spend_day ORDER BY budget_line_id, spend_date
"""
RUNNING_TOTALS = """
    SELECT spent_to_date, payments_to_date, illustrative_spent_to_date, illustrative_payments_to_date
    FROM spend_day ORDER BY budget_line_id, spend_date
"""


def normalised(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [
            (
                line,
                str(day),
                Decimal(str(spent)).quantize(Decimal("0.01")),
                int(count),
                Decimal(str(sample)).quantize(Decimal("0.01")),
                int(samples),
            )
            for line, day, spent, count, sample, samples in connection.execute(text(sql))
        ]


def running_totals(days: list[tuple]) -> list[tuple]:
    """Each line's totals up to and including each of its days, added up here in Python."""
    totals, previous_line, running = [], None, (Decimal(0), 0, Decimal(0), 0)
    for line, _, *figures in days:
        if line != previous_line:
            previous_line, running = line, (Decimal(0), 0, Decimal(0), 0)
        running = tuple(total + figure for total, figure in zip(running, figures, strict=True))
        totals.append(running)
    return totals


def assert_summary_matches(engine: Engine) -> None:
    summary = normalised(engine, SUMMARY)
    assert summary == normalised(engine, FROM_PAYMENTS)
    assert summary  # never vacuously
    with engine.connect() as connection:
        stored = [
            (
                Decimal(str(spent)).quantize(Decimal("0.01")),
                int(count),
                Decimal(str(sample)).quantize(Decimal("0.01")),
                int(samples),
            )
            for spent, count, sample, samples in connection.execute(text(RUNNING_TOTALS))
        ]
    assert stored == running_totals(summary)


def test_a_load_builds_the_summary(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    assert_summary_matches(engine)
    with engine.connect() as connection:
        paid = connection.execute(text("SELECT SUM(amount) FROM spend WHERE spend_date <= :d"), {"d": AS_AT}).scalar()
    assert money.headline(engine, scope_at(AS_AT))["spent"] == Decimal(str(paid))


def test_every_change_to_payments_keeps_the_summary_exact(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    tables = read_directory(SEED_DIR)
    spend = [dict(row) for row in tables["spend"]]
    moved, repriced, removed = spend[0], spend[1], spend[2]
    moved.update(spend_date=date(2026, 11, 21), budget_line_id="BL-1847-Y2")  # to another day and line
    repriced["amount"] = repriced["amount"] + Decimal("0.55")
    spend.remove(removed)
    spend.append(dict(spend[3], id="SP-NEW-1", spend_date=date(2026, 11, 22), illustrative=False))
    summary = upload(engine, table_files({"spend": spend}), actor=admin())
    assert (summary.added, summary.changed, summary.removed) == (1, 2, 1)
    assert_summary_matches(engine)
    with engine.connect() as connection:
        old_days = connection.execute(
            text("SELECT COUNT(*) FROM spend_day WHERE spend_date = :d"), {"d": removed["spend_date"]}
        ).scalar()
        payments_then = connection.execute(
            text("SELECT COUNT(*) FROM spend WHERE spend_date = :d"), {"d": removed["spend_date"]}
        ).scalar()
    assert (old_days > 0) == (payments_then > 0)  # a day left without payments leaves the summary too


def test_replacing_every_payment_rebuilds_the_summary(engine: Engine):
    load_directory(engine, SEED_DIR, actor=analyst())
    upload(engine, table_files({"spend": []}), actor=admin())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM spend_day")).scalar() == 0
    assert money.headline(engine, scope_at(AS_AT))["spent"] == 0
    load_directory(engine, SEED_DIR, actor=analyst())
    assert_summary_matches(engine)


def test_the_migration_fills_the_summary_from_payments_already_there(database_url: str):
    from data_model.db import make_engine

    engine = make_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0001")  # a database from before the summary existed
        with engine.begin() as connection:  # the 0001 tables, written as the loader of that day did
            connection.execute(
                insert(Decision.__table__).values(
                    reference="PCD 1",
                    title="Programme",
                    decision_maker="DMPC",
                    initial_value=1000,
                    source="PCD 1",
                    illustrative=False,
                )
            )
            connection.execute(
                insert(table_as_it_was(connection, "budget_line")).values(
                    id="B1",
                    decision_ref="PCD 1",
                    purpose="Hub",
                    financial_year="2025/26",
                    funding_source="Core",
                    amount=1000,
                    kind="initial",
                    source="PCD 1",
                    illustrative=False,
                )
            )
            connection.execute(
                insert(Spend.__table__),
                [
                    {
                        "id": key,
                        "spend_date": date.fromisoformat(day),
                        "amount": Decimal(amount),
                        "budget_line_id": "B1",
                        "supplier": "Acme",
                        "description": "",
                        "source": "Ledger",
                        "illustrative": sample,
                    }
                    for key, day, amount, sample in (
                        ("S1", "2025-06-30", "100.25", False),
                        ("S2", "2025-06-30", "50", True),
                        ("S3", "2025-07-01", "10", False),
                    )
                ],
            )
        upgrade(engine)
        assert normalised(engine, SUMMARY) == [
            ("B1", "2025-06-30", Decimal("150.25"), 2, Decimal("50.00"), 1),
            ("B1", "2025-07-01", Decimal("10.00"), 1, Decimal("0.00"), 0),
        ]
        assert_summary_matches(engine)  # and the running totals: 160.25 from 3 payments by 1 July
    finally:
        engine.dispose()
