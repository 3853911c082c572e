"""Synthetic data at a chosen scale, for the benchmark: the seed's rows plus a generated portfolio.

`generate(directory, transactions)` writes a complete set of the CSV files (one per table in `TABLES`) that
``python -m seed load`` loads through the normal loader. Each file holds the seed's rows first,
byte for byte as they are, then the generated rows, every one marked ``illustrative`` with the
source `SOURCE`, so synthetic figures can never pass for the documents' own.

Only the number of payments follows `transactions`: they are spread over the ten years to
`TODAY` and over every spendable budget line of the generated decisions. The portfolio around
them is fixed (`Portfolio`: a dozen decisions with about a hundred budget lines, thousands of
recommendations with their progress history, forums with their meetings and insights, a board
every two months), so a benchmark at 10,000 and at 1,000,000 transactions differs only in the
transactions. The seed's own decisions get no generated payments, so its figures still hold.

The output depends only on the arguments: one `random.Random(seed)` drives every choice, and
the same arguments give byte-identical files.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from data_model.rules.agenda import agenda_item_id, standard_agenda
from data_model.tables import DECISION_OUTCOMES
from seed import SEED_DIR

SOURCE = "Synthetic benchmark data"
TODAY = date(2026, 11, 22)
"""The last day with data (fixed, so the files do not depend on when they are made)."""
FIRST_DAY = date(2016, 11, 23)
"""Ten years before `TODAY`: the first day a generated payment can fall on."""

TABLES = (
    "decision",
    "decision_funding",
    "decision_fact",
    "decision_condition",
    "budget_line",
    "condition_line",
    "spend",
    "board_meeting",
    "forum",
    "forum_meeting",
    "forum_insight",
    "recommendation",
    "progress_update",
    "compliance_measure",
    "risk",
    "risk_assessment",
    "milestone",
    "milestone_forecast",
    "board_action",
    "agenda_item",
    "board_attendance",
    "board_decision",
)
"""The files written, one per seeded table."""

FUNDING_SOURCES = (
    "MOPAC core budget (synthetic)",
    "Victims Care Hub budget (synthetic)",
    "Ministry of Justice victims grant (synthetic)",
    "Mayor's additional funding (synthetic)",
)
PURPOSES = ("Service delivery", "Training and guidance", "Evaluation and assurance")
OWNERS = ("MPS", "MOPAC", "CPS", "HMCTS", "Victim Support", "London Councils", "Probation Service")
MEMBERS = (
    ("Synthetic chair", "MOPAC"),
    ("Synthetic police lead", "MPS"),
    ("Synthetic finance lead", "MOPAC"),
    ("Synthetic forum partner", "Victim Support"),
    ("Synthetic board secretary", "MOPAC"),
)
OVERSIGHT_BOARDS = (
    "LCRB Victims Board",
    "LCJB Victims and Witness Delivery Group",
    "MPS End-to-End Victim Care Programme Board",
)
THEMES = (
    "First contact and reporting",
    "Updates during an investigation",
    "Going to court",
    "Support services",
    "Trust and confidence",
    "Accessible information",
    "Complaints",
)
ACTIONS = (
    "publish plain-English guidance on",
    "train front-line staff in",
    "audit compliance with",
    "agree an information-sharing protocol for",
    "fund specialist support for",
    "report quarterly to the board on",
)
SUBJECTS = (
    "victims' right to information",
    "referrals to support services",
    "victim personal statements",
    "updates on investigations",
    "witness care",
    "accessible communication",
    "complaints handling",
)
STATUS_WALK = ("Green", "Amber/Green", "Amber", "Amber/Red", "Red")


@dataclass(frozen=True)
class Portfolio:
    """The fixed size of everything around the payments."""

    decisions: int = 12
    recommendations: int = 3_000
    reviews: int = 12
    forums: int = 18
    risks: int = 2_000
    reassessments: int = 20_000
    milestones: int = 2_000
    actions: int = 3_000


@dataclass(frozen=True)
class _Line:
    id: str
    decision: int
    purpose: str
    financial_year: int  # the calendar year it starts in
    funding_source: str
    kind: str
    first_day: date
    last_day: date
    weight: float


def _fy(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _money(pence: int) -> str:
    pounds, rest = divmod(pence, 100)
    return str(pounds) if rest == 0 else f"{pounds}.{rest:02d}"


def _clip(day: date) -> date:
    return min(max(day, FIRST_DAY), TODAY)


def _second_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)


def _months(first: date, last: date) -> Iterable[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class _Generator:
    """Makes the generated rows, table by table, from one random stream (order matters)."""

    def __init__(self, transactions: int, seed: int, portfolio: Portfolio, seed_dir: Path) -> None:
        self.rng = random.Random(seed)
        self.seed_dir = seed_dir
        self.transactions = transactions
        self.portfolio = portfolio
        self.rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}

    def add(self, table: str, **row: object) -> None:
        self.rows[table].append({"source": SOURCE, "illustrative": "true", **row})

    def run(self) -> dict[str, list[dict[str, object]]]:
        lines = self.decisions_and_lines()
        spent = self.spend(lines)
        self.money_rows(lines, spent)
        self.board_meetings()
        self.forums()
        self.recommendations()
        self.compliance()
        self.risks()
        self.milestones()
        self.actions()
        self.meeting_records()
        return self.rows

    # -- money ------------------------------------------------------------------------------

    def decisions_and_lines(self) -> list[_Line]:
        """Decisions starting one after another over the ten years, a line per purpose and year."""
        rng, count = self.rng, self.portfolio.decisions
        lines: list[_Line] = []
        self.decision_years: list[tuple[int, int]] = []
        for number in range(1, count + 1):
            first_year = FIRST_DAY.year + (number - 1) * 10 // count
            last_year = min(first_year + rng.randint(1, 3), TODAY.year if TODAY.month >= 4 else TODAY.year - 1)
            self.decision_years.append((first_year, last_year))
            funding = rng.choice(FUNDING_SOURCES)
            for year in range(first_year, last_year + 1):
                for purpose in rng.sample(PURPOSES, rng.randint(1, 3)):
                    lines.append(
                        _Line(
                            id=f"SYN-BL-{number:02d}-{year}-{PURPOSES.index(purpose) + 1}",
                            decision=number,
                            purpose=purpose,
                            financial_year=year,
                            funding_source=funding,
                            kind="initial",
                            first_day=_clip(date(year, 4, 1)),
                            last_day=_clip(date(year + 1, 3, 31)),
                            weight=rng.uniform(0.5, 1.5),
                        )
                    )
            lines.append(
                _Line(
                    id=f"SYN-BL-{number:02d}-RES",
                    decision=number,
                    purpose="Reserve for later years",
                    financial_year=first_year,
                    funding_source=funding,
                    kind="reserve",
                    first_day=_clip(date(first_year + 1, 4, 1)),
                    last_day=_clip(date(last_year + 1, 3, 31)),
                    weight=rng.uniform(0.1, 0.4),
                )
            )
            if number % 2 == 0:
                for kind in ("extension", "uplift"):
                    lines.append(
                        _Line(
                            id=f"SYN-BL-{number:02d}-{kind[:3].upper()}",
                            decision=number,
                            purpose=f"{kind.capitalize()}: needs a further decision",
                            financial_year=last_year + 1,
                            funding_source="Not yet identified (synthetic)",
                            kind=kind,
                            first_day=TODAY,
                            last_day=TODAY,
                            weight=0.0,  # nothing is paid before a decision
                        )
                    )
        return lines

    def spend(self, lines: list[_Line]) -> dict[str, int]:
        """`transactions` payments on the spendable lines, dated within each line's years."""
        rng = self.rng
        spendable = [line for line in lines if line.weight > 0 and line.first_day < TODAY]
        chosen = rng.choices(spendable, weights=[line.weight for line in spendable], k=self.transactions)
        suppliers = {
            number: [f"Synthetic supplier {number:02d}{letter} Ltd" for letter in "ABC"]
            for number in range(1, self.portfolio.decisions + 1)
        }
        payments = []
        spent: dict[str, int] = {line.id: 0 for line in lines}
        for line in chosen:
            day = line.first_day.toordinal() + rng.randrange((line.last_day - line.first_day).days + 1)
            pence = rng.randint(1_000, 250_000)
            spent[line.id] += pence
            payments.append((day, line.id, pence, rng.choice(suppliers[line.decision]), line.purpose))
        payments.sort()
        width = len(str(len(payments)))
        for number, (ordinal, line_id, pence, supplier, purpose) in enumerate(payments, 1):
            day = date.fromordinal(ordinal)
            self.add(
                "spend",
                id=f"SYN-SP-{number:0{width}d}",
                spend_date=day.isoformat(),
                amount=_money(pence),
                budget_line_id=line_id,
                supplier=supplier,
                description=f"{purpose}, {day:%B %Y}",
            )
        return spent

    def money_rows(self, lines: list[_Line], spent: dict[str, int]) -> None:
        """Budgets a little above (now and then below) what was paid; decisions and funding to match."""
        rng = self.rng
        budgets: dict[str, int] = {}
        for line in lines:
            if line.kind in ("extension", "uplift"):
                budgets[line.id] = rng.randint(5, 40) * 1_000_00
            else:
                factor = rng.uniform(0.92, 1.3)
                budgets[line.id] = max(1, -(-int(spent[line.id] * factor) // 1_000_00)) * 1_000_00
        for number, (first_year, _) in enumerate(self.decision_years, 1):
            mine = [line for line in lines if line.decision == number]
            approved = sum(budgets[line.id] for line in mine if line.kind in ("initial", "reserve"))
            further = sum(budgets[line.id] for line in mine if line.kind in ("extension", "uplift"))
            reference = f"SYN {number:02d}"
            self.add(
                "decision",
                reference=reference,
                title=f"Synthetic programme {number:02d}: {rng.choice(SUBJECTS)}",
                decision_maker="Synthetic (not a real decision)",
                decision_date=date(first_year, 3, rng.randint(1, 28)).isoformat(),
                initial_value=_money(approved),
                advertised_maximum=_money(approved + further) if further else "",
                further_decision_threshold=_money(approved) if number % 3 == 0 else "",
            )
            self.add(  # no random draw, so the other generated rows stay as they were
                "decision_fact",
                id=f"SYN-FACT-{number:02d}",
                decision_ref=reference,
                fact="Synthetic: the decision's business case was approved",
                value="",
                fact_date=self.rows["decision"][-1]["decision_date"],
            )
            core = approved * rng.randint(20, 60) // 100
            for suffix, funder, amount in (
                ("A", "MOPAC core budget (synthetic)", core),
                ("B", mine[0].funding_source, approved - core),
            ):
                self.add(
                    "decision_funding",
                    id=f"SYN-FUND-{number:02d}{suffix}",
                    decision_ref=reference,
                    funder=funder,
                    amount=_money(amount),
                )
            for line in mine:
                self.add(
                    "budget_line",
                    id=line.id,
                    decision_ref=reference,
                    purpose=line.purpose,
                    financial_year=_fy(line.financial_year),
                    funding_source=line.funding_source,
                    amount=_money(budgets[line.id]),
                    kind=line.kind,
                )
            self.conditions(reference, number, mine, budgets, approved)

    def conditions(
        self, reference: str, number: int, mine: list[_Line], budgets: dict[str, int], approved: int
    ) -> None:
        """A decision's conditions, from its budgets alone (no random draw, so the other rows stay as
        they were): a cap per financial year on its initial lines, a whole-life cap on its first line
        and, on every third decision, its further-decision line."""
        initial = [line for line in mine if line.kind == "initial"]
        years = {line.financial_year for line in initial} or {0}
        caps = (
            ("YEAR", "cap per year", approved // len(years), "financial year", initial),
            ("LINE", "cap on a line", budgets[mine[0].id], "whole life", mine[:1]),
            ("FDL", "further-decision line", approved, "whole life", []),
        )
        for suffix, kind, pence, counted, covered in caps[: 3 if number % 3 == 0 else 2]:
            condition_id = f"SYN-DC-{number:02d}-{suffix}"
            self.add(
                "decision_condition",
                id=condition_id,
                decision_ref=reference,
                kind=kind,
                description=f"Synthetic {kind} of {_money(pence)}",
                amount=_money(pence),
                counted=counted,
                period_start="",
                period_months="",
                past_it="further decision" if kind == "further-decision line" else "breach",
                near_percent=80,
                project_reading="",
            )
            for line in covered:
                self.add(
                    "condition_line", id=f"{condition_id}-{line.id}", condition_id=condition_id, budget_line_id=line.id
                )

    # -- the board and the forums -----------------------------------------------------------

    def board_meetings(self) -> None:
        """A board every two months before the seed's own meetings (which start December 2024)."""
        for year, month in _months(date(2016, 12, 1), date(2024, 10, 1)):
            if month % 2 == 0:
                self.add(
                    "board_meeting",
                    id=f"SYN-BOARD-{year}-{month:02d}",
                    meeting_date=_second_thursday(year, month).isoformat(),
                    title=f"Synthetic programme board, {date(year, month, 1):%B %Y}",
                    minutes_status="Confirmed",  # each confirmed at the next, the last by the seed's first
                    minutes_confirmed_by=_next_board(year, month),
                )

    def forums(self) -> None:
        rng = self.rng
        for number in range(1, self.portfolio.forums + 1):
            forum_id = f"SYN-VVF-{number:02d}"
            start = date(2017 + (number - 1) * 8 // self.portfolio.forums, rng.randint(1, 12), 1)
            end = date(start.year + rng.randint(3, 5), start.month, 1) - timedelta(days=1)
            status = "Closed" if end < TODAY else rng.choice(("Active", "Active", "Active", "Paused"))
            self.add(
                "forum",
                id=forum_id,
                cohort=f"Synthetic cohort {number:02d}",
                status=status,
                facilitator=f"Synthetic facilitator {number:02d}",
                start_date=start.isoformat(),
                contract_end_date=end.isoformat(),
                decision_ref=f"SYN {rng.randint(1, self.portfolio.decisions):02d}",
                partner=rng.choice(("", "City of London", "Victim Support")),
            )
            insight = 0
            for meeting, (year, month) in enumerate(_months(start, min(end, TODAY)), 1):
                day = date(year, month, rng.randint(1, 28))
                if day > TODAY:
                    break
                self.add(
                    "forum_meeting",
                    id=f"SYN-FM-{number:02d}-{meeting:03d}",
                    forum_id=forum_id,
                    meeting_date=day.isoformat(),
                    participants=rng.randint(2, 14),
                    mps_attendees=rng.randint(0, 3),
                    mopac_attendees=rng.randint(0, 2),
                    themes=rng.choice(THEMES),
                )
                for _ in range(rng.randint(0, 3)):
                    insight += 1
                    closed = day + timedelta(days=rng.randint(14, 240))
                    done = closed <= TODAY and rng.random() < 0.85
                    self.add(
                        "forum_insight",
                        id=f"SYN-INS-{number:02d}-{insight:04d}",
                        forum_id=forum_id,
                        raised_date=day.isoformat(),
                        you_said=f"Synthetic feedback about {rng.choice(SUBJECTS)}.",
                        owner=rng.choice(OWNERS),
                        we_did="Synthetic response recorded." if done else "",
                        status="Closed" if done else rng.choice(("Open", "In progress")),
                        closed_date=closed.isoformat() if done else "",
                    )

    # -- recommendations and compliance ------------------------------------------------------

    def recommendations(self) -> None:
        """Recommendations from a review a year, each with updates every one to four months."""
        rng, portfolio = self.rng, self.portfolio
        for number in range(1, portfolio.recommendations + 1):
            review = (number - 1) * portfolio.reviews // portfolio.recommendations + 1
            published = date(2016 + (review - 1) * 10 // portfolio.reviews, rng.randint(1, 12), 1)
            rec_id = f"SYN-REC-{number:05d}"
            self.add(
                "recommendation",
                id=rec_id,
                source_review=f"Synthetic review {review:02d} ({published:%B %Y})",
                reference=f"SR{review:02d}-{number:05d}",
                text=f"Synthetic recommendation {number}: {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}.",
                owner_agency=rng.choice(OWNERS),
                oversight_board=rng.choice(OVERSIGHT_BOARDS),
                due_date=(published + timedelta(days=rng.randint(180, 1500))).isoformat(),
                decision_ref=f"SYN {rng.randint(1, portfolio.decisions):02d}" if rng.random() < 0.2 else "",
            )
            day, step, percent = published + timedelta(days=rng.randint(20, 120)), 2, 0
            update = 0
            while day <= TODAY:
                update += 1
                percent = min(100, percent + rng.randint(0, 15))
                step = max(0, min(len(STATUS_WALK) - 1, step + rng.choice((-1, 0, 0, 1))))
                status = "Complete" if percent == 100 else STATUS_WALK[step]
                self.add(
                    "progress_update",
                    id=f"{rec_id}-U{update:02d}",
                    recommendation_id=rec_id,
                    update_date=day.isoformat(),
                    status=status,
                    percent_complete=percent,
                    narrative=f"Synthetic status report {update}.",
                )
                if status == "Complete":
                    break
                day += timedelta(days=rng.randint(30, 120))

    def compliance(self) -> None:
        """Quarterly returns before the seed's first quarter (2024/25 Q1) for the seed's measures."""
        rng = self.rng
        measures = sorted(
            {
                (row["measure"], row["right_number"], row["agency"])
                for row in _seed_rows(self.seed_dir, "compliance_measure")[1]
            }
        )
        for measure, right, agency in measures:
            rate = rng.uniform(0.6, 0.9)
            for year in range(2016, 2024):
                for quarter in range(1, 5):
                    if (year, quarter) < (2016, 3):
                        continue
                    rate = min(0.98, max(0.4, rate + rng.uniform(-0.04, 0.04)))
                    denominator = rng.randint(200, 700)
                    code = "".join(word[0] for word in measure.split()).upper()
                    self.add(
                        "compliance_measure",
                        id=f"SYN-CM-{code}-{agency.replace(' ', '')}-{year}Q{quarter}",
                        measure=measure,
                        right_number=right,
                        agency=agency,
                        quarter=f"{_fy(year)} Q{quarter}",
                        numerator=round(denominator * rate),
                        denominator=denominator,
                    )

    # -- the board's registers (after the rest, so their rows leave the others' stream alone) --

    def _owner_link(self) -> dict[str, object]:
        """A decision, forum or recommendation for a risk or milestone to belong to."""
        rng, portfolio = self.rng, self.portfolio
        return {
            "decision_ref": f"SYN {rng.randint(1, portfolio.decisions):02d}",
            "forum_id": f"SYN-VVF-{rng.randint(1, portfolio.forums):02d}" if rng.random() < 0.5 else "",
        }

    def risks(self) -> None:
        """Risks raised over the ten years, each reassessed every few weeks until it closes."""
        rng, portfolio = self.rng, self.portfolio
        per_risk = portfolio.reassessments // portfolio.risks
        span = (TODAY - FIRST_DAY).days
        for number in range(1, portfolio.risks + 1):
            risk_id = f"SYN-RISK-{number:05d}"
            raised = FIRST_DAY + timedelta(days=rng.randint(0, span - 30))
            step = max(1, (TODAY - raised).days // (per_risk + 1))
            days = [raised + timedelta(days=step * (index + 1)) for index in range(per_risk)]
            closed = days[-1] + timedelta(days=1) if rng.random() < 0.4 and days[-1] < TODAY else None
            for index, day in enumerate(days, 1):
                self.add(
                    "risk_assessment",
                    id=f"{risk_id}-A{index:02d}",
                    risk_id=risk_id,
                    assessed_on=day.isoformat(),
                    likelihood=rng.randint(1, 5),
                    impact=rng.randint(1, 5),
                    note=f"Synthetic reassessment {index}.",
                )
            self.add(
                "risk",
                id=risk_id,
                kind=rng.choice(("risk", "risk", "risk", "issue")),
                title=f"Synthetic risk {number}: delay to {rng.choice(SUBJECTS)}",
                owner=rng.choice(OWNERS),
                recommendation_id=f"SYN-REC-{rng.randint(1, portfolio.recommendations):05d}",
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
                proximity="Within a year",
                response=rng.choice(("treat", "tolerate", "transfer", "terminate")),
                target_score=rng.randint(1, 12),
                status="Closed" if closed else "Open",
                raised_date=raised.isoformat(),
                review_date=(TODAY + timedelta(days=rng.randint(7, 120))).isoformat(),
                closed_date=closed.isoformat() if closed else "",
                **self._owner_link(),
            )

    def milestones(self) -> None:
        """Milestones baselined over the ten years; most move once or twice, the past ones achieved."""
        rng = self.rng
        span = (TODAY - FIRST_DAY).days
        for number in range(1, self.portfolio.milestones + 1):
            milestone_id = f"SYN-MS-{number:05d}"
            baselined = FIRST_DAY + timedelta(days=rng.randint(0, span))
            baseline = baselined + timedelta(days=rng.randint(60, 720))
            forecast, changed, changes = baseline, baselined, []
            for change in range(1, rng.randint(0, 3) + 1):
                changed += timedelta(days=rng.randint(10, 90))
                forecast += timedelta(days=rng.randint(-10, 60))
                changes.append((change, changed, forecast))
            achieved = forecast <= TODAY and rng.random() < 0.9
            last_move = forecast if achieved else TODAY  # a forecast moves on a day that has passed, until achieved
            for change, changed, moved_to in changes:
                if changed <= last_move:
                    self.add(
                        "milestone_forecast",
                        id=f"{milestone_id}-F{change}",
                        milestone_id=milestone_id,
                        changed_on=changed.isoformat(),
                        forecast_date=moved_to.isoformat(),
                        note=f"Synthetic forecast change {change}.",
                    )
            self.add(
                "milestone",
                id=milestone_id,
                title=f"Synthetic milestone {number}",
                baselined_on=baselined.isoformat(),
                baseline_date=baseline.isoformat(),
                actual_date=forecast.isoformat() if achieved else "",
                status="Achieved" if achieved else rng.choice(("Planned", "Planned", "Planned", "Cancelled")),
                **self._owner_link(),
            )

    def actions(self) -> None:
        """Actions spread over the generated boards, due within three months, most done on time."""
        rng = self.rng
        boards = [(str(row["id"]), date.fromisoformat(str(row["meeting_date"]))) for row in self.rows["board_meeting"]]
        for number in range(1, self.portfolio.actions + 1):
            board, held = boards[(number - 1) * len(boards) // self.portfolio.actions]
            due = held + timedelta(days=rng.randint(14, 90))
            status = rng.choice(("Done", "Done", "Done", "Open", "Dropped"))
            self.add(
                "board_action",
                id=f"SYN-ACT-{number:05d}",
                meeting_id=board,
                action=f"Synthetic action {number}: {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}",
                owner=rng.choice(OWNERS),
                due_date=due.isoformat(),
                status=status,
                closed_date=(due - timedelta(days=rng.randint(0, 10))).isoformat() if status != "Open" else "",
                latest_update=f"Synthetic update {number}.",
            )

    def meeting_records(self) -> None:
        """Each generated board's standard agenda, who attended and two decisions of the board."""
        rng = self.rng
        for board in self.rows["board_meeting"]:
            meeting_id = str(board["id"])
            for item in standard_agenda({"id": meeting_id, "illustrative": True}):
                self.add(
                    "agenda_item",
                    **{column: item[column] for column in ("id", "meeting_id", "number", "title", "shows")},
                )
            for number, (name, organisation) in enumerate(MEMBERS, start=1):
                attendance = rng.choice(("present", "present", "present", "apologies"))
                self.add(
                    "board_attendance",
                    id=f"SYN-AT-{meeting_id.removeprefix('SYN-BOARD-')}-{number:02d}",
                    meeting_id=meeting_id,
                    name=name,
                    organisation=organisation,
                    attendance=attendance,
                )
            for number, item in enumerate((5, 10), start=1):
                self.add(
                    "board_decision",
                    id=f"SYN-BD-{meeting_id.removeprefix('SYN-BOARD-')}-{number:02d}",
                    meeting_id=meeting_id,
                    agenda_item_id=agenda_item_id(meeting_id, item),
                    summary=f"Synthetic decision {number}: {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}",
                    outcome=rng.choice(DECISION_OUTCOMES),
                )


def _next_board(year: int, month: int) -> str:
    """The board two months on: a generated one, or the seed's first (December 2024)."""
    year, month = (year + 1, 2) if month == 12 else (year, month + 2)
    return "BOARD-2024-12" if (year, month) == (2024, 12) else f"SYN-BOARD-{year}-{month:02d}"


def _seed_rows(directory: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (directory / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def generate(
    directory: Path | str,
    transactions: int,
    seed: int = 1847,
    portfolio: Portfolio = Portfolio(),
    seed_dir: Path | str = SEED_DIR,
) -> dict[str, int]:
    """Write every table's CSV file to `directory`; returns the rows written per table (seed included)."""
    if transactions < 0:
        raise ValueError("transactions must be 0 or more")
    directory, seed_dir = Path(directory), Path(seed_dir)
    directory.mkdir(parents=True, exist_ok=True)
    generated = _Generator(transactions, seed, portfolio, seed_dir).run()
    counts: dict[str, int] = {}
    for table in TABLES:
        header, seed_rows = _seed_rows(seed_dir, table)
        kept = (seed_dir / f"{table}.csv").read_text(encoding="utf-8-sig").rstrip("\r\n") + "\n"
        with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as out:
            out.write(kept)
            _write_rows(out, header, generated[table])
        counts[table] = len(seed_rows) + len(generated[table])
    return counts


def _write_rows(out, header: Sequence[str], rows: list[dict[str, object]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([row.get(column, "") for column in header] for row in rows)
