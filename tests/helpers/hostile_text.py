"""Hostile text: a copy of the seed whose every free-text cell is HTML, a script, Markdown or a formula."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from data_model.db import make_engine, upgrade
from data_model.writes.csv_files import SPECS, TEXT
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
MARKDOWN = "**bold** [link](javascript:alert(1))"
FORMULAS = ('=HYPERLINK("http://evil","x")', "+cmd", "@SUM(A1)", "-2+3")
HOSTILE = (SCRIPT, IMAGE, MARKDOWN, *FORMULAS)

MARKUP = ("<script", "<img", "**bold**", "](javascript:")
"""What would turn into markup if a Markdown element received the text unescaped."""
ESCAPED = re.compile(r"\\.")
"""A backslash-escaped character, which Markdown shows as written."""


def markup_in(text: str) -> bool:
    """Whether `text`, rendered as Markdown, would turn hostile text into markup."""
    unescaped = ESCAPED.sub("", text)
    return any(mark in unescaped for mark in MARKUP)


def hostile_columns(table: str) -> list[str]:
    """The free-text columns of a table: text that is not a key, a reference or a checked code."""
    spec = SPECS[table]
    references = {column for column, _, _ in spec.references}
    checked = {
        name
        for decorator in spec.model.__pydantic_decorators__.field_validators.values()
        for name in decorator.info.fields
    }
    return [
        column
        for column in spec.columns
        if spec.kinds[column] == TEXT and column != spec.key and column not in references | checked
    ]


def write_hostile_seed(folder: Path) -> Path:
    """The seed with every free-text cell replaced by a hostile string (each column gets them all)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEED_DIR.glob("*.csv"):
        table = path.stem
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        columns = hostile_columns(table)
        for number, row in enumerate(rows):
            for offset, column in enumerate(columns):
                row[column] = HOSTILE[(number + offset) % len(HOSTILE)]
        with (folder / path.name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else SPECS[table].columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def hostile_database(folder: Path) -> str:
    """A SQLite database loaded from the hostile seed; its URL."""
    url = f"sqlite:///{folder / 'hostile.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        load_directory(engine, write_hostile_seed(folder / "seed"), actor=analyst(SCRIPT))  # the audit log too
    finally:
        engine.dispose()
    return url
