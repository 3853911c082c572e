"""In a real browser: the fault page while PostgreSQL is unreachable, then the dashboard by itself once it is back.

The server is reached through a closed `Gate` (tests/test_faults.py), so the real PostgreSQL server
other tests use is never stopped. Nobody reloads the tab: the fault page's own retry brings the
dashboard back.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from data_model.faults import hidden
from tests.helpers.faults import FAULT_TITLE, PASSWORD

from .helpers import HEADING, address, main, open_page, wait_until_idle
from .servers import serve

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_the_fault_page_explains_and_the_dashboard_comes_back_by_itself(gated_url, page, tmp_path):  # noqa: F811
    gate, url = gated_url
    with serve(url, tmp_path / "server.log") as server:
        open_page(page, server.url + address("/"))
        expect(page.locator(HEADING).first).to_have_text(FAULT_TITLE)
        expect(main(page)).to_contain_text("The database server is not answering.")
        expect(main(page)).to_contain_text("How to fix it")
        expect(main(page)).to_contain_text(hidden(url))
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert PASSWORD not in page.content()
        page.screenshot(path=str(tmp_path / "fault.png"))

        gate.open()
        expect(page.locator(HEADING).first).to_have_text("Board overview", timeout=40_000)
        wait_until_idle(page)  # the heading comes first; the figures follow within the same run
        expect(page.locator('[data-testid="stMetric"]').first).to_be_visible()
        log = (tmp_path / "server.log").read_text()
        assert PASSWORD not in log
