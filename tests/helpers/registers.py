"""The registers' figures worked out from the seed CSV files alone: the independent reference the
queries, pages and pack are checked against."""

from __future__ import annotations

from datetime import date

from tests.helpers.seeded import rows


def day_of(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def scores_on(day: date) -> dict[str, tuple[int, int]]:
    """Each risk raised by `day`: (likelihood, impact) from its newest reassessment on or before it."""
    found: dict[str, tuple[int, int]] = {}
    for risk in rows("risk"):
        if day_of(risk["raised_date"]) <= day:
            found[risk["id"]] = (int(risk["likelihood"]), int(risk["impact"]))
    for assessment in sorted(rows("risk_assessment"), key=lambda row: (row["assessed_on"], row["id"])):
        if day_of(assessment["assessed_on"]) <= day and assessment["risk_id"] in found:
            found[assessment["risk_id"]] = (int(assessment["likelihood"]), int(assessment["impact"]))
    return found


def sample_scored_on(day: date) -> set[str]:
    """The risks raised by `day` that are sample data, or whose newest reassessment by then is."""
    newest: dict[str, dict[str, str]] = {}
    for assessment in sorted(rows("risk_assessment"), key=lambda row: (row["assessed_on"], row["id"])):
        if day_of(assessment["assessed_on"]) <= day:
            newest[assessment["risk_id"]] = assessment
    return {
        risk["id"]
        for risk in rows("risk")
        if day_of(risk["raised_date"]) <= day
        and (risk["illustrative"] == "true" or newest.get(risk["id"], {}).get("illustrative") == "true")
    }


def open_on(day: date) -> set[str]:
    return {
        risk["id"]
        for risk in rows("risk")
        if day_of(risk["raised_date"]) <= day and not (risk["closed_date"] and day_of(risk["closed_date"]) <= day)
    }


def forecast_on(milestone: dict[str, str], day: date) -> date:
    changes = sorted(
        (
            row
            for row in rows("milestone_forecast")
            if row["milestone_id"] == milestone["id"] and day_of(row["changed_on"]) <= day
        ),
        key=lambda row: (row["changed_on"], row["id"]),
    )
    return day_of(changes[-1]["forecast_date"]) if changes else day_of(milestone["baseline_date"])
