"""Recommendation queries against the seed, each figure checked against the CSV files read directly.

The reference figures are worked out here in plain Python from seed/*.csv, independently of the
SQL under test. Scene 4's question ("VCOP recommendations owned by the Met that are overdue") and
scene 1's "what changed since the last board" are pinned to the seed's facts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from data_model.queries import recommendations as queries
from data_model.queries.filters import RecommendationFilter
from data_model.tables import STATUS_SCALE
from tests.helpers.actors import analyst
from tests.helpers.environment import SEED_DIR
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, LAST_BOARD, VCOP_REVIEW, rows


def status_on(day: date) -> dict[str, str]:
    """Each recommendation's status on `day` from the CSV: latest update on or before it, else Not started."""
    latest: dict[str, tuple[str, str, str]] = {}
    for update in rows("progress_update"):
        if date.fromisoformat(update["update_date"]) <= day:
            key = (update["update_date"], update["id"])
            if update["recommendation_id"] not in latest or key > latest[update["recommendation_id"]][:2]:
                latest[update["recommendation_id"]] = (*key, update["status"])
    return {rec["id"]: latest.get(rec["id"], ("", "", "Not started"))[2] for rec in rows("recommendation")}


def overdue_ids(day: date, **equal: str) -> set[str]:
    statuses = status_on(day)
    return {
        rec["id"]
        for rec in rows("recommendation")
        if rec["due_date"]
        and date.fromisoformat(rec["due_date"]) < day
        and statuses[rec["id"]] != "Complete"
        and all(rec[column] == value for column, value in equal.items())
    }


def test_register_has_every_recommendation_with_its_status_as_at(seeded_engine):
    register = queries.recommendation_register(seeded_engine, scope_at(AS_AT))
    expected = status_on(AS_AT)
    assert len(register) == len(rows("recommendation")) == 29
    assert dict(zip(register["id"], register["status"], strict=True)) == expected
    assert list(register.columns) == [
        "id",
        "reference",
        "source_review",
        "text",
        "owner_agency",
        "oversight_board",
        "due_date",
        "decision_ref",
        "status",
        "percent_complete",
        "last_update",
        "overdue",
        "source",
        "project_reading",
        "illustrative",
        "status_illustrative",
    ]
    vcop_03 = register.set_index("id").loc["REC-VCOP-03"]
    assert (vcop_03["status"], vcop_03["percent_complete"]) == ("Amber/Red", 69)
    assert vcop_03["due_date"] == date(2025, 3, 31) and vcop_03["last_update"] == date(2026, 10, 15)
    assert set(register.loc[register["overdue"], "id"]) == overdue_ids(AS_AT)


def test_scene_4_overdue_vcop_recommendations_owned_by_the_met(seeded_engine):
    register = queries.recommendation_register(
        seeded_engine,
        scope_at(AS_AT),
        RecommendationFilter(source_review=VCOP_REVIEW, owner_agency=("MPS",), overdue_only=True),
    )
    expected = overdue_ids(AS_AT, source_review=VCOP_REVIEW, owner_agency="MPS")
    assert set(register["id"]) == expected == {"REC-VCOP-03", "REC-VCOP-05", "REC-VCOP-06"}
    assert register["overdue"].all()


def test_filters_take_one_value_a_list_or_nothing(seeded_engine):
    every = queries.recommendation_register(seeded_engine, scope_at(AS_AT))
    by_list = queries.recommendation_register(
        seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=("MPS", "CPS"), status=("Red",))
    )
    statuses = status_on(AS_AT)
    expected = {
        rec["id"]
        for rec in rows("recommendation")
        if rec["owner_agency"] in ("MPS", "CPS") and statuses[rec["id"]] == "Red"
    }
    assert set(by_list["id"]) == expected == {"REC-VCOP-06"}
    assert len(
        queries.recommendation_register(seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=()))
    ) == len(every)
    board = queries.recommendation_register(
        seeded_engine, scope_at(AS_AT), RecommendationFilter(oversight_board=("LCRB Victims Board",))
    )
    assert len(board) == sum(rec["oversight_board"] == "LCRB Victims Board" for rec in rows("recommendation"))
    assert queries.recommendation_register(
        seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=("CPS",), status=("Red",))
    ).empty


def test_register_summary_counts_what_the_filters_select(seeded_engine):
    statuses = status_on(AS_AT)
    counts = {
        "recommendations": 29,
        "overdue": len(overdue_ids(AS_AT)),
        "red": sum(status in ("Red", "Amber/Red") for status in statuses.values()),
        "complete": sum(status == "Complete" for status in statuses.values()),
    }
    # every progress update in the seed is sample data, so every status found from one is too
    assert {u["illustrative"] for u in rows("progress_update")} == {"true"}
    updated = {u["recommendation_id"] for u in rows("progress_update") if u["update_date"] <= AS_AT.isoformat()}
    sample = {r["id"] for r in rows("recommendation") if r["illustrative"] == "true" or r["id"] in updated}
    assert queries.register_summary(seeded_engine, scope_at(AS_AT)) == counts | {
        "recommendations_illustrative": len(sample),
        "overdue_illustrative": len(overdue_ids(AS_AT) & sample),
        "red_illustrative": sum(s in ("Red", "Amber/Red") for i, s in statuses.items() if i in sample),
        "complete_illustrative": sum(s == "Complete" for i, s in statuses.items() if i in sample),
    }
    assert (
        queries.register_summary(
            seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=("MPS",), overdue_only=True)
        )["recommendations"]
        == 3
    )
    assert queries.register_summary(
        seeded_engine, scope_at(AS_AT), RecommendationFilter(owner_agency=("nobody",))
    ) == dict.fromkeys(
        (
            f"{name}{part}"
            for part in ("", "_illustrative")
            for name in ("recommendations", "overdue", "red", "complete")
        ),
        0,
    )


