"""The seed files read directly (the independent reference every figure is checked against), and the
app opened on the seeded database as a copied link would open it."""

from __future__ import annotations

import csv
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.helpers.environment import PROJECT_ROOT, SEED_DIR

AS_AT = date(2026, 11, 22)
"""The seed's "as at" date: its illustrative figures run to this day."""
AS_AT_ISO = AS_AT.isoformat()
"""The same day as the seed files and the URL write it (ISO text compares as dates do)."""
LAST_BOARD = date(2026, 10, 15)
VCOP_REVIEW = "London Victims' Commissioner review of VCOP compliance (March 2019)"
APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def rows(table: str) -> list[dict[str, str]]:
    """Every row of `seed/<table>.csv`, as text."""
    with open(SEED_DIR / f"{table}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def open_page(page: str, timeout: float = 30, **params: str | list[str]) -> AppTest:
    """Open `page` as at AS_AT with the given URL query parameters, as a copied link would."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["as_at"] = AS_AT_ISO
    at.query_params.update(params)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    return rerun(at)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def infos(at: AppTest) -> str:
    return " ".join(info.value for info in at.info)
