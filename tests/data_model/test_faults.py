"""A database that is missing, locked or unreachable gives a clear page or message, and the app recovers.

- Missing: DATABASE_URL names a SQLite file whose folder cannot be made (a file stands in its
  place), or a folder rather than a file: the app shows its fault page (what is wrong, how to fix
  it, the address with its password hidden), never a traceback. A folder that merely does not
  exist yet is made, and the app says no data is loaded and how to load it.
- Locked: another connection holds SQLite's exclusive lock. Pages still read (WAL); a load from
  the command line waits, then gives up with a clear message, exit status 2, nothing changed.
- Unreachable: PostgreSQL behind a `Gate`, a TCP forwarder this test opens and closes, so the
  server "stops" and "starts" without touching the real one other tests use. While closed the app
  shows the fault page; once open again the next run shows the dashboard, with no restart, both
  when the server was down from the start (no engine was cached) and when it went away later
  (the cached engine reconnects).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from streamlit.testing.v1 import AppTest

import data_model.db
from data_model.db import make_engine, upgrade
from data_model.faults import EmptyDatabase, diagnose, hidden, scrub
from data_model.queries import forums
from data_model.writes.replace import load_directory
from seed.__main__ import main as seed_cli
from tests.helpers.actors import analyst
from tests.helpers.databases import drop_database
from tests.helpers.environment import PROJECT_ROOT, SEED_DIR
from tests.helpers.faults import FAULT_TITLE, PASSWORD
from tests.helpers.minimal_set import dump

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def address(scheme: str, host: str, port: int) -> str:
    """A database address with a password (built, so no password-bearing URL sits in the source)."""
    return URL.create(scheme, "board", PASSWORD, host, port, "board").render_as_string(hide_password=False)


def run_app(monkeypatch: pytest.MonkeyPatch, url: str, at: AppTest | None = None) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = at or AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2026-11-22"
    at.run()
    assert not at.exception, at.exception
    return at


def everything_shown(at: AppTest) -> str:
    """All the text of every element, as one string."""
    return "\n".join(str(node.proto) for node in at._tree if getattr(node, "proto", None) is not None)


def assert_fault_page(at: AppTest, problem: str, address: str) -> None:
    assert [title.value for title in at.title] == [FAULT_TITLE]
    assert problem in at.error[0].value
    assert at.code[0].value == address
    assert at.subheader[0].value == "How to fix it" and at.markdown[0].value.startswith("1. ")
    assert "Traceback" not in everything_shown(at)


def assert_dashboard(at: AppTest) -> None:
    assert [title.value for title in at.title] == ["Board overview"]
    assert {metric.label for metric in at.metric} >= {"Approved", "Spent to date"}


def seeded_copy(seeded_url: str, folder: Path) -> str:
    """A private copy of the seeded SQLite database (tests that lock or write must not share one)."""
    source = Path(make_url(seeded_url).database)
    with sqlite3.connect(source) as connection:  # fold the WAL into the file before copying it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, folder / "board.db")
    return f"sqlite:///{folder / 'board.db'}"


# -- what each failure means ----------------------------------------------------------------------


def driver_error(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("database is locked", "The database is busy"),
        (
            'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused',
            "The database server is not answering",
        ),
        (
            'connection failed: connection to server at "10.0.0.9", port 5432 failed: timeout expired',
            "The database server is not answering",
        ),
        ('FATAL:  password authentication failed for user "board"', "refused the user name or password"),
        ('FATAL:  role "nobody" does not exist', "refused the user name or password"),
        ('FATAL:  database "board" does not exist', "does not exist on the server"),
        ('relation "data_load" does not exist', "set up by a different version"),
        ("unable to open database file", "cannot be opened"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "damaged or is not a database"),
        ("something nobody expected", "could not be used"),
    ],
)
def test_each_failure_is_explained_with_a_fix(message: str, problem: str) -> None:
    diagnosis = diagnose(driver_error(message))
    assert problem in diagnosis.problem
    assert diagnosis.fixes and all(fix.endswith(".") for fix in diagnosis.fixes)
    assert diagnosis.detail == message.splitlines()[0]


def test_passwords_never_show() -> None:
    url = address("postgresql+psycopg", "db.example", 5432)
    assert hidden(url) == "postgresql+psycopg://board:***@db.example:5432/board"
    assert PASSWORD not in scrub(f"could not connect to {url}")
    assert PASSWORD not in diagnose(driver_error(f"bad address {url}")).detail
    assert hidden("not a url") == "not a url"


# -- missing --------------------------------------------------------------------------------------


def test_a_database_folder_that_cannot_be_made_shows_the_fault_page(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "var").write_text("a file where the database's folder should be")
    url = f"sqlite:///{tmp_path / 'var' / 'board.db'}"
    at = run_app(monkeypatch, url)
    assert_fault_page(at, "The folder for the database file cannot be created or written", url)


def test_an_address_naming_a_folder_shows_the_fault_page(monkeypatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}"
    at = run_app(monkeypatch, url)
    assert_fault_page(at, "The database file cannot be opened", url)


def test_a_new_database_says_how_to_load_data(monkeypatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'board.db'}"
    at = run_app(monkeypatch, url)
    assert_fault_page(at, "This database is empty: run `python -m seed init`.", url)


def test_an_empty_database_is_not_called_a_different_version() -> None:
    assert diagnose(EmptyDatabase("no tables")).problem == "This database is empty: run `python -m seed init`."
    assert "different version" in diagnose(driver_error('relation "data_load" does not exist')).problem


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def made_anew(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Callable[[], None]]:
    """A seeded database, and how to make it anew, empty, at the same address (as a restore gone
    wrong, or a hand-made fresh database, would)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'board.db'}"

        def make_anew() -> None:
            for file in tmp_path.glob("board.db*"):
                file.unlink()
            Path(make_url(url).database).touch()

    else:
        admin = request.getfixturevalue("postgres_admin")
        url = request.getfixturevalue("postgres_url")
        name = make_url(url).database

        def make_anew() -> None:
            drop_database(admin, name)
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))

    engine = make_engine(url)
    upgrade(engine)
    load_directory(engine, SEED_DIR, actor=analyst())
    engine.dispose()
    return url, make_anew


