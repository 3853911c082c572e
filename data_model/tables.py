"""The tables the programme board tracks.

Every seeded table carries `source` (where a figure comes from, e.g. ``PCD 603 §3.2``) and
`illustrative` (True for sample rows the project invented), so a figure's provenance is always
one column away. Keys are short text ids an analyst can read and keep stable across edits, so a
re-load of the same files changes nothing and an upload can be diffed row by row.

Money is ``Decimal`` pounds with pence (``Numeric(14, 2)``), written as plain pounds (`Money`);
dates fall between 2000 and 2100 (`Day`); financial years are text like ``2025/26``. The field
types, constraints and validators below say what one value of each column may be, with the rules
of `data_model.rules.values`; how a row's values hold together is `data_model.rules.rows`. The
seed loader derives its (faster) row models from these.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, cast

from annotated_types import Ge, Le
from pydantic import BeforeValidator, field_validator
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from data_model.rules.values import EARLIEST_DATE, LATEST_DATE, financial_year, one_of, plain_pounds, quarter

STATUS_SCALE = ("Complete", "Green", "Amber/Green", "Amber", "Amber/Red", "Red")
"""Delivery confidence, best first: the IPA's five steps plus Complete for closed items."""

BUDGET_KINDS = ("initial", "extension", "uplift", "reserve")
FORUM_STATUSES = ("Planned", "Mobilising", "Active", "Paused", "Closed")
INSIGHT_STATUSES = ("Open", "In progress", "Closed")
RISK_KINDS = ("risk", "issue")
RISK_RESPONSES = ("treat", "tolerate", "transfer", "terminate")
"""The Orange Book's (HM Treasury) four responses to a risk."""
RISK_STATUSES = ("Open", "Closed")
MILESTONE_STATUSES = ("Planned", "Achieved", "Cancelled")
ACTION_STATUSES = ("Open", "Done", "Dropped")
MINUTES_STATUSES = ("Draft", "Confirmed")
"""Minutes are drafted after a board and confirmed as a true record at the next, which locks them."""
ATTENDANCE_KINDS = ("present", "apologies", "in attendance")
DECISION_OUTCOMES = ("agreed", "not agreed", "deferred", "noted")
DECISION_CONCERNS = (
    ("decision_ref", "decision"),
    ("risk_id", "risk"),
    ("recommendation_id", "recommendation"),
    ("milestone_id", "milestone"),
    ("forum_id", "forum"),
)
"""The records a decision of the board may concern, one at most: (its board_decision column, the kind in words)."""
AGENDA_VIEWS = (
    "attendance",
    "matters arising",
    "overall status",
    "changes",
    "risks",
    "milestones",
    "money",
    "recommendations",
    "forums",
    "decisions needed",
    "other business",
    "next meeting",
)
"""What an agenda item shows on the Meeting page: the views of the board's standard agenda."""
CONDITION_KINDS = (
    "cap per year",
    "cap on a line",
    "further-decision line",
    "advertised maximum",
    "term",
    "extension",
    "uplift",
    "reserve use",
)
"""What a decision's condition limits: money in a period, on lines or in all, or a length of time."""
CONDITION_COUNTING = ("financial year", "contract year", "whole life")
"""How a condition's period is counted: April to March, twelve months from its start, or never reset."""
CONDITION_PAST_IT = ("further decision", "breach")
"""What going past a condition means: it needs a further decision, or it breaks the decision."""

Money = Annotated[Decimal, BeforeValidator(plain_pounds)]
"""An amount of money, from text only as plain pounds (``£1,234.50``)."""
Day = Annotated[date, Ge(EARLIEST_DATE), Le(LATEST_DATE)]
"""A date within the years the board's records can span."""


def money_field(**kwargs: Any) -> Decimal:
    """Pounds and pence, never negative."""
    return cast(Decimal, Field(max_digits=14, decimal_places=2, ge=0, **kwargs))  # a field, typed as its value


class Sourced(SQLModel):
    """Provenance carried by every seeded row."""

    source: str = Field(min_length=1)
    illustrative: bool = False


class Decision(Sourced, table=True):
    """A Police and Crime Decision (PCD) approving money."""

    reference: str = Field(primary_key=True, min_length=1)  # e.g. "PCD 1847"
    title: str = Field(min_length=1)
    decision_maker: str = Field(min_length=1)
    decision_date: Day | None = None
    initial_value: Money = money_field()
    advertised_maximum: Money | None = money_field(default=None)
    further_decision_threshold: Money | None = money_field(default=None)


