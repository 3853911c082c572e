"""Shared fixtures: fresh databases on SQLite and PostgreSQL, and a seeded database for the app.

Every test that reads the seeded database (`seeded_url`, `seeded_engine`, `app_env`: query,
page and export tests alike) runs on both backends: SQLite and a PostgreSQL database seeded once
per session and dropped at the end. Browser tests stay on SQLite. PostgreSQL and browser tests
skip on a machine that lacks them, but fail in CI (CI set, and not 0 or false): a green CI
always means they ran. Helpers live in `tests/helpers` and are imported by path, never from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url

from data_model.db import make_engine, upgrade
from data_model.rules import rows as row_rules
from data_model.settings import get_settings
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.clock import TODAY
from tests.helpers.databases import (
    SESSION_DATABASES,
    create_database,
    drop_database,
    load_seed,
    postgres_database_url,
    seeded_postgres_database,
)
from tests.helpers.environment import POSTGRES_URL, SEED_DIR, skip_unless_ci
from tests.helpers.faults import PASSWORD, Gate
from tests.helpers.long_registers import long_registers_database


@pytest.fixture(autouse=True)
def one_day_for_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rulebook's load day is the day the run began, even when the run crosses midnight."""
    monkeypatch.setattr(row_rules, "today", lambda: TODAY)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        skip_unless_ci(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    yield engine
    for name in SESSION_DATABASES:
        drop_database(engine, name)
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A brand-new PostgreSQL database, dropped afterwards, so no run sees another's leftovers."""
    name = create_database(postgres_admin)
    yield postgres_database_url(name)
    drop_database(postgres_admin, name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'board.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database URL on each backend the app supports."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return request.getfixturevalue("sqlite_url")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A fresh database at the newest schema, on SQLite and on PostgreSQL."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """A fresh SQLite database at the newest schema (for tests that need only one backend)."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: uses the seeded database as a SQLite file (copies or locks it): not run on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test on the seeded database once per backend; browser and `sqlite_only` tests on SQLite only."""
    if (
        "seeded_backend" not in metafunc.fixturenames
        or "browser" in metafunc.definition.nodeid.split("/")
        or metafunc.definition.get_closest_marker("sqlite_only")
    ):
        return
    metafunc.parametrize(
        "seeded_backend",
        ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
        indirect=True,
        scope="session",
    )


@pytest.fixture(scope="session")
def seeded_backend(request: pytest.FixtureRequest) -> str:
    """The backend of `seeded_url`: both in turn (see `pytest_generate_tests`), else SQLite."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def seeded_url(seeded_backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database loaded once from `seed/`, shared read-only by page and query tests.

    SQLite, or a PostgreSQL database made once per session and dropped at its end.
    """
    if seeded_backend == "postgresql":
        request.getfixturevalue("postgres_admin")  # skips (or fails in CI) without a server
        return seeded_postgres_database()
    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'board.db'}"
    load_seed(url)
    return url


@pytest.fixture(scope="session")
def long_registers_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database whose registers run to several pages (`tests.helpers.long_registers`), read-only."""
    return long_registers_database(tmp_path_factory.mktemp("long-registers"))


@pytest.fixture
def long_registers_engine(long_registers_url: str) -> Iterator[Engine]:
    engine = make_engine(long_registers_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_engine(seeded_url: str) -> Iterator[Engine]:
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Settings are read once per process; a test that sets DATABASE_URL gets them read anew."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, seeded_url: str) -> str:
    """Point the app (AppTest runs it in-process) at the seeded database."""
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    get_settings.cache_clear()
    return seeded_url


@pytest.fixture
def gated_url(postgres_url: str) -> Iterator[tuple[Gate, str]]:
    """A seeded PostgreSQL database reached through a closed `Gate`, its address with a password."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    load_directory(engine, SEED_DIR, actor=analyst())
    engine.dispose()
    real = make_url(postgres_url)
    gate = Gate(real.host or "127.0.0.1", real.port or 5432)
    url = real.set(port=gate.port, password=PASSWORD).render_as_string(hide_password=False)
    yield gate, url
    gate.close()
