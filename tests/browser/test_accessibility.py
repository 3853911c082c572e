"""WCAG 2.2 AA, checked by axe-core in Chromium on every page and every state that changes the screen.

Every page on the seed data and on the hostile-text copy, with the sidebar open; then a decision
opened, filters set, the chart data, expanders and Download menu open, the fault page, and Update
data signed in as an analyst. Any serious or critical violation of a WCAG 2.0, 2.1 or 2.2 A or AA
rule fails, unless `ALLOWED` names it for that state: framework markup the app cannot change, each
with its reason. An entry that no longer fires fails too, so the list cannot go stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.update_files import ANALYST

from .axe import serious_violations
from .helpers import HEADING, address, main, open_page, rerun_after, wait_for_lazy_elements
from .servers import Server, serve
from .signed_in import server_with_sign_in, signed_in
from .test_hostile_text_browser import hostile_address, open_every_expander
from .test_pages import PAGES, page_address

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Allowed:
    rule: str
    states: tuple[str, ...]
    reason: str


ALLOWED: tuple[Allowed, ...] = ()
"""Framework markup the app cannot mend, by axe rule and the states where it fires."""


def judged(
    found: dict[str, list[str]], state: str, allowed: tuple[Allowed, ...] = ALLOWED
) -> tuple[dict[str, list[str]], set[str]]:
    """(the violations `allowed` does not excuse in `state`, the rules it excuses there that did not fire)."""
    excused = {entry.rule for entry in allowed if state in entry.states}
    return {rule: nodes for rule, nodes in found.items() if rule not in excused}, excused - set(found)


def check(page: Page, state: str) -> None:
    """No serious or critical violation beyond `ALLOWED`, and every entry allowed here still fires."""
    unexpected, stale = judged(serious_violations(page), state)
    assert not unexpected, f"{state}: " + "\n".join(f"{rule}: {nodes}" for rule, nodes in unexpected.items())
    assert not stale, f"{state}: allowed but no longer found, take them off ALLOWED: {stale}"


def test_the_allow_list_excuses_only_its_rules_in_its_states_and_goes_stale() -> None:
    entry = Allowed("list", ("/",), "an example")
    violation = {"list": ["ul: <ul>"]}
    assert judged(violation, "/", (entry,)) == ({}, set())
    assert judged(violation, "/spend", (entry,)) == (violation, set())
    assert judged({}, "/", (entry,)) == ({}, {"list"})


def expect_sidebar_open(page: Page) -> None:
    expect(page.locator('[data-testid="stSidebarNav"]')).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("As at")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_on_the_seed_data(visit, path: str) -> None:
    page = visit(page_address(path))
    expect_sidebar_open(page)
    check(page, path)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_on_the_hostile_text(hostile_server: Server, page: Page, path: str) -> None:
    open_page(page, hostile_server.url + hostile_address(path))
    expect_sidebar_open(page)
    check(page, f"hostile {path}")


def click_each(page: Page, locator: str) -> Callable[[], None]:
    def click() -> None:
        for control in main(page).locator(locator).all():
            rerun_after(page, control.click)

    return click


def open_download_menu(page: Page) -> None:
    main(page).get_by_test_id("stPopoverButton").filter(has_text="Download").click()
    expect(page.locator('[data-testid="stPopoverBody"]')).to_be_visible()


STATES: dict[str, tuple[str, Callable[[Page], None] | None]] = {
    # state: (address, what to do there before axe runs)
    "no decision chosen": (address("/decisions"), None),
    "a decision opened": (address("/decisions", decision="PCD 1847"), None),
    "filters set": (address("/recommendations", owner_agency="MPS", status=["Red", "Amber"], overdue="true"), None),
    "spend filtered": (address("/spend", decision="PCD 603", year="2019/20"), None),
    "chart data shown": (address("/spend"), lambda page: click_each(page, '[data-testid="stToggle"] label')()),
    "every expander open": (address("/changes"), open_every_expander),
    "download menu open": (address("/compliance"), open_download_menu),
}


@pytest.mark.parametrize("state", STATES)
def test_states_that_change_the_screen(page: Page, app_url: str, state: str) -> None:
    path, action = STATES[state]
    open_page(page, app_url + path)
    if action:
        action(page)
        wait_for_lazy_elements(page)
    check(page, state)


def test_the_fault_page(page: Page, tmp_path: Path) -> None:
    """A SQLite file whose folder cannot be made (a file stands in its place): the fault page."""
    (tmp_path / "blocked").write_text("a file where the database's folder should be")
    with serve(f"sqlite:///{tmp_path / 'blocked' / 'board.db'}", tmp_path / "server.log") as server:
        open_page(page, server.url + address("/"))
        expect(page.locator(HEADING).first).to_have_text("The dashboard cannot use its database")
        main(page).locator('[data-testid="stExpander"] summary').click()
        check(page, "fault page")


@pytest.fixture(scope="module")
def sign_in_server(seeded_url: str, tmp_path_factory: pytest.TempPathFactory):
    with server_with_sign_in(seeded_url, tmp_path_factory.mktemp("sign-in")) as server:
        yield server


def test_update_data_signed_in_as_an_analyst(browser: Browser, page: Page, sign_in_server: Server) -> None:
    with signed_in(browser, sign_in_server, ANALYST, page.viewport_size) as context:
        page = context.new_page()
        open_page(page, sign_in_server.url + "/update_data")
        expect(page.locator(HEADING).first).to_have_text("Update data")
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(f"Signed in as {ANALYST} (analyst)")
        for tab in page.get_by_role("tab").all():
            rerun_after(page, tab.click, always_reruns=False)  # the page reruns to build the open tab's form
            wait_for_lazy_elements(page)
            check(page, f"update data: {tab.inner_text()}")