class DecisionFunding(Sourced, table=True):
    """Where a decision's money comes from (e.g. MOPAC core, the Mayor's £3.5m)."""

    __tablename__ = "decision_funding"
    id: str = Field(primary_key=True, min_length=1)
    decision_ref: str = Field(foreign_key="decision.reference", index=True)
    funder: str = Field(min_length=1)
    amount: Money = money_field()


class DecisionFact(Sourced, table=True):
    """Something a decision document records that fits no other table (an approval, a date, a
    delegation limit), kept with its document and section so nothing the documents say is dropped."""

    __tablename__ = "decision_fact"
    id: str = Field(primary_key=True, min_length=1)
    decision_ref: str = Field(foreign_key="decision.reference", index=True)
    fact: str = Field(min_length=1)
    value: str = ""  # as the document writes it, e.g. "£499,000 or less", "more than 2,100"
    fact_date: Day | None = None  # only where the document gives the day


class DecisionCondition(Sourced, table=True):
    """A condition a decision sets on its money or its time (a cap per year, a further-decision line,
    a term), with how its period is counted and what going past it means; checked as at any day."""

    __tablename__ = "decision_condition"
    id: str = Field(primary_key=True, min_length=1)
    decision_ref: str = Field(foreign_key="decision.reference", index=True)
    kind: str
    description: str = Field(min_length=1)  # in the document's words, e.g. "a maximum of £20,000 per annum"
    amount: Money | None = money_field(default=None)
    counted: str
    period_start: Day | None = None  # the day a contract year or a term is counted from
    period_months: int | None = Field(default=None, ge=1, le=600)
    past_it: str
    near_percent: int = Field(default=80, ge=1, le=100)  # "near" from this share of the amount or term
    project_reading: str = ""  # what the project decided where the documents do not say

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return one_of(value, CONDITION_KINDS, "kind of condition")

    @field_validator("counted")
    @classmethod
    def _counted(cls, value: str) -> str:
        return one_of(value, CONDITION_COUNTING, "way of counting a period")

    @field_validator("past_it")
    @classmethod
    def _past_it(cls, value: str) -> str:
        return one_of(value, CONDITION_PAST_IT, "consequence of going past a condition")


class BudgetLine(Sourced, table=True):
    """One approved allocation of a decision's money, in one financial year."""

    __tablename__ = "budget_line"
    id: str = Field(primary_key=True, min_length=1)
    decision_ref: str = Field(foreign_key="decision.reference", index=True)
    purpose: str = Field(min_length=1)
    financial_year: str
    funding_source: str = Field(min_length=1)
    amount: Money = money_field()
    kind: str
    project_reading: str = ""  # what the project decided where the document does not say (e.g. a line's year)

    @field_validator("financial_year")
    @classmethod
    def _fy(cls, value: str) -> str:
        return financial_year(value)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return one_of(value, BUDGET_KINDS, "budget line kind")


class ConditionLine(Sourced, table=True):
    """A budget line whose payments count against a condition (a condition with none counts all of
    its decision's lines)."""

    __tablename__ = "condition_line"
    id: str = Field(primary_key=True, min_length=1)
    condition_id: str = Field(foreign_key="decision_condition.id", index=True)
    budget_line_id: str = Field(foreign_key="budget_line.id", index=True)


class Spend(Sourced, table=True):
    """An actual payment against a budget line."""

    __table_args__ = (  # a line's payments in date order: the newest few, and its summary rebuilt in one pass
        Index("ix_spend_line_date", "budget_line_id", "spend_date"),
    )
    id: str = Field(primary_key=True, min_length=1)
    spend_date: Day = Field(index=True)
    amount: Money = money_field()
    budget_line_id: str = Field(foreign_key="budget_line.id", index=True)
    supplier: str = Field(min_length=1)
    description: str = ""


_ZERO = {"server_default": "0"}


