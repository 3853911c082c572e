"""The board's seed data as CSV files, and the loader that validates, loads and exports them."""

from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent
