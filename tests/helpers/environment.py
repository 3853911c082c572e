"""Where the project is, and whether this run is CI (where nothing may skip)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = PROJECT_ROOT / "seed"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def is_ci(value: str | None) -> bool:
    """CI systems set CI to true, 1, yes ...: anything but empty, 0 or false counts."""
    return (value or "").strip().lower() not in ("", "0", "false")


IN_CI = is_ci(os.environ.get("CI"))


def skip_unless_ci(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run every test)")
    pytest.skip(reason)