class SpendDay(SQLModel, table=True):
    """Payments summed per budget line and day, with each line's running totals to that day.

    Derived, never edited: the loader rebuilds the days it touches, and the running totals, in the
    same transaction as any change to `spend` (the migrations that made them filled them from the
    payments already there). "Spent as at a date" is then one row per budget line, its last day on
    or before that date, found by one seek of the primary key; a sum over a period is the
    day rows in it.
    """

    __tablename__ = "spend_day"
    budget_line_id: str = Field(primary_key=True)
    spend_date: date = Field(primary_key=True, index=True)
    spent: Decimal = Field(max_digits=18, decimal_places=2)
    payments: int
    illustrative_spent: Decimal = Field(max_digits=18, decimal_places=2)  # the part paid by sample payments
    illustrative_payments: int
    # Running totals for the line, this day included (0 until `refresh_running_totals` fills them).
    spent_to_date: Decimal = Field(default=0, max_digits=18, decimal_places=2, sa_column_kwargs=_ZERO)
    payments_to_date: int = Field(default=0, sa_column_kwargs=_ZERO)
    illustrative_spent_to_date: Decimal = Field(default=0, max_digits=18, decimal_places=2, sa_column_kwargs=_ZERO)
    illustrative_payments_to_date: int = Field(default=0, sa_column_kwargs=_ZERO)


class BoardMeeting(Sourced, table=True):
    """A meeting of the programme board: the dates "changes since the last board" run from."""

    __tablename__ = "board_meeting"
    id: str = Field(primary_key=True, min_length=1)
    meeting_date: Day = Field(index=True)
    title: str = Field(min_length=1)
    minutes_status: str = "Draft"
    # The meeting that confirmed these minutes as a true record (a later row of this table: checked by
    # the loader as a reference, with no database constraint, since a file lists meetings oldest first).
    minutes_confirmed_by: str | None = Field(
        default=None, sa_column_kwargs={"info": {"references": "board_meeting.id"}}
    )

    @field_validator("minutes_status")
    @classmethod
    def _minutes_status(cls, value: str) -> str:
        return one_of(value, MINUTES_STATUSES, "minutes status")


class Forum(Sourced, table=True):
    """A Victim Voice Forum for one cohort of victims."""

    id: str = Field(primary_key=True, min_length=1)
    cohort: str = Field(min_length=1)
    status: str
    facilitator: str = ""
    start_date: Day | None = None
    contract_end_date: Day | None = None
    decision_ref: str | None = Field(default=None, foreign_key="decision.reference")
    partner: str = ""
    project_reading: str = ""  # what the project decided where the documents do not say (e.g. a status)

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, FORUM_STATUSES, "forum status")


class ForumMeeting(Sourced, table=True):
    """One forum session. Participant counts are personal: shown only when 5 or more."""

    __tablename__ = "forum_meeting"
    id: str = Field(primary_key=True, min_length=1)
    forum_id: str = Field(foreign_key="forum.id", index=True)
    meeting_date: Day
    participants: int = Field(ge=0)
    mps_attendees: int = Field(default=0, ge=0)
    mopac_attendees: int = Field(default=0, ge=0)
    themes: str = ""


class ForumInsight(Sourced, table=True):
    """ "You said, we did": what a forum raised and what was done about it."""

    __tablename__ = "forum_insight"
    id: str = Field(primary_key=True, min_length=1)
    forum_id: str = Field(foreign_key="forum.id", index=True)
    raised_date: Day
    you_said: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    we_did: str = ""
    status: str
    closed_date: Day | None = None

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, INSIGHT_STATUSES, "insight status")


class Recommendation(Sourced, table=True):
    """A recommendation or committed action the board tracks to completion."""

    id: str = Field(primary_key=True, min_length=1)
    source_review: str = Field(min_length=1)
    reference: str = Field(min_length=1)
    text: str = Field(min_length=1)
    owner_agency: str = Field(min_length=1)
    oversight_board: str = Field(min_length=1)
    due_date: Day | None = None
    decision_ref: str | None = Field(default=None, foreign_key="decision.reference")
    project_reading: str = ""  # what the project decided where the documents do not say (e.g. the overseer)


class ProgressUpdate(Sourced, table=True):
    """A dated status report on one recommendation; the latest on or before a date is its status then."""

    __tablename__ = "progress_update"
    __table_args__ = (  # each recommendation's newest update (and its status) on a date: one index seek
        Index("ix_progress_update_latest", "recommendation_id", "update_date", "id", "status"),
    )
    id: str = Field(primary_key=True, min_length=1)
    recommendation_id: str = Field(foreign_key="recommendation.id", index=True)
    update_date: Day = Field(index=True)
    status: str
    percent_complete: int = Field(ge=0, le=100)
    narrative: str = ""

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, STATUS_SCALE, "status on the scale")


