"""Long registers a page at a time in Chromium, on a database whose registers run to several pages:
the keyboard moves to the next page, which reruns that table's fragment alone (read from what the
server sent), the address keeps the page, and the download still holds every row."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.widgets.record_tables import PAGE_ROWS
from data_model.queries.risks import risk_register
from tests.helpers.scopes import scope_at
from tests.helpers.seeded import AS_AT, AS_AT_ISO

from .axe import serious_violations
from .helpers import address, download, open_page, rerun_after, screenshot, sql_value, table_after

pytestmark = pytest.mark.browser

MOST_PRESSES = 120
RAISED = "SELECT COUNT(*) FROM risk WHERE raised_date <= :day"
FOCUSED = "() => document.activeElement.getAttribute('aria-label') || ''"


def received(page: Page) -> list[ForwardMsg]:
    """Every message the server sends this tab from now on, as Streamlit's protobuf."""
    messages: list[ForwardMsg] = []
    page.on(
        "websocket",
        lambda socket: socket.on("framereceived", lambda payload: messages.append(ForwardMsg.FromString(payload))),
    )
    return messages


def register_caption(page: Page):
    return page.locator('[data-testid="stCaptionContainer"]').filter(has_text=re.compile(r"^Rows "))


def test_the_keyboard_moves_to_the_next_page_and_only_the_table_reruns(
    page: Page, long_server, long_registers_engine, screenshots
):
    risks = sql_value(long_registers_engine, RAISED, day=AS_AT_ISO)
    messages = received(page)
    open_page(page, long_server.url + address("/risks"))
    expect(register_caption(page)).to_have_text(re.compile(rf"^Rows 1 to 100 of {risks}, open ones first"))
    register = risk_register(long_registers_engine, scope_at(AS_AT))["title"]
    first_cell = table_after(page, "Register").locator('tbody [role="gridcell"]').first
    expect(first_cell).to_have_text(register[0])

    for _ in range(MOST_PRESSES):  # Tab alone, as a keyboard user moves through the page
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == "Next page":
            break
    assert page.evaluate(FOCUSED) == "Next page", "Tab never reached the register's Next page button"
    before = len(messages)
    rerun_after(page, lambda: page.keyboard.press("Enter"), re.compile(r"[?&]risks_page=2\b"))

    expect(register_caption(page)).to_have_text(re.compile(rf"^Rows 101 to 200 of {risks}, open ones first"))
    expect(first_cell).to_have_text(register[PAGE_ROWS])  # the 101st risk in the register's order
    run = messages[before:]
    finished = [message.script_finished for message in run if message.WhichOneof("type") == "script_finished"]
    assert finished == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]  # not the whole page's run
    deltas = [message.delta for message in run if message.WhichOneof("type") == "delta"]
    assert deltas and all(delta.fragment_id for delta in deltas)
    assert "heading" in [delta.new_element.WhichOneof("type") for delta in deltas]  # "Score history" follows
    assert sum(message.ByteSize() for message in run) < 100 * 1024  # one page of the register and its history
    screenshot(page, screenshots, "risks-paged")


def test_a_copied_link_reopens_the_same_page_of_the_register_and_its_buttons_pass_axe(
    page: Page, long_server, long_registers_engine
):
    risks = sql_value(long_registers_engine, RAISED, day=AS_AT_ISO)
    last = -(-risks // PAGE_ROWS)
    open_page(page, long_server.url + address("/risks", risks_page=str(last)))
    first = (last - 1) * PAGE_ROWS + 1
    expect(register_caption(page)).to_have_text(re.compile(rf"^Rows {first} to {risks} of {risks}, "))
    pages = page.get_by_role("navigation", name="Pagination")
    expect(pages.get_by_role("button", name=f"Page {last}")).to_have_attribute("aria-current", "page")
    assert serious_violations(page) == {}


def test_the_registers_download_still_holds_every_risk(page: Page, long_server, long_registers_engine):
    risks = sql_value(long_registers_engine, RAISED, day=AS_AT_ISO)
    open_page(page, long_server.url + address("/risks"))
    exported = list(csv.DictReader(io.StringIO(download(page, "Register (CSV)").decode("utf-8-sig"))))
    assert len(exported) == risks > PAGE_ROWS
