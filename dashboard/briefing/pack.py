"""The briefing pack for the Deputy Mayor: a PDF laid out like a PRINCE2 highlight report.

Page one is the highlight report (period, overall status, headline figures, this period,
requests for decision, tolerances of cost and time); then one section each for the changes since the last board,
money, recommendations, forums and Victims' Code compliance; then, in the highlight report's order
(work done, time tolerance, issues and risks), the actions from the last board, the milestones and
the key risks and issues; then the sources and which figures are illustrative. A figure built from
sample data carries a dagger (†), explained on every page.
"""

from __future__ import annotations

import pandas as pd
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer
from sqlalchemy.engine import Engine

from dashboard.briefing import pack_charts
from dashboard.briefing.pack_content import WARN_SHARE, Briefing, gather
from dashboard.briefing.pack_layout import (
    SAMPLE_FOOTNOTE,
    STYLES,
    a4_pdf,
    data_table,
    figure_cards,
    markup,
    para,
    status_box,
    text,
)
from dashboard.presentation.condition_words import FORECAST_NOTE, described
from dashboard.presentation.formatting import day, money, participant_total, percent
from dashboard.presentation.sample_marks import DAGGER, as_read, dagger, readings_note
from data_model.queries.common import SMALL_NUMBER
from data_model.queries.conditions import PRESSING
from data_model.queries.milestones import SLIPPAGE_FOR_DECISION
from data_model.queries.overview import HORIZON_MONTHS
from data_model.queries.risks import HIGH_SCORE
from data_model.scope import Scope

YOU_SAID_ROWS = 6
"""How many recent "you said, we did" pairs the forums page lists."""


def make_pack(engine: Engine, scope: Scope) -> bytes:
    """The pack for `scope` as PDF bytes."""
    return build_pack(gather(engine, scope))


def build_pack(b: Briefing) -> bytes:
    sections = (
        _highlight_report,
        _changes,
        _money,
        _recommendations,
        _forums,
        _compliance,
        _actions,
        _milestones,
        _risks,
        _sources,
    )
    story: list = []
    for number, section in enumerate(sections):
        if number:
            story.append(PageBreak())
        story += section(b)
    return a4_pdf(
        story,
        title=f"Victim Care Programme Board: briefing pack as at {day(b.scope.as_at)}",
        heading=f"Victim Care Programme Board · briefing pack as at {day(b.scope.as_at)}",
        footnote="Documented figures only (see Sources)" if b.scope.documented_only else SAMPLE_FOOTNOTE,
        subject="Highlight report for the Deputy Mayor for Policing and Crime",
    )


def _heading(title: str, style: str = "h1") -> Paragraph:
    return Paragraph(text(title), STYLES[style])


def _titled(title: str, *flowables, note: str | None = None) -> list:
    """A subheading that starts a new page rather than sit alone at the foot of one."""
    return [CondPageBreak(3.5 * cm), _heading(title, "h2"), *flowables, *([para(note, "small")] if note else [])]


def _none(message: str) -> Paragraph:
    return para(message, "body")


# --- Page 1: the highlight report ------------------------------------------------------------


def _highlight_report(b: Briefing) -> list:
    status, rule = b.overall_status
    chase = len(set(b.red["id"]) | set(b.overdue["id"]))
    kinds = b.attention["kind"].value_counts().to_dict()
    return [
        Paragraph("Highlight report", STYLES["title"]),
        Paragraph("End-to-End Victim Care Programme Board", STYLES["subtitle"]),
        markup(
            "Briefing pack for the Deputy Mayor for Policing and Crime. <b>As at {}</b>; reporting period: "
            "changes after {} up to {}.",
            day(b.scope.as_at),
            b.scope.since_label,
            day(b.scope.as_at),
        ),
        *_scope_note(b),
        Spacer(0, 4),
        status_box(status, _status_summary(b), rule),
        _heading("Headline figures", "h2"),
        figure_cards(_headline_cards(b)),
        *_titled("This period", *_this_period(b)),
        *_titled(
            "Requests for decision",
            _decision_requests(b),
            note="Conditions of the decisions reached or breached (near ones in the next table); spend at "
            f"{WARN_SHARE:.0%} of a further-decision line; contracts ending within {HORIZON_MONTHS} "
            f"months; {kinds.get('Risk', 0)} risk(s) scored {HIGH_SCORE}+ (section 8); {kinds.get('Milestone', 0)} "
            f"milestone(s) slipped over {SLIPPAGE_FOR_DECISION} days (section 7). To chase: {chase} "
            "recommendation(s) Red or overdue (section 3).",
        ),
        *_titled("Tolerances", _tolerance_table(b), *_notes(_condition_readings(b)), *_tolerance_charts(b)),
    ]