class StatusSpan(SQLModel, table=True):
    """Each progress update's time as its recommendation's status: from its date until the next one's.

    Derived, never edited: rebuilt for the recommendations a change touches, in the same
    transaction as any change to `progress_update` (the migration that made it filled it from the
    updates already there). "Every recommendation's status on a date" is then the spans holding
    that date, one per recommendation: a range filter, where finding each recommendation's newest
    update costs a search per recommendation (3,000 index seeks take 40 ms on PostgreSQL).
    """

    __tablename__ = "status_span"
    __table_args__ = (  # covering: the status on a date is read from the index alone
        Index("ix_status_span_held", "recommendation_id", "update_date", "superseded_on", "status", "percent_complete"),
    )
    update_id: str = Field(primary_key=True)
    recommendation_id: str
    update_date: date
    # The next update's date (the same day when two share a date, so the earlier holds no day);
    # None for the newest, which holds every day from its own on.
    superseded_on: date | None = None
    status: str
    percent_complete: int


def _score_field(**kwargs: Any) -> int:
    return cast(int, Field(ge=1, le=5, **kwargs))  # a field, typed as its value


class Risk(Sourced, table=True):
    """A risk (it may happen) or an issue (it has happened) on the board's RAID log.

    `likelihood` and `impact` (1 to 5; the score is their product) are the assessment when it was
    raised; each reassessment since is a `RiskAssessment`, and the latest on or before a date is
    the score then. A risk may name the decision, forum or recommendation it threatens.
    """

    id: str = Field(primary_key=True, min_length=1)
    kind: str
    title: str = Field(min_length=1)
    description: str = ""
    owner: str = Field(min_length=1)
    decision_ref: str | None = Field(default=None, foreign_key="decision.reference", index=True)
    forum_id: str | None = Field(default=None, foreign_key="forum.id", index=True)
    recommendation_id: str | None = Field(default=None, foreign_key="recommendation.id", index=True)
    likelihood: int = _score_field()
    impact: int = _score_field()
    proximity: str = ""  # when it could happen, in words ("before the contract's extension point")
    response: str
    target_score: int = Field(ge=1, le=25)
    status: str
    raised_date: Day
    review_date: date | None = None
    closed_date: Day | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return one_of(value, RISK_KINDS, "kind of entry")

    @field_validator("response")
    @classmethod
    def _response(cls, value: str) -> str:
        return one_of(value, RISK_RESPONSES, "risk response")

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, RISK_STATUSES, "risk status")


class RiskAssessment(Sourced, table=True):
    """One reassessment of a risk: its likelihood and impact from that date on."""

    __tablename__ = "risk_assessment"
    __table_args__ = (  # each risk's latest assessment on or before a date: one index range
        Index("ix_risk_assessment_latest", "risk_id", "assessed_on", "id"),
    )
    id: str = Field(primary_key=True, min_length=1)
    risk_id: str = Field(foreign_key="risk.id")
    assessed_on: Day = Field(index=True)
    likelihood: int = _score_field()
    impact: int = _score_field()
    note: str = ""


class Milestone(Sourced, table=True):
    """A milestone of a decision or a forum: its baseline (as approved on `baselined_on`), each
    forecast change since (`MilestoneForecast`) and the actual date once achieved."""

    id: str = Field(primary_key=True, min_length=1)
    title: str = Field(min_length=1)
    decision_ref: str | None = Field(default=None, foreign_key="decision.reference", index=True)
    forum_id: str | None = Field(default=None, foreign_key="forum.id", index=True)
    baselined_on: Day
    baseline_date: date
    actual_date: Day | None = None
    status: str

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, MILESTONE_STATUSES, "milestone status")


class MilestoneForecast(Sourced, table=True):
    """A change to a milestone's forecast, made on `changed_on`: the forecast from then on."""

    __tablename__ = "milestone_forecast"
    __table_args__ = (Index("ix_milestone_forecast_latest", "milestone_id", "changed_on", "id"),)
    id: str = Field(primary_key=True, min_length=1)
    milestone_id: str = Field(foreign_key="milestone.id")
    changed_on: Day = Field(index=True)
    forecast_date: Day
    note: str = ""


class BoardAction(Sourced, table=True):
    """An action the board agreed at a meeting, reviewed as "matters arising" at the next."""

    __tablename__ = "board_action"
    id: str = Field(primary_key=True, min_length=1)
    meeting_id: str = Field(foreign_key="board_meeting.id", index=True)
    action: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    due_date: Day
    status: str
    closed_date: Day | None = None
    latest_update: str = ""

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return one_of(value, ACTION_STATUSES, "action status")


