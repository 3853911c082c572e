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

from data_model.tables import SEED_TABLES


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
        for row in rows:
            parents_documented = all(
                not row[fk.parent.name] or row[fk.parent.name] in documented[fk.column.table.name]
                for fk in table.foreign_keys
            )
            if parents_documented and zlib.crc32(row[key].encode()) % 2 == 0:
                row["illustrative"] = "false"
        documented[table.name] = {row[key] for row in rows if row["illustrative"] == "false"}
        _write(out / f"{table.name}.csv", header, rows)
    return out


def documented_files(source: Path, out: Path) -> Path:
    """Write to `out` the files of `source` with their illustrative rows (and whatever refers to one) left out."""
    out.mkdir(parents=True, exist_ok=True)
    kept_keys: dict[tuple[str, str], set[str]] = {}
    for model in SEED_TABLES:  # parents before children
        table = model.__table__
        header, rows = _rows(source / f"{table.name}.csv")
        kept = [row for row in rows if row["illustrative"].strip().lower() == "false"]
        for key in table.foreign_keys:
            parents = kept_keys[key.column.table.name, key.column.name]
            kept = [row for row in kept if not row[key.parent.name] or row[key.parent.name] in parents]
        for column in table.columns:
            kept_keys[table.name, column.name] = {row[column.name] for row in kept}
        _write(out / f"{table.name}.csv", header, kept)
    return out
