"""A database whose registers run to several pages of a table: the seed plus a small generated portfolio
(`seed.synthetic`: hundreds of recommendations, risks and milestones), loaded by the normal loader."""

from __future__ import annotations

from pathlib import Path

from seed.synthetic import Portfolio, generate
from tests.helpers.databases import load_seed

PORTFOLIO = Portfolio(
    decisions=4, recommendations=250, reviews=4, forums=4, risks=250, reassessments=750, milestones=250, actions=300
)
"""Each register two or three pages long (over `record_tables.PAGE_ROWS`), yet quick to make and load."""
PAYMENTS = 500


def long_registers_database(folder: Path) -> str:
    """Generate the files in `folder`, load them into a new SQLite database there; its URL."""
    generate(folder / "files", PAYMENTS, portfolio=PORTFOLIO)
    url = f"sqlite:///{folder / 'long-registers.db'}"
    load_seed(url, folder / "files")
    return url