def _scope_note(b: Briefing) -> list:
    """In the documented-only pack, a sentence saying so (and that the documents record no payments)."""
    if not b.scope.documented_only:
        return []
    note = "Documented figures only: every illustrative (sample) row is left out of this pack."
    if not b.money["spent"]:
        note += " The source documents record no payments, so spent to date is £0."
    return [para(note)]


def _status_summary(b: Briefing) -> str:
    parts = [
        f"{b.red_count} of {b.recommendation_count} recommendations are Red and {b.overdue_count} are overdue"
        + (DAGGER if b.sample("Progress updates") else "")
    ]
    for row in b.thresholds.itertuples():
        parts.append(
            f"spend on {row.decision_ref} is at {percent(row.share)} of its {money(row.threshold)} "
            f"further-decision line" + (DAGGER if b.sample("Payments") else "")
        )
    risks, milestones = b.overall_counts.risks_above_target, b.overall_counts.milestones_slipped
    parts.append(
        f"{dagger(str(risks.count), risks.sample > 0)} risks or issues are above their target score and "
        f"{dagger(str(milestones.count), milestones.sample > 0)} milestones have slipped"
    )
    parts.append(f"{b.active_forums} forums are active")
    return "; ".join(parts) + "."


def _money_card(b: Briefing, name: str, label: str, source: str) -> tuple[str, str, str]:
    """A money figure marked † when part of it is sample data, saying how much."""
    sample = b.money[f"{name}_illustrative"]
    if sample:
        source += f"; includes {money(sample)} of illustrative data"
    return dagger(money(b.money[name]), bool(sample)), label, source


def _headline_cards(b: Briefing) -> list[tuple[str, str, str]]:
    progress = b.sample("Progress updates")
    as_at = day(b.scope.as_at)
    return [
        _money_card(b, "approved", "Approved by decisions", "Sum of the decisions' initial values"),
        _money_card(b, "spent", "Spent to date", f"Payments dated on or before {as_at}"),
        (
            dagger(money(b.money["remaining"]), bool(b.money["remaining_illustrative"])),
            "Approved, not yet spent",
            "Approved minus spent to date",
        ),
        (dagger(str(b.red_count), progress), "Recommendations Red", f"Latest progress update on or before {as_at}"),
        (dagger(str(b.overdue_count), progress), "Recommendations overdue", "Past their due date and not Complete"),
        (
            dagger(f"{b.active_forums} of {len(b.forums)}", b.sample("Forums")),
            "Victim Voice Forums active",
            "Forum register",
        ),
    ]


def _position(b: Briefing, row) -> str:
    if row.kind == "Condition":
        used = dagger(money(row.amount), bool(row.illustrative))
        period = row.period if row.period.startswith("a year") else f"({row.period})"
        return f"{row.status}: {used} against {money(row.limit)} {period}; past it {row.consequence}"
    if row.kind == "Spend threshold":
        spent = dagger(money(row.amount), b.sample("Payments"))
        return f"{spent} spent of the {money(row.limit)} line ({percent(row.share)})"
    return f"Contract ends {day(row.on_date)}"