def test_status_counts_are_grouped_in_scale_order(seeded_engine):
    counts = queries.status_counts(seeded_engine, scope_at(AS_AT))
    expected = Counter(status_on(AS_AT).values())
    assert dict(zip(counts["status"], counts["recommendations"], strict=True)) == expected
    assert list(counts["status"]) == [status for status in queries.STATUSES if status in expected]


def test_scene_1_status_moves_since_the_last_board(seeded_engine):
    moves = queries.status_moves(seeded_engine, scope_at(AS_AT, since=LAST_BOARD)).set_index("id")
    then, now = status_on(LAST_BOARD), status_on(AS_AT)
    assert set(moves.index) == {rec for rec in now if now[rec] != then[rec]}
    improved = moves[moves["direction"] == "improved"]
    assert sorted(improved["moved"]) == ["Amber → Green", "Amber → Green"]
    slipped = moves[moves["direction"] == "slipped"]
    assert list(slipped["status_now"]) == ["Red"]
    assert slipped.loc["REC-1847-06", "moved"] == "Amber/Red → Red"


def test_status_mix_at_each_board_matches_the_status_then(seeded_engine):
    mix = queries.status_mix_at_boards(seeded_engine, scope_at(AS_AT))
    boards = [date.fromisoformat(board["meeting_date"]) for board in rows("board_meeting")]
    assert sorted(set(mix["as_of"])) == sorted([*boards, AS_AT])
    for day in (boards[0], LAST_BOARD, AS_AT):
        at_day = mix[mix["as_of"] == day]
        assert dict(zip(at_day["status"], at_day["recommendations"], strict=True)) == Counter(status_on(day).values())
    assert (mix.groupby("as_of")["recommendations"].sum() == 29).all()
    assert set(mix.loc[mix["as_of"] == AS_AT, "board"]) == {"As at"}


def test_progress_history_lists_updates_up_to_the_date(seeded_engine):
    history = queries.progress_history(seeded_engine, scope_at(AS_AT), "REC-VCOP-03")
    updates = sorted(
        (update["update_date"], update["status"])
        for update in rows("progress_update")
        if update["recommendation_id"] == "REC-VCOP-03"
    )
    assert [(d.isoformat(), s) for d, s in zip(history["update_date"], history["status"], strict=True)] == updates
    assert len(queries.progress_history(seeded_engine, scope_at(date(2025, 1, 1)), "REC-VCOP-03")) == 1


def test_register_choices_list_the_values_on_record(seeded_engine):
    choices = queries.register_choices(seeded_engine, scope_at())
    assert choices["owner_agency"] == sorted({rec["owner_agency"] for rec in rows("recommendation")})
    assert VCOP_REVIEW in choices["source_review"]
    assert choices["status"] == [*STATUS_SCALE, "Not started"]


@pytest.mark.parametrize("query", ["register", "moves", "mix"])
def test_recommendation_queries_give_the_same_answer_on_every_backend(engine, seeded_engine, query):
    """Runs on SQLite and PostgreSQL (the `engine` fixture): the SQL must agree with the seeded SQLite."""
    from data_model.writes.replace import load_directory

    load_directory(engine, SEED_DIR, actor=analyst("t"))
    calls = {
        "register": lambda e: queries.recommendation_register(
            e, scope_at(AS_AT), RecommendationFilter(owner_agency=("MPS",), overdue_only=True)
        ),
        "moves": lambda e: queries.status_moves(e, scope_at(AS_AT, since=LAST_BOARD)),
        "mix": lambda e: queries.status_mix_at_boards(e, scope_at(AS_AT)),
    }
    here, reference = calls[query](engine), calls[query](seeded_engine)
    assert here.astype(str).to_dict("records") == reference.astype(str).to_dict("records")
    assert queries.register_summary(engine, scope_at(AS_AT)) == queries.register_summary(seeded_engine, scope_at(AS_AT))
    counts = queries.status_counts(engine, scope_at(AS_AT))
    assert counts.to_dict("records") == queries.status_counts(seeded_engine, scope_at(AS_AT)).to_dict("records")


def test_overdue_or_red_is_every_one_overdue_or_red_earliest_due_first(seeded_engine):
    frame = queries.overdue_or_red(seeded_engine, scope_at(AS_AT))
    red = {rec_id for rec_id, status in status_on(AS_AT).items() if status == "Red"}
    assert set(frame["id"]) == overdue_ids(AS_AT) | red
    assert len(frame) == 7  # 6 overdue, and PCD 1847's further-decision recommendation, Red but not yet due
    due = frame["due_date"].tolist()
    assert due == sorted(due)
