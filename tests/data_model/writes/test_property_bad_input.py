"""Seed files spoiled at random are either loaded exactly or refused in plain words, changing nothing.

Hypothesis takes the minimal valid set (tests/test_seed_loader.py) and spoils it in one to three
ways at once: odd cell values (wrong types, huge numbers, control characters, long text), missing,
extra, renamed and duplicated columns, duplicate keys, dangling references, deleted parent rows,
ragged rows, other encodings, a byte-order mark, Windows or old Mac line endings, semicolons,
truncated, empty, garbage, missing and stray files. Each spoiled set is loaded (as a full load, or
as an upload of some of the files) into a database holding different, valid data, and then:

- either the load succeeds and every table holds exactly the rows the files say (and the harmless
  spoils, a BOM or CRLF line endings or reordered columns, always load as the clean set does), with
  every amount written as plain pounds and no payment after today (the rules, restated here);
- or it is refused with `ValidationFailed`, every problem naming a file, a row and/or column
  wherever the spoil sits in a row or column, and a plain message (no traceback, no pydantic
  jargon), and the database is exactly as it was: every row of every table, the audit trail and
  the data version.

Any other exception (an IntegrityError, an OverflowError from the driver ...) fails the test.
Examples are bounded so the file adds well under a minute: more on SQLite, fewer on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Engine

from data_model.tables import SEED_TABLES
from data_model.writes.csv_files import SPECS, Problem, ValidationFailed, read_directory, read_tables
from data_model.writes.replace import load_directory, upload
from tests.helpers.actors import admin, analyst
from tests.helpers.clock import TODAY
from tests.helpers.minimal_set import MINIMAL_SET, dump
from tests.helpers.update_files import table_files

EXAMPLES = {"sqlite": 150, "postgresql": 40}

BASELINE_EDITS = {
    "spend.csv": [("1234.50", "999.99"), ("Q1 invoice", "before the load")],
    "forum_insight.csv": [("Updates come too late", "An older insight")],
}
"""The database's data before each load: valid, and different from every spoiled set's."""

HARMLESS = {"bom", "crlf", "reorder_columns", "pad_cells", "blank_rows"}
"""Spoils a spreadsheet commonly adds: a set spoiled only by these must load as the clean set."""

FILE_LEVEL = {"empty", "missing", "stray", "encoding", "garbage", "truncate", "semicolons"}
"""Spoils of a whole file: only these may give a problem with neither a row nor a column."""

JARGON = re.compile(
    r"Traceback|pydantic|Input should|validation error for|errors\.pydantic\.dev|sqlalche\.me|"
    r"Error\(|(?<!')\bNone\b(?!')|type=|File \"",  # None unquoted: a Python value, not the cell's text
)

ODD_VALUES = [
    "",
    " ",
    "TBC",
    "n/a",
    "null",
    "None",
    "-1",
    "0",
    "1e3",
    "1E+400",
    "NaN",
    "inf",
    "-inf",
    "9" * 40,
    "99999999999999999999",
    "2147483648",
    "-9223372036854775809",
    "0.001",
    "1,234.567",
    "£",
    "£1,2,3",
    "£-5",
    "--5",
    "1 234",
    "2024-02-29",
    "2025-02-29",
    "31/12/2025",
    "0000-00-00",
    "9999-12-31",
    "2025-13-01",
    "true",
    "maybe",
    "Yes",
    "FALSE",
    '"',
    "'",
    "\\",
    "é",
    "🙂",
    "\u202e",
    "\x00",
    "\x07",
    "a\nb",
    "a\r\nb",
    "<script>",
    "=1+1",
    "x" * 5_000,
    "y" * 140_000,
]
"""Cells that catch loaders out; ``y * 140_000`` is past Python's CSV field size limit."""

CELLS = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=20),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.dates().map(str),
)

