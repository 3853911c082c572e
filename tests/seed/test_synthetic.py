"""The synthetic data generator: deterministic, complete, marked as synthetic, and loaded by the normal loader."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from data_model.queries import money
from data_model.queries.filters import RecommendationFilter, SpendFilter
from data_model.tables import SEED_TABLES
from data_model.writes.csv_files import read_directory
from data_model.writes.replace import load_directory
from seed.__main__ import main
from seed.synthetic import FIRST_DAY, SOURCE, TABLES, TODAY, Portfolio, generate
from tests.helpers.actors import analyst
from tests.helpers.databases import load_seed
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at

TRANSACTIONS = 2_000
SMALL = Portfolio(decisions=6, recommendations=300, reviews=4, forums=4)
"""A smaller portfolio keeps the loading tests quick; the default one is checked by the first tests."""


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("synthetic")
    return folder, generate(folder, TRANSACTIONS)


def test_the_same_arguments_give_identical_files(made, tmp_path: Path):
    folder, _ = made
    generate(tmp_path / "again", TRANSACTIONS)
    generate(tmp_path / "other", TRANSACTIONS, seed=7)
    for table in TABLES:
        assert (tmp_path / "again" / f"{table}.csv").read_bytes() == (folder / f"{table}.csv").read_bytes(), table
    assert (tmp_path / "other" / "spend.csv").read_bytes() != (folder / "spend.csv").read_bytes()


def test_every_table_is_written_with_the_seed_rows_first_as_they_are(made):
    folder, counts = made
    assert {path.stem for path in folder.glob("*.csv")} == set(TABLES) == {model.__tablename__ for model in SEED_TABLES}
    for table in TABLES:
        seed = (SEED_DIR / f"{table}.csv").read_text(encoding="utf-8-sig").rstrip("\n")
        assert (folder / f"{table}.csv").read_text(encoding="utf-8").startswith(seed), table
        assert counts[table] == len(rows(folder, table))


def test_everything_generated_is_marked_synthetic(made):
    folder, _ = made
    for table in TABLES:
        seed_keys = {tuple(row.values()) for row in rows(SEED_DIR, table)}
        generated = [row for row in rows(folder, table) if tuple(row.values()) not in seed_keys]
        assert generated, table
        assert {(row["source"], row["illustrative"]) for row in generated} == {(SOURCE, "true")}, table


def test_the_scale_is_the_number_of_payments_over_ten_years(made):
    folder, counts = made
    assert counts["spend"] == len(rows(SEED_DIR, "spend")) + TRANSACTIONS
    generated = [row for row in rows(folder, "spend") if row["source"] == SOURCE]
    days = sorted(date.fromisoformat(row["spend_date"]) for row in generated)
    assert FIRST_DAY <= days[0] < date(2017, 6, 1) and date(2026, 6, 1) < days[-1] <= TODAY
    lines = {row["budget_line_id"] for row in generated}
    assert len(lines) >= 50  # spread over many budget lines of a dozen decisions
    assert (
        len({row["decision_ref"] for row in rows(folder, "budget_line") if row["id"] in lines}) == Portfolio().decisions
    )
    # the portfolio around the payments: thousands of recommendations, each with a history
    assert counts["recommendation"] == len(rows(SEED_DIR, "recommendation")) + Portfolio().recommendations
    assert counts["progress_update"] > 5 * Portfolio().recommendations
    # the board's registers (issue 14): at least 2,000 risks with 20,000 reassessments, 2,000
    # milestones and 3,000 actions on top of the seed's
    for table, generated in (
        ("risk", 2_000),
        ("risk_assessment", 20_000),
        ("milestone", 2_000),
        ("board_action", 3_000),
    ):
        assert counts[table] - len(rows(SEED_DIR, table)) >= generated, table


def test_the_files_pass_the_loaders_checks(made):
    folder, counts = made
    tables = read_directory(folder)
    assert {name: len(table) for name, table in tables.items()} == counts


def test_command_line_writes_files_the_loader_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'board.db'}")
    assert main(["synth", str(tmp_path / "files"), "--transactions", "500"]) == 0
    assert "Wrote 22 files" in capsys.readouterr().out
    assert main(["load", str(tmp_path / "files"), "--actor", "bench"]) == 0
    assert f"spend.csv: {len(rows(SEED_DIR, 'spend')) + 500} added" in capsys.readouterr().out


def test_a_synthetic_set_loads_and_keeps_the_seeds_figures(engine: Engine, tmp_path: Path):
    counts = generate(tmp_path, TRANSACTIONS, portfolio=SMALL)
    summary = load_directory(engine, tmp_path, actor=analyst())
    assert summary.added == sum(counts.values())
    with engine.connect() as connection:
        for model in SEED_TABLES:
            assert connection.scalar(select(func.count()).select_from(model)) == counts[model.__tablename__]
        paid = connection.execute(text("SELECT SUM(amount) FROM spend WHERE spend_date <= :d"), {"d": TODAY}).scalar()
    csv_total = sum(Decimal(row["amount"]) for row in rows(tmp_path, "spend"))
    assert Decimal(str(paid)).quantize(Decimal("0.01")) == csv_total
    assert money.headline(engine, scope_at(TODAY))["spent"] == csv_total
    # the documents' decision is untouched: PCD 1847 is still £41,500 into its £50,000 line
    assert money.spend_total(engine, scope_at(TODAY), SpendFilter("PCD 1847"))["spent"] == Decimal("41500")


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A SQLite database loaded from a small synthetic set, and the set's folder."""
    folder = tmp_path_factory.mktemp("synthetic-db")
    generate(folder / "files", TRANSACTIONS, portfolio=SMALL)
    url = f"sqlite:///{folder / 'board.db'}"
    load_seed(url, folder / "files")
    return url, folder / "files"


