"""Keyboard only: the Tab key alone reaches a page's filters, its tables, its chart data and its Download
menu, and each shows where the focus is.

A data grid takes Tab from cell to cell along a row; Escape hands the focus back to the page (the
grid's own keyboard model), as a keyboard user would press it. "Focus visible" is checked on the
screen itself: the control looks different focused and unfocused (a ring, a border, a highlighted cell).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import address, open_page

pytestmark = pytest.mark.browser

MOST_PRESSES = 150
FOCUSED = """() => {
    const element = document.activeElement;
    const widget = element.closest('[data-testid="stMultiSelect"], [data-testid="stCheckbox"],'
        + ' [data-testid="stDataFrame"], [data-testid="stPopover"], [data-testid="stSelectbox"]');
    const grid = element.matches('[data-testid="data-grid-canvas"]');
    return {
        widget: grid ? "data grid" : widget?.dataset.testid ?? null,
        label: element.getAttribute("aria-label") ?? element.innerText?.trim() ?? "",
    };
}"""
WANTED = {
    # what must be reached: (widget, label) as FOCUSED reports them; None matches any label
    "the Owner filter": ("stMultiSelect", "Owner"),
    "the Overdue only filter": ("stCheckbox", "Overdue only"),
    "the register": ("data grid", None),
    "the chart data": ("stCheckbox", "Chart data: Status at each board"),
    "the Download menu": ("stPopover", None),
}


def focus_ring_shows(page: Page) -> bool:
    """Whether the focused control's widget looks different once the focus leaves it (screenshots compared)."""
    box = page.evaluate(
        """() => {
            const widget = document.activeElement.closest('[data-testid]:not([data-testid="data-grid-canvas"])');
            const r = widget.getBoundingClientRect();
            return {x: Math.max(r.x - 8, 0), y: Math.max(r.y - 8, 0), width: r.width + 16, height: r.height + 16};
        }"""
    )
    focused = page.screenshot(clip=box, animations="disabled", caret="hide")
    page.evaluate("() => { window.__focused = document.activeElement; window.__focused.blur(); }")
    unfocused = page.screenshot(clip=box, animations="disabled", caret="hide")
    page.evaluate("() => window.__focused.focus({focusVisible: true})")
    return focused != unfocused


def test_tab_reaches_the_filters_tables_chart_data_and_download_menu(page: Page, app_url: str) -> None:
    open_page(page, app_url + address("/recommendations"))
    reached: dict[str, bool] = {}
    for _ in range(MOST_PRESSES):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        for name, (widget, label) in WANTED.items():
            if name not in reached and focused["widget"] == widget and label in (None, focused["label"]):
                reached[name] = focus_ring_shows(page)
        if focused["widget"] == "data grid":
            page.keyboard.press("Escape")
        if focused["widget"] == "stPopover":
            break
    assert set(reached) == set(WANTED), f"never reached by Tab: {set(WANTED) - set(reached)}"
    assert all(reached.values()), f"focus not visible on: {[name for name, shown in reached.items() if not shown]}"

    page.keyboard.press("Enter")
    menu = page.locator('[data-testid="stPopoverBody"]')
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("button", name="All tables (Excel)")).to_be_focused()