VALUES_BY_KIND = {
    "text": st.sampled_from(["\x00", "a\x00b", "\x1b[31m", "\u202e", "\ufeff", "tab\there", "\u2028", "x" * 3000])
    | st.text(st.characters(codec="utf-8"), max_size=20),
    "int": st.sampled_from(["2147483647", "2147483648", "-2147483649", "9" * 20, "1.0", "1e3", "+7", " 7 ", "٣"])
    | st.integers().map(str),
    "money": st.sampled_from(
        [
            "£1,234.56",
            "9" * 12,
            "9" * 13,
            "9" * 15,
            "1e3",
            "1E-2",
            "NaN",
            "-0",
            "0.001",
            "£-5",
            "12,34",
            "£ 5",
            "5p",
            "1_000",
            "١٠٠",
            "+5",
            "Infinity",
            "1 234",
            "1,23,4",
            "1,234.50",
            ".5",
        ]
    )
    | st.decimals(places=2, allow_nan=False).map(str),
    "date": st.sampled_from(
        [
            "2024-02-29",
            "2025-02-29",
            "1999-12-31",
            "2000-01-01",
            "2100-12-31",
            "2101-01-01",
            "2025-1-1",
            "2025-01-01T00:00:00",
            "2025-01-01 00:00",
            "20250101",
            TODAY.isoformat(),
            (TODAY + timedelta(days=1)).isoformat(),
        ]
    )
    | st.dates().map(str),
    "bool": st.sampled_from(["true", "false", "yes", "no", "1", "0", "TRUE", "Yes", "maybe", "y", "2", "on"]),
}
"""Values aimed at each kind of column: at the edges of what the database can store, and just past them."""

PLAIN_POUNDS = re.compile(r"£?([0-9]{1,3}(,[0-9]{3})*|[0-9]+)(\.[0-9]{1,2})?")
"""Money as the rulebook takes it, restated: ASCII digits, an optional £, commas between thousands, pence."""


def column_kind(spec, column: str) -> str | None:
    """'text', 'int', 'money', 'date' or 'bool' for a column of the table (None for an unknown name)."""
    info = spec.model.model_fields.get(column)
    if info is None:
        return None
    kind = spec.kinds[column]
    if kind != "other":
        return kind
    return "bool" if "bool" in str(info.annotation) else "int"


@dataclass
class SpoiledSet:
    files: dict[str, bytes]
    spoils: dict[str, set[str]] = field(default_factory=dict)  # file -> kinds of spoil
    upload: list[str] | None = None  # the files given to an upload; None: a full load

    def __repr__(self) -> str:  # the spoiled files only, so a failure is readable
        shown = {name: self.files.get(name) for name in self.spoils}
        return f"SpoiledSet(spoils={self.spoils!r}, upload={self.upload!r}, files={shown!r})"

    @property
    def harmless(self) -> bool:
        return all(kinds <= HARMLESS for kinds in self.spoils.values())


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def render(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def baseline_texts() -> dict[str, str]:
    texts = dict(MINIMAL_SET)
    for file, edits in BASELINE_EDITS.items():
        for old, new in edits:
            texts[file] = texts[file].replace(old, new, 1)
    return texts


@st.composite
def spoiled_sets(draw: st.DrawFn) -> SpoiledSet:
    tables = {name: parse(text) for name, text in MINIMAL_SET.items()}
    raw: dict[str, bytes | None] = {}
    spoils: dict[str, set[str]] = {}
    for _ in range(draw(st.integers(1, 3))):
        file = draw(st.sampled_from(sorted(tables)))
        rows = tables[file]
        kind = draw(st.sampled_from(ROW_SPOILS + BYTE_SPOILS))
        if kind in ROW_SPOILS:
            if file in raw or len(rows) < 2:  # spoiled as bytes, or no data row left: spoil another way
                continue
            kind = ROW_SPOILERS[kind](draw, file, rows) or kind
        else:
            raw[file] = BYTE_SPOILERS[kind](draw, file, render(rows).encode("utf-8"))
        spoils.setdefault(file, set()).add(kind)
    files: dict[str, bytes] = {}
    for name, rows in tables.items():
        content = raw[name] if name in raw else render(rows).encode("utf-8")
        if content is not None:
            files[name] = content
    if "stray" in set().union(*spoils.values()):
        files["notes.csv"] = b"anything,at all\n1,2\n"
    upload = None
    if draw(st.booleans()):
        upload = draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=4, unique=True))
    return SpoiledSet(files, spoils, upload)


