"""Every documented figure and date in the seed is in the document it cites.

The test reads the two decision documents themselves (``../shared/seeds/``, beside the project) and,
for every seed row not marked illustrative whose source names PCD 1847 or PCD 603, looks for each
amount of money (written as the documents write it, ``£20,000``), each date (``16 September 2024``)
and each decision fact's value in the text of that document. A figure the project worked out rather
than read is named below with the working, so nothing else can slip in unread.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from data_model.writes.csv_files import DATE, MONEY, SPECS
from tests.helpers.environment import PROJECT_ROOT, skip_unless_ci
from tests.helpers.seeded import rows

DOCUMENTS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

WORKED_OUT = {
    ("budget_line", "BL-1847-UPL", "amount"): "20% of £90,000 (£50,000 + 2 x £20,000), the uplift in £108,000",
    ("decision_condition", "DC-1847-UPL", "amount"): "the same 20% uplift, £18,000",
    ("recommendation", "REC-1847-02", "due_date"): "the end of 2025, from 'will be mobilised in 2025'",
}
"""Figures in documented rows that the project worked out from the document's own figures, with the working."""


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'"))


def _documents() -> dict[str, str]:
    """Each decision's document text, found by its reference code (named in it, and only in it)."""
    if not DOCUMENTS_DIR.is_dir():
        skip_unless_ci(f"the source documents are not at {DOCUMENTS_DIR}")
    texts = [_plain(path.read_text(encoding="utf-8")) for path in sorted(DOCUMENTS_DIR.glob("*.txt"))]
    found = {reference: [t for t in texts if reference in t] for reference in ("PCD 1847", "PCD 603")}
    assert all(len(named) == 1 for named in found.values()), "each decision document is there, once"
    return {reference: named[0] for reference, named in found.items()}


def _written(kind: str, value: str) -> str:
    """A value as the documents write it: £1,234 (or £1,234.50), or 16 September 2024."""
    if kind == MONEY:
        amount = Decimal(value)
        return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"
    day = date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def _documented_values() -> list[tuple[str, str, str, str, str]]:
    """(table, id, column, the value as written, the document cited) for every figure and date of a documented
    row citing PCD 1847 or PCD 603, and every documented fact's value."""
    found = []
    for table, spec in SPECS.items():
        for row in rows(table):
            cited = next((ref for ref in ("PCD 1847", "PCD 603") if row["source"].startswith(ref)), None)
            if row["illustrative"] != "false" or cited is None:
                continue
            key = row[spec.key]
            for column in spec.columns:
                if spec.kinds[column] in (MONEY, DATE) and row[column]:
                    found.append((table, key, column, _written(spec.kinds[column], row[column]), cited))
            if table == "decision_fact" and row["value"]:  # a value may join phrases the document writes apart
                found += [(table, key, "value", _plain(part), cited) for part in row["value"].split("; ")]
    return found


VALUES = _documented_values()


def test_the_walk_finds_the_documented_figures():
    tables = {table for table, *_ in VALUES}
    assert {"decision", "budget_line", "decision_fact", "decision_condition", "decision_funding"} <= tables
    assert len(VALUES) > 60


@pytest.mark.parametrize(("table", "key", "column", "written", "cited"), VALUES, ids=[f"{v[1]}.{v[2]}" for v in VALUES])
def test_each_documented_figure_is_in_its_document(table, key, column, written, cited):
    in_document = written in _documents()[cited]
    if (table, key, column) in WORKED_OUT:  # worked out, so not read: an exemption no longer needed goes
        assert not in_document, f"{table} {key} {column}: {written!r} is in {cited} after all"
    else:
        assert in_document, f"{table} {key} {column}: {written!r} is not in {cited}"


def test_each_worked_out_figure_is_still_in_the_seed():
    assert {(table, key, column) for table, key, column, *_ in VALUES} >= set(WORKED_OUT)


def test_no_source_cites_a_file_outside_the_project():
    for table in SPECS:
        for row in rows(table):
            assert not re.search(r"\b\w+\.(md|txt|docx?)\b", row["source"], re.IGNORECASE), (table, row["source"])
