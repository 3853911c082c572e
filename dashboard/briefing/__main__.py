"""Command line: the briefing pack or the workbook, as at a date, from the database in DATABASE_URL."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from dashboard.briefing.minutes import make_minutes
from dashboard.briefing.pack import make_pack
from dashboard.briefing.page_tables import page_tables
from dashboard.briefing.workbook import workbook_bytes
from dashboard.presentation.formatting import day
from data_model.db import make_engine, upgrade
from data_model.scope import make_scope
from data_model.writes.audit import data_version

DESCRIPTION = """\
Make the board's briefing pack or its workbook from the database named by DATABASE_URL.

  python -m dashboard.briefing pack.pdf [--as-at YYYY-MM-DD] [--since YYYY-MM-DD] [--documented-only]
      the PDF briefing pack for the Deputy Mayor (a PRINCE2-style highlight report)
  python -m dashboard.briefing tables.xlsx [--as-at YYYY-MM-DD] [--since YYYY-MM-DD]
      an Excel workbook with one sheet per table behind every page
  python -m dashboard.briefing minutes.docx --minutes BOARD-2026-10
      a board meeting's minutes, drafted from its record: Word (.docx) to edit, or PDF (.pdf)

The file's extension (.pdf, .xlsx or .docx) says which. Small participant counts are withheld and
formula-like text is made inert in the workbook, as in the app's downloads.
"""


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m dashboard.briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("out", type=Path, help="the file to write: NAME.pdf (briefing pack) or NAME.xlsx (workbook)")
    cli.add_argument(
        "--as-at",
        type=_iso_date,
        default=date.today(),
        help="figures as they stood at the end of this day (default: today)",
    )
    cli.add_argument(
        "--since",
        type=_iso_date,
        default=None,
        help="show changes after this date (default: the last board meeting before --as-at)",
    )
    cli.add_argument(
        "--documented-only",
        action="store_true",
        help="leave out every illustrative (sample) row: figures from the source documents only",
    )
    cli.add_argument(
        "--minutes",
        metavar="MEETING",
        default=None,
        help="write the minutes of this board meeting (its id, e.g. BOARD-2026-10) instead of the pack",
    )
    return cli


def _write_minutes(cli: argparse.ArgumentParser, args: argparse.Namespace, engine: Engine) -> None:
    kind = args.out.suffix.lower()
    if kind not in (".docx", ".pdf"):
        cli.error(f"{args.out} must end in .docx (Word) or .pdf for the minutes")
    try:
        data = make_minutes(engine, args.minutes, kind, args.documented_only)
    except ValueError as error:  # no such meeting
        cli.error(str(error))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"Minutes of {args.minutes}: wrote {args.out} ({len(data):,} bytes)")


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    kind = args.out.suffix.lower()
    if kind not in (".pdf", ".xlsx") and not args.minutes:
        cli.error(f"{args.out} must end in .pdf (briefing pack) or .xlsx (workbook)")
    engine = make_engine()
    upgrade(engine)
    if data_version(engine) == 0:  # an empty pack would look like a programme with nothing in it
        cli.error("no data has been loaded into this database yet: run `python -m seed init` first")
    if args.minutes:
        _write_minutes(cli, args, engine)
        engine.dispose()
        return 0
    try:
        scope = make_scope(engine, args.as_at, args.since, args.documented_only)
    except ValueError as error:  # --since on or after --as-at
        cli.error(str(error))
    data = make_pack(engine, scope) if kind == ".pdf" else workbook_bytes(page_tables(engine, scope))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    what = "Briefing pack" if kind == ".pdf" else "Workbook"
    print(f"{what} as at {day(scope.as_at)}, changes since {scope.since_label}: wrote {args.out} ({len(data):,} bytes)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
