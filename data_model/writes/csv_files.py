"""Read the board's CSV files into clean rows, or report every problem by file, row and column.

What a valid row is comes from the rulebook, as every door applies it: each value by its table's
model in `data_model.tables` (the field types, the constraints and the validators), and the row as
a whole by `data_model.rules.rows` (the rules tying it to the day of the load and to the rows it
names). Each table's model is copied once into a plain pydantic model (`TableSpec.row_model`),
because validating the SQLModel table class itself is several times slower and the loader must
validate a million rows in seconds; a test checks that the two agree.

This module adds only what belongs to the files rather than to the data:

- one file per table, named ``<table>.csv``, whose header row names the table's fields (in any
  order); UTF-8, with or without a byte-order mark, any line endings;
- an empty cell is None for optional fields, ``""`` for text, and the default otherwise;
- dates are written ``YYYY-MM-DD``; booleans are true/false, yes/no or 1/0;
- a cell's surrounding spaces are trimmed, and a text cell's leading apostrophe added by the export
  comes off (`data_model.spreadsheet_text`: the file holds ``'=1+1``, the row ``=1+1``);
- whole numbers fit the database's INTEGER column (see `INTEGER_RANGE`), and no cell holds a
  NUL character (PostgreSQL cannot store one; a file saved as UTF-16 is full of them);
- keys are unique within a file, and every reference names an existing row (in the files
  given, or for a partial upload in the database's current data), which is where the rules
  between rows find a row's parent, or its children left in the database.

Row numbers are spreadsheet rows: the header is row 1 and the first data row is row 2.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import chain
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic import Field as PydanticField
from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine, Row
from sqlmodel import SQLModel

from data_model.rules import locks
from data_model.rules import rows as row_rules
from data_model.rules.values import INTEGER_RANGE, NUL_TEXT, explain
from data_model.spreadsheet_text import trimmed, unescape
from data_model.tables import SEED_TABLES, references
from data_model.typed_sql import AnySelect, table_name, table_of

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
_DATE_HINT = "dates are written YYYY-MM-DD, e.g. 2026-04-30"
_SAVE_AS_UTF8 = "in Excel use Save As > 'CSV UTF-8 (Comma delimited)'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as it can be."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column {self.column}")
        return f"{', '.join(place)}: {self.message}"


class ValidationFailed(Exception):
    """The input has problems; nothing was (or may be) loaded. `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


Tables = dict[str, list[dict[str, Any]]]
"""Clean rows by table name, in load order."""


class _BadCell(ValueError):
    """A cell that fails a file convention (a date's format) before pydantic sees it."""


# -- the tables' rules, derived once from data_model.tables ---------------------------------------

TEXT, MONEY, DATE, OTHER = "text", "money", "date", "other"
_OMIT = object()  # an empty cell that leaves the field to its default (or to "a value is required")


@dataclass(frozen=True)
class TableSpec:
    """What the loader needs to know about one seeded table, derived from its SQLModel class."""

    model: type[SQLModel]
    name: str
    file_name: str
    columns: tuple[str, ...]
    key: str
    references: tuple[tuple[str, str, str], ...]  # (column, parent table, parent column)
    kinds: Mapping[str, str]
    optional: frozenset[str]
    row_model: type[BaseModel] = field(repr=False)

    def empty_value(self, column: str) -> Any:
        """What an empty cell in `column` means: None, "" or the field's default (`_OMIT`)."""
        if column in self.optional:
            return None
        if self.kinds[column] == TEXT:
            return ""
        return _OMIT


def _base_type(annotation: Any) -> tuple[Any, bool]:
    """The type inside an optional (or annotated) annotation, and whether None is allowed."""
    nullable = False
    if get_origin(annotation) in (Union, UnionType):
        args = [arg for arg in get_args(annotation) if arg is not NoneType]
        nullable = NoneType in get_args(annotation)
        annotation = args[0] if len(args) == 1 else annotation
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation, nullable


def _kind(base: Any) -> str:
    if base is str:
        return TEXT
    if base is Decimal:
        return MONEY  # every Decimal in the tables is money (`money_field`)
    if base is date:
        return DATE
    return OTHER


def _plain_function(method: Any) -> Any:
    return getattr(method, "__func__", method)


def _row_model(model: type[SQLModel]) -> type[BaseModel]:
    """A plain pydantic model with exactly the table's fields, constraints and validators."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        metadata = list(info.metadata)
        if _base_type(info.annotation)[0] is int:  # first, so the field's own (tighter) bounds win
            metadata = [Ge(INTEGER_RANGE[0]), Le(INTEGER_RANGE[1]), *metadata]
        annotation = Annotated[info.annotation, *metadata] if metadata else info.annotation
        if info.default_factory is not None:
            default: Any = PydanticField(default_factory=info.default_factory)
        else:
            default = ... if info.is_required() else info.default
        fields[name] = (annotation, default)
    decorators = model.__pydantic_decorators__
    if decorators.validators or decorators.root_validators:
        raise TypeError(f"{model.__name__}: use field_validator/model_validator, not v1 validators")
    validators: dict[str, Any] = {}
    for name, decorator in decorators.field_validators.items():
        validators[name] = field_validator(
            *decorator.info.fields,
            mode=decorator.info.mode,
            check_fields=decorator.info.check_fields,
        )(_plain_function(decorator.func))
    for name, model_decorator in decorators.model_validators.items():
        validators[name] = model_validator(mode=model_decorator.info.mode)(_plain_function(model_decorator.func))
    return create_model(
        f"{model.__name__}Row",
        __config__=ConfigDict(extra="forbid"),
        __validators__=validators,
        **fields,
    )


def _spec(model: type[SQLModel]) -> TableSpec:
    table = table_of(model)
    keys = [column.name for column in table.primary_key.columns]
    if len(keys) != 1:
        raise TypeError(f"{table.name}: the loader needs a single-column primary key")
    kinds: dict[str, str] = {}
    optional: set[str] = set()
    for name, info in model.model_fields.items():
        base, nullable = _base_type(info.annotation)
        kinds[name] = _kind(base)
        if nullable:
            optional.add(name)
    return TableSpec(
        model=model,
        name=table.name,
        file_name=f"{table.name}.csv",
        columns=tuple(model.model_fields),
        key=keys[0],
        references=references(model),
        kinds=kinds,
        optional=frozenset(optional),
        row_model=_row_model(model),
    )


SPECS: dict[str, TableSpec] = {table_name(model): _spec(model) for model in SEED_TABLES}
"""Every seeded table by name, in load order (parents before children)."""


def spec_for(table: str | type[SQLModel]) -> TableSpec:
    """The spec of a seeded table given by name, file name or SQLModel class."""
    name = table if isinstance(table, str) else table_name(table)
    name = name.removesuffix(".csv")
    try:
        return SPECS[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a seeded table; expected one of: {', '.join(SPECS)}") from None


# -- cells ----------------------------------------------------------------------------------------


def parse_date(cell: str) -> date:
    """A date written YYYY-MM-DD, or `_BadCell` saying what is wrong (its range is the table's rule)."""
    cell = cell.strip()
    match = _ISO_DATE.fullmatch(cell)
    if not match:
        raise _BadCell(f"{cell!r} is not a valid date: {_DATE_HINT}")
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        raise _BadCell(f"{cell!r} is not a valid date (there is no such day): {_DATE_HINT}") from None


def text_cell(cell: str) -> str:
    """The text a cell stands for: trimmed as every door trims, with the export's apostrophe taken off."""
    text = trimmed(cell)
    return unescape(text) if text.startswith("'") else text  # the test first: a million ids are read here


_CONVERTERS = {TEXT: text_cell, OTHER: None, MONEY: None, DATE: parse_date}
"""How a cell becomes a value before the table's model checks it: money is read by the model itself
(`data_model.rules.values.plain_pounds`), so a form's amounts follow the same rule."""


# -- files ----------------------------------------------------------------------------------------


@dataclass
class _ParsedFile:
    spec: TableSpec
    rows: list[dict[str, Any]] = field(default_factory=list)
    numbers: array[int] = field(default_factory=lambda: array("L"))  # each row's row number, compactly
    keys: dict[str, int] | None = None  # key -> first row; None when the file could not be read
    rejected: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # refs of bad rows
    problems: list[Problem] = field(default_factory=list)

    def numbered(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """The clean rows with their row numbers in the file."""
        return zip(self.numbers, self.rows, strict=True)


def _decode(file: str, data: bytes) -> tuple[str | None, Problem | None]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
    row, column, more = _first_cell_holding("\ufffd", data.decode("utf-8", errors="replace"))
    message = f"the file is not UTF-8 text: byte 0x{bad} cannot be read{more}; {_SAVE_AS_UTF8}"
    return None, Problem(file, row, column, message)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
"""A line and its ending (\\r\\n, \\r or \\n), as a file opened with newline="" gives them."""


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` one at a time, for `csv.reader`: io.StringIO would first copy the whole
    text into a buffer of four bytes a character (600 MB for a million payments)."""
    return (match.group() for match in _LINE.finditer(text))


def _nul_problem(file: str, text: str) -> Problem:
    """Where the first NUL character is (no database text column can store one)."""
    row, column, more = _first_cell_holding("\x00", text)
    return Problem(
        file,
        row,
        column,
        f"{NUL_TEXT}{more}; if the file was saved as UTF-16, {_SAVE_AS_UTF8}",
    )


def _first_cell_holding(character: str, text: str) -> tuple[int | None, str | None, str]:
    """The row and column of the first cell holding `character`, for a precise message, and a
    note of how many more cells hold it."""
    row, column, cells_affected = None, None, 0
    try:
        records = csv.reader(io.StringIO(text, newline=""))
        header = next(records, [])
        for number, cells in enumerate([header, *records], start=1):
            for index, cell in enumerate(cells):
                if character in cell:
                    cells_affected += 1
                    if row is None:
                        row = number
                        column = header[index].strip() if number > 1 and index < len(header) else None
    except csv.Error:
        pass
    others = cells_affected - 1
    more = f" ({others} more cell{'s are' if others > 1 else ' is'} affected)" if others > 0 else ""
    return row, column, more


def _parse_file(spec: TableSpec, data: bytes) -> _ParsedFile:
    parsed = _ParsedFile(spec)
    file = spec.file_name
    problems = parsed.problems
    text, problem = _decode(file, data)
    del data  # the text is all that is needed from here on (a million payments are 140 MB of bytes)
    if problem is not None:
        problems.append(problem)
        return parsed
    assert text is not None
    if "\x00" in text:
        problems.append(_nul_problem(file, text))
        return parsed
    if not text.strip():
        problems.append(
            Problem(
                file,
                None,
                None,
                f"the file is empty: it needs at least a header row naming the columns {', '.join(spec.columns)}",
            )
        )
        return parsed
    records = csv.reader(_lines(text))
    try:
        header = [name.strip() for name in next(records)]
        if not _check_header(spec, header, problems):
            return parsed
        parsed.keys = {}
        _read_rows(spec, header, records, parsed)
    except csv.Error as error:
        problems.append(Problem(file, records.line_num or None, None, f"the file cannot be read as CSV: {error}"))
        parsed.keys = None
    return parsed


def _check_header(spec: TableSpec, header: list[str], problems: list[Problem]) -> bool:
    file = spec.file_name
    before = len(problems)
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "semicolons" if ";" in header[0] else "tabs"
        problems.append(
            Problem(
                file,
                1,
                None,
                f"the values are separated by {separator}, not commas: save the file as CSV (comma delimited)",
            )
        )
        return False
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(Problem(file, 1, name, "the column appears twice in the header row"))
        elif name not in spec.kinds:
            problems.append(
                Problem(
                    file,
                    1,
                    name,
                    f"unknown column: {file} has the columns {', '.join(spec.columns)}",
                )
            )
        seen.add(name)
    for name in spec.columns:
        if name not in seen:
            problems.append(Problem(file, 1, name, "the column is missing from the header row"))
    return len(problems) == before


def _read_rows(spec: TableSpec, header: list[str], records: Any, parsed: _ParsedFile) -> None:
    """Validate every data row; the hot loop of a load, so kept lean. Each row is checked for its
    shape (`_shape_ok`), its cells converted (`_converted`), its key checked unique, then validated."""
    file = spec.file_name
    problems = parsed.problems
    keys = parsed.keys
    assert keys is not None
    width = len(header)
    unnamed = [index for index, name in enumerate(header) if not name]
    position = {name: index for index, name in enumerate(header) if name}
    plan: list[_CellPlan] = [
        (position[column], column, _CONVERTERS[spec.kinds[column]], spec.empty_value(column), {})
        for column in spec.columns
    ]
    key_index = position[spec.key]
    validate = spec.row_model.__pydantic_validator__.validate_python
    rows, numbers = parsed.rows, parsed.numbers
    rejected = parsed.rejected
    references = [column for column, _, _ in spec.references]
    for number, cells in enumerate(records, start=2):
        if not _shape_ok(cells, width, key_index, unnamed, file, number, problems):
            continue
        values, bad = _converted(cells, plan, file, number, problems)
        key = values.get(spec.key)
        if key:
            first = keys.get(key)
            if first is None:
                keys[key] = number
            else:
                problems.append(Problem(file, number, spec.key, f"duplicate key: {key!r} is already on row {first}"))
        try:
            row = validate(values)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                failed = str(detail["loc"][0]) if detail["loc"] else None
                if failed in bad:
                    continue  # already reported, and left out so pydantic calls it missing
                problems.append(Problem(file, number, failed, explain(detail)))
            rejected.append((number, {column: values.get(column) or None for column in references}))
            continue
        if bad:
            rejected.append((number, {column: values.get(column) or None for column in references}))
        else:
            rows.append(row.__dict__)
            numbers.append(number)


_UNSEEN = object()
_SHARED_VALUES = 20_000
"""Distinct values per column shared between rows: a column with more is not repetitive (ids, amounts)."""


_CellPlan = tuple[int, str, Callable[[str], Any] | None, Any, dict[str, Any]]
"""How `_read_rows` reads a column: its index in the header, its name, its converter, its value when
empty, and the values already converted (by cell text)."""


def _shape_ok(
    cells: list[str], width: int, key_index: int, unnamed: list[int], file: str, number: int, problems: list[Problem]
) -> bool:
    """False for a row to pass over: a blank one, or one with the wrong number of values (a problem).
    A value under a column with no name is a problem too, but the row is read."""
    if len(cells) != width:
        if not "".join(cells).strip():
            return False  # a blank line
        problems.append(
            Problem(
                file,
                number,
                None,
                f"the row has {len(cells)} values but the header has {width} columns (a missing or extra comma?)",
            )
        )
        return False
    if not cells[key_index].strip() and not "".join(cells).strip():
        return False  # a spreadsheet's empty row
    for index in unnamed:
        if cells[index].strip():
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    f"there is a value ({cells[index].strip()!r}) in "
                    f"column {index + 1}, which has no name in the header row",
                )
            )
    return True


def _converted(
    cells: list[str], plan: list[_CellPlan], file: str, number: int, problems: list[Problem]
) -> tuple[dict[str, Any], list[str]]:
    """The row's values by column, and the columns whose cell could not be converted (each a problem)."""
    values: dict[str, Any] = {}
    bad: list[str] = []
    for index, column, convert, empty, seen in plan:
        cell = cells[index]
        value = seen.get(cell, _UNSEEN)
        if value is _UNSEEN:
            stripped = cell.strip()
            if not stripped:
                value = _remembered(seen, cell, empty)
            elif convert is None:
                value = _remembered(seen, cell, stripped)
            else:
                try:
                    value = _remembered(seen, cell, convert(cell))
                except _BadCell as error:
                    problems.append(Problem(file, number, column, str(error)))
                    bad.append(column)
                    continue
        if value is not _OMIT:
            values[column] = value
    return values, bad