def _decision_requests(b: Briefing):
    kinds = b.attention["kind"].isin(("Spend threshold", "Contract end"))  # the rest: sections 3, 7, 8
    past = (b.attention["kind"] == "Condition") & b.attention["status"].isin(
        ("Breached", "Reached")
    )  # near: tolerances
    requests = b.attention[kinds | past]
    if requests.empty:
        return _none("Nothing needs a decision as at this date.")
    rows = [
        [
            row.kind,
            _decision_label(b, row.reference)
            if row.kind == "Spend threshold"
            else dagger(row.reference, row.illustrative),
            row.item,
            _position(b, row),
        ]
        for row in requests.itertuples()
    ]
    return data_table(["Kind", "Reference", "Item", "Position"], rows, [2.2, 4.6, 6.2, 4.4])


def _tolerance_table(b: Briefing):
    paid, progress = b.sample("Payments"), b.sample("Progress updates")
    rows = []
    for row in b.thresholds.itertuples():
        if row.share > 1:
            standing = "Exceeded: a further decision is needed"
        elif row.share >= WARN_SHARE:
            standing = f"Within, but past the {WARN_SHARE:.0%} warning"
        else:
            standing = "Within"
        maximum = f" (advertised maximum {money(row.advertised_maximum)})" if pd.notna(row.advertised_maximum) else ""
        rows.append(
            [
                f"Cost: {row.decision_ref} spend against its further-decision line",
                money(row.threshold) + maximum,
                f"{dagger(money(row.spent), paid)} spent ({percent(row.share)}); headroom {money(row.headroom)}",
                standing,
            ]
        )
    rows += _condition_tolerances(b)
    red_overdue = len(set(b.red["id"]) & set(b.overdue["id"]))
    rows.append(
        [
            "Time: recommendations past their due date",
            "None overdue",
            dagger(f"{b.overdue_count} overdue, {red_overdue} of them Red", progress),
            "Exceeded" if b.overdue_count else "Within",
        ]
    )
    return data_table(
        ["Tolerance", "Limit", "Position as at " + day(b.scope.as_at), "Standing"], rows, [5.0, 4.2, 4.8, 3.4]
    )


def _pressing(b: Briefing) -> pd.DataFrame:
    """The conditions near, reached or breached (the exceptions), breached first."""
    pressing = b.conditions[b.conditions["status"].isin(PRESSING)]
    order = pressing["status"].map({"breached": 0, "reached": 1, "near": 2})
    return described(pressing.loc[order.sort_values(kind="stable").index])


def _condition_readings(b: Briefing) -> str:
    readings = {
        f"{row['decision_ref']}: {row['condition']}": row["project_reading"] for _, row in _pressing(b).iterrows()
    }
    return readings_note(readings)


def _notes(text: str) -> list:
    """A small note under a table, or nothing when there is nothing to say."""
    return [para(text, "small")] if text else []


def _condition_tolerances(b: Briefing) -> list[list[str]]:
    """A row per condition of a decision near, reached or breached (the exceptions), breached first."""
    return [
        [
            f"{row['decision_ref']}: {row['condition']} ({row['period']})",
            money(row["amount"]) if row["kind"] != "term" else "the term",
            f"{row['used_words']}; {row['forecast']}",
            f"{row['status_words']}: past it {row['consequence']}",
        ]
        for _, row in _pressing(b).iterrows()
    ]


def _tolerance_charts(b: Briefing) -> list:
    return [
        pack_charts.tolerance_bar(
            float(row.spent),
            float(row.threshold),
            float(row.advertised_maximum) if pd.notna(row.advertised_maximum) else float(row.threshold),
            title=f"{row.decision_ref}: spend to date against the {money(row.threshold)} further-decision line",
            line_label=f"{money(row.threshold)} line",
            spent_mark=DAGGER if b.sample("Payments") else "",
        )
        for row in b.thresholds.itertuples()
    ]


