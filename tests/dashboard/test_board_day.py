"""On a board's own day the screen, the pack and the workbook all compare with the board before it,
and give the same figures. 15 Oct 2026 is a seeded board day; the one before it met on 13 Aug 2026.
The expected new spend is summed here from the seed's payments."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl

from dashboard.briefing.pack import make_pack
from dashboard.briefing.page_tables import page_tables
from dashboard.briefing.workbook import workbook_bytes
from dashboard.presentation.formatting import money
from data_model.scope import make_scope
from tests.helpers.pdf_text import pages_text
from tests.helpers.seeded import open_page, rows

BOARD_DAY = date(2026, 10, 15)
BOARD_BEFORE = date(2026, 8, 13)


def new_spend() -> Decimal:
    return sum(
        (Decimal(p["amount"]) for p in rows("spend") if BOARD_BEFORE.isoformat() < p["spend_date"] <= "2026-10-15"),
        Decimal(0),
    )


def test_screen_pack_and_workbook_compare_a_board_day_with_the_board_before(app_env, seeded_engine):
    assert new_spend() > 0
    at = open_page("changes", as_at=BOARD_DAY.isoformat())
    assert at.caption[0].value.startswith("From the board of 13 Aug 2026 (not included) to 15 Oct 2026")
    figure = next(metric for metric in at.metric if metric.label == "New spend")
    assert figure.value == money(new_spend()) + "†"

    scope = make_scope(seeded_engine, BOARD_DAY)
    front = " ".join(pages_text(make_pack(seeded_engine, scope))[0].split())
    assert "changes after the board of 13 Aug 2026 up to 15 Oct 2026" in front
    assert f"{money(new_spend())}† of new spend" in front

    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(page_tables(seeded_engine, scope))))
    sheet = workbook["Changes - new spend"]
    header = [cell.value for cell in sheet[1]]
    spent = [row[header.index("Spent")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert Decimal(str(sum(spent))) == new_spend()
