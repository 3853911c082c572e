"""``python -m seed``: validate, load, export and initialise the board's data from CSV files.

    python -m seed validate [DIR]          check every file; list every problem, exit 1 if any
    python -m seed load [DIR] [--actor N] [--admin]  validate, then replace the data in one transaction
    python -m seed export DIR              write the database back to CSV files
    python -m seed init [DIR]              upgrade the schema; load DIR if never loaded before
    python -m seed synth DIR --transactions N   write synthetic files at a scale (for benchmarks)

DIR defaults to the seed folder. The database is DATABASE_URL (see data_model.settings).
Loads go through data_model's write path as an analyst, named by --actor (default: your user
name); a load that would remove rows needs --admin. Whoever can run this command can reach the
database directly, so the role guards against mistakes, not against people.
Exit status: 0 done, 1 the files have problems, 2 the database cannot be used (locked, unreachable ...).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seed import SEED_DIR

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# SQLite stores Decimal as a number and SQLAlchemy warns once; the loader checks pence itself.
warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every file and list every problem")
    validate.add_argument("directory", nargs="?", type=Path, default=SEED_DIR)
    load = commands.add_parser("load", help="validate, then replace the data in one transaction")
    load.add_argument("directory", nargs="?", type=Path, default=SEED_DIR)
    load.add_argument("--actor", help="who is loading (default: your user name)")
    load.add_argument("--admin", action="store_true", help="act as an admin: allowed to remove rows")
    export = commands.add_parser("export", help="write the database back to CSV files")
    export.add_argument("directory", type=Path)
    init = commands.add_parser("init", help="upgrade the schema; load DIR if never loaded")
    init.add_argument("directory", nargs="?", type=Path, default=SEED_DIR)
    init.add_argument("--actor", help="who is loading (default: your user name)")
    init.add_argument("--admin", action="store_true", help="act as an admin: allowed to remove rows")
    synth = commands.add_parser("synth", help="write the seed plus synthetic data at a chosen scale")
    synth.add_argument("directory", type=Path)
    synth.add_argument("--transactions", type=int, required=True, help="payments to generate")
    synth.add_argument("--seed", type=int, default=1847, help="random seed (same seed, same files)")
    return parser


def _report(problems: Sequence[object]) -> int:
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was changed.", file=sys.stderr)
    return 1


def _database_problem(error: BaseException) -> int:
    """A database that cannot be used (locked, unreachable ...) in words, not a traceback."""
    from data_model.faults import diagnose, hidden
    from data_model.settings import get_settings

    diagnosis = diagnose(error)
    print(diagnosis.problem, file=sys.stderr)
    for fix in diagnosis.fixes:
        print(f"  - {fix}", file=sys.stderr)
    print(f"Database: {hidden(get_settings().database_url)}", file=sys.stderr)
    print(f"Detail: {diagnosis.detail}", file=sys.stderr)
    print("Nothing in the database was changed.", file=sys.stderr)
    return 2


def _user_name() -> str:
    """The operating-system user running the command, as the audit log names them."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "synth":  # writes files only: no database
        return _synth(arguments.directory, arguments.transactions, arguments.seed)
    if arguments.command == "validate":
        return _validate(arguments.directory)
    return _with_database(arguments)


def _synth(directory: Path, transactions: int, seed: int) -> int:
    from seed.synthetic import generate

    counts = generate(directory, transactions, seed=seed)
    print(f"Wrote {len(counts)} files, {sum(counts.values())} rows, to {directory}")
    return 0


def _validate(directory: Path) -> int:
    # Imported here (and in each command) so `--help` stays quick.
    from data_model.writes.csv_files import ValidationFailed, read_directory

    try:
        tables = read_directory(directory)
    except ValidationFailed as failure:
        return _report(failure.problems)
    rows = sum(len(rows) for rows in tables.values())
    print(f"{len(tables)} files are valid: {rows} rows in {directory}")
    return 0


def _with_database(arguments: argparse.Namespace) -> int:
    """Export, init or load: the commands that open the database, whose failures are said in words."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from data_model.db import make_engine, upgrade
    from data_model.faults import DATABASE_ERRORS
    from data_model.writes.export import export_directory

    try:
        engine = make_engine()
    except DATABASE_ERRORS as error:
        return _database_problem(error)
    try:
        if arguments.command == "export":
            upgrade(engine)
            counts = export_directory(engine, arguments.directory)
            print(f"Wrote {len(counts)} files, {sum(counts.values())} rows, to {arguments.directory}")
            return 0
        return _load(engine, arguments)
    except (SQLAlchemyError, CommandError) as error:  # the database, not the files: say what to do
        return _database_problem(error)
    finally:
        engine.dispose()


def _load(engine: Engine, arguments: argparse.Namespace) -> int:
    """Init or load: validate the files, then replace the data in one transaction through the write path."""
    from data_model.db import upgrade
    from data_model.writes.csv_files import ValidationFailed
    from data_model.writes.replace import init_database, load_directory
    from data_model.writes.roles import Actor, NotAllowed, Role

    actor = Actor(arguments.actor or _user_name(), Role.ADMIN if arguments.admin else Role.ANALYST)
    try:
        if arguments.command == "init":
            summary = init_database(engine, arguments.directory, actor=actor)
            if summary is None:
                print("The database already has data; nothing loaded.")
                return 0
        else:
            upgrade(engine)
            summary = load_directory(engine, arguments.directory, actor=actor)
    except ValidationFailed as failure:
        return _report(failure.problems)
    except NotAllowed as refusal:
        print(f"{refusal} Run it again with --admin if removing those rows is intended.", file=sys.stderr)
        return 1
    if summary.unchanged:
        print(f"No changes: the database already matches {arguments.directory}")
    else:
        print(f"Loaded {arguments.directory}: {summary} (data version {summary.data_version})")
        for line in summary.lines():
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
