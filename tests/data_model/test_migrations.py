"""The Alembic migrations and the SQLModel tables must describe the same schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import data_model.tables as tables
from data_model.db import upgrade


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        drift = compare_metadata(context, SQLModel.metadata)
    assert drift == [], f"models and migrations differ: {drift}"


def test_upgrade_is_repeatable_and_creates_every_table(engine):
    upgrade(engine)  # a second upgrade on an up-to-date database is a no-op
    names = set(inspect(engine).get_table_names())
    expected = {model.__tablename__ for model in tables.SEED_TABLES} | {"data_load"}
    assert expected <= names