def _this_period(b: Briefing) -> list:
    improved = b.moves[b.moves["direction"] == "improved"]
    slipped = b.moves[b.moves["direction"] == "slipped"]
    lines = [
        f"{len(improved)} recommendation(s) improved ({', '.join(improved['moved']) or 'none'}); "
        f"{len(slipped)} slipped ({', '.join(slipped['moved']) or 'none'}).",
        f"{dagger(money(b.period['spent']), b.sample('Payments'))} of new spend in {b.period['payments']} payment(s)"
        + (f" ({', '.join(dict.fromkeys(b.new_spend_by_line['decision_ref']))})." if len(b.new_spend_by_line) else "."),
        f"{b.period['insights']} new insight(s) from {b.period['forums']} forum(s)"
        + (
            " (" + ", ".join(f"{r.cohort}: {r.insights}" for r in b.new_insights_by_forum.itertuples()) + ")."
            if len(b.new_insights_by_forum)
            else "."
        ),
    ]
    return [para("• " + line, "bullet") for line in lines]


# --- Sections --------------------------------------------------------------------------------


def _changes(b: Briefing) -> list:
    mark = DAGGER if b.sample("Progress updates") else ""
    story = [
        _heading(f"1. Changes since {b.scope.since_label}"),
        markup("Changes after {} up to and including {}.", day(b.scope.since), day(b.scope.as_at)),
    ]
    moves = [
        [r.reference, r.text, r.owner_agency, r.status_then, r.status_now, r.direction] for r in b.moves.itertuples()
    ]
    story += _titled(
        "Recommendations that changed status",
        data_table(
            ["Reference", "Recommendation", "Owner", "Was" + mark, "Now" + mark, "Direction"],
            moves,
            [3.0, 6.6, 1.8, 1.9, 1.9, 1.8],
            status_column=4,
        )
        if moves
        else _none("No recommendation changed status in this period."),
    )
    spend = [
        [r.decision_ref, r.purpose, r.financial_year, r.payments, dagger(money(r.spent), bool(r.illustrative))]
        for r in b.new_spend_by_line.itertuples()
    ]
    story += _titled(
        "New spend",
        data_table(
            ["Decision", "Budget line", "Financial year", "Payments", "Spent"],
            spend,
            [2.6, 7.6, 2.4, 2.2, 2.4],
            right=(3, 4),
        )
        if spend
        else _none("No payments in this period."),
    )
    insights = [
        [r.cohort, r.raised_date, dagger(r.you_said, bool(r.illustrative)), r.owner, r.status]
        for r in b.new_insights.itertuples()
    ]
    story += _titled(
        "New insights from the forums (you said)",
        data_table(["Forum", "Raised", "You said", "Owner", "Status"], insights, [3.6, 2.2, 7.8, 1.8, 1.8])
        if insights
        else _none("No new insights in this period."),
    )
    story += _titled(
        "Conditions of the decisions newly reached or breached", _conditions_reached(b), note=FORECAST_NOTE
    )
    events = [[r.on_date, r.change, dagger(r.item, bool(r.illustrative))] for r in b.opened_and_closed.itertuples()]
    story += _titled(
        "Started, ended and closed",
        data_table(["Date", "Change", "Item"], events, [2.4, 3.6, 11.4])
        if events
        else _none("No decision, forum or insight started or ended in this period."),
    )
    return story


def _conditions_reached(b: Briefing):
    rows = [
        [row["decision_ref"], row["condition"], row["used_words"], row["status_then"].capitalize(), row["status_words"]]
        for _, row in described(b.conditions_reached).iterrows()
    ]
    if not rows:
        return _none("No condition of a decision was reached or breached in this period.")
    return data_table(["Decision", "Condition", "Used of the limit", "Was", "Now"], rows, [2.4, 7.4, 4.0, 1.8, 1.8])


# --- The board's registers: actions, milestones, risks ------------------------------------------


def _actions(b: Briefing) -> list:
    outcomes = ", ".join(f"{count} {outcome.lower()}" for outcome, count in b.action_outcomes.items())
    rows = [
        [
            dagger(r.action, bool(r.illustrative)),
            r.owner,
            day(r.due_date),
            r.outcome,
            day(r.closed_date),
            r.latest_update,
        ]
        for r in b.actions.itertuples()
    ]
    return [
        _heading("6. Actions from the last board"),
        markup("Actions agreed at {}, as they stood on {}: {}.", b.scope.since_label, day(b.scope.as_at), outcomes),
        data_table(
            ["Action", "Owner", "Due", "Outcome", "Closed", "Latest update"], rows, [5.0, 3.0, 2.0, 2.2, 2.0, 3.6]
        )
        if rows
        else _none("The board agreed no actions."),
        *_board_decisions(b),
    ]