# -- spoils of rows and columns (they edit `rows`, header first, in place) -------------------------


def _data_row(draw: st.DrawFn, rows: list[list[str]]) -> int:
    return draw(st.integers(1, len(rows) - 1))


def _column(draw: st.DrawFn, rows: list[list[str]]) -> int:
    return draw(st.integers(0, len(rows[0]) - 1))


def spoil_cell(draw, file, rows):
    row = rows[_data_row(draw, rows)]
    if row:  # not a blank line added by another spoil
        row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)


def spoil_typed_cell(draw, file, rows):
    """A value meant for one kind of column (whole number, money, date, true/false, text) in such a column."""
    spec = SPECS[file.removesuffix(".csv")]
    by_kind = {kind: [c for c in rows[0] if column_kind(spec, c) == kind] for kind in VALUES_BY_KIND}
    kind = draw(st.sampled_from([kind for kind, columns in by_kind.items() if columns] or ["text"]))
    row = rows[_data_row(draw, rows)]
    index = rows[0].index(draw(st.sampled_from(by_kind[kind]))) if by_kind[kind] else 0
    if index < len(row):
        row[index] = draw(VALUES_BY_KIND[kind])


def spoil_drop_column(draw, file, rows):
    index = _column(draw, rows)
    for row in rows:
        if index < len(row):
            del row[index]


def spoil_extra_column(draw, file, rows):
    name = draw(st.sampled_from(["notes", "", " ", rows[0][0], "ID", "amount "]))
    value = draw(st.sampled_from(["", "late", "1"]))
    rows[0].append(name)
    for row in rows[1:]:
        row.append(value)


def spoil_rename_column(draw, file, rows):
    index = _column(draw, rows)
    rows[0][index] = draw(st.sampled_from([rows[0][index].upper(), rows[0][index] + "s", "?"]))


def spoil_duplicate_row(draw, file, rows):
    rows.append(list(rows[_data_row(draw, rows)]))


def spoil_delete_row(draw, file, rows):
    del rows[_data_row(draw, rows)]


def spoil_dangling_reference(draw, file, rows):
    references = [column for column, _, _ in SPECS[file.removesuffix(".csv")].references]
    if not references:
        return spoil_delete_row(draw, file, rows) or "delete_row"
    index = rows[0].index(draw(st.sampled_from(references))) if set(references) <= set(rows[0]) else 0
    row = rows[_data_row(draw, rows)]
    if index < len(row):
        row[index] = draw(st.sampled_from(["NO SUCH ROW", "pcd 1", "B1 ", "b1"]))
    return None


def spoil_ragged(draw, file, rows):
    row = rows[_data_row(draw, rows)]
    if row and draw(st.booleans()):
        row.pop()
    else:
        row.append(draw(st.sampled_from(["", "extra"])))


def spoil_reorder_columns(draw, file, rows):
    order = draw(st.permutations(range(len(rows[0]))))
    rows[:] = [[row[i] for i in order if i < len(row)] for row in rows]


def spoil_pad_cells(draw, file, rows):
    rows[1:] = [[f"  {cell} " if cell else cell for cell in row] for row in rows[1:]]


def spoil_blank_rows(draw, file, rows):
    blank = draw(st.sampled_from([[], [""] * len(rows[0])]))
    rows.insert(draw(st.integers(1, len(rows))), blank)


