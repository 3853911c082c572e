"""The briefing pack: its figures against the database as at a date, its charts, its notes, its escaping."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.briefing.__main__ import main as cli
from dashboard.briefing.pack import make_pack
from dashboard.briefing.pack_content import gather
from data_model.db import make_engine
from data_model.queries.filters import RecommendationFilter
from data_model.queries.recommendations import recommendation_register, status_moves
from data_model.scope import make_scope
from data_model.writes.replace import load_directory
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.pdf_text import pages_text
from tests.helpers.registers import open_on, scores_on
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, rows

NAVY_BAR = re.compile(rb"\.070588 \.262745 \.427451 rg\n(?:[^\n]*\n){5}n [\d. ]+ re B\*")
"""A rectangle filled with the palette's dark blue: a "spent" bar (headings use the colour for text only)."""


def flat(value: str) -> str:
    """Text with all whitespace removed: table cells wrap long words across lines."""
    return "".join(value.split())


def words(value: str) -> str:
    return " ".join(value.split())


def money(value) -> str:
    return f"£{round(value):,}"


def scalar(engine: Engine, sql: str, **params):
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


@pytest.fixture(scope="module")
def pack(seeded_url: str) -> bytes:
    engine = make_engine(seeded_url)
    try:
        return make_pack(engine, make_scope(engine, AS_AT))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def pages(pack: bytes) -> list[str]:
    return pages_text(pack)


@pytest.fixture(scope="module")
def whole(pages: list[str]) -> str:
    return words("\n".join(pages))


def section(pages: list[str], heading: str) -> str:
    """The text of the pages from the one that starts with `heading` to the next numbered section."""
    start = next(i for i, page in enumerate(pages) if heading in page)
    following = [i for i in range(start + 1, len(pages)) if re.search(r"^\d\. ", pages[i], re.MULTILINE)]
    end = following[0] if following else len(pages)
    return words("\n".join(pages[start:end]))


def test_the_documents_figures_are_in_the_pack(whole: str):
    for figure in ("£607,116", "£451,792", "£155,324", "£47,500", "£559,616", "£50,000", "£108,000"):
        assert figure in whole, figure


def test_front_page_is_a_highlight_report_as_at_the_date(pages: list[str]):
    front = words(" ".join(pages[:2]))  # the highlight report: its tolerances, with the conditions, run onto page 2
    for part in (
        "OFFICIAL",
        "Highlight report",
        "As at 22 Nov 2026",
        "changes after the board of 15 Oct 2026",
        "Overall status",
        "Red",  # the seed's deliberate sample breach: 2026/27 facilitation £21,000 against £20,000 a year
        "Headline figures",
        "This period",
        "Requests for decision",
        "Tolerances",
        "Page 1 of",
    ):
        assert part in front, part


