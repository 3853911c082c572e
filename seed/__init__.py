"""The board's seed data as CSV files, the `python -m seed` command line and the synthetic generator.

Validating, loading and exporting the files is `data_model.writes`'s work; this package only holds
the files and hands them to it.
"""

from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent
