"""Several app servers on one PostgreSQL database: they may all start at once and upgrade its schema."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from data_model.db import make_engine
from tests.helpers.environment import PROJECT_ROOT

UPGRADE = "import sys; from data_model.db import make_engine, upgrade; upgrade(make_engine(sys.argv[1]))"


@pytest.mark.postgres
def test_servers_starting_together_upgrade_a_new_database_once(postgres_url: str):
    """Each server process upgrades on start; they take turns, so none fails on tables another made."""
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADE, postgres_url], cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    failures = [server.stderr.read()[-2000:] for server in servers if server.wait(timeout=120)]
    assert failures == []
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert len(versions) == 1
        assert {"spend", "spend_day", "data_load"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