ROW_SPOILERS = {
    "cell": spoil_cell,
    "typed_cell": spoil_typed_cell,
    "drop_column": spoil_drop_column,
    "extra_column": spoil_extra_column,
    "rename_column": spoil_rename_column,
    "duplicate_row": spoil_duplicate_row,
    "delete_row": spoil_delete_row,
    "dangling_reference": spoil_dangling_reference,
    "ragged": spoil_ragged,
    "reorder_columns": spoil_reorder_columns,
    "pad_cells": spoil_pad_cells,
    "blank_rows": spoil_blank_rows,
}
ROW_SPOILS = list(ROW_SPOILERS)


# -- spoils of the file's bytes -------------------------------------------------------------------


def spoil_encoding(draw, file, data):
    text = data.decode("utf-8").replace("Ltd", "Lté", 1).replace("Notes", "Notés", 1)
    return text.encode(draw(st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-32"])), errors="replace")


BYTE_SPOILERS = {
    "bom": lambda draw, file, data: b"\xef\xbb\xbf" + data,
    "crlf": lambda draw, file, data: data.replace(b"\n", b"\r\n"),
    "cr": lambda draw, file, data: data.replace(b"\n", b"\r"),
    "empty": lambda draw, file, data: draw(st.sampled_from([b"", b"\n", b"   \r\n", b"\xef\xbb\xbf"])),
    "header_only": lambda draw, file, data: data.split(b"\n", 1)[0] + b"\n",
    "truncate": lambda draw, file, data: data[: draw(st.integers(0, len(data) - 1))],
    "garbage": lambda draw, file, data: draw(st.binary(min_size=1, max_size=200)),
    "semicolons": lambda draw, file, data: data.replace(b",", b";"),
    "encoding": spoil_encoding,
    "missing": lambda draw, file, data: None,
    "stray": lambda draw, file, data: data,
}
BYTE_SPOILS = list(BYTE_SPOILERS)


# -- the database, dumped whole -------------------------------------------------------------------


def seeded_rows(engine: Engine, tables: list[str]) -> dict[str, dict[str, dict]]:
    result = {}
    with engine.connect() as connection:
        for name in tables:
            spec = SPECS[name]
            rows = connection.execute(select(spec.model.__table__)).mappings()
            result[name] = {row[spec.key]: dict(row) for row in rows}
    return result


def by_key(tables: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    return {name: {row[SPECS[name].key]: row for row in rows} for name, rows in tables.items()}


# -- the checks -----------------------------------------------------------------------------------


def assert_clear(problem: Problem, spoiled: SpoiledSet) -> None:
    known = {spec.file_name for spec in SPECS.values()} | set(spoiled.files)
    assert problem.file in known, problem
    assert problem.row is None or (isinstance(problem.row, int) and problem.row >= 1), problem
    if problem.column is not None:
        assert isinstance(problem.column, str), problem
    message = problem.message
    assert message.strip() and message == message.strip(), problem
    assert not JARGON.search(message), f"jargon in {problem}"
    if problem.row is None and problem.column is None:
        spoils = spoiled.spoils.get(problem.file, set())
        assert spoils & FILE_LEVEL or problem.file == "notes.csv", (
            f"{problem} has no row or column, but {problem.file} was spoiled only by {spoils}"
        )


def assert_plain_pounds_and_no_payment_after_today(spoiled: SpoiledSet, tables: list[str]) -> None:
    """In every file that loaded, each amount of money is written as plain pounds and no payment is after today."""
    for table in tables:
        spec = SPECS[table]
        records = parse(spoiled.files[spec.file_name].decode("utf-8-sig"))
        header = [name.strip() for name in records[0]]
        for cells in records[1:]:
            row = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name in spec.kinds}
            for column, kind in spec.kinds.items():
                assert kind != "money" or not row.get(column) or PLAIN_POUNDS.fullmatch(row[column]), row
            if table == "spend" and row.get("spend_date"):
                assert date.fromisoformat(row["spend_date"][:10]) <= TODAY, row


def load(engine: Engine, spoiled: SpoiledSet, folder: Path):
    """Read the spoiled files as the loader will (the expected rows), then load them."""
    if spoiled.upload is None:
        for name, content in spoiled.files.items():
            (folder / name).write_bytes(content)
        try:
            expected = read_directory(folder)
        except ValidationFailed as failure:
            with pytest.raises(ValidationFailed) as again:
                load_directory(engine, folder, actor=admin("mallory"))
            assert again.value.problems == failure.problems
            raise
        load_directory(engine, folder, actor=admin("mallory"))  # a load may leave rows out
        return expected
    given = {name: spoiled.files[name] for name in spoiled.upload}
    tables = read_tables(given, existing=engine)
    upload(engine, given, actor=admin("mallory"))
    return tables


def check(engine: Engine, spoiled: SpoiledSet, baseline: dict, clean: dict) -> None:
    before = dump(engine)
    with tempfile.TemporaryDirectory() as folder:
        try:
            expected = load(engine, spoiled, Path(folder))
        except ValidationFailed as failure:
            assert failure.problems, "refused without a reason"
            for problem in failure.problems:
                assert_clear(problem, spoiled)
            assert dump(engine) == before, "a refused load changed the database"
            assert not spoiled.harmless, f"harmless spoils {spoiled.spoils} were refused:\n{failure}"
            return
    # Loaded: every table given holds exactly the rows its file says, and the rules restated here held.
    assert seeded_rows(engine, list(expected)) == by_key(expected)
    assert_plain_pounds_and_no_payment_after_today(spoiled, list(expected))
    if spoiled.harmless and spoiled.upload is None:
        assert by_key(expected) == clean, f"harmless spoils {spoiled.spoils} changed the values read"
    upload(engine, table_files(baseline), actor=admin())  # the next example starts from the baseline


@pytest.fixture
def prepared(engine: Engine, tmp_path: Path):
    """The engine (SQLite and PostgreSQL) holding the baseline, with the clean set's values."""
    texts = {"clean": MINIMAL_SET, "baseline": baseline_texts()}
    for folder, files in texts.items():
        (tmp_path / folder).mkdir()
        for name, text in files.items():
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    baseline = read_directory(tmp_path / "baseline")
    upload(engine, table_files(baseline), actor=admin())
    return engine, baseline, by_key(read_directory(tmp_path / "clean"))


def test_spoiled_files_load_exactly_or_are_refused_changing_nothing(prepared) -> None:
    engine, baseline, clean = prepared
    run_property(engine, spoiled_sets(), check, baseline, clean)


def run_property(engine: Engine, sets: st.SearchStrategy, test, *args) -> None:
    """`test(engine, spoiled, *args)` for spoiled sets drawn from `sets`, fewer on PostgreSQL (slower)."""

    @settings(
        max_examples=EXAMPLES[engine.dialect.name],
        deadline=None,
        database=None,  # no .hypothesis folder in the project; a failure prints its reproduction blob
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(spoiled=sets)
    def property(spoiled: SpoiledSet) -> None:
        test(engine, spoiled, *args)

    property()


@st.composite
def one_spoiled_cell(draw: st.DrawFn) -> SpoiledSet:
    """One value aimed at one column of one row: most such sets load, so the writes are exercised."""
    file = draw(st.sampled_from(sorted(MINIMAL_SET)))
    rows = parse(MINIMAL_SET[file])
    spoil_typed_cell(draw, file, rows)
    files = {name: text.encode("utf-8") for name, text in MINIMAL_SET.items()} | {file: render(rows).encode("utf-8")}
    upload = [file] if draw(st.booleans()) else None
    return SpoiledSet(files, {file: {"typed_cell"}}, upload)


def test_any_single_value_loads_exactly_or_is_refused_changing_nothing(prepared) -> None:
    engine, baseline, clean = prepared
    run_property(engine, one_spoiled_cell(), check, baseline, clean)


HARMLESS_EXAMPLES = {
    "bom": lambda text: "\ufeff" + text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "reorder_columns": lambda text: render([row[::-1] for row in parse(text)]),
    "pad_cells": lambda text: render(
        [parse(text)[0]] + [[f"  {c} " if c else c for c in row] for row in parse(text)[1:]]
    ),
    "blank_rows": lambda text: text.replace("\n", "\n\n,,\n", 1),
}


@pytest.mark.parametrize("kind", HARMLESS_EXAMPLES)
def test_a_harmless_spoil_of_every_file_loads_as_the_clean_set(kind: str, tmp_path: Path) -> None:
    """The same for certain, not by chance: each harmless spoil applied to every file at once."""
    (tmp_path / "clean").mkdir()
    (tmp_path / "spoiled").mkdir()
    for name, text in MINIMAL_SET.items():
        (tmp_path / "clean" / name).write_text(text, encoding="utf-8")
        (tmp_path / "spoiled" / name).write_bytes(HARMLESS_EXAMPLES[kind](text).encode("utf-8"))
    assert read_directory(tmp_path / "spoiled") == read_directory(tmp_path / "clean")
    assert set(HARMLESS_EXAMPLES) == HARMLESS


def test_every_seeded_table_can_be_spoiled() -> None:
    assert set(MINIMAL_SET) == {model.__tablename__ + ".csv" for model in SEED_TABLES}


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "gist"),
    [
        ("spend.csv", "Acme Ltd", "Acme\x00Ltd", (2, "supplier"), "holds a NUL character (byte 0x00)"),
        (
            "forum_meeting.csv",
            ",8,1,2,",
            ",2147483648,1,2,",
            (2, "participants"),
            "2147483648 is too large: the highest allowed is 2147483647",
        ),
        (
            "compliance_measure.csv",
            ",80,100,",
            ",80,99999999999999999999,",
            (2, "denominator"),
            "is too large: the highest allowed is 2147483647",
        ),
    ],
    ids=["NUL in text", "whole number past PostgreSQL's INTEGER", "whole number past SQLite's INTEGER"],
)
def test_what_the_database_cannot_store_is_refused_before_writing(prepared, file, old, new, where, gist) -> None:
    """Found by the properties above: these reached the database and failed there (DataError on
    PostgreSQL, OverflowError on SQLite) with a driver's traceback instead of a located problem."""
    engine, _, _ = prepared
    files = {name: text.encode("utf-8") for name, text in MINIMAL_SET.items()}
    files[file] = MINIMAL_SET[file].replace(old, new, 1).encode("utf-8")
    before = dump(engine)
    with pytest.raises(ValidationFailed) as failure:
        read_tables(files)
    [problem] = failure.value.problems
    assert (problem.file, problem.row, problem.column) == (file, *where)
    assert gist in problem.message
    with pytest.raises(ValidationFailed):
        read_tables({file: files[file]}, existing=engine)
    assert dump(engine) == before


def test_a_utf16_file_is_named_as_such() -> None:
    files = {name: text.encode("utf-8") for name, text in MINIMAL_SET.items()}
    files["spend.csv"] = MINIMAL_SET["spend.csv"].encode("utf-16-le")  # no byte-order mark
    with pytest.raises(ValidationFailed) as failure:
        read_tables(files)
    [problem] = failure.value.problems
    assert (problem.file, problem.row, problem.column) == ("spend.csv", 1, None)
    assert "saved as UTF-16" in problem.message and "CSV UTF-8" in problem.message


def test_a_quick_edit_holding_a_nul_is_refused_before_writing(prepared) -> None:
    """The app's quick edits take text from a browser: a pasted NUL is refused in words, on both backends."""
    from datetime import date

    from data_model.writes.edits import EditInvalid, add_progress_update, open_recommendation

    engine, _, _ = prepared
    before = dump(engine)
    opened = open_recommendation(engine, "R1")
    with pytest.raises(EditInvalid) as refused:
        add_progress_update(
            engine,
            opened,
            update_date=date(2025, 10, 1),
            status="Green",
            percent_complete=60,
            narrative="Pasted\x00text",
            source="Board paper",
            actor=analyst("mallory"),
        )
    assert refused.value.problems == [
        ("narrative", "the text holds a NUL character (byte 0x00), which cannot be stored")
    ]
    assert dump(engine) == before
