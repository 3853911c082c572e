"""Fixtures for the page tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from data_model.settings import get_settings
from data_model.writes.replace import load_directory
from tests.helpers.actors import admin
from tests.helpers.minimal_set import MINIMAL_SET, write_set


@pytest.fixture
def empty_app(monkeypatch: pytest.MonkeyPatch, sqlite_engine: Engine, sqlite_url: str, tmp_path: Path) -> None:
    """The app on a database that was loaded, then emptied: every table holds no rows (data version 2)."""
    load_directory(sqlite_engine, write_set(tmp_path / "minimal"), actor=admin())
    headers = {name: text.splitlines(keepends=True)[0] for name, text in MINIMAL_SET.items()}
    load_directory(sqlite_engine, write_set(tmp_path / "empty", contents=headers), actor=admin())
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()


@pytest.fixture
def long_app_env(monkeypatch: pytest.MonkeyPatch, long_registers_url: str) -> str:
    """The app (in AppTest) on the database whose registers run to several pages."""
    monkeypatch.setenv("DATABASE_URL", long_registers_url)
    get_settings.cache_clear()
    return long_registers_url