def _remembered(seen: dict[str, Any], cell: str, value: Any) -> Any:
    """`value`, kept so that later rows with the same cell share one object (a million payments name a
    few dozen budget lines, suppliers and sources: one string each instead of a million)."""
    if len(seen) < _SHARED_VALUES:
        seen[cell] = value
    return value


# -- the whole set --------------------------------------------------------------------------------


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small objects.

    The rows are plain dicts without cycles, but each allocation counts towards the next
    collection, and collections over a growing heap almost double the time of a large load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _table_name(name: str) -> str | None:
    base = Path(name).name.strip().lower()
    if not base.endswith(".csv"):
        return None
    table = base.removesuffix(".csv")
    return table if table in SPECS else None


def _content(file: str, content: Any) -> tuple[bytes | None, Problem | None]:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content), None
    if isinstance(content, Path):
        try:
            return Path(content).read_bytes(), None
        except FileNotFoundError:
            return None, Problem(file, None, None, f"the file was not found at {content}")
        except OSError as error:
            return None, Problem(file, None, None, f"the file cannot be read: {error.strerror}")
    if hasattr(content, "getvalue"):  # an upload (io.BytesIO, Streamlit's UploadedFile)
        return bytes(content.getvalue()), None
    raise TypeError(f"{file}: expected bytes or a Path, not {type(content).__name__}")