def test_the_spend_page_lists_the_newest_thousand_payments_and_counts_them_all(
    synthetic_db: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
):
    from streamlit.testing.v1 import AppTest

    from dashboard.presentation.formatting import day, money
    from dashboard.widgets.record_tables import PAGE_ROWS
    from dashboard.widgets.summary_tables import LISTED_ROWS

    url, files = synthetic_db
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(SEED_DIR.parent / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["as_at"] = TODAY.isoformat()
    at.run()
    at.switch_page("app_pages/spend.py")
    at.run()
    at.session_state["payments"] = True  # the list is built once opened
    at.run()
    assert not at.exception
    payments = rows(files, "spend")
    assert f"The newest 1,000 of the {len(payments):,} payments" in " ".join(caption.value for caption in at.caption)
    newest = sorted(payments, key=lambda row: (-date.fromisoformat(row["spend_date"]).toordinal(), row["id"]))
    for page in range(1, LISTED_ROWS // PAGE_ROWS + 1):  # a hundred at a time, the thousand newest in all
        at.session_state["payments_page"] = page
        at.run()
        listed = at.dataframe[-1].value
        expected = newest[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
        assert any(
            caption.value.startswith(
                f"Rows {(page - 1) * PAGE_ROWS + 1:,} to {page * PAGE_ROWS:,} of 1,000, newest first"
            )
            for caption in at.caption
        )
        assert listed["Date"].tolist() == [day(date.fromisoformat(row["spend_date"])) for row in expected]
        assert listed["Amount"].tolist() == [money(Decimal(row["amount"])) for row in expected]


def test_the_overview_lists_ten_of_each_long_kind_and_links_the_rest(
    synthetic_db: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
):
    """A projected list stays readable at portfolio scale: the ten most pressing recommendations, risks and
    milestones, each kind's rest a click away in its register, counted from the registers themselves."""
    from streamlit.testing.v1 import AppTest

    from data_model.db import make_engine
    from data_model.queries.milestones import milestone_register
    from data_model.queries.recommendations import recommendation_register
    from data_model.queries.risks import risk_register

    url, _ = synthetic_db
    engine = make_engine(url)
    overdue = recommendation_register(engine, scope_at(TODAY), RecommendationFilter(overdue_only=True))
    red = recommendation_register(engine, scope_at(TODAY), RecommendationFilter(status=("Red",)))
    risks = risk_register(engine, scope_at(TODAY))
    milestones = milestone_register(engine, scope_at(TODAY))
    engine.dispose()
    flagged = set(overdue["id"]) | set(red["id"])
    high = risks[(risks["status"] == "Open") & (risks["score"] >= 15)].sort_values(
        ["score", "id"], ascending=[False, True]
    )
    late = milestones[(milestones["status"] == "Planned") & (milestones["slippage_days"] > 30)]
    assert len(flagged) > 10 and len(high) > 10 and len(late) > 10
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(SEED_DIR.parent / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["as_at"] = TODAY.isoformat()
    at.run()
    assert not at.exception
    listed = at.table[0].value
    assert listed["Kind"].value_counts()[["Recommendation", "Risk", "Milestone"]].tolist() == [10, 10, 10]
    assert listed["Kind"].value_counts()["Condition"] == 5  # the generated decisions' conditions lead, five of them
    assert listed["Kind"].iloc[0] == "Condition" and listed["Status"].iloc[0] == "Breached"
    longest_overdue = overdue.sort_values(["due_date", "id"]).head(10)
    shown = listed[listed["Kind"] == "Recommendation"]
    assert shown["What"].tolist() == (longest_overdue["reference"] + ": " + longest_overdue["text"] + "†").tolist()
    shown_risks = listed[listed["Kind"] == "Risk"]
    assert [int(figure.split()[1]) for figure in shown_risks["Figure"]] == high["score"].head(10).tolist()
    shown_late = listed[listed["Kind"] == "Milestone"]
    assert [int(why.split()[1]) for why in shown_late["Why"]] == sorted(late["slippage_days"], reverse=True)[:10]
    links = {link.proto.label: (link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert {
        f"{len(flagged) - 10:,} more recommendations are overdue or Red (the list shows the 10 due longest ago): "
        "open the overdue ones in the register",
        f"{len(high) - 10:,} more open risks and issues score 15 or more (the list shows the 10 highest): "
        "open the High band in the register",
        f"{len(late) - 10:,} more milestones slipped more than 30 days (the list shows the 10 most late): "
        "open the slipped ones in the register",
    } <= set(links)
    assert {target for label, target in links.items() if label.startswith(f"{len(high) - 10:,} more")} == {
        ("risks", "band=High&status=Open")
    }


@pytest.mark.parametrize("limit", [1, 7, 50, 200])
@pytest.mark.parametrize(
    "filters", [{}, {"decision_ref": "SYN 02"}, {"funding_source": "MOPAC core budget (synthetic)"}]
)
def test_a_listing_cut_to_the_newest_payments_is_the_head_of_the_whole_list(
    synthetic_db: tuple[str, Path], filters: dict, limit: int
):
    """The listing finds its first day from the daily summary's payment counts: never a payment short."""
    from data_model.db import make_engine

    engine = make_engine(synthetic_db[0])
    whole = money.payments(engine, scope_at(TODAY), SpendFilter(**filters))
    cut = money.payments(engine, scope_at(TODAY), SpendFilter(**filters), limit=limit)
    engine.dispose()
    assert len(whole) > limit
    assert cut.equals(whole.head(limit))