def test_headline_money_equals_independent_sums(seeded_engine: Engine, pages: list[str]):
    approved = scalar(seeded_engine, "SELECT SUM(initial_value) FROM decision")
    spent = scalar(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :d", d=AS_AT)
    sample = scalar(seeded_engine, "SELECT SUM(initial_value) FROM decision WHERE illustrative")
    front = words(pages[0])
    assert f"{money(approved)}†" in front and approved == 819_116
    assert f"{money(spent)}†" in front
    assert f"{money(approved - spent)}†" in front
    assert f"includes {money(sample)} of illustrative data" in front


def test_pcd_1847_spend_against_its_line_equals_an_independent_sum(seeded_engine: Engine, pages: list[str]):
    spent = scalar(
        seeded_engine,
        "SELECT SUM(s.amount) FROM spend s JOIN budget_line b ON b.id = s.budget_line_id "
        "WHERE b.decision_ref = 'PCD 1847' AND s.spend_date <= :d",
        d=AS_AT,
    )
    share = f"{spent / 50_000:.0%}"
    assert 0.8 <= spent / 50_000 < 1  # the seed's scenario: just over 80% of the line
    front = words(" ".join(pages[:2]))  # the highlight report
    assert f"spend on PCD 1847 is at {share} of its £50,000 further-decision line" in front
    assert f"{money(spent)}† spent ({share}); headroom {money(50_000 - spent)}" in front
    assert f"Spent {money(spent)}† ({share} of the line)" in front  # the tolerance chart's label
    money_section = section(pages, "2. Money")
    assert f"PCD 1847 £50,000 £108,000 {money(spent)}† {share}† {money(50_000 - spent)}†" in money_section


def test_red_and_overdue_counts_equal_the_querys(seeded_engine: Engine, pages: list[str]):
    register = recommendation_register(seeded_engine, scope_at(AS_AT))
    red = recommendation_register(seeded_engine, scope_at(AS_AT), RecommendationFilter(status=("Red",)))
    overdue = recommendation_register(seeded_engine, scope_at(AS_AT), RecommendationFilter(overdue_only=True))
    assert len(red) == 3 and len(overdue) == 6
    front = words(pages[0])
    assert f"{len(red)} of {len(register)} recommendations are Red and {len(overdue)} are overdue†" in front
    listed = flat(section(pages, "3. Recommendations"))
    for reference in {*red["reference"], *overdue["reference"]}:
        assert flat(reference) in listed, reference
    assert f"{len(red)} Red and {len(overdue)} overdue" in section(pages, "3. Recommendations")


def test_mps_overdue_recommendations_are_listed(seeded_engine: Engine, pages: list[str]):
    mps = recommendation_register(
        seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=("MPS",), overdue_only=True)
    )
    assert len(mps) >= 1
    listed = flat(section(pages, "3. Recommendations"))
    for reference in mps["reference"]:
        assert flat(reference) in listed


def test_changes_since_the_last_board_match_the_scenario(seeded_engine: Engine, pages: list[str]):
    moves = status_moves(seeded_engine, scope_at(AS_AT, since=LAST_BOARD))
    assert sorted(moves["moved"]) == ["Amber → Green", "Amber → Green", "Amber/Red → Red"]
    new_spend = scalar(
        seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date > :s AND spend_date <= :d", s=LAST_BOARD, d=AS_AT
    )
    front = words(pages[0])
    assert "2 recommendation(s) improved (Amber → Green, Amber → Green); 1 slipped (Amber/Red → Red)" in front
    assert f"{money(new_spend)}† of new spend" in front and new_spend == 6_000
    assert "4 new insight(s) from 1 forum(s)" in front
    changes = section(pages, "1. Changes since the board of 15 Oct 2026")
    assert "Restore neighbourhood policing." in changes


def test_every_section_is_there_in_order(pages: list[str]):
    headings = [
        "1. Changes since",
        "2. Money",
        "3. Recommendations by status",
        "4. Victim Voice Forums",
        "5. Victims' Code compliance",
        "6. Actions from the last board",
        "7. Milestones",
        "8. Key risks and issues",
        "9. Sources and illustrative data",
    ]
    starts = [next(i for i, page in enumerate(pages) if heading in page) for heading in headings]
    assert starts == sorted(starts) and starts[0] >= 1


def test_the_charts_are_vector_drawings(pack: bytes, pages: list[str], seeded_engine: Engine):
    reader = PdfReader(io.BytesIO(pack))
    assert all(not page.images for page in reader.pages)  # drawn, not pasted screenshots
    whole = words("\n".join(pages))
    for title in (
        "PCD 1847: spend to date against the £50,000 further-decision line",
        "Approved budget and spend to date by decision",
        "Recommendations by status as at 22 Nov 2026",
        "Share of each forum's insights closed as at 22 Nov 2026",
        "Compliance by measure, latest quarter",
    ):
        assert title in whole, title
    for axis in ("£ (whole pounds)", "£200k", "Insights closed (% of those raised)", "Victims who received it (%)"):
        assert axis in whole, axis
    money_page = next(i for i, page in enumerate(pages) if "Approved budget and spend to date" in page)
    content = reader.pages[money_page].get_contents().get_data()
    decisions = len(gather(seeded_engine, make_scope(seeded_engine, AS_AT)).by_decision)
    assert len(NAVY_BAR.findall(content)) == decisions + 1  # one "spent" bar per decision, and its legend key


def test_status_is_written_out_not_only_coloured(pages: list[str]):
    recommendations = section(pages, "3. Recommendations")
    for status in ("Complete", "Green", "Amber/Green", "Amber", "Amber/Red", "Red"):
        assert status in recommendations


