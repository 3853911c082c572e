"""The Meeting page on a 1280x720 projector: every agenda item in turn, by its next button, with nothing
wider than the screen and no serious accessibility fault; a screenshot of each for people to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.helpers.seeded import rows
from tests.helpers.update_files import ANALYST, writable_copy

from .axe import serious_violations
from .helpers import address, grid_rows, main, metric, open_page, rerun_after, table_after, wait_until_idle
from .servers import Server
from .signed_in import server_with_sign_in, signed_in

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


@pytest.fixture
def secretary_server(seeded_url: str, tmp_path: Path) -> Iterator[Server]:
    """The dashboard with sign-in, on a copy of the seeded database the secretary writes to."""
    with server_with_sign_in(writable_copy(seeded_url, tmp_path), tmp_path) as server:
        yield server


def form(page: Page, heading: str) -> Locator:
    return main(page).locator('[data-testid="stForm"]').filter(has_text=heading)


def save(page: Page, button: str, change: int) -> None:
    """Click `button` and wait for the run after the save: the one saying it is change `change`.

    A save ends its run early and starts another (`st.rerun`); until that one is over the page still
    holds the last save's message and, briefly, two copies of a form."""
    rerun_after(page, main(page).get_by_role("button", name=button).click)
    expect(main(page).get_by_text(f"Saved: change {change} in the audit log")).to_be_visible(timeout=30_000)
    wait_until_idle(page)


def test_a_secretary_records_the_meeting_and_the_next_board_sees_it(browser: Browser, secretary_server: Server) -> None:
    with signed_in(browser, secretary_server, ANALYST, PROJECTOR) as context:
        page = context.new_page()
        open_page(page, secretary_server.url + address("/meeting", meeting="BOARD-2026-10", item="4"))
        assert overflow(page) <= 0  # the secretary's forms fit the projector too
        attendance = form(page, "Attendance")
        attendance.get_by_label("Name").fill("Late member (illustrative)")
        attendance.get_by_label("Organisation").fill("MOPAC")
        save(page, "Save attendance", 2)
        form(page, "A decision on item 4").get_by_label("What the board decided").fill(
            "Ask for the spend forecast monthly"
        )
        save(page, "Save decision", 3)
        action = form(page, "A new action")
        action.get_by_label("Action").fill("Send members the monthly forecast")
        action.get_by_label("Owner").fill("MOPAC Finance (illustrative)")
        save(page, "Save new action", 4)

        open_page(page, secretary_server.url + address("/changes"))  # as at 22 Nov 2026: since the October board
        decisions = table_after(page, "Decisions of the board")
        expect(decisions).to_contain_text("Ask for the spend forecast monthly")
        expect(table_after(page, "Actions from the board")).to_contain_text("Send members the monthly forecast")

        open_page(page, secretary_server.url + address("/meeting", meeting="BOARD-2026-10", item="1"))
        expect(metric(page, "Present")).to_contain_text("6†")  # five members and the late one

        open_page(page, secretary_server.url + address("/audit_log"))
        log = grid_rows(main(page).locator('[data-testid="stDataFrame"]').first)
        edits = [(row["Who"], row["What"], row["Added"]) for row in log if row["What"] == "Quick edit (in the app)"]
        assert edits == [(ANALYST, "Quick edit (in the app)", "1")] * 3


def test_previous_and_next_answer_the_keyboard(projector: Page, app_url: str) -> None:
    open_page(projector, app_url + address("/meeting", meeting="BOARD-2026-10", item="5"))
    buttons = main(projector).locator('[data-testid="stPagination"] button')
    buttons.last.focus()
    rerun_after(projector, lambda: projector.keyboard.press("Enter"), re.compile(r"item=6\b"))
    expect(main(projector).locator("h3").filter(has_text="6. ").first).to_contain_text("Milestones slipped or due")
    buttons.first.focus()
    rerun_after(projector, lambda: projector.keyboard.press("Enter"), re.compile(r"item=5\b"))
    expect(main(projector).locator("h3").filter(has_text="5. ").first).to_contain_text("Risks and issues above target")
