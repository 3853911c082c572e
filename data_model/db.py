"""Engine creation and schema upgrades, shared by the app, the loader and the tests.

The schema is owned by Alembic (``data_model/migrations``): every entry point calls
`upgrade` so a new or older database is brought to the current revision before use.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlmodel import create_engine

from data_model.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30
"""How long a SQLite write waits for another writer before giving up with "database is locked"."""
CONNECT_SECONDS = 10
"""How long a PostgreSQL connection attempt may take: an unreachable server fails in seconds, not minutes."""


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: the configured DATABASE_URL), SQLite folder created."""
    url = url or get_settings().database_url
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", partial(_note_file, path))
        event.listen(engine, "checkout", partial(_same_file, path))
        return engine
    connect_args = {"connect_timeout": CONNECT_SECONDS} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """Enforce foreign keys and let readers work while a load writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _file_id(path: str) -> tuple[int, int] | None:
    """The device and inode of the file at `path` (None when there is none)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _note_file(path: str, _dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    record.info["sqlite_file"] = _file_id(path)


def _same_file(
    path: str, _dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
) -> None:
    """A pooled SQLite connection still reads the file it opened, even once that file is deleted or
    replaced (a database made anew under a running app): such a connection is dropped for a fresh one
    (the pool retries on `DisconnectionError`), so the app reads the file now at the address."""
    if _file_id(path) != record.info.get("sqlite_file"):
        raise DisconnectionError("the SQLite file was replaced")


def holds_no_tables(engine: Engine) -> bool:
    """Whether the database has no tables at all (one made anew: not a different version's)."""
    return not inspect(engine).get_table_names()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to the newest migration."""
    command.upgrade(alembic_config(engine), "head")
