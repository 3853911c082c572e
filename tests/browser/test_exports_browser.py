"""Every export in the browser goes through the pages' own Download menus (which withhold small
counts and neutralise formulas), never through Streamlit's table toolbar, which would save cells
exactly as they are."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import address, main, open_page

pytestmark = pytest.mark.browser


def test_tables_offer_no_export_of_their_own_and_the_page_menu_does(page: Page, app_url: str):
    open_page(page, app_url + address("/recommendations"))
    register = main(page).locator('[data-testid="stDataFrame"]').first
    register.hover()
    toolbar = main(page).locator('[data-testid="stElementToolbar"]').first
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()  # the toolbar is there
    labels = [button.get_attribute("aria-label") for button in toolbar.get_by_role("button").all()]
    assert "Download as CSV" not in labels, labels

    main(page).get_by_test_id("stPopoverButton").filter(has_text="Download").click()
    menu = page.locator('[data-testid="stPopoverBody"]')
    for label in ("All tables (Excel)", "Register (CSV)", "At each board (CSV)"):
        expect(menu.get_by_role("button", name=label)).to_be_visible()
