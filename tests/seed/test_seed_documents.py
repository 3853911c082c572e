"""The seed says what the two decision documents say, contradicts neither, and drops none of their facts.

Expected values are the documents' own words and figures (PCD 1847, PCD 603), read from the seed
files directly; `python -m seed export` must give them back with their sources.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.environment import PROJECT_ROOT
from tests.helpers.seeded import rows

# (what the document writes, where it writes it): each must be in the exported facts, with its source.
DOCUMENTED_FACTS = [
    ("16 September 2024", "PCD 1847 Commercial Issues"),
    ("Light Touch Regime", "PCD 1847 Commercial Issues"),
    ("Invitation to Quote", "PCD 1847 Commercial Issues"),
    ("21 March 2019", "PCD 603 §1.1"),
    ("more than 2,100", "PCD 603 §1.1"),
    ("14 victims' focus groups", "PCD 603 §1.1"),
    ("National Criminal Justice Board", "PCD 603 §1.4"),
    ("May 2019", "PCD 603 §1.4"),
    ("£500,000", "PCD 603 §4.3"),
    ("£499,000", "PCD 603 §4.4"),
    ("TfL procurement and legal", "PCD 603 §5.1"),
    ("Public Contract Regulations 2015", "PCD 603 §5.1"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The seed loaded into a fresh database and written back by `python -m seed export`."""
    folder = tmp_path_factory.mktemp("export")
    env = {"DATABASE_URL": f"sqlite:///{folder / 'board.db'}", "PATH": ""}
    for command in (["load", "seed"], ["export", str(folder / "out")]):
        done = subprocess.run(
            [sys.executable, "-m", "seed", *command], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    return folder / "out"


@pytest.mark.parametrize(("words", "source"), DOCUMENTED_FACTS, ids=[words for words, _ in DOCUMENTED_FACTS])
def test_the_export_holds_every_fact_with_its_source(exported, words, source):
    with open(exported / "decision_fact.csv", newline="", encoding="utf-8-sig") as handle:
        facts = list(csv.DictReader(handle))
    found = [f for f in facts if words in f["fact"] or words in f["value"]]
    assert found, f"{words!r} is not among the decision facts"
    assert any(f["source"].startswith(source) and f["illustrative"] == "false" for f in found), found


def test_the_cag_approval_carries_its_day():
    dates = {row["id"]: row["fact_date"] for row in rows("decision_fact")}
    assert dates["DF-1847-CAG"] == "2024-09-16"
    assert dates["DF-603-PUBLISHED"] == "2019-03-21"


def test_the_pilot_insight_does_not_claim_the_black_communities_forum_before_it_was_procured():
    insight = next(row for row in rows("forum_insight") if row["id"] == "INS-PILOT-08")
    procured = next(
        row["update_date"]
        for row in rows("progress_update")
        if row["recommendation_id"] == "REC-1847-01" and row["status"] == "Complete"
    )
    assert insight["closed_date"] >= procured
    assert "still being sought" in insight["we_did"]


def test_no_payment_on_the_initial_lines_is_for_further_consultation():
    initial = {
        row["id"] for row in rows("budget_line") if row["decision_ref"] == "PCD 1847" and row["kind"] == "initial"
    }
    for payment in rows("spend"):
        if payment["budget_line_id"] in initial:
            assert "consultation" not in payment["description"].lower(), payment


def test_pcd_603_2_6_is_about_victims_and_witness_service_practitioners():
    texts = {row["id"]: row["text"] for row in rows("recommendation")}
    for rec in ("REC-VCOP-05", "REC-VCOP-06"):
        assert "practitioners" in texts[rec]
        assert "policing" not in texts[rec] and "officers" not in texts[rec]


def test_you_said_we_did_is_not_attributed_to_pcd_1847_as_its_words():
    rec = next(row for row in rows("recommendation") if row["id"] == "REC-1847-04")
    assert "not PCD 1847's wording" in rec["source"]


@pytest.mark.parametrize("column", ["owner_agency", "oversight_board"])
def test_every_owner_and_board_says_where_it_comes_from(column):
    word = {"owner_agency": "owner", "oversight_board": "oversight board"}[column]
    for row in rows("recommendation"):
        source = row["source"].lower()
        assert word in source, (row["id"], row["source"])


def test_the_pilot_partner_is_the_projects_reading_with_its_public_source():
    pilot = next(row for row in rows("forum") if row["id"] == "VVF-PILOT")
    assert (pilot["partner"], pilot["facilitator"]) == ("", "")  # neither document names them
    assert "partner Victim Support" in pilot["project_reading"] and "public project pages" in pilot["project_reading"]


@pytest.mark.parametrize(
    ("table", "key", "words"),
    [
        ("forum", "VVF-PILOT", "Status Closed"),
        ("forum", "VVF-YOUNG", "Status Planned"),
        ("recommendation", "REC-1847-02", "overseer"),
        ("recommendation", "REC-1847-03", "overseer"),
        ("recommendation", "REC-603-02", "overseer"),
        ("budget_line", "BL-1847-EXT1", "financial year"),
        ("budget_line", "BL-1847-EXT2", "financial year"),
        ("budget_line", "BL-1847-UPL", "financial year"),
        ("budget_line", "BL-603-RES", "financial year"),
    ],
)
def test_what_the_project_decided_is_marked_as_its_reading(table, key, words):
    """Issue 21's list of documented rows carrying what the documents do not say: each says so."""
    row = next(row for row in rows(table) if row["id"] == key)
    assert row["illustrative"] == "false"
    assert words in row["project_reading"] and "project's reading" in row["project_reading"]


def test_no_invented_claim_about_a_real_body():
    narratives = [row["narrative"] for row in rows("progress_update")]
    assert not any("Basic Command Units" in text for text in narratives)


def test_the_years_pcd_1847_gives_two_ways_are_explained():
    for row in rows("budget_line") + rows("decision"):
        if "PCD 1847" in (row.get("decision_ref"), row.get("reference")):
            assert "2025/26 to 2028/29" in row["source"] and "follow the Financial Comments" in row["source"], row


def test_what_sample_rows_say_was_done_reads_as_sample_data():
    """An invented 'we did' would otherwise read as a claim about the MPS, the CPS or MOPAC."""
    for insight in rows("forum_insight"):
        if insight["illustrative"] == "true" and insight["we_did"]:
            assert insight["we_did"].startswith("Sample text: "), insight["id"]