def _board_decisions(b: Briefing) -> list:
    """What the last board decided, against its agenda items, with each decision's outcome."""
    rows = [
        [str(r.item), dagger(r.summary, bool(r.illustrative)), r.outcome, r.concerns]
        for r in b.board_decisions.itertuples()
    ]
    return [
        _heading("Decisions of the last board", "h2"),
        markup("Decided at {}, by agenda item (board_decision.csv).", b.scope.since_label),
        data_table(["Item", "Decision", "Outcome", "Concerns"], rows, [1.2, 9.0, 2.4, 4.2])
        if rows
        else _none("The board recorded no decisions."),
    ]


def _milestone_rows(frame: pd.DataFrame, empty: str):
    """Milestones as a table (baseline, forecast, actual, slippage), or `empty` when there are none."""
    if frame.empty:
        return _none(empty)
    rows = [
        [
            dagger(r.title, bool(r.illustrative)),
            r.schedule,
            day(r.baseline_date),
            "" if r.actual_date else day(r.forecast_date),
            day(r.actual_date),
            "" if pd.isna(r.slippage_days) else f"{int(r.slippage_days):+d}",
        ]
        for r in frame.itertuples()
    ]
    header = ["Milestone", "Schedule", "Baseline", "Forecast", "Actual", "Slip (days)"]
    return data_table(header, rows, [6.4, 2.4, 2.2, 2.2, 2.2, 1.8], right=(5,))


def _milestones(b: Briefing) -> list:
    register = b.milestones
    achieved = register[(register["actual_date"].notna()) & (register["actual_date"] > b.scope.since)]
    moves = [
        [
            day(r.on_date),
            dagger(r.title, bool(r.illustrative)),
            r.change,
            day(r.from_date),
            day(r.to_date),
            f"{r.days:+d}",
        ]
        for r in b.milestone_moves.itertuples()
    ]
    moved = data_table(
        ["Date", "Milestone", "Change", "From", "To", "Days"], moves, [2.2, 6.4, 2.6, 2.2, 2.2, 1.6], right=(5,)
    )
    return [
        _heading("7. Milestones"),
        para(
            "Baseline as approved, forecast as now expected, actual once achieved; slippage is the actual "
            "(or forecast) date minus the baseline, in days."
        ),
        *_titled(
            "Slipped",
            _milestone_rows(register[register["schedule"] == "Slipped"], "No milestone not yet achieved has slipped."),
        ),
        *_titled("Achieved in this period", _milestone_rows(achieved, "No milestone was achieved in this period.")),
        *_titled("Forecasts moved in this period", moved if moves else _none("No forecast moved in this period.")),
        *_titled(
            "Still to come",
            _milestone_rows(register[register["status"] == "Planned"], "No milestone is still to come."),
        ),
    ]


def _risks(b: Briefing) -> list:
    rows = [
        [
            dagger(r.title, bool(r.illustrative)),
            r.kind,
            r.owner,
            f"{r.score} ({r.likelihood}×{r.impact})",
            r.band,
            r.target_score,
            r.response,
        ]
        for r in b.risks.itertuples()
    ]
    changes = [
        [
            dagger(r.title, bool(r.illustrative)),
            r.change,
            "" if pd.isna(r.score_before) else int(r.score_before),
            r.score_now,
        ]
        for r in b.risk_changes.itertuples()
    ]
    return [
        _heading("8. Key risks and issues"),
        para(
            f"Open risks and issues as at {day(b.scope.as_at)}, highest score first. Score = likelihood × impact "
            "(1 to 5 each); 15 and above is High, 5 to 12 Medium, under 5 Low."
        ),
        data_table(
            ["Risk or issue", "Kind", "Owner", "Score", "Band", "Target", "Response"],
            rows,
            [5.6, 1.4, 3.2, 1.8, 1.6, 1.6, 2.2],
            right=(3, 5),
        )
        if rows
        else _none("No risk or issue is open."),
        *_titled(
            "Changed in this period",
            data_table(
                ["Risk or issue", "Change", "Score at the board", "Score now"],
                changes,
                [8.6, 2.6, 3.0, 2.6],
                right=(2, 3),
            )
            if changes
            else _none("No risk or issue was raised, closed or rescored in this period."),
        ),
    ]


