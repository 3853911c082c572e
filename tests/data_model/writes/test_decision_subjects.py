"""What a decision of the board may concern: every decision, risk, recommendation, milestone and forum, each
once, under the board_decision.csv column that would name it. Expected rows come from the seed's CSV files."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from data_model.writes.meeting_records import decision_subjects
from tests.helpers.seeded import rows

FIELDS = {
    "decision_ref": ("decision", "reference"),
    "risk_id": ("risk", "id"),
    "recommendation_id": ("recommendation", "id"),
    "milestone_id": ("milestone", "id"),
    "forum_id": ("forum", "id"),
}


def test_every_record_a_decision_may_concern_is_offered_once_in_kind_order(seeded_engine: Engine):
    subjects = decision_subjects(seeded_engine)
    expected = [
        (field, row[key]) for field, (table, key) in FIELDS.items() for row in sorted(rows(table), key=lambda r: r[key])
    ]
    assert list(zip(subjects["field"], subjects["record_id"], strict=True)) == expected


def test_a_subject_reads_as_its_kind_id_and_name(seeded_engine: Engine):
    labels = dict(
        zip(decision_subjects(seeded_engine)["record_id"], decision_subjects(seeded_engine)["label"], strict=True)
    )
    decision = next(row for row in rows("decision") if row["reference"] == "PCD 1847")
    assert labels["PCD 1847"] == f"Decision PCD 1847: {decision['title']}"
    assert labels["RISK-1847-CITY"] == "Risk RISK-1847-CITY: Partnership with the City of London not yet agreed"