def read_tables(
    files: Mapping[str, bytes | Path],
    existing: Engine | Connection | None = None,
    *,
    today: date | None = None,
    locked_by: Engine | Connection | None = None,
) -> Tables:
    """Validate CSV files and return each table's clean rows, or raise `ValidationFailed`.

    `files` maps file names (``spend.csv``) to their bytes or paths. Without `existing` the files
    must be the complete set, one per seeded table, and references are checked among them. With
    `existing` (the database's engine, or the write path's connection) any subset may be given,
    as in an upload: references to tables not given are checked against the database, and so
    are the database's rows that refer to a row the files would remove. Dates of what has happened
    may not be after `today`, the day of the load. The record of a meeting whose minutes are
    confirmed in `locked_by` (the database written to, default `existing`) may not change. The result
    maps table names to rows (plain dicts of python values: str, Decimal, date, bool, int, None), in
    load order.
    """
    given, problems = _given_files(files, complete=existing is None)
    with gc_paused():
        # Each file's bytes are let go once parsed: a million payments are 140 MB of text.
        parsed = {table: _parse_file(SPECS[table], given.pop(table)) for table in SPECS if table in given}
    for result in parsed.values():
        problems.extend(result.problems)
    problems.extend(_reference_problems(parsed, existing))
    problems.extend(_rule_problems(parsed, existing, today or row_rules.today()))
    problems.extend(_lock_problems(parsed, locked_by or existing))
    if problems:
        raise ValidationFailed(_in_order(problems))
    return {table: result.rows for table, result in parsed.items()}


