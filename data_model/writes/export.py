"""Write the database back to CSV files in the loader's conventions, so they load to the same data.

ISO dates, money as plain numbers (``50000``, ``1234.50``), ``true``/``false``, an empty cell
for None, the header in the table's field order, rows in the natural order of their keys
(``S2`` before ``S10``), UTF-8 and ``\\n`` line endings. These are the analysts' files, opened in a
spreadsheet: no text cell is one it would run as a formula (`spreadsheet_text.escape` gives
``=HYPERLINK(...)`` a leading apostrophe, which the loader takes off again).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from data_model.spreadsheet_text import escape
from data_model.typed_sql import table_of
from data_model.writes.csv_files import SPECS, TableSpec, spec_for
from data_model.writes.replace import natural_key


def format_cell(value: Any) -> str:
    """One value as the loader reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return escape(value)
    return str(value)


def _rows(engine: Engine, spec: TableSpec) -> list[tuple[Any, ...]]:
    table = table_of(spec.model)
    with engine.connect() as connection:
        rows = connection.execute(select(*(table.c[column] for column in spec.columns))).all()
    key_index = spec.columns.index(spec.key)
    return sorted(rows, key=lambda row: natural_key(row[key_index]))


class _NewlineRecords:
    """Where `csv.writer` writes: each record ends ``\\n``, though the writer ends it ``\\r\\n``, so that it
    quotes a field holding a lone carriage return (Python 3.11 quotes only the line ending's characters:
    a bare ``\\r`` in a text would otherwise end the row in a spreadsheet, and in the loader)."""

    def __init__(self, out: io.TextIOBase) -> None:
        self.out = out

    def write(self, record: str) -> None:
        self.out.write(record.removesuffix("\r\n") + "\n")  # the writer writes one whole record per call


def _write(out: io.TextIOBase, spec: TableSpec, rows: Iterable[tuple[Any, ...]]) -> int:
    writer = csv.writer(_NewlineRecords(out), lineterminator="\r\n")
    writer.writerow(spec.columns)
    count = 0
    for row in rows:
        writer.writerow([format_cell(value) for value in row])
        count += 1
    return count


def table_csv_bytes(engine: Engine, table: str | type[SQLModel], *, bom: bool = False) -> bytes:
    """One table as a CSV file's bytes (for a download button). `bom` helps Excel see UTF-8."""
    spec = spec_for(table)
    out = io.StringIO()
    _write(out, spec, _rows(engine, spec))
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def export_directory(engine: Engine, directory: Path | str) -> dict[str, int]:
    """Write every seeded table to ``directory/<table>.csv``; returns rows written per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, spec in SPECS.items():
        with (directory / spec.file_name).open("w", encoding="utf-8", newline="") as out:
            counts[name] = _write(out, spec, _rows(engine, spec))
    return counts


def current_data_zip(engine: Engine) -> bytes:
    """Every table as its CSV file (UTF-8 with a byte-order mark, for Excel), in one zip: what an upload takes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, spec in SPECS.items():
            archive.writestr(spec.file_name, table_csv_bytes(engine, name, bom=True))
    return buffer.getvalue()
