"""The analysts' files (the download of the current data, ``python -m seed export``) hold no live formula,
and load back to exactly the text the database held."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from data_model.db import make_engine, upgrade
from data_model.tables import SEED_TABLES, Spend
from data_model.writes.export import current_data_zip
from data_model.writes.replace import load_directory, upload
from seed.__main__ import main
from tests.helpers.actors import admin, analyst
from tests.helpers.minimal_set import snapshot, write_set

HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'=already",
    "  =1+1",
    "'tis a clean text",
    "A clean text, = and - inside",
)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet runs as a formula (OWASP's list), restated rather than imported."""


@pytest.fixture
def hostile(engine: Engine, tmp_path: Path) -> Engine:
    """The minimal set, then every row's source (and each payment's supplier and description) set to
    hostile text straight in the database, as no door would trim or unescape it."""
    load_directory(engine, write_set(tmp_path / "minimal"), actor=analyst())
    turn = 0
    with engine.begin() as connection:
        for model in SEED_TABLES:
            table = model.__table__
            key = table.primary_key.columns[0]
            for (row_key,) in connection.execute(select(key).order_by(key)).all():
                connection.execute(update(table).where(key == row_key).values(source=HOSTILE[turn % len(HOSTILE)]))
                turn += 1
        for offset, (row_key,) in enumerate(connection.execute(select(Spend.id).order_by(Spend.id)).all()):
            supplier, description = HOSTILE[offset], HOSTILE[-offset - 1]
            connection.execute(
                update(Spend.__table__).where(Spend.id == row_key).values(supplier=supplier, description=description)
            )
    return engine


def stored_text(engine: Engine) -> dict[tuple[str, str, str], str]:
    """Every text the database holds in the hostile columns, by (table, key, column)."""
    texts = {}
    with engine.connect() as connection:
        for model in SEED_TABLES:
            table = model.__table__
            columns = [name for name in ("source", "supplier", "description") if name in table.c]
            key = table.primary_key.columns[0]
            for row in connection.execute(select(key, *(table.c[name] for name in columns))).all():
                texts.update({(table.name, row[0], name): value for name, value in zip(columns, row[1:], strict=True)})
    return texts


def cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def as_spreadsheet(data: bytes) -> openpyxl.Workbook:
    """The file as a spreadsheet reads it: each cell's text set into a worksheet cell, which openpyxl
    (like Excel) takes as a formula when it starts with ``=``."""
    book = openpyxl.Workbook()
    sheet = book.active
    text = data.decode("utf-8-sig")
    for row_number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for column_number, cell in enumerate(row, start=1):
            sheet.cell(row=row_number, column=column_number, value=cell)
    return book


def assert_inert(name: str, data: bytes) -> None:
    live = [cell for cell in cells(data) if cell.startswith(TRIGGERS)]
    assert not live, f"{name} holds cells a spreadsheet would run: {live}"
    formulas = [cell.value for row in as_spreadsheet(data).active.iter_rows() for cell in row if cell.data_type == "f"]
    assert not formulas, f"{name} opens with formulas: {formulas}"


def test_a_spreadsheet_would_run_the_hostile_text_as_it_is() -> None:
    """The check below can fail: the raw text does open as a formula."""
    assert as_spreadsheet(HOSTILE[0].encode()).active["A1"].data_type == "f"


def test_the_download_of_the_current_data_holds_no_live_formula_and_uploads_back_exactly(hostile: Engine) -> None:
    before = stored_text(hostile)
    assert set(HOSTILE) <= set(before.values())
    with zipfile.ZipFile(io.BytesIO(current_data_zip(hostile))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    for name, data in files.items():
        assert_inert(name, data)
    state = snapshot(hostile)
    assert upload(hostile, files, actor=admin()).unchanged  # the round trip changes nothing
    assert snapshot(hostile) == state


def test_seed_export_holds_no_live_formula_and_loads_back_exactly(
    hostile: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", hostile.url.render_as_string(hide_password=False))
    assert main(["export", str(tmp_path / "out")]) == 0
    for path in sorted((tmp_path / "out").glob("*.csv")):
        assert_inert(path.name, path.read_bytes())
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        upgrade(fresh)
        load_directory(fresh, tmp_path / "out", actor=analyst())
        assert stored_text(fresh) == stored_text(hostile)
    finally:
        fresh.dispose()