def _decision_label(b: Briefing, reference: str) -> str:
    return dagger(reference, b.sample_decision(reference))


def _money(b: Briefing) -> list:
    paid = DAGGER if b.sample("Payments") else ""
    story = [
        _heading("2. Money: spend against budget by decision"),
        markup(
            "Whole pounds, as at {}. Budget is a decision's approved lines (initial and reserve); spent is the "
            "payments dated on or before the as-at date{}. Extension and uplift lines await a further decision.",
            day(b.scope.as_at),
            f" ({paid} sample payments)" if paid else "",
        ),
    ]
    if b.by_decision.empty:
        return story + [_none("No decisions with budget lines are on record.")]
    return story + [
        pack_charts.budget_against_spend(
            [_decision_label(b, ref) for ref in b.by_decision["decision_ref"]],
            [float(v) for v in b.by_decision["budget"]],
            [float(v) for v in b.by_decision["spent"]],
            title=f"Approved budget and spend to date by decision (spend{paid})",
        ),
        *_by_decision(b),
        *_by_kind(b),
        *_funding(b),
        *_reserves(b),
        *_further_decision_lines(b),
    ]


def _by_decision(b: Briefing) -> list:
    rows = [
        [
            _decision_label(b, r.decision_ref),
            r.title,
            money(r.budget),
            dagger(money(r.spent), r.spent_illustrative > 0),
            dagger(money(r.variance), r.variance_illustrative),
            money(r.awaiting_decision),
        ]
        for r in b.by_decision.itertuples()
    ]
    return _titled(
        "By decision",
        data_table(
            ["Decision", "Title", "Approved budget", "Spent to date", "Unspent", "Awaiting a further decision"],
            rows,
            [3.8, 5.2, 2.2, 2.2, 2.0, 2.4],
            right=(2, 3, 4, 5),
        ),
    )


def _by_kind(b: Briefing) -> list:
    kinds = [[_decision_label(b, r.decision_ref), r.kind, r.lines, money(r.budget)] for r in b.by_kind.itertuples()]
    return _titled(
        "Budget by kind of approval",
        data_table(["Decision", "Kind", "Budget lines", "Budget"], kinds, [4.0, 4.0, 3.0, 3.0], right=(2, 3)),
        note="Extension and uplift lines need a further decision before they can be spent.",
    )


def _funding(b: Briefing) -> list:
    funding = [[_decision_label(b, r.decision_ref), r.funder, money(r.amount)] for r in b.funding.itertuples()]
    if not funding:
        return []
    return _titled("Funding", data_table(["Decision", "Funder", "Amount"], funding, [4.0, 10.0, 3.0], right=(2,)))


def _reserves(b: Briefing) -> list:
    reserves = [
        [
            _decision_label(b, r.decision_ref),
            r.purpose,
            money(r.earmarked),
            dagger(money(r.drawn_down), r.spent_illustrative > 0),
            dagger(money(r.remaining), r.remaining_illustrative),
        ]
        for r in b.reserves.itertuples()
    ]
    if not reserves:
        return []
    return _titled(
        "Reserves",
        data_table(
            ["Decision", "Purpose", "Earmarked", "Drawn down", "Remaining"],
            reserves,
            [2.6, 7.6, 2.3, 2.3, 2.3],
            right=(2, 3, 4),
        ),
    )