def test_illustrative_figures_are_marked_and_explained(seeded_engine: Engine, pages: list[str]):
    assert all("† illustrative sample data (see Sources)" in page for page in pages)
    sources = section(pages, "9. Sources and illustrative data")
    assert "illustrative sample data made up for this dashboard" in sources
    payments = scalar(seeded_engine, "SELECT COUNT(*) FROM spend WHERE illustrative")
    assert f"Payments {payments} {payments}" in sources
    assert "ILLUSTRATIVE-VVF-2024†" in words("\n".join(pages))


def test_small_participant_counts_are_not_printed(pages: list[str]):
    forums = section(pages, "4. Victim Voice Forums")
    assert "Participant counts under 5 are never shown" in forums
    assert "72 + <5" in forums  # the meetings of 5 or more added up, the one under 5 not added in


def test_hostile_text_prints_literally(sqlite_engine: Engine):
    load_directory(sqlite_engine, SEED_DIR, actor=analyst())
    narrative = "<script>alert(1)</script> & <b>not bold</b>"
    you_said = '<i>raw</i> =HYPERLINK("http://x") &amp;'
    with sqlite_engine.begin() as connection:
        newest = connection.execute(
            text(
                "SELECT id FROM progress_update WHERE recommendation_id = 'REC-1847-06' "
                "ORDER BY update_date DESC LIMIT 1"
            )
        ).scalar()
        connection.execute(
            text("UPDATE progress_update SET narrative = :n WHERE id = :i"), {"n": narrative, "i": newest}
        )
        connection.execute(text("UPDATE forum_insight SET you_said = :y WHERE id = 'INS-VAWG-13'"), {"y": you_said})
    everything = flat("\n".join(pages_text(make_pack(sqlite_engine, make_scope(sqlite_engine, AS_AT)))))
    assert flat(narrative) in everything
    assert flat(you_said) in everything


def test_a_database_without_rows_still_makes_a_pack(sqlite_engine: Engine):
    pages = pages_text(make_pack(sqlite_engine, make_scope(sqlite_engine, AS_AT)))
    whole = words("\n".join(pages))
    assert "No decisions with budget lines are on record." in whole
    assert "No recommendations are on record." in whole
    assert "No forums are on record." in whole
    assert "Overall status Not known" in whole


def test_an_earlier_as_at_date_shows_the_figures_then(seeded_engine: Engine):
    as_at = date(2026, 10, 31)
    briefing = gather(seeded_engine, make_scope(seeded_engine, as_at))
    spent = scalar(seeded_engine, "SELECT SUM(amount) FROM spend WHERE spend_date <= :d", d=as_at)
    front = words(pages_text(make_pack(seeded_engine, make_scope(seeded_engine, as_at)))[0])
    assert "As at 31 Oct 2026" in front
    assert f"{money(spent)}†" in front
    assert f"{briefing.red_count} of {briefing.recommendation_count} recommendations are Red" in front


