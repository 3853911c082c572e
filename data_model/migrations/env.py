"""Alembic environment: runs on the engine handed over by `data_model.db.upgrade`.

Several app servers may start at once on one PostgreSQL database and each upgrade it: they take
turns under an advisory lock, held for the migration's transaction, so the first brings the
schema up to date and the others then find nothing to do (instead of creating the same tables).
"""

from alembic import context
from sqlmodel import SQLModel

import data_model.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from data_model.db import make_engine

target_metadata = SQLModel.metadata
config = context.config
engine = config.attributes.get("engine") or make_engine()

MIGRATION_LOCK = 0x5EED_0A1E  # any constant; distinct from the loader's write lock

with engine.connect() as connection:
    if connection.dialect.name == "postgresql":  # before Alembic reads which revision the database is at
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
