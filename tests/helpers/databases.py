"""Test databases: fresh PostgreSQL databases made and dropped per test or per session, and the seed loaded."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

from data_model.db import make_engine, upgrade
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import POSTGRES_URL, SEED_DIR

SESSION_DATABASES: list[str] = []
"""PostgreSQL databases made for the whole session (seeded copies), dropped when it ends."""


def create_database(admin: Engine) -> str:
    name = f"vcb_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name


def drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as connection:  # FORCE: app engines cached by AppTest may still hold connections
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def postgres_database_url(name: str) -> str:
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def seeded_postgres_database() -> str:
    """A new PostgreSQL database loaded from `seed/`, dropped when the session ends.

    For tests that change a seeded database (see `update_files.writable_copy`): a copy by
    ``CREATE DATABASE ... TEMPLATE`` would need every other connection to the seeded one closed.
    """
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        name = create_database(admin)
    finally:
        admin.dispose()
    SESSION_DATABASES.append(name)
    url = postgres_database_url(name)
    load_seed(url)
    return url


def load_seed(url: str, files: Path = SEED_DIR) -> None:
    """Bring the database at `url` up to date and load the seed files (or another set, `files`) into it."""
    engine = make_engine(url)
    upgrade(engine)
    load_directory(engine, files, actor=analyst())
    engine.dispose()


def table_as_it_was(connection: Connection, name: str) -> Table:
    """Table `name` as the database holds it (at an older revision, without the columns added since)."""
    return Table(name, MetaData(), autoload_with=connection)