class AgendaItem(Sourced, table=True):
    """One item of a board meeting's agenda, in order: what it shows, who presents it, for how long."""

    __tablename__ = "agenda_item"
    id: str = Field(primary_key=True, min_length=1)
    meeting_id: str = Field(foreign_key="board_meeting.id", index=True)
    number: int = Field(ge=1, le=99)
    title: str = Field(min_length=1)
    shows: str
    presenter: str = ""
    minutes_allowed: int | None = Field(default=None, ge=1, le=240)

    @field_validator("shows")
    @classmethod
    def _shows(cls, value: str) -> str:
        return one_of(value, AGENDA_VIEWS, "view of the agenda")


class BoardAttendance(Sourced, table=True):
    """Who was at a board meeting: a member present, a member's apologies, or someone in attendance."""

    __tablename__ = "board_attendance"
    id: str = Field(primary_key=True, min_length=1)
    meeting_id: str = Field(foreign_key="board_meeting.id", index=True)
    name: str = Field(min_length=1)
    organisation: str = ""
    attendance: str

    @field_validator("attendance")
    @classmethod
    def _attendance(cls, value: str) -> str:
        return one_of(value, ATTENDANCE_KINDS, "kind of attendance")


class BoardDecision(Sourced, table=True):
    """What the board decided at a meeting, against an agenda item, and the record it concerns (if any)."""

    __tablename__ = "board_decision"
    id: str = Field(primary_key=True, min_length=1)
    meeting_id: str = Field(foreign_key="board_meeting.id", index=True)
    agenda_item_id: str = Field(foreign_key="agenda_item.id", index=True)
    summary: str = Field(min_length=1)
    outcome: str
    decision_ref: str | None = Field(default=None, foreign_key="decision.reference")
    risk_id: str | None = Field(default=None, foreign_key="risk.id")
    recommendation_id: str | None = Field(default=None, foreign_key="recommendation.id")
    milestone_id: str | None = Field(default=None, foreign_key="milestone.id")
    forum_id: str | None = Field(default=None, foreign_key="forum.id")

    @field_validator("outcome")
    @classmethod
    def _outcome(cls, value: str) -> str:
        return one_of(value, DECISION_OUTCOMES, "decision outcome")


class ComplianceMeasure(Sourced, table=True):
    """A Victims' Code compliance return: numerator of denominator victims, one agency, one quarter."""

    __tablename__ = "compliance_measure"
    id: str = Field(primary_key=True, min_length=1)
    measure: str = Field(min_length=1)
    right_number: int | None = Field(default=None, ge=1, le=12)
    agency: str = Field(min_length=1)
    quarter: str
    numerator: int = Field(ge=0)
    denominator: int = Field(gt=0)

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        return quarter(value)


class DataLoad(SQLModel, table=True):
    """The audit trail of every change to the data; its highest id is the data version."""

    __tablename__ = "data_load"
    id: int | None = Field(default=None, primary_key=True)
    loaded_at: datetime
    actor: str
    action: str  # e.g. "load", "upload", "edit"
    detail: str = ""  # files or record behind the change
    rows_added: int = 0
    rows_changed: int = 0
    rows_removed: int = 0
    row_counts: str = ""  # JSON: table -> rows after the change


SEED_TABLES: tuple[type[SQLModel], ...] = (
    Decision,
    DecisionFunding,
    DecisionFact,
    DecisionCondition,
    BudgetLine,
    ConditionLine,
    Spend,
    BoardMeeting,
    Forum,
    ForumMeeting,
    ForumInsight,
    Recommendation,
    ProgressUpdate,
    ComplianceMeasure,
    Risk,
    RiskAssessment,
    Milestone,
    MilestoneForecast,
    BoardAction,
    AgendaItem,
    BoardAttendance,
    BoardDecision,
)
"""Seeded tables in load order (parents before children); one CSV file each, named by table."""


def references(model: type[SQLModel]) -> tuple[tuple[str, str, str], ...]:
    """(column, parent table, parent column) for every column of `model` that names a row: its foreign
    keys, and the references checked by the loader with no database constraint (a meeting's confirmer)."""
    table = model.__table__  # type: ignore[attr-defined]
    keys = [(key.parent.name, key.column.table.name, key.column.name) for key in table.foreign_keys]
    soft = [
        (column.name, *column.info["references"].split(".")) for column in table.columns if "references" in column.info
    ]
    return tuple(sorted(keys + soft))
