"""Shared by the update tests: a writable copy of the seeded database, and upload files made from the seed.

`monthly_update` is scene 3 of SCENARIOS.md: last month's spend and three new progress updates
(12 rows added), plus three corrected spend descriptions (3 changed). `bad_spend` carries the
scene's two slips: "TBC" in an amount and the date 31/04/2026.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from decimal import Decimal
from pathlib import Path

from streamlit.testing.v1 import AppTest

from data_model.writes.csv_files import SPECS
from data_model.writes.export import format_cell
from tests.helpers.databases import seeded_postgres_database
from tests.helpers.environment import SEED_DIR
from tests.helpers.seeded import APP, AS_AT_ISO

ANALYST = "ana.analyst@mopac.example.gov.uk"
SECOND_ANALYST = "sam.second@mopac.example.gov.uk"
ADMIN = "ada.admin@mopac.example.gov.uk"
VIEWER = "vic.viewer@mopac.example.gov.uk"
SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-that-is-long-enough",
        "client_id": "test",
        "client_secret": "test",
        "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
    },
    "roles": {"analysts": [ANALYST, SECOND_ANALYST.upper()], "admins": [ADMIN]},
}
"""Sign-in set up (never used for a real login in tests) and roles by e-mail address."""

NEW_SPEND = [
    ("SP-UPL-01", "2026-10-31", "1250.00", "BL-VVF-VAWG-2627"),
    ("SP-UPL-02", "2026-10-31", "1250.00", "BL-VVF-LGBTQ-2627"),
    ("SP-UPL-03", "2026-10-31", "1125.50", "BL-VVF-DISAB-2627"),
    ("SP-UPL-04", "2026-11-02", "980.00", "BL-VVF-VAWG-2627"),
    ("SP-UPL-05", "2026-11-06", "410.25", "BL-VVF-LGBTQ-2627"),
    ("SP-UPL-06", "2026-11-09", "2000.00", "BL-VVF-DISAB-2627"),
    ("SP-UPL-07", "2026-11-13", "760.00", "BL-VVF-VAWG-2627"),
    ("SP-UPL-08", "2026-11-16", "1500.00", "BL-VVF-LGBTQ-2627"),
    ("SP-UPL-09", "2026-11-20", "325.75", "BL-VVF-DISAB-2627"),
]
NEW_SPEND_TOTAL = sum(Decimal(amount) for _, _, amount, _ in NEW_SPEND)
NEW_UPDATES = [
    ("PU-UPL-01", "REC-VCOP-02", "2026-11-19", "Amber/Green", "45", "Funding bid approved."),
    ("PU-UPL-02", "REC-VCOP-03", "2026-11-19", "Amber", "60", "Data-sharing agreement in legal review."),
    ("PU-UPL-03", "REC-VCOP-04", "2026-11-19", "Green", "70", "Quarterly compliance report published."),
]


def writable_copy(seeded_url: str, folder: Path) -> str:
    """A private copy of the seeded database (the shared one stays read-only).

    On PostgreSQL, a new database loaded from the same seed files (dropped when the session ends).
    """
    if not seeded_url.startswith("sqlite"):
        return seeded_postgres_database()
    target = folder / "writable.db"
    with sqlite3.connect(seeded_url.removeprefix("sqlite:///")) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return f"sqlite:///{target}"


def seed_rows(file: str) -> tuple[list[str], list[dict[str, str]]]:
    with (SEED_DIR / file).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def csv_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def spend_row(identifier: str, day: str, amount: str, line: str) -> dict[str, str]:
    return {
        "source": "Illustrative sample data (test upload)",
        "illustrative": "true",
        "id": identifier,
        "spend_date": day,
        "amount": amount,
        "budget_line_id": line,
        "supplier": "Illustrative Facilitation Ltd",
        "description": "Forum facilitation, test upload",
    }


def monthly_update() -> dict[str, bytes]:
    """spend.csv (9 rows added, 3 changed) and progress_update.csv (3 rows added)."""
    header, spend = seed_rows("spend.csv")
    for row in spend[-3:]:
        row["description"] += " (invoice checked)"
    spend += [spend_row(*new) for new in NEW_SPEND]
    update_header, updates = seed_rows("progress_update.csv")
    updates += [
        {
            "source": "Illustrative sample data (test upload)",
            "illustrative": "true",
            "id": identifier,
            "recommendation_id": recommendation,
            "update_date": day,
            "status": status,
            "percent_complete": percent,
            "narrative": narrative,
        }
        for identifier, recommendation, day, status, percent, narrative in NEW_UPDATES
    ]
    return {"spend.csv": csv_bytes(header, spend), "progress_update.csv": csv_bytes(update_header, updates)}


def bad_spend() -> tuple[dict[str, bytes], int]:
    """spend.csv with "TBC" as an amount and 31/04/2026 as a date; and the first bad row's number."""
    header, spend = seed_rows("spend.csv")
    first_bad_row = len(spend) + 2  # the header is row 1
    spend.append(spend_row("SP-BAD-01", "2026-11-05", "TBC", "BL-VVF-VAWG-2627"))
    spend.append(spend_row("SP-BAD-02", "31/04/2026", "100.00", "BL-VVF-VAWG-2627"))
    return {"spend.csv": csv_bytes(header, spend)}, first_bad_row


def spend_file_with(*payments: tuple[str, str, str, str]) -> bytes:
    """The seed's spend.csv with `payments` (id, date, amount, budget line) added."""
    header, spend = seed_rows("spend.csv")
    return csv_bytes(header, [*spend, *(spend_row(*payment) for payment in payments)])


def spend_without_last_row() -> bytes:
    header, spend = seed_rows("spend.csv")
    return csv_bytes(header, spend[:-1])


def app_as(email: str | None, *, sign_in: bool = True) -> AppTest:
    """The app as seen by `email` signed in (None: nobody), with sign-in and roles configured
    unless `sign_in` is False; pinned to the seed's as-at date."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params = {"as_at": AS_AT_ISO}
    if sign_in:
        at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    return at


def update_task(email: str, task: str) -> AppTest:
    """The Update data page as `email` sees it, on the tab named `task` (only the open tab is built)."""
    at = app_as(email)
    at.run()
    at.switch_page("app_pages/update_data.py")
    at.session_state["task"] = task
    at.run()
    return at


def table_files(tables: dict[str, list[dict]]) -> dict[str, bytes]:
    """Rows by table (as `read_tables` gives them) written back as the CSV files an upload takes."""
    files = {}
    for name, table_rows in tables.items():
        spec = SPECS[name]
        cells = [{column: format_cell(row[column]) for column in spec.columns} for row in table_rows]
        files[spec.file_name] = csv_bytes(list(spec.columns), cells)
    return files