def _further_decision_lines(b: Briefing) -> list:
    lines = [
        [
            _decision_label(b, r.decision_ref),
            money(r.threshold),
            money(r.advertised_maximum),
            dagger(money(r.spent), r.illustrative),
            dagger(percent(r.share), r.illustrative),
            dagger(money(r.headroom), r.illustrative),
        ]
        for r in b.thresholds.itertuples()
    ]
    if not lines:
        return []
    return _titled(
        "Further-decision lines",
        data_table(
            ["Decision", "Further-decision line", "Advertised maximum", "Spent to date", "Share of line", "Headroom"],
            lines,
            [2.6, 3.0, 3.0, 2.8, 2.4, 2.4],
            right=(1, 2, 3, 4, 5),
        ),
        note="Anything above a further-decision line needs a new decision by the decision maker.",
    )


def _recommendations(b: Briefing) -> list:
    mark = DAGGER if b.sample("Progress updates") else ""
    counts = b.status_counts
    story = [_heading("3. Recommendations by status")]
    if counts.empty:
        return story + [_none("No recommendations are on record.")]
    story += [
        markup(
            "{} recommendations, each at the status of its latest progress update on or before {} ({}).",
            b.recommendation_count,
            day(b.scope.as_at),
            f"{DAGGER} sample updates" if mark else "real updates",
        ),
        pack_charts.status_columns(
            list(counts["status"]),
            [int(n) for n in counts["recommendations"]],
            title=f"Recommendations by status as at {day(b.scope.as_at)}",
        ),
    ]
    flagged = pd.concat([b.red, b.overdue[~b.overdue["id"].isin(b.red["id"])]], ignore_index=True)
    rows = [
        [
            r.reference,
            r.text,
            r.owner_agency,
            f"{day(r.due_date)}{' (overdue)' if r.overdue else ''}",
            r.status,
            f"{r.percent_complete}%",
            b.latest_narrative.get(r.id),
        ]
        for r in flagged.itertuples()
    ]
    story += _titled(
        "Red and overdue",
        para(
            f"{len(b.red)} Red and {b.overdue_count} overdue (past the due date and not Complete); "
            "a recommendation that is both is listed once.",
            "small",
        ),
        data_table(
            ["Reference", "Recommendation", "Owner", "Due", "Status" + mark, "Done" + mark, "Latest update" + mark],
            rows,
            [3.4, 5.2, 1.6, 2.1, 1.8, 1.6, 4.0],
            right=(5,),
            status_column=4,
        )
        if rows
        else _none("No recommendation is Red or overdue."),
    )
    return story


def _forums(b: Briefing) -> list:
    story = [_heading("4. Victim Voice Forums and “you said, we did”")]
    if b.forums.empty:
        return story + [_none("No forums are on record.")]
    attendance = b.attendance.set_index("forum_id")
    met = DAGGER if b.sample("Forum meetings") else ""
    said = DAGGER if b.sample("Forum insights (you said, we did)") else ""
    rows = [
        [
            dagger(r.cohort, bool(r.illustrative)),
            as_read(r.status, r.project_reading),
            r.contract_end_date,
            r.meetings_last_year,
            participant_total(attendance.loc[r.id]),
            r.open_insights,
            r.closed_insights,
            percent(r.share_closed),
        ]
        for r in b.forums.itertuples()
    ]
    story += [
        data_table(
            [
                "Forum",
                "Status",
                "Contract ends",
                "Meetings in 12 months" + met,
                "Participants in 12 months" + met,
                "Insights open" + said,
                "Insights closed" + said,
                "Share closed" + said,
            ],
            rows,
            [4.0, 1.7, 2.2, 2.1, 2.7, 1.9, 1.9, 1.6],
            right=(3, 4, 5, 6, 7),
        ),
        *_notes(readings_note(dict(zip(b.forums["cohort"], b.forums["project_reading"], strict=True)))),
        para(
            f"Participant counts under {SMALL_NUMBER} are never shown, nor added into a total: a year's total "
            f"adds up the meetings of {SMALL_NUMBER} or more, then \u201c+ <{SMALL_NUMBER}\u201d for each smaller one.",
            "small",
        ),
    ]
    with_insights = b.forums[b.forums["share_closed"].notna()]
    if len(with_insights):
        story.append(
            pack_charts.share_bars(
                list(with_insights["cohort"]),
                [float(s) for s in with_insights["share_closed"]],
                title=f"Share of each forum's insights closed as at {day(b.scope.as_at)}",
                axis_label="Insights closed (% of those raised)",
            )
        )
    return story + _you_said_we_did(b)


