"""What is wrong when the database cannot be used, and how to fix it, in words for whoever runs the app.

The app's fault page (dashboard/plumbing/database_fault.py) and ``python -m seed`` both explain a failure
with `diagnose`, so a reader and an analyst see the same advice. Nothing here shows a password:
addresses are written with `hidden`, and driver messages pass through `scrub`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError


class EmptyDatabase(Exception):
    """The database answers but holds nothing of the dashboard's: no data loaded yet, or no tables at
    all (made anew while the app ran). Not a version mismatch: loading the data is the fix."""


DATABASE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, CommandError, OSError, EmptyDatabase)
"""Errors that mean "the database cannot be used" (OSError: the SQLite folder cannot be made)."""

_PASSWORD_IN_URL = re.compile(r"(://[^/\s:@]*:)[^@\s/]*@")


@dataclass(frozen=True)
class Diagnosis:
    problem: str
    """What is wrong, in one sentence."""
    fixes: tuple[str, ...]
    """What to do about it, in order."""
    detail: str
    """The driver's own words (first line, password removed), for whoever fixes it."""


def hidden(url: str) -> str:
    """The database address with any password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return scrub(url)


def scrub(text: str) -> str:
    """`text` with the password of any address in it replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def _detail(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    text = lines[0] if lines else type(cause).__name__
    return scrub(text)


_RULES: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        ("database is locked", "database table is locked"),
        "The database is busy: another program is writing to it and did not finish in time.",
        (
            "Wait a minute and try again: a large data load may be running.",
            "If it stays busy, close any other program that has the database file open "
            "(a database browser, a stuck `python -m seed load`).",
        ),
    ),
    (
        ("password authentication failed", "authentication failed", "no password supplied", 'role "'),
        "The database server refused the user name or password in DATABASE_URL.",
        (
            "Check the user name and password in DATABASE_URL (in the environment or the `.env` file).",
            "Ask whoever runs the database server whether the account still exists.",
        ),
    ),
    (
        ("no such table", "no such column", 'relation "', "can't locate revision"),
        "The database was set up by a different version of the dashboard.",
        (
            "Run `python -m seed init` with this version to bring the tables up to date.",
            "If the database is newer than this app, deploy the newest version of the app.",
        ),
    ),
    (
        ("does not exist",),
        "The database named in DATABASE_URL does not exist on the server.",
        (
            "Create it (for example `createdb board` on the server), or correct the name in DATABASE_URL.",
            "Then run `python -m seed init` to create the tables and load the seed data.",
        ),
    ),
    (
        (
            "connection refused",
            "could not connect",
            "connection failed",
            "timeout expired",
            "timed out",
            "could not translate host name",
            "failed to resolve host",
            "name or service not known",
            "no route to host",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "network is unreachable",
        ),
        "The database server is not answering.",
        (
            "Check that the PostgreSQL server is running (or ask whoever runs it to start it).",
            "Check that the host and port in DATABASE_URL are right and reachable from this machine.",
        ),
    ),
    (
        ("readonly database", "read-only"),
        "The database file cannot be written: it or its folder is read-only for this app.",
        ("Give the user running the app permission to write the database file and its folder.",),
    ),
    (
        ("file is not a database", "malformed", "disk i/o error", "disk image"),
        "The database file is damaged or is not a database.",
        ("Restore it from a backup, or move it aside and run `python -m seed init` to make a new one.",),
    ),
    (
        ("unable to open database file",),
        "The database file cannot be opened: its folder does not exist, cannot be written, or the "
        "address names a folder rather than a file.",
        (
            "Check the path in DATABASE_URL (sqlite:////absolute/path/to/board.db).",
            "Make sure the folder exists and the user running the app may write to it.",
        ),
    ),
)


def diagnose(error: BaseException) -> Diagnosis:
    """What `error`, raised while opening or reading the database, means and how to fix it."""
    detail = _detail(error)
    if isinstance(error, EmptyDatabase):
        return Diagnosis(
            "This database is empty: run `python -m seed init`.",
            (
                "From the project folder run `python -m seed init` to create the tables and load the seed files "
                "(or `python -m seed load DIR` to load your own files).",
                "This page opens the dashboard by itself once the data is there.",
            ),
            detail,
        )
    if isinstance(error, ArgumentError):
        return Diagnosis(
            "DATABASE_URL is not a database address this app can use.",
            (
                "Set DATABASE_URL to `sqlite:////absolute/path/to/board.db` or "
                "`postgresql+psycopg://user@host:5432/board` (in the environment or the `.env` file).",
            ),
            detail,
        )
    if isinstance(error, OSError):
        return Diagnosis(
            "The folder for the database file cannot be created or written.",
            (
                "Check the path in DATABASE_URL: a file may stand where a folder is needed, or the "
                "user running the app may not write there.",
            ),
            detail,
        )
    lowered = detail.lower()
    for clues, problem, fixes in _RULES:
        if any(clue in lowered for clue in clues):
            return Diagnosis(problem, fixes, detail)
    return Diagnosis(
        "The database could not be used.",
        ("Read the technical detail below, check DATABASE_URL and that the database is running, then try again.",),
        detail,
    )
