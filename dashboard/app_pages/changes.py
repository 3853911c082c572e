"""Changes since the last board: what the chair walks through, from the chosen board to the as-at date."""

import streamlit as st

from dashboard.briefing.page_tables import changes_tables
from dashboard.download_menu import download_buttons
from dashboard.plumbing.cached_queries import query
from dashboard.plumbing.scope_controls import current_scope
from dashboard.presentation import formatting, sample_marks
from dashboard.presentation.palette import ACTION_COLOURS, label_fills
from dashboard.widgets.condition_tables import show_conditions
from dashboard.widgets.headline_figures import Figure, money_figure, show_figures
from dashboard.widgets.record_tables import show_records
from dashboard.widgets.summary_tables import LISTED_ROWS, show_money_table, show_payments, show_static
from data_model.queries.actions import action_outcomes, actions_from_board
from data_model.queries.changes import (
    board_decisions,
    headline,
    new_insights_by_forum,
    new_payments,
    new_spend_by_line,
    opened_and_closed,
)
from data_model.queries.conditions import newly_reached
from data_model.queries.forums import new_insights
from data_model.queries.milestones import forecast_moves
from data_model.queries.recommendations import status_moves
from data_model.queries.risks import risk_changes

scope = current_scope()
counts = query(headline, scope)
moves = query(status_moves, scope)
# The moves are worked out in SQL by the recommendations view; here their few rows are only counted.
improved, slipped = (moves["direction"] == "improved").sum(), (moves["direction"] == "slipped").sum()

st.title("Changes since the last board")
st.caption(
    f"From {scope.since_label} (not included) to {formatting.day(scope.as_at)}. Choose another board in the sidebar."
)

show_figures(
    [
        money_figure(
            counts,
            "New spend",
            "spent",
            f"{counts['payments']} payments dated after the board, up to the as-at date (spend.csv).",
        ),
        Figure(
            "Status moves",
            f"{improved} improved, {slipped} slipped",
            "Recommendations whose latest progress update differs from their status at the board "
            "(progress_update.csv); listed below.",
            sample_marks.sample_rows_note(int(moves["illustrative"].sum()), len(moves), "moves"),
        ),
        Figure(
            "New forum insights",
            f"{counts['insights']} from {counts['forums']} forum{'s' * (counts['forums'] != 1)}",
            "'You said' items raised at forums after the board (forum_insight.csv); by forum below.",
            sample_marks.sample_rows_note(counts["insights_illustrative"], counts["insights"], "insights"),
        ),
    ]
)

st.subheader("New spend")
show_money_table(
    query(new_spend_by_line, scope),
    {
        "decision_ref": "Decision",
        "spent": "Spent since the board",
        "payments": "Payments",
        "title": "Title",
        "purpose": "Budget line",
        "financial_year": "Budget year",
    },
    money=["spent"],
    marks={"spent": "illustrative"},
    empty="No payments since the board.",
)
show_payments(
    lambda: query(new_payments, scope, limit=LISTED_ROWS),
    counts["payments"],
    "first",
    {
        "spend_date": "Date",
        "amount": "Amount",
        "decision_ref": "Decision",
        "supplier": "Supplier",
        "description": "Description",
        "source": "Source",
    },
    empty="No payments since the board.",
    order="oldest first",
)

st.subheader("Recommendation status moves")
show_static(
    moves,
    {
        "reference": "Reference",
        "text": "Recommendation",
        "owner_agency": "Owner",
        "moved": "Moved",
        "direction": "Direction",
        "status_now": "Status now",
    },
    status="status_now",
    empty="No recommendation changed status since the board.",
    key="status_moves_page",
    order="improved ones first, then new, then slipped",
)
st.caption("Source: progress_update.csv (latest update on or before each date).")

st.subheader("Conditions of the decisions newly reached or breached")
reached = query(newly_reached, scope)
show_conditions(
    reached.assign(status_then=reached["status_then"].str.capitalize()),
    empty="No condition of a decision was reached or breached since the board.",
    extra={"status_then": "On the board's day"},
)

st.subheader("New insights by forum")
show_records(
    query(new_insights_by_forum, scope),
    {"cohort": "Forum", "insights": "New insights"},
    empty="No forum raised a new insight since the board.",
)
said = st.expander("What the forums said", key="forums_said", on_change="rerun")
with said:
    if said.open:
        show_records(
            query(new_insights, scope),
            {
                "raised_date": "Raised",
                "cohort": "Forum",
                "you_said": "You said",
                "owner": "Owner",
                "status": "Status",
                "source": "Source",
            },
            empty="No new insights since the board.",
            key="new_insights_page",
            order="oldest first",
        )

st.subheader("Decisions of the board")
show_records(
    query(board_decisions, scope),
    {
        "item": "Item",
        "summary": "Decision",
        "outcome": "Result",
        "concerns": "Concerns",
        "source": "Source",
    },
    empty="The board compared with recorded no decisions.",
    key="board_decisions_page",
    order="in agenda order",
)

st.subheader("Actions from the board")
outcomes = query(action_outcomes, scope)
st.caption(
    "Agreed at the board compared with (board_action.csv), as they stood on the as-at date: "
    + ", ".join(f"{count} {outcome.lower()}" for outcome, count in outcomes.items())
    + "."
)
show_records(
    query(actions_from_board, scope),
    {
        "action": "Action",
        "owner": "Owner",
        "due_date": "Due",
        "outcome": "Outcome",
        "closed_date": "Closed",
        "latest_update": "Latest update",
        "source": "Source",
    },
    empty="The board compared with agreed no actions.",
    key="actions_page",
    order="overdue and open ones first, then by due date",
    labels={"outcome": label_fills(ACTION_COLOURS)},
)

st.subheader("Risks and issues")
show_records(
    query(risk_changes, scope),
    {
        "title": "Risk or issue",
        "kind": "Kind",
        "change": "Change",
        "score_before": "Score at the board",
        "score_now": "Score now",
        "target_score": "Target",
        "owner": "Owner",
        "source": "Source",
    },
    empty="No risk or issue was raised, closed or rescored since the board.",
    key="risk_changes_page",
    order="new ones first, then closed, then rescored, highest score first",
)

st.subheader("Milestones")
show_records(
    query(forecast_moves, scope),
    {
        "on_date": "Date",
        "title": "Milestone",
        "change": "Change",
        "from_date": "From",
        "to_date": "To",
        "days": "Days",
        "source": "Source",
    },
    empty="No milestone forecast moved and none was achieved since the board.",
    key="milestone_moves_page",
    order="oldest first",
)

st.subheader("Started and ended")
show_records(
    query(opened_and_closed, scope),
    {"on_date": "Date", "change": "Change", "item": "Item", "source": "Source"},
    empty="No decision made, forum started or ended, or insight closed since the board.",
    key="started_ended_page",
    order="oldest first",
)

st.divider()
download_buttons(
    changes_tables(query, scope, limit=LISTED_ROWS),
    f"changes-{scope.since}-to-{scope.as_at}",
)