def test_a_database_made_anew_is_called_empty_and_the_app_comes_back_once_loaded(monkeypatch, made_anew) -> None:
    url, make_anew = made_anew
    at = run_app(monkeypatch, url)
    assert_dashboard(at)
    make_anew()  # under the running app: its engine and pooled connections stay
    time.sleep(1.2)  # the remembered data version lasts a second
    at = run_app(monkeypatch, url, at)
    assert_fault_page(at, "This database is empty: run `python -m seed init`.", hidden(url))
    assert "different version" not in everything_shown(at)
    assert seed_cli(["init"]) == 0
    at = run_app(monkeypatch, url, at)  # the next run, with no restart
    assert_dashboard(at)


def test_a_fault_in_a_page_itself_is_not_blamed_on_a_database_that_answers(monkeypatch, seeded_url) -> None:
    def broken(*_args, **_kwargs):
        raise ProgrammingError("SELECT nonsense", {}, Exception("syntax error"))

    monkeypatch.setattr(forums, "forum_register", broken)
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2026-11-22"
    at.switch_page("app_pages/forums.py")
    at.run()
    assert "SELECT nonsense" in at.exception[0].value  # shown as the fault it is
    assert FAULT_TITLE not in [title.value for title in at.title]


def test_the_app_recovers_once_the_database_folder_is_fixed(monkeypatch, tmp_path: Path) -> None:
    """The same address, broken then mended: the app comes back without a restart."""
    blocker = tmp_path / "var"
    blocker.write_text("in the way")
    url = f"sqlite:///{blocker / 'board.db'}"
    at = run_app(monkeypatch, url)
    assert at.title[0].value == FAULT_TITLE
    blocker.unlink()
    engine = make_engine(url)
    upgrade(engine)
    load_directory(engine, SEED_DIR, actor=analyst())
    engine.dispose()
    at = run_app(monkeypatch, url, at)
    assert_dashboard(at)