def test_command_line_writes_the_pack(monkeypatch: pytest.MonkeyPatch, seeded_url: str, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    out = tmp_path / "pack.pdf"
    assert cli([str(out), "--as-at", "2026-11-22", "--since", "2026-10-15"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "£607,116" in words("\n".join(pages_text(out.read_bytes())))
    assert "changes since the board of 15 Oct 2026" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli([str(tmp_path / "pack.docx")])


def test_command_line_refuses_an_empty_database(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path, capsys):
    """Before any load the pack would be blank pages that look like a programme with nothing in it."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    out = tmp_path / "pack.pdf"
    with pytest.raises(SystemExit) as stopped:
        cli([str(out), "--as-at", "2026-11-22"])
    assert stopped.value.code == 2
    assert "no data has been loaded into this database yet: run `python -m seed init` first" in capsys.readouterr().err
    assert not out.exists()


def test_the_pack_builds_on_each_backend(engine: Engine):
    """SQLite and PostgreSQL: the pack's queries (and the view queries it calls) run on both."""
    load_directory(engine, SEED_DIR, actor=analyst("t"))
    whole = words("\n".join(pages_text(make_pack(engine, make_scope(engine, AS_AT)))))
    for figure in (
        "£607,116",
        "£451,792",
        "£155,324",
        "£108,000",
        "3 of 29 recommendations are Red",
        "Spent £41,500† (83% of the line)",
    ):
        assert figure in whole, figure


# The board's registers (issue 14): each section's figures worked out again from the CSV files.


def test_actions_from_the_last_board_match_the_csv(pages: list[str]):
    actions = section(pages, "6. Actions from the last board")
    agreed = [row for row in rows("board_action") if row["meeting_id"] == "BOARD-2026-10"]
    done = sum(row["status"] == "Done" and row["closed_date"] <= AS_AT.isoformat() for row in agreed)
    overdue = sum(not row["closed_date"] and row["due_date"] < AS_AT.isoformat() for row in agreed)
    assert f"{done} done, 0 dropped, {overdue} overdue, 0 open" in words(actions)
    for row in agreed:
        assert flat(row["action"]) in flat(actions), row["action"]


def test_milestones_section_lists_slipped_and_achieved_with_their_days(pages: list[str]):
    milestones = words(section(pages, "7. Milestones"))
    by_id = {row["id"]: row for row in rows("milestone")}
    review = by_id["MS-ILL-VAWG-REVIEW"]
    moved = max(
        (row for row in rows("milestone_forecast") if row["milestone_id"] == review["id"]),
        key=lambda row: row["changed_on"],
    )
    slip = (date.fromisoformat(moved["forecast_date"]) - date.fromisoformat(review["baseline_date"])).days
    assert f"{review['title']}† Slipped 30 Sep 2026 15 Dec 2026 – +{slip}" in milestones
    achieved = [
        row
        for row in rows("milestone")
        if row["actual_date"] and LAST_BOARD.isoformat() < row["actual_date"] <= AS_AT.isoformat()
    ]
    assert [row["id"] for row in achieved] == ["MS-ILL-VAWG-REPORT"]
    assert "VAWG forum's year 2 'you said, we did' report† Achieved 30 Nov 2026" in milestones
    assert (
        "Extension decision at the end of the initial 30 months† Forecast moved 30 Sep 2027 30 Nov 2027 +61"
        in milestones
    )


def test_key_risks_section_scores_each_open_risk_from_the_csv(pages: list[str]):
    risks = flat(section(pages, "8. Key risks and issues"))
    scores = scores_on(AS_AT)
    for risk_id in open_on(AS_AT):
        likelihood, impact = scores[risk_id]
        title = next(row["title"] for row in rows("risk") if row["id"] == risk_id)
        assert flat(f"{title}†") in risks, title
        assert flat(f"{likelihood * impact} ({likelihood}×{impact})") in risks
    closed = [row["title"] for row in rows("risk") if row["id"] not in open_on(AS_AT)]
    assert "Toofewsuitablequotes" not in risks and closed  # closed ones are not key risks
    changed = words(section(pages, "8. Key risks and issues"))
    assert "Score up 16 20" in changed


def test_front_page_status_counts_risks_and_milestones(pages: list[str]):
    front = words(pages[0])
    target = {row["id"]: int(row["target_score"]) for row in rows("risk")}
    above = sum(
        scores_on(AS_AT)[risk_id][0] * scores_on(AS_AT)[risk_id][1] > target[risk_id] for risk_id in open_on(AS_AT)
    )
    assert f"{above}† risks or issues are above their target score and 2† milestones have slipped" in front
    assert "a risk is above its target score or a milestone still to come has slipped" in front


def test_what_the_project_decided_is_marked_and_said_under_its_table(pages: list[str]):
    forums = section(pages, "4. Victim Voice Forums")
    young = next(row for row in rows("forum") if row["id"] == "VVF-YOUNG")
    assert "Planned‡" in flat(forums) and "Closed‡" in flat(forums)  # a narrow cell may wrap the mark
    assert flat(f"{young['cohort']}: {young['project_reading']}") in flat(forums)
    assert flat("‡ The project's reading where the documents do not say.") in flat(forums)
    front = words(pages[0] + pages[1])
    year = next(row for row in rows("decision_condition") if row["id"] == "DC-1847-YEAR")
    assert flat(year["project_reading"]) in flat(front)
