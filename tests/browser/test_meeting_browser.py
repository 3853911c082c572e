"""The Meeting page on a 1280x720 projector: every agenda item in turn, by its next button, with nothing
wider than the screen and no serious accessibility fault; a screenshot of each for people to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.seeded import rows

from .axe import serious_violations
from .helpers import address, main, open_page, rerun_after

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
SCREENSHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots" / "meeting"


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PROJECTOR, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


def overflow(page: Page) -> int:
    """How far anything reaches past the right edge of the main area (its scroll width over its width)."""
    return page.locator('[data-testid="stMain"]').evaluate("main => main.scrollWidth - main.clientWidth")


def test_the_meeting_walks_every_agenda_item_at_projector_size(projector: Page, app_url: str) -> None:
    agenda = [row for row in rows("agenda_item") if row["meeting_id"] == "BOARD-2026-10"]
    heading = open_page(projector, app_url + address("/meeting", meeting="BOARD-2026-10"))
    expect(heading).to_have_text("Board meeting, 15 Oct 2026†")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for row in agenda:
        number = int(row["number"])
        title = main(projector).locator("h3").filter(has_text=f"{number}. ")
        expect(title.first).to_contain_text(row["title"])
        assert re.search(rf"[?&]item={number}\b", projector.url) or number == 1
        assert overflow(projector) <= 0, f"item {number} is wider than a 1280x720 screen"
        assert not serious_violations(projector), f"item {number}"
        projector.screenshot(path=str(SCREENSHOTS / f"item-{number:02d}.png"))
        if number < len(agenda):
            next_button = main(projector).locator('[data-testid="stPagination"] button').last
            rerun_after(projector, next_button.click, re.compile(rf"item={number + 1}\b"))