# -- locked ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def exclusive_lock(url: str) -> Iterator[None]:
    """Another program holding SQLite's write lock (BEGIN EXCLUSIVE) until the block ends."""
    connection = sqlite3.connect(make_url(url).database, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@pytest.mark.sqlite_only  # copies and locks the seeded SQLite file
def test_pages_still_read_while_another_program_holds_the_write_lock(monkeypatch, seeded_url, tmp_path) -> None:
    url = seeded_copy(seeded_url, tmp_path)
    with exclusive_lock(url):
        at = run_app(monkeypatch, url)
        assert_dashboard(at)
        assert next(metric.value for metric in at.metric if metric.label == "Approved") == "£819,116†"


@pytest.mark.sqlite_only  # copies and locks the seeded SQLite file
def test_a_load_while_locked_gives_up_with_a_clear_message(monkeypatch, capsys, seeded_url, tmp_path) -> None:
    url = seeded_copy(seeded_url, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(data_model.db, "SQLITE_BUSY_SECONDS", 1)
    engine = make_engine(url)
    before = dump(engine)
    with exclusive_lock(url):
        started = time.monotonic()
        status = seed_cli(["load", str(SEED_DIR)])
        waited = time.monotonic() - started
    out, err = capsys.readouterr()
    assert status == 2 and waited < 15
    assert err.splitlines()[0] == ("The database is busy: another program is writing to it and did not finish in time.")
    assert "Wait a minute and try again" in err and "Nothing in the database was changed." in err
    assert "Traceback" not in out + err
    assert dump(engine) == before
    engine.dispose()


# -- unreachable ----------------------------------------------------------------------------------


@pytest.mark.postgres
def test_an_unreachable_server_shows_the_fault_page_then_recovers(monkeypatch, gated_url) -> None:
    gate, url = gated_url
    at = run_app(monkeypatch, url)
    assert_fault_page(at, "The database server is not answering", hidden(url))
    assert PASSWORD not in everything_shown(at)
    assert "Connection refused" in at.code[1].value  # the technical detail, in the expander

    gate.open()  # the server "starts": the next run shows the dashboard, no restart
    at = run_app(monkeypatch, url, at)
    assert_dashboard(at)

    gate.close()  # ... "stops" while the app holds a connection pool
    time.sleep(1.2)  # the remembered data version lasts a second
    at = run_app(monkeypatch, url, at)
    assert at.title[0].value == FAULT_TITLE
    assert PASSWORD not in everything_shown(at)

    gate.open()  # ... and "starts" again: the cached engine reconnects
    at = run_app(monkeypatch, url, at)
    assert_dashboard(at)


@pytest.mark.postgres
def test_the_loader_says_the_server_is_not_answering(monkeypatch, capsys, gated_url) -> None:
    _, url = gated_url
    monkeypatch.setenv("DATABASE_URL", url)
    assert seed_cli(["load", str(SEED_DIR)]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == "The database server is not answering."
    assert f"Database: {hidden(url)}" in err
    assert PASSWORD not in out + err and "Traceback" not in out + err


def test_an_address_the_app_cannot_use_is_explained(monkeypatch) -> None:
    url = address("postgres", "127.0.0.1", 5432)  # a common slip: SQLAlchemy wants postgresql+psycopg://
    at = run_app(monkeypatch, url)
    assert_fault_page(at, "DATABASE_URL is not a database address this app can use", hidden(url))
    assert PASSWORD not in everything_shown(at)