def _you_said_we_did(b: Briefing) -> list:
    closed = b.insights[b.insights["status"] == "Closed"].sort_values("closed_date", ascending=False)
    pairs = [
        [r.cohort, dagger(r.you_said, bool(r.illustrative)), r.we_did, r.owner, r.closed_date]
        for r in closed.head(YOU_SAID_ROWS).itertuples()
    ]
    return _titled(
        "You said, we did: the most recently closed",
        data_table(["Forum", "You said", "We did", "Owner", "Closed"], pairs, [3.0, 5.6, 5.6, 1.5, 1.9])
        if pairs
        else _none("No insight has been closed yet."),
    )


def _points(change: float) -> str:
    """A change in a rate as percentage points: '+1.9 points', 'no change', or a dash with no earlier quarter."""
    if pd.isna(change):
        return "–"
    points = round(change * 100, 1)
    return "no change" if points == 0 else f"{points:+.1f} points"


def _compliance(b: Briefing) -> list:
    story = [_heading("5. Victims' Code compliance")]
    latest = b.compliance
    if latest.empty:
        return story + [_none("No compliance returns are on record for a quarter ended by this date.")]
    flag = bool(latest["illustrative"].any())
    story += [
        markup(
            "Each measure's newest quarter ended by {}: victims who got what the right promises, as a share "
            "of those it applied to, over all agencies' returns{}.",
            day(b.scope.as_at),
            DAGGER if flag else "",
        ),
        pack_charts.share_bars(
            list(latest["measure"]),
            [float(r) for r in latest["rate"]],
            title="Compliance by measure, latest quarter" + (DAGGER if flag else ""),
            axis_label="Victims who received it (%)",
        ),
    ]
    rows = [
        [
            dagger(r.measure, bool(r.illustrative)),
            r.right,
            r.quarter,
            f"{r.numerator:,} of {r.denominator:,}",
            percent(r.rate),
            _points(r.change),
        ]
        for r in latest.itertuples()
    ]
    story.append(
        data_table(
            ["Measure", "Victims' Code right", "Quarter", "Victims", "Rate", "Change on quarter before"],
            rows,
            [4.0, 4.6, 2.4, 2.2, 1.4, 2.6],
            right=(3, 4, 5),
        )
    )
    return story


def _sources(b: Briefing) -> list:
    story = [
        _heading("9. Sources and illustrative data"),
        para(
            "Every figure in this pack is computed from the board's database as at the date on each page. "
            "The table below lists every source the data cites, so any figure can be traced to its document."
        ),
        _heading("Which figures are illustrative", "h2"),
        para(
            "This pack holds documented figures only: every row the data marks as illustrative sample data "
            "is left out. The rows it draws on:"
            if b.scope.documented_only
            else f"Figures and rows marked {DAGGER} are illustrative sample data made up for this dashboard: they "
            "are not actual payments, meetings, statuses or returns and must not be quoted as fact. "
            "Figures taken from the source documents (such as decision values, budget lines and limits) are "
            "not marked. How much of each table is sample data:"
        ),
        data_table(
            ["Table", "Rows", "Illustrative rows"],
            [[r.table, r.rows, r.illustrative_rows] for r in b.sample_rows.itertuples()],
            [9.0, 3.0, 3.0],
            right=(1, 2),
        ),
    ]
    rows = [[r.table, r.source, r.rows, "Yes" if r.illustrative else "No"] for r in b.sources.itertuples()]
    story += _titled(
        "Sources cited",
        data_table(["Table", "Source", "Rows", "Illustrative"], rows, [3.4, 10.2, 1.3, 2.3], right=(2,)),
    )
    facts = [[r.decision_ref, dagger(r.fact, bool(r.illustrative)), r.value, r.source] for r in b.facts.itertuples()]
    if facts:
        story += _titled(
            "What the decision documents record",
            data_table(["Decision", "Fact", "As written", "Source"], facts, [1.9, 8.6, 3.0, 3.7]),
        )
    return story
