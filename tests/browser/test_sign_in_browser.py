"""Sign-in for real: the app's "Sign in" button (`st.login`), a local OpenID Connect provider, and back.

The dashboard runs with a secrets file whose ``[auth]`` points at the provider (`identity_provider.py`)
and whose ``[roles]`` list the analyst and the admin; anyone else is a viewer. Each person signs in
on the provider's own form, sees what their role allows, and signs out. Nothing here writes the
sign-in cookie by hand, so a broken `st.login` set-up fails these tests. (An Apply crafted past the
disabled button is refused by the write path: `tests/dashboard/test_update_data.py`.)
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from dashboard.plumbing.sign_in import NO_ADDRESS
from tests.helpers.update_files import ADMIN, ANALYST, VIEWER, csv_bytes, writable_copy

from .helpers import HEADING, main, metric, open_page, rerun_after, wait_until_idle
from .identity_provider import identity_provider, loopback_context, sidebar, sign_in, sign_out
from .servers import Server
from .signed_in import server_with_sign_in

pytestmark = pytest.mark.browser

NO_EMAIL = "someone-without-an-address"
PEOPLE = {
    ANALYST: {"email": ANALYST, "email_verified": True, "name": "Ana Analyst"},
    ADMIN: {"email": ADMIN, "email_verified": True, "name": "Ada Admin"},
    VIEWER: {"email": VIEWER, "email_verified": True, "name": "Vic Viewer"},
    NO_EMAIL: {"name": "No Address"},  # a provider that releases no e-mail claim to the app
}
"""Who the provider signs in, by subject, with the claims it sends the app."""
LAPTOP = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with identity_provider(PEOPLE) as issuer:
        yield issuer


@pytest.fixture(scope="module")
def server(provider: str, seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard signing in through `provider`, on its own copy of the seeded database (the admin writes)."""
    folder = tmp_path_factory.mktemp("sign-in-provider")
    with server_with_sign_in(writable_copy(seeded_url, folder), folder, provider) as server:
        yield server


@pytest.fixture
def tab(browser: Browser, server: Server) -> Iterator[Page]:
    with loopback_context(browser, LAPTOP) as context:
        yield context.new_page()


def update_data_link(page: Page) -> Locator:
    return sidebar(page).get_by_role("link", name="Update data")


def upload_removing_a_row(page: Page) -> None:
    """Download the current data on the Upload files tab and upload its spend.csv less its last row."""
    wait_until_idle(page)  # the zip is made when clicked, from the button's run: click it once that run is over
    button = main(page).get_by_role("button", name="Download the current data")
    expect(button).to_be_enabled()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    with zipfile.ZipFile(Path(download.value.path())) as data:
        reader = csv.DictReader(io.StringIO(data.read("spend.csv").decode("utf-8")))
        spend = csv_bytes(list(reader.fieldnames), list(reader)[:-1])
    upload = [{"name": "spend.csv", "mimeType": "text/csv", "buffer": spend}]
    uploader = main(page).locator('[data-testid="stFileUploader"] input[type="file"]')
    rerun_after(page, lambda: uploader.set_input_files(upload))
    expect(metric(page, "Rows removed")).to_have_text("1")


@pytest.mark.parametrize(("email", "role", "may_remove_rows"), [(ANALYST, "analyst", False), (ADMIN, "admin", True)])
def test_an_analyst_and_an_admin_sign_in_reach_update_data_and_sign_out(
    tab: Page, server: Server, screenshots: Path, email: str, role: str, may_remove_rows: bool
) -> None:
    sign_in(tab, server.url, email)
    expect(sidebar(tab)).to_contain_text(f"Signed in as {email} ({role})")
    tab.screenshot(path=str(screenshots / f"signed-in-{role}.png"))
    rerun_after(tab, update_data_link(tab).click)
    expect(tab.locator(HEADING).first).to_have_text("Update data")

    upload_removing_a_row(tab)
    refusal = main(tab).get_by_text("Removing rows needs an admin")
    apply = main(tab).get_by_role("button", name="Apply")
    if may_remove_rows:
        expect(refusal).to_have_count(0)
        rerun_after(tab, apply.click)  # the write path checks the role again before it removes anything
        expect(main(tab).get_by_text("Applied spend.csv: 0 rows added, 0 changed, 1 removed.")).to_be_visible()
    else:
        expect(refusal).to_be_visible()
        expect(apply).to_be_disabled()

    sign_out(tab, server.url)
    expect(update_data_link(tab)).to_have_count(0)


def test_an_unlisted_address_signs_in_as_a_viewer_without_update_data(tab: Page, server: Server) -> None:
    sign_in(tab, server.url, VIEWER)
    expect(sidebar(tab)).to_contain_text(f"Signed in as {VIEWER} (viewer)")
    expect(update_data_link(tab)).to_have_count(0)
    open_page(tab, server.url + "/update_data")  # by address: Streamlit says there is no such page
    not_found = tab.get_by_role("dialog", name="Page not found")
    expect(not_found).to_be_visible()
    expect(tab.locator(HEADING).first).to_have_text("Board overview")
    expect(main(tab).locator('[data-testid="stFileUploader"]')).to_have_count(0)
    not_found.get_by_role("button", name="Close").click()
    sign_out(tab, server.url)


def test_a_sign_in_without_an_email_address_says_why_it_is_a_viewer(tab: Page, server: Server) -> None:
    sign_in(tab, server.url, NO_EMAIL)
    expect(sidebar(tab)).to_contain_text(NO_ADDRESS)
    expect(sidebar(tab).get_by_role("button", name="Sign in")).to_have_count(0)
    expect(update_data_link(tab)).to_have_count(0)
    sign_out(tab, server.url)
