"""In Chromium, on a seeded board's own day, "Changes since the last board" compares with the board
before it (not with itself), and its new spend is what the seed's payments add up to between them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.seeded import rows

from .helpers import address, main, metric, pounds

pytestmark = pytest.mark.browser


def test_changes_on_a_board_day_run_from_the_board_before(visit):
    page = visit(address("/changes", as_at="2026-10-15"))
    expect(main(page)).to_contain_text("From the board of 13 Aug 2026 (not included) to 15 Oct 2026")
    spent = sum(int(p["amount"]) for p in rows("spend") if "2026-08-13" < p["spend_date"] <= "2026-10-15")
    assert spent > 0
    expect(metric(page, "New spend")).to_have_text(pounds(spent) + "†")
    expect(page.get_by_role("combobox", name="Changes since")).to_have_value("Board of 13 Aug 2026")
