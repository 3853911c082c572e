"""Shared fixtures: fresh databases on SQLite and PostgreSQL, and a seeded database for the app.

Every test that reads the seeded database (`seeded_url`, `seeded_engine`, `app_env`: query,
page and export tests alike) runs on both backends: SQLite and a PostgreSQL database seeded once
per session and dropped at the end. Browser tests stay on SQLite. PostgreSQL and browser tests
skip on a machine that lacks them, but fail in CI (CI=true): a green CI always means they ran.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from data_model.db import make_engine, upgrade

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = PROJECT_ROOT / "seed"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_unless_ci(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run every test)")
    pytest.skip(reason)


_SESSION_DATABASES: list[str] = []
"""PostgreSQL databases made for the whole session (seeded copies), dropped when it ends."""


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        skip_unless_ci(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    yield engine
    for name in _SESSION_DATABASES:
        _drop_database(engine, name)
    engine.dispose()


def _create_database(admin: Engine) -> str:
    name = f"vcb_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name


def _drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as connection:  # FORCE: app engines cached by AppTest may still hold connections
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _postgres_database_url(name: str) -> str:
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A brand-new PostgreSQL database, dropped afterwards, so no run sees another's leftovers."""
    name = _create_database(postgres_admin)
    yield _postgres_database_url(name)
    _drop_database(postgres_admin, name)


def seeded_postgres_database() -> str:
    """A new PostgreSQL database loaded from `seed/`, dropped when the session ends.

    For tests that change a seeded database (see `update_files.writable_copy`): a copy by
    ``CREATE DATABASE ... TEMPLATE`` would need every other connection to the seeded one closed.
    """
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        name = _create_database(admin)
    finally:
        admin.dispose()
    _SESSION_DATABASES.append(name)
    url = _postgres_database_url(name)
    _load_seed(url)
    return url


def _load_seed(url: str) -> None:
    from seed.load import load_directory

    engine = make_engine(url)
    upgrade(engine)
    load_directory(engine, SEED_DIR, actor="tests")
    engine.dispose()


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
    _load_seed(url)
    return url


@pytest.fixture
def seeded_engine(seeded_url: str) -> Iterator[Engine]:
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, seeded_url: str) -> str:
    """Point the app (AppTest runs it in-process) at the seeded database."""
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    return seeded_url
