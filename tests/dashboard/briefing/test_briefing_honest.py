"""The pack tells documented figures from sample ones: the documented-only pack against sums from the
CSV files, the overall status for Red, Amber and Green with data made for each, the changes since
another board, and no participant count under 5 ever printed."""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.briefing.__main__ import main as cli
from dashboard.briefing.pack import make_pack
from data_model.scope import make_scope
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.minimal_set import MINIMAL_SET, write_set
from tests.helpers.pdf_text import pages_text as pdf_pages
from tests.helpers.seeded import AS_AT, AS_AT_ISO, rows


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(text.split()) for text in pdf_pages(pdf)]


def money(value) -> str:
    return f"£{round(value):,}"


def documented(table: str) -> list[dict[str, str]]:
    return [row for row in rows(table) if row["illustrative"] == "false"]


def test_the_documented_only_pack_holds_only_the_documents_figures(monkeypatch, seeded_url: str, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    out = tmp_path / "pack.pdf"
    assert cli([str(out), "--as-at", AS_AT_ISO, "--documented-only"]) == 0
    pages = pages_text(out.read_bytes())
    front, whole = pages[0], " ".join(pages)
    approved = sum(Decimal(d["initial_value"]) for d in documented("decision"))
    assert money(approved) == "£657,116"
    assert f"{money(approved)} Approved by decisions" in front
    assert "£0 Spent to date" in front
    assert "The source documents record no payments" in front
    assert "£819,116" not in whole
    assert "†" not in whole
    assert all("Documented figures only (see Sources)" in page for page in pages)
    for fact in documented("decision_fact"):
        assert fact["value"].split(";")[0] in whole, fact["id"]
    capsys.readouterr()


def test_the_full_pack_marks_what_the_documented_pack_leaves_out(seeded_engine):
    front = pages_text(make_pack(seeded_engine, make_scope(seeded_engine, AS_AT)))[0]
    assert "£819,116†" in front


def test_the_pack_since_another_board_shows_that_boards_changes(seeded_engine):
    since = "2026-08-13"
    front = pages_text(make_pack(seeded_engine, make_scope(seeded_engine, AS_AT, date.fromisoformat(since))))[0]
    assert "changes after the board of 13 Aug 2026" in front
    window = [p for p in rows("spend") if since < p["spend_date"] <= AS_AT_ISO]
    assert f"{money(sum(Decimal(p['amount']) for p in window))}† of new spend in {len(window)} payment(s)" in front
    insights = [i for i in rows("forum_insight") if since < i["raised_date"] <= AS_AT_ISO]
    assert f"{len(insights)} new insight(s)" in front


# status -> the progress update's status and the recommendation's due date that make it (the minimal
# set's risk is brought within its target and its milestone's forecast change dropped, so neither a
# risk above target nor a slipped milestone makes it Amber)
STATUS_DATA = {
    "Green": ("Complete,100", "2026-03-31"),  # nothing Red, overdue, near a line, above target or slipped
    "Amber": ("Amber,40", "2026-03-31"),  # overdue (due before the as-at date, not Complete)
    "Red": ("Red,40", "2027-03-31"),  # 1 of 1 recommendations Red: more than a quarter
}


@pytest.mark.parametrize("status", list(STATUS_DATA))
def test_the_overall_status_follows_its_rule(sqlite_engine, tmp_path: Path, status: str):
    progress, due = STATUS_DATA[status]
    folder = write_set(
        tmp_path / status,
        edits={
            "progress_update.csv": [("Amber,40", progress)],
            "recommendation.csv": [("2026-03-31", due)],
            "risk.csv": [("treat,6,Open", "treat,25,Open")],
        },
        contents={"milestone_forecast.csv": MINIMAL_SET["milestone_forecast.csv"].splitlines(keepends=True)[0]},
    )
    load_directory(sqlite_engine, folder, actor=analyst())
    front = pages_text(make_pack(sqlite_engine, make_scope(sqlite_engine, AS_AT)))[0]
    assert f"Overall status {status} " in front


@pytest.fixture
def one_small_meeting(sqlite_engine, tmp_path: Path):
    """The seed with the young victims' forum given one meeting of 3 participants in the last year."""
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    with open(folder / "forum_meeting.csv", "a", encoding="utf-8") as meetings:
        meetings.write("Illustrative sample data (test),true,FM-YOUNG-T1,VVF-YOUNG,2026-10-01,3,1,1,Test session\n")
    load_directory(sqlite_engine, folder, actor=analyst())
    return sqlite_engine


def test_a_participant_count_under_5_is_never_printed(one_small_meeting):
    pages = pages_text(make_pack(one_small_meeting, make_scope(one_small_meeting, AS_AT)))
    forums = next(
        page for page in pages if page.startswith("4. Victim Voice Forums") or "4. Victim Voice Forums" in page
    )
    row = re.sub(r"Planned\s+‡", "Planned‡", forums[forums.index("Young victims") :][:80])  # a mark wrapped in its cell
    assert row.split()[:5] == ["Young", "victims", "Planned‡", "–", "1"], row
    participants = " ".join(row.split()[5:7])
    assert participants == "<5 0", row  # withheld, and not added into a total
    assert "3" not in row.split()[4:8]
