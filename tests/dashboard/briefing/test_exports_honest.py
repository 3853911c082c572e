"""Downloads follow the screen's rule: beside each figure, whether (or how much of) it is sample
data, value by value; and the documented-only workbook holds no illustrative row at all.
Expected values are summed here from the seed CSV files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl

from dashboard.briefing.page_tables import direct, page_tables, readable, spend_tables
from dashboard.briefing.safe_export import csv_bytes
from dashboard.briefing.workbook import workbook_bytes
from data_model.scope import make_scope
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, AS_AT_ISO, LAST_BOARD, rows


def sample_spend(decision: str) -> Decimal:
    lines = {line["id"]: line["decision_ref"] for line in rows("budget_line")}
    return sum(
        Decimal(p["amount"])
        for p in rows("spend")
        if p["illustrative"] == "true" and p["spend_date"] <= AS_AT_ISO and lines[p["budget_line_id"]] == decision
    )


def test_the_by_decision_csv_marks_pcd_603s_spend_not_its_budget(seeded_engine):
    table = readable(spend_tables(direct(seeded_engine), scope_at(AS_AT), limit=10)["By decision"])
    exported = {row["Decision ref"]: row for row in csv.DictReader(io.StringIO(csv_bytes(table).decode("utf-8-sig")))}
    pcd_603 = exported["PCD 603"]
    assert Decimal(pcd_603["Budget"]) == Decimal("607116")
    assert pcd_603["Budget illustrative"] == "False"
    assert Decimal(pcd_603["Spent illustrative"]) == sample_spend("PCD 603") == Decimal(pcd_603["Spent"])


def test_the_documented_only_workbook_holds_no_sample_row(seeded_engine):
    workbook = openpyxl.load_workbook(
        io.BytesIO(workbook_bytes(page_tables(seeded_engine, make_scope(seeded_engine, AS_AT, LAST_BOARD, True))))
    )
    for sheet in workbook:
        header = [cell.value for cell in sheet[1]]
        for name in ("Illustrative", "Budget illustrative", "Line illustrative", "Status illustrative"):
            if name in header:
                column = header.index(name)
                flags = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
                assert not any(flag is True for flag in flags), (sheet.title, name)
    by_decision = workbook["Spend - by decision"]
    header = [cell.value for cell in by_decision[1]]
    budgets = [row[header.index("Budget")] for row in by_decision.iter_rows(min_row=2, values_only=True)]
    documented = [line for line in rows("budget_line") if line["illustrative"] == "false"]
    assert sum(budgets) == sum(int(line["amount"]) for line in documented if line["kind"] in ("initial", "reserve"))
    assert sum(budgets) == 657_116
    assert workbook["Spend - payments"].max_row == 1  # the heading only: the documents record no payments
