"""A copy of a set of CSV files holding only what the documents say: the oracle for "documented only".

Every row marked illustrative is dropped, and so is every row that refers to a dropped row (a
documented update of a sample recommendation would have nothing to belong to). The files are read
and written here with Python's csv module, not by the loader under test; which column refers to
which table is read from the schema's foreign keys.
"""

from __future__ import annotations

import csv
import zlib
from pathlib import Path

from data_model.tables import SEED_TABLES, references


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def mixed_files(source: Path, out: Path) -> Path:
    """Write to `out` the files of `source` with about half of every table's rows marked documented
    (chosen by a checksum of the row's key), so documented and sample rows meet in every join: sample
    forecasts of a documented milestone, sample payments on a documented line, and so on. A row is
    only made documented when every row it refers to is documented too: nothing the documents say
    rests on sample data (the rulebook refuses it)."""
    out.mkdir(parents=True, exist_ok=True)
    documented: dict[str, set[str]] = {}
    for model in SEED_TABLES:
        table = model.__table__
        key = next(column.name for column in table.primary_key.columns)
        header, rows = _rows(source / f"{table.name}.csv")
        documented[table.name] = set()
        for index in _parents_first(model, range(len(rows))):
            row = rows[index]
            parents_documented = all(
                not row[column] or row[column] in documented[parent] for column, parent, _ in references(model)
            )
            if parents_documented and zlib.crc32(row[key].encode()) % 2 == 0:
                row["illustrative"] = "false"
            if row["illustrative"] == "false":
                documented[table.name].add(row[key])
        _write(out / f"{table.name}.csv", header, rows)
    return out


def _parents_first(model, rows: range) -> range:
    """The rows' positions in an order that meets a row before a row of the same table naming it: a
    meeting's minutes are confirmed by a later meeting, so a table naming its own rows is read upwards."""
    naming_itself = any(parent == model.__tablename__ for _, parent, _ in references(model))
    return rows[::-1] if naming_itself else rows


def documented_files(source: Path, out: Path) -> Path:
    """Write to `out` the files of `source` with their illustrative rows (and whatever refers to one) left out."""
    out.mkdir(parents=True, exist_ok=True)
    kept_keys: dict[tuple[str, str], set[str]] = {}
    for model in SEED_TABLES:  # parents before children
        table = model.__table__
        header, rows = _rows(source / f"{table.name}.csv")
        kept_here: set[str] = set()
        kept_keys[table.name, "id"] = kept_here  # a row naming one of its own table's: only a kept one
        kept_rows: set[int] = set()
        for index in _parents_first(model, range(len(rows))):
            row = rows[index]
            if row["illustrative"].strip().lower() != "false":
                continue
            if all(
                not row[column] or row[column] in kept_keys[parent, key] for column, parent, key in references(model)
            ):
                kept_rows.add(index)
                kept_here.add(row.get("id", ""))
        kept = [row for index, row in enumerate(rows) if index in kept_rows]  # in the file's order
        for column in table.columns:
            kept_keys[table.name, column.name] = {row[column.name] for row in kept}
        _write(out / f"{table.name}.csv", header, kept)
    return out