def _given_files(files: Mapping[str, bytes | Path], *, complete: bool) -> tuple[dict[str, bytes], list[Problem]]:
    """Each file's bytes by table, and what is wrong with the set: a name that is no board file, a
    file given twice or unreadable, and (for a `complete` set) a table with no file."""
    problems: list[Problem] = []
    given: dict[str, bytes] = {}
    for name, content in files.items():
        table = _table_name(name)
        display = Path(name).name
        if table is None:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    f"not one of the board's files: expected {', '.join(spec.file_name for spec in SPECS.values())}",
                )
            )
            continue
        file = SPECS[table].file_name
        if table in given:
            problems.append(Problem(file, None, None, "the file was given twice"))
            continue
        data, problem = _content(file, content)
        if problem is not None:
            problems.append(problem)
        if data is not None:
            given[table] = data
    if complete:
        for table, spec in SPECS.items():
            if table not in given and not any(p.file == spec.file_name for p in problems):
                problems.append(
                    Problem(
                        spec.file_name,
                        None,
                        None,
                        "the file is missing: a full load needs "
                        "one file for every table (a file with just the header row is fine)",
                    )
                )
    elif not given and not problems:
        problems.append(Problem("(no files)", None, None, "no files were given"))
    return given, problems


def directory_files(directory: Path | str) -> dict[str, Path]:
    """Every ``*.csv`` file in `directory`, by name; `ValidationFailed` if the folder does not exist."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValidationFailed([Problem(str(directory), None, None, "the folder does not exist")])
    return {path.name: path for path in sorted(directory.glob("*.csv"))}


def read_directory(directory: Path | str, existing: Engine | Connection | None = None) -> Tables:
    """`read_tables` for every ``*.csv`` file in `directory` (a complete set unless `existing`)."""
    return read_tables(directory_files(directory), existing)


def _reference_problems(parsed: Mapping[str, _ParsedFile], existing: Engine | Connection | None) -> list[Problem]:
    """Unknown references, and (for a partial set) database rows left pointing at removed rows."""
    problems: list[Problem] = []
    database_keys: dict[tuple[str, str], set[Any]] = {}

    def keys_of(parent: str, column: str) -> tuple[set[Any] | dict[str, int] | None, str]:
        if parent in parsed:
            return parsed[parent].keys, f"{SPECS[parent].file_name}"
        if existing is None:
            return None, ""
        if (parent, column) not in database_keys:
            statement = select(table_of(SPECS[parent].model).c[column])
            database_keys[parent, column] = {key for (key,) in _database_rows(existing, statement)}
        return database_keys[parent, column], row_rules.current_data(parent)

    for result in parsed.values():
        spec = result.spec
        for column, parent, parent_column in spec.references:
            known, where = keys_of(parent, parent_column)
            if known is None:
                continue  # the parent could not be read; its own problems are reported
            for number, row in chain(result.numbered(), result.rejected):
                value = row[column]
                if value is not None and value not in known:
                    problems.append(
                        Problem(
                            spec.file_name, number, column, row_rules.unknown_reference(value, parent_column, where)
                        )
                    )
    if existing is None:
        return problems
    return problems + _still_referred_to(parsed, existing)


def _still_referred_to(parsed: Mapping[str, _ParsedFile], existing: Engine | Connection) -> list[Problem]:
    """For a partial set: the rows a file would remove that the database's rows of tables left out
    still refer to (a set must not leave them pointing at nothing)."""
    problems: list[Problem] = []
    for parent, result in parsed.items():
        if result.keys is None:
            continue
        for child, child_spec in SPECS.items():
            if child in parsed:
                continue
            for column, target, target_column in child_spec.references:
                if target != parent:
                    continue
                table = table_of(child_spec.model)
                query = (
                    select(table.c[column], func.count())
                    .where(table.c[column].is_not(None))
                    .group_by(table.c[column])
                    .order_by(table.c[column])
                )
                for value, count in _database_rows(existing, query):
                    if value not in result.keys:
                        rows = "row" if count == 1 else "rows"
                        problems.append(
                            Problem(
                                result.spec.file_name,
                                None,
                                target_column,
                                f"{value!r} is not in "
                                f"this file, but {count} {rows} of the current {child} data "
                                f"({child_spec.file_name}, column {column}) still refer to it: "
                                f"keep it, or upload {child_spec.file_name} too",
                            )
                        )
    return problems


def _rule_problems(
    parsed: Mapping[str, _ParsedFile], existing: Engine | Connection | None, today: date
) -> list[Problem]:
    """What the rules about a row (`data_model.rules.rows`) find in each file's clean rows.

    A row's parent comes from the files given, or else the database; a file that changes parents is
    checked against their children in the database when their own file is not given.
    """
    parents: dict[str, dict[Any, row_rules.Row]] = {}

    def parent_of(rule: row_rules.ParentRule, key: Any) -> row_rules.Row | None:
        if rule.parent not in parents:
            if rule.parent in parsed:
                rows: Iterable[row_rules.Row] = parsed[rule.parent].rows
            elif existing is not None:
                rows = _table_rows(existing, rule.parent)
            else:
                rows = ()
            parents[rule.parent] = {row[rule.parent_key]: row for row in rows}
        return parents[rule.parent].get(key)

    def children_of(rule: row_rules.ParentRule) -> list[row_rules.Row] | None:
        if rule.table in parsed or existing is None:
            return None  # checked with their own file (a full load holds every file)
        return _table_rows(existing, rule.table)

    problems: list[Problem] = []
    for table, result in parsed.items():
        found = row_rules.row_problems(table, result.rows, today, parent_of, children_of)
        problems.extend(
            Problem(result.spec.file_name, result.numbers[index], column, message) for index, column, message in found
        )
    return problems


def _lock_problems(parsed: Mapping[str, _ParsedFile], database: Engine | Connection | None) -> list[Problem]:
    """The files' changes to the record of a meeting whose minutes are confirmed (`data_model.rules.locks`)."""
    tables = [table for table in (*locks.LOCKED_TABLES, "board_meeting") if table in parsed]
    if database is None or not tables:
        return []
    locked = locks.confirmed_on(_table_rows(database, "board_meeting"))
    problems: list[Problem] = []
    for table in tables:
        result = parsed[table]
        if not locked or result.keys is None:
            continue
        before = {row["id"]: row for row in _table_rows(database, table)}
        rows = list(result.numbered())
        if table == "board_meeting":
            found = locks.meeting_problems(rows, before, locked)
        else:
            found = locks.record_problems(rows, before, result.spec.columns, locked, complete=True)
        problems.extend(Problem(result.spec.file_name, number, column, message) for number, column, message in found)
    return problems


def _table_rows(existing: Engine | Connection, table: str) -> list[row_rules.Row]:
    """Every row of a seeded table in the database, as mappings."""
    return [row._asdict() for row in _database_rows(existing, select(table_of(SPECS[table].model)))]


def _database_rows(existing: Engine | Connection, statement: AnySelect) -> Sequence[Row[*tuple[Any, ...]]]:
    """Rows from the database: in the write path's own transaction (under its lock), or a fresh one."""
    if isinstance(existing, Connection):
        return existing.execute(statement).all()
    with existing.connect() as connection:
        return connection.execute(statement).all()


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Files in load order (unknown names first), then rows, then columns in table order."""
    file_order = {spec.file_name: index for index, spec in enumerate(SPECS.values(), start=1)}
    column_order: dict[tuple[str, str | None], int] = {
        (spec.file_name, column): index for spec in SPECS.values() for index, column in enumerate(spec.columns)
    }
    return sorted(
        problems,
        key=lambda problem: (
            file_order.get(problem.file, 0),
            problem.row or 0,
            column_order.get((problem.file, problem.column), -1),
        ),
    )
